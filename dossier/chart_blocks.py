"""Resolve a fenced ```chart block (YAML) against the data into a ChartSpec.

Pure Python: drawing happens later in `dossier.charts`, which alone imports matplotlib.
"""

from __future__ import annotations

from typing import Any

import yaml

from dossier.chart_series import SeriesSpec, build_series, is_percent, keep_categories
from dossier.charts.dates import parse_date
from dossier.chart_range import date_parts, in_range
from dossier.errors import ChartError
from dossier.model import Chart, ChartSeries, ChartSpec, Location, TimelineEvent

REQUIRED = ("kind", "title", "data", "x", "source")
KNOWN = set(REQUIRED) | {"series", "group", "skip_empty", "unit", "caption", "alt", "label", "note", "where", "id", "native",
                         "x_scale", "y_from_zero", "qualifier", "comparable_by", "max_gap", "from", "to"}
X_SCALES = ("time", "category")


def resolve_chart(text: str, loc: Location, context: dict[str, Any]) -> Chart:
    """Return a Chart whose spec holds the categories and series taken from the data."""

    def fail(message: str, offset: int = 0) -> ChartError:
        line = loc.line + offset if loc.line is not None else None
        return ChartError(message, file=loc.file, line=line)

    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise fail(f"chart spec is not valid YAML: {getattr(exc, 'problem', exc)}",
                   (mark.line + 1) if mark else 0) from None
    if not isinstance(raw, dict):
        raise fail("chart spec must be YAML keys: kind, title, data, x, series, unit, source")
    spec = raw  # values from the data are literal already (see dossier.literal_values)
    unknown = sorted(set(spec) - KNOWN)
    if unknown:
        raise fail(f"unknown chart key {unknown[0]!r}; known: {', '.join(sorted(KNOWN))}")
    missing = [key for key in REQUIRED if not spec.get(key)]
    if missing:
        raise fail(f"chart needs {', '.join(repr(k) for k in missing)}")
    kind = str(spec["kind"])
    rows = _dataset(spec["data"], context, fail)
    columns = sorted({key for row in rows for key in row})

    def column(name: Any, role: str) -> str:
        if not isinstance(name, str) or name not in columns:
            raise fail(f"{role} {name!r} is not a column of {spec['data']}; columns: {', '.join(columns)}")
        return name

    where = spec.get("where") or {}
    if not isinstance(where, dict):
        raise fail("where must map column names to values, e.g. where: {side: AZ}")
    for name in where:
        column(name, "where column")
    rows = [row for row in rows if all(row.get(k) == v for k, v in where.items())]
    x = column(spec["x"], "x")
    rows = _in_period(rows, x, spec, fail)
    native = spec.get("native")
    if native is not None and not isinstance(native, bool):
        raise fail(f"native must be true or false, not {native!r}")
    common = dict(
        kind=kind, title=str(spec["title"]), unit=str(spec.get("unit", "")), source=str(spec["source"]),
        caption=str(spec.get("caption", "")), alt=str(spec.get("alt", "")), note=str(spec.get("note", "")),
        native=native,
    )
    if kind == "timeline":
        label = column(spec.get("label", "label"), "label")
        events = tuple(TimelineEvent(str(row[x]), str(row[label])) for row in rows if row.get(x))
        return Chart(ChartSpec(events=events, **common), loc, id=str(spec.get("id", "")))
    if not spec.get("unit"):
        raise fail("chart needs 'unit' (for example: USD million)")
    series_specs = _series_specs(spec.get("series"), fail)
    for name, _, _ in series_specs:
        column(name, "series")
    group = column(spec["group"], "group") if spec.get("group") else None
    x_scale = str(spec.get("x_scale") or "")
    if x_scale and x_scale not in X_SCALES:
        raise fail(f"x_scale {x_scale!r} is not one of: {', '.join(X_SCALES)}")
    y_from_zero = spec.get("y_from_zero", True)
    if not isinstance(y_from_zero, bool):
        raise fail(f"y_from_zero must be true or false, not {y_from_zero!r}")
    max_gap = spec.get("max_gap", 0)
    if isinstance(max_gap, bool) or not isinstance(max_gap, (int, float)) or max_gap < 0:
        raise fail(f"max_gap must be a number of years, 0 or more, not {max_gap!r}")
    comparable_by = column(spec["comparable_by"], "comparable_by") if spec.get("comparable_by") else None
    chart_qualifier = spec.get("qualifier")
    if chart_qualifier:
        chart_qualifier = column(chart_qualifier, "qualifier")
    elif "qualifier" in columns and chart_qualifier is None:
        chart_qualifier = "qualifier"  # the data's own qualifier column, unless the chart says qualifier: ""
    series_specs = [SeriesSpec(name, label, column(own, "qualifier") if own else chart_qualifier or None)
                    for name, label, own in series_specs]
    categories, series = build_series(
        rows, x, series_specs, group=group, comparable_by=comparable_by, data_name=str(spec["data"]), fail=fail,
        time_order=None if x_scale == "category" else _time_order,
    )
    if x_scale == "time" and _time_order(categories) is None:
        raise fail(f"x_scale: time needs dates (YYYY, YYYY-MM or YYYY-MM-DD) in {x!r}; "
                   f"got {', '.join(repr(c) for c in categories[:3])}")
    if kind == "share" and series and is_percent(common["unit"]):
        stated = sum(v for v in series[0].values if v is not None)
        if stated > 100.5:
            raise fail(f"the shares of {series[0].label!r} add up to {stated:g}%, more than 100; "
                       "a ring shows parts of one whole")
    if spec.get("skip_empty"):
        keep = [i for i in range(len(categories)) if any(s.values[i] is not None for s in series)]
        categories, series = keep_categories(categories, series, keep)
    common.update(x_scale=x_scale, y_from_zero=y_from_zero, max_gap=float(max_gap))
    return Chart(ChartSpec(categories=tuple(categories), series=tuple(series), **common), loc,
                 id=str(spec.get("id", "")))


def _in_period(rows: list[dict], x: str, spec: dict[str, Any], fail) -> list[dict]:
    """Keep the rows whose x lies between `from:` and `to:` (years or dates, each at its own precision)."""
    bounds = {}
    for key in ("from", "to"):
        if spec.get(key) in (None, ""):
            continue
        parts = date_parts(spec[key])
        if parts is None:
            raise fail(f"{key}: {spec[key]!r} is not a year or a date like 2004, 2004-06 or 2004-06-30")
        bounds[key] = parts
    if not bounds:
        return rows
    if "from" in bounds and "to" in bounds and bounds["from"][: len(bounds["to"])] > bounds["to"]:
        raise fail(f"from: {spec['from']} is after to: {spec['to']}")
    kept = []
    for index, row in enumerate(rows):
        if row.get(x) in (None, ""):
            continue
        parts = date_parts(row[x])
        if parts is None:
            raise fail(f"from:/to: need years or dates in {x!r}; {spec['data']} has {row[x]!r}")
        if in_range(parts, bounds.get("from"), bounds.get("to")):
            kept.append(row)
    return kept


def _dataset(path: Any, context: dict[str, Any], fail) -> list[dict]:
    value: Any = context
    for part in str(path).split("."):
        if not isinstance(value, dict) or part not in value:
            known = ", ".join(sorted(k for k, v in context.items() if isinstance(v, (list, dict))))
            raise fail(f"data {path!r} not found; data files: {known}")
        value = value[part]
    if not isinstance(value, list) or not all(isinstance(row, dict) for row in value):
        raise fail(f"data {path!r} must be a list of rows (a CSV file or a YAML list of mappings)")
    return value


def _series_specs(series: Any, fail) -> list[tuple[str, str, str | None]]:
    """Return (column, label, qualifier column or None) for each series of the block."""
    if not series:
        raise fail("chart needs 'series': the value columns to draw")
    if isinstance(series, (str, dict)):
        series = [series]
    specs = []
    for item in series:
        if isinstance(item, str):
            specs.append((item, item.replace("_", " ").capitalize(), None))
        elif isinstance(item, dict) and isinstance(item.get("column"), str):
            own = item.get("qualifier")
            specs.append((item["column"], str(item.get("label") or item["column"]), str(own) if own else None))
        else:
            raise fail("each series is a column name or {column: NAME, label: TEXT, qualifier: COLUMN}")
    return specs


def _time_order(categories: list[str]) -> list[str] | None:
    """Return the categories in time order when every one is a date (YYYY, YYYY-MM, YYYY-MM-DD), else None."""
    try:
        dated = [(parse_date(c).position, c) for c in categories]
    except ChartError:
        return None
    return [c for _, c in sorted(dated)] if len(dated) > 1 else None
