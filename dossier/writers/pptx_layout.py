"""Placing a slide's content units on one or more slides, in points.

The plan is made before anything is written: for each physical slide a list of
boxes (text, picture, table, quote bar) with their rectangles and font sizes.
Text is fitted with the measurements in ``pptx_fit``; what does not fit at the
floor size moves to continuation slides.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from PIL import Image as PILImage

from dossier.errors import WriterError
from dossier.writers.pptx_fit import (
    HEIGHT_SAFETY,
    Para,
    Span,
    char_breaks,
    fit_or_cut,
    fit_pages,
    fit_size,
    line_height,
    longest_word_width,
    single_line_width,
    split_para,
    text_height,
    untab,
)
from dossier.writers.pptx_slides import QuoteUnit, TableUnit, TextUnit, Unit, Visual, VisualGroup

INSET_X = 7.2  # text box insets, points (0.1 in)
INSET_Y = 3.6  # (0.05 in)
CELL_X = 5.4  # table cell insets (0.075 in)
CELL_Y = 2.9  # (0.04 in)
GAP = 12.0  # between stacked boxes

BODY = (24, 14, 18)  # start, floor (one slide), split (size when spread over slides), points
SOURCES = (18, 12, 12)  # reference material: fewest slides
BAND = (24, 18)
TABLE = (18, 12, 14)
TABLE_LAST_RESORT = 9
QUOTE = (32, 18)
QUOTE_FLOOR = 14
CAPTION = (14, 12)
BAND_MAX = 0.3  # a takeaway line may use this share of the content height


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def right(self) -> float:
        return self.x + self.w


@dataclass
class TextBox:
    rect: Rect
    paras: list[Para]
    size: float
    anchor: str = "t"
    name: str = "Text"


@dataclass
class PictureBox:
    rect: Rect
    visual: Visual


@dataclass
class TableBox:
    rect: Rect
    widths: list[float]
    heights: list[float]
    header: list[Para]
    rows: list[list[Para]]
    aligns: tuple[str | None, ...]
    size: float


@dataclass
class BarBox:
    rect: Rect


Item = TextBox | PictureBox | TableBox | BarBox


@dataclass
class Page:
    items: list[Item] = field(default_factory=list)

    def refs(self) -> list[str]:
        out: list[str] = []
        for item in self.items:
            paras: list[Para] = []
            if isinstance(item, TextBox):
                paras = item.paras
            elif isinstance(item, TableBox):
                paras = item.header + [p for row in item.rows for p in row]
            for p in paras:
                out.extend(p.refs)
        return out

    def visuals(self) -> list[Visual]:
        return [i.visual for i in self.items if isinstance(i, PictureBox)]


def _inner(w: float, h: float) -> tuple[float, float]:
    return w - 2 * INSET_X, h - 2 * INSET_Y


def _flat(chunks: list[list[Para]]) -> list[Para]:
    return [p for c in chunks for p in c]


# ------------------------------------------------------------------ planning


@dataclass
class _Job:
    unit: Unit | None  # None: text only
    before: TextUnit | None = None
    after: TextUnit | None = None
    side: TextUnit | None = None


def plan(units: list[Unit], area: Rect, sources: bool = False) -> list[Page]:
    """Lay out a slide's units in ``area``; one Page per physical slide (at least one)."""

    def short(t: TextUnit) -> bool:
        w, h = _inner(area.w, area.h * BAND_MAX)
        return fit_size(_flat(t.chunks), w, h, *BAND) is not None

    jobs: list[_Job] = []
    pending: TextUnit | None = None
    for unit in units:
        if isinstance(unit, TextUnit):
            last = jobs[-1] if jobs else None
            if last is not None and last.unit is not None and last.after is None and last.side is None:
                if short(unit):
                    last.after = unit
                    continue
                if isinstance(last.unit, VisualGroup):
                    last.side = unit
                    continue
            pending = unit
            continue
        job = _Job(unit)
        if pending is not None:
            if short(pending):
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
        pages.extend(_job_pages(job, area, sources))
    return pages or [Page()]


def _band(t: TextUnit | None, area: Rect, y: float) -> TextBox | None:
    if t is None:
        return None
    paras = _flat(t.chunks)
    w, h = _inner(area.w, area.h * BAND_MAX)
    size = fit_size(paras, w, h, *BAND) or BAND[1]
    height = text_height(paras, w, size) / HEIGHT_SAFETY + 2 * INSET_Y + 1
    return TextBox(Rect(area.x, y, area.w, height), paras, size, name="Takeaway")


def _text_pages(
    chunks: list[list[Para]], boxes: list[Rect], rest: Rect, sizes: tuple[float, float]
) -> list[TextBox]:
    """Paginate text: page i goes into boxes[i], later pages into ``rest``."""

    def box(i: int) -> tuple[float, float]:
        r = boxes[i] if i < len(boxes) else rest
        return _inner(r.w, r.h)

    size, pages = fit_pages(chunks, box, *sizes)
    return [
        TextBox(boxes[i] if i < len(boxes) else rest, paras, size, name="Content")
        for i, paras in enumerate(pages)
    ]


def _job_pages(job: _Job, area: Rect, sources: bool) -> list[Page]:
    text_sizes = SOURCES if sources else BODY
    if job.unit is None:
        assert job.side is not None
        return [Page([tb]) for tb in _text_pages(job.side.chunks, [area], area, text_sizes)]

    first = Page()
    y = area.y
    before = _band(job.before, area, y)
    if before:
        first.items.append(before)
        y = before.rect.bottom + GAP
    after_probe = _band(job.after, area, 0)
    after_h = after_probe.rect.h + GAP if after_probe else 0.0
    body = Rect(area.x, y, area.w, area.bottom - y - after_h)

    extra: list[Page] = []
    if isinstance(job.unit, VisualGroup):
        vis_rect = body
        if job.side is not None:
            col = (body.w - 2 * GAP) * 0.42
            text_rect = Rect(body.x, body.y, col, body.h)
            vis_rect = Rect(body.x + col + 2 * GAP, body.y, body.w - col - 2 * GAP, body.h)
            boxes = _text_pages(job.side.chunks, [text_rect], area, text_sizes)
            first.items.append(boxes[0])
            extra = [Page([tb]) for tb in boxes[1:]]
        used = _place_visuals(job.unit.visuals, vis_rect, first)
        end_y = vis_rect.y + used
        pages = [first] + extra
    elif isinstance(job.unit, TableUnit):
        pages, end_y = _table_pages(job.unit, body, area, after_h, first)
    else:
        assert isinstance(job.unit, QuoteUnit)
        pages, end_y = _quote_pages(job.unit, body, Rect(area.x, area.y, area.w, area.h - after_h), first)

    if after_probe is not None:
        r = after_probe.rect
        pages[-1].items.append(
            TextBox(Rect(r.x, end_y + GAP, r.w, r.h), after_probe.paras, after_probe.size, name="Takeaway")
        )
    if job.side is not None and not isinstance(job.unit, VisualGroup):
        pages += [Page([tb]) for tb in _text_pages(job.side.chunks, [area], area, text_sizes)]
    return pages


# ------------------------------------------------------------------ pictures


def image_size(v: Visual) -> tuple[int, int]:
    if not v.path.is_file():
        raise WriterError(f"picture file not found: {v.path}", file=v.loc.file, line=v.loc.line)
    try:
        with PILImage.open(v.path) as im:
            return im.size
    except (OSError, ValueError, PILImage.DecompressionBombError) as exc:
        raise WriterError(f"cannot read picture {v.path}: {exc}", file=v.loc.file, line=v.loc.line) from None


def _place_visuals(visuals: list[Visual], rect: Rect, page: Page) -> float:
    """Pictures side by side in ``rect``, aspect kept, captions below, the shorter ones centred
    on the tallest; returns the height used."""
    n = len(visuals)
    cell_w = (rect.w - GAP * 2 * (n - 1)) / n
    cells: list[tuple[float, float, float, Visual, TextBox | None]] = []  # x, picture w, picture h
    for k, v in enumerate(visuals):
        x = rect.x + k * (cell_w + 2 * GAP)
        cap: TextBox | None = None
        cap_h = 0.0
        if v.caption:
            p = Para(spans=(Span(v.caption),), italic=True, align="ctr", color="404040")
            w, h = _inner(cell_w, rect.h * 0.3)
            size, cap_paras = fit_or_cut([p], w, h, *CAPTION)
            cap_h = text_height(cap_paras, w, size) / HEIGHT_SAFETY + 2 * INSET_Y + 1
            cap = TextBox(Rect(x, 0, cell_w, cap_h), cap_paras, size, name="Caption")
        iw, ih = image_size(v)
        avail_h = max(rect.h - (cap_h + GAP / 2 if cap else 0), 10)
        scale = min(cell_w / iw, avail_h / ih)
        cells.append((x, iw * scale, ih * scale, v, cap))
    heights = [ph + (GAP / 2 + cap.rect.h if cap else 0) for _, _, ph, _, cap in cells]
    used = max(heights)
    for (x, pw, ph, v, cap), h in zip(cells, heights):
        y = rect.y + (used - h) / 2
        page.items.append(PictureBox(Rect(x + (cell_w - pw) / 2, y, pw, ph), v))
        if cap is not None:
            cap.rect = Rect(x, y + ph + GAP / 2, cell_w, cap.rect.h)
            page.items.append(cap)
    return used


# ------------------------------------------------------------------ tables


def _column_widths(
    header: list[Para], rows: list[list[Para]], ncols: int, width: float, size: float
) -> list[float]:
    natural = [0.0] * ncols
    minimum = [0.0] * ncols
    for row in [header] + rows:
        for c, p in enumerate(row[:ncols]):
            natural[c] = max(natural[c], single_line_width(p, size) + 2 * CELL_X)
            minimum[c] = max(minimum[c], longest_word_width(p, size) + 2 * CELL_X)
    natural = [max(n, 2 * CELL_X + size) for n in natural]
    total = sum(natural)
    if total <= width:
        target = min(width, max(total * 1.15, width * 0.6))
        return [n * target / total for n in natural]
    # water-fill: narrow columns keep their natural width, wide ones share the rest
    widths = [0.0] * ncols
    open_cols = set(range(ncols))
    left = width
    while open_cols:
        share = left / len(open_cols)
        fixed = [c for c in open_cols if natural[c] <= share]
        if not fixed:
            break
        for c in fixed:
            widths[c] = natural[c]
            left -= natural[c]
            open_cols.discard(c)
    if open_cols:
        weight = sum(natural[c] for c in open_cols)
        for c in open_cols:
            widths[c] = left * natural[c] / weight
        # give a column at least its longest word when others can spare it
        for c in open_cols:
            if widths[c] < minimum[c]:
                donors = [d for d in open_cols if widths[d] > minimum[d]]
                need = minimum[c] - widths[c]
                spare = sum(widths[d] - minimum[d] for d in donors)
                take = min(need, spare)
                for d in donors:
                    widths[d] -= take * (widths[d] - minimum[d]) / spare if spare else 0
                widths[c] += take
    # no column narrower than a few characters, so words are not broken letter by letter
    floor_w = min(width / ncols, 4 * size + 2 * CELL_X)
    short = sum(floor_w - w for w in widths if w < floor_w)
    if short > 0:
        spare = sum(w - floor_w for w in widths if w > floor_w)
        widths = [floor_w if w < floor_w else w - short * (w - floor_w) / spare for w in widths]
    return widths


def _row_height(row: list[Para], widths: list[float], size: float) -> float:
    """Height of a table row. A cell whose words must be broken between characters,
    or whose hyperlink wraps, gets a spare line: LibreOffice breaks those less
    predictably, and a row that grows in the renderer pushes the table down."""
    h = 0.0
    for p, w in zip(row, widths):
        inner = w - 2 * CELL_X
        ph = text_height([p], inner, size)
        if char_breaks(p, inner, size) or (any(s.link for s in p.spans) and ph > line_height(p, size) * 1.5):
            ph = ph * 1.15 + line_height(p, size)
        h = max(h, ph)
    return h / HEIGHT_SAFETY + 2 * CELL_Y + 1


def _truncate_cells(row: list[Para], widths: list[float], size: float, max_h: float) -> list[Para]:
    out = []
    for p, w in zip(row, widths):
        if text_height([p], w - 2 * CELL_X, size) > max_h:
            head, _ = split_para(p, w - 2 * CELL_X, size, max(max_h - 2 * line_height(p, size), 0))
            p = replace(p, spans=(head.spans if head else ()) + (Span("…"),))
        out.append(p)
    return out


def _first_words(p: Para) -> Para:
    text = p.text.split()
    return replace(
        p,
        spans=(
            Span(" ".join(text[:2])[:12] + ("…" if len(text) > 2 or len(" ".join(text[:2])) > 12 else "")),
        ),
    )


def _table_pages(
    t: TableUnit, body: Rect, area: Rect, after_h: float, first: Page
) -> tuple[list[Page], float]:
    ncols = max([len(t.header)] + [len(r) for r in t.rows]) if (t.header or t.rows) else 1
    header = (
        [replace(untab(p), cell=True) for p in t.header + [Para(spans=())] * (ncols - len(t.header))]
        if t.header
        else []
    )
    rows = [[replace(untab(p), cell=True) for p in r + [Para(spans=())] * (ncols - len(r))] for r in t.rows]
    cap_para = None
    cap_h = 0.0
    if t.caption:
        w, h = _inner(area.w, area.h * 0.2)
        _, cut = fit_or_cut(
            [Para(spans=(Span(t.caption),), italic=True, align="ctr", color="404040")],
            w,
            h,
            CAPTION[1],
            CAPTION[1],
        )
        cap_para = cut[0] if cut else None
        cap_h = text_height(cut, w, CAPTION[1]) / HEIGHT_SAFETY + 2 * INSET_Y + 1 + GAP / 2 if cut else 0.0

    def capacity(i: int) -> float:
        if i == 0:
            return body.h - cap_h
        return area.h - after_h - cap_h

    def paginate(size: float) -> tuple[list[float], list[float], list[list[int]]] | None:
        widths = _column_widths(header, rows, ncols, body.w, size)
        head_h = _row_height(header, widths, size) if header else 0.0
        heights = [_row_height(r, widths, size) for r in rows]
        if head_h > min(capacity(0), capacity(1)) * 0.5:
            return None  # the header alone would crowd out the rows
        pages: list[list[int]] = [[]]
        used = head_h
        for i, h in enumerate(heights):
            if used + h > capacity(len(pages) - 1):
                if not pages[-1]:
                    return None  # a single row taller than the slide
                pages.append([])
                used = head_h
            if used + h > capacity(len(pages) - 1):
                return None
            pages[-1].append(i)
            used += h
        return widths, [head_h] + heights, pages

    for s in range(TABLE[0], TABLE[1] - 1, -1):  # one slide if it fits at the floor or above
        result = paginate(float(s))
        if result is not None and len(result[2]) == 1:
            return _table_emit(t, result, float(s), header, rows, body, area, cap_para, cap_h, first)
    size = float(TABLE[2])
    result = paginate(size)
    while result is None and size > TABLE_LAST_RESORT:
        size -= 1
        result = paginate(size)
    if result is None:  # giant cells: cut them (with "…") to what one slide can hold
        widths = _column_widths(header, rows, ncols, body.w, size)
        room = min(capacity(0), capacity(1))
        limit = room * 0.3
        while result is None and limit > size * 2:
            if header and _row_height(header, widths, size) > room * 0.45:
                header = _truncate_cells(header, widths, size, limit - 2 * CELL_Y)
            rows = [_truncate_cells(r, widths, size, limit - 2 * CELL_Y) for r in rows]
            widths = _column_widths(header, rows, ncols, body.w, size)
            result = paginate(size)
            limit *= 0.7
        if result is None:  # last resort: one short line per cell
            header = [_first_words(p) for p in header]
            rows = [[_first_words(p) for p in r] for r in rows]
            result = paginate(size)
        if result is None:
            raise WriterError("table cells are too large to fit a slide", file=t.loc.file, line=t.loc.line)
    least = len(result[2])
    s = float(TABLE[0])
    while s > size:
        cand = paginate(s)
        if cand is not None and len(cand[2]) <= least:
            size, result = s, cand
            break
        s -= 1
    return _table_emit(t, result, size, header, rows, body, area, cap_para, cap_h, first)


def _table_emit(
    t, result, size, header, rows, body, area, cap_para, cap_h, first
) -> tuple[list[Page], float]:
    widths, heights, row_pages = result
    total_w = sum(widths)
    x = body.x + (body.w - total_w) / 2
    pages: list[Page] = []
    end_y = body.y
    for i, idx in enumerate(row_pages):
        page = first if i == 0 else Page()
        top = body.y if i == 0 else area.y
        hs = ([heights[0]] if header else []) + [heights[1 + j] for j in idx]
        rect = Rect(x, top, total_w, sum(hs))
        page.items.append(TableBox(rect, widths, hs, header, [rows[j] for j in idx], t.aligns, size))
        end_y = rect.bottom
        if cap_para is not None:  # measured at the full content width, so it gets that width
            cap_rect = Rect(area.x, rect.bottom + GAP / 2, area.w, cap_h - GAP / 2)
            page.items.append(TextBox(cap_rect, [cap_para], CAPTION[1], name="Caption"))
            end_y = cap_rect.bottom
        pages.append(page)
    return pages, end_y


# ------------------------------------------------------------------ quotes

BAR_W = 6.0


def _quote_pages(q: QuoteUnit, body: Rect, area: Rect, first: Page) -> tuple[list[Page], float]:
    indent = BAR_W + 18

    def rect_for(i: int) -> Rect:
        r = body if i == 0 else area
        return Rect(r.x + indent, r.y, r.w - indent, r.h)

    def box(i: int) -> tuple[float, float]:
        r = rect_for(i)
        return _inner(r.w, r.h)

    every = [p for c in q.chunks for p in c]
    one = fit_size(every, *box(0), QUOTE[0], QUOTE_FLOOR)
    if one is not None:
        size, paras_pages = one, [every]
    else:
        size, paras_pages = fit_pages(q.chunks, box, QUOTE[1], QUOTE_FLOOR)
    pages: list[Page] = []
    end_y = body.y
    for i, paras in enumerate(paras_pages):
        page = first if i == 0 else Page()
        r = rect_for(i)
        w, _ = _inner(r.w, r.h)
        h = min(r.h, text_height(paras, w, size) / HEIGHT_SAFETY + 2 * INSET_Y + 2)
        y = r.y + max(0.0, (r.h - h) / 2) if len(paras_pages) == 1 else r.y
        page.items.append(BarBox(Rect(r.x - indent, y + INSET_Y, BAR_W, h - 2 * INSET_Y)))
        page.items.append(TextBox(Rect(r.x, y, r.w, h), paras, size, name="Quote"))
        end_y = y + h
        pages.append(page)
    return pages, end_y
