"""Clustered bars, shared by the "bar" and "exports_imports" kinds.

Where the bars stand (``bar_layout``): each category at its x (a year at its time on a time
scale, see ``category_axes.x_positions``), and in each category only the series that have a
row there, centred on it: a year with one bar has that bar on its label, not in an empty slot
left for a group that did not report. The bar width is the same everywhere.

A missing value (a row with an empty cell) draws no bar, never a bar of height zero: a small
"n/r" stands at the baseline in its place, upright when the place is narrow. Where no series
has a value, one mark stands at the category's centre; a run of two or more such categories
gets one mark over a grey stroke along the baseline spanning the run. A bar too short to see
at the chart's scale carries its value, and so does a qualified one ("> 200", hatched).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.container import BarContainer
from matplotlib.text import Text

from dossier.charts import qualified
from dossier.charts.category_axes import min_step, x_positions
from dossier.charts.formatting import not_reported_mark, value_decimals, word
from dossier.charts.frame import Frame
from dossier.charts.theme import NOT_REPORTED_COLOR
from dossier.model import ChartSpec

GROUP_WIDTH = 0.8  # the share of a category's slot the bars of one category take
RUN = 2  # this many categories in a row without any value share one mark
TINY_PT = 2.0  # a bar shorter than this (in points) is too short to see: it carries its value


@dataclass(slots=True)
class BarLayout:
    """Where the bars stand: category centres, one bar width, each present series' bar x per category."""

    centers: list[float]
    width: float
    time: bool
    slots: list[dict[int, float]]  # per category: series index -> x of its bar (present series only)
    drawn: list[list[int]] = field(default_factory=list)  # per series: the categories of its drawn bars

    @property
    def xlim(self) -> tuple[float, float]:
        step = self.width * max(len(s) for s in self.slots) / GROUP_WIDTH if self.slots else 1.0
        return self.centers[0] - step * 0.6, self.centers[-1] + step * 0.6


def bar_layout(spec: ChartSpec) -> BarLayout:
    """Place the categories and, in each, the bars of the series that have a row there, centred."""
    centers, time = x_positions(spec)
    step = min_step(centers) if time else 1.0
    present = [[k for k, s in enumerate(spec.series) if i not in s.absent] for i in range(len(centers))]
    most = max((len(p) for p in present), default=1) or 1
    width = GROUP_WIDTH * step / most
    slots = [{k: centers[i] + (j - (len(p) - 1) / 2) * width for j, k in enumerate(p)} for i, p in enumerate(present)]
    return BarLayout(centers, width, time, slots)


def draw_bars(ax: Axes, layout: BarLayout, spec: ChartSpec, series: list[list[float]],
              colors: list[str]) -> list[BarContainer]:
    """Draw each series' known values as bars at their places; a qualified value hatched and light."""
    containers = []
    layout.drawn = []
    for k, (values, s, color) in enumerate(zip(series, spec.series, colors)):
        cats = [i for i, v in enumerate(values) if not math.isnan(v) and k in layout.slots[i]]
        container = ax.bar([layout.slots[i][k] for i in cats], [values[i] for i in cats], width=layout.width * 0.92,
                           color=color, label=s.label, zorder=2, linewidth=0)
        for rect, i in zip(container, cats):
            if s.qualifier(i):
                rect.set_facecolor((*to_rgb(color), 0.3))
                rect.set_edgecolor(color)
                rect.set_hatch(qualified.HATCH)
                rect.set_linewidth(0.8)
                rect.set_gid(f"qualified-bar{s.qualifier(i)}")
        containers.append(container)
        layout.drawn.append(cats)
    return containers


def missing_note(spec: ChartSpec, series: list[list[float]]) -> list[str]:
    """Return the footer note the missing values need: none or "n/r: not reported" (absent groups need none)."""
    missing = any(math.isnan(v) and i not in s.absent for s, values in zip(spec.series, series) for i, v in enumerate(values))
    return [word("mark_note")] if missing else []


def missing_runs(flags: list[bool]) -> list[tuple[int, int]]:
    """Return (first, last) index of each run of True."""
    runs: list[tuple[int, int]] = []
    for i, flag in enumerate(flags):
        if not flag:
            continue
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def mark_missing(frame: Frame, ax: Axes, layout: BarLayout, series: list[list[float]]) -> list[Text]:
    """Write "n/r" at the baseline for every missing value (see the module's docstring for where)."""
    profile = frame.profile
    renderer = frame.renderer
    px_per_x = ax.get_window_extent(renderer).width / (ax.get_xlim()[1] - ax.get_xlim()[0])
    bar_px = layout.width * px_per_x

    def mark(x: float, room: float) -> Text:
        text = ax.text(x, 0, not_reported_mark(), ha="center", va="bottom", fontsize=profile.small_size,
                       color=NOT_REPORTED_COLOR, zorder=3, gid="not-reported")
        if text.get_window_extent(renderer).width > room:
            text.set_rotation(90)
        return text

    def missing(i: int, k: int) -> bool:
        return k in layout.slots[i] and math.isnan(series[k][i])

    # No value at all: every series with a row here lacks it (or no series kept a row here).
    nowhere = [all(missing(i, k) for k in layout.slots[i]) for i in range(len(layout.centers))]

    def edges(i: int) -> tuple[float, float]:
        xs = list(layout.slots[i].values()) or [layout.centers[i]]
        return min(xs) - layout.width / 2, max(xs) + layout.width / 2

    texts: list[Text] = []
    for first, last in missing_runs(nowhere):  # categories with no value at all: one mark each, or per run
        if last - first + 1 >= RUN:
            left, right = edges(first)[0], edges(last)[1]
            texts.append(mark((left + right) / 2, (right - left) * px_per_x * 0.9))
            ax.plot([left, right], [0, 0], color=NOT_REPORTED_COLOR, linewidth=profile.line_width * 1.5,
                    solid_capstyle="butt", zorder=2.6, gid="not-reported-run")
        else:
            for i in range(first, last + 1):
                span = max(1, len(layout.slots[i])) * bar_px * 1.15
                texts.append(mark(layout.centers[i], span))
    for i, slots in enumerate(layout.slots):  # a gap beside other series' bars: a mark in its own place
        if nowhere[i]:
            continue
        texts.extend(mark(x, bar_px * 1.15) for k, x in slots.items() if missing(i, k))
    return texts


def mark_zeros(frame: Frame, ax: Axes, layout: BarLayout, series: list[list[float]]) -> list[Text]:
    """Write a small "0" where a value is zero (its bar has no height), so that it never reads as missing."""
    texts = []
    for k, values in enumerate(series):
        texts.extend(ax.text(layout.slots[i][k], 0, "0", ha="center", va="bottom", fontsize=frame.profile.small_size,
                             color="#333333", zorder=3, gid="zero")
                     for i in layout.drawn[k] if values[i] == 0)
    return texts


def value_labels(frame: Frame, ax: Axes, layout: BarLayout, spec: ChartSpec, containers: list[BarContainer]) -> list[Text]:
    """Write the value on each bar when the bars are few and wide enough; else only on bars that need one.

    A bar needs its value when it is too short to see at the chart's scale (1.5 beside 4,870) or
    when the value is qualified ("> 200").
    """
    profile = frame.profile
    renderer = frame.renderer
    decimals = value_decimals([rect.get_height() for container in containers for rect in container])
    bars = sum(len(c) for c in containers)
    texts: list[Text] = []
    if 0 < bars <= profile.max_value_labels:
        for k, container in enumerate(containers):
            labels = [qualified.value_text(rect.get_height(), spec.series[k].qualifier(i), decimals)
                      for rect, i in zip(container, layout.drawn[k])]
            texts.extend(ax.bar_label(container, labels=labels, padding=2, fontsize=profile.small_size, color="#333333"))
        room = layout.width * ax.get_window_extent(renderer).width / (ax.get_xlim()[1] - ax.get_xlim()[0]) * 1.15
        if all(t.get_window_extent(renderer).width <= room for t in texts):
            return texts
        for t in texts:
            t.remove()
        texts = []
    tiny = TINY_PT * profile.dpi / 72
    for k, container in enumerate(containers):
        for rect, i in zip(container, layout.drawn[k]):
            value = rect.get_height()
            (_, y0), (_, y1) = ax.transData.transform([(0, 0), (0, value)])
            qualifier = spec.series[k].qualifier(i)
            if value != 0 and (abs(y1 - y0) < tiny or qualifier):
                texts.append(ax.annotate(qualified.value_text(value, qualifier, decimals),
                                         xy=(rect.get_x() + rect.get_width() / 2, value),
                                         xytext=(0, 2 if value > 0 else -2), textcoords="offset points",
                                         ha="center", va="bottom" if value > 0 else "top",
                                         fontsize=profile.small_size, color="#333333", zorder=3, gid="value-label"))
    return texts


def labelled_bars(frame: Frame, ax: Axes, layout: BarLayout, spec: ChartSpec, containers: list[BarContainer],
                  series: list[list[float]]) -> list[Text]:
    """Write the bars' values (all, or those that need one) and a "0" on every zero bar left unlabelled."""
    texts = value_labels(frame, ax, layout, spec, containers)
    if len(texts) < sum(len(c) for c in containers):
        texts += mark_zeros(frame, ax, layout, series)
    return texts
