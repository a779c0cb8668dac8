"""Event dates at the precision the source gives: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`."""

from __future__ import annotations

import calendar
import itertools
import re
from dataclasses import dataclass

from dossier.errors import ChartError

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True, slots=True)
class EventDate:
    """A parsed date: ``position`` in fractional years, the middle of the period the date names."""

    year: int
    month: int | None
    day: int | None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def position(self) -> float:
        if self.month is None:
            return self.year + 0.5
        if self.day is None:
            return self.year + (self.month - 0.5) / 12
        days = calendar.monthrange(self.year, self.month)[1]
        return self.year + (self.month - 1 + (self.day - 0.5) / days) / 12

    @property
    def display(self) -> str:
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{MONTHS[self.month - 1]} {self.year}"
        return f"{self.day} {MONTHS[self.month - 1]} {self.year}"


def parse_date(text: str) -> EventDate:
    """Parse an event date, or fail saying which forms are accepted."""
    match = _DATE.match(str(text).strip())
    if not match:
        raise ChartError(f"event date {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    if month is not None and not 1 <= month <= 12:
        raise ChartError(f"event date {text!r}: month {month} is not 01..12")
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ChartError(f"event date {text!r}: day {day} does not exist in that month")
    return EventDate(year, month, day)


def time_positions(categories: tuple[str, ...] | list[str]) -> list[float] | None:
    """Return each category's position in years, when they stand on a time scale; else None.

    A time scale needs every category to be a date, in order, at least two of them; consecutive
    whole years need none (evenly spaced categories are already proportional).
    """
    try:
        dates = [parse_date(c) for c in categories]
    except ChartError:
        return None
    positions = [d.position for d in dates]
    if len(positions) < 2 or any(b <= a for a, b in itertools.pairwise(positions)):
        return None  # unordered or repeated dates: drawn as categories, in the order given
    if all(d.precision == "year" for d in dates) and all(b.year - a.year == 1 for a, b in itertools.pairwise(dates)):
        return None  # consecutive years are evenly spaced anyway
    return positions


def step_years(text: str) -> float:
    """Return the length of the period a date names, in years: 1 for `2019`, 1/12 for `2019-11`, 1/365 for a day."""
    precision = parse_date(text).precision
    return 1.0 if precision == "year" else 1 / 12 if precision == "month" else 1 / 365
