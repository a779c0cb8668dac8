"""The chart rules of the pictures, kept in editable Office charts (Word and PowerPoint alike).

- **Time is a distance**: categories that are dates go on a date axis (``c:dateAx``) whose base
  unit is the dates' precision (years, months, days), so 2011 → 2018 is seven slots wide and
  a hole in the record stays a hole.
- **Lines only between comparable neighbours**: a segment the pictures would not draw
  (``dossier.charts.segments``: a hole, a pair marked not comparable) gets no line; in an
  Office line chart a data point's line format is the segment leading into it.
- **Qualified values look qualified**: a hollow marker on a line, a hatched column for a bar.
"""

from __future__ import annotations

import datetime as dt

from pptx.enum.chart import XL_MARKER_STYLE
from pptx.enum.dml import MSO_PATTERN
from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn

from dossier.charts.dates import parse_date, time_positions
from dossier.charts.segments import joined_runs
from dossier.model import ChartSeries, ChartSpec


def rgb(hex_: str) -> RGBColor:
    """Return an "RRGGBB" (or "#rrggbb") string as a colour."""
    return RGBColor.from_string(hex_.lstrip("#").upper())


TIME_KINDS = ("bar", "line", "exports_imports")
UNITS = {"year": ("years", "yyyy"), "month": ("months", "mmm yyyy"), "day": ("days", "d mmm yyyy")}


def time_categories(spec: ChartSpec) -> list[dt.date] | None:
    """Return the categories as dates when the chart stands on a time scale, else None."""
    if spec.kind not in TIME_KINDS or spec.x_scale == "category" or time_positions(spec.categories) is None:
        return None
    dates = [parse_date(c) for c in spec.categories]
    return [dt.date(d.year, d.month or 1, d.day or 1) for d in dates]


def set_time_unit(chart, spec: ChartSpec) -> None:
    """Give the date axis the base unit and label format of the dates' finest precision."""
    date_axis = chart._chartSpace.find(qn("c:chart")).find(qn("c:plotArea")).find(qn("c:dateAx"))
    if date_axis is None:
        return
    precisions = {parse_date(c).precision for c in spec.categories}
    finest = "day" if "day" in precisions else "month" if "month" in precisions else "year"
    unit, fmt = UNITS[finest]
    date_axis.find(qn("c:baseTimeUnit")).set("val", unit)
    number_format = date_axis.find(qn("c:numFmt"))
    if number_format is not None:
        number_format.set("formatCode", fmt)
        number_format.set("sourceLinked", "0")


def break_segments(series_shape, data: ChartSeries, values: list[float | None], spec: ChartSpec) -> None:
    """Hide the line into every point that the pictures would not join to its neighbour."""
    dates = time_categories(spec)
    time = dates is not None
    xs = time_positions(spec.categories) if time else [float(i) for i in range(len(values))]
    numbers = [float("nan") if v is None else float(v) for v in values]
    joined = {b for run in joined_runs(xs, numbers, data, spec.categories, time=time, max_gap=spec.max_gap)
              for b in run[1:]}
    if not joined:  # markers only: no line at all (LibreOffice ignores a point's own "no line")
        series_shape.format.line.fill.background()
        return
    for index, value in enumerate(values):
        if value is not None and index not in joined:
            series_shape.points[index].format.line.fill.background()


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
