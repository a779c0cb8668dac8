"""The "exports_imports" kind: exports and imports as clustered bars, the balance as a line.

Bars and balance share one value axis, so they share one zero. The balance (exports − imports)
is known only where both values are; it follows the line rules of the "line" kind (``segments``):
a missing balance, a hole in the record or two periods the data marks as not comparable
(``comparable_by:``, e.g. part-year periods of different lengths) leave a marker, not a line.
"""

from __future__ import annotations

import math
from dataclasses import replace

from matplotlib.figure import Figure

from dossier.charts import category_axes as axes
from dossier.charts import qualified
from dossier.charts.bars import bar_layout, draw_bars, labelled_bars, mark_missing, missing_note
from dossier.charts.line import draw_series
from dossier.charts.formatting import word
from dossier.charts.profile import Profile
from dossier.charts.theme import BALANCE, series_color
from dossier.charts.validate import series_values
from dossier.model import ChartSeries, ChartSpec



def balance(exports: list[float], imports: list[float]) -> list[float]:
    """Return exports − imports per category, NaN unless both are known."""
    return [e - i if not (math.isnan(e) or math.isnan(i)) else math.nan for e, i in zip(exports, imports)]


def balance_series(spec: ChartSpec, net: list[float]) -> ChartSeries:
    """The balance as a series: comparable where exports are, absent where either side has no row."""
    exports, imports = spec.series
    qualifiers = tuple(a or b for a, b in zip(exports.qualifiers or [""] * len(net), imports.qualifiers or [""] * len(net)))
    return ChartSeries(word("balance"), tuple(None if math.isnan(v) else v for v in net),
                       qualifiers=qualifiers if any(qualifiers) else (), comparable=exports.comparable,
                       absent=tuple(sorted(set(exports.absent) | set(imports.absent))))


def draw_exports_imports(spec: ChartSpec, profile: Profile) -> Figure:
    """Draw exports and imports as clustered bars and their balance as a line on the same axis."""
    series = series_values(spec, exactly=2)
    layout = bar_layout(spec)
    frame, ax = axes.start(spec, profile, missing_note(spec, series) + qualified.note(spec))
    containers = draw_bars(ax, layout, spec, series, [series_color(0), series_color(1)])
    axes.baseline(ax)
    ax.set_xlim(*layout.xlim)
    net = balance(*series)
    with_balance = replace(spec, series=(*spec.series, balance_series(spec, net)))
    line = draw_series(ax, profile, with_balance, 2, layout.centers, net, layout.time, color=BALANCE, width=0.8,
                       gid="balance")
    axes.freeze_y(frame, ax, zero=True)
    axes.fit_x(frame, ax, spec.categories, layout.time)
    axes.legend(frame, ax, [*containers, line], [*(s.label for s in spec.series), word("balance")])
    texts = labelled_bars(frame, ax, layout, spec, containers, series)
    texts += mark_missing(frame, ax, layout, series)
    axes.finish(frame, ax, spec, zero=True, texts=texts)
    return frame.fig
