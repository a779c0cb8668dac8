"""The "line" kind: each series as a line with markers; a missing value breaks the line.

The last known value of each series is written to the right of its last point;
the axis is widened to make room, and labels of series ending close together are
pushed apart.
"""

from __future__ import annotations

import math

from matplotlib.figure import Figure

from dossier.charts import category_axes as axes
from dossier.charts.formatting import format_value, value_decimals
from dossier.charts.profile import Profile
from dossier.charts.theme import series_color
from dossier.charts.validate import series_values
from dossier.model import ChartSpec


def _last_known(values: list[float]) -> int:
    return max(i for i, v in enumerate(values) if not math.isnan(v))


def draw_line(spec: ChartSpec, profile: Profile) -> Figure:
    series = series_values(spec)
    frame, ax = axes.start(spec, profile)
    lines = []
    for index, (s, values) in enumerate(zip(spec.series, series)):
        (line,) = ax.plot(range(len(values)), values, color=series_color(index), marker="o",
                          markersize=profile.marker_size, zorder=3, label=s.label, clip_on=False)
        lines.append(line)
    if len(series) > 1:
        axes.legend(frame, ax, lines, [s.label for s in spec.series])

    known = [v for values in series for v in values if not math.isnan(v)]
    zero = min(known) >= 0 and min(known) <= 0.5 * max(known) or max(known) <= 0
    axes.freeze_y(frame, ax, zero=zero)

    # Last-value labels: make room on the right, then fit the category labels to what is left.
    offset_pt = profile.font_size * 0.5
    ends = [(_last_known(values), values[_last_known(values)]) for values in series]
    decimals = value_decimals(known)
    texts = [ax.annotate(format_value(y, decimals), xy=(x, y), xytext=(offset_pt, 0), textcoords="offset points",
                         ha="left", va="center", color=series_color(i), fontsize=profile.font_size,
                         fontweight="bold", gid="last-value")
             for i, (x, y) in enumerate(ends)]
    axes.layout(frame)
    renderer = frame.renderer
    need_px = max(t.get_window_extent(renderer).x1 - ax.transData.transform((x, 0))[0] for t, (x, _) in zip(texts, ends))
    need_px += profile.font_size * profile.dpi / 72 * 0.3
    count = len(spec.categories)
    left = -0.6
    width_px = ax.get_window_extent(renderer).width
    rightmost = max(x for x, _ in ends)
    right = max(count - 0.4, rightmost + need_px * (count - 1 - left) / max(width_px - need_px, 1.0))
    ax.set_xlim(left, right)
    axes.fit_categories(frame, ax, spec.categories)
    axes.finish(frame, ax, spec, zero=zero, texts=texts)
    _spread(frame, ax, texts, ends)
    axes.layout(frame)
    return frame.fig


def _spread(frame, ax, texts, ends) -> None:
    """Push the last-value labels apart vertically so that none overlaps another."""
    if len(texts) < 2:
        return
    axes.layout(frame)
    renderer = frame.renderer
    height = max(t.get_window_extent(renderer).height for t in texts) * 1.15
    box = ax.get_window_extent(renderer)
    order = sorted(range(len(texts)), key=lambda i: ax.transData.transform(ends[i])[1])
    wanted = [ax.transData.transform(ends[i])[1] for i in order]
    placed: list[float] = []
    for y in wanted:
        placed.append(max(y, placed[-1] + height) if placed else y)
    overflow = placed[-1] + height / 2 - box.y1
    if overflow > 0:  # shift the stack down, keeping the spacing
        placed = [y - overflow for y in placed]
        for k in range(len(placed) - 2, -1, -1):
            placed[k] = min(placed[k], placed[k + 1] - height)
    to_pt = 72 / frame.profile.dpi
    for i, y, target in zip(order, wanted, placed):
        texts[i].xyann = (texts[i].xyann[0], (target - y) * to_pt)
