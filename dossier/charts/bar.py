"""The "bar" kind: one or more series as clustered bars per category, from zero."""

from __future__ import annotations

import math

from matplotlib.figure import Figure

from dossier.charts import category_axes as axes
from dossier.charts.bars import NOT_REPORTED_NOTE, draw_bars, mark_missing, value_labels
from dossier.charts.profile import Profile
from dossier.charts.theme import series_color
from dossier.charts.validate import series_values
from dossier.model import ChartSpec


def draw_bar(spec: ChartSpec, profile: Profile) -> Figure:
    series = series_values(spec)
    missing = any(math.isnan(v) for values in series for v in values)
    frame, ax = axes.start(spec, profile, [NOT_REPORTED_NOTE] if missing else [])
    labels = [s.label for s in spec.series]
    containers = draw_bars(ax, series, labels, [series_color(i) for i in range(len(series))])
    ax.axhline(0, color=ax.spines["bottom"].get_edgecolor(), linewidth=0.8, zorder=2.5)
    ax.spines["bottom"].set_visible(False)  # the zero line is the baseline
    if len(series) > 1:
        axes.legend(frame, ax, containers, labels)
    axes.freeze_y(frame, ax, zero=True)
    axes.fit_categories(frame, ax, spec.categories)
    texts = value_labels(frame, ax, containers)
    texts += mark_missing(frame, ax, series)
    axes.finish(frame, ax, spec, zero=True, texts=texts)
    return frame.fig
