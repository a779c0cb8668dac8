"""The "line" kind: each series as a line with markers; a missing value breaks the line.

When every category is a date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) and they are not
consecutive years, the points stand on a time scale (each at the middle of the period
its date names, as on a timeline), so that 2011 → 2018 is seven times as wide as
2018 → 2019; the axis is labelled with years. Otherwise the categories are evenly spaced.

The last known value of each series is written to the right of its last point;
the axis is widened to make room, and labels of series ending close together are
pushed apart.
"""

from __future__ import annotations

import itertools
import math

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Annotation

from dossier.charts import category_axes as axes
from dossier.charts.dates import parse_date
from dossier.charts.formatting import format_value, value_decimals
from dossier.charts.frame import Frame
from dossier.charts.profile import Profile
from dossier.charts.theme import series_color
from dossier.charts.validate import series_values
from dossier.errors import ChartError
from dossier.model import ChartSpec


def _last_known(values: list[float]) -> int:
    return max(i for i, v in enumerate(values) if not math.isnan(v))


def draw_line(spec: ChartSpec, profile: Profile) -> Figure:
    """Draw each series as a line with markers over the categories, its last value written beside it."""
    series = series_values(spec)
    frame, ax = axes.start(spec, profile)
    times = time_positions(spec.categories)
    xs = times or list(range(len(spec.categories)))
    left, right = (math.floor(xs[0]), math.ceil(xs[-1])) if times else (-0.6, len(xs) - 0.4)
    ax.set_xlim(left, right)
    lines = []
    for index, (s, values) in enumerate(zip(spec.series, series)):
        (line,) = ax.plot(xs, values, color=series_color(index), marker="o",
                          markersize=profile.marker_size, zorder=3, label=s.label, clip_on=False)
        lines.append(line)

    known = [v for values in series for v in values if not math.isnan(v)]
    zero = min(known) >= 0 and min(known) <= 0.5 * max(known) or max(known) <= 0
    axes.freeze_y(frame, ax, zero=zero)

    # Last-value labels: make room on the right, then fit the category labels to what is left.
    offset_pt = profile.font_size * 0.5
    ends = [(xs[_last_known(values)], values[_last_known(values)]) for values in series]
    decimals = value_decimals(known)
    texts = [ax.annotate(format_value(y, decimals), xy=(x, y), xytext=(offset_pt, 0), textcoords="offset points",
                         ha="left", va="center", color=series_color(i), fontsize=profile.font_size,
                         fontweight="bold", gid="last-value")
             for i, (x, y) in enumerate(ends)]
    axes.place(frame, ax)
    _room_for_labels(frame, ax, texts, ends)
    if times:
        axes.fit_years(frame, ax)
    else:
        axes.fit_categories(frame, ax, spec.categories)
    if len(series) > 1:
        axes.legend(frame, ax, lines, [s.label for s in spec.series])
    axes.finish(frame, ax, spec, zero=zero, texts=texts)
    _spread(frame, ax, texts, ends)
    return frame.fig


def time_positions(categories: tuple[str, ...]) -> list[float] | None:
    """Return each category's position in years when all are dates in order and not consecutive years, else None."""
    try:
        dates = [parse_date(c) for c in categories]
    except ChartError:
        return None
    positions = [d.position for d in dates]
    if len(positions) < 2 or any(b <= a for a, b in itertools.pairwise(positions)):
        return None  # unordered or repeated dates: drawn as categories, in the order given
    if all(d.precision == "year" for d in dates) and all(b.year - a.year == 1 for a, b in itertools.pairwise(dates)):
        return None  # consecutive years are evenly spaced anyway
    return positions


def _room_for_labels(frame: Frame, ax: Axes, texts: list[Annotation], ends) -> None:
    """Widen the x axis on the right so that every last-value label ends inside the axes."""
    renderer = frame.renderer
    profile = frame.profile
    need_px = max(t.get_window_extent(renderer).width for t in texts)
    need_px += profile.font_size * profile.dpi / 72 * 0.8  # the offset from the point, and a little air
    left, right = ax.get_xlim()
    width_px = ax.get_window_extent(renderer).width
    for x, _ in ends:  # (x - left) / (right - left) * width_px + need_px <= width_px
        right = max(right, left + (x - left) * width_px / max(width_px - need_px, 1.0))
    ax.set_xlim(left, right)


def _spread(frame: Frame, ax: Axes, texts: list[Annotation], ends) -> None:
    """Push the last-value labels apart vertically so that none overlaps another."""
    if len(texts) < 2:
        return
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
