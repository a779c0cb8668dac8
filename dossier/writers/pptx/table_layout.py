"""Tables on slides: column widths from the cells' text, rows split between slides with the header repeated.

The table is set at one size on all its slides: the largest from ``Sizes.table`` start down
to the floor at which it fits one slide, else the largest that needs no more slides than the
floor does. A row never splits, and no cell is cut: a single row taller than a slide at the
floor fails the build (``DoesNotFit``, the writer names the slide).
"""

from __future__ import annotations

from dataclasses import replace

from dossier.writers.pptx.boxes import (
    CELL_X,
    CELL_Y,
    GAP,
    vertical_insets,
    Page,
    Rect,
    Sizes,
    TableBox,
    TextBox,
    inner,
)
from dossier.writers.pptx.fit import DoesNotFit, fit_or_fail
from dossier.writers.pptx.text import Para, Span, untab
from dossier.writers.pptx.units import TableUnit
from dossier.writers.pptx.wrap import (
    HEIGHT_SAFETY,
    char_breaks,
    line_height,
    longest_word_width,
    single_line_width,
    text_height,
)


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


def table_pages(
    t: TableUnit, body: Rect, area: Rect, after_h: float, first: Page, sizes: Sizes
) -> tuple[list[Page], float]:
    """Place a table in ``body`` on the first slide and ``area`` on the next; return the pages and
    where the table (with its caption) ends on the last one."""
    start, floor, split = sizes.table
    small = sizes.caption[1]
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
        w, h = inner(area.w, area.h * 0.2)
        _, cut = fit_or_fail(
            [Para(spans=(Span(t.caption),), italic=True, align="ctr", color="muted")],
            w,
            h,
            small,
            small,
        )
        cap_para = cut[0] if cut else None
        cap_h = text_height(cut, w, small) / HEIGHT_SAFETY + vertical_insets() + 1 + GAP / 2 if cut else 0.0

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

    s = float(start)
    while s >= floor:  # one slide if it fits at the floor or above
        result = paginate(s)
        if result is not None and len(result[2]) == 1:
            return _table_emit(t, result, s, header, rows, body, area, (cap_para, cap_h, small), first)
        s -= 1
    size = float(split)
    result = paginate(size)
    while result is None and size > floor:
        size -= 1
        result = paginate(size)
    if result is None:  # a row taller than a slide even at the floor: never cut, say so
        raise DoesNotFit(
            f"a row of the table at line {t.loc.line} is taller than a slide even at {floor:g} pt; "
            "split its cells or shorten them"
        )
    least = len(result[2])
    s = float(start)
    while s > size:
        cand = paginate(s)
        if cand is not None and len(cand[2]) <= least:
            size, result = s, cand
            break
        s -= 1
    return _table_emit(t, result, size, header, rows, body, area, (cap_para, cap_h, small), first)


def _table_emit(
    t: TableUnit,
    result,
    size: float,
    header: list[Para],
    rows: list[list[Para]],
    body: Rect,
    area: Rect,
    caption: tuple[Para | None, float, float],
    first: Page,
) -> tuple[list[Page], float]:
    """Return the table's pages: its rows per slide under the repeated header, the caption below."""
    cap_para, cap_h, small = caption
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
            page.items.append(TextBox(cap_rect, [cap_para], small, name="Caption"))
            end_y = cap_rect.bottom
        pages.append(page)
    return pages, end_y
