"""The "bar" kind: one or more series as clustered bars per category, from zero."""

from __future__ import annotations

from matplotlib.figure import Figure

from dossier.charts import category_axes as axes
from dossier.charts import qualified
from dossier.charts.bars import bar_layout, draw_bars, labelled_bars, mark_missing, missing_note
from dossier.charts.profile import Profile
from dossier.charts.theme import series_color
from dossier.charts.validate import series_values
from dossier.model import ChartSpec


def draw_bar(spec: ChartSpec, profile: Profile) -> Figure:
    """Draw one or more series as clustered bars over the categories (years on a time scale), from zero."""
    series = series_values(spec)
    layout = bar_layout(spec)
    frame, ax = axes.start(spec, profile, missing_note(spec, series) + qualified.note(spec))
    containers = draw_bars(ax, layout, spec, series, [series_color(i) for i in range(len(series))])
    axes.baseline(ax)
    ax.set_xlim(*layout.xlim)
    axes.freeze_y(frame, ax, zero=True)
    axes.fit_x(frame, ax, spec.categories, layout.time)
    if len(series) > 1:
        axes.legend(frame, ax, containers, [s.label for s in spec.series])
    texts = labelled_bars(frame, ax, layout, spec, containers, series)
    texts += mark_missing(frame, ax, layout, series)
    axes.finish(frame, ax, spec, zero=True, texts=texts)
    return frame.fig
