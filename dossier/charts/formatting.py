"""Numbers as a reader sees them: thousands separators, as few decimals as the value needs."""

from __future__ import annotations

import math


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
    """Format one data value: `4,870`, `238`, `12.5`, `1.5`, `0.25`.

    With ``decimals`` (from :func:`value_decimals`), values under 100 get exactly that many.
    """
    if math.isnan(value):
        return "n/r"
    if decimals is not None and abs(value) < 100:
        return f"{value:,.{decimals}f}".replace("-", "\N{MINUS SIGN}")
    magnitude = abs(value)
    if magnitude >= 100 or value == int(value):
        text = f"{value:,.0f}"
    elif magnitude >= 10:
        text = f"{value:,.1f}"
    else:
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace("-", "\N{MINUS SIGN}")


def tick_decimals(ticks: list[float]) -> int:
    """Return the number of decimals needed to tell the tick values apart."""
    for decimals in range(4):
        if all(abs(round(t, decimals) - t) < 1e-9 * max(1.0, abs(t)) for t in ticks):
            return decimals
    return 4


def format_tick(value: float, decimals: int) -> str:
    text = f"{value:,.{decimals}f}"
    if text.lstrip("-").strip("0.,") == "":
        text = text.lstrip("-")  # no "-0"
    return text.replace("-", "\N{MINUS SIGN}")
