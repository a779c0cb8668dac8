"""A chronology in columns: the timeline layout for more events than cards can hold.

Each column is a rail with one dot per event; left of the rail the date (bold, right
aligned, to the precision the source gives), right of it the label, wrapped to the
column. Events run in date order down the first column, then the next; columns are
balanced so that the tallest is as short as possible. Rows never overlap: each is as
tall as its wrapped label, measured with the renderer.

Every line is its own one-line text on a baseline this module computes (the first
line's text has the gid ``event-<i>-label``, further lines ``event-<i>-label-<n>``):
date and label then share a baseline in any matplotlib version, and the lines of one
label stand closer together than two events do.

The number of columns is the smallest that fits the height at the largest size (on
a slide: down to the profile's minimum). When nothing fits, the page grows taller at
the profile's size; the slide takes the size that stays largest once the picture is
scaled into the slide's box, never below the profile's minimum.
"""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.axes import Axes

from dossier.charts.frame import Frame
from dossier.charts.theme import BAND, TEXT, accent
from dossier.charts.timeline_cards import Event
from dossier.charts.wrap import display_width, wrap

MAX_COLUMNS = 4
MIN_LABEL_EM = 9  # a label column narrower than this many ems is too narrow to read
PITCH_EM = 1.1  # baseline to baseline within a label
ROW_GAP_EM = 0.42  # space between two events
COLUMN_GAP_EM = 1.6


@dataclass(slots=True)
class Listing:
    """A chronology layout: text size, columns, wrapped labels and row heights (date order), all in pixels."""

    size: float
    columns: int
    column_w: float
    date_w: float
    labels: list[list[str]]  # the lines of each label
    ascent: list[float]  # per row: its top to the first baseline
    row_h: list[float]
    starts: list[int]  # index of the first event of each column
    needed: float  # height of the tallest column


class _Measure:
    """One-line text extents (width, above and below the baseline), cached by text, size and weight."""

    def __init__(self, frame: Frame) -> None:
        self.frame = frame
        self.probe = frame.fig.text(0, 0, "", va="baseline")
        self.cache: dict[tuple[str, float, str], tuple[float, float, float]] = {}

    def __call__(self, text: str, size: float, weight: str = "normal") -> tuple[float, float, float]:
        key = (text, size, weight)
        if key not in self.cache:
            self.probe.set(text=text, fontsize=size, fontweight=weight)
            box = self.probe.get_window_extent(self.frame.renderer)
            self.cache[key] = (box.width, box.y1, -box.y0)  # the probe's baseline is at pixel 0
        return self.cache[key]

    def close(self) -> None:
        self.probe.remove()


def plan_list(frame: Frame, events: list[Event], width: float, height: float) -> Listing:
    """Choose size and number of columns for ``events`` in a box of ``width`` × ``height`` pixels.

    Choosing uses estimates (each label measured once, on one line, at the profile's size;
    widths scale with the size); only the chosen layout is wrapped and measured exactly.
    """
    profile = frame.profile
    measure = _Measure(frame)
    try:
        estimate = _Estimate(measure, events, profile.font_size)
        candidates: list[tuple[float, int, float]] = []  # size, columns, estimated height
        choice = None
        size = profile.font_size
        while choice is None and size >= profile.min_font_size - 1e-9:
            options = [(size, k, h) for k in range(1, MAX_COLUMNS + 1)
                       if (h := estimate.needed(size, k, width, frame.profile.dpi)) is not None]
            fitting = [o for o in options if o[2] <= height]
            if fitting:
                choice = fitting[0]  # the fewest columns that fit: the least wrapping
            else:
                candidates.append(min(options, key=lambda o: o[2]))
            size -= 0.5
        if choice is None and profile.fixed_height:  # scaled into the slide's box: largest text after scaling
            choice = max(candidates, key=lambda c: c[0] * min(1.0, height / c[2]))
        elif choice is None:
            choice = candidates[0]
        listing = _layout(frame, events, measure, choice[0], choice[1], width)
        return listing if listing is not None else _layout(frame, events, measure, choice[0], 1, width)
    finally:
        measure.close()


class _Estimate:
    """Row heights from one measurement per label: its width on one line at ``base`` size."""

    def __init__(self, measure: _Measure, events: list[Event], base: float) -> None:
        self.base = base
        self.labels = [e.label for e in events]
        self.widths = [measure(e.label, base)[0] for e in events]
        self.date_w = max(measure(e.when, base, "bold")[0] for e in events)
        _, up, down = measure("ÁÇgy", base)
        self.line = up + down

    def needed(self, size: float, columns: int, width: float, dpi: float) -> float | None:
        """The estimated height of the tallest column, or None when the label column is too narrow."""
        scale = size / self.base
        font_px = size * dpi / 72
        column_w = (width - font_px * COLUMN_GAP_EM * (columns - 1)) / columns
        label_w = column_w - self.date_w * scale - _rail_room(font_px)
        if label_w < MIN_LABEL_EM * font_px and columns > 1:
            return None
        heights = []
        for label, full in zip(self.labels, self.widths):
            lines = 1
            if full * scale > label_w:
                per_column = full * scale / max(display_width(label), 1)
                lines = wrap(label, max(1, int(label_w / per_column))).count("\n") + 1
            heights.append(self.line * scale + (lines - 1) * font_px * PITCH_EM + font_px * ROW_GAP_EM)
        return _balance(heights, columns)[1]


def _layout(frame: Frame, events: list[Event], measure: _Measure, size: float, columns: int,
            width: float) -> Listing | None:
    """Wrap and measure every label for ``columns`` columns at ``size``; None when the labels would be too narrow."""
    font_px = size * frame.profile.dpi / 72
    column_w = (width - font_px * COLUMN_GAP_EM * (columns - 1)) / columns
    date_w = max(measure(e.when, size, "bold")[0] for e in events)
    label_w = column_w - date_w - _rail_room(font_px)
    if label_w < MIN_LABEL_EM * font_px and columns > 1:
        return None
    labels, ascent, row_h = [], [], []
    for event in events:
        lines = _wrap_to(measure, event.label, size, label_w)
        _, date_up, date_down = measure(event.when, size, "bold")
        ups = [measure(line, size)[1] for line in lines]
        downs = [measure(line, size)[2] for line in lines]
        up = max(date_up, ups[0])
        down = max(downs[-1], date_down if len(lines) == 1 else 0.0)
        labels.append(lines)
        ascent.append(up)
        row_h.append(up + (len(lines) - 1) * font_px * PITCH_EM + down + font_px * ROW_GAP_EM)
    starts, needed = _balance(row_h, columns)
    return Listing(size, columns, column_w, date_w, labels, ascent, row_h, starts, needed)


def _rail_room(font_px: float) -> float:
    """Width between the date column and the label: gap, rail with its dot, gap."""
    return font_px * 1.5


def _wrap_to(measure: _Measure, text: str, size: float, max_px: float) -> list[str]:
    """Return the lines of ``text`` wrapped to the fewest lines within ``max_px`` (a longer word stays whole)."""
    full = measure(text, size)[0]
    if full <= max_px:
        return [text]
    columns = max(1, min(display_width(text) - 1, int(display_width(text) * max_px / full) + 1))
    while True:
        lines = wrap(text, columns).split("\n")
        if columns == 1 or max(measure(line, size)[0] for line in lines) <= max_px:
            return lines
        columns -= 1


def _balance(heights: list[float], columns: int) -> tuple[list[int], float]:
    """Split ``heights`` (in order) into at most ``columns`` runs with the smallest tallest run."""
    n = len(heights)
    prefix = [0.0]
    for h in heights:
        prefix.append(prefix[-1] + h)
    inf = float("inf")
    best = [[inf] * (n + 1) for _ in range(columns + 1)]  # best[k][i]: first i rows in k columns
    cut = [[0] * (n + 1) for _ in range(columns + 1)]
    best[0][0] = 0.0
    for k in range(1, columns + 1):
        for i in range(n + 1):
            for j in range(i + 1):
                value = max(best[k - 1][j], prefix[i] - prefix[j])
                if value < best[k][i]:
                    best[k][i], cut[k][i] = value, j
    starts, i = [], n
    for k in range(columns, 0, -1):
        starts.append(cut[k][i])
        i = cut[k][i]
    return sorted(set(starts)), best[columns][n]


def draw_list(frame: Frame, events: list[Event], listing: Listing, box: tuple[float, float, float, float]) -> Axes:
    """Draw the chronology in ``box`` (x0, y0, width, height in figure pixels), from its top."""
    fig, profile = frame.fig, frame.profile
    x0, y0, width, height = box
    W, H = fig.bbox.width, fig.bbox.height
    ax = fig.add_axes((x0 / W, y0 / H, width / W, height / H))
    ax.set_axis_off()
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)  # axes coordinates in pixels from the bottom left
    size = listing.size
    font_px = size * profile.dpi / 72
    pitch = font_px * PITCH_EM
    ends = [*listing.starts[1:], len(events)]
    for column, (start, end) in enumerate(zip(listing.starts, ends)):
        left = column * (listing.column_w + font_px * COLUMN_GAP_EM)
        rail = left + listing.date_w + _rail_room(font_px) / 2
        top = height
        dots = []
        for k in range(start, end):
            event = events[k]
            baseline = top - listing.ascent[k]
            ax.text(rail - font_px * 0.6, baseline, event.when, ha="right", va="baseline", fontsize=size,
                    fontweight="bold", color=accent(), zorder=3, gid=f"event-{event.index}-date")
            for n, line in enumerate(listing.labels[k]):
                gid = f"event-{event.index}-label" + (f"-{n + 1}" if n else "")
                ax.text(rail + font_px * 0.6, baseline - n * pitch, line, ha="left", va="baseline", fontsize=size,
                        color=TEXT, zorder=3, gid=gid)
            dots.append(baseline + font_px * 0.27)  # the middle of DejaVu's x-height (0.55 em)
            top -= listing.row_h[k]
        ax.plot([rail] * len(dots), dots, linestyle="none", marker="o", markersize=font_px * 0.5 * 72 / profile.dpi,
                color=accent(), markeredgewidth=0, zorder=2)
        ax.plot([rail, rail], [dots[0], dots[-1]], color=BAND, linewidth=font_px * 0.3 * 72 / profile.dpi,
                solid_capstyle="round", zorder=1)
    return ax
