"""The axes of a chart over categories (bar, exports_imports, line).

Constrained layout places the axes inside the frame body; afterwards the category
labels are fitted to the space each category gets (kept level, thinned to every
n-th year, wrapped, or rotated), and the y ticks are fixed and formatted.
"""

from __future__ import annotations

import math
import re

from matplotlib.axes import Axes
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.ticker import FixedLocator, MaxNLocator, NullLocator

from dossier.charts.formatting import format_tick, tick_decimals
from dossier.charts.frame import Frame, new_frame
from dossier.charts.profile import Profile
from dossier.charts.theme import TEXT
from dossier.charts.wrap import display_width, wrap
from dossier.model import ChartSpec

_YEAR = re.compile(r"^\d{4}$")
YEAR_STEPS = (2, 5, 10, 20, 25, 50, 100)
MAX_LABEL_LINES = 4


def start(spec: ChartSpec, profile: Profile, notes: list[str] = ()) -> tuple[Frame, Axes]:
    """Make the frame and one axes with a light horizontal grid and the unit as y label."""
    frame = new_frame(spec, profile, notes)
    pad = 0.04  # inches between the layout parts
    frame.fig.set_layout_engine(ConstrainedLayoutEngine(rect=frame.body, w_pad=pad, h_pad=pad, hspace=0, wspace=0))
    ax = frame.fig.add_subplot()
    ax.grid(axis="y")
    ax.tick_params(axis="x", length=0, pad=profile.font_size * 0.4)
    ax.tick_params(axis="y", length=0, pad=profile.font_size * 0.3)
    ax.spines["left"].set_visible(False)
    if spec.unit.strip():
        ax.set_ylabel(spec.unit.strip(), color=TEXT)
    ax.set_xlim(-0.6, len(spec.categories) - 0.4)
    return frame, ax


def layout(frame: Frame) -> None:
    """Run the layout (constrained layout, tick placement) without rendering pixels."""
    frame.fig.draw_without_rendering()


def slot_px(ax: Axes) -> float:
    """Return the width of one category in pixels."""
    left, right = ax.get_xlim()
    return ax.get_window_extent().width / (right - left)


def _is_years(categories: tuple[str, ...]) -> bool:
    return len(categories) > 1 and all(_YEAR.match(c.strip()) for c in categories)


def fit_categories(frame: Frame, ax: Axes, categories: tuple[str, ...]) -> None:
    """Put the category labels under the axis so that no two overlap."""
    profile = frame.profile
    renderer = frame.renderer
    positions = list(range(len(categories)))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.set_xticks(positions, ["0"] * len(categories), rotation=0, ha="center")
    layout(frame)  # lay out with short labels: long ones would squeeze the axes
    slot = slot_px(ax)
    ax.set_xticks(positions, list(categories))
    gap = profile.font_size * profile.dpi / 72 * 0.6
    labels = ax.get_xticklabels()
    widest = max(t.get_window_extent(renderer).width for t in labels)
    if widest + gap <= slot:
        return

    if _is_years(categories):
        years = [int(c) for c in categories]
        consecutive = all(b - a == 1 for a, b in zip(years, years[1:]))
        for step in YEAR_STEPS:
            if widest + gap <= slot * step:
                if consecutive:
                    keep = [i for i, y in enumerate(years) if y % step == 0] or [0]
                else:
                    keep = positions[::step]
                ax.set_xticks([positions[i] for i in keep], [categories[i] for i in keep])
                ax.xaxis.set_minor_locator(FixedLocator(positions))
                ax.tick_params(axis="x", which="both", length=profile.font_size * 0.3, color=ax.spines["bottom"].get_edgecolor())
                ax.tick_params(axis="x", which="minor", length=profile.font_size * 0.18)
                return

    # Wrap each label onto as few lines as fit its slot (at most four), at the profile's
    # size or smaller down to its small size.
    size = profile.font_size
    probe = frame.fig.text(0, 0, "", fontsize=size)
    try:
        while size >= profile.small_size - 1e-9:
            probe.set_fontsize(size)
            wrapped = [_wrap_to(probe, c, slot - gap, renderer) for c in categories]
            if all(w is not None for w in wrapped):
                ax.set_xticks(positions, wrapped)
                ax.tick_params(axis="x", labelsize=size)
                return
            size -= 0.5
    finally:
        probe.remove()

    # Rotate: 45 degrees when a line fits diagonally, else upright; thin out when even that does not fit.
    line_px = profile.font_size * profile.dpi / 72 * 1.25
    short = [wrap(c, 24) if display_width(c) > 24 else c for c in categories]
    short = ["\n".join(s.split("\n")[:2]) + ("…" if s.count("\n") > 1 else "") for s in short]
    if line_px * 1.45 <= slot:
        ax.set_xticks(positions, short, rotation=45, ha="right", rotation_mode="anchor")
        return
    step = max(1, math.ceil(line_px / slot))
    keep = positions[::step]
    ax.set_xticks(keep, [short[i] for i in keep], rotation=90, ha="center")


def _wrap_to(probe, text: str, max_px: float, renderer) -> str | None:
    """Return ``text`` wrapped onto the fewest lines (at most MAX_LABEL_LINES) within ``max_px``, or None."""
    for columns in range(display_width(text), 0, -1):
        wrapped = wrap(text, columns)
        if wrapped.count("\n") + 1 > MAX_LABEL_LINES:
            return None
        probe.set_text(wrapped)
        if probe.get_window_extent(renderer).width <= max_px:
            return wrapped
    return None


def freeze_y(frame: Frame, ax: Axes, *, zero: bool) -> None:
    """Fix the y ticks to the ones inside the limits and format them (thousands separator)."""
    low, high = ax.get_ylim()
    if zero:
        low, high = min(low, 0.0), max(high, 0.0)
    locator = MaxNLocator(nbins=frame.profile.y_bins, steps=[1, 2, 2.5, 5, 10])
    ticks = [t for t in locator.tick_values(low, high) if low - 1e-9 * abs(high - low) <= t <= high + 1e-9 * abs(high - low)]
    decimals = tick_decimals(ticks)
    ax.set_yticks(ticks, [format_tick(t, decimals) for t in ticks])
    ax.set_ylim(low, high)


def fit_ylabel(frame: Frame, ax: Axes, unit: str) -> None:
    """Wrap the unit label when it is taller than the axes."""
    if not unit.strip():
        return
    layout(frame)
    renderer = frame.renderer
    room = ax.get_window_extent(renderer).height
    label = ax.yaxis.label
    if label.get_window_extent(renderer).height <= room:
        return
    for columns in range(display_width(unit) - 1, 3, -1):
        label.set_text(wrap(unit.strip(), columns))
        if label.get_window_extent(renderer).height <= room:
            return


def finish(frame: Frame, ax: Axes, spec: ChartSpec, *, zero: bool, texts=()) -> None:
    """The last steps of every chart over categories: room for value labels, y ticks, unit label, layout."""
    headroom(frame, ax, texts)
    freeze_y(frame, ax, zero=zero)
    fit_ylabel(frame, ax, spec.unit)
    layout(frame)


def headroom(frame: Frame, ax: Axes, texts) -> None:
    """Raise the top (or lower the bottom) of the y axis until ``texts`` lie inside the axes."""
    renderer = frame.renderer
    for _ in range(3):
        layout(frame)
        box = ax.get_window_extent(renderer)
        over = max((t.get_window_extent(renderer).y1 - box.y1 for t in texts), default=0)
        under = max((box.y0 - t.get_window_extent(renderer).y0 for t in texts), default=0)
        if over <= 0.5 and under <= 0.5:
            return
        low, high = ax.get_ylim()
        per_px = (high - low) / box.height
        if over > 0.5:
            high += (over + 2) * per_px * 1.1
        if under > 0.5:
            low -= (under + 2) * per_px * 1.1
        ax.set_ylim(low, high)


def legend(frame: Frame, ax: Axes, handles, labels) -> None:
    """Put the legend in one row above the axes (more rows if it is too wide for the figure)."""
    renderer = frame.renderer
    layout(frame)
    room = frame.fig.bbox.width * 0.98 - ax.get_window_extent(renderer).x0
    for ncols in range(len(labels), 0, -1):
        leg = ax.legend(handles, labels, loc="lower left", bbox_to_anchor=(0, 1.01), ncols=ncols,
                        borderaxespad=0.2, borderpad=0.1, handlelength=1.4, handletextpad=0.5,
                        columnspacing=1.4, frameon=False)
        if leg.get_window_extent(renderer).width <= room:
            return
