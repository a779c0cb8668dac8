"""The chart rules of the pictures, kept in editable Office charts (Word and PowerPoint alike).

- **Time is a distance**: categories that are dates go on a date axis (``c:dateAx``) whose base
  unit is the dates' precision (years, months, days), so 2011 → 2018 is seven slots wide and
  a hole in the record stays a hole.
- **Lines only between comparable neighbours**: a segment the pictures would not draw
  (``dossier.charts.segments``: a hole, a pair marked not comparable) is not drawn: a missing
  value is a gap, and a series whose known neighbours must not all be joined is drawn as
  markers with its joined runs as separate pieces of line (:class:`LineSeries`).
- **Qualified values look qualified**: a hollow marker on a line, a hatched column for a bar.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pptx.enum.chart import XL_MARKER_STYLE
from pptx.enum.dml import MSO_PATTERN
from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn

from dossier.charts.dates import parse_date, time_positions
from dossier.charts.segments import joined_runs
from dossier.model import ChartSeries, ChartSpec
from dossier.writers.native_charts.numbers import lcid


def rgb(hex_: str) -> RGBColor:
    """Return an "RRGGBB" (or "#rrggbb") string as a colour."""
    return RGBColor.from_string(hex_.lstrip("#").upper())


TIME_KINDS = ("bar", "line", "exports_imports")
UNITS = {"year": ("years", "yyyy"), "month": ("months", "mmm yyyy"), "day": ("days", "d mmm yyyy")}
MAX_LABELS = 8  # date labels on an axis, at most
YEARS_IN_MONTHS = 3  # a record shorter than this many years is labelled by months (or days)
LABEL_STEPS = {"year": (1, 2, 5, 10, 20, 25, 50, 100), "month": (1, 2, 3, 6), "day": (1, 2, 7, 14)}


def time_categories(spec: ChartSpec) -> list[dt.date] | None:
    """Return the categories as dates when the chart stands on a time scale, else None."""
    if spec.kind not in TIME_KINDS or spec.x_scale == "category" or time_positions(spec.categories) is None:
        return None
    dates = [parse_date(c) for c in spec.categories]
    return [dt.date(d.year, d.month or 1, d.day or 1) for d in dates]


def set_time_unit(chart, spec: ChartSpec) -> None:
    """Give the date axis the base unit of the dates' finest precision, and labels a reader can take in.

    The labels step by a round number of years (or months, for a record shorter than
    ``YEARS_IN_MONTHS`` years), at most ``MAX_LABELS`` of them, in the job's locale.
    """
    date_axis = chart._chartSpace.find(qn("c:chart")).find(qn("c:plotArea")).find(qn("c:dateAx"))
    dates = time_categories(spec)
    if date_axis is None or dates is None:
        return
    precisions = {parse_date(c).precision for c in spec.categories}
    finest = "day" if "day" in precisions else "month" if "month" in precisions else "year"
    base = date_axis.find(qn("c:baseTimeUnit"))
    base.set("val", UNITS[finest][0])
    months = (max(dates).year - min(dates).year) * 12 + max(dates).month - min(dates).month
    if finest == "year" or months >= YEARS_IN_MONTHS * 12:
        label_unit = "year"
    else:
        label_unit = "month" if months >= 2 else finest
    span = months / 12 if label_unit == "year" else months if label_unit == "month" else (max(dates) - min(dates)).days
    steps = LABEL_STEPS[label_unit]
    step = next((s for s in steps if span / s <= MAX_LABELS), steps[-1])
    for tag in ("c:majorUnit", "c:majorTimeUnit"):
        for old in date_axis.findall(qn(tag)):
            date_axis.remove(old)
    major = base.makeelement(qn("c:majorUnit"), {"val": str(step)})
    base.addnext(major)
    major.addnext(base.makeelement(qn("c:majorTimeUnit"), {"val": UNITS[label_unit][0]}))
    number_format = date_axis.find(qn("c:numFmt"))
    if number_format is not None:
        code = lcid(spec.locale)
        number_format.set("formatCode", (f"[$-{code:X}]" if code is not None else "") + UNITS[label_unit][1])
        number_format.set("sourceLinked", "0")


@dataclass(frozen=True)
class LineSeries:
    """A series drawn as a line: where it stands among the chart's series, and how its line is drawn.

    Office joins neighbouring points and leaves a gap at a missing value, as the pictures do,
    unless two known neighbours must not be joined (periods of different length, a gap of years,
    another source). Then the series keeps its markers without a line (``own_line`` False) and
    each run of points the pictures join is drawn as a line of its own (``pieces``: extra series
    without markers or legend entry, after all others). A point's own "no line" would be simpler,
    but LibreOffice ignores it and would draw the very segments the rules forbid.
    """

    index: int
    series: ChartSeries
    own_line: bool
    pieces: tuple[tuple[int, ...], ...]


def line_runs(spec: ChartSpec, data: ChartSeries) -> list[list[int]]:
    """Return the runs of category indexes the picture joins with a line (each at least two points)."""
    time = time_categories(spec) is not None
    xs = time_positions(spec.categories) if time else [float(i) for i in range(len(data.values))]
    numbers = [float("nan") if v is None else float(v) for v in data.values]
    return joined_runs(xs, numbers, data, spec.categories, time=time, max_gap=spec.max_gap)


def line_series(spec: ChartSpec, lines: list[tuple[int, ChartSeries]]) -> list[LineSeries]:
    """Return how each of ``lines`` (index among the chart's series, series) is drawn: see :class:`LineSeries`."""
    out = []
    for index, data in lines:
        runs = line_runs(spec, data)
        run_of = {i: n for n, run in enumerate(runs) for i in run}
        known = [i for i, v in enumerate(data.values) if v is not None]
        broken = any(b == a + 1 and (a not in run_of or run_of.get(a) != run_of.get(b))
                     for a, b in zip(known, known[1:]))
        out.append(LineSeries(index, data, not broken, tuple(tuple(run) for run in runs) if broken else ()))
    return out


def mark_qualified(series_shape, data: ChartSeries, color: str, *, line: bool) -> None:
    """Draw qualified values distinctly: a hollow marker on a line, a hatched column."""
    for index, qualifier in enumerate(data.qualifiers):
        if not qualifier or data.values[index] is None:
            continue
        point = series_shape.points[index]
        if line:
            point.marker.style = XL_MARKER_STYLE.CIRCLE
            point.marker.size = 7
            point.marker.format.fill.solid()
            point.marker.format.fill.fore_color.rgb = rgb("FFFFFF")
            point.marker.format.line.color.rgb = rgb(color)
        else:
            point.format.fill.patterned()
            point.format.fill.pattern = MSO_PATTERN.WIDE_UPWARD_DIAGONAL
            point.format.fill.fore_color.rgb = rgb(color)
            point.format.fill.back_color.rgb = rgb("FFFFFF")
