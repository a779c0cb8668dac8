"""Text kept in the data that quotes other data values instead of repeating them.

A claim's finding written as ``"{investment.fdi_cumulative[date=2024-07].usd_million | usd_m} by July 2024"``
prints ``USD 930.8 million by July 2024`` and follows the investment file when it changes: a
figure lives in one place. A placeholder is ``{reference}`` or ``{reference | filter}`` (one of
the template filters, with an optional whole-number argument: ``pct(2)``), where a reference is
a value by its dotted path (``investment.fdi_counted_from``) or one field of the one row that
matches conditions (``trade[year=2023, side=AZ].turnover``). Everything else in the text is literal.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from dossier.derived import DerivedFigureError
from dossier.markdown_text import escape_markdown

PLACEHOLDER = re.compile(
    r"\{\s*(?P<path>[A-Za-z_][\w.]*)(?:\[(?P<where>[^\]]*)\]\.(?P<field>\w+))?"
    r"\s*(?:\|\s*(?P<filter>\w+)(?:\((?P<arg>\d+)\))?)?\s*\}"
)


def fill_data_text(text: str, context: dict[str, Any], filters: dict[str, Callable[..., str]],
                   finalize: Callable[[Any], str]) -> str:
    """Return `text` as Markdown: literal, with each placeholder replaced by the data value it names, formatted."""
    if not isinstance(text, str):
        raise DerivedFigureError(f"data_text() takes text, not {text!r}")
    out: list[str] = []
    position = 0
    for match in PLACEHOLDER.finditer(text):
        out.append(_literal(text[position:match.start()], first=position == 0))
        value = _value(match, context)
        name = match.group("filter")
        if name:
            if name not in filters:
                raise DerivedFigureError(f"{match.group()!r}: no filter {name!r}; known: {', '.join(sorted(filters))}")
            arg = match.group("arg")
            value = filters[name](value, int(arg)) if arg is not None else filters[name](value)
        out.append(finalize(value))
        position = match.end()
    out.append(_literal(text[position:], first=position == 0))
    return "".join(out)


def _literal(text: str, *, first: bool) -> str:
    """Escape a piece of the text; only the text's start needs its leading space protected."""
    return escape_markdown(text) if first else escape_markdown("x" + text)[1:]


def _value(match: re.Match, context: dict[str, Any]) -> Any:
    """Return the data value a placeholder names; raise DerivedFigureError when it names none or several."""
    value: Any = context
    for part in match.group("path").split("."):
        if not isinstance(value, dict) or part not in value:
            raise DerivedFigureError(f"{match.group()!r}: no data at {match.group('path')!r}")
        value = value[part]
    if match.group("where") is None:
        return value
    conditions = {}
    for condition in match.group("where").split(","):
        key, _, wanted = condition.partition("=")
        conditions[key.strip()] = wanted.strip()
    rows = [row for row in (value if isinstance(value, list) else [])
            if isinstance(row, dict) and all(_as_text(row.get(k)) == v for k, v in conditions.items())]
    if len(rows) != 1:
        raise DerivedFigureError(f"{match.group()!r}: {len(rows)} rows match; a placeholder names exactly one")
    field = match.group("field")
    if field not in rows[0]:
        raise DerivedFigureError(f"{match.group()!r}: the row has no field {field!r}")
    return rows[0][field]


def _as_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value)
