"""The registry, the profiles, and the ChartError messages for specs that are wrong."""

from __future__ import annotations

import math
import pickle

import pytest
from chart_checks import bar_spec

from dossier.charts import KINDS, PROFILES, draw_chart
from dossier.errors import ChartError
from dossier.model import ChartSeries, ChartSpec, TimelineEvent

pytestmark = pytest.mark.filterwarnings("error")


def test_registry_and_profiles():
    assert set(KINDS) == {"bar", "exports_imports", "line", "ranked", "share", "timeline"}
    assert all(callable(f) for f in KINDS.values())
    assert set(PROFILES) == {"page", "slide"}
    page, slide = PROFILES["page"], PROFILES["slide"]
    assert 9 <= page.font_size <= 10 and page.dpi == 200
    assert slide.font_size >= 14 and slide.small_size >= 14 and slide.min_font_size >= 14 and slide.dpi == 150
    assert math.isclose(page.width_in * 2.54, 16, abs_tol=0.01) and math.isclose(page.height_in * 2.54, 8, abs_tol=0.01)
    assert (slide.width_in, slide.height_in) == (11.5, 5.0)


@pytest.mark.parametrize("profile", ["page", "slide"])
def test_figure_size_and_dpi(profile):
    fig = draw_chart(bar_spec(), profile)
    p = PROFILES[profile]
    assert tuple(fig.get_size_inches()) == pytest.approx((p.width_in, p.height_in))
    assert fig.dpi == p.dpi
    assert fig.get_layout_engine() is None  # laid out once; saving does not move anything


def test_unknown_kind_lists_known_kinds():
    with pytest.raises(ChartError) as err:
        draw_chart(bar_spec(kind="pie"), "page")
    message = str(err.value)
    assert message.startswith("unknown chart kind 'pie'; known: ")
    assert message.endswith(", ".join(sorted(KINDS)))


def test_unknown_profile():
    with pytest.raises(ChartError, match="page, slide"):
        draw_chart(bar_spec(), "poster")


def test_chart_error_survives_pickling_with_its_place():
    error = ChartError("series 'X' has no values", file="templates/deck.md.j2", line=12)
    again = pickle.loads(pickle.dumps(error))
    assert str(again) == "templates/deck.md.j2:12: series 'X' has no values"


@pytest.mark.parametrize("kind", ["bar", "line", "exports_imports", "ranked"])
def test_series_length_must_match_categories(kind):
    series = (ChartSeries("Exports", (1.0, 2.0)), ChartSeries("Imports", (1.0, 2.0, 3.0, 4.0)))
    with pytest.raises(ChartError, match="'Exports' has 2 values but there are 4 categories"):
        draw_chart(bar_spec(kind=kind, series=series), "page")


@pytest.mark.parametrize("count", [1, 3])
def test_exports_imports_needs_two_series(count):
    series = tuple(ChartSeries(f"s{i}", (1.0, 2.0, 3.0, 4.0)) for i in range(count))
    with pytest.raises(ChartError, match="exactly 2 series"):
        draw_chart(bar_spec(kind="exports_imports", series=series), "page")


@pytest.mark.parametrize("kind", ["bar", "line", "exports_imports", "ranked", "share"])
def test_text_where_a_number_belongs(kind):
    series = [ChartSeries("Turnover", (1.0, "1,200", 2.0, 3.0))]
    if kind == "exports_imports":
        series.append(ChartSeries("Imports", (1.0, 2.0, 3.0, 4.0)))
    with pytest.raises(ChartError, match=r"series 'Turnover', 2022: '1,200' is not a number"):
        draw_chart(bar_spec(kind=kind, series=tuple(series)), "page")


@pytest.mark.parametrize("kind", ["bar", "ranked", "share"])
def test_no_values_at_all(kind):
    with pytest.raises(ChartError, match="no values"):
        draw_chart(bar_spec(kind=kind, series=(ChartSeries("Turnover", (None, None, None, None)),)), "page")


@pytest.mark.parametrize("kind", ["bar", "line", "ranked", "share"])
def test_no_categories_or_series(kind):
    with pytest.raises(ChartError, match="no categories"):
        draw_chart(bar_spec(kind=kind, categories=(), series=()), "page")
    with pytest.raises(ChartError, match="has no series"):
        draw_chart(bar_spec(kind=kind, series=()), "page")


def test_share_draws_one_series():
    series = (ChartSeries("Exports (AZ)", (1.0, 2.0, 3.0, 4.0)), ChartSeries("Exports (CN)", (1.0, 2.0, 3.0, 4.0)))
    with pytest.raises(ChartError, match=r"draws one series; got 2: 'Exports \(AZ\)', 'Exports \(CN\)'"):
        draw_chart(bar_spec(kind="share", series=series), "page")


def test_share_needs_values_of_zero_or_more():
    with pytest.raises(ChartError, match=r"2023 is −5; shares need values of 0 or more"):
        draw_chart(bar_spec(kind="share", series=(ChartSeries("X", (1.0, None, -5.0, 4.0)),)), "page")
    with pytest.raises(ChartError, match="add up to 0"):
        draw_chart(bar_spec(kind="share", series=(ChartSeries("X", (0.0, None, 0.0, 0.0)),)), "page")


def test_timeline_without_events():
    with pytest.raises(ChartError, match="no events"):
        draw_chart(ChartSpec(kind="timeline", title="T", unit="", source=""), "page")


@pytest.mark.parametrize("date", ["1994-13", "94", "1994-02-30", "March 1994", ""])
def test_timeline_bad_date(date):
    spec = ChartSpec(kind="timeline", title="T", unit="", source="",
                     events=(TimelineEvent("1991", "a"), TimelineEvent(date, "Contract of the Century")))
    with pytest.raises(ChartError, match=r"event 2 \('Contract of the Century'\)"):
        draw_chart(spec, "page")


def test_timeline_event_without_label():
    spec = ChartSpec(kind="timeline", title="T", unit="", source="", events=(TimelineEvent("1994-09", "  "),))
    with pytest.raises(ChartError, match=r"event 1 \(1994-09\) has no label"):
        draw_chart(spec, "slide")
