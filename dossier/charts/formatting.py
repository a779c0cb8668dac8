"""Numbers, dates and words as a reader of the job's locale sees them in a chart.

Every chart is drawn inside :func:`chart_locale` (set by ``render.draw_chart`` from the
spec's ``locale``); the functions here read it, so the kinds need not pass it around.
Numbers go through the same Babel formatter as the text filters
(:func:`dossier.formatting.format_by_pattern`), so a chart says `40 000` and `−5` exactly
where the text of a ``ru`` briefing does.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from dossier.formatting import check_locale, format_by_pattern, format_pct, format_short_date, not_reported

DEFAULT_LOCALE = "en_GB"

# A chart's own words, by language; a word not listed for a language is the English one, except the
# missing-value mark, which is then the locale's full words for "not reported" (``dossier.formatting.NOT_REPORTED``).
WORDS: dict[str, dict[str, str]] = {
    "en": {"mark": "n/r", "source": "Source: {}", "note": "Note: {}", "other": "Other",
           "mark_note": "{mark}: not reported", "missing_bar_note": "{mark}, or a missing bar: not reported",
           "balance": "Balance (exports \N{MINUS SIGN} imports)", "not_reported_list": "Not reported: {}",
           "source_other": " and the source's “Other”", "rest": "Rest / not stated",
           "axis_cut": "The value axis does not start at zero",
           ">": "> lower bound", "<": "< upper bound", "~": "~ approximate"},
    "ru": {"mark": "н/д", "source": "Источник: {}", "note": "Примечание: {}", "other": "Прочие",
           "mark_note": "{mark}: нет данных", "missing_bar_note": "{mark} или нет столбца: нет данных",
           "balance": "Сальдо (экспорт \N{MINUS SIGN} импорт)", "not_reported_list": "Нет данных: {}",
           "source_other": " и «Прочие» источника", "rest": "Остальное / не указано",
           "axis_cut": "Ось значений начинается не с нуля",
           ">": "> нижняя граница", "<": "< верхняя граница", "~": "~ приблизительно"},
    "az": {"source": "Mənbə: {}", "note": "Qeyd: {}", "other": "Digər"},
}

_locale: ContextVar[str] = ContextVar("chart_locale", default=DEFAULT_LOCALE)


@contextmanager
def chart_locale(locale: str) -> Iterator[None]:
    """Format numbers, dates and words in ``locale`` (the default, en_GB, when empty)."""
    token = _locale.set(locale or DEFAULT_LOCALE)
    try:
        yield
    finally:
        _locale.reset(token)


def current_locale() -> str:
    """Return the locale charts are being drawn in."""
    return _locale.get()


def word(key: str, text: str = "") -> str:
    """Return one of the chart's own words in the locale (``source``, ``note``, ``other``, …), filled with ``text``."""
    locale = current_locale()
    words = WORDS.get(check_locale(locale).language, {})
    template = words.get(key) or WORDS["en"][key]
    return template.format(text, mark=not_reported_mark())


def not_reported_mark() -> str:
    """Return the short mark a chart writes where a value is missing: `n/r`, `н/д`, else the full words."""
    locale = current_locale()
    return WORDS.get(check_locale(locale).language, {}).get("mark") or not_reported(locale)


# ---------------------------------------------------------------- numbers


def value_decimals(values) -> int:
    """Return the decimals to show the small values of one chart alike (4.60 beside 4.87); at most 2."""
    needed = 0
    for value in values:
        if value is None or math.isnan(value) or abs(value) >= 100:
            continue
        for decimals in range(3):
            if abs(round(value, decimals) - value) < 1e-9:
                break
        needed = max(needed, decimals)
    return needed


def format_value(value: float, decimals: int | None = None) -> str:
    """Format one data value in the locale: `4,870`, `238`, `12.5`, `1.5`, `0.25` (ru: `4 870`, `12,5`).

    With ``decimals`` (from :func:`value_decimals`), values under 100 get exactly that many.
    A missing value (NaN) is the locale's mark (`n/r`).
    """
    if math.isnan(value):
        return not_reported_mark()
    if decimals is not None and abs(value) < 100:
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    else:
        magnitude = abs(value)
        if magnitude >= 100 or value == int(value):
            pattern = "#,##0"
        elif magnitude >= 10:
            pattern = "#,##0.0"
        else:
            pattern = "#,##0.##"
    return format_by_pattern(value, pattern, locale=current_locale())


def tick_decimals(ticks: list[float]) -> int:
    """Return the number of decimals needed to tell the tick values apart."""
    for decimals in range(4):
        if all(abs(round(t, decimals) - t) < 1e-9 * max(1.0, abs(t)) for t in ticks):
            return decimals
    return 4


def format_tick(value: float, decimals: int) -> str:
    """Format an axis tick in the locale with ``decimals`` decimals; never "−0"."""
    if round(value, decimals) == 0:
        value = 0.0
    return format_by_pattern(value, "#,##0" + ("." + "0" * decimals if decimals else ""), locale=current_locale())


def format_event_date(year: int, month: int | None, day: int | None) -> str:
    """Return an event's date in the locale at the precision given: `2016`, `Oct 2017`, `3 Jul 2024`."""
    return format_short_date(year, month, day, locale=current_locale())


def format_percent(percent: float, digits: int = 0) -> str:
    """Return a percentage (given in percent units) in the locale: `31%` (ru: `31 %`)."""
    return format_pct(percent, digits, locale=current_locale())
