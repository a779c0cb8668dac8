"""Numbers and dates in CSV and Excel text cells as the project's locale writes them.

A Russian Excel exports `310,4` and `1 234,5` in a `;` file; a German one `1.234,5`; both mean
one number. A column the schema types as a number reads the cell in the file's *input format*:

- the decimal sign and the grouping of the project's locale (Babel: ru `,` and a space, de `,`
  and `.`, en_GB `.` and `,`), or what ``dossier.toml`` says for one file::

      [data.trade]           # data/<subject>/trade.csv or trade.xlsx
      decimal = ","          # "," or "."
      group = "."            # optional: " ", ".", ",", "'" or "" (none); default: the other sign and spaces
      locale = "de"          # optional: that locale's signs and short date format instead

- spaces (also no-break and narrow no-break) group digits in any format, groups are three
  digits; a machine number (`310.4`, Excel's own number cells) stays readable where the point
  is not the grouping sign;
- in a decimal-comma format, `1,234` (one comma, three digits after it, no other sign) could be
  1.234 or an English 1234: an error naming the cell, never a guess (write `1234` or `1,2340`).

A column whose schema pattern takes ISO dates (`2015-12-11`, not `2015-13-45`), or whose
``format`` is ``date``, also reads the locale's short date form with a four-digit year
(ru `11.12.2015`, en_GB `11/12/2015`) and keeps it as ISO; a two-digit year is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.numbers import get_decimal_symbol, get_group_symbol

from dossier.errors import ConfigError

SPACES = (" ", "\N{NO-BREAK SPACE}", "\N{NARROW NO-BREAK SPACE}", "\N{THIN SPACE}")
GROUP_CHOICES = ("", " ", ".", ",", "'", "\N{NO-BREAK SPACE}", "\N{NARROW NO-BREAK SPACE}", "\N{RIGHT SINGLE QUOTATION MARK}")
_ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


class AmbiguousNumber(ValueError):
    """A number that reads two ways in its file's format (`1,234` with a decimal comma)."""


class MachineNumber(str):
    """A cell's text that is a number the file stores as a number (an Excel number cell): read as it is."""


@dataclass(frozen=True)
class InputFormat:
    """How one data file writes numbers and dates: decimal sign, grouping signs, the locale's short date."""

    decimal: str = "."
    groups: tuple[str, ...] = (",",) + SPACES
    date_locale: str = "en"

    def number(self, cell: str) -> str:
        """Return a number cell as machine text (`1234.5`); raise ValueError when it is ambiguous or malformed.

        Text that is no number in this format is returned as it is (the schema check then says what it
        should be).
        """
        if isinstance(cell, MachineNumber):
            return str(cell)
        text = cell.strip().replace("\N{MINUS SIGN}", "-")
        sign, body = ("-", text[1:]) if text[:1] in "-+" else ("", text)
        if not body or not body[0].isdigit() or not all(ch.isdigit() or ch in ".,'’" + "".join(SPACES) for ch in body):
            return cell
        if self.decimal == "," and re.fullmatch(r"[1-9]\d{0,2},\d{3}", body):
            raise AmbiguousNumber(f"{cell!r} is ambiguous in a file with a decimal comma: {body.replace(',', '.')} or "
                             f"{body.replace(',', '')}? write {body.replace(',', '')} or {body}0, "
                             "or set the file's decimal sign in dossier.toml ([data.NAME] decimal = \".\")")
        whole, point, fraction = body.rpartition(self.decimal) if self.decimal in body else (body, "", "")
        if not point and self.decimal == "," and "." not in self.groups and body.count(".") == 1:
            whole, point, fraction = body.partition(".")  # a machine number where the point groups nothing
        if not fraction.isdigit() and point:
            raise ValueError(f"{cell!r} is not a number with the decimal sign {self.decimal!r}")
        digits = self._ungrouped(whole, cell)
        return sign + digits + ("." + fraction if point else "")

    def _ungrouped(self, whole: str, cell: str) -> str:
        separators = [ch for ch in whole if not ch.isdigit()]
        if not separators:
            return whole
        if any(ch not in self.groups for ch in separators) or len(set(separators)) > 1:
            raise ValueError(f"{cell!r} is not a number in this file's format (decimal sign {self.decimal!r}, "
                             f"digits grouped by {_shown(self.groups)})")
        parts = re.split("[" + re.escape("".join(set(separators))) + "]", whole)
        if not (1 <= len(parts[0]) <= 3 and all(len(part) == 3 for part in parts[1:])):
            raise ValueError(f"{cell!r} has digits grouped unevenly: in this file {self.decimal!r} is the decimal sign "
                             "and digit groups have three digits; if the file writes another decimal sign, "
                             "say so in dossier.toml ([data.NAME] decimal = \".\" or \",\")")
        return "".join(parts)

    def date(self, cell: str) -> str:
        """Return a date cell as ISO (`2015-12-11`) when it is in the locale's short form; else as it is."""
        text = cell.strip()
        if not text or _ISO_DATE.match(text):
            return cell
        found = _short_date_pattern(self.date_locale).fullmatch(text)
        if not found:
            return cell
        year = found.group("year")
        if len(year) != 4:
            raise ValueError(f"{cell!r} has a two-digit year; write it with four digits or as ISO (YYYY-MM-DD)")
        month, day = int(found.group("month")), int(found.group("day"))
        if not (1 <= month <= 12 and 1 <= day <= 31):
            raise ValueError(f"{cell!r} is not a date in the {self.date_locale} short form "
                             f"({Locale.parse(self.date_locale).date_formats['short'].pattern})")
        return f"{year}-{month:02d}-{day:02d}"


def _shown(groups: tuple[str, ...]) -> str:
    names = {" ": "space", "\N{NO-BREAK SPACE}": "no-break space", "\N{NARROW NO-BREAK SPACE}": "narrow space",
             "\N{THIN SPACE}": "thin space"}
    return ", ".join(dict.fromkeys(names.get(g, repr(g)) for g in groups)) or "nothing"


def _short_date_pattern(locale: str) -> re.Pattern:
    """Return a regex for the locale's short date (CLDR ``dd.MM.y``): day, month and year groups, any separators."""
    pattern = Locale.parse(locale).date_formats["short"].pattern
    fields = re.findall(r"d+|M+|y+", pattern)
    if sorted(field[0] for field in fields) != ["M", "d", "y"]:
        return re.compile(r"(?!)")
    names = {"d": r"(?P<day>\d{1,2})", "M": r"(?P<month>\d{1,2})", "y": r"(?P<year>\d{2}|\d{4})"}
    return re.compile(r"[^\d]{1,3}".join(names[field[0]] for field in fields))


def format_for_locale(locale: str) -> InputFormat:
    """Return the input format of a locale: its decimal sign, its grouping sign and spaces, its short dates."""
    decimal, group = get_decimal_symbol(locale), get_group_symbol(locale)
    groups = tuple(dict.fromkeys([group, *SPACES] if group not in (decimal, "") else SPACES))
    if group == "\N{RIGHT SINGLE QUOTATION MARK}":
        groups += ("'",)  # de_CH and others: the apostrophe typed for it
    return InputFormat(decimal, groups, locale)


def input_format(project_locale: str, settings: dict[str, Any] | None) -> InputFormat:
    """Return a data file's input format: the project locale's, changed by the file's [data.NAME] settings."""
    settings = settings or {}
    base = format_for_locale(settings.get("locale") or project_locale)
    decimal = settings.get("decimal", base.decimal)
    if "group" in settings:
        groups = tuple(dict.fromkeys([settings["group"], *SPACES] if settings["group"] else SPACES))
    elif decimal != base.decimal:
        groups = tuple(dict.fromkeys([("," if decimal == "." else "."), *SPACES]))
    else:
        groups = base.groups
    return InputFormat(decimal, groups, base.date_locale)


def data_settings(config: Any, line_of) -> dict[str, dict[str, Any]]:
    """Check dossier.toml's [data.NAME] tables' decimal, group and locale; return them by data file name.

    Other keys of a [data.NAME] table are left for the parts of dossier that read them. ``line_of(key, name)``
    returns the line of ``key`` in the table [data.NAME] of dossier.toml, for the error.
    """
    if config is None:
        return {}
    if not isinstance(config, dict) or not all(isinstance(value, dict) for value in config.values()):
        raise ConfigError("must be [data.NAME] tables, one per data file", file="dossier.toml", line=line_of("data", None))
    found: dict[str, dict[str, Any]] = {}
    for name, table in config.items():
        ours = {key: table[key] for key in ("decimal", "group", "locale") if key in table}
        if "decimal" in ours and ours["decimal"] not in (".", ","):
            raise ConfigError('must be "." or ","', file="dossier.toml", line=line_of("decimal", name), key=f"data.{name}.decimal")
        if "group" in ours and ours["group"] not in GROUP_CHOICES:
            raise ConfigError('must be one of " ", ".", ",", "\'" or "" (no grouping)', file="dossier.toml",
                              line=line_of("group", name), key=f"data.{name}.group")
        if "group" in ours and ours["group"] and ours["group"] == ours.get("decimal"):
            raise ConfigError("the grouping sign cannot be the decimal sign", file="dossier.toml",
                              line=line_of("group", name), key=f"data.{name}.group")
        if "locale" in ours:
            try:
                Locale.parse(str(ours["locale"]))
            except (UnknownLocaleError, ValueError):
                raise ConfigError(f"unknown locale {ours['locale']!r}", file="dossier.toml", line=line_of("locale", name),
                                  key=f"data.{name}.locale") from None
        found[name] = ours
    return found


def local_cell(cell: str, spec: dict | None, allowed: set[str] | None, local: InputFormat | None) -> str:
    """Return a text cell in the machine form the schema's types read (`1234.5`, `2015-12-11`).

    ``spec`` is the column's schema property and ``allowed`` its JSON types (None: no schema, where a
    cell that looks like a number is read as one). Raises ValueError for an ambiguous or malformed value.
    """
    if local is None:
        return cell
    if allowed is None:  # no schema: a cell that is no number in the file's format stays text, unless ambiguous
        try:
            return local.number(cell)
        except AmbiguousNumber:
            raise
        except ValueError:
            return cell
    if allowed & {"number", "integer"}:
        return local.number(cell)
    if spec is not None and date_column(spec):
        return local.date(cell)
    return cell


def date_column(spec: dict) -> bool:
    """Return whether a schema property holds ISO dates: ``format: date``, or a pattern taking 2015-12-11 but not 2015-13-45."""
    if spec.get("format") == "date":
        return True
    pattern = spec.get("pattern")
    if not isinstance(pattern, str):
        return False
    try:
        compiled = re.compile(pattern)
    except re.error:
        return False
    return bool(compiled.search("2015-12-11")) and not compiled.search("2015-13-45") and not compiled.search("abc")
