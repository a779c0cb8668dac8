"""The "timeline" kind: dated events, as cards along a band of years or, when they are many, as a chronology.

Cards (``timeline_cards``) show where events fall in time; they are used when they fit
the picture at no less than the profile's minimum text size. Otherwise the events are
listed in columns (``timeline_list``), which holds about twice as many in the same room.
On a page the picture grows taller when even that does not fit, up to the most the page
allows; on a slide the picture is its box. A timeline that still does not fit fails,
naming the chart and how many events it holds, and saying how to split it (``from:`` /
``to:`` in several chart blocks, each on its own slide): it is never shrunk below the
profile's smallest size. Labels never overlap in either layout.

Partial dates sit at the middle of the period they name (`2016` at mid-2016, `2017-10`
at mid-October) and are written to the precision given: `2016`, `Oct 2017`, `3 Jul 2024`.
"""

from __future__ import annotations

import math

from matplotlib.figure import Figure

from dossier.charts.dates import parse_date
from dossier.charts.formatting import format_event_date
from dossier.charts.frame import Frame, new_frame
from dossier.charts.profile import Profile
from dossier.charts.timeline_cards import Event, draw_cards, plan_cards, replan_cards
from dossier.charts.timeline_list import draw_list, plan_list
from dossier.errors import ChartError
from dossier.model import ChartSpec

SIDE_IN = 0.07  # inches between the figure edge and the events


def parse_events(spec: ChartSpec) -> list[Event]:
    """Return the events in date order; fail on a missing label or a malformed date."""
    if not spec.events:
        raise ChartError(f"timeline {spec.title!r} has no events")
    events = []
    for index, event in enumerate(spec.events):
        try:
            date = parse_date(event.date)
        except ChartError as exc:
            raise ChartError(f"event {index + 1} ({event.label!r}): {exc.message}") from None
        if not str(event.label).strip():
            raise ChartError(f"event {index + 1} ({event.date}) has no label")
        events.append(Event(index, date, str(event.label).strip(), format_event_date(date.year, date.month, date.day)))
    return sorted(events, key=lambda e: (e.date.position, e.index))


def draw_timeline(spec: ChartSpec, profile: Profile) -> Figure:
    """Draw the events as cards when they fit, else as a chronology in columns."""
    events = parse_events(spec)
    frame = new_frame(spec, profile)
    cards = plan_cards(frame, events)
    if cards is not None and cards.fits:
        height_in = _new_height(spec, events, profile, cards.needed, cards.geometry.height)
        if height_in is not None:
            frame = new_frame(spec, profile, height_in=height_in)
            cards = replan_cards(frame, events, cards)
        draw_cards(frame, events, cards)
        return frame.fig
    if cards is not None:
        cards.ax.remove()

    x0, y0, width, height = _list_box(frame)
    listing = plan_list(frame, events, width, height)
    height_in = _new_height(spec, events, profile, listing.needed, height)
    if height_in is not None:
        frame = new_frame(spec, profile, height_in=height_in)
        x0, y0, width, height = _list_box(frame)
    draw_list(frame, events, listing, (x0, y0, width, height))
    return frame.fig


def too_many_events(spec: ChartSpec, events: list[Event], profile: Profile, needed_in: float) -> ChartError:
    """The error for a timeline that does not fit its box at the profile's smallest text size."""
    box_h = profile.height_in if profile.fixed_height else (profile.max_height_in or profile.height_in)
    parts = split_years(events, math.ceil(needed_in / box_h * 1.15))
    example = "; ".join(f"from: {a}, to: {b}" for a, b in parts)
    return ChartError(
        f"timeline {spec.title!r}: {len(events)} events do not fit the {profile.name}'s "
        f"{profile.width_in:.1f} × {box_h:.1f} in box at {profile.min_font_size:g} pt, the smallest text "
        f"allowed there (they need {needed_in:.1f} in); split it into {len(parts)} chart blocks by period, "
        f"each on its own {profile.name}, with from: and to: ({example}), or choose fewer events with where:"
    )


def split_years(events: list[Event], parts: int) -> list[tuple[int, int]]:
    """Return up to ``parts`` runs of whole years (first, last) holding about as many events each."""
    years = [e.date.year for e in events]
    runs, start = [], 0
    for k in range(1, parts + 1):
        end = round(len(years) * k / parts)
        while 0 < end < len(years) and years[end] == years[end - 1]:
            end += 1  # a year stays in one chart
        if end > start:
            runs.append((years[start], years[end - 1]))
            start = end
    return runs


def _list_box(frame: Frame) -> tuple[float, float, float, float]:
    """The frame body less a margin at the sides, in figure pixels."""
    W, H = frame.fig.bbox.width, frame.fig.bbox.height
    left, bottom, width, height = frame.body
    side = SIDE_IN * frame.profile.dpi
    return left * W + side, bottom * H, width * W - 2 * side, height * H


def _new_height(spec: ChartSpec, events: list[Event], profile: Profile, needed: float, room: float) -> float | None:
    """Return the figure height (inches) the content needs, or None to keep the profile's.

    A page's figure grows by what is missing, up to ``profile.max_height_in``; a page (which
    flows) also drops most of the height it does not need, down to 60 % of the profile's.
    A slide's figure is its box: content that needs more fails (:func:`too_many_events`).
    """
    if needed > room + 0.5:
        grown = profile.height_in + (needed - room) / profile.dpi + 0.02
        if profile.fixed_height or (profile.max_height_in is not None and grown > profile.max_height_in + 1e-6):
            raise too_many_events(spec, events, profile, grown)
        return grown
    slack = room - needed * 1.2
    if not profile.fixed_height and slack > 0:
        return max(profile.height_in * 0.6, profile.height_in - slack / profile.dpi)
    return None
