"""The look and the honesty rules of an editable chart, applied to python-pptx's chart object.

Works on a ``pptx.chart.chart.Chart`` whatever package holds it: a PowerPoint chart part, or a
chart space made for a Word document (:mod:`dossier.writers.native_charts.space`).

- Colours are the charts' palette (with generated tints past its end, never a repeat).
- Column and line value axes include zero; a line may start above it only when the block says
  ``y_from_zero: false``, as in the pictures, and then the caption says so (:func:`.data.axis_cut`).
- The exports/imports combo draws the balance (exports − imports, only where both are known)
  as a line on the SAME value axis as the columns: one zero.
- A share given in percent is drawn as stated, with an explicit "Rest / not stated" slice.
- Numbers are in the job's locale with the true minus sign (:mod:`.numbers`); text is in the
  output's body font (or ``[charts] font``) at the size of the pictures' text for that medium.
- Axis ids are 1, 2, … (python-pptx draws negative ones, which Office's schema refuses).
"""

from __future__ import annotations

from lxml import etree
from pptx.enum.chart import XL_LEGEND_POSITION, XL_MARKER_STYLE, XL_TICK_LABEL_POSITION
from pptx.oxml.ns import qn
from pptx.util import Pt

from dossier.chart_series import is_percent
from dossier.charts.formatting import value_decimals
from dossier.markdown_text import xml_safe_line
from dossier.model import ChartSpec
from dossier.palette import BALANCE, GRID, REST_COLOR, TEXT, series_colors
from dossier.writers.native_charts.data import axis_cut, balance, drawn_lines, drawn_series, main_series_count
from dossier.writers.native_charts.numbers import language_tag, nice_step, number_format, step_decimals
from dossier.writers.native_charts.truth import mark_qualified, rgb, set_time_unit


def finish_chart(chart, spec: ChartSpec, *, font: str, text_pt: float, bins: int) -> None:
    """Style ``chart`` (a python-pptx Chart made from ``chart_data(spec)``) as the pictures of ``spec`` look.

    ``bins``: at most this many intervals between value ticks (the medium's profile says how many).
    """
    _style(chart, spec, font, text_pt, bins)
    set_language(chart._chartSpace, spec.locale)
    set_time_unit(chart, spec)
    shapes = list(chart.series)
    colours = palette(spec, len(spec.series))
    if spec.kind in ("bar", "line", "exports_imports", "ranked"):
        _, drawn = drawn_series(spec)
        for shape, data, color in zip(shapes, drawn, colours):
            mark_qualified(shape, data, color, line=spec.kind == "line")
    if spec.kind == "exports_imports" and len(spec.series) >= 2:
        _make_combo(chart)
        shapes = list(chart.series)
        _line_style(shapes[2], BALANCE)
    pieces = iter(shapes[main_series_count(spec):])
    for line in drawn_lines(spec):
        color = BALANCE if spec.kind == "exports_imports" else colours[line.index]
        if not line.own_line:
            shapes[line.index].format.line.fill.background()  # markers only; its joined runs follow
        for _ in line.pieces:
            piece = next(pieces)
            _line_style(piece, color)
            piece.marker.style = XL_MARKER_STYLE.NONE
            _leave_out_of_legend(chart, piece)
    renumber_axes(chart._chartSpace)


def _leave_out_of_legend(chart, series) -> None:
    """Give ``series`` no legend entry (a piece of another series' line)."""
    if not chart.has_legend:
        return
    legend = chart._chartSpace.find(qn("c:chart")).find(qn("c:legend"))
    entry = etree.Element(qn("c:legendEntry"))
    etree.SubElement(entry, qn("c:idx")).set("val", series._element.find(qn("c:idx")).get("val"))
    etree.SubElement(entry, qn("c:delete")).set("val", "1")
    position = legend.find(qn("c:legendPos"))
    existing = legend.findall(qn("c:legendEntry"))
    if existing:
        existing[-1].addnext(entry)
    elif position is not None:
        position.addnext(entry)
    else:
        legend.insert(0, entry)


def set_language(chart_space, locale: str) -> None:
    """Tag the chart's text with the job's language (``c:lang``: spelling, fonts, sorting in the office suite)."""
    tag = language_tag(locale)
    for old in chart_space.findall(qn("c:lang")):
        chart_space.remove(old)
    if tag is None:
        return
    lang = etree.Element(qn("c:lang"), val=tag)
    date1904 = chart_space.find(qn("c:date1904"))
    if date1904 is not None:
        date1904.addnext(lang)
    else:
        chart_space.insert(0, lang)


def palette(spec: ChartSpec, count: int) -> list[str]:
    """The series colours as RRGGBB: the project's palette (or the built-in one), then distinct tints."""
    return [c.lstrip("#").upper() for c in series_colors(count, tuple(spec.palette))]


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


def _values(spec: ChartSpec) -> list[float]:
    values = [v for s in spec.series for v in s.values if v is not None]
    if spec.kind == "exports_imports" and len(spec.series) >= 2:
        values += [v for v in balance(spec.series[0].values, spec.series[1].values) if v is not None]
    return values


def _style(chart, spec: ChartSpec, font: str, text_pt: float, bins: int) -> None:
    chart.font.size = Pt(text_pt)
    chart.font.name = font
    chart.font.color.rgb = rgb(TEXT)
    chart.has_title = False  # the slide's title or the caption says what the chart shows (alt text keeps it)
    space = chart._chartSpace
    disp = space.find(qn("c:chart")).find(qn("c:dispBlanksAs"))
    if disp is not None:
        disp.set("val", "gap")
    series = list(chart.series)
    if spec.kind == "share":
        _style_share(chart, spec, series)
        return
    colours = palette(spec, len(spec.series))
    for s, colour in zip(series, colours):  # the balance and pieces of line are styled with the lines
        if spec.kind == "line":
            _line_style(s, colour)
        else:
            s.format.fill.solid()
            s.format.fill.fore_color.rgb = rgb(colour)
    chart.has_legend = main_series_count(spec) > 1
    if chart.has_legend:
        chart.legend.position, chart.legend.include_in_layout = XL_LEGEND_POSITION.BOTTOM, False
    value_axis = chart.value_axis
    value_axis.has_major_gridlines = True
    value_axis.major_gridlines.format.line.color.rgb = rgb(GRID)
    values = _values(spec)
    decimals = 0
    cut = axis_cut(spec, bins)
    if cut is not None:  # a line allowed to start above zero, and the caption says so
        value_axis.minimum_scale, value_axis.major_unit = cut
        decimals = step_decimals(cut[1])
    elif values:  # ticks as the pictures space them, from zero
        value_axis.major_unit = step = nice_step(values, bins)
        decimals = step_decimals(step)
        _from_zero(value_axis, values)
    value_axis.tick_labels.number_format = number_format(spec.locale, decimals)
    value_axis.tick_labels.number_format_is_linked = False
    chart.category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW  # below the plot, not on a zero line above negatives
    if spec.unit:
        value_axis.has_title = True
        value_axis.axis_title.text_frame.text = xml_safe_line(spec.unit)
        value_axis.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(text_pt)


def _style_share(chart, spec: ChartSpec, series: list) -> None:
    plot = chart.plots[0]
    plot.vary_by_categories = True
    points = list(series[0].points)
    colours = palette(spec, len(points))
    for i, point in enumerate(points):
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = rgb(colours[i])
    percent = is_percent(spec.unit)
    stated = [v for v in spec.series[0].values if v is not None]
    if percent and len(points) > len(stated):
        points[-1].format.fill.fore_color.rgb = rgb(REST_COLOR)  # the rest of 100 %: light grey, last
    plot.has_data_labels = True
    labels = plot.data_labels
    if percent:  # the values are the percentages: shown as stated, never re-normalised
        labels.show_percentage, labels.show_value = False, True
        labels.number_format = number_format(spec.locale, value_decimals(stated), "%")
    else:
        labels.show_percentage, labels.show_value = True, False
        labels.number_format = number_format(spec.locale, 0).replace("#,##0", "0%")
    labels.number_format_is_linked = False
    labels.font.color.rgb, labels.font.bold = rgb("FFFFFF"), True
    chart.has_legend = True
    chart.legend.position, chart.legend.include_in_layout = XL_LEGEND_POSITION.RIGHT, False


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


def _make_combo(chart) -> None:
    """Move every series after the first two (the balance, pieces of its line) onto a line chart that
    shares the columns' axes.

    One category axis and one value axis for both: the balance's zero is the columns' zero.
    """
    plot_area = chart._chartSpace.find(qn("c:chart")).find(qn("c:plotArea"))
    bar = plot_area.find(qn("c:barChart"))
    line = etree.Element(qn("c:lineChart"))
    etree.SubElement(line, qn("c:grouping")).set("val", "standard")
    etree.SubElement(line, qn("c:varyColors")).set("val", "0")
    for ser in bar.findall(qn("c:ser"))[2:]:
        bar.remove(ser)
        for tag in ("c:invertIfNegative", "c:spPr"):
            for el in ser.findall(qn(tag)):
                ser.remove(el)
        marker = etree.SubElement(ser, qn("c:marker"))
        etree.SubElement(marker, qn("c:symbol")).set("val", "circle")
        ser.find(qn("c:tx")).addnext(marker)
        etree.SubElement(ser, qn("c:smooth")).set("val", "0")
        line.append(ser)
    etree.SubElement(line, qn("c:marker")).set("val", "1")
    for ax_id in bar.findall(qn("c:axId")):  # the columns' category and value axes
        etree.SubElement(line, qn("c:axId")).set("val", ax_id.get("val"))
    bar.addnext(line)


def _from_zero(value_axis, values: list[float]) -> None:
    """Make the value axis include zero (Office's automatic scale may start a line chart above it)."""
    if min(values) >= 0:
        value_axis.minimum_scale = 0
    elif max(values) <= 0:
        value_axis.maximum_scale = 0
