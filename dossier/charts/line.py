"""The "line" kind: each series as markers, joined by a line only between comparable neighbours.

When every category is a date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) the points stand on a time
scale (each at the middle of the period its date names, as on a timeline), so that
2011 → 2018 is seven times as wide as 2018 → 2019; the axis is labelled with years. Text
categories, or ``x_scale: category``, are evenly spaced. A line never crosses a missing value,
a hole in the record or a pair of points the data marks as not comparable (``segments``); a
missing value is marked "n/r" at the foot of the chart. A qualified value has a hollow marker
and a "> 200" label. The value axis includes zero unless the spec says ``y_from_zero: false``;
then a break mark on the axis and a note in the footer say it is cut.

The last known value of each series is written to the right of its last point;
the axis is widened to make room, and labels of series ending close together are
pushed apart.
"""

from __future__ import annotations

import math

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Annotation
from matplotlib.transforms import blended_transform_factory

from dossier.charts import category_axes as axes
from dossier.charts import qualified
from dossier.charts.bars import missing_note
from dossier.charts.formatting import not_reported_mark, value_decimals, word
from dossier.charts.frame import Frame
from dossier.charts.profile import Profile
from dossier.charts.segments import joined_runs
from dossier.charts.theme import NOT_REPORTED_COLOR, series_color
from dossier.charts.validate import series_values
from dossier.model import ChartSpec




def _last_known(values: list[float]) -> int:
    return max(i for i, v in enumerate(values) if not math.isnan(v))


def draw_line(spec: ChartSpec, profile: Profile) -> Figure:
    """Draw each series as lines between comparable neighbours, markers at every point, its last value beside it."""
    series = series_values(spec)
    notes = missing_note(spec, series) + qualified.note(spec)
    known = [v for values in series for v in values if not math.isnan(v)]
    zero = spec.y_from_zero or min(known) <= 0 <= max(known)
    if not zero:
        notes.append(word("axis_cut"))
    frame, ax = axes.start(spec, profile, notes)
    xs, time = axes.x_positions(spec)
    margin = max(axes.min_step(xs) * 0.6, (xs[-1] - xs[0]) * 0.03) if time else 0.6
    left, right = xs[0] - margin, xs[-1] + margin
    ax.set_xlim(left, right)
    handles = [draw_series(ax, frame.profile, spec, i, xs, values, time, color=series_color(i))
               for i, values in enumerate(series)]
    if zero:
        ax.set_ylim(min(0.0, ax.get_ylim()[0]), max(0.0, ax.get_ylim()[1]))
    axes.freeze_y(frame, ax, zero=zero)

    # Last-value labels: make room on the right, then fit the category labels to what is left.
    offset_pt = profile.font_size * 0.5
    decimals = value_decimals(known)
    ends = []
    texts = []
    for i, (s, values) in enumerate(zip(spec.series, series)):
        last = _last_known(values)
        ends.append((xs[last], values[last]))
        texts.append(ax.annotate(qualified.value_text(values[last], s.qualifier(last), decimals), xy=ends[-1],
                                 xytext=(offset_pt, 0), textcoords="offset points", ha="left", va="center",
                                 color=series_color(i), fontsize=profile.font_size, fontweight="bold", gid="last-value"))
    axes.place(frame, ax)
    _room_for_labels(frame, ax, texts, ends)
    axes.fit_x(frame, ax, spec.categories, time)
    if len(series) > 1:
        axes.legend(frame, ax, handles, [s.label for s in spec.series])
    texts += qualified_labels(frame, ax, spec, xs, series, decimals)
    axes.finish(frame, ax, spec, zero=zero, texts=texts)
    _spread(frame, ax, texts[: len(series)], ends)
    mark_missing_points(frame, ax, spec, xs, series)
    if not zero:
        axis_break(frame, ax)
    return frame.fig


def draw_series(ax: Axes, profile: Profile, spec: ChartSpec, index: int, xs: list[float], values: list[float],
                time: bool, *, color: str, width: float = 1.0, gid: str = "series") -> Line2D:
    """Draw one series: a line along each run of joinable points (``segments``), a marker at every known point.

    An exact value has a filled marker, a qualified one a hollow marker. Returns a legend handle.
    """
    s = spec.series[index]
    for run in joined_runs(xs, values, s, spec.categories, time=time, max_gap=spec.max_gap):
        ax.plot([xs[i] for i in run], [values[i] for i in run], color=color, linewidth=profile.line_width * width,
                zorder=3, clip_on=False, gid=f"{gid}-line")
    exact = [i for i, v in enumerate(values) if not math.isnan(v) and not s.qualifier(i)]
    bounds = [i for i, v in enumerate(values) if not math.isnan(v) and s.qualifier(i)]
    size = profile.marker_size * width
    ax.plot([xs[i] for i in exact], [values[i] for i in exact], linestyle="none", marker="o", markersize=size,
            color=color, zorder=4, clip_on=False, gid=f"{gid}-points")
    if bounds:
        ax.plot([xs[i] for i in bounds], [values[i] for i in bounds], linestyle="none", marker="o",
                markersize=size, markerfacecolor="white", markeredgecolor=color, markeredgewidth=profile.line_width * 0.6,
                zorder=4, clip_on=False, gid=f"{gid}-qualified-points")
    return Line2D([], [], color=color, linewidth=profile.line_width * width, marker="o", markersize=size)


def qualified_labels(frame: Frame, ax: Axes, spec: ChartSpec, xs: list[float], series: list[list[float]],
                     decimals: int) -> list[Annotation]:
    """Write "> 200" / "~800" above every qualified point except each series' last (its end label says it)."""
    texts = []
    for k, (s, values) in enumerate(zip(spec.series, series)):
        last = _last_known(values)
        for i, value in enumerate(values):
            if i == last or math.isnan(value) or not s.qualifier(i):
                continue
            texts.append(ax.annotate(qualified.value_text(value, s.qualifier(i), decimals), xy=(xs[i], value),
                                     xytext=(0, frame.profile.marker_size * 0.9), textcoords="offset points",
                                     ha="center", va="bottom", fontsize=frame.profile.small_size,
                                     color=series_color(k), gid="qualified-label"))
    return texts


def mark_missing_points(frame: Frame, ax: Axes, spec: ChartSpec, xs: list[float], series: list[list[float]]) -> None:
    """Write "n/r" just above the x axis at every x where a series has a row but no value.

    The mark takes the colour of the series that lacks the value when only one of several does.
    """
    gaps = sorted({i for s, values in zip(spec.series, series) for i, v in enumerate(values)
                   if math.isnan(v) and i not in s.absent})
    transform = blended_transform_factory(ax.transData, ax.transAxes)
    for i in gaps:
        lacking = [k for k, (s, values) in enumerate(zip(spec.series, series)) if math.isnan(values[i]) and i not in s.absent]
        color = series_color(lacking[0]) if len(lacking) == 1 and len(series) > 1 else NOT_REPORTED_COLOR
        ax.text(xs[i], 0.02, not_reported_mark(), transform=transform, ha="center", va="bottom",
                fontsize=frame.profile.small_size, color=color, zorder=3, gid="not-reported")


def axis_break(frame: Frame, ax: Axes) -> None:
    """Draw a break mark (two short slanted strokes) at the foot of the value axis: it does not start at zero."""
    size = frame.profile.font_size * 0.35 / 72 * frame.profile.dpi  # pixels
    box = ax.get_window_extent(frame.renderer)
    dx, dy = size / box.width, size / box.height
    for offset in (0.0, dy * 1.1):
        ax.plot([-dx, dx], [offset - dy, offset + dy], transform=ax.transAxes, color=ax.spines["bottom"].get_edgecolor(),
                linewidth=1.0, clip_on=False, zorder=5, gid="axis-break")


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
    """Push the last-value labels apart vertically so that none overlaps another.

    When the stack is taller than the axes (a dozen series on a slide), the labels are left
    out: the value axis and the legend say what they would, and no label ends outside the chart.
    """
    if len(texts) < 2:
        return
    renderer = frame.renderer
    height = max(t.get_window_extent(renderer).height for t in texts) * 1.15
    box = ax.get_window_extent(renderer)
    if height * len(texts) > box.height:
        for text in texts:
            text.remove()
        return
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
    underflow = box.y0 - (placed[0] - height / 2)
    if underflow > 0:  # pushed below the axes: lift the stack as far as the top allows
        placed = [y + min(underflow, max(0.0, box.y1 - (placed[-1] + height / 2))) for y in placed]
    to_pt = 72 / frame.profile.dpi
    for i, y, target in zip(order, wanted, placed):
        texts[i].xyann = (texts[i].xyann[0], (target - y) * to_pt)
