"""The font family list: DejaVu Sans for Latin, Azerbaijani and Cyrillic, a CJK font as fallback.

Matplotlib (>= 3.6) falls back glyph by glyph along the family list, so Chinese
characters inside an otherwise Latin label are drawn from the CJK font.
"""

from __future__ import annotations

import functools
from pathlib import Path

PRIMARY = "DejaVu Sans"
CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK TC", "Source Han Sans SC", "WenQuanYi Zen Hei")


def _known_families() -> set[str]:
    from matplotlib import font_manager

    return {entry.name for entry in font_manager.fontManager.ttflist}


def _register_system_cjk_fonts() -> None:
    """Add CJK font files the font cache does not know yet (fonts installed after the cache was built)."""
    from matplotlib import font_manager

    for path in font_manager.findSystemFonts():
        name = Path(path).name.lower()
        if "cjk" in name or "sourcehansans" in name or "wqy" in name:
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):
                continue


@functools.cache
def font_families() -> tuple[str, ...]:
    """Return the family list for ``font.family``: the primary font, then the CJK fonts installed."""
    known = _known_families()
    if not any(family in known for family in CJK_FAMILIES):
        _register_system_cjk_fonts()
        known = _known_families()
    cjk = tuple(family for family in CJK_FAMILIES if family in known)
    return (PRIMARY, *cjk)


def has_cjk_font() -> bool:
    """Return whether a CJK fallback font is available."""
    return len(font_families()) > 1
