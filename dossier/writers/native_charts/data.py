"""What an editable chart holds: the Office chart type of each kind and the data it embeds.

The data goes through python-pptx's ``CategoryChartData``: the same object writes the chart's
cached values (``ChartXmlWriter``) and the Excel workbook embedded beside them
(``CategoryWorkbookWriter``), so the numbers a reader edits are the numbers drawn. The
workbook carries a fixed creation time instead of the clock, so files stay reproducible.
"""

from __future__ import annotations

import math
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime

from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.enum.chart import XL_CHART_TYPE
from xlsxwriter import Workbook

from dossier.chart_series import is_percent, rank_order, rest_of_hundred
from dossier.charts.formatting import chart_locale, word
from dossier.markdown_text import xml_safe_line
from dossier.model import ChartSeries, ChartSpec
from dossier.writers.native_charts.numbers import nice_step
from dossier.writers.native_charts.truth import LineSeries, line_series, time_categories

#: Each kind with a natural Office chart type; the timeline has none and stays a picture.
CHART_TYPES = {
    "bar": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "exports_imports": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "ranked": XL_CHART_TYPE.BAR_CLUSTERED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "share": XL_CHART_TYPE.DOUGHNUT,
}
WORKBOOK_TIME = datetime(2000, 1, 1)  # the embedded workbook's dates: fixed, so the file is reproducible


def is_native(spec: ChartSpec) -> bool:
    """Return whether ``spec`` becomes an editable chart: it asks for one, its kind has one, and it has a value."""
    known = any(v is not None for s in spec.series for v in s.values)
    return bool(spec.native) and spec.kind in CHART_TYPES and bool(spec.categories) and known


class _WorkbookWriter(CategoryWorkbookWriter):
    """python-pptx's workbook writer with a fixed creation time instead of the clock."""

    @contextmanager
    def _open_worksheet(self, xlsx_file):
        workbook = Workbook(xlsx_file, {"in_memory": True})
        workbook.set_properties({"created": WORKBOOK_TIME})
        worksheet = workbook.add_worksheet()
        yield workbook, worksheet
        workbook.close()


class ChartData(CategoryChartData):
    """python-pptx's category chart data, embedding a reproducible workbook."""

    @property
    def _workbook_writer(self):
        return _WorkbookWriter(self)


def balance(exports: tuple[float | None, ...], imports: tuple[float | None, ...]) -> tuple[float | None, ...]:
    """Return exports − imports per category, None unless both are known."""
    return tuple(e - i if e is not None and i is not None else None for e, i in zip(exports, imports))


def chart_word(spec: ChartSpec, key: str) -> str:
    """Return one of the charts' own words ("balance", "rest") in the chart's locale, as the pictures say it."""
    with chart_locale(spec.locale):
        return word(key)


def drawn_series(spec: ChartSpec) -> tuple[list, list[ChartSeries]]:
    """Return the categories and series in the order the chart draws them.

    A ranked chart lists its rows smallest first, because an Office bar chart puts the first
    category at the bottom: the largest value stands on top and missing values sink to the
    bottom, as in the picture. A time scale gives dates instead of labels.
    """
    if spec.kind == "ranked":
        first = spec.series[0].values
        order = list(reversed(rank_order(list(first))))
        return [spec.categories[i] for i in order], [_reordered(s, order) for s in spec.series]
    dates = time_categories(spec)
    return (dates if dates is not None else list(spec.categories)), list(spec.series)


def _reordered(series: ChartSeries, order: list[int]) -> ChartSeries:
    """Return ``series`` with its categories in ``order`` (qualifiers, comparability and absences follow)."""
    def pick(values: tuple) -> tuple:
        return tuple(values[i] for i in order) if values else ()

    position = {old: new for new, old in enumerate(order)}
    return replace(series, values=pick(series.values), qualifiers=pick(series.qualifiers),
                   comparable=pick(series.comparable), absent=tuple(sorted(position[i] for i in series.absent)))


def chart_data(spec: ChartSpec) -> ChartData:
    """Return the data to embed: the spec's categories and series (plus the balance for a combo)."""
    data = ChartData(number_format="General")
    if spec.kind == "share":
        values = spec.series[0].values
        keep = [i for i, v in enumerate(values) if v is not None]
        categories = [spec.categories[i] for i in keep]
        shares = [values[i] for i in keep]
        rest = rest_of_hundred(shares) if is_percent(spec.unit) else 0.0
        data.categories = [xml_safe_line(c) for c in categories] + [chart_word(spec, "rest")] * bool(rest)
        data.add_series(xml_safe_line(spec.series[0].label), shares + [rest] * bool(rest))
        return data
    categories, series = drawn_series(spec)
    data.categories = [c if isinstance(c, date) else xml_safe_line(c) for c in categories]
    for s in series:
        data.add_series(xml_safe_line(s.label), s.values)
    if spec.kind == "exports_imports" and len(spec.series) >= 2:
        data.add_series(chart_word(spec, "balance"), balance(spec.series[0].values, spec.series[1].values))
    for line in drawn_lines(spec):  # pieces of line drawn apart, after every series of the chart
        for run in line.pieces:
            data.add_series(xml_safe_line(line.series.label),
                            [v if i in run else None for i, v in enumerate(line.series.values)])
    return data


def main_series_count(spec: ChartSpec) -> int:
    """Return how many series the chart shows in its legend: the spec's, plus the balance of a combo."""
    return len(spec.series) + (spec.kind == "exports_imports" and len(spec.series) >= 2)


def drawn_lines(spec: ChartSpec) -> list[LineSeries]:
    """Return the chart's series drawn as lines (a line chart's, a combo's balance) and how each is drawn."""
    if spec.kind == "line":
        return line_series(spec, list(enumerate(spec.series)))
    if spec.kind == "exports_imports" and len(spec.series) >= 2:
        net = balance(spec.series[0].values, spec.series[1].values)
        return line_series(spec, [(2, ChartSeries(chart_word(spec, "balance"), net,
                                                  comparable=spec.series[0].comparable))])
    return []


def axis_cut(spec: ChartSpec, bins: int) -> tuple[float, float] | None:
    """Return (minimum, tick step) of a line chart's value axis that starts above zero, or None.

    Only a line whose block says ``y_from_zero: false`` may start above zero, at the round tick
    below its lowest value; None when that tick is zero or below (the axis then includes zero).
    """
    values = [v for s in spec.series for v in s.values if v is not None]
    if spec.kind != "line" or spec.y_from_zero or not values or min(values) <= 0:
        return None
    step = nice_step([max(values) - min(values)], bins)
    minimum = math.floor(min(values) / step) * step
    return (minimum, step) if minimum > 0 else None


def caption_lines(spec: ChartSpec, bins: int) -> list[str]:
    """Return the lines a picture prints under itself, for an editable chart's caption: note, cut axis, source.

    In the chart's locale. The axis line appears when the value axis starts above zero
    (:func:`axis_cut`, with the medium's ``bins``): the reader is told, as the picture tells.
    """
    with chart_locale(spec.locale):
        lines = [word("note", xml_safe_line(spec.note))] if spec.note else []
        if axis_cut(spec, bins) is not None:
            lines.append(word("axis_cut"))
        if spec.source:
            lines.append(word("source", xml_safe_line(spec.source)))
    return lines
