"""Figures computed from the data in templates, so the text can never disagree with the tables and charts.

Each helper returns None when an input is missing: the template then prints "not reported".
"""

from __future__ import annotations

from typing import Any, Callable, Iterable


class DerivedFigureError(ValueError):
    """A helper was asked for something the data cannot give (no such row, two rows, text for a number)."""


def _number(value: Any, what: str) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise DerivedFigureError(f"{what} must be a number, not {value!r}")
    return float(value)


def pick(rows: Iterable[dict], **where: Any) -> dict:
    """Return the one row whose fields equal `where` (e.g. `pick(trade, year=2023, side="AZ")`)."""
    matches = [row for row in rows if all(row.get(key) == value for key, value in where.items())]
    condition = ", ".join(f"{key}={value!r}" for key, value in where.items())
    if not matches:
        raise DerivedFigureError(f"pick({condition}): no row matches")
    if len(matches) > 1:
        raise DerivedFigureError(f"pick({condition}): {len(matches)} rows match; add a condition")
    return matches[0]


def balance(row: dict, exports: str = "exports", imports: str = "imports") -> float | None:
    """Return exports minus imports of a row (negative: a deficit)."""
    value_out, value_in = _number(row.get(exports), exports), _number(row.get(imports), imports)
    return None if value_out is None or value_in is None else value_out - value_in


def growth(old: Any, new: Any) -> float | None:
    """Return the change from `old` to `new` in percent (43.5 for +43.5%)."""
    before, after = _number(old, "growth's first value"), _number(new, "growth's second value")
    if before is None or after is None or before == 0:
        return None
    return (after / before - 1) * 100


def share(part: Any, whole: Any) -> float | None:
    """Return `part` as a percentage of `whole`."""
    numerator, denominator = _number(part, "share's part"), _number(whole, "share's whole")
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator * 100


def largest(rows: Iterable[dict], column: str) -> dict | None:
    """Return the row with the largest value in `column` (rows without a value are passed over)."""
    best, best_value = None, None
    for row in rows:
        value = _number(row.get(column), column)
        if value is not None and (best_value is None or value > best_value):
            best, best_value = row, value
    return best


def total(rows: Iterable[dict], column: str) -> float | None:
    """Return the sum of `column` over the rows that have a value; None when none has."""
    values = [_number(row.get(column), column) for row in rows]
    present = [v for v in values if v is not None]
    return sum(present) if present else None


HELPERS: dict[str, Callable[..., Any]] = {
    "pick": pick, "balance": balance, "growth": growth, "share": share, "largest": largest, "total": total,
}
