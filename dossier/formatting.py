"""Locale-aware formatting filters for templates, built on Babel.

Missing values (None) print as "not reported": a gap in the data is said, never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import partial
from typing import Any, Callable

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.lists import format_list
from babel.numbers import format_compact_currency, format_decimal, format_percent

from dossier import qualifiers
from dossier.messages import translate
from dossier.value_typography import LocaleWords

PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
MINUS = "\N{MINUS SIGN}"  # the sign every negative number is printed with, in text and in charts


def check_locale(name: str) -> Locale:
    """Return Babel's Locale for `name` ("en_GB", "ru", "az"), or raise ValueError naming it."""
    try:
        return Locale.parse(name)
    except (UnknownLocaleError, ValueError) as exc:
        raise ValueError(f"unknown locale {name!r}: {exc}") from None


def not_reported(locale: str) -> str:
    """Return the locale's words for a missing value."""
    return translate(locale, "not reported")


def _is_missing(value: Any) -> bool:
    return value is None or value == ""


def with_minus_sign(text: str) -> str:
    """Return a number Babel formatted with its hyphen-minus as the minus sign U+2212: one sign everywhere."""
    return text.replace("-", MINUS)


def format_by_pattern(number: float, pattern: str, *, locale: str) -> str:
    """Return ``number`` by a Babel number pattern in the locale, negatives with the minus sign U+2212."""
    return with_minus_sign(format_decimal(number, format=pattern, locale=locale))


def format_number(value: Any, digits: int | None = None, *, locale: str) -> str:
    """Return `1,556.2`: grouped, with `digits` decimals (default: up to one, none for whole numbers)."""
    if _is_missing(value):
        return not_reported(locale)
    number = float(value)
    pattern = "#,##0" + ("." + "0" * digits if digits else "" if digits == 0 else ".#")
    return format_by_pattern(number, pattern, locale=locale)


def format_money_million(value: Any, *, locale: str) -> str:
    """Return a USD amount given in millions by CLDR's compact currency pattern for the locale.

    `US$920m`, `US$3.74bn` (en_GB); `920 млн $`, `3,74 млрд $` (ru); `3,74 Mrd. $` (de): up to one
    decimal below a thousand million, two above.
    """
    if _is_missing(value):
        return not_reported(locale)
    amount = float(value)
    digits = 2 if abs(amount) >= 1000 else 1
    return with_minus_sign(format_compact_currency(amount * 1e6, "USD", locale=locale, fraction_digits=digits))


NUMBER_IN_PATTERN = re.compile(r"[#,0]+(?:\.[#0]+)?")


def percent_pattern(digits: int, *, locale: str) -> str:
    """Return the locale's CLDR percent pattern with up to ``digits`` decimals (`#,##0.#%`; ru `#,##0.# %`)."""
    pattern = check_locale(locale).percent_formats[None].pattern.split(";")[0]
    return NUMBER_IN_PATTERN.sub("#,##0" + ("." + "#" * digits if digits else ""), pattern, count=1)


def format_pct(value: Any, digits: int = 1, *, locale: str) -> str:
    """Return a percentage from a value in percent units, as CLDR writes it: 15.4 → `15.4%` (ru `15,4 %`)."""
    if _is_missing(value):
        return not_reported(locale)
    text = format_percent(float(value) / 100, format=percent_pattern(digits, locale=locale), locale=locale)
    return with_minus_sign(text)


def format_change(value: Any, digits: int = 1, *, locale: str) -> str:
    """Return a signed percentage change: 43.5 → `+43.5%`, -2 → `−2%`."""
    if _is_missing(value):
        return not_reported(locale)
    text = format_pct(abs(float(value)), digits, locale=locale)
    return ("+" if float(value) > 0 else MINUS if float(value) < 0 else "") + text


def format_partial_date(value: Any, *, locale: str) -> str:
    """Return a date at the precision it has: `1994`, `March 1994`, `11 December 2015`."""
    if _is_missing(value):
        return not_reported(locale)
    if isinstance(value, dt.date):
        return format_date(value, format="long", locale=locale)
    match = PARTIAL_DATE.match(str(value).strip())
    if not match:
        raise ValueError(f"{value!r} is not a date like 1994, 1994-03 or 1994-03-21")
    year, month, day = match.groups()
    if month is None:
        return year
    if day is None:
        return format_skeleton("yMMMM", dt.date(int(year), int(month), 1), locale=locale)
    return format_date(dt.date(int(year), int(month), int(day)), format="long", locale=locale)


def format_date_range(start: Any, end: Any = None, *, locale: str) -> str:
    """Return an event's days in the locale's interval format: `20–21 December 1999`, `25 April – 2 May 2019`.

    Without an end (or with an end equal to the start) it is one date at its own precision.
    """
    if _is_missing(end) or str(end) == str(start):
        return format_partial_date(start, locale=locale)
    first, last = (_full_date(value) for value in (start, end))
    if last < first:
        raise ValueError(f"the range {start!r} to {end!r} ends before it starts")
    greatest = "y" if first.year != last.year else "M" if first.month != last.month else "d"
    # CLDR's day-month-year interval, with the month written out as in the long date format
    left, right = (part.replace("MMM", "MMMM") for part in check_locale(locale).interval_formats["yMMMd"][greatest])
    return format_date(first, left, locale=locale) + format_date(last, right, locale=locale)


def _full_date(value: Any) -> dt.date:
    match = PARTIAL_DATE.match(str(value).strip())
    if not match or match.group(3) is None:
        raise ValueError(f"{value!r} is not a full date like 1994-03-21 (a range needs days)")
    return dt.date(*map(int, match.groups()))


def format_and_list(items: Any, *, locale: str) -> str:
    """Return items joined as the locale lists them: `2017, 2020 and 2021`."""
    return format_list([str(item) for item in items], locale=locale)


def format_qualified(value: Any, qualifier: Any = "", digits: int | None = None, *, locale: str) -> str:
    """Return a number with its qualifier in the locale's words: `over 200`, `около 800`, `ən azı 200`.

    The qualifier is the data's (">", "<", "~", or the words `over`, `under`, `about`; see
    dossier.qualifiers). A locale without a catalogue (``dossier.messages``) gets the symbol form
    `> 200`: never a guessed word. A missing value prints as "not reported".
    """
    if _is_missing(value):
        return not_reported(locale)
    number = format_number(value, digits, locale=locale)
    return qualifiers.in_words(number, qualifiers.normalise(qualifier), locale)


def format_short_date(year: int, month: int | None = None, day: int | None = None, *, locale: str) -> str:
    """Return a date at its precision with the month abbreviated, as charts print it: `1994`, `Mar 1994`, `3 Jan 1992`.

    (ru: `март 1994 г.`, `3 янв. 1992 г.`; Babel's "yMMM" skeleton and medium date format.)
    """
    if month is None:
        return str(year)
    if day is None:
        return format_skeleton("yMMM", dt.date(year, month, 1), locale=locale)
    return format_date(dt.date(year, month, day), format="medium", locale=locale)


ENGLISH_ORDINAL_SUFFIXES = {"one": "st", "two": "nd", "few": "rd", "other": "th"}


def format_ordinal(value: Any, *, locale: str) -> str:
    """Return an ordinal number: `4th` (English, from Babel's ordinal plural rules), `4-й` (Russian).

    Babel has no ordinal suffixes for other languages (Azerbaijani's `4-cü` follows vowel harmony),
    so they get the number and a full stop: `4.`.
    """
    if _is_missing(value):
        return not_reported(locale)
    number = int(value)
    babel_locale = check_locale(locale)
    if babel_locale.language == "en":
        return f"{number}{ENGLISH_ORDINAL_SUFFIXES[babel_locale.ordinal_form(number)]}"
    if babel_locale.language == "ru":
        return f"{number}-й"
    return f"{number}."


def filters_for(locale: str) -> dict[str, Callable[..., str]]:
    """Return the formatting filters bound to one locale, by their template names."""
    check_locale(locale)
    filters = {
        "num": partial(format_number, locale=locale),
        "usd_m": partial(format_money_million, locale=locale),
        "pct": partial(format_pct, locale=locale),
        "change": partial(format_change, locale=locale),
        "date": partial(format_partial_date, locale=locale),
        "ordinal": partial(format_ordinal, locale=locale),
        "date_range": partial(format_date_range, locale=locale),
        "and_list": partial(format_and_list, locale=locale),  # the data's items, joined: not the locale's words
        "qualified": partial(format_qualified, locale=locale),
    }
    return {name: function if name == "and_list" else _locale_words(function) for name, function in filters.items()}


def _locale_words(function: Callable[..., str]) -> Callable[..., str]:
    """Return ``function`` with its text marked as the locale's words (capitalised where a sentence starts)."""
    return lambda *args, **kwargs: LocaleWords(function(*args, **kwargs))
