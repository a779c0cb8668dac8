"""Rows of a data file that templates look up by id, role or category, instead of chains of filters.

Every list of records in a subject's data reaches the templates as `Rows`:

- `figures["fdi-total"]` — the row whose `id` is "fdi-total" (an error naming the ids there are);
- `timeline.first(category="political")`, `timeline.last(role="relations")` — the first / last
  matching row in the file's order, or None when none matches (test it with `{% if %}`);
- `trade.latest(side=reporter.code)`, `trade.earliest()` — the matching row with the latest /
  earliest `year`, `date` or `period` (the first of these columns the rows have), or None;
- `timeline.where(category="party")` — the matching rows, as Rows again;
- `figures.get("id")` — like `figures["id"]`, but None when there is no such row;
- `trade.one(year=2022, side="AZ")` — exactly one row (like `pick`): an error for none or several.

A condition's value may be a list: `where(category=["political", "party"])` keeps either.
"""

from __future__ import annotations

from typing import Any, Iterable

from dossier.derived import DerivedFigureError, pick

#: The columns that order rows in time, tried in turn by latest() and earliest().
TIME_COLUMNS = ("year", "date", "period")


def _matches(row: Any, where: dict[str, Any]) -> bool:
    if not isinstance(row, dict):
        return False
    for key, wanted in where.items():
        value = row.get(key)
        if isinstance(wanted, (list, tuple)):
            if value not in wanted:
                return False
        elif value != wanted:
            return False
    return True


class Rows(list):
    """A data file's list of records, with lookups by id and by condition (see the module's docstring).

    To template authors it is a list (it calls itself ``list`` in Jinja's messages); it pickles
    through :func:`_make_rows`.
    """

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            row = self.get(key)
            if row is None:
                ids = [str(r.get("id")) for r in self if isinstance(r, dict) and r.get("id") is not None]
                known = ", ".join(ids[:20]) + (" …" if len(ids) > 20 else "") if ids else "the rows have no id"
                raise DerivedFigureError(f"[{key!r}]: no row has id {key!r}; ids: {known}")
            return row
        found = super().__getitem__(key)
        return Rows(found) if isinstance(key, slice) else found

    def get(self, row_id: str, default: Any = None) -> Any:
        """Return the row whose `id` is `row_id`, or `default`."""
        for row in self:
            if isinstance(row, dict) and row.get("id") == row_id:
                return row
        return default

    def where(self, **where: Any) -> Rows:
        """Return the rows whose fields equal every condition."""
        return Rows(row for row in self if _matches(row, where))

    def first(self, **where: Any) -> Any:
        """Return the first matching row in the file's order, or None."""
        return next((row for row in self if _matches(row, where)), None)

    def last(self, **where: Any) -> Any:
        """Return the last matching row in the file's order, or None."""
        return next((row for row in reversed(self) if _matches(row, where)), None)

    def latest(self, **where: Any) -> Any:
        """Return the matching row latest in time (by year, date or period), or None; ties: the last in the file."""
        return _by_time(self.where(**where), latest=True)

    def earliest(self, **where: Any) -> Any:
        """Return the matching row earliest in time (by year, date or period), or None; ties: the first in the file."""
        return _by_time(self.where(**where), latest=False)

    def one(self, **where: Any) -> dict:
        """Return the one matching row; an error when none or several match."""
        return pick(self, **where)

    def __reduce__(self):
        return (_make_rows, (list(self),))


Rows.__module__, Rows.__name__, Rows.__qualname__ = "builtins", "list", "list"


def _make_rows(items: list) -> Rows:
    return Rows(items)


def _time_key(value: Any) -> str:
    """Return a sortable text for a year (2023), a date ("2019-11") or a period naming its year."""
    return f"{value:04d}" if isinstance(value, int) and not isinstance(value, bool) else str(value)


def _by_time(rows: Rows, latest: bool) -> Any:
    if not rows:
        return None
    column = next((c for c in TIME_COLUMNS if any(isinstance(r, dict) and r.get(c) not in (None, "") for r in rows)),
                  None)
    if column is None:
        return rows[-1] if latest else rows[0]
    dated = [(index, row) for index, row in enumerate(rows) if row.get(column) not in (None, "")]
    order = sorted(dated, key=lambda item: (_time_key(item[1][column]), item[0]))
    return order[-1][1] if latest else order[0][1]


def as_rows(items: Iterable[Any]) -> Rows:
    """Return a list of records as Rows."""
    return Rows(items)
