"""The "share" kind: a doughnut of the first series' values over the categories.

Slices (see ``shares``) run clockwise from twelve o'clock, largest first, the grey
"Other (n)" last; the footer says what "Other" holds and which values were not
reported. Beside the doughnut, a list gives each slice's colour, name, percentage and
value; the percentage is also written on every slice wide enough for it, in white or
dark ink, whichever stands out. The hole holds the total and the unit. Doughnut and
list are centred together when the list leaves room.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from dossier.chart_series import is_percent
from dossier.charts import qualified
from dossier.charts.formatting import format_value, value_decimals, word
from dossier.charts.frame import Frame, new_frame
from dossier.charts.profile import Profile
from dossier.charts.shares import Slice, grouped_members, slices
from dossier.charts.theme import MUTED, TEXT
from dossier.charts.wrap import display_width, wrap
from dossier.model import ChartSpec

RING = 0.36  # the ring's width as a share of the radius


def draw_share(spec: ChartSpec, profile: Profile) -> Figure:
    """Draw the first series as a doughnut of shares with a list of slices beside it."""
    parts, missing = slices(spec)
    notes = []
    named, had_other = grouped_members(parts)
    if named:
        also = word("source_other") if had_other else ""
        notes.append(f"{parts[-1].label}: {', '.join(named)}{also}")
    if missing:
        notes.append(word("not_reported_list", ", ".join(missing)))
    notes.extend(qualified.note(spec))
    frame = new_frame(spec, profile, notes)
    body_h = frame.body[3] * frame.fig.bbox.height
    if is_percent(spec.unit):  # the value is the percentage: one column says it
        parts = [replace(p, value_shown=False) for p in parts]
    rows = _list_rows(frame, parts)
    if sum(rows.heights) > body_h + 0.5:  # a long list (wrapped labels): the figure grows
        height_in = profile.height_in + (sum(rows.heights) - body_h) / profile.dpi + 0.02
        frame = new_frame(spec, profile, notes, height_in=height_in)
        rows = _list_rows(frame, parts)
    # Centre the doughnut and its list as one group when the list leaves room on the right.
    W = frame.fig.bbox.width
    shift = max(0.0, ((frame.body[0] + frame.body[2]) * W - 0.07 * profile.dpi - rows.value_right) / 2)
    rows = replace(rows, swatch_x=rows.swatch_x + shift, label_x=rows.label_x + shift,
                   percent_right=rows.percent_right + shift, value_right=rows.value_right + shift)
    _doughnut(frame, spec, parts, shift)
    _slice_list(frame, parts, rows)
    return frame.fig


def _geometry(frame: Frame) -> tuple[float, float, float, float]:
    """Return the doughnut's square (x0, y0, side) and the x where the list starts, in pixels."""
    W, H = frame.fig.bbox.width, frame.fig.bbox.height
    left, bottom, width, height = frame.body
    pad = 0.07 * frame.profile.dpi
    side = min(height * H - pad, width * W * 0.42)
    x0 = left * W + pad
    y0 = bottom * H + (height * H - side) / 2
    return x0, y0, side, x0 + side + 2.5 * pad


def _doughnut(frame: Frame, spec: ChartSpec, parts: list[Slice], shift: float = 0.0) -> Axes:
    """Draw the ring of slices (clockwise from twelve, largest first), the percentages on it and the total."""
    profile = frame.profile
    fig, renderer = frame.fig, frame.renderer
    W, H = fig.bbox.width, fig.bbox.height
    x0, y0, side, _ = _geometry(frame)
    ax = fig.add_axes(((x0 + shift) / W, y0 / H, side / W, side / H))
    ax.set_axis_off()
    drawn = [p for p in parts if p.value > 0]
    wedges, _ = ax.pie([p.value for p in drawn], colors=[p.color for p in drawn], startangle=90, counterclock=False,
                       radius=1.0, wedgeprops={"width": RING, "edgecolor": "white", "linewidth": profile.line_width * 0.8})
    for wedge, part in zip(wedges, drawn):
        wedge.set_gid(f"slice-{part.label}")
    ax.set_xlim(-1.02, 1.02)
    ax.set_ylim(-1.02, 1.02)
    ax.set_aspect("equal")
    px_per_unit = side / 2.04

    # The percentage on each slice wide enough for it, in a colour that stands out from the slice.
    mid = 1 - RING / 2
    for wedge, part in zip(wedges, drawn):
        angle = math.radians((wedge.theta1 + wedge.theta2) / 2)
        x, y = mid * math.cos(angle), mid * math.sin(angle)
        text = ax.text(x, y, part.percent, ha="center", va="center", fontsize=profile.small_size, fontweight="bold",
                       color=_ink_on(part.color), zorder=3, gid="slice-percent")
        box = text.get_window_extent(renderer)
        arc = math.radians(wedge.theta2 - wedge.theta1) * mid * px_per_unit
        if box.width > arc * 0.8 or box.height > RING * px_per_unit * 0.85:
            text.remove()

    # The total in the hole, when it fits: the number, and the unit on its own line, never wrapped.
    # A percent series has no total to show (the whole is 100 %).
    if is_percent(spec.unit):
        return ax
    total = sum(p.value for p in parts)
    hole = (1 - RING) * 2 * px_per_unit * 0.86
    label = format_value(total, value_decimals([total]))
    text = ax.text(0, 0, label, ha="center", va="center", fontsize=profile.font_size, fontweight="bold", color=TEXT,
                   gid="total")
    unit = spec.unit.strip()
    if unit:
        text.set_text(f"{label}\n{unit}")
    box = text.get_window_extent(renderer)
    if box.width > hole or box.height > hole:
        text.set_text(label)
        if text.get_window_extent(renderer).width > hole:
            text.remove()
    return ax


def _ink_on(color: str) -> str:
    """White on a dark colour, dark text on a light one."""
    r, g, b = to_rgb(color)
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "white" if luminance < 0.55 else TEXT


@dataclass(slots=True)
class _Rows:
    """The list beside the doughnut: wrapped labels, row heights and column edges, in pixels."""

    labels: list[str]
    heights: list[float]
    swatch_x: float
    label_x: float
    percent_right: float
    value_right: float


def _list_rows(frame: Frame, parts: list[Slice]) -> _Rows:
    """Wrap the labels to the room the numbers leave; the numbers follow the longest label."""
    profile = frame.profile
    renderer = frame.renderer
    W = frame.fig.bbox.width
    left, _, width, _ = frame.body
    _, _, _, list_x = _geometry(frame)
    font_px = profile.font_size * profile.dpi / 72
    right = (left + width) * W - 0.07 * profile.dpi
    label_x = list_x + font_px * 1.4
    decimals = value_decimals([p.value for p in parts])
    probe = frame.fig.text(0, 0, "", fontsize=profile.font_size, fontweight="bold")
    percent_w = max(_width(probe, p.percent, renderer) for p in parts)
    probe.set_fontweight("normal")
    value_w = max(_width(probe, _value(p, decimals), renderer) for p in parts)
    gap = font_px * 0.9
    room = right - label_x - percent_w - value_w - 2 * gap
    labels, heights, widest = [], [], 0.0
    for part in parts:
        label = part.label
        if _width(probe, label, renderer) > room:
            for columns in range(display_width(label) - 1, 0, -1):
                label = wrap(part.label, columns)
                if _width(probe, label, renderer) <= room:
                    break
        probe.set_text(label)
        box = probe.get_window_extent(renderer)
        widest = max(widest, box.width)
        labels.append(label)
        heights.append(max(box.height, font_px * 1.2) + font_px * 0.55)
    probe.remove()
    percent_right = label_x + widest + gap * 1.5 + percent_w
    return _Rows(labels, heights, list_x, label_x, percent_right, percent_right + gap + value_w)


def _value(part: Slice, decimals: int) -> str:
    return format_value(part.value, decimals) if part.value_shown else ""


def _width(probe, text: str, renderer) -> float:
    probe.set_text(text)
    return probe.get_window_extent(renderer).width


def _slice_list(frame: Frame, parts: list[Slice], rows: _Rows) -> None:
    """Write the list beside the doughnut: swatch, name, percentage (bold), value (muted)."""
    profile = frame.profile
    fig = frame.fig
    W, H = fig.bbox.width, fig.bbox.height
    font_px = profile.font_size * profile.dpi / 72
    _, y0, side, _ = _geometry(frame)
    top = min(y0 + side / 2 + sum(rows.heights) / 2, (frame.body[1] + frame.body[3]) * H)
    decimals = value_decimals([p.value for p in parts])
    y = top
    for part, label, height in zip(parts, rows.labels, rows.heights):
        line_top = y - font_px * 0.2
        fig.patches.append(Rectangle((rows.swatch_x / W, (line_top - font_px * 0.95) / H), font_px * 0.9 / W,
                                     font_px * 0.9 / H, transform=fig.transFigure, figure=fig,
                                     facecolor=part.color, linewidth=0, gid="swatch"))
        fig.text(rows.label_x / W, line_top / H, label, ha="left", va="top", fontsize=profile.font_size, color=TEXT,
                 gid="slice-label")
        fig.text(rows.percent_right / W, line_top / H, part.percent, ha="right", va="top", fontsize=profile.font_size,
                 fontweight="bold", color=TEXT, gid="slice-share")
        fig.text(rows.value_right / W, line_top / H, _value(part, decimals), ha="right", va="top",
                 fontsize=profile.font_size, color=MUTED, gid="slice-value")
        y -= height
