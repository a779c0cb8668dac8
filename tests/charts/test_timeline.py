"""The timeline: cards when they fit, a chronology in columns when they are many; labels never collide."""

from __future__ import annotations

import itertools
import re

import pytest
from chart_checks import assert_inside, drawn, overlap, renderer, sample_figure, visible_texts
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from dossier.chart_blocks import resolve_chart
from dossier.charts import PROFILES, Placement, draw_chart, samples
from dossier.errors import ChartError
from dossier.model import Location
from dossier.charts.dates import parse_date
from dossier.formatting import format_short_date
from dossier.charts.wrap import unwrap
from dossier.model import ChartSpec, TimelineEvent

BOTH = pytest.mark.parametrize("profile", ["page", "slide"])
pytestmark = pytest.mark.filterwarnings("error")
GID = re.compile(r"^event-(\d+)-(date|label)(?:-(\d+))?$")


def event_texts(fig: Figure) -> dict[int, dict[str, list]]:
    """Per event index: its date text and its label texts (one per line in a chronology), in line order."""
    out: dict[int, dict[str, list]] = {}
    for text in visible_texts(fig):
        match = GID.match(text.get_gid() or "")
        if match:
            index, part, line = int(match.group(1)), match.group(2), int(match.group(3) or 1)
            out.setdefault(index, {"date": [], "label": []})[part].append((line, text))
    return {i: {k: [t for _, t in sorted(v, key=lambda lt: lt[0])] for k, v in parts.items()} for i, parts in out.items()}


def event_boxes(fig: Figure) -> dict[int, list[Bbox]]:
    r = renderer(fig)
    return {i: [t.get_window_extent(r) for t in parts["date"] + parts["label"]] for i, parts in event_texts(fig).items()}


def assert_legible(spec: ChartSpec, fig: Figure, profile: str) -> None:
    """Every event shown once, with its whole label and its date as given; no two texts overlap;
    all inside the figure; no text below the profile's minimum size."""
    texts = event_texts(fig)
    assert sorted(texts) == list(range(len(spec.events)))
    for i, event in enumerate(spec.events):
        (date,) = texts[i]["date"]
        parsed = parse_date(event.date)
        assert date.get_text() == format_short_date(parsed.year, parsed.month, parsed.day, locale=spec.locale or "en_GB")
        assert unwrap("".join(t.get_text() for t in texts[i]["label"])) == unwrap(event.label)
    boxes = [(i, box) for i, group in event_boxes(fig).items() for box in group]
    for (i, a), (j, b) in itertools.combinations(boxes, 2):
        assert not overlap(a, b), (spec.events[i], spec.events[j])
    assert_inside(fig)
    sizes = {t.get_fontsize() for parts in texts.values() for t in parts["date"] + parts["label"]}
    assert min(sizes) >= PROFILES[profile].min_font_size


def is_chronology(fig: Figure) -> bool:
    """A chronology has no cards (patches with gid event-<i>-card)."""
    return not any((p.get_gid() or "").endswith("-card") for ax in fig.axes for p in ax.patches)


# ---------------------------------------------------------------- 60 events


def test_sixty_events_sample():
    events = samples.MANY_EVENTS.events
    assert len(events) == 60
    years = [parse_date(e.date).year for e in events]
    assert min(years) == 1991 and max(years) == 2024
    assert max(len(e.label) for e in events) <= 40


def test_sixty_events_stay_legible_on_a_page():
    spec = samples.MANY_EVENTS
    fig = sample_figure("many_events_timeline", "page")
    assert_legible(spec, fig, "page")
    assert is_chronology(fig)
    p = PROFILES["page"]
    width, height = fig.get_size_inches()
    assert width == pytest.approx(p.width_in)
    assert height > p.height_in  # sixty events need more than the profile's height
    assert height < 12  # … but far less than cards would (12 in)


def test_sixty_events_on_a_slide_fail_naming_the_chart_and_the_split():
    """A slide's picture is its box: sixty events do not fit it at 14 pt, so the build fails saying how to split."""
    with pytest.raises(ChartError) as error:
        draw_chart(samples.MANY_EVENTS, "slide", Placement(12.2, 5.3))
    message = str(error.value)
    assert repr(samples.MANY_EVENTS.title) in message and "60 events" in message and "14 pt" in message
    assert "from: 1991, to: " in message and "to: 2024)" in message


def test_sixty_events_split_with_from_and_to_fit_slides_at_14_pt():
    """The split the error suggests, as chart blocks with from:/to:, gives slides that fit with every text ≥ 14 pt."""
    rows = [{"date": e.date, "label": e.label} for e in samples.MANY_EVENTS.events]
    message = ""
    try:
        draw_chart(samples.MANY_EVENTS, "slide", Placement(12.2, 5.3))
    except ChartError as exc:
        message = str(exc)
    periods = re.findall(r"from: (\d{4}), to: (\d{4})", message)
    assert len(periods) >= 2
    shown = []
    for start, end in periods:
        block = f"kind: timeline\ntitle: Events {start}–{end}\ndata: events\nx: date\nlabel: label\nsource: s\nfrom: {start}\nto: {end}"
        spec = resolve_chart(block, Location("deck.md", 1), {"events": rows}).spec
        fig = draw_chart(spec, "slide", Placement(12.2, 5.3))
        fig.canvas.draw()
        assert fig.get_size_inches() == pytest.approx((12.2, 5.3))
        assert min(t.get_fontsize() for t in visible_texts(fig)) >= 14
        assert_legible(spec, fig, "slide")
        shown += [e.label for e in spec.events]
    assert sorted(shown) == sorted(r["label"] for r in rows)  # every event on exactly one slide


def test_from_and_to_keep_whole_periods():
    rows = [{"date": d, "label": d} for d in ("2003-12-31", "2004", "2004-06", "2004-06-30", "2005-01", "2006")]
    def kept(extra: str) -> list[str]:
        block = f"kind: timeline\ntitle: t\ndata: events\nx: date\nlabel: label\nsource: s\n{extra}"
        return [e.date for e in resolve_chart(block, Location("deck.md", 1), {"events": rows}).spec.events]
    assert kept("from: 2004\nto: 2004") == ["2004", "2004-06", "2004-06-30"]
    assert kept("from: 2004-06\nto: 2005") == ["2004-06", "2004-06-30", "2005-01"]
    with pytest.raises(ChartError, match="from: 2005 is after to: 2004"):
        kept("from: 2005\nto: 2004")
    with pytest.raises(ChartError, match="not a year or a date"):
        kept("from: soon")


# ---------------------------------------------------------------- 25 events: a chronology that fits


@BOTH
def test_25_events_do_not_collide(profile):
    spec = samples.EVENTS
    fig = sample_figure("relations_timeline", profile)
    assert_legible(spec, fig, profile)
    assert is_chronology(fig)
    # Dates are in date order down each column; a column's rows never overlap (checked above).
    r = renderer(fig)
    order = sorted(range(len(spec.events)), key=lambda i: parse_date(spec.events[i].date).position)
    tops = {i: parts["date"][0].get_window_extent(r) for i, parts in event_texts(fig).items()}
    for a, b in itertools.pairwise(order):
        assert tops[a].x0 < tops[b].x0 - 1 or tops[a].y0 > tops[b].y1 - 1  # b is below a, or in a later column


@BOTH
def test_date_and_label_share_a_baseline(profile):
    fig = sample_figure("relations_timeline", profile)
    for parts in event_texts(fig).values():
        date, first = parts["date"][0], parts["label"][0]
        assert date.get_va() == first.get_va() == "baseline"
        assert date.get_position()[1] == first.get_position()[1]


# ---------------------------------------------------------------- few events: cards


@BOTH
def test_few_events_are_cards_at_the_profile_font(profile):
    spec = ChartSpec(kind="timeline", title="Key dates", unit="", source="MFA", events=samples.EVENTS.events[:5])
    fig = drawn(spec, profile)
    assert not is_chronology(fig)
    p = PROFILES[profile]
    width, height = fig.get_size_inches()
    assert width == pytest.approx(p.width_in)
    if p.fixed_height:  # a slide keeps its size
        assert height == pytest.approx(p.height_in)
    else:  # a page does not keep empty height
        assert p.height_in * 0.6 - 0.01 <= height <= p.height_in
    texts = event_texts(fig)
    assert {t.get_fontsize() for parts in texts.values() for t in parts["date"] + parts["label"]} == {p.font_size}
    assert_legible(spec, fig, profile)


def test_same_date_events():
    events = tuple(TimelineEvent("2024", f"Event number {i}") for i in range(6))
    spec = ChartSpec(kind="timeline", title="Same year", unit="", source="", events=events)
    assert_legible(spec, drawn(spec, "slide"), "slide")


def test_events_out_of_order_are_sorted_and_keep_their_index():
    events = (TimelineEvent("2024-07-03", "Astana SCO summit"), TimelineEvent("1992-04", "Relations established"),
              TimelineEvent("2008", "Beijing Olympics"))
    spec = ChartSpec(kind="timeline", title="Unsorted", unit="", source="", events=events)
    fig = drawn(spec, "page")
    assert_legible(spec, fig, "page")
    r = renderer(fig)
    x = {i: parts["date"][0].get_window_extent(r).x0 for i, parts in event_texts(fig).items()}
    assert x[1] < x[2] < x[0]  # cards stand at their dates


def test_partial_dates_sit_at_their_precision():
    assert parse_date("2016").position == 2016.5
    assert parse_date("2017-10").position == pytest.approx(2017 + 9.5 / 12)
    assert parse_date("2024-07-03").position == pytest.approx(2024 + (6 + 2.5 / 31) / 12)
    assert [parse_date(d).display for d in ("2016", "2017-10", "2024-07-03")] == ["2016", "Oct 2017", "3 Jul 2024"]
