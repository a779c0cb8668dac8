"""The series of a chart block, taken from the data rows: values, qualifiers, comparability, absences.

Pure Python, used by ``chart_blocks.resolve_chart``. The rules it enforces:

- one value per x in a series: two rows with values for the same x are an error naming both
  rows (``file:line``), unless ``group:`` (or ``where:``) tells them apart;
- a qualifier (``>``, ``<``, ``~``; see ``dossier.qualifiers``) comes from the series' own
  ``qualifier:`` column, else the chart's ``qualifier:`` key, else a column named ``qualifier``;
- ``comparable_by: COLUMN`` gives each point the value a line needs to join it to its neighbour
  (an empty cell: comparable with nothing, a marker only);
- a grouped series is *absent* where its group has no row (nothing drawn), *missing* where a row
  has an empty cell (marked "n/r");
- when every x is a date (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) and the chart is not
  ``x_scale: category``, the categories are put in time order.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dossier import qualifiers as q
from dossier.errors import ChartError
from dossier.model import ChartSeries

Fail = Callable[[str], ChartError]


@dataclass(frozen=True, slots=True)
class SeriesSpec:
    """One series as the chart block names it: the value column, its label, its qualifier column."""

    column: str
    label: str
    qualifier: str | None = None


def category_of(value: Any) -> str:
    """Return the category text of an x value (2017.0 → "2017"; None → "")."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value)


def origin(row: dict, fallback: str) -> str:
    """Return where a row was written ("data/x/trade.csv:7"), or ``fallback``."""
    return getattr(row, "origin", "") or fallback


def build_series(
    rows: list[dict], x: str, specs: list[SeriesSpec], *, group: str | None, comparable_by: str | None,
    data_name: str, fail: Fail, time_order: Callable[[list[str]], list[str] | None] | None = None,
) -> tuple[list[str], list[ChartSeries]]:
    """Return the categories and the series of a chart over ``rows``."""
    categories = list(dict.fromkeys(category_of(row.get(x)) for row in rows))
    if time_order is not None:
        categories = time_order(categories) or categories
    position = {c: i for i, c in enumerate(categories)}
    groups = [None] if group is None else groups_by_weight(rows, group, specs[0].column if specs else "")
    series: list[ChartSeries] = []
    for spec in specs:
        for group_value in groups:
            mine = [(i, row) for i, row in enumerate(rows) if group is None or str(row.get(group)) == group_value]
            values: list[float | None] = [None] * len(categories)
            quals = [""] * len(categories)
            comparable: list[str | None] = [None] * len(categories)
            seen: dict[int, str] = {}
            for index, row in mine:
                where = origin(row, f"row {index + 1} of {data_name}")
                at = position[category_of(row.get(x))]
                value = row.get(spec.column)
                if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
                    raise fail(f"series {spec.column!r} holds text {value!r} ({where}); values must be numbers or empty")
                if value is None and at in seen:
                    continue  # an empty cell beside a row that gives the value
                if value is not None and values[at] is not None:
                    raise fail(f"two values for {categories[at]!r} in series {spec.column!r}: {seen[at]} and {where}; "
                               "add group: or where: to tell them apart")
                seen[at] = where
                values[at] = None if value is None else float(value)
                quals[at] = _qualifier(row, spec.qualifier, where, fail)
                if comparable_by is not None:
                    text = category_of(row.get(comparable_by)).strip()
                    comparable[at] = text or None
            if group is not None and all(v is None for v in values):
                continue  # this group reported nothing for this series
            label = spec.label if group_value is None else f"{spec.label} ({group_value})"
            absent = tuple(i for i in range(len(categories)) if i not in seen)
            series.append(ChartSeries(
                label, tuple(values), qualifiers=tuple(quals) if any(quals) else (),
                comparable=tuple(comparable) if comparable_by is not None else (), absent=absent,
            ))
    return categories, series


def groups_by_weight(rows: list[dict], group: str, column: str) -> list[str]:
    """Return the group values, the one with the most values in ``column`` first (ties: first seen first).

    Series take the palette in order, so the strongest colour goes to the group that carries the
    chart (the side that reports most years), not to whichever group the data happens to list first.
    """
    seen = list(dict.fromkeys(str(row.get(group)) for row in rows))
    counts = {g: 0 for g in seen}
    for row in rows:
        value = row.get(column)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            counts[str(row.get(group))] += 1
    return sorted(seen, key=lambda g: -counts[g])


def keep_categories(categories: list[str], series: list[ChartSeries], keep: list[int]) -> tuple[list[str], list[ChartSeries]]:
    """Return the categories at ``keep`` and every series cut to them."""
    renumber = {old: new for new, old in enumerate(keep)}

    def cut(values: tuple) -> tuple:
        return tuple(values[i] for i in keep) if values else ()

    return [categories[i] for i in keep], [
        ChartSeries(s.label, cut(s.values), qualifiers=cut(s.qualifiers), comparable=cut(s.comparable),
                    absent=tuple(renumber[i] for i in s.absent if i in renumber))
        for s in series
    ]


def _qualifier(row: dict, column: str | None, where: str, fail: Fail) -> str:
    if column is None:
        return ""
    try:
        return q.normalise(row.get(column))
    except ValueError as exc:
        raise fail(f"{exc} ({where}, column {column!r})") from None


_PERCENT_WORDS = ("percent", "per cent")


def is_percent(unit: str) -> bool:
    """Whether a unit says the values are percentages of one whole ("%", "percent", "% of imports")."""
    text = unit.strip().lower()
    return "%" in text or any(word in text for word in _PERCENT_WORDS)


def rest_of_hundred(values: list[float]) -> float:
    """Return what stated percentages leave of 100 (0 when they add up to 100 within rounding)."""
    rest = 100.0 - sum(values)
    return rest if rest > 0.05 else 0.0


def rank_order(values: list[float]) -> list[int]:
    """Return category indexes from the largest value down; missing values (None or NaN) last, in their order."""
    def missing(i: int) -> bool:
        return values[i] is None or math.isnan(values[i])

    return sorted(range(len(values)), key=lambda i: (missing(i), 0 if missing(i) else -values[i], i))
