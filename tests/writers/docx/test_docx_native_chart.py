"""Editable charts in Word (``native: true``): a chart part with cached values and an embedded workbook."""

from __future__ import annotations

import io
import time
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.enum.shape import WD_INLINE_SHAPE
from pptx.chart.chart import Chart as PptxChart
from pptx.oxml import parse_xml

from dossier.model import Chart, ChartSeries, ChartSpec, Document, Heading, Location, Text
from dossier.writers.docx.writer import DocxWriter

LOC = Location("templates/briefing.md.j2", 7)
YEARS = ("2019", "2020", "2021", "2022")
EXPORTS = (120.5, None, 260.8, 300.1)
IMPORTS = (510.2, 640.4, None, 1400.0)
COMBO = (ChartSeries("Exports", EXPORTS), ChartSeries("Imports", IMPORTS))
CHART_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"


def spec(kind: str, series: tuple[ChartSeries, ...], categories=YEARS, **kw) -> ChartSpec:
    kw.setdefault("unit", "USD million")
    return ChartSpec(kind, f"A {kind} chart", source="Customs", categories=categories, series=series,
                     native=kw.pop("native", True), alt=f"{kind} chart of trade", caption=f"The {kind} caption", **kw)


def briefing(tmp_path: Path, *charts: ChartSpec, name: str = "b.docx") -> Path:
    blocks = []
    for s in charts:
        blocks += [Heading(1, (Text(s.title),), LOC), Chart(s, LOC, {})]  # no drawing: the office suite draws it
    doc = Document({"title": "Charts", "date": "2025-01-01"}, tuple(blocks), {}, "briefing.md")
    DocxWriter(refresh_fields=False).write(doc, tmp_path / name)
    return tmp_path / name


def charts_of(path: Path) -> list[tuple[PptxChart, bytes]]:
    """Each chart of the document in order: python-pptx's reading of its part, and its embedded workbook."""
    document = docx.Document(str(path))
    out = []
    for shape in document.inline_shapes:
        assert shape.type == WD_INLINE_SHAPE.CHART
        rel_id = shape._inline.graphic.graphicData[0].get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
        part = document.part.related_parts[rel_id]
        assert part.content_type == "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
        (workbook,) = [rel.target_part for rel in part.rels.values()]
        space = parse_xml(part.blob)
        assert space.xpath("c:externalData/@r:id") == [next(iter(part.rels))]
        out.append((PptxChart(space, None), workbook.blob))
    return out


def sheet_rows(blob: bytes) -> list[tuple]:
    return [tuple(row) for row in openpyxl.load_workbook(io.BytesIO(blob)).active.iter_rows(values_only=True)]


def test_combo_chart_is_an_editable_word_chart_with_its_workbook(tmp_path):
    path = briefing(tmp_path, spec("exports_imports", COMBO))
    ((chart, workbook),) = charts_of(path)
    bars, line = chart.plots
    assert [(s.name, s.values) for s in bars.series] == [("Exports", EXPORTS), ("Imports", IMPORTS)]
    assert line.series[0].values == (120.5 - 510.2, None, None, 300.1 - 1400.0)
    assert len(chart._chartSpace.findall(".//{*}plotArea/{*}valAx")) == 1  # one value axis: one zero
    rows = sheet_rows(workbook)
    assert rows[0][1:] == ("Exports", "Imports", "Balance (exports \N{MINUS SIGN} imports)")
    assert [r[1] for r in rows[1:]] == list(EXPORTS) and rows[4][3] == pytest.approx(-1099.9)
    assert not chart.has_title  # the caption says what it shows
    axis_ids = [int(el.get("val")) for el in chart._chartSpace.iter("{*}axId")]
    assert all(i > 0 for i in axis_ids)


def test_word_chart_has_alt_text_numbered_caption_and_source(tmp_path):
    path = briefing(tmp_path, spec("bar", (ChartSeries("Turnover", (1.0, 2.0, 3.0, 4.0)),), note="Current prices"))
    document = docx.Document(str(path))
    (shape,) = document.inline_shapes
    assert shape._inline.docPr.get("descr") == "bar chart of trade"
    texts = [(p.style.name, p.text) for p in document.paragraphs]
    figure = next(i for i, (style, _) in enumerate(texts) if style == "Figure")
    assert texts[figure + 1] == ("Caption", "Figure 1: A bar chart. The bar caption")  # as for a picture
    assert texts[figure + 2] == ("Source Note", "Note: Current prices\nSource: Customs")


@pytest.mark.parametrize("kind", ["bar", "line", "exports_imports", "share", "ranked"])
def test_every_kind_with_an_office_type_is_native(tmp_path, kind):
    series = COMBO if kind == "exports_imports" else (ChartSeries("Value", (4.0, 2.5, None, 1.0)),)
    ((chart, workbook),) = charts_of(briefing(tmp_path, spec(kind, series, unit="%" if kind == "share" else "t")))
    names = {"bar": "COLUMN_CLUSTERED", "line": "LINE_MARKERS", "exports_imports": "COLUMN_CLUSTERED",
             "share": "DOUGHNUT", "ranked": "BAR_CLUSTERED"}
    assert chart.chart_type.name == names[kind]
    assert len(sheet_rows(workbook)) > 1


def test_a_timeline_stays_a_picture(tmp_path):
    from PIL import Image as PILImage

    png = tmp_path / "t.png"
    PILImage.new("RGB", (1600, 600), "white").save(png)
    timeline = ChartSpec("timeline", "Events", "", "Chronology", native=True, alt="Timeline", caption="Events")
    doc = Document({"title": "T"}, (Chart(timeline, LOC, {"page": png}),), {}, "b.md")
    DocxWriter(refresh_fields=False).write(doc, tmp_path / "t.docx")
    (shape,) = docx.Document(str(tmp_path / "t.docx")).inline_shapes
    assert shape.type == WD_INLINE_SHAPE.PICTURE


def test_ranked_bars_put_the_largest_on_top_and_missing_at_the_bottom(tmp_path):
    ranked = spec("ranked", (ChartSeries("Trade", (300.0, 1200.0, None, 800.0)),),
                  categories=("Russia", "China", "Iran", "Türkiye"))
    ((chart, _),) = charts_of(briefing(tmp_path, ranked))
    # an Office bar chart draws its first category at the bottom
    assert tuple(chart.plots[0].categories) == ("Iran", "Russia", "Türkiye", "China")
    assert chart.series[0].values == (None, 300.0, 800.0, 1200.0)


def test_numbers_follow_the_locale_with_a_true_minus(tmp_path):
    bars = spec("bar", (ChartSeries("Сальдо", (-580.0, -197.0, 1493.0, 200.0)),), locale="ru")
    ((chart, _),) = charts_of(briefing(tmp_path, bars))
    code = chart.value_axis.tick_labels.number_format
    positive, negative = code.split(";")
    assert positive == "[$-419]#,##0" and negative == '[$-419]"\N{MINUS SIGN}"#,##0'
    assert chart.value_axis.major_unit == 500  # at most 5 intervals from −580 to 1493, as the pictures space them


def test_word_charts_are_reproducible(tmp_path):
    briefing(tmp_path, spec("exports_imports", COMBO), name="a.docx")
    time.sleep(1.1)  # the embedded workbook must not carry the clock
    briefing(tmp_path, spec("exports_imports", COMBO), name="c.docx")
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "c.docx").read_bytes()


def test_a_block_that_does_not_ask_stays_a_picture(tmp_path):
    bars = spec("bar", (ChartSeries("Turnover", (1.0, 2.0, 3.0, 4.0)),), native=None)
    with pytest.raises(Exception, match="no 'page' drawing"):
        briefing(tmp_path, bars)


def test_pieces_of_line_have_no_legend_entry_and_the_balance_keeps_one_zero(tmp_path):
    periods = ("Q1 2020", "Q1 2021", "Jan–Sep 2022", "Q1 2023")
    kept = ("3 months", "3 months", "9 months", "3 months")
    lines = spec("line", (ChartSeries("A", (1.0, 2.0, 3.0, 4.0), comparable=kept), ChartSeries("B", (2.0, 3.0, 4.0, 5.0))),
                 categories=periods)
    combo = spec("exports_imports", (ChartSeries("Exports", (10.0, 20.0, 30.0, 40.0), comparable=kept),
                                     ChartSeries("Imports", (50.0, 40.0, 90.0, 10.0), comparable=kept)), categories=periods)
    (line_chart, _), (combo_chart, workbook) = charts_of(briefing(tmp_path, lines, combo))
    names = [s.name for s in line_chart.series]
    assert names == ["A", "B", "A"]  # A as markers, then the piece of its line that the rules allow
    legend = line_chart._chartSpace.find(".//{*}legend")
    assert [(e.find("{*}idx").get("val"), e.find("{*}delete").get("val")) for e in legend.findall("{*}legendEntry")] \
        == [("2", "1")]
    bars, balance_line = combo_chart.plots
    assert [s.values for s in balance_line.series] == [(-40.0, -20.0, -60.0, 30.0), (-40.0, -20.0, None, None)]
    assert len(combo_chart._chartSpace.findall(".//{*}plotArea/{*}valAx")) == 1
    assert sheet_rows(workbook)[0][1:4] == ("Exports", "Imports", "Balance (exports \N{MINUS SIGN} imports)")


def test_hostile_labels_are_written_as_text(tmp_path):
    odd = ("<b>&amp;</b>", "tab\there", "bell\x07", "{{ x }}")
    bars = spec("bar", (ChartSeries("Series *1* | <x>\x0b", (1.0, 2.0, 3.0, 4.0)),), categories=odd, unit="t\x01 & <u>",
                locale="az")
    ((chart, workbook),) = charts_of(briefing(tmp_path, bars))
    assert tuple(chart.plots[0].categories) == ("<b>&amp;</b>", "tab here", "bell", "{{ x }}")
    assert chart.series[0].name == "Series *1* | <x>"
    assert chart.value_axis.axis_title.text_frame.text == "t & <u>"
    assert chart._chartSpace.find("{*}lang").get("val") == "az-AZ"
    assert sheet_rows(workbook)[1][0] == "<b>&amp;</b>"


def test_a_chart_without_a_single_value_stays_a_picture(tmp_path):
    empty = spec("bar", (ChartSeries("Turnover", (None, None, None, None)),))
    with pytest.raises(Exception, match="no 'page' drawing"):  # it asks for its picture instead
        briefing(tmp_path, empty)


def test_a_link_to_a_word_chart_is_a_cross_reference_to_its_caption(tmp_path):
    from dossier.model import Paragraph

    bars = spec("bar", (ChartSeries("Turnover", (1.0, 2.0, 3.0, 4.0)),))
    blocks = (Paragraph((Text("As "), Text("Figure", link="#fig-trade"), Text(" shows.")), LOC),
              Chart(bars, LOC, {}, id="fig-trade"))
    DocxWriter(refresh_fields=False).write(Document({"title": "T"}, blocks, {}, "b.md"), tmp_path / "x.docx")
    document = docx.Document(str(tmp_path / "x.docx"))
    body = document.element.body
    (bookmark,) = [b for b in body.iter("{*}bookmarkStart") if b.getparent().xpath("string(.)").startswith("Figure")]
    instructions = " ".join(body.xpath("//w:instrText/text()"))
    assert f"REF {bookmark.get(docx.oxml.ns.qn('w:name'))}" in instructions
    assert "As Figure 1 shows." in [p.text for p in document.paragraphs]  # the number cached, as for a picture


@pytest.mark.parametrize(("values", "cut"), [((710.0, 800.0, 930.0, 942.0), (700.0, 50.0)), ((10.0, 50.0, 90.0, 99.0), None)])
def test_a_line_above_zero_is_cut_only_when_the_block_allows_and_the_caption_says_so(tmp_path, values, cut):
    line = spec("line", (ChartSeries("Investment", values),), y_from_zero=False)
    ((chart, _),) = charts_of(briefing(tmp_path, line))
    axis = chart.value_axis
    assert (None if axis.minimum_scale == 0 else (axis.minimum_scale, axis.major_unit)) == cut
    notes = [p.text for p in docx.Document(str(tmp_path / "b.docx")).paragraphs if p.style.name == "Source Note"]
    assert ("The value axis does not start at zero" in notes[0]) == (cut is not None)
