"""The "ranked" (sorted horizontal bars) and "share" (doughnut) kinds."""

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
)
from matplotlib.patches import Rectangle, Wedge

from dossier.charts import PROFILES, samples
from dossier.charts.ranked import rank_order
from dossier.charts.shares import MAX_SLICES, rounded_percents, slices
from dossier.charts.wrap import unwrap
from dossier.model import ChartSeries

BOTH = pytest.mark.parametrize("profile", ["page", "slide"])
pytestmark = pytest.mark.filterwarnings("error")


# ---------------------------------------------------------------- ranked


@BOTH
def test_ranked_sorted_largest_on_top(profile):
    spec = samples.RANKED_PARTNERS
    fig = sample_figure("partners_ranked", profile)
    ax = main_axes(fig)
    assert spec.title not in figure_texts(fig)
    values = spec.series[0].values
    order = sorted((i for i, v in enumerate(values) if v is not None), key=lambda i: -values[i])
    missing = [i for i, v in enumerate(values) if v is None]
    labels = [unwrap(t.get_text()) for t in ax.get_yticklabels()]
    assert labels == [unwrap(spec.categories[i]) for i in order + missing]  # "Ukrayna" (n/r) last
    rows = [round(y) for y in ax.get_yticks()]
    assert ax.get_ylim()[0] > ax.get_ylim()[1]  # row 0 on top
    rects = sorted((p for p in ax.patches if isinstance(p, Rectangle)), key=lambda r: r.get_y())
    assert len(rects) == len(order)  # no bar for the missing value
    assert [r.get_width() for r in rects] == [values[i] for i in order]
    assert rows == list(range(len(values)))
    assert ax.get_xlim()[0] == 0  # bars from zero
    # Every bar carries its value at its end, inside the axes; "n/r" in the missing row.
    numbers = by_gid(fig, "value")
    assert [t.get_text() for t in numbers] == ["10,300", "7,100", "4,870", "4,800", "1,900", "1,450", "1,210", "720", "510"]
    (mark,) = by_gid(fig, "not-reported")
    assert mark.xy[1] == pytest.approx(len(values) - 1)
    box = ax.get_window_extent(renderer(fig))
    assert_inside(fig, box, [*numbers, mark])
    assert_no_overlap(fig, [*numbers, *ax.get_yticklabels()])
    assert ax.get_xlabel() == "USD million"
    # Labels are never cut: whole and inside the figure.
    assert_inside(fig)


def test_ranked_many_categories_grow_the_page_and_keep_their_size():
    categories = tuple(f"Partner country number {i}" for i in range(30))
    spec = bar_spec(kind="ranked", categories=categories,
                    series=(ChartSeries("Turnover", tuple(float(i * 37 % 101) for i in range(30))),))
    page = drawn(spec, "page")
    assert page.get_size_inches()[1] > PROFILES["page"].height_in
    slide = drawn(spec, "slide")
    sizes = {t.get_fontsize() for t in main_axes(slide).get_yticklabels()}
    assert min(sizes) >= PROFILES["slide"].min_font_size
    for fig in (page, slide):
        ax = main_axes(fig)
        assert_no_overlap(fig, ax.get_yticklabels())
        assert_inside(fig)


def test_ranked_two_sides_and_negative_values():
    series = (ChartSeries("Balance (AZ)", (-440.0, 120.0, None, -2790.0)),
              ChartSeries("Balance (CN)", (-500.0, None, 80.0, -2600.0)))
    fig = drawn(bar_spec(kind="ranked", series=series), "slide")
    ax = main_axes(fig)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Balance (AZ)", "Balance (CN)"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["2022", "2021", "2024", "2023"]
    low, high = ax.get_xlim()
    assert low < -2790 and high >= 0
    assert len(ax.containers) == 2 and len(by_gid(fig, "not-reported")) == 2
    assert_inside(fig, ax.get_window_extent(renderer(fig)), by_gid(fig, "value"))
    assert_inside(fig)


def test_rank_order():
    nan = math.nan
    assert rank_order([3.0, nan, 5.0, 3.0, nan, -1.0]) == [2, 0, 3, 5, 1, 4]


# ---------------------------------------------------------------- share


@BOTH
def test_share_doughnut(profile):
    spec = samples.PARTNER_SHARES
    fig = sample_figure("partner_share", profile)
    ring, = fig.axes
    wedges = [p for p in ring.patches if isinstance(p, Wedge)]
    parts, missing = slices(spec)
    assert len(wedges) == len(parts) == MAX_SLICES  # five partners and "Other (3)"
    assert missing == ["Ukrayna"]
    # Clockwise from twelve o'clock, largest first, "Other" last; the angles are the shares.
    total = sum(p.value for p in parts)
    for wedge, part in zip(wedges, parts):
        assert (wedge.theta2 - wedge.theta1) == pytest.approx(part.value / total * 360)
    assert wedges[0].theta2 == pytest.approx(90)
    assert [p.label for p in parts] == ["İtaliya", "Türkiyə", "Çin 中国", "Rusiya Россия", "İsrail", "Other (3)"]
    assert [t.get_text() for t in by_gid(fig, "slice-label")] == [p.label for p in parts]
    assert [t.get_text() for t in by_gid(fig, "slice-share")] == ["25%", "17%", "12%", "12%", "5%", "29%"]
    assert [t.get_text() for t in by_gid(fig, "slice-value")][-1] == "11,730"
    on_ring = by_gid(fig, "slice-percent")
    assert {t.get_text() for t in on_ring} <= {p.percent for p in parts} and len(on_ring) >= 4
    (centre,) = by_gid(fig, "total")
    assert centre.get_text() == "40,700\nUSD million"
    # What "Other" holds and what was not reported are said under the chart.
    footer = figure_texts(fig)[0].replace("\n", " ")
    assert "Other (3): Almaniya, Gürcüstan, Qazaxıstan and the source's “Other”" in footer
    assert "Not reported: Ukrayna." in footer
    assert_inside(fig, ring.get_window_extent(renderer(fig)), on_ring + [centre])
    assert_no_overlap(fig, [t for t in fig.texts if t.get_gid() and t.get_gid().startswith("slice-")])
    assert_inside(fig)


def test_share_few_slices_no_other():
    spec = bar_spec(kind="share", categories=("Oil", "Gas", "Other goods"), series=(ChartSeries("Exports", (70.0, 25.0, 5.0)),))
    fig = drawn(spec, "slide")
    parts, _ = slices(spec)
    assert [p.label for p in parts] == ["Oil", "Gas", "Other goods"]
    assert [t.get_text() for t in by_gid(fig, "slice-share")] == ["70%", "25%", "5%"]
    assert_inside(fig)


def test_rounded_percents_add_up_to_100():
    assert rounded_percents([1, 1, 1]) == ["34%", "33%", "33%"]
    assert rounded_percents([1000, 3, 0]) == ["100%", "<1%", "0%"]
    shown = rounded_percents([10300, 7100, 4870, 4800, 1900, 11730])
    assert sum(int(p.rstrip("%")) for p in shown) == 100
