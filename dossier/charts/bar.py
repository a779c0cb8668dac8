"""The "bar" kind: one or more series as clustered bars per category, from zero."""

from __future__ import annotations

from matplotlib.figure import Figure

from dossier.charts import category_axes as axes
from dossier.charts.bars import draw_bars, mark_missing, mark_zeros, missing_note, value_labels
from dossier.charts.profile import Profile
from dossier.charts.theme import series_color
from dossier.charts.validate import series_values
from dossier.model import ChartSpec


def draw_bar(spec: ChartSpec, profile: Profile) -> Figure:
    """Draw one or more series as clustered bars over the categories, the y axis from zero."""
    series = series_values(spec)
    frame, ax = axes.start(spec, profile, missing_note(series, profile))
    labels = [s.label for s in spec.series]
    containers = draw_bars(ax, series, labels, [series_color(i) for i in range(len(series))])
    ax.axhline(0, color=ax.spines["bottom"].get_edgecolor(), linewidth=0.8, zorder=2.5)
    ax.spines["bottom"].set_visible(False)  # the zero line is the baseline
    axes.freeze_y(frame, ax, zero=True)
    axes.fit_categories(frame, ax, spec.categories)
    if len(series) > 1:
        axes.legend(frame, ax, containers, labels)
    texts = value_labels(frame, ax, containers) or mark_zeros(frame, ax, series)
    texts += mark_missing(frame, ax, series)
    axes.finish(frame, ax, spec, zero=True, texts=texts)
    return frame.fig
