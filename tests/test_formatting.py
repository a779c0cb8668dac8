"""Formatting filters, per locale, against Babel's own output."""

from __future__ import annotations

import datetime as dt

import pytest
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal

from dossier.formatting import filters_for

LOCALES = ["en_GB", "ru", "az"]


@pytest.mark.parametrize("locale", LOCALES)
def test_numbers_and_money_follow_babel(locale: str) -> None:
    f = filters_for(locale)
    assert f["num"](1556.2) == format_decimal(1556.2, format="#,##0.#", locale=locale)
    assert f["num"](3100.0) == format_decimal(3100, format="#,##0", locale=locale)
    assert f["num"](63.5, 2) == format_decimal(63.5, format="#,##0.00", locale=locale)
    assert format_decimal(1.56, format="#,##0.##", locale=locale) in f["usd_m"](1556.2)
    assert format_decimal(920, format="#,##0.#", locale=locale) in f["usd_m"](920)
    assert format_decimal(3.74, format="#,##0.##", locale=locale) in f["usd_m"](3744)


def test_money_by_cldr_compact_currency_in_english() -> None:
    f = filters_for("en_GB")
    assert f["usd_m"](920) == "US$920m"
    assert f["usd_m"](63.5) == "US$63.5m"
    assert f["usd_m"](3744) == "US$3.74bn"
    assert f["usd_m"](-3744) == "\N{MINUS SIGN}US$3.74bn"
    assert f["pct"](15.4) == "15.4%"
    assert f["change"](43.5) == "+43.5%"
    assert f["change"](-2) == "−2%"


@pytest.mark.parametrize("locale", LOCALES)
def test_partial_dates_keep_their_precision(locale: str) -> None:
    f = filters_for(locale)
    assert f["date"]("1994") == "1994"
    assert f["date"]("1994-03") == format_skeleton("yMMMM", dt.date(1994, 3, 1), locale=locale)
    assert f["date"]("2015-12-11") == format_date(dt.date(2015, 12, 11), format="long", locale=locale)


def test_english_dates_read_day_month_year() -> None:
    f = filters_for("en_GB")
    assert (f["date"]("1994-03"), f["date"]("2015-12-11")) == ("March 1994", "11 December 2015")


@pytest.mark.parametrize("locale,words", [("en_GB", "not reported"), ("ru", "нет данных"), ("az", "məlumat yoxdur")])
def test_missing_values_say_so(locale: str, words: str) -> None:
    f = filters_for(locale)
    assert f["num"](None) == f["usd_m"](None) == f["date"](None) == words


def test_unknown_locale_is_an_error() -> None:
    with pytest.raises(ValueError, match="xx_YY"):
        filters_for("xx_YY")


def test_ordinals() -> None:
    english = filters_for("en_GB")["ordinal"]
    assert [english(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 102)] == \
        ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "102nd"]
    assert filters_for("ru")["ordinal"](4) == "4-й"
    assert filters_for("az")["ordinal"](4) == "4."
