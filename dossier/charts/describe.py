"""Alternative text written from the data, for charts whose spec gives none.

Says what kind of chart it is, what it covers, and per series its lowest and
highest value with their category and the direction from first to last value; for
a share chart each slice's percentage, for a ranked chart the ranking, for a
timeline the span and the first events. Needs no matplotlib.
"""

from __future__ import annotations

import math
import re

from dossier.charts.dates import parse_date
from dossier.charts.formatting import chart_locale, current_locale, format_value
from dossier.charts.shares import grouped_members, slices
from dossier.errors import ChartError
from dossier.messages import N_, translate
from dossier.model import ChartSpec

_PERIOD = re.compile(r"^\d{4}(?:\s*[-/ ]\s*(?:\d{1,2}|Q[1-4]|H[12]))?$|^(?:Q[1-4]|H[12])\s*\d{4}$", re.IGNORECASE)

KIND_NAMES = {
    "bar": N_("Bar chart"),
    "exports_imports": N_("Bar chart of exports and imports with the trade balance"),
    "line": N_("Line chart"),
    "ranked": N_("Ranked bar chart"),
    "share": N_("Doughnut chart of shares"),
    "timeline": N_("Timeline"),
}
TRENDS = {"unchanged": N_("unchanged"), "flat": N_("roughly flat"), "up": N_("rising"), "down": N_("falling")}


def _(message: str) -> str:
    """The alt text's words in the chart's locale (its catalogue; see dossier.messages)."""
    return translate(current_locale(), message)
LISTED = 12  # at most this many events or ranked categories are named one by one


def describe_chart(spec: ChartSpec) -> str:
    """Return alt text for ``spec`` (a few sentences, plain text) in the spec's locale."""
    with chart_locale(spec.locale):
        return _describe(spec)


def _describe(spec: ChartSpec) -> str:
    name = _(KIND_NAMES[spec.kind]) if spec.kind in KIND_NAMES else spec.kind
    head = f"{name}: {spec.title}" if spec.title.strip() else name
    if spec.kind == "timeline":
        return " ".join([head + ".", _describe_events(spec)]).strip()
    unit = f", {spec.unit}" if spec.unit.strip() else ""
    if spec.kind == "share":
        parts = [head + unit + ".", _describe_shares(spec)]
    elif spec.kind == "ranked":
        parts = [head + unit + ".", _describe_ranking(spec)]
        for series in spec.series[1:]:
            parts.append(_describe_series(series.label, spec.categories, series.values, False))
    else:
        periods = _is_periods(spec.categories)
        parts = [head + unit + _span(spec.categories, periods) + "."]
        for series in spec.series:
            parts.append(_describe_series(series.label, spec.categories, series.values, periods))
    if spec.kind == "exports_imports" and len(spec.series) == 2:
        parts.append(_describe_balance(spec))
    if spec.source.strip():
        source = _("Source: {}").format(spec.source.strip())
        parts.append(source if source.endswith(".") else source + ".")
    return " ".join(p for p in parts if p)


def _is_periods(categories: tuple[str, ...]) -> bool:
    """Whether the categories are years or periods (so that "from first to last" is a trend)."""
    return len(categories) > 1 and all(_PERIOD.match(c.strip()) for c in categories)


def _span(categories: tuple[str, ...], periods: bool) -> str:
    if not categories:
        return ""
    if periods:
        return f", {categories[0]}\N{EN DASH}{categories[-1]}"
    if len(categories) <= 4:
        return ", " + ", ".join(categories)
    return _(", {n} categories from {first} to {last}").format(n=len(categories), first=categories[0], last=categories[-1])


def _known(categories, values) -> list[tuple[str, float]]:
    return [(c, float(v)) for c, v in zip(categories, values)
            if v is not None and not isinstance(v, bool) and isinstance(v, (int, float)) and not math.isnan(v)]


def _trend(first: float, last: float) -> str:
    if first == last:
        return _(TRENDS["unchanged"])
    scale = max(abs(first), abs(last))
    if abs(last - first) <= 0.05 * scale:
        return _(TRENDS["flat"])
    return _(TRENDS["up"] if last > first else TRENDS["down"])


def _describe_series(label: str, categories, values, periods: bool) -> str:
    known = _known(categories, values)
    if not known:
        return _("{label}: no values reported.").format(label=label)
    missing = len(categories) - len(known)
    gap = _(" {missing} of {total} values not reported.").format(missing=missing, total=len(categories)) if missing else ""
    if len(known) == 1:
        c, v = known[0]
        return _("{label}: {value} in {category}.").format(label=label, value=format_value(v), category=c) + gap
    low = min(known, key=lambda cv: cv[1])
    high = max(known, key=lambda cv: cv[1])
    text = _("{label}: highest {high} in {high_category}, lowest {low} in {low_category}").format(
        label=label, high=format_value(high[1]), high_category=high[0], low=format_value(low[1]), low_category=low[0])
    if periods:
        (c0, v0), (c1, v1) = known[0], known[-1]
        text += _("; {trend} overall, from {first} in {first_category} to {last} in {last_category}").format(
            trend=_trend(v0, v1), first=format_value(v0), first_category=c0, last=format_value(v1), last_category=c1)
    return text + "." + gap


def _describe_balance(spec: ChartSpec) -> str:
    exports, imports = spec.series
    both = [(c, e - i) for c, e, i in zip(spec.categories, exports.values, imports.values)
            if isinstance(e, (int, float)) and isinstance(i, (int, float))
            and not math.isnan(e) and not math.isnan(i)]
    if not both:
        return ""
    surplus = sum(1 for _, b in both if b > 0)
    low = min(both, key=lambda cb: cb[1])
    high = max(both, key=lambda cb: cb[1])
    return _("Balance (exports minus imports): surplus in {surplus} of {total} periods with both values; "
             "lowest {low} in {low_category}, highest {high} in {high_category}.").format(
        surplus=surplus, total=len(both), low=format_value(low[1]), low_category=low[0],
        high=format_value(high[1]), high_category=high[0])


def _describe_shares(spec: ChartSpec) -> str:
    """Each slice with its percentage and value, what "Other" groups, and what was not reported."""
    try:
        parts, missing = slices(spec)
    except ChartError:  # alt text never fails; the drawing reports the spec's problem
        return ""
    total = sum(p.value for p in parts)
    text = _("Total {total}: ").format(total=format_value(total)) + "; ".join(
        f"{p.label} {p.percent} ({format_value(p.value)})" for p in parts)
    named, had_other = grouped_members(parts)
    if named:
        text += ". " + _("{other} groups {names}").format(other=parts[-1].label, names=", ".join(named))
        text += _(" and the source's Other") if had_other else ""
    if missing:
        text += ". " + _("Not reported: {}").format(", ".join(missing))
    return text + "."


def _describe_ranking(spec: ChartSpec) -> str:
    """The categories from the largest value of the first series down, then the ones not reported."""
    if not spec.series:
        return ""
    first = spec.series[0]
    known = sorted(_known(spec.categories, first.values), key=lambda cv: -cv[1])
    missing = [c for c in spec.categories if c not in {k for k, _ in known}]
    if not known:
        return _("{label}: no values reported.").format(label=first.label)
    listed = "; ".join(f"{c} {format_value(v)}" for c, v in known[:LISTED])
    more = _("; and {n} more down to {last}").format(
        n=len(known) - LISTED, last=f"{known[-1][0]} {format_value(known[-1][1])}") if len(known) > LISTED else ""
    text = _("{label}, {n} categories from highest to lowest: {listed}").format(
        label=first.label, n=len(known), listed=listed) + more + "."
    if missing:
        text += " " + _("Not reported: {}").format(", ".join(missing)) + "."
    return text


def _describe_events(spec: ChartSpec) -> str:
    events = []
    for event in spec.events:
        try:
            events.append((parse_date(event.date).position, parse_date(event.date).display, event.label))
        except ChartError:  # alt text never fails; the drawing reports bad dates
            continue
    if not events:
        return _("No events.")
    events.sort(key=lambda e: e[0])
    first, last = events[0], events[-1]
    if len(events) == 1:
        return _("One event: {date}, {label}.").format(date=first[1], label=first[2])
    listed = "; ".join(f"{d}: {label}" for _position, d, label in events[:LISTED])
    more = _("; and {n} more").format(n=len(events) - LISTED) if len(events) > LISTED else ""
    return _("{n} events from {first} to {last}.").format(n=len(events), first=first[1], last=last[1]) + f" {listed}{more}."
