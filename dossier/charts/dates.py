"""Event dates at the precision the source gives: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`."""

from __future__ import annotations

import calendar
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
