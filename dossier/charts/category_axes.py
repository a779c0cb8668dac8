"""The axes of a chart over categories (bar, exports_imports, line).

The axes are placed by measuring, not by a layout engine: :func:`place` sets the axes
rectangle so that its decorations (tick labels, unit label, legend, value labels) fill
the frame body exactly. Measuring a handful of texts is cheap; every pass of
matplotlib's constrained layout measures every tick label twice and redraws the figure.

The order every kind follows: draw the data, :func:`freeze_y`, :func:`fit_categories`
(which places the axes with one-line labels, then fits the real labels to the width
of a category) or :func:`fit_years` (a line on a time scale), :func:`legend`, then
:func:`finish` (room above the value labels, final y ticks, unit label wrapped to the
axes height, final placement).
"""

from __future__ import annotations

import itertools
import math
import re

from matplotlib.axes import Axes
from matplotlib.lines import TICKDOWN
from matplotlib.ticker import MaxNLocator, NullLocator

from dossier.charts.dates import time_positions
from dossier.charts.formatting import format_tick, tick_decimals
from dossier.charts.frame import Frame, new_frame
from dossier.charts.profile import Profile
from dossier.charts.theme import TEXT
from dossier.charts.wrap import display_width, next_narrower, wrap
from dossier.model import ChartSpec

_YEAR = re.compile(r"^\d{4}$")
YEAR_STEPS = (2, 5, 10, 20, 25, 50, 100)
MAX_LABEL_LINES = 4
PAD_IN = 0.04  # inches between the axes' decorations and the frame body


def start(spec: ChartSpec, profile: Profile, notes: list[str] = ()) -> tuple[Frame, Axes]:
    """Make the frame and one axes with a light horizontal grid and the unit as y label."""
    frame = new_frame(spec, profile, notes)
    ax = frame.fig.add_axes(frame.body)
    ax.grid(axis="y")
    ax.tick_params(axis="x", length=0, pad=profile.font_size * 0.4)
    ax.tick_params(axis="y", length=0, pad=profile.font_size * 0.3)
    ax.spines["left"].set_visible(False)
    if spec.unit.strip():
        ax.set_ylabel(spec.unit.strip(), color=TEXT)
    ax.set_xlim(-0.6, len(spec.categories) - 0.4)
    return frame, ax


def x_positions(spec: ChartSpec) -> tuple[list[float], bool]:
    """Return where each category stands on the x axis, and whether that axis is a time scale.

    Dates (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) stand at their time, in years, unless the spec says
    ``x_scale: category``: an 11-year gap is eleven times a one-year gap. Text stays evenly spaced.
    """
    times = None if spec.x_scale == "category" else time_positions(spec.categories)
    return (times, True) if times else ([float(i) for i in range(len(spec.categories))], False)


def min_step(xs: list[float]) -> float:
    """Return the smallest distance between neighbouring positions (1 for a single one)."""
    return min((b - a for a, b in itertools.pairwise(xs)), default=1.0)


def place(frame: Frame, ax: Axes, max_passes: int = 3) -> None:
    """Set the axes rectangle so that the axes and all its decorations fill the frame body.

    The decorations stick out of the axes by amounts that barely depend on where the
    axes are, so this converges in one or two passes.
    """
    fig, renderer = frame.fig, frame.renderer
    W, H = fig.bbox.width, fig.bbox.height
    left, bottom, width, height = frame.body
    pad = PAD_IN * frame.profile.dpi
    bx0, by0, bx1, by1 = left * W + pad, bottom * H + pad, (left + width) * W - pad, (bottom + height) * H - pad
    for _ in range(max_passes):
        box = ax.get_window_extent(renderer)
        # Tick labels, unit label and legend; value labels are kept inside by ``headroom``.
        legend = ax.get_legend()
        tight = ax.get_tightbbox(renderer, for_layout_only=True, bbox_extra_artists=[legend] if legend else [])
        x0 = bx0 + max(0.0, box.x0 - tight.x0)
        x1 = bx1 - max(0.0, tight.x1 - box.x1)
        y0 = by0 + max(0.0, box.y0 - tight.y0)
        y1 = by1 - max(0.0, tight.y1 - box.y1)
        if max(abs(x0 - box.x0), abs(x1 - box.x1), abs(y0 - box.y0), abs(y1 - box.y1)) < 0.5:
            return
        ax.set_position((x0 / W, y0 / H, max(x1 - x0, 1.0) / W, max(y1 - y0, 1.0) / H))


def slot_px(ax: Axes) -> float:
    """Return the width of one category in pixels."""
    left, right = ax.get_xlim()
    return ax.get_window_extent().width / (right - left)


def _is_years(categories: tuple[str, ...]) -> bool:
    return len(categories) > 1 and all(_YEAR.match(c.strip()) for c in categories)


def fit_categories(frame: Frame, ax: Axes, categories: tuple[str, ...]) -> None:
    """Place the axes, then put the category labels under it so that no two overlap.

    Labels are kept level when they fit their slot; years are thinned to every n-th;
    other labels are wrapped (down to the small size), else turned 45° or upright.
    """
    profile = frame.profile
    renderer = frame.renderer
    positions = list(range(len(categories)))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.set_xticks(positions, ["0"] * len(categories), rotation=0, ha="center")
    place(frame, ax)  # with short labels: long ones would squeeze the axes
    slot = slot_px(ax)
    ax.set_xticks(positions, list(categories))
    gap = profile.font_size * profile.dpi / 72 * 0.6
    widest = max(t.get_window_extent(renderer).width for t in ax.get_xticklabels())
    if widest + gap <= slot:
        return

    if _is_years(categories):
        years = [int(c) for c in categories]
        consecutive = all(b - a == 1 for a, b in itertools.pairwise(years))
        for step in YEAR_STEPS:
            if widest + gap <= slot * step:
                if consecutive:
                    keep = [i for i, y in enumerate(years) if y % step == 0] or [0]
                else:
                    keep = positions[::step]
                ax.set_xticks([positions[i] for i in keep], [categories[i] for i in keep])
                color = ax.spines["bottom"].get_edgecolor()
                ax.tick_params(axis="x", length=profile.font_size * 0.3, color=color)
                # A short mark under every year: one artist, not a Tick object (with its texts) per year.
                ax.plot(positions, [0.0] * len(positions), transform=ax.get_xaxis_transform(), linestyle="none",
                        marker=TICKDOWN, markersize=profile.font_size * 0.18, markeredgewidth=0.8, color=color,
                        clip_on=False, zorder=2.6, gid="category-marks")
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


def fit_x(frame: Frame, ax: Axes, categories: tuple[str, ...], time: bool) -> None:
    """Label the x axis: years on a time scale (:func:`fit_years`), else the categories (:func:`fit_categories`)."""
    if time:
        fit_years(frame, ax)
    else:
        fit_categories(frame, ax, categories)


def baseline(ax: Axes) -> None:
    """Draw the zero line as the baseline of bars, in place of the bottom spine."""
    ax.axhline(0, color=ax.spines["bottom"].get_edgecolor(), linewidth=0.8, zorder=2.5, gid="zero-line")
    ax.spines["bottom"].set_visible(False)


def fit_years(frame: Frame, ax: Axes) -> None:
    """Label a time axis (x in years) with every n-th year, centred on its year, and mark each year's start."""
    profile = frame.profile
    renderer = frame.renderer
    left, right = ax.get_xlim()
    ax.set_xticks([(left + right) / 2], ["2000"])  # one level label for placing the axes
    ax.set_xlim(left, right)
    place(frame, ax)
    per_year = ax.get_window_extent(renderer).width / (right - left)
    label_w = ax.get_xticklabels()[0].get_window_extent(renderer).width
    step = next((s for s in (1, *YEAR_STEPS) if s * per_year >= label_w * 1.5), YEAR_STEPS[-1])
    years = [y for y in range(math.floor(left), math.ceil(right)) if left <= y + 0.5 <= right]
    shown = [y for y in years if y % step == 0] or years[:1]
    ax.set_xticks([y + 0.5 for y in shown], [str(y) for y in shown])
    ax.set_xlim(left, right)  # setting ticks may widen the limits
    starts = [y for y in range(math.ceil(left), math.floor(right) + 1)]
    color = ax.spines["bottom"].get_edgecolor()
    ax.plot(starts, [0.0] * len(starts), transform=ax.get_xaxis_transform(), linestyle="none", marker=TICKDOWN,
            markersize=profile.font_size * 0.3, markeredgewidth=0.8, color=color, clip_on=False, zorder=2.6,
            gid="year-marks")


def _wrap_to(probe, text: str, max_px: float, renderer) -> str | None:
    """Return ``text`` wrapped onto the fewest lines (at most MAX_LABEL_LINES) within ``max_px``, or None."""
    probe.set_text(text)
    full = probe.get_window_extent(renderer).width
    if full <= max_px:
        return text
    # Start from the column count the measured width suggests, not from the full length.
    start = min(display_width(text) - 1, max(1, int(display_width(text) * max_px / full) + 2))
    columns = start
    while columns > 0:
        wrapped = wrap(text, columns)
        if wrapped.count("\n") + 1 > MAX_LABEL_LINES:
            return None
        probe.set_text(wrapped)
        if probe.get_window_extent(renderer).width <= max_px:
            return wrapped
        columns = next_narrower(wrapped, columns)
    return None


def freeze_y(frame: Frame, ax: Axes, *, zero: bool) -> None:
    """Fix the y ticks to the ones inside the limits and format them (thousands separator)."""
    low, high = ax.get_ylim()
    if zero:
        low, high = min(low, 0.0), max(high, 0.0)
    locator = MaxNLocator(nbins=frame.profile.y_bins, steps=[1, 2, 2.5, 5, 10])
    span = abs(high - low)
    ticks = [t for t in locator.tick_values(low, high) if low - 1e-9 * span <= t <= high + 1e-9 * span]
    decimals = tick_decimals(ticks)
    ax.set_yticks(ticks, [format_tick(t, decimals) for t in ticks])
    ax.set_ylim(low, high)


def fit_ylabel(frame: Frame, ax: Axes, unit: str) -> None:
    """Wrap the unit label when it is taller than the axes."""
    if not unit.strip():
        return
    renderer = frame.renderer
    room = ax.get_window_extent(renderer).height
    label = ax.yaxis.label
    if label.get_window_extent(renderer).height <= room:
        return
    columns = display_width(unit) - 1
    while columns > 3:
        wrapped = wrap(unit.strip(), columns)
        label.set_text(wrapped)
        if label.get_window_extent(renderer).height <= room:
            return
        columns = next_narrower(wrapped, columns)


def finish(frame: Frame, ax: Axes, spec: ChartSpec, *, zero: bool, texts=()) -> None:
    """The last steps of every chart over categories: room for value labels, y ticks, unit label, placement."""
    place(frame, ax)
    headroom(frame, ax, texts)
    freeze_y(frame, ax, zero=zero)
    fit_ylabel(frame, ax, spec.unit)
    place(frame, ax)


def headroom(frame: Frame, ax: Axes, texts) -> None:
    """Raise the top (or lower the bottom) of the y axis so that ``texts`` lie inside the axes.

    A text sticks out of its anchor by a fixed number of pixels, so the limits that make
    room for it follow from the axes height without drawing again.
    """
    if not texts:
        return
    renderer = frame.renderer
    low, high = ax.get_ylim()
    height = ax.get_window_extent(renderer).height
    margin = 2.0
    reach = []  # (data y, pixels above, pixels below)
    for text in texts:
        value = _anchor_y(text)
        anchor = ax.transData.transform((0, value))[1]
        extent = text.get_window_extent(renderer)
        reach.append((value, extent.y1 - anchor, anchor - extent.y0))
    new_low, new_high = widen_to_fit(low, high, height, reach, margin)
    if (new_low, new_high) != (low, high):
        ax.set_ylim(new_low, new_high)


def widen_to_fit(low: float, high: float, length: float, reach, margin: float) -> tuple[float, float]:
    """Return axis limits widened so that labels sticking out of their anchors end inside the axes.

    ``length`` is the axis length in pixels; ``reach`` holds, per label, (data value, pixels it
    sticks out towards the high end, pixels towards the low end). Widening one end changes the
    scale at the other, so the computation goes round a few times.
    """
    for _ in range(4):
        for value, up, down in reach:
            if 0 < up < length - margin:  # (value - low) / (high - low) * length + up <= length - margin
                high = max(high, low + (value - low) * length / (length - margin - up))
            if 0 < down < length - margin:
                low = min(low, high - (high - value) * length / (length - margin - down))
    return low, high


def _anchor_y(text) -> float:
    """The data y a text (or annotation) is anchored at."""
    xy = getattr(text, "xy", None)
    return float(xy[1]) if xy is not None else float(text.get_position()[1])


def legend(frame: Frame, ax: Axes, handles, labels) -> None:
    """Put the legend in one row above the axes (more rows if it is too wide for the figure)."""
    renderer = frame.renderer
    room = frame.fig.bbox.width * 0.98 - ax.get_window_extent(renderer).x0
    for ncols in range(len(labels), 0, -1):
        leg = ax.legend(handles, labels, loc="lower left", bbox_to_anchor=(0, 1.01), ncols=ncols,
                        borderaxespad=0.2, borderpad=0.1, handlelength=1.4, handletextpad=0.5,
                        columnspacing=1.4, frameon=False)
        if leg.get_window_extent(renderer).width <= room:
            return
