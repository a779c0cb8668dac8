"""A slide's blocks → units the layout step places: text chunks, pictures, tables, quotes.

Text is kept in chunks that should stay together on a slide (a list item with everything
nested under it, a paragraph, a heading with what follows it); a chart becomes a picture,
or an editable chart when its spec asks for ``native: true`` and its kind has one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from dossier.charts.profile import PROFILES
from dossier.errors import WriterError
from dossier.bidi import paragraph_is_rtl, quote_marks
from dossier.model import (
    Block,
    Chart,
    ChartSpec,
    FootnoteRef,
    Heading,
    Image,
    Inline,
    LineBreak,
    ListBlock,
    Location,
    Notes,
    Paragraph,
    Quote,
    SlideBreak,
    Table,
    Text,
)
from dossier.writers.native_charts.data import caption_lines, is_native
from dossier.writers.pptx.text import Para, Span, clean

BULLETS = ("•", "–", "•", "–")
LEVEL_STEP = 1.2  # ems of indent per list level
PARA_GAP = 0.45  # ems of space before a paragraph or list item
NESTED_GAP = 0.2
NATIVE_BINS = PROFILES["slide"].y_bins  # an editable chart's value ticks: at most this many intervals, as pictured


def fail(block: object, message: str) -> WriterError:
    """Return a WriterError located at ``block``'s place in the template."""
    loc = getattr(block, "loc", None)
    return WriterError(message, file=getattr(loc, "file", None), line=getattr(loc, "line", None))


def unknown(block: object) -> WriterError:
    """Return the error for a block the writer cannot place."""
    return fail(block, f"pptx writer cannot place a {type(block).__name__} block on a slide")


def refs_of(inlines: tuple[Inline, ...]) -> tuple[str, ...]:
    """Return the footnote labels cited in inline runs."""
    return tuple(r.label for r in inlines if isinstance(r, FootnoteRef))


@dataclass
class TextUnit:
    """Paragraphs in chunks; a slide breaks only between chunks when it can."""

    chunks: list[list[Para]]


@dataclass
class Visual:
    """A picture (a file, or a chart's drawing); ``chart`` is set when it is written as an editable chart,
    ``drawing`` when the chart is drawn for the box it is placed in (then ``path`` is None until it is)."""

    path: Path | None
    alt: str
    caption: str
    source: str  # chart source, cited in the notes
    title: str
    loc: Location
    chart: ChartSpec | None = None
    drawing: Chart | None = None


@dataclass
class VisualGroup:
    """One or two pictures shown side by side."""

    visuals: list[Visual]


@dataclass
class TableUnit:
    """A table's cells as paragraphs."""

    header: list[Para]
    rows: list[list[Para]]
    aligns: tuple[str | None, ...]
    caption: str
    loc: Location


@dataclass
class QuoteUnit:
    """A block quote's paragraphs (the attribution kept with the last)."""

    chunks: list[list[Para]]
    rtl: bool = False  # a right-to-left quotation: its accent bar on the right


Unit = TextUnit | VisualGroup | TableUnit | QuoteUnit


def spans_of(inlines: tuple[Inline, ...], block: object = None) -> tuple[tuple[Span, ...], tuple[str, ...]]:
    """Inline runs → spans (footnote numbers left off the slide) and the footnote labels cited."""
    spans: list[Span] = []
    refs: list[str] = []
    for run in inlines:
        if isinstance(run, Text):
            text = clean(run.text)
            if text:
                link = clean(run.link).strip() if run.link else None
                spans.append(Span(text, run.bold, run.italic, run.code, link or None))
        elif isinstance(run, LineBreak):
            spans.append(Span("\n"))
        elif isinstance(run, FootnoteRef):
            refs.append(run.label)
        else:
            raise fail(block, f"pptx writer cannot place an inline {type(run).__name__}")
    return tuple(spans), tuple(refs)


def _paragraph(inlines: tuple[Inline, ...], block: object, **kw) -> Para:
    spans, refs = spans_of(inlines, block)
    return Para(spans=spans, refs=refs, **kw)


def list_chunks(lst: ListBlock, level: int = 0, italic: bool = False) -> list[list[Para]]:
    """One chunk per item (its paragraphs and everything nested under it)."""
    chunks: list[list[Para]] = []
    digits = len(str(lst.start + len(lst.items) - 1))
    for n, item in enumerate(lst.items, start=lst.start):
        if lst.ordered:
            hang = 0.57 * digits + 0.65
            marker, number = "#", n
        else:
            hang = 1.0
            marker, number = BULLETS[min(level, len(BULLETS) - 1)], None
        margin = level * LEVEL_STEP + hang
        gap = PARA_GAP if level == 0 else NESTED_GAP
        chunk: list[Para] = []
        first = True
        for block in item.blocks:
            if isinstance(block, Paragraph):
                chunk.append(
                    _paragraph(
                        block.inlines,
                        block,
                        marker=marker if first else None,
                        number=number if first else None,
                        margin=margin,
                        hang=hang,
                        space_before=gap if first else NESTED_GAP,
                        italic=italic,
                    )
                )
                first = False
            elif isinstance(block, ListBlock):
                if first:  # an item that opens with a nested list still shows its marker
                    chunk.append(
                        Para(
                            spans=(), marker=marker, number=number, margin=margin, hang=hang, space_before=gap
                        )
                    )
                    first = False
                for sub in list_chunks(block, level + 1, italic):
                    chunk.extend(sub)
            elif isinstance(block, Heading):
                chunk.append(
                    _paragraph(block.inlines, block, margin=margin, bold=True, space_before=NESTED_GAP)
                )
                first = False
            elif isinstance(block, (Table, Chart, Image, Quote, Notes, SlideBreak)):
                raise fail(block, f"a {type(block).__name__} inside a list item cannot go on a slide")
            else:
                raise unknown(block)
        if not chunk:
            chunk.append(
                Para(spans=(), marker=marker, number=number, margin=margin, hang=hang, space_before=gap)
            )
        chunks.append(chunk)
    return chunks


def _chart_visual(chart: Chart) -> Visual:
    path = chart.images.get("slide")
    spec = chart.spec
    if is_native(spec):
        caption = clean(" ".join(caption_lines(spec, NATIVE_BINS)))  # the lines the picture prints under itself
        return Visual(
            Path(path) if path else None,
            clean(spec.alt or spec.title),
            caption,
            spec.source,
            spec.title,
            chart.loc,
            chart=spec,
        )
    if path is None:  # drawn when placed, at the size of its box
        return Visual(None, spec.alt or spec.title, "", spec.source, spec.title, chart.loc, drawing=chart)
    return Visual(Path(path), spec.alt or spec.title, "", spec.source, spec.title, chart.loc)


def _strip_dash(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    out = list(inlines)
    while out and isinstance(out[0], Text):
        stripped = out[0].text.lstrip(" \u2014\u2013-\u2015\t")
        if stripped:
            out[0] = Text(stripped, out[0].bold, out[0].italic, out[0].code, out[0].link)
            break
        out.pop(0)
    return tuple(out)


def quote_unit(q: Quote) -> QuoteUnit:
    chunks: list[list[Para]] = []
    for block in q.blocks:
        if isinstance(block, Paragraph):
            chunks.append([_paragraph(block.inlines, block, italic=True, space_before=PARA_GAP)])
        elif isinstance(block, ListBlock):
            chunks.extend(list_chunks(block, italic=True))
        elif isinstance(block, Quote):
            chunks.extend(quote_unit(block).chunks)
        elif isinstance(block, Heading):
            chunks.append([_paragraph(block.inlines, block, bold=True, space_before=PARA_GAP)])
        elif isinstance(block, (Table, Chart, Image, Notes, SlideBreak)):
            raise fail(block, f"a {type(block).__name__} inside a quote cannot go on a slide")
        else:
            raise unknown(block)
    # quotation marks around the quoted text (its language's when it runs right to left), unless it brings its own
    spots = [(i, j) for i, c in enumerate(chunks) for j, p in enumerate(c) if p.text.strip()]
    words = " ".join(p.text for c in chunks for p in c)
    if spots and chunks[spots[0][0]][spots[0][1]].text.lstrip()[:1] not in "\"“”„«「『'‘":
        opening, closing = quote_marks(words)
        i, j = spots[0]
        chunks[i][j] = replace(chunks[i][j], spans=(Span(opening),) + chunks[i][j].spans)
        i, j = spots[-1]
        chunks[i][j] = replace(chunks[i][j], spans=chunks[i][j].spans + (Span(closing),))
    attribution = _strip_dash(q.attribution)
    if attribution:
        spans, refs = spans_of(attribution, q)
        att = Para(  # at the quotation's end edge: it takes the quotation's direction
            spans=(Span("— "),) + spans, refs=refs, align="r", scale=0.7, space_before=0.8, color="muted",
            rtl=paragraph_is_rtl(words),
        )
        if chunks:
            chunks[-1].append(att)  # keep the speaker with the last words
        else:
            chunks.append([att])
    return QuoteUnit(chunks, rtl=paragraph_is_rtl(words))


def content_units(blocks: list[Block]) -> list[Unit]:
    """A slide's blocks → units; neighbouring text merges, neighbouring pictures pair up."""
    units: list[Unit] = []
    pending_heading: list[Para] = []

    def add_text(chunks: list[list[Para]]) -> None:
        nonlocal pending_heading
        if pending_heading and chunks:
            chunks = [pending_heading + chunks[0]] + chunks[1:]
            pending_heading = []
        if units and isinstance(units[-1], TextUnit):
            units[-1].chunks.extend(chunks)
        else:
            units.append(TextUnit(list(chunks)))

    def flush_heading() -> None:
        nonlocal pending_heading
        if pending_heading:
            chunk, pending_heading = pending_heading, []
            add_text([chunk])

    for block in blocks:
        if isinstance(block, Paragraph):
            add_text([[_paragraph(block.inlines, block, space_before=PARA_GAP)]])
        elif isinstance(block, ListBlock):
            add_text(list_chunks(block))
        elif isinstance(block, Heading):  # level 3 and deeper: a bold line kept with what follows
            flush_heading()
            pending_heading = [_paragraph(block.inlines, block, bold=True, space_before=PARA_GAP)]
        elif isinstance(block, (Chart, Image)):
            flush_heading()
            if isinstance(block, Chart):
                visual = _chart_visual(block)
            else:
                visual = Visual(Path(block.path), clean(block.alt), clean(block.caption), "", "", block.loc)
            if units and isinstance(units[-1], VisualGroup) and len(units[-1].visuals) < 2:
                units[-1].visuals.append(visual)
            else:
                units.append(VisualGroup([visual]))
        elif isinstance(block, Table):
            flush_heading()
            header = [_paragraph(cell, block, bold=True) for cell in block.header]
            rows = [[_paragraph(cell, block) for cell in row] for row in block.rows]
            ncols = max([len(header)] + [len(r) for r in rows])
            if ncols == 0:
                continue  # an empty table shows nothing
            if header:
                header += [Para(spans=(), bold=True)] * (ncols - len(header))
            rows = [r + [Para(spans=())] * (ncols - len(r)) for r in rows]
            units.append(TableUnit(header, rows, block.aligns, clean(block.caption or ""), block.loc))
        elif isinstance(block, Quote):
            flush_heading()
            units.append(quote_unit(block))
        elif isinstance(block, (Notes, SlideBreak)):
            continue
        else:
            raise unknown(block)
    flush_heading()
    return units
