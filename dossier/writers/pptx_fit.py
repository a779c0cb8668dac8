"""Text measurement for the pptx writer: real font metrics, greedy word wrap, fit and split.

Everything here works in points. A paragraph is measured with the metrics of the
fonts the writer puts on its runs (``SANS``/``MONO`` for Latin text, ``EA`` for
CJK characters), read with Pillow from the font files fontconfig reports, so the
numbers match what LibreOffice draws. PowerPoint's autofit is never relied on:
the writer picks a size here and sets it on every run.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache

from PIL import ImageFont

from dossier.markdown_text import XML_FORBIDDEN

SANS = "Noto Sans"
MONO = "DejaVu Sans Mono"
EA = "Noto Sans CJK SC"

LINE = 1.2  # line height in ems of the font size
WIDE_LINE = 1.25  # for lines with CJK characters
WIDTH_SAFETY = 0.97  # measure against 97 % of the box width (hinting, kerning, renderer drift)
HEIGHT_SAFETY = 0.97  # and 97 % of its height
TAB_EM = 6.0  # a tab advances to the next default stop (1 in): at most ~6 em at slide sizes

# Where the fonts usually live when fontconfig cannot be asked.
_KNOWN_FILES: dict[tuple[str, bool, bool], tuple[str, ...]] = {
    (SANS, False, False): ("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",),
    (SANS, True, False): ("/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",),
    (SANS, False, True): ("/usr/share/fonts/truetype/noto/NotoSans-Italic.ttf",),
    (SANS, True, True): ("/usr/share/fonts/truetype/noto/NotoSans-BoldItalic.ttf",),
    (MONO, False, False): ("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",),
    (MONO, True, False): ("/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf",),
    (MONO, False, True): ("/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Oblique.ttf",),
    (MONO, True, True): ("/usr/share/fonts/truetype/dejavu/DejaVuSansMono-BoldOblique.ttf",),
    (EA, False, False): ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",),
    (EA, True, False): ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",),
}

# ------------------------------------------------------------------ text hygiene

_FORBIDDEN = XML_FORBIDDEN


def clean(text: str) -> str:
    """Drop characters XML cannot hold (keep tab and newline); turn CR/CRLF into newline."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _FORBIDDEN.sub("", text)


# ------------------------------------------------------------------ paragraphs


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text in one style; "\\n" inside ``text`` is a line break."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    link: str | None = None


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph as the writer will emit it.

    ``margin`` is the left margin of the text and ``hang`` the width of the marker
    column before it, both in ems of the paragraph's size. ``marker`` is None, a
    bullet character, or "#" for a number (``number``).
    """

    spans: tuple[Span, ...]
    marker: str | None = None
    number: int | None = None
    margin: float = 0.0
    hang: float = 0.0
    scale: float = 1.0
    align: str = "l"  # "l", "ctr", "r"
    space_before: float = 0.0  # in ems of the paragraph's size; dropped on the first paragraph of a box
    bold: bool = False
    italic: bool = False
    color: str | None = None  # "RRGGBB"
    refs: tuple[str, ...] = ()  # footnote labels cited in this paragraph
    cell: bool = False  # set in a table cell, where lines take the font's own height

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


def untab(p: Para) -> Para:
    """The paragraph with tabs as spaces (for table cells, where a tab stop lands outside the cell)."""
    if not any("\t" in s.text for s in p.spans):
        return p
    return replace(p, spans=tuple(replace(s, text=s.text.replace("\t", " ")) for s in p.spans))


def char_breaks(p: Para, box_width: float, size: float) -> bool:
    """Whether some word of ``p`` is longer than the line and must be broken between characters."""
    return longest_word_width(p, size) > box_width


def para(text: str, **kw) -> Para:
    """Return a paragraph of one plain span."""
    return Para(spans=(Span(text),), **kw)


# ------------------------------------------------------------------ fonts


def _fc_match(family: str, bold: bool, italic: bool) -> str | None:
    if not shutil.which("fc-match"):
        return None
    pattern = family + (":bold" if bold else "") + (":italic" if italic else "")
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
    found_family, _, path = out.partition("\t")
    if path and family.lower() in found_family.lower():
        return path
    return None


class _Face:
    """One font file's advance widths (in ems, cached per character) and line height."""

    def __init__(self, path: str | None) -> None:
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

    def width(self, ch: str) -> float:
        w = self._widths.get(ch)
        if w is None:
            if self.font is not None:
                w = self.font.getlength(ch) / 1000
            else:  # no font file: a deliberately generous guess
                w = 1.0 if is_wide(ch) else 0.62
            self._widths[ch] = w
        return w


@cache
def _face(family: str, bold: bool, italic: bool) -> _Face:
    if family == EA:
        italic = False  # CJK has no italic; the renderer slants the upright face
    path = _fc_match(family, bold, italic)
    if path is None:
        for candidate in _KNOWN_FILES.get((family, bold, italic), ()):
            if os.path.exists(candidate):
                path = candidate
                break
    if path is None and (bold or italic):
        return _face(family, False, False)
    return _Face(path)


def is_wide(ch: str) -> bool:
    """Whether a character is drawn with the East Asian font (CJK, kana, hangul, full-width)."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _char_face(ch: str, bold: bool, italic: bool, code: bool) -> _Face:
    if is_wide(ch):
        return _face(EA, bold, False)
    return _face(MONO if code else SANS, bold, italic)


# ------------------------------------------------------------------ wrapping


@dataclass(slots=True)
class _Flat:
    text: str
    widths: list[float]  # per character, in ems
    line: float  # line height in ems
    links: dict[int, int]  # start → end of each hyperlink's characters


def _flatten(p: Para) -> _Flat:
    """Characters, their advance widths and the paragraph's line height (in ems).

    Renderers set a line at 1.2 × the font size ("single" spacing in PowerPoint,
    and LibreOffice's font-independent spacing for pptx), whatever the font. Two
    exceptions measured in LibreOffice: a line holding a hyperlink (drawn as a
    field) and a line in a table cell take the font's own ascent + descent
    (1.36 em for Noto Sans); CJK lines get a little extra because PowerPoint
    sets East Asian fonts looser.
    """
    chars: list[str] = []
    widths: list[float] = []
    links: dict[int, int] = {}
    natural = _face(SANS, False, False).line
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
            face = _char_face(ch, bold, italic, span.code)
            natural = max(natural, face.line)
            wide = wide or is_wide(ch)
            widths.append(face.width(ch))
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
    psize = size * p.scale
    avail = _text_width_pt(p, box_width, size) / psize
    return wrap_flat(_flatten(p), max(avail, 0.5))


def para_height(p: Para, box_width: float, size: float, first: bool = False) -> float:
    """Height in points of ``p`` wrapped to ``box_width`` at base ``size``."""
    psize = size * p.scale
    flat = _flatten(p)
    avail = _text_width_pt(p, box_width, size) / psize
    n = len(wrap_flat(flat, max(avail, 0.5)))
    h = n * flat.line * psize
    if not first:
        h += p.space_before * psize
    return h


def text_height(paras: Sequence[Para], box_width: float, size: float) -> float:
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


def line_height(p: Para, size: float) -> float:
    return _flatten(p).line * size * p.scale


def fits(paras: Sequence[Para], box_width: float, box_height: float, size: float) -> bool:
    return text_height(paras, box_width, size) <= box_height * HEIGHT_SAFETY


def fit_size(
    paras: Sequence[Para], box_width: float, box_height: float, start: float, floor: float
) -> float | None:
    """The largest whole size from ``start`` down to ``floor`` at which ``paras`` fit, or None."""
    size = start
    while size >= floor:
        if fits(paras, box_width, box_height, size):
            return size
        size -= 1
    return None


# ------------------------------------------------------------------ splitting


def split_para(p: Para, box_width: float, size: float, max_height: float) -> tuple[Para | None, Para]:
    """Split ``p`` after the last line that fits in ``max_height``; the tail loses its marker."""
    psize = size * p.scale
    flat = _flatten(p)
    lines = para_lines(p, box_width, size)
    fit_n = int(max_height * HEIGHT_SAFETY // (flat.line * psize))
    if fit_n <= 0:
        return None, p
    fit_n = min(fit_n, len(lines) - 1) if len(lines) > 1 else len(lines)
    cut = lines[fit_n][0] if fit_n < len(lines) else len(flat.text)
    head_spans, tail_spans = _cut_spans(p.spans, cut)
    head = replace(p, spans=head_spans)
    tail = replace(p, spans=tail_spans, marker=None, number=None, space_before=0.0)
    return head, tail


def _cut_spans(spans: tuple[Span, ...], cut: int) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    head: list[Span] = []
    tail: list[Span] = []
    pos = 0
    for s in spans:
        end = pos + len(s.text)
        if end <= cut:
            head.append(s)
        elif pos >= cut:
            tail.append(s)
        else:
            head.append(replace(s, text=s.text[: cut - pos]))
            tail.append(replace(s, text=s.text[cut - pos :]))
        pos = end
    if head:
        head[-1] = replace(head[-1], text=head[-1].text.rstrip(" \n"))
    if tail:
        tail[0] = replace(tail[0], text=tail[0].text.lstrip(" \n"))
    return tuple(head), tuple(tail)


Box = Callable[[int], tuple[float, float]]  # page index → (width, height) in points


def paginate(chunks: Sequence[Sequence[Para]], box: Box, size: float) -> list[list[Para]]:
    """Fill pages with chunks (groups of paragraphs kept together when they can be).

    A chunk that does not fit on an empty page is split between its paragraphs,
    and a paragraph that does not fit on an empty page between its lines, so the
    result never overflows.
    """
    pages: list[list[Para]] = [[]]
    used = 0.0

    def room() -> tuple[float, float]:
        w, h = box(len(pages) - 1)
        return w, h * HEIGHT_SAFETY

    def new_page() -> None:
        nonlocal used
        pages.append([])
        used = 0.0

    queue: list[list[Para]] = [list(c) for c in chunks if c]
    while queue:
        chunk = queue.pop(0)
        w, h = room()
        first = not pages[-1]
        need = sum(para_height(p, w, size, first=(first and i == 0)) for i, p in enumerate(chunk))
        if used + need <= h:
            pages[-1].extend(chunk)
            used += need
            continue
        fresh_need = text_height(chunk, w, size)
        if not first and fresh_need <= box(len(pages))[1] * HEIGHT_SAFETY:
            new_page()
            queue.insert(0, chunk)
            continue
        # too tall for any page: place paragraph by paragraph
        if len(chunk) > 1:
            queue[0:0] = [[p] for p in chunk]
            continue
        p = chunk[0]
        ph = para_height(p, w, size, first=first)
        if used + ph <= h:
            pages[-1].append(p)
            used += ph
            continue
        rest = h - used - (0 if first else p.space_before * size * p.scale)
        head, tail = split_para(p, w, size, rest)
        if head is None or not head.text.strip():
            if first:  # not even one line fits an empty page: give up on this size
                raise _NoFit
            new_page()
            queue.insert(0, [p])
            continue
        pages[-1].append(head)
        new_page()
        queue.insert(0, [tail])
    return [pg for pg in pages if pg]


class _NoFit(Exception):
    pass


def fit_pages(
    chunks: Sequence[Sequence[Para]], box: Box, start: float, floor: float, split: float | None = None
) -> tuple[float, list[list[Para]]]:
    """Choose a size and pages for a run of content; all its pages share the size.

    If everything fits on one page at ``floor`` or above, that is the answer, at
    the largest size that fits. Otherwise the content is split across pages at a
    readable size: the largest from ``start`` down to ``split`` (default ``floor``)
    that needs no more pages than ``split`` itself does.
    """
    every = [p for c in chunks for p in c]
    w, h = box(0)
    one = fit_size(every, w, h, start, floor)
    if one is not None:
        return one, [every]
    size = float(max(floor, split or floor))
    while True:
        try:
            least = len(paginate(chunks, box, size))
            break
        except _NoFit:
            size -= 1
            if size < 6:
                raise
    s = float(start)
    while s > size:
        try:
            pages = paginate(chunks, box, s)
            if len(pages) <= least:
                return s, pages
        except _NoFit:
            pass
        s -= 1
    return size, paginate(chunks, box, size)


# ------------------------------------------------------------------ single-box helpers


def fit_or_cut(
    paras: Sequence[Para], box_width: float, box_height: float, start: float, floor: float
) -> tuple[float, list[Para]]:
    """Fit paragraphs in one box (largest size from ``start`` to ``floor``); text that
    still does not fit at ``floor`` is cut, with an ellipsis, at a line break."""
    size = fit_size(paras, box_width, box_height, start, floor)
    if size is not None:
        return size, list(paras)
    pages = paginate([[p] for p in paras], lambda i: (box_width, box_height * 0.92), floor)
    kept = list(pages[0]) if pages else []
    if kept:
        kept[-1] = replace(kept[-1], spans=kept[-1].spans + (Span("…"),))
    return float(floor), kept


def fit_lines(
    text: str,
    box_width: float,
    box_height: float,
    start: float,
    floor: float,
    max_lines: int,
    bold: bool = False,
    caps: bool = False,
    last_resort: float | None = None,
    keep_suffix: str = "",
) -> tuple[float, str]:
    """Fit a one-paragraph title: the largest size with at most ``max_lines`` lines in the box.

    Sizes go from ``start`` down to ``floor`` and then, for very long text, on to
    ``last_resort`` (default: ``floor``); if even that fails the text is cut at a
    word with an ellipsis, keeping ``keep_suffix`` (e.g. " (cont.)") when the text
    ends with it. Returns (size, text to set).
    """

    def ok(candidate: str, s: float) -> bool:
        p = Para(spans=(Span(candidate.upper() if caps else candidate),), bold=bold)
        return len(para_lines(p, box_width, s)) <= max_lines and fits([p], box_width, box_height, s)

    lowest = floor if last_resort is None else min(floor, last_resort)
    size = float(start)
    while size >= lowest:
        if ok(text, size):
            return size, text
        size -= 1
    size = float(lowest)
    suffix = keep_suffix if keep_suffix and text.endswith(keep_suffix) else ""
    base = text[: len(text) - len(suffix)] if suffix else text
    words = base.split(" ")
    while len(words) > 1:
        words.pop()
        cand = " ".join(words).rstrip(",;:-–— ") + "…" + suffix
        if ok(cand, size):
            return size, cand
    cut = base
    while len(cut) > 1:  # one very long word: cut characters
        cut = cut[: max(1, math.floor(len(cut) * 0.9))]
        if ok(cut + "…" + suffix, size):
            return size, cut + "…" + suffix
    return size, cut + "…"
