"""Checks on a ChartSpec that are the user's to fix; each failure is a ChartError."""

from __future__ import annotations

import math

from dossier.charts.theme import palette_in_force
from dossier.palette import max_series
from dossier.errors import ChartError
from dossier.model import ChartSpec


def series_values(spec: ChartSpec, *, exactly: int | None = None) -> list[list[float]]:
    """Return each series' values as floats, NaN where missing; fail on a malformed spec.

    Checks: categories present, at least one series (or ``exactly`` that many), every
    series as long as the categories, every value a finite number or None, at least one value.
    """
    if not spec.categories:
        raise ChartError(f"{spec.kind} chart {spec.title!r} has no categories")
    if exactly is not None and len(spec.series) != exactly:
        labels = ", ".join(repr(s.label) for s in spec.series) or "none"
        raise ChartError(
            f"{spec.kind} chart {spec.title!r} needs exactly {exactly} series "
            f"(exports, imports); got {len(spec.series)}: {labels}"
        )
    if not spec.series:
        raise ChartError(f"{spec.kind} chart {spec.title!r} has no series")
    most = max_series(palette_in_force())
    if len(spec.series) > most:
        raise ChartError(
            f"{spec.kind} chart {spec.title!r} has {len(spec.series)} series; at most {most} can be told apart"
        )
    out: list[list[float]] = []
    for series in spec.series:
        if len(series.values) != len(spec.categories):
            raise ChartError(
                f"series {series.label!r} has {len(series.values)} values but there are "
                f"{len(spec.categories)} categories ({_span(spec.categories)})"
            )
        values: list[float] = []
        for category, value in zip(spec.categories, series.values):
            values.append(_number(value, series.label, category))
        out.append(values)
    if all(math.isnan(v) for values in out for v in values):
        raise ChartError(f"{spec.kind} chart {spec.title!r} has no values (every value is missing)")
    return out


def _number(value: object, label: str, category: str) -> float:
    if value is None:
        return math.nan
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ChartError(f"series {label!r}, {category}: {value!r} is not a number")
    number = float(value)
    if math.isinf(number):
        raise ChartError(f"series {label!r}, {category}: {value!r} is not a finite number")
    return number  # NaN stays NaN: a missing value


def _span(categories: tuple[str, ...]) -> str:
    if len(categories) <= 3:
        return ", ".join(categories)
    return f"{categories[0]} … {categories[-1]}"
