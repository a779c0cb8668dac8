"""Measuring text: greedy word wrap with real font metrics, heights and widths in points.

A paragraph is measured with the metrics of the fonts the writer puts on its runs
(``pptx_fonts``: the theme's Latin font, the East Asian font for CJK characters), so the
numbers match what LibreOffice and PowerPoint draw. ``WIDTH_SAFETY`` and
``HEIGHT_SAFETY`` leave a little room for hinting and renderer drift.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from dossier.writers.pptx.fonts import LINE, FontSet, char_face, current_fonts, face, is_wide
from dossier.writers.pptx.text import Para

WIDE_LINE = 1.25  # for lines with CJK characters
WIDTH_SAFETY = 0.97  # measure against 97 % of the box width (hinting, kerning, renderer drift)
HEIGHT_SAFETY = 0.97  # and 97 % of its height
TAB_EM = 6.0  # a tab advances to the next default stop (1 in): at most ~6 em at slide sizes


@dataclass(slots=True)
class _Flat:
    """A paragraph measured: its characters, their widths and its line height."""

    text: str
    widths: list[float]  # per character, in ems
    line: float  # line height in ems
    links: dict[int, int]  # start → end of each hyperlink's characters


def _flatten(p: Para) -> _Flat:
    """Return the characters of ``p``, their advance widths and its line height (in ems)."""
    return _flatten_with(p, current_fonts())


@lru_cache(maxsize=8192)
def _flatten_with(p: Para, fonts: FontSet) -> _Flat:
    """Measure ``p`` with ``fonts`` (cached: fitting measures the same paragraph at many sizes).

    Renderers set a line at 1.2 × the font size ("single" spacing in PowerPoint,
    and LibreOffice's font-independent spacing for pptx), whatever the font. Two
    exceptions measured in LibreOffice: a line holding a hyperlink (drawn as a
    field) and a line in a table cell take the font's own ascent + descent
    (about 1.22 em for Carlito, 1.36 em for Noto Sans); CJK lines get a little extra because PowerPoint
    sets East Asian fonts looser.
    """
    chars: list[str] = []
    widths: list[float] = []
    links: dict[int, int] = {}
    natural = face(p.font or fonts.body).line
    wide = False
    for span in p.spans:
        bold, italic = span.bold or p.bold, span.italic or p.italic
        if span.link and span.text:
            links[len(chars)] = len(chars) + len(span.text)
        for ch in span.text:
            chars.append(ch)
            if ch == "\n":
                widths.append(0.0)
                continue
            f = char_face(ch, bold, italic, span.code, p.font)
            natural = max(natural, f.line)
            wide = wide or is_wide(ch)
            if p.caps and not is_wide(ch):
                widths.append(sum(f.width(c) for c in ch.upper()))
            else:
                widths.append(f.width(ch))
    line = natural if (links or p.cell) else (WIDE_LINE if wide else LINE)
    return _Flat("".join(chars), widths, line, links)


# LibreOffice (ICU) breaks after a hyphen or dash followed by a letter. It may
# also break after "/", but not always: a URL counts as one word, and only when
# it is longer than a line is it broken after its last "/" that fits.
_BREAK_AFTER = set("-\u2013\u2014\u2010")
CHAR_BREAK_FILL = 0.9  # a word longer than a line: assume its broken lines are at most 90 % full
LINK_BREAK_FILL = 0.85  # a hyperlink longer than a line is broken between characters too


def _breaks_after(text: str, k: int) -> bool:
    return text[k] in _BREAK_AFTER and k + 1 < len(text) and text[k + 1].isalpha()


def wrap_flat(flat: _Flat, avail_em: float) -> list[tuple[int, int]]:
    """Greedy wrap: (start, end) character ranges of each line; avail in ems.

    Mirrors LibreOffice closely enough to be on the safe side: breaks at spaces,
    around CJK characters and after hyphens; a word longer than the line starts
    a new line and is broken between characters. A hyperlink is a field there:
    it starts a new line when it does not fit the rest of the current one, and
    when it runs over several lines the text after it starts a new line too.
    """
    text, w = flat.text, flat.widths
    n = len(text)
    lines: list[tuple[int, int]] = []
    start = 0
    x = 0.0  # width of the line so far, trailing spaces excluded
    gap = 0.0  # width of spaces waiting between the line and the next word
    link_end = -1
    link_lines = 0
    i = 0
    while i < n:
        if i == link_end:
            if len(lines) > link_lines and x > 0:
                lines.append((start, i))
                start, x, gap = i, 0.0, 0.0
            link_end = -1
        ch = text[i]
        if ch == "\n":
            lines.append((start, i))
            start, x, gap, i = i + 1, 0.0, 0.0, i + 1
            continue
        if ch in " \t":
            gap += w[i] if ch == " " else TAB_EM
            i += 1
            continue
        j = i + 1
        if i in flat.links:  # a hyperlink is one unbreakable word (a field) in LibreOffice
            link_end = j = flat.links[i]
            while j > i + 1 and text[j - 1] in " \t":
                j -= 1
            link_lines = len(lines) + (1 if x > 0 and x + gap + sum(w[i:j]) > avail_em else 0)
        elif not is_wide(ch):  # a word: up to a space, newline, CJK character or link, or just after a hyphen
            while (
                j < n
                and text[j] not in " \t\n"
                and not is_wide(text[j])
                and not _breaks_after(text, j - 1)
                and j not in flat.links
            ):
                j += 1
        ww = sum(w[i:j])
        if x > 0 and x + gap + ww > avail_em:
            lines.append((start, i))
            start, x, gap = i, 0.0, 0.0
        if (
            x == 0 and ww > avail_em
        ):  # longer than a line: break after a "/" if one fits, else between characters
            fill = avail_em * (LINK_BREAK_FILL if link_end > i else CHAR_BREAK_FILL)
            k = i
            while k < j:
                end, x = k, 0.0
                while end < j and (end == k or x + w[end] <= fill):
                    x += w[end]
                    end += 1
                if end < j:
                    slash = text.rfind("/", k, end)
                    if slash > k:
                        end = slash + 1
                        x = sum(w[k:end])
                    lines.append((start, end))
                    start = end
                k = end
            gap, i = 0.0, j
            continue
        x += gap + ww
        gap, i = 0.0, j
    lines.append((start, n))
    return lines


def _text_width_pt(p: Para, box_width: float, size: float) -> float:
    """Width available to the text of ``p`` in a box ``box_width`` points wide (insets already removed)."""
    return box_width * WIDTH_SAFETY - p.margin * size * p.scale


def para_lines(p: Para, box_width: float, size: float) -> list[tuple[int, int]]:
    """Return the (start, end) character ranges of the lines of ``p`` in a box ``box_width`` wide."""
    psize = size * p.scale
    avail = _text_width_pt(p, box_width, size) / psize
    return wrap_flat(_flatten(p), max(avail, 0.5))


@lru_cache(maxsize=32768)
def _line_count(p: Para, fonts: FontSet, avail_em: float) -> int:
    """Return how many lines ``p`` takes in ``avail_em`` ems (cached: tables and pages re-measure a lot)."""
    return len(wrap_flat(_flatten_with(p, fonts), avail_em))


def forget_measurements() -> None:
    """Empty the measurement caches: they serve one deck's fitting, and would otherwise fill up
    with every deck a process writes (tens of MB in a worker that writes many)."""
    _flatten_with.cache_clear()
    _line_count.cache_clear()


def para_height(p: Para, box_width: float, size: float, first: bool = False) -> float:
    """Height in points of ``p`` wrapped to ``box_width`` at base ``size``."""
    psize = size * p.scale
    fonts = current_fonts()
    flat = _flatten_with(p, fonts)
    avail = _text_width_pt(p, box_width, size) / psize
    n = _line_count(p, fonts, round(max(avail, 0.5), 6))
    h = n * flat.line * psize
    if not first:
        h += p.space_before * psize
    return h


def text_height(paras: Sequence[Para], box_width: float, size: float) -> float:
    """Return the height in points of paragraphs stacked in one box (no space before the first)."""
    return sum(para_height(p, box_width, size, first=(i == 0)) for i, p in enumerate(paras))


def single_line_width(p: Para, size: float) -> float:
    """Width in points of ``p`` set on one line (longest hard line), margins included."""
    flat = _flatten(p)
    best = cur = 0.0
    for ch, w in zip(flat.text, flat.widths):
        if ch == "\n":
            best, cur = max(best, cur), 0.0
        else:
            cur += w
    best = max(best, cur)
    return (best + p.margin) * size * p.scale / WIDTH_SAFETY


def longest_word_width(p: Para, size: float) -> float:
    """Width in points of the longest unbreakable word of ``p``, margins included."""
    flat = _flatten(p)
    best = cur = 0.0
    for k, (ch, w) in enumerate(zip(flat.text, flat.widths)):
        if ch in " \t\n" or is_wide(ch):
            best, cur = max(best, cur, w if is_wide(ch) else 0.0), 0.0
        else:
            cur += w
            if _breaks_after(flat.text, k):
                best, cur = max(best, cur), 0.0
    best = max(best, cur)
    return (best + p.margin) * size * p.scale / WIDTH_SAFETY


def word_too_wide(p: Para, box_width: float, size: float) -> bool:
    """Return whether a word of ``p`` is wider than the line and would be broken between its letters
    (a web address or path may break after a "/", as LibreOffice and PowerPoint do: it does not count)."""
    flat = _flatten(p)
    avail = _text_width_pt(p, box_width, size) / (size * p.scale)
    text, w = flat.text, flat.widths

    def too_wide(start: int, end: int, width: float) -> bool:
        linked = any(a <= start < b for a, b in flat.links.items())
        return width > avail and "/" not in text[start:end] and not linked

    start, width = 0, 0.0
    for k, ch in enumerate(text):
        if ch in " \t\n" or is_wide(ch):
            if too_wide(start, k, width):
                return True
            start, width = k + 1, 0.0
            continue
        width += w[k]
        if _breaks_after(text, k):
            if too_wide(start, k + 1, width):
                return True
            start, width = k + 1, 0.0
    return too_wide(start, len(text), width)


def line_height(p: Para, size: float) -> float:
    """Return the height in points of one line of ``p``."""
    return _flatten(p).line * size * p.scale


def char_breaks(p: Para, box_width: float, size: float) -> bool:
    """Return whether some word of ``p`` is longer than the line and must be broken between characters."""
    return longest_word_width(p, size) > box_width


def fits(paras: Sequence[Para], box_width: float, box_height: float, size: float) -> bool:
    """Return whether the paragraphs fit the box at ``size``."""
    return text_height(paras, box_width, size) <= box_height * HEIGHT_SAFETY


def fit_size(
    paras: Sequence[Para], box_width: float, box_height: float, start: float, floor: float
) -> float | None:
    """Return the largest whole size from ``start`` down to ``floor`` at which ``paras`` fit, or None."""
    size = start
    while size >= floor:
        if fits(paras, box_width, box_height, size):
            return size
        size -= 1
    return None
