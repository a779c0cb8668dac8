"""A query's result as a data file: values typed by the schema's column types, problems by row and column.

The database's own types are kept (an INTEGER stays an int, a NULL is None) and checked against the
types the schema allows; nothing is parsed from text, so a locale's decimal comma or a "007" code
never changes a value. What the schema does not allow is a problem naming the query's place,
the row (counted from 1) and the column: `queries/trade.sql:3: queries.trade, row 4, year: NULL is
not a whole number`. A value no schema column describes keeps the database's type (a DECIMAL becomes
an int or a float, a date or time its ISO text).
"""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Sequence

from dossier.data import DataFile, KeyPath, _column_types, expected_text
from dossier.errors import DataError, DossierError


@dataclass
class QueryResult(DataFile):
    """The rows of one query for one subject; every row and value is placed at the query's line."""

    query: str = ""

    def key_text(self, key_path: KeyPath) -> str:
        """`queries.trade, row 4, year` for (3, "year")."""
        parts = [f"queries.{self.query}"]
        if key_path and isinstance(key_path[0], int):
            parts.append(f"row {key_path[0] + 1}")
            key_path = key_path[1:]
        parts += [str(part) for part in key_path]
        return ", ".join(parts)

    def origin_of(self, key_path: KeyPath) -> str:
        place = f"{self.path}:{self.line_of(key_path) or '?'}"
        return f"{place} ({self.key_text(key_path[:1])})" if key_path else place


def rows_hash(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """Return the SHA-256 of the column names and the rows' values, as the database gave them."""
    digest = hashlib.sha256(json.dumps(list(columns), ensure_ascii=False).encode())
    for row in rows:
        digest.update(b"\n")
        digest.update(json.dumps([_hashable(value) for value in row], ensure_ascii=False).encode())
    return digest.hexdigest()


def _hashable(value: Any) -> Any:
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"bytes": bytes(value).hex()}
    if isinstance(value, (Decimal, datetime.date, datetime.time, datetime.timedelta)):
        return {type(value).__name__: str(value)}
    return value


def typed_result(
    query: str, file: str, line: int | None, columns: Sequence[str], rows: Sequence[Sequence[Any]],
    schema: dict | None,
) -> tuple[QueryResult, list[DossierError]]:
    """Return the rows as records typed by the schema, with a problem per column or value it does not allow."""
    result = QueryResult(query, file, [], query=query)
    result.lines[()] = line or 0
    problems = _column_problems(result, columns, schema, line)
    if problems:
        return result, problems
    allowed = _column_types(schema)
    for index, values in enumerate(rows):
        record: dict[str, Any] = {}
        result.lines[(index,)] = line or 0
        for name, value in zip(columns, values):
            try:
                record[name] = typed_value(value, allowed.get(name))
            except ValueError as exc:
                problems.append(DataError(str(exc), file=file, line=line, key=result.key_text((index, name))))
                record[name] = None
        result.value.append(record)
    return result, problems


def _column_problems(result: QueryResult, columns: Sequence[str], schema: dict | None,
                     line: int | None) -> list[DossierError]:
    """Columns named twice, columns the schema does not know (when it allows no others), required ones missing."""
    def problem(message: str) -> DataError:
        return DataError(message, file=result.path, line=line, key=result.key_text(()))

    problems = [problem(f"column {name!r} is returned twice; give each column its own name (AS …)")
                for name in sorted({name for name in columns if list(columns).count(name) > 1})]
    items = (schema or {}).get("items", {})
    known = list(items.get("properties", {}))
    if items.get("additionalProperties") is False:
        problems += [problem(f"column {name!r} is not in schemas/{result.query}.schema.json; expected: "
                             f"{', '.join(known)}") for name in columns if name not in known]
    problems += [problem(f"the result has no column {name!r}, which the schema requires")
                 for name in items.get("required", []) if name not in columns]
    return problems


def typed_value(value: Any, allowed: set[str] | None) -> Any:
    """Return a database value as a data value of the allowed JSON types; raise ValueError saying what is wrong."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        raise ValueError("is binary data (a BLOB); select text or numbers")
    if isinstance(value, Decimal):
        value = int(value) if value == value.to_integral_value() and value.is_finite() else float(value)
    elif isinstance(value, (datetime.date, datetime.time)):
        value = value.isoformat()
    elif isinstance(value, datetime.timedelta):
        raise ValueError(f"{value} is an interval; select it as text or a number")
    if allowed is None:
        return value
    if value is None:
        if "null" in allowed:
            return None
        raise ValueError(f"NULL is not {expected_text(allowed)}")
    if isinstance(value, bool):
        if "boolean" in allowed:
            return value
    elif isinstance(value, int):
        if allowed & {"integer", "number"}:
            return value
        if "boolean" in allowed and value in (0, 1):  # SQLite keeps true/false as 1/0
            return bool(value)
    elif isinstance(value, float):
        if "integer" in allowed and value.is_integer():
            return int(value)
        if "number" in allowed:
            return value
    elif isinstance(value, str):
        if "string" in allowed:
            return value
        raise ValueError(f"{value!r} is text, not {expected_text(allowed)}; CAST the column in the query")
    raise ValueError(f"{value!r} is not {expected_text(allowed)}")
