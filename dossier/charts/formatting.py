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

from dossier.formatting import format_by_pattern, format_pct, format_short_date
from dossier.messages import N_, translate

DEFAULT_LOCALE = "en_GB"

# A chart's own words, in English, translated by the locale's catalogue (``dossier.messages``).
# "mark" is the short mark for a missing value; a catalogue may leave it as the full words.
WORDS: dict[str, str] = {
    "mark": N_("n/r"), "source": N_("Source: {}"), "note": N_("Note: {}"), "other": N_("Other"),
    "mark_note": N_("{mark}: not reported"), "missing_bar_note": N_("{mark}, or a missing bar: not reported"),
    "balance": N_("Balance (exports \N{MINUS SIGN} imports)"), "not_reported_list": N_("Not reported: {}"),
    "source_other": N_(" and the source's “Other”"), "rest": N_("Rest / not stated"),
    "axis_cut": N_("The value axis does not start at zero"),
    ">": N_("> lower bound"), "<": N_("< upper bound"), "~": N_("~ approximate"),
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
    return translate(current_locale(), WORDS[key]).format(text, mark=not_reported_mark())


def not_reported_mark() -> str:
    """Return the short mark a chart writes where a value is missing: `n/r`, `н/д`."""
    return translate(current_locale(), WORDS["mark"])


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
