"""The kinds drawn over categories: bar, exports_imports, line. Asserts on the Figure, not on pixels."""

from __future__ import annotations

import math

import pytest
from chart_checks import (
    assert_inside,
    assert_no_overlap,
    bar_spec,
    by_gid,
    drawn,
    figure_texts,
    main_axes,
    renderer,
    sample_figure,
    tick_labels,
)
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from dossier.charts import samples
from dossier.charts.bars import GROUP_WIDTH, missing_runs
from dossier.charts.wrap import unwrap
from dossier.model import ChartSeries

BOTH = pytest.mark.parametrize("profile", ["page", "slide"])
pytestmark = pytest.mark.filterwarnings("error")  # no warning of any kind while drawing (layout, glyphs)


def bars(ax) -> list[Rectangle]:
    return [p for p in ax.patches if isinstance(p, Rectangle)]


# ---------------------------------------------------------------- bar


@BOTH
def test_bar_figure(profile):
    spec = bar_spec()
    fig = drawn(spec, profile)
    ax = main_axes(fig)
    assert spec.title not in figure_texts(fig)  # the caption or the slide title says it
    assert figure_texts(fig)[0] == "Source: State Customs Committee. n/r: not reported."
    assert tick_labels(ax) == list(spec.categories)
    assert ax.get_ylabel() == "USD million"
    assert ax.get_ylim()[0] == 0  # bars start at zero
    assert not ax.spines["top"].get_visible() and not ax.spines["right"].get_visible()
    assert any(line.get_visible() for line in ax.get_ygridlines())
    assert not any(line.get_visible() for line in ax.get_xgridlines())
    # One bar per value present; the missing 2022 draws no bar (not a zero bar) but an "n/r" mark.
    centres = sorted(round(b.get_x() + b.get_width() / 2, 6) for b in bars(ax))
    assert centres == [0, 2, 3]
    assert [b.get_height() for b in sorted(bars(ax), key=lambda b: b.get_x())] == [2159.0, 3744.0, 4870.0]
    assert [m.get_position()[0] for m in by_gid(fig, "not-reported")] == [1]
    # Few bars: each carries its value, inside the axes.
    labels = [t for t in ax.texts if t.get_gid() != "not-reported"]
    assert sorted(t.get_text() for t in labels) == ["2,159", "3,744", "4,870"]
    assert_inside(fig, ax.get_window_extent(renderer(fig)), labels + by_gid(fig, "not-reported"))
    assert_inside(fig)


@BOTH
def test_bar_clustered_series(profile):
    spec = samples.PRODUCTS
    fig = sample_figure("products_bar", profile)
    ax = main_axes(fig)
    assert len(bars(ax)) == sum(v is not None for s in spec.series for v in s.values) == 11
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
    assert_no_overlap(fig, ax.get_xticklabels())
    assert_inside(fig)


@BOTH
def test_bar_many_years_are_thinned_and_gaps_marked_once_per_run(profile):
    spec = samples.TURNOVER
    fig = sample_figure("turnover_bar", profile)
    ax = main_axes(fig)
    values = spec.series[0].values
    assert len(bars(ax)) == sum(v is not None for v in values)
    # Every label shown is its category's year, at that category's position; none overlap.
    for loc, label in zip(ax.get_xticks(), tick_labels(ax)):
        assert spec.categories[round(loc)] == label
    assert "2025" in tick_labels(ax) or "2020" in tick_labels(ax)
    assert_no_overlap(fig, ax.get_xticklabels())
    (marks,) = [line for line in ax.lines if line.get_gid() == "category-marks"]
    assert list(marks.get_xdata()) == list(range(len(spec.categories)))  # a mark under every year
    # Many bars: no value labels but on the bar too short to see (1992's 1.5). Each run of missing
    # values has one "n/r" at its middle; a run of two or more also a grey stroke along the baseline.
    assert [t.get_text() for t in ax.texts if t.get_gid() != "not-reported"] == ["1.5"]
    runs = missing_runs([v is None for v in values])
    assert [t.get_position()[0] for t in by_gid(fig, "not-reported")] == [(a + b) / 2 for a, b in runs]
    strokes = [line for line in ax.lines if line.get_gid() == "not-reported-run"]
    assert len(strokes) == sum(1 for a, b in runs if b > a)
    for stroke, (a, b) in zip(strokes, [r for r in runs if r[1] > r[0]]):
        x0, x1 = stroke.get_xdata()
        assert x0 < a < b < x1 and list(stroke.get_ydata()) == [0, 0]
    assert_inside(fig)


def test_bar_negative_values_keep_zero_line():
    spec = bar_spec(series=(ChartSeries("Balance", (-440.0, 120.0, None, -2790.0)),))
    ax = main_axes(drawn(spec, "page"))
    low, high = ax.get_ylim()
    assert low < -2790 and high > 0
    assert any(isinstance(line, Line2D) and list(line.get_ydata()) == [0, 0] for line in ax.lines)


def test_two_sides_stay_two_series():
    series = (ChartSeries("Turnover (AZ)", (2159.0, 3100.0, None, 4870.0)),
              ChartSeries("Turnover (CN)", (None, 3300.0, 3744.0, None)))
    fig = drawn(bar_spec(series=series), "slide")
    ax = main_axes(fig)
    assert len(ax.containers) == 2 and len(bars(ax)) == 5
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Turnover (AZ)", "Turnover (CN)"]
    assert len(by_gid(fig, "not-reported")) == 3


@BOTH
def test_sides_reporting_in_turn_have_one_centred_bar_per_year(profile):
    """Like the example's turnover by reporting side: most years only one of three sides reports.

    A side with no row in a year is absent there, not missing: no mark, no empty slot; the one
    bar stands centred on its year.
    """
    years = tuple(str(y) for y in range(2011, 2025))
    sides = [tuple(1000.0 + 100 * i if i % 3 == k else None for i in range(len(years))) for k in range(3)]
    spec = bar_spec(categories=years, series=tuple(
        ChartSeries(f"Turnover ({side})", values, absent=tuple(i for i, v in enumerate(values) if v is None))
        for side, values in zip(("AZ", "CN", "unstated"), sides)))
    fig = drawn(spec, profile)
    assert not by_gid(fig, "not-reported")
    ax = main_axes(fig)
    assert sorted(rect.get_x() + rect.get_width() / 2 for rect in bars(ax)) == pytest.approx(range(len(years)))
    assert len(bars(ax)) == len(years)
    assert_inside(fig)


def test_zero_is_written_where_a_bar_has_no_height():
    years = tuple(str(y) for y in range(2000, 2025))
    values = tuple(0.0 if y == 2010 else None if y == 2011 else float(y - 1990) for y in range(2000, 2025))
    fig = drawn(bar_spec(categories=years, series=(ChartSeries("Exports", values),)), "page")
    (zero,) = by_gid(fig, "zero")
    assert zero.get_text() == "0" and zero.get_position() == (10, 0)
    assert [m.get_position()[0] for m in by_gid(fig, "not-reported")] == [11]
    assert figure_texts(fig)[0].endswith("n/r: not reported.")


def test_missing_runs():
    nan = math.nan
    assert missing_runs([math.isnan(v) for v in [1, nan, nan, 2, nan, 3, nan]]) == [(1, 2), (4, 4), (6, 6)]
    assert missing_runs([False, False]) == []


# ---------------------------------------------------------------- exports_imports


@BOTH
def test_exports_imports(profile):
    spec = samples.EXPORTS_IMPORTS
    fig = sample_figure("exports_imports", profile)
    ax = main_axes(fig)
    exports, imports = (s.values for s in spec.series)
    assert len(bars(ax)) == sum(v is not None for v in exports + imports)
    (points,) = [line for line in ax.lines if line.get_gid() == "balance-points"]
    known = [(x, e - i) for x, (e, i) in enumerate(zip(exports, imports)) if e is not None and i is not None]
    assert list(points.get_xdata()) == [x for x, _ in known]
    assert list(points.get_ydata()) == pytest.approx([y for _, y in known])  # no point, never a zero, where one is missing
    for line in (line for line in ax.lines if line.get_gid() == "balance-line"):
        xs = list(line.get_xdata())
        assert xs == list(range(int(xs[0]), int(xs[-1]) + 1))  # a line only across known neighbours
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
    fig = sample_figure("partners_line", profile)
    ax = main_axes(fig)
    points = [line for line in ax.lines if line.get_gid() == "series-points"]
    assert len(points) == len(spec.series)
    for line, series in zip(points, spec.series):
        assert list(line.get_ydata()) == [v for v in series.values if v is not None]  # one point per known value
        assert line.get_marker() == "o"
    for line in (line for line in ax.lines if line.get_gid() == "series-line"):
        assert not any(math.isnan(y) for y in line.get_ydata())
    last = by_gid(fig, "last-value")
    assert [t.get_text() for t in last] == ["4.87", "4.60", "7.10"]
    assert_no_overlap(fig, last)
    assert_inside(fig, ax.get_window_extent(renderer(fig)), last)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [s.label for s in spec.series]
    assert tick_labels(ax)[0] == "2010"
    assert_inside(fig)


@BOTH
def test_line_of_dates_stands_on_a_time_scale(profile):
    spec = bar_spec(kind="line", categories=("2011", "2018", "2019-11", "2024-07"),
                    series=(ChartSeries("Direct investment", (700.0, 800.0, None, 930.8)),))
    fig = drawn(spec, profile)
    ax = main_axes(fig)
    (points,) = [line for line in ax.lines if line.get_gid() == "series-points"]
    xs = list(points.get_xdata())
    assert xs == pytest.approx([2011.5, 2018.5, 2024 + 6.5 / 12])  # the middle of each period
    assert not [line for line in ax.lines if line.get_gid() == "series-line"]  # holes and a missing value: no line
    assert [t.get_position()[0] for t in by_gid(fig, "not-reported")] == pytest.approx([2019 + 10.5 / 12])
    labels = tick_labels(ax)
    assert labels and all(label.isdigit() for label in labels)
    for loc, label in zip(ax.get_xticks(), labels):
        assert loc == int(label) + 0.5  # a year's label at the middle of its year
    low, high = ax.get_xlim()
    assert low <= 2011 and high >= 2025
    assert_no_overlap(fig, ax.get_xticklabels())
    assert_inside(fig, ax.get_window_extent(renderer(fig)), by_gid(fig, "last-value"))
    assert_inside(fig)


def test_line_of_consecutive_years_or_words_stays_evenly_spaced():
    for categories in (("2021", "2022", "2023", "2024"), ("Q1 2024", "Q2 2024", "Q3 2024", "Q4 2024"),
                       ("2024", "2023", "2022", "2021")):
        ax = main_axes(drawn(bar_spec(kind="line", categories=categories), "page"))
        (points,) = [line for line in ax.lines if line.get_gid() == "series-points"]
        assert list(points.get_xdata()) == [0, 2, 3]
        assert tick_labels(ax) == list(categories)


def test_line_single_series_has_no_legend():
    spec = bar_spec(kind="line")
    ax = main_axes(drawn(spec, "page"))
    assert ax.get_legend() is None
    assert tick_labels(ax) == list(spec.categories)


# ---------------------------------------------------------------- all three: long texts fit


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
    assert legend.y1 <= fig.bbox.height + 0.5


@BOTH
@pytest.mark.parametrize("kind", ["bar", "line", "exports_imports"])
def test_long_unit_label_fits(kind, profile):
    series = (ChartSeries("Exports", (1.0, 2.0, None, 4.0)), ChartSeries("Imports", (2.0, 1.0, 3.0, 5.0)))
    spec = bar_spec(kind=kind, series=series,
                    unit="USD million at current prices, customs statistics, not seasonally adjusted")
    fig = drawn(spec, profile)
    assert_inside(fig)
    assert unwrap(main_axes(fig).get_ylabel()) == unwrap(spec.unit)
