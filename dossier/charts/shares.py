"""Shares for the "share" kind: which slices, in what order, with which percentages (no matplotlib).

Slices run largest first. Beyond ``MAX_SLICES`` the smallest are grouped into one
"Other (n)" slice, always last; a category named "Other" joins it. Percentages are
whole numbers rounded so that they add up to 100 (largest remainder), "<1%" for a
share that rounds to nothing. A missing value is no slice: it is left out of the total.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from dossier.charts.formatting import format_percent, format_value, word
from dossier.charts.theme import series_color
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
    percents = rounded_percents([v for _, v, _ in parts])
    out = []
    for index, ((label, value, members), percent) in enumerate(zip(parts, percents)):
        is_other = other and index == len(parts) - 1
        out.append(Slice(label, value, percent, OTHER_COLOR if is_other else series_color(index), members))
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
