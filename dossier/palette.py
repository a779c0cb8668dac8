"""Series colours: the built-in palette and, past its end, generated tints that repeat no colour.

Pure Python (no matplotlib), so the chart pictures and the native Office charts share one palette.
"""

from __future__ import annotations

import colorsys

# Series colours, in order of use. Dark blue and orange stay distinct for colour-blind readers.
PALETTE: tuple[str, ...] = ("#1f4e79", "#e07b24", "#2a9d8f", "#8e5ea2", "#b8a31f", "#c0392b")
# Past the palette, each round uses the palette again at another lightness: lighter, then darker, ...
_ROUNDS = (0.0, 0.45, -0.35, 0.7, -0.55)


def series_colors(count: int, palette: tuple[str, ...] = ()) -> list[str]:
    """Return ``count`` distinct colours ("#rrggbb"): the palette, then tints and shades of it.

    Raises ValueError when even the generated tints cannot tell that many series apart.
    """
    base = [c.lower() for c in (palette or PALETTE)]
    out: list[str] = []
    seen: set[str] = set()
    for round_ in _ROUNDS:
        for color in base:
            if len(out) == count:
                return out
            tinted = color if round_ == 0 else _shift_lightness(color, round_)
            if tinted not in seen:
                seen.add(tinted)
                out.append(tinted)
    if len(out) < count:
        raise ValueError(f"{count} series are more than {len(out)} colours can tell apart")
    return out


def max_series(palette: tuple[str, ...] = ()) -> int:
    """Return how many series the palette (with its tints) can tell apart."""
    return len({c for c in _all(palette)})


def _all(palette: tuple[str, ...]) -> list[str]:
    base = [c.lower() for c in (palette or PALETTE)]
    return [c if r == 0 else _shift_lightness(c, r) for r in _ROUNDS for c in base]


def _shift_lightness(color: str, amount: float) -> str:
    """Move a colour's lightness towards white (amount > 0) or black (amount < 0) by that fraction."""
    r, g, b = (int(color[i:i + 2], 16) / 255 for i in (1, 3, 5))
    h, lightness, s = colorsys.rgb_to_hls(r, g, b)
    lightness = lightness + (1 - lightness) * amount if amount > 0 else lightness * (1 + amount)
    r, g, b = colorsys.hls_to_rgb(h, lightness, s)
    return "#" + "".join(f"{round(v * 255):02x}" for v in (r, g, b))
