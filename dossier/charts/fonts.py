"""Fonts: the family list every chart is drawn with, and the check that every character has a glyph.

The families, in order of fallback:

- **The body font of the file the chart lands in**: the reference docx's body font for a
  page, the pptx theme's minor font for a slide, drawn with the file the writer found for it
  (its metric-compatible stand-in where the family itself is not installed: Carlito for
  Calibri), or ``[charts] font`` when the project sets one (:func:`body_family`). A chart drawn
  outside a document (previews, tests) uses DejaVu Sans.
- **DejaVu Sans** for what the body font lacks in Latin, Cyrillic, Greek and more. It
  ships inside matplotlib (``matplotlib/mpl-data/fonts/ttf``), so it is there on every
  machine that has matplotlib, with no system package.
- **Noto Sans CJK** (SC, else JP/TC, else Source Han Sans / WenQuanYi Zen Hei) for Chinese.
  On Debian and Ubuntu it comes from the package ``fonts-noto-cjk``
  (``apt-get install fonts-noto-cjk``, files ``/usr/share/fonts/opentype/noto/NotoSansCJK-*.ttc``);
  on other systems install Noto Sans CJK from https://github.com/notofonts/noto-cjk.
  Only the first CJK family found is used: the others cover the same characters, and every
  family in the list costs a font lookup per text measured.

Matplotlib (>= 3.6) falls back glyph by glyph along the family list, so Chinese
characters inside an otherwise Latin label are drawn from the CJK font. A font installed
after matplotlib built its font cache is found too (``_register_system_cjk_fonts``).

A character that no font of the list has would be drawn as an empty box (with only a
warning). :func:`check_glyphs` looks every character of every text up in the character
maps (``FT2Font.get_charmap()``) of the fonts matplotlib resolves for that text's weight and
style, and raises :class:`ChartError` naming the character and the chart instead.
Character maps are read once per font file and face, then cached.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from dossier.errors import ChartError
from dossier.glyph_hints import describe_character, install_hint

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


_primary: ContextVar[str] = ContextVar("primary_font", default=PRIMARY)


@contextmanager
def project_font(family: str) -> Iterator[None]:
    """Draw text in the project's font (the built-in one when empty); CJK still falls back to Noto Sans CJK."""
    token = _primary.set(family or PRIMARY)
    try:
        yield
    finally:
        _primary.reset(token)


def font_families() -> tuple[str, ...]:
    """Return the family list for ``font.family``: the primary font, DejaVu Sans, then the first CJK font installed."""
    primary = _primary.get()
    return (primary, *(() if primary == PRIMARY else (PRIMARY,)), *_cjk_family())


@functools.cache
def body_family(family: str, font_file: str = "") -> str:
    """Return the matplotlib family that draws a document's body font: the file's (registered if new), else the family.

    "" (the built-in DejaVu Sans) when neither the file nor the family is known here.
    """
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    if font_file and Path(font_file).is_file():
        known = {entry.fname: entry.name for entry in font_manager.fontManager.ttflist}
        if font_file not in known:
            try:
                font_manager.fontManager.addfont(font_file)
            except (OSError, RuntimeError, ValueError):
                return family if family in _known_families() else ""
        return known.get(font_file) or FT2Font(font_file).family_name
    return family if family in _known_families() else ""


@functools.cache
def _cjk_family() -> tuple[str, ...]:
    """Return the first CJK family installed (registering the system's CJK fonts if needed), or ()."""
    known = _known_families()
    if not any(family in known for family in CJK_FAMILIES):
        _register_system_cjk_fonts()
        known = _known_families()
    cjk = [family for family in CJK_FAMILIES if family in known]
    return tuple(cjk[:1])


def has_cjk_font() -> bool:
    """Return whether a CJK fallback font is available."""
    return bool(_cjk_family())


# ---------------------------------------------------------------- glyph coverage


@functools.cache
def _charmap(path: str, face_index: int) -> frozenset[int]:
    """Return the code points one font face has a glyph for (read once per file and face)."""
    from matplotlib.ft2font import FT2Font

    try:
        font = FT2Font(path, face_index=face_index)
    except TypeError:  # matplotlib < 3.10 has no face_index: it opens the first face
        font = FT2Font(path)
    return frozenset(font.get_charmap())


def _chain(weight: str | int, style: str, stretch: str | int) -> tuple[tuple[str, ...], tuple[frozenset[int], ...]]:
    """Return the family names and character maps of the fonts matplotlib uses for one weight and style."""
    return _family_chain(font_families(), weight, style, stretch)


@functools.cache
def _family_chain(families: tuple[str, ...], weight: str | int, style: str,
                  stretch: str | int) -> tuple[tuple[str, ...], tuple[frozenset[int], ...]]:
    from matplotlib import font_manager

    names, maps = [], []
    for family in families:
        prop = font_manager.FontProperties(family=family, weight=weight, style=style, stretch=stretch)
        try:
            path = font_manager.fontManager.findfont(prop, fallback_to_default=False)
        except ValueError:
            continue
        names.append(family)
        maps.append(_charmap(str(getattr(path, "path", path)), int(getattr(path, "face_index", 0))))
    return tuple(names), tuple(maps)


# Per (families, weight, style, stretch): the characters already found in that chain (grows as texts are checked).
_COVERED: dict[tuple[tuple[str, ...], str | int, str, str | int], set[str]] = {}


def _ignorable(ch: str) -> bool:
    """Line breaks and other control characters are never drawn, so need no glyph."""
    return unicodedata.category(ch) == "Cc"


def missing_character(text: str, weight: str | int = "normal", style: str = "normal",
                      stretch: str | int = "normal") -> str | None:
    """Return the first character of ``text`` that no font of the chain has, or None."""
    covered = _COVERED.setdefault((font_families(), weight, style, stretch), set())
    chars = set(text)
    if chars <= covered:
        return None
    _, maps = _chain(weight, style, stretch)
    for ch in text:
        if ch in covered or _ignorable(ch):
            continue
        if any(ord(ch) in charmap for charmap in maps):
            covered.add(ch)
        else:
            return ch
    return None


def glyph_error(ch: str, text: str, chart_title: str, weight: str | int = "normal") -> ChartError:
    """Return the ChartError for a character no font has, naming the character, the text and the chart."""
    names, _ = _chain(weight, "normal", "normal")
    where = text if len(text) <= 60 else text[:57] + "…"
    error = ChartError(
        f"chart {chart_title!r}: no font has the character {describe_character(ch)} "
        f"in {where!r} (fonts: {', '.join(names) or 'none'}; {install_hint(ch, chart=True)})"
    )
    error.character = ch  # the build names the data file and line the character came from
    return error


def check_strings(strings: Iterable[str], chart_title: str, weight: str | int = "normal") -> None:
    """Fail with ChartError on the first character of ``strings`` that no font has."""
    for text in strings:
        ch = missing_character(text, weight)
        if ch is not None:
            raise glyph_error(ch, text, chart_title, weight)


def check_glyphs(fig, chart_title: str) -> None:
    """Fail with ChartError if a visible text of ``fig`` has a character that no font of its chain has."""
    from matplotlib.text import Text

    for artist in fig.findobj(Text):
        text = artist.get_text()
        if not text or not artist.get_visible():
            continue
        prop = artist.get_fontproperties()
        ch = missing_character(text, prop.get_weight(), prop.get_style(), prop.get_stretch())
        if ch is not None:
            raise glyph_error(ch, text, chart_title, prop.get_weight())
