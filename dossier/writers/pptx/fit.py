"""Fitting text: the largest size at which it fits a box, and splitting what never fits.

Sizes run in whole points from a start size down to a floor; what does not fit at the
floor is split between chunks (list items, paragraphs), then between lines, onto further
pages, never set smaller. Text is never cut short and a word never broken between its
letters: a size at which a word is wider than its box is no fit, and text that fits no box
at the floor raises ``DoesNotFit`` (the writer names the slide). PowerPoint's autofit is
never relied on: the writer picks a size here and sets it on every run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from dossier.writers.pptx.text import Para, Span
from dossier.writers.pptx.wrap import (
    HEIGHT_SAFETY,
    _flatten,
    fit_size,
    fits,
    para_height,
    para_lines,
    text_height,
    word_too_wide,
)


class DoesNotFit(Exception):
    """Text that fits its box at no size down to the floor (or only by breaking a word)."""


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


def paginate_or_none(chunks: Sequence[Sequence[Para]], box: Box, size: float) -> list[list[Para]] | None:
    """Return ``paginate``'s pages, or None when not even one line fits an empty page at ``size``."""
    try:
        return paginate(chunks, box, size)
    except _NoFit:
        return None


class _NoFit(Exception):
    """Not even one line fits an empty page at this size."""


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
    start = whole_words(every, w, start, floor)
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


def whole_words(paras: Sequence[Para], box_width: float, start: float, floor: float) -> float:
    """Return the largest size from ``start`` down to ``floor`` at which no word is wider than the box,
    or raise ``DoesNotFit``."""
    size = float(start)
    while size >= floor:
        if not any(word_too_wide(p, box_width, size) for p in paras):
            return size
        size -= 1
    raise DoesNotFit(f"a word is wider than its box ({box_width:.0f} pt) even at {floor:g} pt")


def fit_or_fail(
    paras: Sequence[Para], box_width: float, box_height: float, start: float, floor: float
) -> tuple[float, list[Para]]:
    """Fit paragraphs in one box: the largest size from ``start`` to ``floor`` at which they fit
    without breaking a word; else raise ``DoesNotFit``."""
    size = fit_size(paras, box_width, box_height, whole_words(paras, box_width, start, floor), floor)
    if size is None:
        raise DoesNotFit(f"the text does not fit its box ({box_width:.0f} × {box_height:.0f} pt) at {floor:g} pt")
    return size, list(paras)


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
    font: str = "",
    overhang: float = 0.0,
    inset_below: float = 0.0,
    centred: bool = False,
) -> tuple[float, str]:
    """Fit a one-paragraph title: the largest size with at most ``max_lines`` lines in the box and no
    word broken. Sizes go from ``start`` down to ``floor`` and then, for very long text, on to
    ``last_resort`` (default: ``floor``) with as many lines as the box holds; past that the text
    raises ``DoesNotFit``, never cut. The glyphs of the last line reach ``overhang`` ems below it:
    what the bottom inset (``inset_below``, already outside ``box_height``) does not hold of that is
    kept free (twice when the text is ``centred`` in its box). Returns (size, text to set)."""
    p = Para(spans=(Span(text),), bold=bold, caps=caps, font=font)

    def ok(s: float, lines: int) -> bool:
        return (
            not word_too_wide(p, box_width, s)
            and len(para_lines(p, box_width, s)) <= lines
            and fits([p], box_width, box_height - max(0.0, overhang * s - inset_below) * (2 if centred else 1), s)
        )

    size = float(start)
    while size >= floor:
        if ok(size, max_lines):
            return size, text
        size -= 1
    lowest = floor if last_resort is None else min(floor, last_resort)
    size = float(min(floor, start))
    while size >= lowest:
        if ok(size, 10**6):
            return size, text
        size -= 1
    raise DoesNotFit(
        f"{text!r} does not fit its box ({box_width:.0f} × {box_height:.0f} pt) at {lowest:g} pt"
        " without breaking a word"
    )
