"""Series colours: the built-in palette and, past its end, generated tints that repeat no colour.

Pure Python (no matplotlib), so the chart pictures and the native Office charts share one palette.
"""

from __future__ import annotations

import colorsys
from functools import lru_cache

# Series colours, in order of use. Dark blue and orange stay distinct for colour-blind readers.
PALETTE: tuple[str, ...] = ("#1f4e79", "#e07b24", "#2a9d8f", "#8e5ea2", "#b8a31f", "#c0392b")
# The colours every chart shares besides the series': pictures (dossier.charts.theme) and native charts alike.
BALANCE = "#2b2b2b"  # the balance line of an exports/imports chart
TEXT = "#222222"
GRID = "#dcdcdc"
REST_COLOR = "#dcdcdc"  # the part of 100 % the stated shares leave: lighter than "Other", which is stated
# Past the palette, each round uses the palette again at another lightness: lighter, then darker, ...
_ROUNDS = (0.0, 0.45, -0.35, 0.7, -0.55)


def series_colors(count: int, palette: tuple[str, ...] = ()) -> list[str]:
    """Return ``count`` distinct colours ("#rrggbb"): the palette, then tints and shades of it.

    Raises ValueError when even the generated tints cannot tell that many series apart.
    """
    colours = _distinct(palette)
    if count > len(colours):
        raise ValueError(f"{count} series are more than {len(colours)} colours can tell apart")
    return list(colours[:count])


def max_series(palette: tuple[str, ...] = ()) -> int:
    """Return how many series the palette (with its tints) can tell apart."""
    return len(_distinct(palette))


@lru_cache(maxsize=8)
def _distinct(palette: tuple[str, ...]) -> tuple[str, ...]:
    """The palette, then each further round of it lighter or darker; a colour already used is left out."""
    base = [c.lower() for c in (palette or PALETTE)]
    out: list[str] = []
    for amount in _ROUNDS:
        for colour in base:
            shifted = colour if amount == 0 else _shift_lightness(colour, amount)
            if shifted not in out:
                out.append(shifted)
    return tuple(out)


def _shift_lightness(color: str, amount: float) -> str:
    """Move a colour's lightness towards white (amount > 0) or black (amount < 0) by that fraction."""
    r, g, b = (int(color[i:i + 2], 16) / 255 for i in (1, 3, 5))
    h, lightness, s = colorsys.rgb_to_hls(r, g, b)
    lightness = lightness + (1 - lightness) * amount if amount > 0 else lightness * (1 + amount)
    r, g, b = colorsys.hls_to_rgb(h, lightness, s)
    return "#" + "".join(f"{round(v * 255):02x}" for v in (r, g, b))
