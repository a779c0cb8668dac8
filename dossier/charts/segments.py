"""Which neighbouring points of a series a line may join (the "line" kind, the balance of "exports_imports").

A line says "these values are connected and comparable", so two neighbouring points are
joined only when:

- both values are known (a missing value breaks the line; a category where the series has
  no row at all, a ``group`` that did not report there, is skipped, not a break);
- the data says they are comparable (``comparable_by:``; see ``ChartSeries.joins``);
- on a time scale, they are not further apart than ``GAP_FACTOR`` times the series' step, or
  the chart's ``max_gap`` (in years) when it sets one. The step is the larger of the period
  the coarser of the two dates names (a year for `2018`, a month for `2019-11`) and the
  shortest distance between the series' neighbouring points (a quarter for quarterly
  figures written as `2022-03`, `2022-06`, ...). 2011 → 2018 in a yearly record is a hole,
  drawn as one.

Points that are joined to nothing stand as markers alone.
"""

from __future__ import annotations

import math

from dossier.charts.dates import step_years
from dossier.model import ChartSeries

GAP_FACTOR = 1.5


def joined_runs(xs: list[float], values: list[float], series: ChartSeries, categories: tuple[str, ...],
                *, time: bool, max_gap: float = 0.0) -> list[list[int]]:
    """Return the runs of category indexes a line joins, each at least two points long."""
    order = [i for i in range(len(values)) if i not in set(series.absent)]
    usual = min((xs[b] - xs[a] for a, b in zip(order, order[1:])), default=0.0) if time else 0.0
    runs: list[list[int]] = []
    current: list[int] = []
    for a, b in zip(order, order[1:]):
        if _joins(a, b, xs, values, series, categories, time, max_gap, usual):
            if not current:
                current = [a]
            current.append(b)
        else:
            if len(current) >= 2:
                runs.append(current)
            current = []
    if len(current) >= 2:
        runs.append(current)
    return runs


def _joins(a: int, b: int, xs, values, series: ChartSeries, categories, time: bool, max_gap: float,
           usual: float) -> bool:
    if math.isnan(values[a]) or math.isnan(values[b]) or not series.joins(a, b):
        return False
    if not time:
        return True
    allowed = max_gap or GAP_FACTOR * max(step_years(categories[a]), step_years(categories[b]), usual)
    return xs[b] - xs[a] <= allowed + 1e-9
