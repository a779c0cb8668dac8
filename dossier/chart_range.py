"""The `from:` / `to:` keys of a chart block: keep the rows whose x falls in a range of dates.

Bounds and x values are years or dates at any precision (`2004`, `2004-06`, `2004-06-30`, a
YAML date); a bound covers its whole period, so `to: 2004` keeps `2004-12-31` and
`from: 2004-06` keeps `2004-06-01`. Used to split a long timeline into periods, one chart
block (and slide) each.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def date_parts(value: Any) -> tuple[int, ...] | None:
    """Return (year[, month[, day]]) of a year or a date, or None when ``value`` is neither."""
    if isinstance(value, bool):
        return None
    if isinstance(value, dt.date):
        return (value.year, value.month, value.day)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return (value,) if 1 <= value <= 9999 else None
    match = _DATE.match(str(value).strip()) if value is not None else None
    if not match:
        return None
    return tuple(int(part) for part in match.groups() if part is not None)


def in_range(parts: tuple[int, ...], start: tuple[int, ...] | None, end: tuple[int, ...] | None) -> bool:
    """Whether a date lies within [start, end], each bound taken at its own precision."""
    if start is not None and parts[: len(start)] < start:
        return False
    if end is not None and parts[: len(end)] > end:
        return False
    return True
