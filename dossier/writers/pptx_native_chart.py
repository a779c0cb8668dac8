"""Editable PowerPoint charts for chart blocks that ask for ``native: true``.

The data is embedded (an Excel workbook inside the chart part), so a presenter can edit it
in PowerPoint. Kinds: "bar" (clustered columns), "ranked" (horizontal bars), "line" (lines
with markers; a missing value is a gap), "share" (a doughnut), and "exports_imports": a
combo chart python-pptx cannot make by itself, built here at the XML level: exports and
imports as clustered columns, the balance (exports − imports, only where both are known)
as a line with markers on a secondary value axis. Colours are the charts' palette.
"""

from __future__ import annotations

import copy
from contextlib import contextmanager
from datetime import datetime

from lxml import etree
from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.oxml.ns import qn
from pptx.util import Pt
from xlsxwriter import Workbook

from dossier.model import ChartSpec
from dossier.writers.pptx_boxes import PictureBox
from dossier.writers.pptx_emit import emu, rgb, set_rect
from dossier.writers.pptx_fonts import current_fonts
from dossier.writers.pptx_text import clean

# Copied from dossier/charts/theme.py (PALETTE, BALANCE, TEXT, GRID): that module imports
# matplotlib, which the writers must not.
PALETTE = ("1F4E79", "E07B24", "2A9D8F", "8E5EA2", "B8A31F", "C0392B")
BALANCE = "2B2B2B"
TEXT = "222222"
GRID = "DCDCDC"
BALANCE_LABEL = "Balance (exports \N{MINUS SIGN} imports)"
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


def chart_data(spec: ChartSpec) -> _ChartData:
    """Return the data to embed: the spec's categories and series (plus the balance for a combo)."""
    data = _ChartData(number_format="General")
    if spec.kind == "share":
        values = spec.series[0].values
        keep = [i for i, v in enumerate(values) if v is not None]
        data.categories = [spec.categories[i] for i in keep]
        data.add_series(spec.series[0].label, [values[i] for i in keep])
        return data
    data.categories = list(spec.categories)
    for s in spec.series:
        data.add_series(s.label, s.values)
    if spec.kind == "exports_imports" and len(spec.series) >= 2:
        data.add_series(BALANCE_LABEL, balance(spec.series[0].values, spec.series[1].values))
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
    if spec.kind == "exports_imports" and len(spec.series) >= 2:
        _make_combo(chart, spec.unit)
        _line_style(list(chart.series)[-1], BALANCE)
    return frame


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
    palette = tuple(color.lstrip("#").upper() for color in spec.palette) or PALETTE  # the project's, if set
    if spec.kind == "share":
        plot = chart.plots[0]
        plot.vary_by_categories = True
        for i, point in enumerate(series[0].points):
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = rgb(palette[i % len(palette)])
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.show_percentage, labels.show_value, labels.number_format = True, False, "0%"
        labels.number_format_is_linked = False
        labels.font.color.rgb, labels.font.bold = rgb("FFFFFF"), True
        chart.has_legend = True
        chart.legend.position, chart.legend.include_in_layout = XL_LEGEND_POSITION.RIGHT, False
        return
    for i, s in enumerate(series):
        if spec.kind == "line":
            _line_style(s, palette[i % len(palette)])
        elif s.name != BALANCE_LABEL:
            s.format.fill.solid()
            s.format.fill.fore_color.rgb = rgb(palette[i % len(palette)])
    chart.has_legend = len(series) > 1
    if chart.has_legend:
        chart.legend.position, chart.legend.include_in_layout = XL_LEGEND_POSITION.BOTTOM, False
    value_axis = chart.value_axis
    value_axis.has_major_gridlines = True
    value_axis.major_gridlines.format.line.color.rgb = rgb(GRID)
    value_axis.tick_labels.number_format, value_axis.tick_labels.number_format_is_linked = "#,##0", False
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
    """Move the last series of a clustered column chart onto a line chart with its own value axis."""
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
    cat_id, val_id = "50010", "50020"
    line = etree.Element(qn("c:lineChart"))
    etree.SubElement(line, qn("c:grouping")).set("val", "standard")
    etree.SubElement(line, qn("c:varyColors")).set("val", "0")
    line.append(ser)
    etree.SubElement(line, qn("c:marker")).set("val", "1")
    for ax in (cat_id, val_id):
        etree.SubElement(line, qn("c:axId")).set("val", ax)
    bar.addnext(line)
    first_cat = plot_area.find(qn("c:catAx"))
    last_axis = plot_area.findall(qn("c:valAx"))[-1]
    cat_ax = copy.deepcopy(first_cat)
    _set(cat_ax, "c:axId", cat_id)
    _set(cat_ax, "c:delete", "1")
    _set(cat_ax, "c:crossAx", val_id)
    val_ax = etree.fromstring(
        f'<c:valAx xmlns:c="{cat_ax.nsmap["c"]}"><c:axId val="{val_id}"/><c:scaling><c:orientation val="minMax"/>'
        '</c:scaling><c:delete val="0"/><c:axPos val="r"/><c:numFmt formatCode="#,##0" sourceLinked="0"/>'
        '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'<c:crossAx val="{cat_id}"/><c:crosses val="max"/><c:crossBetween val="between"/></c:valAx>'
    )
    last_axis.addnext(cat_ax)
    cat_ax.addnext(val_ax)
    _title_secondary_axis(chart, unit)


def _set(parent, tag: str, value: str) -> None:
    parent.find(qn(tag)).set("val", value)


def _title_secondary_axis(chart, unit: str) -> None:
    """Give the balance axis its title: "Balance, <unit>"."""
    axes = chart._chartSpace.find(qn("c:chart")).find(qn("c:plotArea")).findall(qn("c:valAx"))
    if len(axes) < 2 or not unit:
        return
    primary, secondary = axes[0], axes[-1]
    title = primary.find(qn("c:title"))
    if title is None:
        return
    mine = copy.deepcopy(title)
    for t in mine.iter(qn("a:t")):
        t.text = clean(f"Balance, {unit}")
    secondary.find(qn("c:axPos")).addnext(mine)
    primary_format = primary.find(qn("c:numFmt"))
    if primary_format is not None:
        secondary.find(qn("c:numFmt")).set("formatCode", primary_format.get("formatCode"))
