"""Editable PowerPoint charts for chart blocks that ask for ``native: true``.

The data is embedded (an Excel workbook inside the chart part), so a presenter can edit it
in PowerPoint. Kinds: "bar" (clustered columns), "ranked" (horizontal bars), "line" (lines
with markers; a missing value is a gap), "share" (a doughnut), and "exports_imports": a
combo chart python-pptx cannot make by itself, built here at the XML level: exports and
imports as clustered columns, the balance (exports − imports, only where both are known)
as a line with markers on the SAME value axis as the columns, so that the chart has one zero.
Colours are the charts' palette (with generated tints past its end, never a repeat). The
honesty rules of the pictures hold here too: column and line value axes include zero, and a
share series given in percent is drawn as stated, with an explicit "Rest / not stated" slice.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime

from lxml import etree
from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.oxml.ns import qn
from pptx.util import Pt
from xlsxwriter import Workbook

from dossier.chart_series import is_percent, rest_of_hundred
from dossier.charts.formatting import chart_locale, word
from dossier.model import ChartSeries, ChartSpec
from dossier.palette import PALETTE as BASE_PALETTE
from dossier.palette import series_colors
from dossier.writers.pptx.boxes import PictureBox
from dossier.writers.pptx.chart_truth import break_segments, mark_qualified, set_time_unit, time_categories
from dossier.writers.pptx.emit import emu, rgb, set_rect
from dossier.writers.pptx.fonts import current_fonts
from dossier.writers.pptx.text import clean

# Copied from dossier/charts/theme.py (BALANCE, TEXT, GRID): that module imports
# matplotlib, which the writers must not. The series colours come from dossier.palette.
PALETTE = tuple(color.lstrip("#").upper() for color in BASE_PALETTE)
BALANCE = "2B2B2B"
TEXT = "222222"
GRID = "DCDCDC"
REST = "DCDCDC"  # the "Rest / not stated" slice (dossier/charts/shares.py REST_COLOR)
CHART_TYPES = {
    "bar": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "exports_imports": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "ranked": XL_CHART_TYPE.BAR_CLUSTERED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "share": XL_CHART_TYPE.DOUGHNUT,
}
TEXT_PT = 14
WORKBOOK_TIME = datetime(2000, 1, 1)  # the embedded workbook's dates: fixed, so the deck is reproducible


class _WorkbookWriter(CategoryWorkbookWriter):
    """python-pptx's workbook writer with a fixed creation time instead of the clock."""

    @contextmanager
    def _open_worksheet(self, xlsx_file):
        workbook = Workbook(xlsx_file, {"in_memory": True})
        workbook.set_properties({"created": WORKBOOK_TIME})
        worksheet = workbook.add_worksheet()
        yield workbook, worksheet
        workbook.close()


class _ChartData(CategoryChartData):
    @property
    def _workbook_writer(self):
        return _WorkbookWriter(self)


def balance(exports: tuple[float | None, ...], imports: tuple[float | None, ...]) -> tuple[float | None, ...]:
    """Return exports − imports per category, None unless both are known."""
    return tuple(e - i if e is not None and i is not None else None for e, i in zip(exports, imports))


def chart_word(spec: ChartSpec, key: str) -> str:
    """Return one of the charts' own words ("balance", "rest") in the chart's locale, as the pictures say it."""
    with chart_locale(spec.locale):
        return word(key)


def chart_data(spec: ChartSpec) -> _ChartData:
    """Return the data to embed: the spec's categories and series (plus the balance for a combo)."""
    data = _ChartData(number_format="General")
    if spec.kind == "share":
        values = spec.series[0].values
        keep = [i for i, v in enumerate(values) if v is not None]
        categories = [spec.categories[i] for i in keep]
        shares = [values[i] for i in keep]
        rest = rest_of_hundred(shares) if is_percent(spec.unit) else 0.0
        data.categories = categories + [chart_word(spec, "rest")] * bool(rest)
        data.add_series(spec.series[0].label, shares + [rest] * bool(rest))
        return data
    dates = time_categories(spec)
    data.categories = dates if dates is not None else list(spec.categories)
    for s in spec.series:
        data.add_series(s.label, s.values)
    if spec.kind == "exports_imports" and len(spec.series) >= 2:
        data.add_series(chart_word(spec, "balance"), balance(spec.series[0].values, spec.series[1].values))
    return data


def add_native_chart(slide, item: PictureBox, ph=None):
    """Add an editable chart for ``item.visual.chart`` in ``item.rect`` (into a chart placeholder when given)."""
    spec = item.visual.chart
    assert spec is not None
    kind = CHART_TYPES[spec.kind]
    data = chart_data(spec)
    r = item.rect
    if ph is not None:
        frame = ph.insert_chart(kind, data)
        set_rect(frame, r)
    else:
        frame = slide.shapes.add_chart(kind, emu(r.x), emu(r.y), emu(r.w), emu(r.h), data)
    c_nv_pr = frame._element.find(qn("p:nvGraphicFramePr")).find(qn("p:cNvPr"))
    c_nv_pr.set("name", clean(f"Chart: {spec.title}")[:250])
    c_nv_pr.set("descr", clean(item.visual.alt))
    chart = frame.chart
    _style(chart, spec)
    set_time_unit(chart, spec)
    shapes = list(chart.series)
    if spec.kind in ("bar", "line", "exports_imports"):
        palette = _palette(spec, len(spec.series))
        for shape, data, color in zip(shapes, spec.series, palette):
            mark_qualified(shape, data, color, line=spec.kind == "line")
            if spec.kind == "line":
                break_segments(shape, data, list(data.values), spec)
    if spec.kind == "exports_imports" and len(spec.series) >= 2:
        _make_combo(chart, spec.unit)
        line = list(chart.series)[-1]  # now a line series
        _line_style(line, BALANCE)
        exports = spec.series[0]
        net = balance(spec.series[0].values, spec.series[1].values)
        break_segments(line, ChartSeries(chart_word(spec, "balance"), net, comparable=exports.comparable), list(net), spec)
    renumber_axes(chart._chartSpace)
    return frame


def renumber_axes(chart_space) -> None:
    """Give the chart's axes the ids 1, 2, … in order of first mention.

    python-pptx draws axis ids at random from the signed range, and Office's schema types them
    unsigned (``xsd:unsignedInt``): a negative id fails Microsoft's validator. The ids only link
    a plot to its axes and an axis to the one it crosses, so any consistent numbering serves.
    """
    links = [el for el in chart_space.iter(qn("c:axId"), qn("c:crossAx")) if el.get("val") is not None]
    ids: dict[str, str] = {}
    for el in links:
        el.set("val", ids.setdefault(el.get("val"), str(len(ids) + 1)))


def _palette(spec: ChartSpec, count: int) -> list[str]:
    """The series colours as RRGGBB: the project's palette (or the built-in one), then distinct tints."""
    return [c.lstrip("#").upper() for c in series_colors(count, tuple(spec.palette))]


def _style(chart, spec: ChartSpec) -> None:
    fonts = current_fonts()
    chart.font.size = Pt(TEXT_PT)
    chart.font.name = fonts.body
    chart.font.color.rgb = rgb(TEXT)
    chart.has_title = False  # the slide's title says what the chart shows (the shape's name and alt text keep it)
    space = chart._chartSpace
    disp = space.find(qn("c:chart")).find(qn("c:dispBlanksAs"))
    if disp is not None:
        disp.set("val", "gap")
    series = list(chart.series)
    palette = _palette(spec, len(list(series[0].points)) if spec.kind == "share" else len(series))
    if spec.kind == "share":
        plot = chart.plots[0]
        plot.vary_by_categories = True
        points = list(series[0].points)
        for i, point in enumerate(points):
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = rgb(palette[i])
        percent = is_percent(spec.unit)
        if percent and len(points) > len([v for v in spec.series[0].values if v is not None]):
            points[-1].format.fill.fore_color.rgb = rgb(REST)  # the rest of 100 %: light grey, last
        plot.has_data_labels = True
        labels = plot.data_labels
        if percent:  # the values are the percentages: shown as stated, never re-normalised
            labels.show_percentage, labels.show_value, labels.number_format = False, True, '0.0"%"'
        else:
            labels.show_percentage, labels.show_value, labels.number_format = True, False, "0%"
        labels.number_format_is_linked = False
        labels.font.color.rgb, labels.font.bold = rgb("FFFFFF"), True
        chart.has_legend = True
        chart.legend.position, chart.legend.include_in_layout = XL_LEGEND_POSITION.RIGHT, False
        return
    for i, s in enumerate(series):
        if spec.kind == "line":
            _line_style(s, palette[i])
        elif s.name != chart_word(spec, "balance"):
            s.format.fill.solid()
            s.format.fill.fore_color.rgb = rgb(palette[i])
    chart.has_legend = len(series) > 1
    if chart.has_legend:
        chart.legend.position, chart.legend.include_in_layout = XL_LEGEND_POSITION.BOTTOM, False
    value_axis = chart.value_axis
    value_axis.has_major_gridlines = True
    value_axis.major_gridlines.format.line.color.rgb = rgb(GRID)
    value_axis.tick_labels.number_format, value_axis.tick_labels.number_format_is_linked = "#,##0", False
    _from_zero(value_axis, spec)
    if spec.unit:
        value_axis.has_title = True
        value_axis.axis_title.text_frame.text = clean(spec.unit)
        value_axis.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(TEXT_PT)


def _line_style(s, color: str) -> None:
    """Draw a series as a line with round markers in ``color``."""
    s.format.line.color.rgb = rgb(color)
    s.format.line.width = Pt(2.25)
    s.smooth = False
    s.marker.style = XL_MARKER_STYLE.CIRCLE
    s.marker.size = 7
    s.marker.format.fill.solid()
    s.marker.format.fill.fore_color.rgb = rgb(color)
    s.marker.format.line.color.rgb = rgb(color)


def _make_combo(chart, unit: str) -> None:
    """Move the last series of a clustered column chart onto a line chart that shares the columns' axes.

    One category axis and one value axis for both: the balance's zero is the columns' zero.
    """
    plot_area = chart._chartSpace.find(qn("c:chart")).find(qn("c:plotArea"))
    bar = plot_area.find(qn("c:barChart"))
    ser = bar.findall(qn("c:ser"))[-1]
    bar.remove(ser)
    for tag in ("c:invertIfNegative", "c:spPr"):
        for el in ser.findall(qn(tag)):
            ser.remove(el)
    marker = etree.SubElement(ser, qn("c:marker"))
    etree.SubElement(marker, qn("c:symbol")).set("val", "circle")
    ser.find(qn("c:tx")).addnext(marker)
    etree.SubElement(ser, qn("c:smooth")).set("val", "0")
    line = etree.Element(qn("c:lineChart"))
    etree.SubElement(line, qn("c:grouping")).set("val", "standard")
    etree.SubElement(line, qn("c:varyColors")).set("val", "0")
    line.append(ser)
    etree.SubElement(line, qn("c:marker")).set("val", "1")
    for ax_id in bar.findall(qn("c:axId")):  # the columns' category and value axes
        etree.SubElement(line, qn("c:axId")).set("val", ax_id.get("val"))
    bar.addnext(line)


def _from_zero(value_axis, spec: ChartSpec) -> None:
    """Make the value axis include zero (PowerPoint's automatic scale may start a line chart above it)."""
    values = [v for s in spec.series for v in s.values if v is not None]
    if spec.kind == "exports_imports" and len(spec.series) >= 2:
        values += [v for v in balance(spec.series[0].values, spec.series[1].values) if v is not None]
    if not values or (spec.kind == "line" and not spec.y_from_zero):
        return
    if min(values) >= 0:
        value_axis.minimum_scale = 0
    elif max(values) <= 0:
        value_axis.maximum_scale = 0
