"""Resolve a fenced ```chart block (YAML) against the data into a ChartSpec.

Pure Python: drawing happens later in `dossier.charts`, which alone imports matplotlib.
"""

from __future__ import annotations

from typing import Any

import yaml

from dossier.chart_range import date_parts, in_range
from dossier.errors import ChartError
from dossier.markdown_text import unescape_markdown
from dossier.model import Chart, ChartSeries, ChartSpec, Location, TimelineEvent

REQUIRED = ("kind", "title", "data", "x", "source")
KNOWN = set(REQUIRED) | {"series", "group", "skip_empty", "unit", "caption", "alt", "label", "note", "where", "id", "native",
                         "from", "to"}


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
    spec = {key: _unescape(value) for key, value in raw.items()}
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
    common = dict(
        kind=kind, title=str(spec["title"]), unit=str(spec.get("unit", "")), source=str(spec["source"]),
        caption=str(spec.get("caption", "")), alt=str(spec.get("alt", "")), note=str(spec.get("note", "")),
        native=spec.get("native") is True,
    )
    if kind == "timeline":
        label = column(spec.get("label", "label"), "label")
        events = tuple(TimelineEvent(str(row[x]), str(row[label])) for row in rows if row.get(x))
        return Chart(ChartSpec(events=events, **common), loc, id=str(spec.get("id", "")))
    if not spec.get("unit"):
        raise fail("chart needs 'unit' (for example: USD million)")
    series_specs = _series_specs(spec.get("series"), fail)
    for name, _ in series_specs:
        column(name, "series")
    group = column(spec["group"], "group") if spec.get("group") else None
    categories: list[str] = []
    for row in rows:
        category = _category(row.get(x))
        if category not in categories:
            categories.append(category)
    groups = [None] if group is None else list(dict.fromkeys(str(row.get(group)) for row in rows))
    series: list[ChartSeries] = []
    for name, label in series_specs:
        for group_value in groups:
            values: dict[str, float | None] = {}
            for index, row in enumerate(rows):
                if group is not None and str(row.get(group)) != group_value:
                    continue
                category = _category(row.get(x))
                value = row.get(name)
                if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
                    raise fail(f"series {name!r} holds text {value!r} (row {index + 1} of {spec['data']}); "
                               "values must be numbers or empty")
                if category in values and values[category] is not None and value is not None:
                    raise fail(f"two values for {category!r} in series {name!r}; add group: or where: to tell them apart")
                if values.get(category) is None:
                    values[category] = None if value is None else float(value)
            if group is not None and all(v is None for v in values.values()):
                continue  # this side reported nothing for this series
            series_label = label if group_value is None else f"{label} ({group_value})"
            series.append(ChartSeries(series_label, tuple(values.get(c) for c in categories)))
    if spec.get("skip_empty"):
        keep = [i for i in range(len(categories)) if any(s.values[i] is not None for s in series)]
        categories = [categories[i] for i in keep]
        series = [ChartSeries(s.label, tuple(s.values[i] for i in keep)) for s in series]
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


def _unescape(value: Any) -> Any:
    """Undo Markdown escaping that `{{ }}` added to text interpolated into a chart block."""
    if isinstance(value, str):
        return unescape_markdown(value)
    if isinstance(value, list):
        return [_unescape(v) for v in value]
    if isinstance(value, dict):
        return {k: _unescape(v) for k, v in value.items()}
    return value


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


def _series_specs(series: Any, fail) -> list[tuple[str, str]]:
    if not series:
        raise fail("chart needs 'series': the value columns to draw")
    if isinstance(series, (str, dict)):
        series = [series]
    specs = []
    for item in series:
        if isinstance(item, str):
            specs.append((item, item.replace("_", " ").capitalize()))
        elif isinstance(item, dict) and isinstance(item.get("column"), str):
            specs.append((item["column"], str(item.get("label") or item["column"])))
        else:
            raise fail("each series is a column name or {column: NAME, label: TEXT}")
    return specs


def _category(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value)
