"""Placing a slide's content units on one or more slides, in points.

The plan is made before anything is written: for each physical slide a list of boxes
(text, picture or chart, table, quote bar) with their rectangles and font sizes. Text is
fitted with ``pptx_fit``; what does not fit at the floor moves to continuation slides.
The area comes from the layout's content placeholders; a layout with two of them side
by side gives ``columns`` (text in the first, a picture or the rest of the text in the second).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PIL import Image as PILImage

from dossier.errors import WriterError
from dossier.writers.pptx.boxes import (
    GAP,
    current_insets,
    vertical_insets,
    BarBox,
    Page,
    PictureBox,
    Rect,
    Sizes,
    TextBox,
    inner,
)
from dossier.writers.pptx.fit import fit_or_fail, fit_pages, paginate, paginate_or_none, whole_words
from dossier.writers.pptx.table_layout import table_pages
from dossier.writers.pptx.text import Para, Span
from dossier.writers.pptx.units import QuoteUnit, TableUnit, TextUnit, Unit, Visual, VisualGroup
from dossier.writers.pptx.wrap import HEIGHT_SAFETY, fit_size, fits, text_height

BAND_MAX = 0.3  # a takeaway line may use this share of the content height
SIDE_SHARE = 0.42  # without columns from the layout, text beside a picture takes this share
BAR_W = 6.0
NATIVE_ASPECT = (16.0, 10.0)  # an editable chart without a drawing to take its shape from
MAX_NATIVE_RATIO = 2.4  # an editable chart is stretched to fill its cell, but not wider than this


@dataclass
class _Job:
    unit: Unit | None  # None: text only
    before: TextUnit | None = None
    after: TextUnit | None = None
    side: TextUnit | None = None


def _flat(chunks: list[list[Para]]) -> list[Para]:
    return [p for c in chunks for p in c]


def is_short(t: TextUnit, area: Rect, sizes: Sizes) -> bool:
    """Return whether text fits a takeaway band (above or below a picture or table)."""
    w, h = inner(area.w, area.h * BAND_MAX)
    return fit_size(_flat(t.chunks), w, h, *sizes.band) is not None


def plan(
    units: list[Unit],
    area: Rect,
    sizes: Sizes | None = None,
    sources: bool = False,
    columns: tuple[Rect, ...] = (),
) -> list[Page]:
    """Lay out a slide's units in ``area``; return one Page per physical slide (at least one)."""
    sizes = sizes or Sizes()
    jobs: list[_Job] = []
    pending: TextUnit | None = None
    for unit in units:
        if isinstance(unit, TextUnit):
            last = jobs[-1] if jobs else None
            if last is not None and last.unit is not None and last.after is None and last.side is None:
                if is_short(unit, area, sizes):
                    last.after = unit
                    continue
                if isinstance(last.unit, VisualGroup):
                    last.side = unit
                    continue
            pending = unit
            continue
        job = _Job(unit)
        if pending is not None:
            if is_short(pending, area, sizes):
                job.before = pending
            elif isinstance(unit, VisualGroup):
                job.side = pending
            else:
                jobs.append(_Job(None, side=pending))
            pending = None
        jobs.append(job)
    if pending is not None:
        jobs.append(_Job(None, side=pending))

    pages: list[Page] = []
    for job in jobs:
        pages.extend(_job_pages(job, area, sizes, sources, columns))
    return pages or [Page()]


def _band(t: TextUnit | None, area: Rect, y: float, sizes: Sizes) -> TextBox | None:
    if t is None:
        return None
    paras = _flat(t.chunks)
    w, h = inner(area.w, area.h * BAND_MAX)
    size = fit_size(paras, w, h, *sizes.band) or sizes.band[1]
    height = text_height(paras, w, size) / HEIGHT_SAFETY + vertical_insets() + 1
    return TextBox(Rect(area.x, y, area.w, height), paras, size, name="Takeaway")


def _text_pages(
    chunks: list[list[Para]], boxes: list[Rect], rest: Rect, sizes: tuple[float, float, float]
) -> list[TextBox]:
    """Paginate text: page i goes into boxes[i], later pages into ``rest``."""

    def box(i: int) -> tuple[float, float]:
        r = boxes[i] if i < len(boxes) else rest
        return inner(r.w, r.h)

    start, floor, split = sizes
    size, pages = fit_pages(chunks, box, start, floor, split)
    return [
        TextBox(boxes[i] if i < len(boxes) else rest, paras, size, name="Content")
        for i, paras in enumerate(pages)
    ]


def _column_pages(chunks: list[list[Para]], columns: tuple[Rect, ...], sizes) -> list[Page]:
    """Flow text down the layout's columns at the largest size that fits one slide's columns
    (balanced when it fits one column), else onto further slides with the same columns."""
    n = len(columns)

    def box(i: int) -> tuple[float, float]:
        r = columns[i % n]
        return inner(r.w, r.h)

    start, floor, split = sizes
    start = whole_words(_flat(chunks), min(box(0)[0], box(1)[0]), start, floor)
    size, pages = float(start), None
    while size >= floor:
        pages = paginate_or_none(chunks, box, size)
        if pages is not None and len(pages) <= n:
            break
        size -= 1
    if pages is None or len(pages) > n:
        size, pages = fit_pages(chunks, box, start, floor, split)
    elif n == 2 and len(chunks) > 1:
        halves = _balanced(chunks, box(0)[0], size)
        if all(fits(half, *box(k), size) for k, half in enumerate(halves)):
            pages = halves
    out: list[Page] = []
    for i, paras in enumerate(pages):
        if i % n == 0:
            out.append(Page())
        out[-1].items.append(TextBox(columns[i % n], paras, size, name="Content"))
    return out


def _balanced(chunks: list[list[Para]], width: float, size: float) -> list[list[Para]]:
    """Split chunks into two columns whose taller one is as short as can be (the left one on a tie)."""
    heights = [text_height(c, width, size) for c in chunks]
    total = sum(heights)
    cut = min(range(1, len(chunks)), key=lambda k: (max(sum(heights[:k]), total - sum(heights[:k])), -k))
    return [_flat(chunks[:cut]), _flat(chunks[cut:])]


def _job_pages(job: _Job, area: Rect, sizes: Sizes, sources: bool, columns: tuple[Rect, ...]) -> list[Page]:
    text_sizes = sizes.sources if sources else sizes.body
    if job.unit is None:
        assert job.side is not None
        if len(columns) >= 2:
            return _column_pages(job.side.chunks, columns, text_sizes)
        return [Page([tb]) for tb in _text_pages(job.side.chunks, [area], area, text_sizes)]

    first = Page()
    y = area.y
    before = _band(job.before, area, y, sizes)
    if before:
        first.items.append(before)
        y = before.rect.bottom + GAP
    after_probe = _band(job.after, area, 0, sizes)
    after_h = after_probe.rect.h + GAP if after_probe else 0.0
    body = Rect(area.x, y, area.w, area.bottom - y - after_h)

    extra: list[Page] = []
    if isinstance(job.unit, VisualGroup):
        vis_rect = body
        if job.side is not None:
            if len(columns) >= 2:
                left, right = columns[0], columns[1]
                text_rect = Rect(left.x, body.y, left.w, body.h)
                vis_rect = Rect(right.x, body.y, right.w, body.h)
            else:
                col = (body.w - 2 * GAP) * SIDE_SHARE
                text_rect = Rect(body.x, body.y, col, body.h)
                vis_rect = Rect(body.x + col + 2 * GAP, body.y, body.w - col - 2 * GAP, body.h)
            boxes = _text_pages(job.side.chunks, [text_rect], area, text_sizes)
            first.items.append(boxes[0])
            extra = [Page([tb]) for tb in boxes[1:]]
        used = _place_visuals(job.unit.visuals, vis_rect, first, sizes)
        end_y = vis_rect.y + used
        pages = [first] + extra
    elif isinstance(job.unit, TableUnit):
        pages, end_y = table_pages(job.unit, body, area, after_h, first, sizes)
    else:
        assert isinstance(job.unit, QuoteUnit)
        pages, end_y = _quote_pages(
            job.unit, body, Rect(area.x, area.y, area.w, area.h - after_h), first, sizes
        )

    if after_probe is not None:
        r = after_probe.rect
        pages[-1].items.append(
            TextBox(Rect(r.x, end_y + GAP, r.w, r.h), after_probe.paras, after_probe.size, name="Takeaway")
        )
    if job.side is not None and not isinstance(job.unit, VisualGroup):
        pages += [Page([tb]) for tb in _text_pages(job.side.chunks, [area], area, text_sizes)]
    return pages


# ------------------------------------------------------------------ pictures


def image_size(v: Visual) -> tuple[float, float]:
    """Return a picture's size in pixels (an editable chart: its drawing's, or a default shape)."""
    if v.path is None or (v.chart is not None and not v.path.is_file()):
        return NATIVE_ASPECT
    if not v.path.is_file():
        raise WriterError(f"picture file not found: {v.path}", file=v.loc.file, line=v.loc.line)
    try:
        with PILImage.open(v.path) as im:
            return im.size
    except (OSError, ValueError, PILImage.DecompressionBombError) as exc:
        raise WriterError(f"cannot read picture {v.path}: {exc}", file=v.loc.file, line=v.loc.line) from None


def _caption(v: Visual, cell_w: float, rect: Rect, sizes: Sizes) -> TextBox | None:
    if not v.caption:
        return None
    if v.chart is not None:  # an editable chart's source line: small print, left-aligned
        p = Para(spans=(Span(v.caption),), align="l", color="muted")
    else:
        p = Para(spans=(Span(v.caption),), italic=True, align="ctr", color="muted")
    w, h = inner(cell_w, rect.h * 0.3)
    size, cap_paras = fit_or_fail([p], w, h, *sizes.caption)
    cap_h = text_height(cap_paras, w, size) / HEIGHT_SAFETY + vertical_insets() + 1
    return TextBox(Rect(0, 0, cell_w, cap_h), cap_paras, size, name="Source" if v.chart else "Caption")


def _place_visuals(visuals: list[Visual], rect: Rect, page: Page, sizes: Sizes) -> float:
    """Place pictures side by side in ``rect``, aspect kept, captions below, the shorter ones
    centred on the tallest; return the height used. Editable charts, and charts drawn for their box, fill their cell."""
    n = len(visuals)
    cell_w = (rect.w - GAP * 2 * (n - 1)) / n
    cells: list[tuple[float, float, float, Visual, TextBox | None]] = []  # x, picture w, picture h
    for k, v in enumerate(visuals):
        x = rect.x + k * (cell_w + 2 * GAP)
        cap = _caption(v, cell_w, rect, sizes)
        avail_h = max(rect.h - (cap.rect.h + GAP / 2 if cap else 0), 10)
        if v.chart is not None:
            pw = min(cell_w, avail_h * MAX_NATIVE_RATIO)
            cells.append((x, pw, avail_h, v, cap))
            continue
        if v.path is None and v.drawing is not None:  # drawn for its box: a point drawn is a point placed
            cells.append((x, cell_w, avail_h, v, cap))
            continue
        iw, ih = image_size(v)
        scale = min(cell_w / iw, avail_h / ih)
        cells.append((x, iw * scale, ih * scale, v, cap))
    heights = [ph + (GAP / 2 + cap.rect.h if cap else 0) for _, _, ph, _, cap in cells]
    used = max(heights)
    for (x, pw, ph, v, cap), h in zip(cells, heights):
        y = rect.y + (used - h) / 2
        px = x + (cell_w - pw) / 2
        page.items.append(PictureBox(Rect(px, y, pw, ph), v))
        if cap is not None:
            cap_x, cap_w = (px, pw) if v.chart is not None else (x, cell_w)
            cap.rect = Rect(cap_x, y + ph + GAP / 2, cap_w, cap.rect.h)
            page.items.append(cap)
    return used


# ------------------------------------------------------------------ quotes


def _floored(paras: list[Para], size: float, floor: float) -> list[Para]:
    """Return the paragraphs with a smaller scale (the attribution) raised so none is set below ``floor``."""
    return [replace(p, scale=floor / size) if size * p.scale < floor else p for p in paras]


def _quote_pages(q: QuoteUnit, body: Rect, area: Rect, first: Page, sizes: Sizes) -> tuple[list[Page], float]:
    indent = BAR_W + 18
    start, least, floor = sizes.quote

    def rect_for(i: int) -> Rect:  # the text beside the bar: the bar on its start side (the right, right to left)
        r = body if i == 0 else area
        return Rect(r.x + (0 if q.rtl else indent), r.y, r.w - indent, r.h)

    def box(i: int) -> tuple[float, float]:
        r = rect_for(i)
        return inner(r.w, r.h)

    every = [p for c in q.chunks for p in c]
    size = start
    while size >= floor and not fits(_floored(every, size, floor), *box(0), size):
        size -= 1
    if size >= floor:
        paras_pages = [_floored(every, size, floor)]
    else:
        size, _ = fit_pages(q.chunks, box, least, floor)
        paras_pages = paginate([_floored(c, size, floor) for c in q.chunks], box, size)
    pages: list[Page] = []
    end_y = body.y
    for i, paras in enumerate(paras_pages):
        page = first if i == 0 else Page()
        r = rect_for(i)
        w, _ = inner(r.w, r.h)
        h = min(r.h, text_height(paras, w, size) / HEIGHT_SAFETY + vertical_insets() + 2)
        y = r.y + max(0.0, (r.h - h) / 2) if len(paras_pages) == 1 else r.y
        bar_x = r.x + r.w + indent - BAR_W if q.rtl else r.x - indent
        page.items.append(BarBox(Rect(bar_x, y + current_insets().top, BAR_W, h - vertical_insets())))
        page.items.append(TextBox(Rect(r.x, y, r.w, h), paras, size, name="Quote"))
        end_y = y + h
        pages.append(page)
    return pages, end_y
