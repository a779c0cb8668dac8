"""Clustered bars, shared by the "bar" and "exports_imports" kinds.

A missing value draws no bar (never a bar of height zero); a small "n/r" at the
baseline says that the value was not reported.
"""

from __future__ import annotations

import math

from matplotlib.axes import Axes
from matplotlib.container import BarContainer

from dossier.charts.category_axes import layout, slot_px
from dossier.charts.formatting import format_value, value_decimals
from dossier.charts.frame import Frame
from dossier.charts.theme import NOT_REPORTED_COLOR

GROUP_WIDTH = 0.8  # the share of a category's slot the bars of one category take
NOT_REPORTED = "n/r"
NOT_REPORTED_NOTE = "n/r: not reported"


def draw_bars(ax: Axes, series: list[list[float]], labels: list[str], colors: list[str]) -> list[BarContainer]:
    """Draw each series as bars, side by side per category; only the values that are present."""
    count = len(series)
    width = GROUP_WIDTH / count
    containers = []
    for index, (values, label, color) in enumerate(zip(series, labels, colors)):
        offset = (index - (count - 1) / 2) * width
        xs = [i + offset for i, v in enumerate(values) if not math.isnan(v)]
        heights = [v for v in values if not math.isnan(v)]
        container = ax.bar(xs, heights, width=width * 0.92, color=color, label=label, zorder=2, linewidth=0)
        containers.append(container)
    return containers


def mark_missing(frame: Frame, ax: Axes, series: list[list[float]]) -> list:
    """Write "n/r" at the baseline where a value is missing; upright when the bar slot is narrow."""
    profile = frame.profile
    count = len(series)
    width = GROUP_WIDTH / count
    bar_px = slot_px(ax) * width
    upright = bar_px < profile.small_size * profile.dpi / 72 * 1.6
    texts = []
    for index, values in enumerate(series):
        offset = (index - (count - 1) / 2) * width
        for i, value in enumerate(values):
            if math.isnan(value):
                texts.append(ax.text(i + offset, 0, NOT_REPORTED, ha="center", va="bottom",
                                     rotation=90 if upright else 0, fontsize=profile.small_size,
                                     color=NOT_REPORTED_COLOR, zorder=3, gid="not-reported"))
    return texts


def value_labels(frame: Frame, ax: Axes, containers: list[BarContainer]) -> list:
    """Write the value on each bar when the bars are few and wide enough for their labels."""
    profile = frame.profile
    bars = sum(len(c) for c in containers)
    if bars == 0 or bars > profile.max_value_labels:
        return []
    texts = []
    decimals = value_decimals([rect.get_height() for container in containers for rect in container])
    for container in containers:
        values = [rect.get_height() for rect in container]
        texts.extend(ax.bar_label(container, labels=[format_value(v, decimals) for v in values], padding=2,
                                  fontsize=profile.small_size, color="#333333"))
    layout(frame)
    renderer = frame.renderer
    room = slot_px(ax) * GROUP_WIDTH / len(containers) * 1.15
    if any(t.get_window_extent(renderer).width > room for t in texts):
        for t in texts:
            t.remove()
        return []
    return texts
