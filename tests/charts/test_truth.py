"""Issue 11, rules 1-7: the geometry of every chart kind says what the data says (asserted on the Figure)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from matplotlib.colors import to_hex
from matplotlib.patches import Rectangle, Wedge

from dossier.chart_blocks import resolve_chart
from dossier.data import Row
from dossier.errors import ChartError
from dossier.formatting import format_qualified
from dossier.model import ChartSeries, ChartSpec, Location
from dossier.palette import series_colors
from dossier.project import load_project
from dossier.validate import load_subject
from tests.charts.chart_checks import bar_spec, by_gid, drawn, figure_texts, main_axes
from tests.project_copies import PROJECTS

BOTH = pytest.mark.parametrize("profile", ["page", "slide"])
LOC = Location("templates/t.md.j2", 10)


def bars(ax) -> list[Rectangle]:
    return [p for c in ax.containers for p in c]


def centre(rect: Rectangle) -> float:
    return rect.get_x() + rect.get_width() / 2


def drawn_segments(ax) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Every straight piece of every drawn line (markers-only artists draw none)."""
    pieces = []
    for line in ax.lines:
        if line.get_linestyle() in ("None", "none", "") or line.get_gid() in ("category-marks", "year-marks", "axis-break"):
            continue
        xs, ys = list(line.get_xdata()), list(line.get_ydata())
        if line.get_transform() != ax.transData:
            continue
        pieces.extend(((xs[i], ys[i]), (xs[i + 1], ys[i + 1])) for i in range(len(xs) - 1))
    return pieces


# ---------------------------------------------------------------- 1. time is proportional


@BOTH
@pytest.mark.parametrize("kind", ["bar", "exports_imports", "line"])
def test_years_stand_at_their_distance_in_time(kind, profile):
    years = ("1992", "2003", "2008")
    series = (ChartSeries("Exports", (1.5, 238.0, 800.0)), ChartSeries("Imports", (2.0, 300.0, 900.0)))
    fig = drawn(bar_spec(kind=kind, categories=years, series=series[: 1 if kind != "exports_imports" else 2]), profile)
    ax = main_axes(fig)
    if kind == "line":
        (points,) = [line for line in ax.lines if line.get_gid() == "series-points"]
        xs = list(points.get_xdata())
    else:
        xs = sorted({round(centre(r), 6) for r in ax.containers[0]})
    assert (xs[1] - xs[0]) / (xs[2] - xs[1]) == pytest.approx(11 / 5)


@BOTH
def test_a_year_with_one_reporting_side_has_its_bar_on_its_label(profile):
    """The turnover chart's 2016 (only China reports) and 2017 (both sides): no empty slots."""
    years = ("2016", "2017", "2018")
    cn = ChartSeries("Turnover (CN)", (769.0, 964.0, None), absent=(2,))
    az = ChartSeries("Turnover (AZ)", (None, 1300.0, 1310.0), absent=(0,))
    ax = main_axes(drawn(bar_spec(categories=years, series=(cn, az)), profile))
    cn_bars, az_bars = ax.containers
    assert centre(cn_bars[0]) == pytest.approx(0) and centre(az_bars[1]) == pytest.approx(2)  # one bar: centred
    assert centre(cn_bars[1]) < 1 < centre(az_bars[0])  # two bars: side by side around 2017
    assert centre(cn_bars[1]) + centre(az_bars[0]) == pytest.approx(2)


def test_category_scale_when_the_spec_says_so():
    spec = bar_spec(categories=("1992", "2003", "2008"), series=(ChartSeries("T", (1.0, 2.0, 3.0)),),
                    x_scale="category")
    ax = main_axes(drawn(spec, "page"))
    assert [centre(r) for r in bars(ax)] == pytest.approx([0, 1, 2])


# ---------------------------------------------------------------- 2. zero


@BOTH
@pytest.mark.parametrize("kind", ["bar", "exports_imports", "line"])
def test_value_axis_starts_at_zero(kind, profile):
    series = (ChartSeries("A", (690.0, 800.0, 900.0, 930.0)), ChartSeries("B", (700.0, 720.0, 750.0, 780.0)))
    ax = main_axes(drawn(bar_spec(kind=kind, series=series[: 1 if kind == "line" else 2]), profile))
    low = ax.get_ylim()[0]
    assert low == 0 if kind != "exports_imports" else low < -10  # the balance (690 − 700) is below zero


@BOTH
def test_a_line_cut_above_zero_says_so(profile):
    spec = bar_spec(kind="line", series=(ChartSeries("Index", (101.2, 103.8, 104.1, 106.9)),), y_from_zero=False)
    fig = drawn(spec, profile)
    assert main_axes(fig).get_ylim()[0] > 0
    assert len([line for line in main_axes(fig).lines if line.get_gid() == "axis-break"]) == 2
    assert "The value axis does not start at zero." in figure_texts(fig)[-1]


@BOTH
def test_a_bar_too_short_to_see_carries_its_value(profile):
    years = tuple(str(y) for y in (1992, *range(2003, 2026)))
    values = (1.5, *(200.0 + 200 * i for i in range(23)))
    fig = drawn(bar_spec(categories=years, series=(ChartSeries("Turnover", values),)), profile)
    assert [t.get_text() for t in by_gid(fig, "value-label")] == ["1.5"]


# ---------------------------------------------------------------- 3. lines never cross gaps


def assert_no_segment_across(ax, spec: ChartSpec, forbidden: list[tuple[float, float]]) -> None:
    for (x0, y0), (x1, y1) in drawn_segments(ax):
        assert not (math.isnan(y0) or math.isnan(y1))
        for a, b in forbidden:
            assert not (min(x0, x1) <= a + 1e-9 and max(x0, x1) >= b - 1e-9), ((x0, x1), (a, b))


@BOTH
def test_no_segment_across_a_missing_value_a_hole_or_incomparable_points(profile):
    categories = ("2011", "2018", "2019", "2020", "2021", "2022")
    series = ChartSeries("Investment", (700.0, 800.0, 832.0, None, 900.0, 920.0),
                         comparable=("a", "a", "a", "a", "a", "b"))
    fig = drawn(bar_spec(kind="line", categories=categories, series=(series,)), profile)
    ax = main_axes(fig)
    x = {c: int(c) + 0.5 for c in categories}
    assert_no_segment_across(ax, None, [(x["2011"], x["2018"]), (x["2019"], x["2021"]), (x["2021"], x["2022"])])
    assert [s for s in drawn_segments(ax)] == [((x["2018"], 800.0), (x["2019"], 832.0))]  # the one comparable pair
    assert [t.get_position()[0] for t in by_gid(fig, "not-reported")] == [x["2020"]]


@BOTH
def test_balance_of_periods_that_cannot_be_compared_is_points_only(profile):
    spec = bar_spec(kind="exports_imports", categories=("Jan–Sep 2020", "Q1 2021", "2023 (article)"), series=(
        ChartSeries("Exports", (420.1, 115.7, 63.5), comparable=("Jan–Sep 2020", "Q1 2021", "2023 (article)")),
        ChartSeries("Imports", (1000.0, 312.4, 1556.2))))
    ax = main_axes(drawn(spec, profile))
    assert drawn_segments(ax) == [] or all(line.get_gid() == "zero-line" for line in ax.lines
                                           if line.get_linestyle() not in ("None", "none"))
    (points,) = [line for line in ax.lines if line.get_gid() == "balance-points"]
    assert len(points.get_xdata()) == 3


def rows(*records: dict) -> list[Row]:
    return [Row(r, origin=f"data/s/trade.csv:{i + 2}") for i, r in enumerate(records)]


def test_two_values_for_one_x_name_both_rows():
    context = {"trade": rows({"year": 2017, "turnover": 964.0}, {"year": 2017, "turnover": 1300.0})}
    block = "kind: bar\ntitle: T\ndata: trade\nx: year\nseries: [turnover]\nunit: USD million\nsource: S\n"
    with pytest.raises(ChartError) as caught:
        resolve_chart(block, LOC, context)
    assert "data/s/trade.csv:2 and data/s/trade.csv:3" in str(caught.value)


def test_the_group_with_most_values_takes_the_first_colour():
    """CHARTS.md: the strongest colour goes to the main series, whatever order the data lists them in."""
    context = {"trade": rows({"year": 1992, "turnover": 1.5, "side": "unstated"},
                             *({"year": y, "turnover": 1000.0 + y, "side": "AZ"} for y in (2018, 2019, 2020)),
                             {"year": 2021, "turnover": None, "side": "CN"}, {"year": 2022, "turnover": 900.0, "side": "CN"})}
    block = "kind: bar\ntitle: T\ndata: trade\nx: year\nseries: [turnover]\ngroup: side\nunit: USD million\nsource: S\n"
    labels = [s.label for s in resolve_chart(block, LOC, context).spec.series]
    assert labels == ["Turnover (AZ)", "Turnover (unstated)", "Turnover (CN)"]  # 3 values, then 1 and 1 (first seen)


def test_rows_of_a_loaded_csv_know_their_line():
    project = load_project(PROJECTS / "gallery")
    context, _ = load_subject(project, "gallery")
    assert context["turnover"][6].origin == "data/gallery/turnover.csv:8"  # 2017, AZ
    assert context["investment"]["stock"][1].origin == "data/gallery/investment.yaml:4"


# ---------------------------------------------------------------- 4. qualified values


def test_qualifier_column_is_read_and_drawn_distinctly():
    context = {"c": rows({"date": "2016-02", "n": 80, "qualifier": ""}, {"date": "2018-07", "n": 110, "qualifier": "over"},
                         {"date": "2019", "n": 120, "qualifier": "~"}, {"date": "2023-05", "n": 200, "qualifier": ">"})}
    block = "kind: line\ntitle: T\ndata: c\nx: date\nseries: [n]\nunit: companies\nsource: S\n"
    spec = resolve_chart(block, LOC, context).spec
    assert spec.series[0].qualifiers == ("", ">", "~", ">")
    fig = drawn(spec, "page")
    ax = main_axes(fig)
    (hollow,) = [line for line in ax.lines if line.get_gid() == "series-qualified-points"]
    assert list(hollow.get_ydata()) == [110, 120, 200] and hollow.get_markerfacecolor() in ("white", "w")
    assert [t.get_text() for t in by_gid(fig, "qualified-label")] == [">\N{NO-BREAK SPACE}110", "~120"]
    assert [t.get_text() for t in by_gid(fig, "last-value")] == [">\N{NO-BREAK SPACE}200"]
    assert "> lower bound; ~ approximate." in figure_texts(fig)[-1]


def test_qualified_bar_is_hatched_and_labelled():
    series = ChartSeries("Turnover", tuple(100.0 * i for i in range(1, 21)), qualifiers=("",) * 7 + ("~",) + ("",) * 12)
    spec = bar_spec(categories=tuple(str(y) for y in range(2001, 2021)), series=(series,))
    fig = drawn(spec, "page")
    hatched = [r for r in bars(main_axes(fig)) if r.get_hatch()]
    assert [r.get_height() for r in hatched] == [800.0]
    assert [t.get_text() for t in by_gid(fig, "value-label")] == ["~800"]


def test_unknown_qualifier_names_its_row():
    context = {"c": rows({"date": "2016", "n": 80, "qualifier": "maybe"})}
    block = "kind: line\ntitle: T\ndata: c\nx: date\nseries: [n]\nunit: companies\nsource: S\n"
    with pytest.raises(ChartError, match=r"qualifier 'maybe' .*data/s/trade.csv:2"):
        resolve_chart(block, LOC, context)


@pytest.mark.parametrize(("locale", "over", "about"), [
    ("en_GB", "over 200", "about 800"), ("ru", "более 200", "около 800"), ("az", "ən azı 200", "təxminən 800"),
    ("de", "über 200", "etwa 800"),
    ("es", "> 200", "~800"),  # no catalogue for the language: the symbol, never a guess
])
def test_qualified_filter_speaks_the_locale(locale, over, about):
    assert format_qualified(200, "over", locale=locale).replace("\N{NO-BREAK SPACE}", " ") == over
    assert format_qualified(800, "~", locale=locale) == about
    assert format_qualified(5, "", locale=locale) == "5"


# ---------------------------------------------------------------- 6. shares as given, distinct colours


@BOTH
def test_percent_shares_are_drawn_as_stated_with_the_rest_explicit(profile):
    spec = ChartSpec("share", "Imports by origin", "% of imports", "Customs", categories=("China", "Russia", "Türkiye"),
                     series=(ChartSeries("Share", (20.8, 15.2, 11.9)),))
    fig = drawn(spec, profile)
    ring = [a for a in fig.axes if any(isinstance(p, Wedge) for p in a.patches)][0]
    wedges = [p for p in ring.patches if isinstance(p, Wedge)]
    fractions = [(w.theta2 - w.theta1) / 360 for w in wedges]
    assert fractions == pytest.approx([0.208, 0.152, 0.119, 1 - 0.479], abs=1e-6)
    assert [t.get_text() for t in by_gid(fig, "slice-share")] == ["20.8%", "15.2%", "11.9%", "52.1%"]
    assert "Rest / not stated" in [t.get_text() for t in by_gid(fig, "slice-label")]


def test_percent_shares_over_100_fail():
    spec = ChartSpec("share", "Shares", "%", "S", categories=("A", "B"), series=(ChartSeries("S", (70.0, 45.0)),))
    with pytest.raises(ChartError, match="add up to 115%"):
        drawn(spec, "page")


def test_centre_label_is_never_wrapped():
    spec = ChartSpec("share", "Imports", "USD million at current prices", "S", categories=("A", "B", "C"),
                     series=(ChartSeries("S", (812.0, 655.0, 430.0)),))
    for profile in ("page", "slide"):
        for total in by_gid(drawn(spec, profile), "total"):
            assert total.get_text() in ("1,897", "1,897\nUSD million at current prices")


@BOTH
@pytest.mark.parametrize("kind", ["bar", "line"])
def test_twelve_series_get_twelve_colours(kind, profile):
    series = tuple(ChartSeries(f"Partner {i}", (100.0 + i, 120.0 + i, 130.0, 140.0)) for i in range(12))
    ax = main_axes(drawn(bar_spec(kind=kind, series=series), profile))
    if kind == "bar":
        colours = [to_hex(c[0].get_facecolor()) for c in ax.containers]
    else:
        colours = [to_hex(line.get_color()) for line in ax.lines if line.get_gid() == "series-points"]
    assert len(colours) == 12 and len(set(colours)) == 12
    assert len(set(series_colors(30))) == 30


# ---------------------------------------------------------------- 7. every missing value marked


@BOTH
def test_every_single_missing_value_is_marked(profile):
    """Not only categories where every series is missing: each gap beside another series' bar too."""
    years = tuple(str(y) for y in range(2005, 2025))
    a = tuple(None if y % 4 == 0 else 100.0 + y for y in range(20))
    b = tuple(None if y % 5 == 1 else 200.0 + y for y in range(20))
    fig = drawn(bar_spec(categories=years, series=(ChartSeries("A", a), ChartSeries("B", b))), profile)
    marks = by_gid(fig, "not-reported")
    both = sum(x is None and y is None for x, y in zip(a, b))  # a year with no value at all: one mark
    assert both == 1 and len(marks) == sum(v is None for v in a + b) - both


def test_percent_shares_over_100_fail_when_the_block_is_read():
    """`check` reads chart blocks without drawing them: the error must come from reading."""
    context = {"s": rows({"partner": "A", "share": 70.0}, {"partner": "B", "share": 45.0})}
    block = "kind: share\ntitle: T\ndata: s\nx: partner\nseries: [share]\nunit: '%'\nsource: S\n"
    with pytest.raises(ChartError, match="add up to 115%"):
        resolve_chart(block, LOC, context)


def test_a_missing_point_of_one_line_among_several_is_marked_in_its_colour():
    series = (ChartSeries("A", (1.0, 2.0, 3.0, 4.0)), ChartSeries("B", (2.0, None, 3.0, 5.0)))
    fig = drawn(bar_spec(kind="line", series=series), "page")
    (mark,) = by_gid(fig, "not-reported")
    assert mark.get_position()[0] == 1 and to_hex(mark.get_color()) == series_colors(2)[1]
