"""Clustered bars, shared by the "bar" and "exports_imports" kinds.

A missing value draws no bar (never a bar of height zero); a small "n/r" at the
baseline says that the value was not reported. Where no series has a value, one mark
stands at the category's centre; a run of two or more such categories gets one mark
over a grey stroke along the baseline spanning the run, instead of a row of marks.
Where only some series lack a value, each gap gets its own level mark when the bar
places are wide enough for one (``marks_fit``, decided before drawing so that the
footer can say so); otherwise the footer says that a missing bar was not reported
(upright marks side by side between bars would only be noise).
"""

from __future__ import annotations

import math

from matplotlib.axes import Axes
from matplotlib.container import BarContainer
from matplotlib.text import Text

from dossier.charts.category_axes import slot_px
from dossier.charts.formatting import format_value, not_reported_mark, value_decimals, word
from dossier.charts.frame import Frame
from dossier.charts.profile import Profile
from dossier.charts.theme import NOT_REPORTED_COLOR

GROUP_WIDTH = 0.8  # the share of a category's slot the bars of one category take
RUN = 2  # this many missing values in a row share one mark


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


def missing_runs(values: list[float]) -> list[tuple[int, int]]:
    """Return (first, last) index of each run of missing values."""
    runs: list[tuple[int, int]] = []
    for i, value in enumerate(values):
        if not math.isnan(value):
            continue
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def marks_fit(series: list[list[float]], profile: Profile) -> bool:
    """Whether a level "n/r" fits the place of one bar (estimated before drawing, on the safe side).

    DejaVu Sans sets "n/r" 1.38 em wide; the axes take at least 86 % of the figure's width.
    """
    bar_px = profile.width_in * profile.dpi * 0.86 / len(series[0]) * GROUP_WIDTH / len(series) * 1.15
    return 1.45 * profile.small_size * profile.dpi / 72 <= bar_px


def missing_note(series: list[list[float]], profile: Profile) -> list[str]:
    """Return the footer note the missing values need: none, "n/r: …", or "n/r, or a missing bar: …"."""
    gaps = [i for values in series for i, v in enumerate(values) if math.isnan(v)]
    if not gaps:
        return []
    everywhere = all(all(math.isnan(values[i]) for values in series) for i in gaps)
    marked = len(series) == 1 or everywhere or marks_fit(series, profile)
    return [word("mark_note") if marked else word("missing_bar_note")]


def mark_missing(frame: Frame, ax: Axes, series: list[list[float]]) -> list[Text]:
    """Write "n/r" at the baseline where values are missing (see the module's docstring for where)."""
    profile = frame.profile
    renderer = frame.renderer
    count = len(series)
    width = GROUP_WIDTH / count
    slot = slot_px(ax)

    def mark(x: float, room: float) -> Text:
        text = ax.text(x, 0, not_reported_mark(), ha="center", va="bottom", fontsize=profile.small_size,
                       color=NOT_REPORTED_COLOR, zorder=3, gid="not-reported")
        if text.get_window_extent(renderer).width > room:
            text.set_rotation(90)
        return text

    texts: list[Text] = []
    nowhere = [math.nan if all(math.isnan(values[i]) for values in series) else 0.0 for i in range(len(series[0]))]
    for first, last in missing_runs(nowhere):  # categories with no value at all: one mark each, or per run
        if last - first + 1 >= RUN:
            texts.append(mark((first + last) / 2, (last - first) * slot * 0.9))
            half = GROUP_WIDTH / 2 * 0.92
            ax.plot([first - half, last + half], [0, 0], color=NOT_REPORTED_COLOR, linewidth=profile.line_width * 1.5,
                    solid_capstyle="butt", zorder=2.6, gid="not-reported-run")
        else:
            texts.extend(mark(i, GROUP_WIDTH * slot * 1.15) for i in range(first, last + 1))
    if count > 1 and marks_fit(series, profile):  # gaps beside other series' bars; else the footer speaks
        for index, values in enumerate(series):
            offset = (index - (count - 1) / 2) * width
            texts.extend(mark(i + offset, math.inf) for i, value in enumerate(values)
                         if math.isnan(value) and not math.isnan(nowhere[i]))
    return texts


def mark_zeros(frame: Frame, ax: Axes, series: list[list[float]]) -> list[Text]:
    """Write a small "0" where a value is zero (its bar has no height), so that it never reads as missing."""
    count = len(series)
    width = GROUP_WIDTH / count
    texts = []
    for index, values in enumerate(series):
        offset = (index - (count - 1) / 2) * width
        texts.extend(ax.text(i + offset, 0, "0", ha="center", va="bottom", fontsize=frame.profile.small_size,
                             color="#333333", zorder=3, gid="zero")
                     for i, value in enumerate(values) if value == 0)
    return texts


def value_labels(frame: Frame, ax: Axes, containers: list[BarContainer]) -> list[Text]:
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
    renderer = frame.renderer
    room = slot_px(ax) * GROUP_WIDTH / len(containers) * 1.15
    if any(t.get_window_extent(renderer).width > room for t in texts):
        for t in texts:
            t.remove()
        return []
    return texts
