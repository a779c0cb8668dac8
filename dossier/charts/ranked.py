"""The "ranked" kind: horizontal bars sorted by value, largest on top (e.g. trade partners).

The order comes from the first series; further series (say, the same figure as reported
by the other side) are drawn beside it in each row. Category labels stand left of the
bars, wrapped to at most a third of the width and never cut: the axes make room for
them. Each bar carries its value at its end when the rows are tall enough; the value
axis starts at zero. A missing value draws no bar but "n/r", and sorts to the bottom.

A page grows taller when the rows need it; a slide first sets its text smaller (down
to the profile's minimum), then grows.
"""

from __future__ import annotations

import math

from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.ticker import MaxNLocator

from dossier.chart_series import rank_order
from dossier.charts import category_axes as axes
from dossier.charts import qualified
from dossier.charts.formatting import format_tick, not_reported_mark, tick_decimals, value_decimals, word
from dossier.charts.frame import Frame, new_frame
from dossier.charts.profile import Profile
from dossier.charts.theme import NOT_REPORTED_COLOR, TEXT, series_color
from dossier.charts.validate import series_values
from dossier.charts.wrap import display_width, wrap
from dossier.model import ChartSpec

LABEL_SHARE = 0.34  # category labels take at most this share of the figure width
MAX_LINES = 3
ROW_LINES = 1.55  # a row is at least this many text lines tall
GROUP = 0.78  # the share of a row the bars of one category take


def draw_ranked(spec: ChartSpec, profile: Profile) -> Figure:
    """Draw the categories as horizontal bars sorted by the first series, largest on top."""
    series = series_values(spec)
    order = rank_order(series[0])
    categories = [spec.categories[i] for i in order]
    series = [[values[i] for i in order] for values in series]
    quals = [[s.qualifier(i) for i in order] for s in spec.series]
    missing = any(math.isnan(v) for values in series for v in values)
    notes = ([word("mark_note")] if missing else []) + qualified.note(spec)

    frame = new_frame(spec, profile, notes)
    size, labels, needed = _fit_rows(frame, categories, len(series))
    if needed > _row_room(frame, len(series)) + 0.5:
        grow = needed - _row_room(frame, len(series))
        frame = new_frame(spec, profile, notes, height_in=profile.height_in + grow / profile.dpi + 0.02)

    ax = frame.fig.add_axes(frame.body)
    n = len(categories)
    count = len(series)
    thickness = GROUP / count
    containers: list[BarContainer] = []
    for index, values in enumerate(series):
        offset = (index - (count - 1) / 2) * thickness
        ys = [row + offset for row, v in enumerate(values) if not math.isnan(v)]
        widths = [v for v in values if not math.isnan(v)]
        container = ax.barh(ys, widths, height=thickness * 0.9, color=series_color(index),
                            label=spec.series[index].label, zorder=2, linewidth=0)
        rows = [row for row, v in enumerate(values) if not math.isnan(v)]
        for rect, row in zip(container, rows):
            if quals[index][row]:
                rect.set_facecolor((*to_rgb(series_color(index)), 0.3))
                rect.set_edgecolor(series_color(index))
                rect.set_hatch(qualified.HATCH)
                rect.set_linewidth(0.8)
        containers.append(container)
    ax.set_ylim(n - 0.5, -0.5)  # the first row on top
    ax.set_yticks(range(n), labels)
    ax.tick_params(axis="y", length=0, pad=profile.font_size * 0.5, labelsize=size)
    ax.tick_params(axis="x", length=0, pad=profile.font_size * 0.3)
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    ax.axvline(0, color=ax.spines["left"].get_edgecolor(), linewidth=0.8, zorder=2.5)
    ax.spines["left"].set_visible(False)  # the zero line is the baseline
    if count > 1:
        ax.legend(containers, [s.label for s in spec.series], loc="lower left", bbox_to_anchor=(0, 1.01),
                  ncols=count, borderaxespad=0.2, borderpad=0.1, handlelength=1.4, handletextpad=0.5,
                  columnspacing=1.4, frameon=False)
    _freeze_x(frame, ax)
    axes.place(frame, ax)

    texts = _value_labels(frame, ax, containers, series, quals, thickness)
    scale = not texts  # without value labels, the reader needs the value axis
    texts += _mark_missing(frame, ax, series, thickness)
    if scale:
        ax.grid(axis="x")
    else:
        ax.set_xticks([])
    if spec.unit.strip():
        ax.set_xlabel(spec.unit.strip(), color=TEXT, loc="left" if not scale else "center",
                      fontsize=profile.font_size if scale else profile.small_size)
    for _ in range(2):  # the scale and the axes' place depend a little on each other
        axes.place(frame, ax)
        _room_for_values(frame, ax, texts)
        if scale:
            _freeze_x(frame, ax)
    axes.place(frame, ax)
    return frame.fig


def _row_room(frame: Frame, count: int) -> float:
    """Pixels the rows may take: the body less the unit line and, with several series, the legend."""
    profile = frame.profile
    line = profile.font_size * profile.dpi / 72 * 1.3
    return frame.body[3] * frame.fig.bbox.height - line * (1.4 + (1.2 if count > 1 else 0))


def _fit_rows(frame: Frame, categories: list[str], count: int) -> tuple[float, list[str], float]:
    """Return the text size, the wrapped labels, and the pixels the rows need at that size.

    The profile's size when the rows fit; on a slide (fixed height) smaller, down to the
    profile's minimum, until they do.
    """
    profile = frame.profile
    renderer = frame.renderer
    max_px = frame.fig.bbox.width * LABEL_SHARE
    probe = frame.fig.text(0, 0, "")
    room = _row_room(frame, count)
    size = profile.font_size
    try:
        while True:
            probe.set_fontsize(size)
            labels, needed = [], 0.0
            line_px = size * profile.dpi / 72 * 1.2
            for category in categories:
                label = _wrap_to(probe, category, max_px, renderer)
                probe.set_text(label)
                labels.append(label)
                needed += max(probe.get_window_extent(renderer).height * 1.25, line_px * ROW_LINES * (1 + 0.25 * (count - 1)))
            smaller = size - 0.5
            if needed <= room or not profile.fixed_height or smaller < profile.min_font_size - 1e-9:
                return size, labels, needed
            size = smaller
    finally:
        probe.remove()


def _wrap_to(probe: Text, text: str, max_px: float, renderer) -> str:
    """Return ``text`` wrapped onto as few lines as keep it within ``max_px`` (at most MAX_LINES; never cut)."""
    probe.set_text(text)
    full = probe.get_window_extent(renderer).width
    if full <= max_px:
        return text
    best = text
    start = min(display_width(text) - 1, int(display_width(text) * max_px / full) + 2)
    for columns in range(max(start, 1), 0, -1):
        wrapped = wrap(text, columns)
        if wrapped.count("\n") + 1 > MAX_LINES:
            break
        best = wrapped
        probe.set_text(wrapped)
        if probe.get_window_extent(renderer).width <= max_px:
            break
    return best


def _freeze_x(frame: Frame, ax: Axes) -> None:
    """Fix the value axis ticks inside its limits, from zero."""
    low, high = ax.get_xlim()
    low, high = min(low, 0.0), max(high, 0.0)
    locator = MaxNLocator(nbins=frame.profile.y_bins + 1, steps=[1, 2, 2.5, 5, 10])
    span = abs(high - low)
    ticks = [t for t in locator.tick_values(low, high) if low - 1e-9 * span <= t <= high + 1e-9 * span]
    decimals = tick_decimals(ticks)
    ax.set_xticks(ticks, [format_tick(t, decimals) for t in ticks])
    ax.set_xlim(low, high)


def _value_labels(frame: Frame, ax: Axes, containers, series, quals, thickness: float) -> list[Text]:
    """Write each value at the end of its bar when the bars are thick enough for the text."""
    profile = frame.profile
    renderer = frame.renderer
    row_px = ax.get_window_extent(renderer).height / max(len(series[0]), 1)
    decimals = value_decimals([v for values in series for v in values])
    texts = []
    pad = profile.small_size * 0.4
    for container, values, marks in zip(containers, series, quals):
        rows = [row for row, v in enumerate(values) if not math.isnan(v)]
        for rect, row in zip(container, rows):
            value = rect.get_width()
            y = rect.get_y() + rect.get_height() / 2
            texts.append(ax.annotate(qualified.value_text(value, marks[row], decimals), xy=(value, y), xytext=(pad if value >= 0 else -pad, 0),
                                     textcoords="offset points", ha="left" if value >= 0 else "right", va="center",
                                     fontsize=profile.small_size, color="#333333", gid="value"))
    if texts and max(t.get_window_extent(renderer).height for t in texts) > row_px * thickness * 1.25:
        for t in texts:
            t.remove()
        return []
    return texts


def _mark_missing(frame: Frame, ax: Axes, series, thickness: float) -> list[Text]:
    """Write "n/r" beside the zero line where a value is missing."""
    count = len(series)
    texts = []
    for index, values in enumerate(series):
        offset = (index - (count - 1) / 2) * thickness
        for row, value in enumerate(values):
            if math.isnan(value):
                texts.append(ax.annotate(not_reported_mark(), xy=(0, row + offset), xytext=(frame.profile.small_size * 0.4, 0),
                                         textcoords="offset points", ha="left", va="center",
                                         fontsize=frame.profile.small_size, color=NOT_REPORTED_COLOR,
                                         gid="not-reported"))
    return texts


def _room_for_values(frame: Frame, ax: Axes, texts: list[Text]) -> None:
    """Widen the value axis so that every value label ends inside the axes (both directions)."""
    if not texts:
        return
    renderer = frame.renderer
    low, high = ax.get_xlim()
    width = ax.get_window_extent(renderer).width
    margin = 2.0
    reach = []  # (data x, pixels to the right, pixels to the left)
    for text in texts:
        value = float(text.xy[0])
        anchor = ax.transData.transform((value, 0))[0]
        extent = text.get_window_extent(renderer)
        reach.append((value, extent.x1 - anchor, anchor - extent.x0))
    ax.set_xlim(*axes.widen_to_fit(low, high, width, reach, margin))
