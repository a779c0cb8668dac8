"""The "exports_imports" kind: exports and imports as clustered bars, the balance as a line.

The balance (exports − imports) is drawn only where both values are known; a
missing balance breaks the line.
"""

from __future__ import annotations

import math

from matplotlib.figure import Figure

from dossier.charts import category_axes as axes
from dossier.charts.bars import draw_bars, mark_missing, mark_zeros, missing_note, value_labels
from dossier.charts.formatting import word
from dossier.charts.profile import Profile
from dossier.charts.theme import BALANCE, series_color
from dossier.charts.validate import series_values
from dossier.model import ChartSpec



def balance(exports: list[float], imports: list[float]) -> list[float]:
    """Return exports − imports per category, NaN unless both are known."""
    return [e - i if not (math.isnan(e) or math.isnan(i)) else math.nan for e, i in zip(exports, imports)]


def draw_exports_imports(spec: ChartSpec, profile: Profile) -> Figure:
    """Draw exports and imports as clustered bars and their balance as a line on the same axis."""
    series = series_values(spec, exactly=2)
    frame, ax = axes.start(spec, profile, missing_note(series, profile))
    labels = [s.label for s in spec.series]
    containers = draw_bars(ax, series, labels, [series_color(0), series_color(1)])
    ax.axhline(0, color=ax.spines["bottom"].get_edgecolor(), linewidth=0.8, zorder=2.5)
    ax.spines["bottom"].set_visible(False)
    net = balance(*series)
    (line,) = ax.plot(range(len(net)), net, color=BALANCE, marker="o", markersize=profile.marker_size * 0.8,
                      linewidth=profile.line_width * 0.8, zorder=4, label=word("balance"), gid="balance")
    axes.freeze_y(frame, ax, zero=True)
    axes.fit_categories(frame, ax, spec.categories)
    axes.legend(frame, ax, [*containers, line], [*labels, word("balance")])
    texts = value_labels(frame, ax, containers) or mark_zeros(frame, ax, series)
    texts += mark_missing(frame, ax, series)
    axes.finish(frame, ax, spec, zero=True, texts=texts)
    return frame.fig
