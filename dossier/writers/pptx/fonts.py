"""Fonts for the pptx writer: which families the theme uses, and their metrics from the font files.

The template's theme names a heading ("major") and a body ("minor") font. The writer sets
those names on every run and measures text with the metrics of the file that will draw it:
the family itself when it is installed, else its metric-compatible substitute (Carlito for
Calibri, Caladea for Cambria, Liberation Sans for Arial, ...), which is what LibreOffice
draws with too. Files are found with fontconfig (``fc-match``) and read with Pillow.

The fonts in use are a context (``use_fonts``), set by the writer for the deck it writes,
so measuring code need not pass them around.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache, lru_cache

from lxml import etree
from PIL import ImageFont

LINE = 1.2  # line height in ems of the font size ("single" spacing)


@dataclass(frozen=True, slots=True)
class FontSet:
    """The Latin families for headings, body text and code, and the East Asian family."""

    heading: str = "Calibri"
    body: str = "Calibri"
    mono: str = "Courier New"
    ea: str = "Noto Sans CJK SC"


DEFAULT_FONTS = FontSet()

# Proprietary families and their metric-compatible free substitutes (same advance widths), as
# LibreOffice substitutes them when drawing (its replacement table; fontconfig picks the rest).
SUBSTITUTES: dict[str, str] = {
    "calibri": "Carlito",
    "cambria": "Caladea",
    "arial": "Liberation Sans",
    "helvetica": "Liberation Sans",
    "arial narrow": "Liberation Sans Narrow",
    "times new roman": "Liberation Serif",
    "times": "Liberation Serif",
    "courier new": "Liberation Mono",
    "courier": "Liberation Mono",
}

# Families LibreOffice does not substitute whose advance widths match a free family all the same:
# what lets ``dossier layouts`` tell how far the font that draws them is off.
WIDTH_TWINS: dict[str, str] = {"calibri light": "Carlito"}

# Where fonts usually live when fontconfig cannot be asked.
_KNOWN_FILES: dict[str, str] = {
    "carlito": "/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf",
    "caladea": "/usr/share/fonts/truetype/crosextra/Caladea-Regular.ttf",
    "liberation sans": "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "liberation mono": "/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf",
    "noto sans": "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "noto sans cjk sc": "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
}

_FONTS: ContextVar[FontSet] = ContextVar("pptx_fonts", default=DEFAULT_FONTS)


def current_fonts() -> FontSet:
    """Return the fonts of the deck being written."""
    return _FONTS.get()


@contextmanager
def use_fonts(fonts: FontSet) -> Iterator[FontSet]:
    """Measure and emit with ``fonts`` inside the ``with`` block."""
    token = _FONTS.set(fonts)
    try:
        yield fonts
    finally:
        _FONTS.reset(token)


_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def theme_fonts(theme_xml: bytes | None) -> FontSet:
    """Return the fonts a theme part names (``a:majorFont``/``a:minorFont``), defaults where it names none."""
    if not theme_xml:
        return DEFAULT_FONTS
    try:
        root = etree.fromstring(theme_xml)
    except etree.XMLSyntaxError:
        return DEFAULT_FONTS

    def typeface(path: str, default: str) -> str:
        found = root.xpath(f"./a:themeElements/a:fontScheme/{path}/@typeface", namespaces={"a": _A})
        value = str(found[0]).strip() if found else ""
        return value or default

    return FontSet(
        heading=typeface("a:majorFont/a:latin", DEFAULT_FONTS.heading),
        body=typeface("a:minorFont/a:latin", DEFAULT_FONTS.body),
        mono=DEFAULT_FONTS.mono,
        ea=typeface("a:minorFont/a:ea", DEFAULT_FONTS.ea),
    )


# ------------------------------------------------------------------ font files


def _fc_match(pattern: str) -> tuple[str, str] | None:
    """Return (family, file) fontconfig picks for a pattern, or None without fontconfig."""
    if not shutil.which("fc-match"):
        return None
    try:
        out = subprocess.run(
            ["fc-match", "-f", "%{family}\t%{file}", pattern],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    family, _, path = out.partition("\t")
    return (family, path) if path else None


@cache
def installed_family(family: str) -> bool:
    """Return whether fontconfig has the family itself (not a fallback it would pick for it)."""
    found = _fc_match(family)
    return bool(found) and family.casefold() in found[0].casefold()


@lru_cache(maxsize=256)
def font_file(family: str, bold: bool = False, italic: bool = False) -> str | None:
    """Return the file that draws ``family`` in LibreOffice: itself, its substitute, or fontconfig's pick
    (asked of fontconfig once per process, as ``installed_family`` and ``face`` are: each chart placed
    on a slide asks again, and fc-match is a process of its own)."""
    style = (":bold" if bold else "") + (":italic" if italic else "")
    candidates = [family]
    if family.casefold() in SUBSTITUTES:
        candidates.append(SUBSTITUTES[family.casefold()])
    for name in candidates:
        found = _fc_match(name + style)
        if found and name.casefold() in found[0].casefold():
            return found[1]
    found = _fc_match(family + style)
    if found:
        return found[1]
    for name in candidates:
        known = _KNOWN_FILES.get(name.casefold())
        if known and os.path.exists(known) and not (bold or italic):
            return known
    return None


class Face:
    """One font file's advance widths (in ems, cached per character) and natural line height."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.font = None
        if path:
            try:
                self.font = ImageFont.truetype(path, 1000, layout_engine=ImageFont.Layout.BASIC)
            except OSError:
                self.font = None
        if self.font is not None:
            ascent, descent = self.font.getmetrics()
            self.line = max(LINE, (ascent + descent) / 1000)
        else:
            self.line = 1.45
        self._widths: dict[str, float] = {}

    def text_width(self, text: str) -> float:
        """Return the advance width of ``text`` in ems."""
        return sum(self.width(ch) for ch in text)

    def width(self, ch: str) -> float:
        """Return the advance width of ``ch`` in ems."""
        w = self._widths.get(ch)
        if w is None:
            if self.font is not None:
                w = self.font.getlength(ch) / 1000
            else:  # no font file: a deliberately generous guess
                w = 1.0 if is_wide(ch) else 0.62
            self._widths[ch] = w
        return w


@cache
def face(family: str, bold: bool = False, italic: bool = False) -> Face:
    """Return the measured face of a family in a style (the regular face when the style is missing)."""
    path = font_file(family, bold, italic)
    if path is None and (bold or italic):
        return face(family)
    return Face(path)


def is_wide(ch: str) -> bool:
    """Return whether a character is drawn with the East Asian font (CJK, kana, hangul, full-width)."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def char_face(ch: str, bold: bool, italic: bool, code: bool, family: str = "") -> Face:
    """Return the face that draws ``ch``: East Asian for wide characters, else mono or the Latin family."""
    fonts = current_fonts()
    if is_wide(ch):
        return face(fonts.ea, bold, False)  # CJK has no italic; the renderer slants the upright face
    return face(fonts.mono if code else (family or fonts.body), bold, italic)
