"""Number formats for editable charts: the job's locale, one minus sign, the pictures' decimals.

An Office number format code is written in one syntax (``#,##0.0``: comma for grouping, point
for decimals) and shown in the reader's locale. A ``[$-LCID]`` prefix pins it to the job's
locale instead, so a Russian briefing's chart says ``1 234,5`` wherever it is opened, like its
pictures and text. Negative values get a section of their own with the true minus sign
(U+2212), the sign the pictures and the text print.
"""

from __future__ import annotations

import locale as system_locale
import math
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global

MINUS = "\N{MINUS SIGN}"


@lru_cache(maxsize=1)
def _lcids() -> dict[str, int]:
    """Map "ll_TT" to its Windows locale id (the first one listed, e.g. az_AZ → Latin script)."""
    ids: dict[str, int] = {}
    for lcid, name in system_locale.windows_locale.items():
        ids.setdefault(name, lcid)
    return ids


def _language_and_territory(locale: str) -> tuple[str, str | None] | None:
    """Return a Babel locale name's language and territory (the likeliest one when it names none)."""
    try:
        parsed = Locale.parse((locale or "en_GB").replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return None
    territory = parsed.territory
    if territory is None:
        likely = get_global("likely_subtags").get(parsed.language, "")
        territory = likely.split("_")[-1] if likely.count("_") >= 1 else None
    return parsed.language, territory


def lcid(locale: str) -> int | None:
    """Return the Windows locale id of a Babel locale name ("ru" → 0x419), or None when none is known."""
    found = _language_and_territory(locale)
    return _lcids().get(f"{found[0]}_{found[1]}") if found and found[1] else None


def language_tag(locale: str) -> str | None:
    """Return a Babel locale name as a language tag ("ru" → "ru-RU", "en_GB" → "en-GB"), or None."""
    found = _language_and_territory(locale)
    if found is None:
        return None
    return f"{found[0]}-{found[1]}" if found[1] else found[0]


def number_format(locale: str, decimals: int = 0, suffix: str = "") -> str:
    """Return a format code for values in ``locale`` with ``decimals`` decimals, negatives with U+2212.

    ``suffix`` is literal text after the number (e.g. ``%`` for shares given in percent).
    """
    body = "#,##0" + ("." + "0" * decimals if decimals else "") + (f'"{suffix}"' if suffix else "")
    code = lcid(locale)
    prefix = f"[$-{code:X}]" if code is not None else ""
    return f'{prefix}{body};{prefix}"{MINUS}"{body}'


def nice_step(values: list[float], bins: int) -> float:
    """Return a tick step of 1, 2, 2.5 or 5 × 10^k giving at most ``bins`` intervals from zero to the values' extremes."""
    low, high = min(0.0, *values), max(0.0, *values)
    span = (high - low) or abs(high) or 1.0
    raw = span / max(bins, 1)
    power = 10 ** math.floor(math.log10(raw))
    return next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= raw - 1e-12)


def step_decimals(step: float) -> int:
    """Return the decimals that write every multiple of ``step`` exactly (0.25 → 2, 5 → 0)."""
    for decimals in range(4):
        if abs(round(step, decimals) - step) < 1e-9 * max(1.0, step):
            return decimals
    return 4
