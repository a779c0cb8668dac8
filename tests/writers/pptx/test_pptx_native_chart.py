"""Editable charts (``native: true``): real PowerPoint charts with their data embedded."""

from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from dossier.model import Chart, ChartSeries, ChartSpec, Document, Heading, Location, Paragraph, Text
from dossier.palette import PALETTE
from dossier.writers.native_charts.data import balance
from dossier.writers.pptx.writer import PptxWriter

LOC = Location("templates/deck.md.j2", 7)
YEARS = ("2019", "2020", "2021", "2022")
EXPORTS = (120.5, None, 260.8, 300.1)
IMPORTS = (510.2, 640.4, None, 1400.0)


def spec(kind: str, series: tuple[ChartSeries, ...], categories=YEARS, **kw) -> ChartSpec:
    return ChartSpec(kind, f"A {kind} chart", "USD million", "Customs", categories=categories, series=series,
                     native=True, alt=f"{kind} chart of trade", **kw)


def deck(tmp_path: Path, *charts: ChartSpec, text: str = "", name: str = "deck.pptx") -> Presentation:
    blocks = []
    for i, s in enumerate(charts):
        blocks.append(Heading(2, (Text(f"Chart {i + 1}"),), LOC))
        if text:
            blocks.append(Paragraph((Text(text),), LOC))
        blocks.append(Chart(s, LOC, {}))  # no drawing needed: the chart is drawn by the office suite
    doc = Document({"title": "Charts", "date": "2025-01-01"}, tuple(blocks), {}, "deck.md")
    PptxWriter().write(doc, tmp_path / name)
    return Presentation(str(tmp_path / name))


def chart_of(slide):
    (frame,) = [s for s in slide.shapes if s.has_chart]
    return frame, frame.chart


def test_combo_chart_reopens_with_its_series_and_values(tmp_path):
    prs = deck(tmp_path, spec("exports_imports", (ChartSeries("Exports", EXPORTS), ChartSeries("Imports", IMPORTS))))
    frame, chart = chart_of(prs.slides[1])
    bars, line = chart.plots
    assert tuple(bars.categories) == YEARS and tuple(line.categories) == YEARS
    assert [(s.name, s.values) for s in bars.series] == [("Exports", EXPORTS), ("Imports", IMPORTS)]
    ((name, values),) = [(s.name, s.values) for s in line.series]
    assert name == "Balance (exports \N{MINUS SIGN} imports)" and values == (120.5 - 510.2, None, None, 300.1 - 1400.0)
    assert values == balance(EXPORTS, IMPORTS)
    assert not chart.has_title  # the slide's title says it; the chart does not repeat it
    assert frame._element.find(".//{*}cNvPr").get("descr") == "exports_imports chart of trade"
    xml = chart._chartSpace
    assert [el.get("val") for el in xml.iter("{*}idx") if el.getparent().tag.endswith("ser")] == ["0", "1", "2"]
    heights = zero_heights(xml)
    assert heights["barChart"] == heights["lineChart"]  # the balance's zero is the bars' zero
    (val_axis,) = xml.findall(".//{*}plotArea/{*}valAx")  # one value axis: one zero, one scale
    assert "USD million" in "".join(val_axis.itertext())
    # the workbook inside holds all three series, so "Edit Data" in PowerPoint shows them
    blob = chart.part.chart_workbook.xlsx_part.blob
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        strings = z.read("xl/sharedStrings.xml").decode() if "xl/sharedStrings.xml" in z.namelist() else ""
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    for label in ("Exports", "Imports", "Balance"):
        assert label in strings + sheet
    assert re.search(r"<c r=\"D5\"[^>]*><v>-1099\.9", sheet)


def zero_heights(xml) -> dict[str, tuple]:
    """Per plot (barChart, lineChart), where its value axis puts zero: the axis id and, when the axis
    has a fixed scale, zero's height as a fraction of it. Two plots on one axis share the zero."""
    axes = {ax.find("{*}axId").get("val"): ax for ax in xml.findall(".//{*}plotArea/{*}valAx")}
    out = {}
    for plot in xml.find(".//{*}plotArea"):
        ids = [el.get("val") for el in plot.findall("{*}axId")]
        value_axis = next((axes[i] for i in ids if i in axes), None)
        if value_axis is None:
            continue
        scaling = value_axis.find("{*}scaling")
        low, high = (scaling.find(f"{{*}}{k}") for k in ("min", "max"))
        if low is not None and high is not None:
            lo, hi = float(low.get("val")), float(high.get("val"))
            out[plot.tag.split("}")[1]] = ("fixed", round((0 - lo) / (hi - lo), 6))
        else:
            out[plot.tag.split("}")[1]] = ("axis", value_axis.find("{*}axId").get("val"))
    return out


def test_series_colours_are_the_chart_palette(tmp_path):
    prs = deck(tmp_path, spec("exports_imports", (ChartSeries("Exports", EXPORTS), ChartSeries("Imports", IMPORTS))))
    _, chart = chart_of(prs.slides[1])
    bars, line = chart.plots
    assert [str(s.format.fill.fore_color.rgb) for s in bars.series] == [c.lstrip("#").upper() for c in PALETTE[:2]]
    assert str(line.series[0].marker.format.fill.fore_color.rgb) == "2B2B2B"  # no two known balances adjoin: markers only


def test_line_chart_leaves_gaps_for_missing_values(tmp_path):
    prs = deck(tmp_path, spec("line", (ChartSeries("Investment", (610.0, None, 880.0, 942.0)),)))
    _, chart = chart_of(prs.slides[1])
    assert chart.chart_type == XL_CHART_TYPE.LINE_MARKERS
    (series,) = chart.series
    assert series.values == (610.0, None, 880.0, 942.0)
    points = [pt.get("idx") for pt in series._element.find("{*}val").iter("{*}pt")]
    assert points == ["0", "2", "3"]  # no point at all for the gap, never a zero
    assert chart._chartSpace.find(".//{*}dispBlanksAs").get("val") == "gap"


def test_bar_and_share_charts(tmp_path):
    shares = spec("share", (ChartSeries("Share", (38.5, 22.0, None, 11.8)),),
                  categories=("Machinery", "Electronics", "Vehicles", "Other"))
    bars = spec("bar", (ChartSeries("Turnover (AZ)", (1.0, 2.0, 3.0, 4.0)), ChartSeries("Turnover (CN)", EXPORTS)))
    prs = deck(tmp_path, shares, bars)
    _, doughnut = chart_of(prs.slides[1])
    assert doughnut.chart_type == XL_CHART_TYPE.DOUGHNUT
    assert tuple(doughnut.plots[0].categories) == ("Machinery", "Electronics", "Other")  # a missing share is left out
    assert doughnut.series[0].values == (38.5, 22.0, 11.8)
    _, columns = chart_of(prs.slides[2])
    assert columns.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    assert [s.name for s in columns.series] == ["Turnover (AZ)", "Turnover (CN)"]


def test_chart_sits_in_the_chart_placeholder_with_its_source_line_below(tmp_path):
    prs = deck(tmp_path, spec("bar", (ChartSeries("Turnover", (1.0, 2.0, 3.0, 4.0)),)))
    slide = prs.slides[1]
    frame, _ = chart_of(slide)
    assert frame.is_placeholder and slide.slide_layout.name == "Chart"
    (source,) = [s for s in slide.shapes if s.name == "Source"]
    assert source.text_frame.text == "Source: Customs"
    assert source.top >= frame.top + frame.height
    assert source.top + source.height <= prs.slide_height


def test_a_chart_without_data_or_of_another_kind_stays_a_picture(tmp_path):
    from PIL import Image as PILImage

    png = tmp_path / "t.png"
    PILImage.new("RGB", (1600, 900), "white").save(png)
    timeline = ChartSpec("timeline", "Events", "", "Chronology", native=True, alt="Timeline")
    doc = Document({}, (Heading(2, (Text("Events"),), LOC), Chart(timeline, LOC, {"slide": png})), {}, "d.md")
    PptxWriter().write(doc, tmp_path / "t.pptx")
    slide = Presentation(str(tmp_path / "t.pptx")).slides[0]
    assert not any(s.has_chart for s in slide.shapes) and any(s.shape_type == 13 for s in slide.shapes)


def test_decks_with_editable_charts_are_reproducible(tmp_path):
    charts = (spec("exports_imports", (ChartSeries("Exports", EXPORTS), ChartSeries("Imports", IMPORTS))),)
    deck(tmp_path, *charts, name="a.pptx")
    time.sleep(1.1)  # the embedded workbook must not carry the clock
    deck(tmp_path, *charts, name="b.pptx")
    assert (tmp_path / "a.pptx").read_bytes() == (tmp_path / "b.pptx").read_bytes()


@pytest.mark.parametrize("words", [3, 60])
def test_chart_beside_text_never_overlaps_it(tmp_path, words):
    text = " ".join(["Imports grew faster than exports in every year with a full figure."] * words)
    prs = deck(tmp_path, spec("line", (ChartSeries("Investment", (610.0, None, 880.0, 942.0)),)), text=text)
    for slide in prs.slides:
        charts = [s for s in slide.shapes if s.has_chart]
        texts = [s for s in slide.shapes if s.has_text_frame and s.text_frame.text.strip()]
        for c in charts:
            for t in texts:
                assert (t.left + t.width <= c.left or c.left + c.width <= t.left
                        or t.top + t.height <= c.top or c.top + c.height <= t.top), (t.name, c.name)


def test_percent_share_is_drawn_as_stated_with_the_rest_explicit(tmp_path):
    shares = ChartSpec("share", "Imports by origin", "% of imports", "Customs", categories=("China", "Russia", "Türkiye"),
                       series=(ChartSeries("Share", (20.8, 15.0, None)),), native=True, alt="shares")
    _, doughnut = chart_of(deck(tmp_path, shares).slides[1])
    assert tuple(doughnut.plots[0].categories) == ("China", "Russia", "Rest / not stated")
    assert doughnut.series[0].values == pytest.approx((20.8, 15.0, 64.2))  # parts of 100, not of 35.8
    labels = doughnut.plots[0].data_labels
    assert labels.show_value and not labels.show_percentage


def test_line_and_bar_value_axes_include_zero(tmp_path):
    prs = deck(tmp_path, spec("line", (ChartSeries("Investment", (700.0, 800.0, 930.0, 942.0)),)))
    _, chart = chart_of(prs.slides[1])
    assert chart.value_axis.minimum_scale == 0


def test_twelve_series_get_twelve_colours(tmp_path):
    series = tuple(ChartSeries(f"Partner {i}", (1.0 + i, 2.0, 3.0, 4.0)) for i in range(12))
    _, chart = chart_of(deck(tmp_path, spec("bar", series)).slides[1])
    colours = [str(s.format.fill.fore_color.rgb) for s in chart.series]
    assert len(set(colours)) == 12


def test_years_stand_on_a_date_axis_in_years(tmp_path):
    """Rule 1 in the editable chart: 1992, 2003, 2008 are slots of a year on a date axis, not three neighbours."""
    bars = spec("bar", (ChartSeries("Turnover", (1.5, 238.0, 800.0)),), categories=("1992", "2003", "2008"))
    _, chart = chart_of(deck(tmp_path, bars).slides[1])
    (date_axis,) = chart._chartSpace.findall(".//{*}plotArea/{*}dateAx")
    assert date_axis.find("{*}baseTimeUnit").get("val") == "years"
    cats = chart._chartSpace.find(".//{*}ser/{*}cat")
    serials = [float(v.text) for v in cats.iter("{*}v")]
    assert (serials[1] - serials[0]) / (serials[2] - serials[1]) == pytest.approx(11 / 5, rel=0.01)


def test_line_is_not_drawn_into_incomparable_points_or_across_holes(tmp_path):
    """Rule 3 in the editable chart: the segment into a point that is not comparable has no line."""
    series = ChartSeries("Balance", (-580.0, -197.0, -1493.0, 200.0),
                         comparable=("9 months", "3 months", None, "3 months"))
    line = spec("line", (series,), categories=("Jan–Sep 2020", "Q1 2021", "2023 (article)", "Q1 2024"))
    _, chart = chart_of(deck(tmp_path, line).slides[1])
    # no two neighbours share a period length: markers only, the series has no line at all
    assert chart.series[0]._element.find("{*}spPr/{*}ln/{*}noFill") is not None
    assert chart.series[0]._element.find("{*}marker/{*}spPr/{*}solidFill") is not None


def test_only_the_segment_into_an_incomparable_point_is_left_out(tmp_path):
    series = ChartSeries("Balance", (-580.0, -197.0, -1493.0, 200.0),
                         comparable=("3 months", "3 months", "9 months", "3 months"))
    line = spec("line", (series,), categories=("Q1 2020", "Q1 2021", "Jan–Sep 2022", "Q1 2023"))
    _, chart = chart_of(deck(tmp_path, line).slides[1])
    own, piece = chart.series
    assert own.values == series.values  # the whole series, as markers: its own line would join Jan–Sep 2022
    assert own._element.find("{*}spPr/{*}ln/{*}noFill") is not None
    assert piece.values == (-580.0, -197.0, None, None)  # Q1 2020 → Q1 2021 drawn as a line of its own
    assert piece._element.find("{*}spPr/{*}ln/{*}noFill") is None
    assert piece._element.find("{*}marker/{*}symbol").get("val") == "none"
    assert not chart.has_legend  # one series to name


def test_qualified_points_are_hollow(tmp_path):
    series = ChartSeries("Companies", (80.0, 110.0, 120.0, 200.0), qualifiers=("", ">", "~", ">"))
    _, chart = chart_of(deck(tmp_path, spec("line", (series,))).slides[1])
    hollow = [int(dpt.find("{*}idx").get("val")) for dpt in chart.series[0]._element.findall("{*}dPt")
              if (fill := dpt.find("{*}marker/{*}spPr/{*}solidFill/{*}srgbClr")) is not None and fill.get("val") == "FFFFFF"]
    assert hollow == [1, 2, 3]


def test_the_editable_charts_own_words_follow_the_locale(tmp_path):
    combo = spec("exports_imports", (ChartSeries("Экспорт", EXPORTS), ChartSeries("Импорт", IMPORTS)), locale="ru")
    shares = ChartSpec("share", "Импорт", "%", "Таможня", categories=("Китай", "Россия"),
                       series=(ChartSeries("Доля", (20.8, 15.0)),), native=True, alt="доли", locale="ru")
    prs = deck(tmp_path, combo, shares)
    (_, chart), (_, doughnut) = chart_of(prs.slides[1]), chart_of(prs.slides[2])
    assert [s.name for s in chart.plots[1].series] == ["Сальдо (экспорт \N{MINUS SIGN} импорт)"]
    assert tuple(doughnut.plots[0].categories)[-1] == "Остальное / не указано"


def test_axis_ids_are_unsigned_and_still_link_plots_to_axes(tmp_path):
    """Office's schema types c:axId/c:crossAx as unsigned ints; python-pptx writes negative ones."""
    combo = spec("exports_imports", (ChartSeries("Exports", EXPORTS), ChartSeries("Imports", IMPORTS)))
    line = spec("line", (ChartSeries("Exports", EXPORTS),))
    prs = deck(tmp_path, combo, line)
    for slide in list(prs.slides)[1:3]:
        _, chart = chart_of(slide)
        plot_area = chart._chartSpace.find(".//{*}plotArea")
        axes = {ax.find("{*}axId").get("val"): ax.find("{*}crossAx").get("val")
                for ax in plot_area if ax.tag.split("}")[1] in ("catAx", "valAx", "dateAx")}
        assert all(0 < int(v) < 2**32 for pair in axes.items() for v in pair)
        for plot in plot_area:
            for ax_id in plot.findall("{*}axId"):
                assert ax_id.get("val") in axes  # every plot names axes that exist
        assert all(crossed in axes for crossed in axes.values())


def test_date_labels_step_by_round_years_at_most_eight(tmp_path):
    """Thirty years of monthly points are labelled every five years, not every month."""
    months = tuple(f"{1995 + i // 12}-{i % 12 + 1:02d}" for i in range(0, 360, 7))
    line = spec("line", (ChartSeries("Stock", tuple(float(i) for i in range(len(months)))),), categories=months,
                locale="ru")
    _, chart = chart_of(deck(tmp_path, line).slides[1])
    (date_axis,) = chart._chartSpace.findall(".//{*}plotArea/{*}dateAx")
    assert date_axis.find("{*}baseTimeUnit").get("val") == "months"  # time is still a distance by the month
    assert (date_axis.find("{*}majorUnit").get("val"), date_axis.find("{*}majorTimeUnit").get("val")) == ("5", "years")
    assert date_axis.find("{*}numFmt").get("formatCode") == "[$-419]yyyy"
