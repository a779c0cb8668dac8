"""Tests for dossier.charts: each kind's Figure, layout (nothing outside, nothing overlapping),
reproducible PNGs, fonts, errors and the generated alt text."""

from __future__ import annotations

import io
import itertools
import math
import subprocess
import sys
import warnings
from pathlib import Path

import matplotlib
import pytest
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from dossier.charts import KINDS, PROFILES, describe_chart, draw_chart, render_chart_png
from dossier.charts import samples
from dossier.charts.bars import GROUP_WIDTH
from dossier.charts.dates import parse_date
from dossier.charts.fonts import has_cjk_font
from dossier.charts.wrap import unwrap, wrap
from dossier.errors import ChartError
from dossier.model import ChartSeries, ChartSpec, TimelineEvent

REPO = Path(__file__).resolve().parents[2]
BOTH = pytest.mark.parametrize("profile", ["page", "slide"])
pytestmark = pytest.mark.filterwarnings("error")  # no warning of any kind while drawing (layout, glyphs)


# ---------------------------------------------------------------- helpers


def drawn(spec: ChartSpec, profile: str) -> Figure:
    fig = draw_chart(spec, profile)
    fig.canvas.draw()
    return fig


def renderer(fig: Figure):
    return fig.canvas.get_renderer()


def visible_texts(fig: Figure) -> list[Text]:
    """Every text drawn: visible and not empty (tick labels, legend, annotations, figure texts)."""
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def main_axes(fig: Figure):
    (ax,) = fig.axes
    return ax


def figure_texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.texts]


def overlap(a: Bbox, b: Bbox, tolerance: float = 0.5) -> bool:
    """True if the boxes share more than a sliver (touching edges do not count)."""
    return (min(a.x1, b.x1) - max(a.x0, b.x0) > tolerance) and (min(a.y1, b.y1) - max(a.y0, b.y0) > tolerance)


def assert_inside(fig: Figure) -> None:
    box = fig.bbox
    r = renderer(fig)
    for text in visible_texts(fig):
        extent = text.get_window_extent(r)
        assert extent.x0 >= box.x0 - 0.5 and extent.x1 <= box.x1 + 0.5, (text.get_text(), extent, box)
        assert extent.y0 >= box.y0 - 0.5 and extent.y1 <= box.y1 + 0.5, (text.get_text(), extent, box)


def tick_labels(ax) -> list[str]:
    return [t.get_text() for t in ax.get_xticklabels()]


def bar_spec(**kw) -> ChartSpec:
    base = dict(
        kind="bar",
        title="Trade turnover",
        unit="USD million",
        source="State Customs Committee",
        categories=("2021", "2022", "2023", "2024"),
        series=(ChartSeries("Turnover", (2159.0, None, 3744.0, 4870.0)),),
    )
    base.update(kw)
    return ChartSpec(**base)


def timeline_spec(n: int = 25) -> ChartSpec:
    events = samples.EVENTS.events
    if n <= len(events):
        events = events[:n]
    return ChartSpec(kind="timeline", title="Key dates", unit="", source="MFA", events=tuple(events))


# ---------------------------------------------------------------- registry and errors


def test_registry_and_profiles():
    assert set(KINDS) == {"bar", "exports_imports", "line", "timeline"}
    assert all(callable(f) for f in KINDS.values())
    assert set(PROFILES) == {"page", "slide"}
    page, slide = PROFILES["page"], PROFILES["slide"]
    assert 9 <= page.font_size <= 10 and page.dpi == 200
    assert slide.font_size >= 14 and slide.small_size >= 14 and slide.min_font_size >= 14 and slide.dpi == 150
    assert math.isclose(page.width_in * 2.54, 16, abs_tol=0.01) and math.isclose(page.height_in * 2.54, 8, abs_tol=0.01)
    assert (slide.width_in, slide.height_in) == (11.5, 5.0)


@BOTH
def test_figure_size_and_dpi(profile):
    fig = draw_chart(bar_spec(), profile)
    p = PROFILES[profile]
    assert tuple(fig.get_size_inches()) == pytest.approx((p.width_in, p.height_in))
    assert fig.dpi == p.dpi


def test_unknown_kind_lists_known_kinds():
    with pytest.raises(ChartError) as err:
        draw_chart(bar_spec(kind="pie"), "page")
    message = str(err.value)
    assert "'pie'" in message
    for kind in KINDS:
        assert kind in message


def test_unknown_profile():
    with pytest.raises(ChartError, match="page, slide"):
        draw_chart(bar_spec(), "poster")


@pytest.mark.parametrize("kind", ["bar", "line", "exports_imports"])
def test_series_length_must_match_categories(kind):
    series = (ChartSeries("Exports", (1.0, 2.0)), ChartSeries("Imports", (1.0, 2.0, 3.0, 4.0)))
    with pytest.raises(ChartError, match="'Exports' has 2 values but there are 4 categories"):
        draw_chart(bar_spec(kind=kind, series=series), "page")


@pytest.mark.parametrize("count", [1, 3])
def test_exports_imports_needs_two_series(count):
    series = tuple(ChartSeries(f"s{i}", (1.0, 2.0, 3.0, 4.0)) for i in range(count))
    with pytest.raises(ChartError, match="exactly 2 series"):
        draw_chart(bar_spec(kind="exports_imports", series=series), "page")


def test_text_where_a_number_belongs():
    with pytest.raises(ChartError, match="'1,200' is not a number"):
        draw_chart(bar_spec(series=(ChartSeries("Turnover", (1.0, "1,200", 2.0, 3.0)),)), "page")


def test_no_values_at_all():
    with pytest.raises(ChartError, match="no values"):
        draw_chart(bar_spec(series=(ChartSeries("Turnover", (None, None, None, None)),)), "page")


def test_no_categories_or_series():
    with pytest.raises(ChartError, match="no categories"):
        draw_chart(bar_spec(categories=(), series=()), "page")
    with pytest.raises(ChartError, match="no series"):
        draw_chart(bar_spec(series=()), "page")


def test_timeline_without_events():
    with pytest.raises(ChartError, match="no events"):
        draw_chart(ChartSpec(kind="timeline", title="T", unit="", source=""), "page")


@pytest.mark.parametrize("date", ["1994-13", "94", "1994-02-30", "March 1994", ""])
def test_timeline_bad_date(date):
    spec = ChartSpec(kind="timeline", title="T", unit="", source="",
                     events=(TimelineEvent("1991", "a"), TimelineEvent(date, "Contract of the Century")))
    with pytest.raises(ChartError, match=r"event 2 \('Contract of the Century'\)"):
        draw_chart(spec, "page")


# ---------------------------------------------------------------- bar


@BOTH
def test_bar_figure(profile):
    spec = bar_spec()
    fig = drawn(spec, profile)
    ax = main_axes(fig)
    assert spec.title in figure_texts(fig)
    assert "Source: State Customs Committee." in figure_texts(fig)[1]
    assert tick_labels(ax) == list(spec.categories)
    assert ax.get_ylabel() == "USD million"
    assert ax.get_ylim()[0] == 0
    assert not ax.spines["top"].get_visible() and not ax.spines["right"].get_visible()
    assert any(line.get_visible() for line in ax.get_ygridlines())
    assert not any(line.get_visible() for line in ax.get_xgridlines())
    # One bar per value present; the missing 2022 draws no bar (not a zero bar) but an "n/r" mark.
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert len(bars) == 3
    centres = sorted(round(b.get_x() + b.get_width() / 2, 6) for b in bars)
    assert centres == [0, 2, 3]
    assert all(b.get_height() > 0 for b in bars)
    marks = [t for t in ax.texts if t.get_gid() == "not-reported"]
    assert [m.get_position()[0] for m in marks] == [1]
    assert "n/r: not reported" in figure_texts(fig)[1]
    # Few bars: each carries its value.
    labels = sorted(t.get_text() for t in ax.texts if t.get_gid() != "not-reported")
    assert labels == ["2,159", "3,744", "4,870"]
    assert_inside(fig)


@BOTH
def test_bar_clustered_series(profile):
    spec = samples.PRODUCTS
    fig = drawn(spec, profile)
    ax = main_axes(fig)
    present = sum(v is not None for s in spec.series for v in s.values)
    assert len(ax.patches) == present == 11
    width = GROUP_WIDTH / 2
    for index, series in enumerate(spec.series):
        container = ax.containers[index]
        xs = [round(r.get_x() + r.get_width() / 2, 6) for r in container]
        expected = [round(i + (index - 0.5) * width, 6) for i, v in enumerate(series.values) if v is not None]
        assert xs == expected
        assert [r.get_height() for r in container] == [v for v in series.values if v is not None]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["2023", "2024"]
    # Long category labels are wrapped (same words) and do not overlap each other.
    assert [unwrap(t) for t in tick_labels(ax)] == [unwrap(c) for c in spec.categories]
    r = renderer(fig)
    boxes = [t.get_window_extent(r) for t in ax.get_xticklabels()]
    assert not any(overlap(a, b) for a, b in itertools.combinations(boxes, 2))
    assert_inside(fig)


@BOTH
def test_bar_many_years_are_thinned_not_overlapping(profile):
    spec = samples.TURNOVER
    fig = drawn(spec, profile)
    ax = main_axes(fig)
    present = sum(v is not None for v in spec.series[0].values)
    assert len(ax.patches) == present
    # Every label shown is its category's year, at that category's position; none overlap.
    for loc, label in zip(ax.get_xticks(), tick_labels(ax)):
        assert spec.categories[int(round(loc))] == label
    assert "2025" in tick_labels(ax) or "2020" in tick_labels(ax)
    r = renderer(fig)
    boxes = [t.get_window_extent(r) for t in ax.get_xticklabels()]
    assert not any(overlap(a, b) for a, b in itertools.combinations(boxes, 2))
    # Many bars: no value labels, missing values still marked.
    assert not [t for t in ax.texts if t.get_gid() != "not-reported"]
    assert len([t for t in ax.texts if t.get_gid() == "not-reported"]) == len(spec.categories) - present
    assert_inside(fig)


def test_bar_negative_values_keep_zero_line():
    spec = bar_spec(series=(ChartSeries("Balance", (-440.0, 120.0, None, -2790.0)),))
    ax = main_axes(drawn(spec, "page"))
    low, high = ax.get_ylim()
    assert low < -2790 and high > 0
    assert any(isinstance(l, Line2D) and list(l.get_ydata()) == [0, 0] for l in ax.lines)


# ---------------------------------------------------------------- exports_imports


@BOTH
def test_exports_imports(profile):
    spec = samples.EXPORTS_IMPORTS
    fig = drawn(spec, profile)
    ax = main_axes(fig)
    exports, imports = (s.values for s in spec.series)
    assert len(ax.patches) == sum(v is not None for v in exports + imports)
    (balance,) = [l for l in ax.lines if l.get_gid() == "balance"]
    ys = list(balance.get_ydata())
    for e, i, y in zip(exports, imports, ys):
        if e is None or i is None:
            assert math.isnan(y)
        else:
            assert y == pytest.approx(e - i)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[:2] == ["Exports to China", "Imports from China"] and legend[2].startswith("Balance")
    assert tick_labels(ax) == list(spec.categories)
    assert ax.get_ylim()[0] < min(e - i for e, i in zip(exports, imports) if e is not None and i is not None)
    assert any("Note: 2016 and 2024 exports not published" in t for t in figure_texts(fig))
    assert_inside(fig)


# ---------------------------------------------------------------- line


@BOTH
def test_line_gaps_and_last_values(profile):
    spec = samples.PARTNERS
    fig = drawn(spec, profile)
    ax = main_axes(fig)
    lines = [l for l in ax.lines if l.get_label() in {s.label for s in spec.series}]
    assert len(lines) == len(spec.series)
    for line, series in zip(lines, spec.series):
        ys = list(line.get_ydata())
        assert len(ys) == len(series.values)
        for v, y in zip(series.values, ys):
            assert math.isnan(y) if v is None else y == v
        assert line.get_marker() == "o"
    last = [t for t in ax.texts if t.get_gid() == "last-value"]
    assert [t.get_text() for t in last] == ["4.87", "4.60", "7.10"]
    r = renderer(fig)
    boxes = [t.get_window_extent(r) for t in last]
    assert not any(overlap(a, b) for a, b in itertools.combinations(boxes, 2))
    axes_box = ax.get_window_extent(r)
    assert all(b.x1 <= axes_box.x1 + 1 for b in boxes)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [s.label for s in spec.series]
    assert_inside(fig)


def test_line_single_series_has_no_legend():
    spec = bar_spec(kind="line")
    ax = main_axes(drawn(spec, "page"))
    assert ax.get_legend() is None
    assert tick_labels(ax) == list(spec.categories)


# ---------------------------------------------------------------- timeline


def event_boxes(fig: Figure) -> dict[int, Bbox]:
    r = renderer(fig)
    boxes: dict[int, list[Bbox]] = {}
    for text in visible_texts(fig):
        gid = text.get_gid() or ""
        if gid.startswith("event-"):
            index = int(gid.split("-")[1])
            boxes.setdefault(index, []).append(text.get_window_extent(r))
    return {i: Bbox.union(b) for i, b in boxes.items()}


@BOTH
def test_timeline_25_events_do_not_collide(profile):
    spec = timeline_spec(25)
    assert len(spec.events) == 25
    fig = drawn(spec, profile)
    boxes = event_boxes(fig)
    assert sorted(boxes) == list(range(25))
    for (i, a), (j, b) in itertools.combinations(boxes.items(), 2):
        assert not overlap(a, b), (spec.events[i], spec.events[j])
    # Every label keeps its text, the date is written as given (to its precision).
    texts = {t.get_gid(): t.get_text() for t in visible_texts(fig)}
    for i, event in enumerate(spec.events):
        assert unwrap(texts[f"event-{i}-label"]) == unwrap(event.label)
        assert texts[f"event-{i}-date"] == parse_date(event.date).display
    assert_inside(fig)
    # Legible: never below the profile's minimum size.
    sizes = {t.get_fontsize() for t in visible_texts(fig) if (t.get_gid() or "").startswith("event-")}
    assert min(sizes) >= PROFILES[profile].min_font_size


@BOTH
def test_timeline_few_events_keep_the_profile_font(profile):
    spec = timeline_spec(5)
    fig = drawn(spec, profile)
    p = PROFILES[profile]
    width, height = fig.get_size_inches()
    assert width == pytest.approx(p.width_in)
    if p.fixed_height:  # a slide keeps its size
        assert height == pytest.approx(p.height_in)
    else:  # a page does not keep empty height
        assert p.height_in * 0.6 - 0.01 <= height <= p.height_in
    sizes = {t.get_fontsize() for t in visible_texts(fig) if (t.get_gid() or "").startswith("event-")}
    assert sizes == {p.font_size}
    assert_inside(fig)


def test_timeline_same_date_events():
    events = tuple(TimelineEvent("2024", f"Event number {i}") for i in range(6))
    spec = ChartSpec(kind="timeline", title="Same year", unit="", source="", events=events)
    fig = drawn(spec, "slide")
    boxes = event_boxes(fig)
    assert len(boxes) == 6
    assert not any(overlap(a, b) for a, b in itertools.combinations(boxes.values(), 2))
    assert_inside(fig)


def test_partial_dates_sit_at_their_precision():
    assert parse_date("2016").position == 2016.5
    assert parse_date("2017-10").position == pytest.approx(2017 + 9.5 / 12)
    assert parse_date("2024-07-03").position == pytest.approx(2024 + (6 + 2.5 / 31) / 12)
    assert [parse_date(d).display for d in ("2016", "2017-10", "2024-07-03")] == ["2016", "Oct 2017", "3 Jul 2024"]


# ---------------------------------------------------------------- every sample, both profiles


@BOTH
@pytest.mark.parametrize("name", sorted(samples.ALL))
def test_samples_fit_inside_the_figure(name, profile):
    spec = samples.ALL[name]
    fig = drawn(spec, profile)
    assert_inside(fig)
    assert spec.title in figure_texts(fig)
    assert any(t.startswith("Source: " + spec.source) for t in figure_texts(fig))


@BOTH
def test_long_title_source_and_legend_fit(profile):
    long = "A very long chart title that goes on and on about trade between Azerbaijan and China " * 2
    source = "State Customs Committee of the Republic of Azerbaijan; General Administration of Customs of China; UN Comtrade"
    series = tuple(ChartSeries(f"Partner country number {i} with a long name", (1.0, 2.0, None, 4.0)) for i in range(4))
    spec = bar_spec(title=long.strip(), source=source, series=series, note="Figures for 2023 are preliminary")
    fig = drawn(spec, profile)
    assert_inside(fig)
    ax = main_axes(fig)
    r = renderer(fig)
    legend = ax.get_legend().get_window_extent(r)
    title = fig.texts[0].get_window_extent(r)
    assert not overlap(legend, title)


# ---------------------------------------------------------------- PNG output


@BOTH
def test_png_is_byte_identical_across_runs(tmp_path, profile):
    spec = samples.EXPORTS_IMPORTS
    first, second = tmp_path / "a.png", tmp_path / "b.png"
    render_chart_png(spec, profile, first)
    render_chart_png(spec, profile, second)
    data = first.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data == second.read_bytes()
    assert b"Software" not in data and b"matplotlib" not in data.lower()


def test_png_pixel_size(tmp_path):
    target = tmp_path / "sub" / "chart.png"
    render_chart_png(bar_spec(), "slide", target)
    from PIL import Image

    with Image.open(target) as img:
        assert img.size == (1725, 750)


def test_timeline_png_identical(tmp_path):
    spec = timeline_spec(25)
    render_chart_png(spec, "page", tmp_path / "a.png")
    render_chart_png(spec, "page", tmp_path / "b.png")
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()


@pytest.mark.skipif(not has_cjk_font(), reason="no CJK font installed (install fonts-noto-cjk)")
@BOTH
def test_chinese_and_azerbaijani_render_without_missing_glyphs(profile):
    spec = samples.MULTILINGUAL
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = draw_chart(spec, profile)
        fig.savefig(io.BytesIO(), format="png", metadata={"Software": None})
        line = draw_chart(ChartSpec(kind="line", title="中国 — Azərbaycan — Россия", unit="ğ ş ç ö ü ı ə",
                                    source="国家统计局", categories=("一月", "二月", "Mart"),
                                    series=(ChartSeries("Çin 中国", (1.0, None, 3.0)),)), profile)
        line.savefig(io.BytesIO(), format="png")
        events = (TimelineEvent("2013-09", "习近平 提出 丝绸之路经济带"), TimelineEvent("2015", "Bakı — İpək yolu"))
        timeline = draw_chart(ChartSpec(kind="timeline", title="丝绸之路", unit="", source="新华社", events=events), profile)
        timeline.savefig(io.BytesIO(), format="png")


def test_latin_and_cyrillic_render_without_missing_glyphs():
    spec = bar_spec(title="Товарооборот — Ticarət dövriyyəsi (ğ ş ç ö ü ı ə Ə İ)", categories=("Rusiya", "Россия", "Şəki", "Gəncə"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        draw_chart(spec, "page").savefig(io.BytesIO(), format="png")


# ---------------------------------------------------------------- import hygiene and side effects


def test_pyplot_is_never_imported():
    code = (
        "import sys\n"
        "from dossier.charts import render_chart_png, samples\n"
        "import tempfile, pathlib\n"
        "d = pathlib.Path(tempfile.mkdtemp())\n"
        "for name, spec in samples.ALL.items():\n"
        "    render_chart_png(spec, 'page', d / (name + '.png'))\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)
    for path in (REPO / "dossier" / "charts").glob("*.py"):
        assert "import matplotlib.pyplot" not in path.read_text(encoding="utf-8"), path
        assert "from matplotlib import pyplot" not in path.read_text(encoding="utf-8"), path


def test_global_rcparams_untouched():
    before = dict(matplotlib.rcParams)
    draw_chart(samples.PARTNERS, "slide")
    assert dict(matplotlib.rcParams) == before


# ---------------------------------------------------------------- alt text


def test_describe_bar():
    text = describe_chart(samples.TURNOVER)
    assert text.startswith("Bar chart: Azerbaijan–China trade turnover, USD million, 1992–2025.")
    assert "highest 4,870 in 2025" in text and "lowest 1.5 in 1992" in text
    assert "rising overall" in text
    assert "20 of 34 values not reported" in text


def test_describe_categories_without_trend():
    text = describe_chart(samples.PRODUCTS)
    assert "highest 930 in Machinery and mechanical appliances" in text
    assert "overall" not in text  # no trend across product groups


def test_describe_exports_imports_and_line():
    text = describe_chart(samples.EXPORTS_IMPORTS)
    assert "exports and imports" in text and "Balance (exports minus imports): surplus in 0 of 10" in text
    text = describe_chart(samples.PARTNERS)
    assert text.startswith("Line chart:") and "Türkiyə: highest 7.3 in 2023" in text


def test_describe_falling_and_flat():
    falling = bar_spec(series=(ChartSeries("X", (10.0, 8.0, None, 2.0)),))
    assert "falling overall" in describe_chart(falling)
    flat = bar_spec(series=(ChartSeries("X", (10.0, 8.0, None, 10.2)),))
    assert "roughly flat" in describe_chart(flat)


def test_describe_timeline():
    text = describe_chart(timeline_spec(25))
    assert text.startswith("Timeline: Key dates. 25 events from 27 Dec 1991 to 2025.")
    assert "China recognises Azerbaijan" in text


# ---------------------------------------------------------------- helpers of the package


def test_wrap_keeps_words_and_breaks_cjk():
    assert wrap("Machinery and mechanical appliances", 12) == "Machinery\nand\nmechanical\nappliances"
    assert wrap("Machinery and mechanical appliances", 14) == "Machinery and\nmechanical\nappliances"
    assert max(len(line) for line in wrap("中华人民共和国海关总署统计", 8).split("\n")) <= 4
    assert unwrap(wrap("Çin 中国海关总署 statistics", 6)) == unwrap("Çin 中国海关总署 statistics")


@BOTH
@pytest.mark.parametrize("kind", ["bar", "line", "exports_imports"])
def test_long_unit_label_fits(kind, profile):
    series = (ChartSeries("Exports", (1.0, 2.0, None, 4.0)), ChartSeries("Imports", (2.0, 1.0, 3.0, 5.0)))
    spec = bar_spec(kind=kind, series=series,
                    unit="USD million at current prices, customs statistics, not seasonally adjusted")
    fig = drawn(spec, profile)
    assert_inside(fig)
    ax = main_axes(fig)
    assert unwrap(ax.get_ylabel()) == unwrap(spec.unit)
