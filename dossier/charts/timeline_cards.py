"""Cards along a band of years: the timeline layout for events that fit the picture.

Each event is a card: a dot at the event's date, and beside it the date in bold
over the wrapped label. Cards stand above and below the band, each dropped as
near the band as it fits without touching another card (measured with the
renderer). A card's dot sits exactly at its date on the same time scale as the
band, and light vertical lines from every fifth year guide the eye; there are no
poles from the band to the cards, so no line ever runs through a card.

Text is wrapped narrower (and on a slide set smaller, down to the profile's
minimum) until the cards fit the height. :func:`plan_cards` says whether they do;
when they do not, ``timeline`` lists the events instead (``timeline_list``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from dossier.charts.dates import EventDate
from dossier.charts.frame import Frame
from dossier.charts.profile import Profile
from dossier.charts.theme import BAND, CARD, GRID, MUTED, TEXT, accent
from dossier.charts.wrap import wrap

WRAP_COLUMNS = (40, 32, 26, 22, 18, 15, 12)
YEAR_STEPS = (1, 2, 5, 10, 20, 25, 50, 100)
FILL_LIMIT = 0.8  # cards covering more than this share of the picture never fit: skip trying


@dataclass(slots=True)
class Event:
    """One event in date order: its position in spec.events, its date, its label, and the date as written."""

    index: int
    date: EventDate
    label: str
    when: str  # the date in the chart's locale at the precision given: `2016`, `Oct 2017`, `3 Jul 2024`


@dataclass(slots=True)
class Metrics:
    """Sizes in pixels for one font size and wrap width; lists are per event in date order."""

    size: float
    columns: int
    widths: list[float]  # card width: dot, gap, text
    date_h: list[float]
    body_h: list[float]
    card_h: list[float]
    font_px: float

    @property
    def vgap(self) -> float:
        return self.font_px * 0.35

    @property
    def dot_r(self) -> float:
        return self.font_px * 0.28


@dataclass(slots=True)
class Plan:
    """Per event (date order): x in px, side (+1 above, -1 below), the card's distance from the band,
    and whether the text is right of the dot; ``above``/``below``: the height the cards take."""

    xs: list[float]
    sides: list[int]
    offsets: list[float]
    rights: list[bool]
    per_year: float
    above: float
    below: float


@dataclass(slots=True)
class Geometry:
    width: float  # axes size in pixels
    height: float
    first: int  # first year on the band
    end: int  # the year after the last
    band_h: float
    year_size: float


@dataclass(slots=True)
class Cards:
    """A card layout for one frame: the axes and texts it draws on, and the chosen size, wrap and places."""

    ax: Axes
    texts: tuple[list[Text], list[Text]]  # dates, labels (date order)
    geometry: Geometry
    metrics: Metrics
    plan: Plan
    needed: float  # axes height the cards need, in pixels

    @property
    def fits(self) -> bool:
        return self.needed <= self.geometry.height + 0.5


def plan_cards(frame: Frame, events: list[Event]) -> Cards | None:
    """Lay the cards out in ``frame``; None (and nothing left in the figure) when they are far too many to fit."""
    ax, texts, geometry = _axes(frame, events)
    if _crowded(frame, events, texts, geometry):
        ax.remove()
        return None
    metrics, plan, needed = _choose(frame, events, texts, geometry)
    return Cards(ax, texts, geometry, metrics, plan, needed)


def replan_cards(frame: Frame, events: list[Event], cards: Cards) -> Cards:
    """Return the same layout in another frame of the same width (a taller or a shorter figure)."""
    ax, texts, geometry = _axes(frame, events)
    metrics = _measure(frame, events, texts, cards.metrics.size, cards.metrics.columns)
    return Cards(ax, texts, geometry, metrics, cards.plan, _needed(geometry, metrics, cards.plan))


def draw_cards(frame: Frame, events: list[Event], cards: Cards) -> None:
    """Draw the band, the year guides and the cards."""
    _draw(cards.ax, frame, events, cards.texts, cards.geometry, cards.metrics, cards.plan)


def _crowded(frame: Frame, events, texts, geometry: Geometry) -> bool:
    """Whether the cards, at the smallest size, would cover more than FILL_LIMIT of the room: they never fit."""
    metrics = _measure(frame, events, texts, frame.profile.min_font_size, 26)
    hgap, vgap = metrics.font_px * 0.6, metrics.vgap
    area = sum((w + hgap) * (h + vgap) for w, h in zip(metrics.widths, metrics.card_h))
    room = geometry.width * (geometry.height - geometry.band_h - 2 * metrics.font_px * 0.4)
    return area > FILL_LIMIT * max(room, 1.0)


def _axes(frame: Frame, events: list[Event]):
    fig, profile = frame.fig, frame.profile
    margin = 0.07 * profile.dpi
    left, bottom, width, height = frame.body
    ax = fig.add_axes((left + margin / fig.bbox.width, bottom, width - 2 * margin / fig.bbox.width, height))
    ax.set_axis_off()
    box = ax.get_window_extent(frame.renderer)
    first = min(e.date.year for e in events)
    end = max(e.date.year for e in events) + 1
    year_size = profile.small_size
    geometry = Geometry(box.width, box.height, first, end, year_size * profile.dpi / 72 * 1.9, year_size)
    dates = [ax.text(0, 0, e.when, fontweight="bold", color=accent(), zorder=4,
                     gid=f"event-{e.index}-date") for e in events]
    bodies = [ax.text(0, 0, "", color=TEXT, linespacing=1.1, zorder=4, gid=f"event-{e.index}-label")
              for e in events]
    return ax, (dates, bodies), geometry


# ---------------------------------------------------------------- choosing size and wrap


def _sizes(profile: Profile) -> list[float]:
    sizes, size = [], profile.font_size
    while size >= profile.min_font_size - 1e-9:
        sizes.append(size)
        size -= 0.5
    return sizes


def _measure(frame: Frame, events, texts, size: float, columns: int) -> Metrics:
    dates, bodies = texts
    renderer = frame.renderer
    font_px = size * frame.profile.dpi / 72
    widths, date_h, body_h = [], [], []
    for event, date, body in zip(events, dates, bodies):
        date.set_fontsize(size)
        body.set_fontsize(size)
        body.set_text(wrap(event.label, columns))
        d = date.get_window_extent(renderer)
        b = body.get_window_extent(renderer)
        widths.append(max(d.width, b.width) + font_px * 1.15)  # the dot, gaps and padding
        date_h.append(d.height)
        body_h.append(b.height)
    card_h = [d + b + font_px * 0.45 for d, b in zip(date_h, body_h)]
    return Metrics(size, columns, widths, date_h, body_h, card_h, font_px)


def _needed(geometry: Geometry, metrics: Metrics, plan: Plan) -> float:
    gap = metrics.font_px * 0.4
    return geometry.band_h + 2 * gap + plan.above + plan.below


def _choose(frame: Frame, events, texts, geometry: Geometry):
    """Return (metrics, plan, axes height needed).

    The largest font size whose best wrap fits the axes height. If none fits, the
    figure must grow: on a page (which flows) at the profile's font size; on a
    slide (where the picture is scaled into a fixed box) at the size that stays
    largest after that scaling.
    """
    candidates = []
    for size in _sizes(frame.profile):
        options = []
        for columns in WRAP_COLUMNS:
            metrics = _measure(frame, events, texts, size, columns)
            plan = _plan(events, metrics, geometry)
            options.append((metrics, plan, _needed(geometry, metrics, plan)))
        # The least height, or a wider wrap (fewer broken lines) needing at most 5 % more.
        least = min(o[2] for o in options)
        best = next(o for o in options if o[2] <= least * 1.05 + 1)
        if best[2] <= geometry.height:
            candidates = [best]
            break
        candidates.append(best)
    if frame.profile.fixed_height:
        choice = max(candidates, key=lambda c: c[0].size * min(1.0, geometry.height / c[2]))
    else:
        choice = candidates[0]
    _measure(frame, events, texts, choice[0].size, choice[0].columns)  # leave the texts at the chosen size
    return choice


# ---------------------------------------------------------------- arrangement


def _positions(events, metrics: Metrics, geometry: Geometry) -> tuple[float, list[float]]:
    """Return pixels per year and each event's x; events on one date are nudged a dot apart."""
    W = geometry.width
    min_sep = metrics.dot_r * 2.2
    per_year = W / (geometry.end - geometry.first)
    xs, previous = [], -math.inf
    for e in events:
        x = max((e.date.position - geometry.first) * per_year, previous + min_sep)
        xs.append(x)
        previous = x
    limit = W - metrics.dot_r * 1.5  # nudging must not push the last dots off the band
    for k in range(len(xs) - 1, -1, -1):
        xs[k] = max(0.0, min(xs[k], limit))
        limit = xs[k] - min_sep
    return per_year, xs


def _plan(events, metrics: Metrics, geometry: Geometry) -> Plan:
    """Return the arrangement needing the least height.

    Cards left of a split point extend to the right of their dot, cards right of
    it to the left (so a crowded end borrows room from a quieter middle); several
    split points and placing orders (by date; tallest first) are tried.
    """
    per_year, xs = _positions(events, metrics, geometry)
    W = geometry.width
    plans = []
    for split in [W + 1] + [W * k / 8 for k in range(7, 0, -1)]:
        for order in ("left", "tall"):
            plans.append(_stack(xs, metrics, W, per_year, split, order))
    # Least height; within 4 % of it, the first tried (all cards to the right, in date order) reads best.
    least = min(p.above + p.below for p in plans)
    return next(p for p in plans if p.above + p.below <= least * 1.04 + 1)


def _stack(xs, metrics: Metrics, W: float, per_year: float, split: float, order: str) -> Plan:
    """Drop the cards one by one as near the band as they fit, on the side where they stay lower."""
    hgap = metrics.font_px * 0.6
    vgap = metrics.vgap
    r = metrics.dot_r + metrics.font_px * 0.1
    n = len(xs)
    boxes, rights = [], []
    for x, w in zip(xs, metrics.widths):
        fits_right, fits_left = x - r + w <= W, x + r - w >= 0
        right = fits_right if x < split else not fits_left
        rights.append(right)
        boxes.append((x - r, x - r + w) if right else (x + r - w, x + r))
    if order == "left":
        sequence = sorted(range(n), key=lambda k: (boxes[k][0], k))
    else:
        sequence = sorted(range(n), key=lambda k: (-metrics.card_h[k], boxes[k][0], k))
    placed: dict[int, list[tuple[float, float, float, float]]] = {1: [], -1: []}  # x0, x1, y0, y1
    sides, offsets = [0] * n, [0.0] * n
    height = {1: 0.0, -1: 0.0}
    for i in sequence:
        x0, x1 = boxes[i]
        h = metrics.card_h[i]
        options = []
        for side in (1, -1):
            near = [b for b in placed[side] if x0 < b[1] + hgap and b[0] < x1 + hgap]
            for y in sorted({0.0, *(b[3] + vgap for b in near)}):
                if all(y + h + vgap <= b[2] or y >= b[3] + vgap for b in near):
                    grow = max(0.0, y + h - height[side])
                    options.append((grow, y, height[side], side))
                    break
        grow, y, _, side = min(options)
        placed[side].append((x0, x1, y, y + h))
        sides[i], offsets[i] = side, y
        height[side] = max(height[side], y + h)
    return Plan(xs, sides, offsets, rights, per_year, height[1], height[-1])


# ---------------------------------------------------------------- drawing


def _draw(ax: Axes, frame: Frame, events, texts, geometry: Geometry, metrics: Metrics, plan: Plan) -> None:
    profile = frame.profile
    renderer = frame.renderer
    dates, bodies = texts
    W, H = geometry.width, geometry.height
    first, end, per_year = geometry.first, geometry.end, plan.per_year
    ax.set_xlim(first, first + W / per_year)
    ax.set_ylim(0, H)  # y in pixels from the bottom of the axes

    # Vertical placement: the band between the cards below and above, the whole block centred.
    gap = metrics.font_px * 0.4
    need = _needed(geometry, metrics, plan)
    band_y0 = max(0.0, (H - need) / 2) + gap + plan.below
    band_y1 = band_y0 + geometry.band_h
    top = band_y1 + gap + plan.above
    bottom = band_y0 - gap - plan.below

    # The band: a thin white line at each new year, every n-th year written in it and guided up and down.
    ax.add_patch(Rectangle((first, band_y0), end - first, band_y1 - band_y0, facecolor=BAND, linewidth=0, zorder=1))
    for year in range(first + 1, end):
        ax.plot([year, year], [band_y0, band_y1], color="white", linewidth=0.8, zorder=1.5)
    probe = ax.text(0, 0, "2000", fontsize=geometry.year_size)
    year_w = probe.get_window_extent(renderer).width
    probe.remove()
    step = next((s for s in YEAR_STEPS if s * per_year >= year_w * 1.5), YEAR_STEPS[-1])
    half = year_w / 2 / per_year  # half a label, in years
    for year in [y for y in range(first, end) if y % step == 0] or [first]:
        x = min(max(year + 0.5, first + half), first + W / per_year - half)  # keep the edge years inside
        ax.text(x, (band_y0 + band_y1) / 2, str(year), ha="center", va="center_baseline",
                fontsize=geometry.year_size, color=MUTED, zorder=2, gid="year")
    for year in [y for y in range(first, end) if y % max(step, 5) == 0]:
        for y0, y1 in ((band_y1, top), (bottom, band_y0)):
            if y1 > y0:
                ax.plot([year + 0.5, year + 0.5], [y0, y1], color=GRID, linewidth=0.6, zorder=0.5)

    r = metrics.dot_r + metrics.font_px * 0.1
    line_gap = metrics.font_px * 0.1
    pad = metrics.font_px * 0.175
    for k in range(len(events)):
        x, side, offset, right = plan.xs[k], plan.sides[k], plan.offsets[k], plan.rights[k]
        hd, w, card_h = metrics.date_h[k], metrics.widths[k], metrics.card_h[k]
        if side > 0:
            card_y0 = band_y1 + gap + offset
        else:
            card_y0 = band_y0 - gap - offset - card_h
        card_y1 = card_y0 + card_h
        x0 = x - r if right else x + r - w
        text_x = x0 + 2 * r + metrics.font_px * 0.15 if right else x0 + metrics.font_px * 0.25
        date_top = card_y1 - pad
        dates[k].set(x=first + text_x / per_year, y=date_top, ha="left", va="top")
        bodies[k].set(x=first + text_x / per_year, y=date_top - hd - line_gap, ha="left", va="top")
        ax.add_patch(Rectangle((first + x0 / per_year, card_y0), w / per_year, card_h,
                               facecolor=CARD, linewidth=0, zorder=2, gid=f"event-{events[k].index}-card"))
        ax.plot([first + x / per_year], [date_top - hd / 2], marker="o", markersize=metrics.dot_r * 2 * 72 / profile.dpi,
                color=accent(), markeredgewidth=0, zorder=3)
