"""Shares for the "share" kind: which slices, in what order, with which percentages (no matplotlib).

Slices run largest first. Beyond ``MAX_SLICES`` the smallest are grouped into one
"Other (n)" slice, always last; a category named "Other" joins it. Percentages are
whole numbers rounded so that they add up to 100 (largest remainder), "<1%" for a
share that rounds to nothing. A missing value is no slice: it is left out of the total.

A series already in percent (its unit says "%" or "percent") is drawn as stated: China's
20.8 % is a slice of 20.8 % of the ring, labelled "20.8%", never re-normalised over the
categories shown. What the stated shares leave of 100 is an explicit "Rest / not stated"
slice, after all others; shares that add up to more than 100 cannot be one ring and fail.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from dossier import qualifiers as q
from dossier.chart_series import is_percent, rest_of_hundred
from dossier.charts.formatting import format_percent, format_value, value_decimals, word
from dossier.charts.theme import series_color
from dossier.palette import REST_COLOR
from dossier.charts.validate import series_values
from dossier.errors import ChartError
from dossier.model import ChartSpec

MAX_SLICES = 6  # at most this many slices, "Other" included
OTHER = "Other"
OTHER_COLOR = "#a9a9a9"


@dataclass(frozen=True, slots=True)
class Slice:
    """One slice: its label, value, percentage as shown, colour, and the categories it stands for."""

    label: str
    value: float
    percent: str
    color: str
    members: tuple[str, ...]
    value_shown: bool = True  # False when the value is the percentage itself


def slices(spec: ChartSpec) -> tuple[list[Slice], list[str]]:
    """Return the slices in drawing order and the categories whose value is missing.

    Fails on more than one series, a negative value, or a total of zero.
    """
    if len(spec.series) > 1:
        labels = ", ".join(repr(s.label) for s in spec.series)
        raise ChartError(f"share chart {spec.title!r} draws one series; got {len(spec.series)}: {labels} "
                         "(draw one chart per series)")
    (values,) = series_values(spec)
    missing = [c for c, v in zip(spec.categories, values) if math.isnan(v)]
    known = [(c, v) for c, v in zip(spec.categories, values) if not math.isnan(v)]
    for category, value in known:
        if value < 0:
            raise ChartError(f"share chart {spec.title!r}: {category} is {format_value(value)}; shares need values of 0 or more")
    total = sum(v for _, v in known)
    if total <= 0:
        raise ChartError(f"share chart {spec.title!r}: the values add up to 0; there is nothing to share")
    named = [(c, v) for c, v in known if c.strip().lower() != OTHER.lower()]
    other = [(c, v) for c, v in known if c.strip().lower() == OTHER.lower()]
    named.sort(key=lambda cv: -cv[1])  # stable: equal values keep their order
    if len(named) + (1 if other else 0) > MAX_SLICES:
        keep = MAX_SLICES - 1
        other = named[keep:] + other
        named = named[:keep]
    parts = [(c, v, (c,)) for c, v in named]
    if other:
        members = tuple(c for c, _ in other)
        grouped = [c for c in members if c.strip().lower() != OTHER.lower()]
        label = f"{word('other')} ({len(grouped)})" if grouped else word("other")
        parts.append((label, sum(v for _, v in other), members))
    colors = [series_color(i) for i in range(len(parts))]
    if other:
        colors[-1] = OTHER_COLOR
    if is_percent(spec.unit):
        stated = sum(v for _, v in known)
        if stated > 100.5:
            raise ChartError(f"share chart {spec.title!r}: the shares add up to {format_value(stated)}%, more than 100; "
                             "a ring shows parts of one whole")
        rest = rest_of_hundred([v for _, v in known])
        if rest:
            parts.append((word("rest"), rest, ()))
            colors.append(REST_COLOR)
        decimals = value_decimals([v for _, v, _ in parts])
        percents = [format_percent(v, decimals) for _, v, _ in parts]
    else:
        percents = rounded_percents([v for _, v, _ in parts])
    marks = {c: spec.series[0].qualifier(i) for i, c in enumerate(spec.categories)}
    out = [Slice(label, value, q.symbol_form(percent, marks.get(members[0], "") if len(members) == 1 else ""),
                 color, members)
           for (label, value, members), percent, color in zip(parts, percents, colors)]
    return out, missing


def rounded_percents(values: list[float]) -> list[str]:
    """Return whole percentages that add up to 100 (largest remainder); "<1%" for a share that rounds to 0."""
    total = sum(values)
    exact = [v * 100 / total for v in values]
    floors = [math.floor(e) for e in exact]
    rest = 100 - sum(floors)
    for i in sorted(range(len(values)), key=lambda i: (-(exact[i] - floors[i]), i))[:rest]:
        floors[i] += 1
    return [("<" + format_percent(1) if v > 0 else format_percent(0)) if p == 0 else format_percent(p)
            for p, v in zip(floors, values)]


def grouped_members(parts: list[Slice]) -> tuple[list[str], bool]:
    """Return the categories the Other slice groups (the source's own \"Other\" left out), and whether it had one."""
    other = next((p for p in parts if p.color == OTHER_COLOR), None)
    if other is None:
        return [], False
    named = [m for m in other.members if m.strip().lower() != OTHER.lower()]
    return named, len(named) < len(other.members)
