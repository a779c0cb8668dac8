"""From the flat block list to slides: which blocks go on which slide, and what they become.

``group_slides`` applies pandoc's slide conventions (level-1 heading → section
slide, level-2 heading → content slide, ``---`` → continuation slide, notes
belong to the slide they stand on). ``content_units`` turns one slide's blocks
into units the layout step places: text (chunks of paragraphs that should stay
together), pictures, tables and quotes.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from dossier.errors import WriterError
from dossier.model import (
    Block,
    Chart,
    Document,
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
    plain_text,
)
from dossier.writers.pptx_fit import Para, Span, clean

CONT = " (cont.)"
SOURCES_TITLES = {
    "sources",
    "references",
    "bibliography",
    "sources and notes",
    "notes and sources",
    "further reading",
}
BULLETS = ("•", "–", "•", "–")
LEVEL_STEP = 1.2  # ems of indent per list level
PARA_GAP = 0.45  # ems of space before a paragraph or list item
NESTED_GAP = 0.2


def _fail(block: object, message: str) -> WriterError:
    loc = getattr(block, "loc", None)
    return WriterError(message, file=getattr(loc, "file", None), line=getattr(loc, "line", None))


def unknown(block: object) -> WriterError:
    return _fail(block, f"pptx writer cannot place a {type(block).__name__} block on a slide")


def continued(title: str) -> str:
    return title if not title or title.endswith(CONT) else title + CONT


# ------------------------------------------------------------------ grouping


@dataclass
class LogicalSlide:
    """One slide as the Markdown has it; the layout step may spread it over several."""

    kind: str  # "section" or "content"
    title: str
    loc: Location | None
    blocks: list[Block] = field(default_factory=list)
    notes: list[Notes] = field(default_factory=list)
    title_refs: tuple[str, ...] = ()

    @property
    def is_sources(self) -> bool:
        title = self.title.strip()
        title = title.removesuffix(CONT)
        return title.strip().rstrip(":").casefold() in SOURCES_TITLES


def group_slides(blocks: tuple[Block, ...]) -> list[LogicalSlide]:
    slides: list[LogicalSlide] = []
    current: LogicalSlide | None = None
    next_title = ""  # title for content that arrives without its own heading

    def close() -> None:
        nonlocal current
        if current is not None:
            slides.append(current)
            current = None

    for block in blocks:
        if isinstance(block, Heading) and block.level <= 2:
            close()
            slide = LogicalSlide(
                "section" if block.level == 1 else "content",
                clean(block.text).replace("\n", " ").strip(),
                block.loc,
                title_refs=_refs(block.inlines),
            )
            if block.level == 1:
                slides.append(slide)
            else:
                current = slide
            next_title = slide.title
        elif isinstance(block, SlideBreak):
            if current is not None:
                next_title = continued(current.title)
            close()
        elif isinstance(block, Notes):
            if current is not None:
                current.notes.append(block)
            elif slides and not next_title.endswith(CONT):
                slides[-1].notes.append(block)
            else:
                current = LogicalSlide("content", next_title, block.loc, notes=[block])
        else:
            if current is None:
                current = LogicalSlide("content", next_title, getattr(block, "loc", None))
            current.blocks.append(block)
    close()
    return slides


def _refs(inlines: tuple[Inline, ...]) -> tuple[str, ...]:
    return tuple(r.label for r in inlines if isinstance(r, FootnoteRef))


# ------------------------------------------------------------------ content units


@dataclass
class TextUnit:
    chunks: list[list[Para]]


@dataclass
class Visual:
    path: Path
    alt: str
    caption: str
    source: str  # chart source, cited in the notes
    title: str
    loc: Location


@dataclass
class VisualGroup:
    visuals: list[Visual]


@dataclass
class TableUnit:
    header: list[Para]
    rows: list[list[Para]]
    aligns: tuple[str | None, ...]
    caption: str
    loc: Location


@dataclass
class QuoteUnit:
    chunks: list[list[Para]]


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
            raise _fail(block, f"pptx writer cannot place an inline {type(run).__name__}")
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
                raise _fail(block, f"a {type(block).__name__} inside a list item cannot go on a slide")
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
    title = chart.spec.title
    if path is None:
        raise _fail(chart, f"chart {title!r} has no slide drawing (images['slide'] is missing)")
    return Visual(Path(path), chart.spec.alt or title, "", chart.spec.source, title, chart.loc)


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
            raise _fail(block, f"a {type(block).__name__} inside a quote cannot go on a slide")
        else:
            raise unknown(block)
    # curly quotes around the quoted text, unless the text brings its own
    spots = [(i, j) for i, c in enumerate(chunks) for j, p in enumerate(c) if p.text.strip()]
    if spots and chunks[spots[0][0]][spots[0][1]].text.lstrip()[:1] not in "\"“”„«「『'‘":
        i, j = spots[0]
        chunks[i][j] = replace(chunks[i][j], spans=(Span("“"),) + chunks[i][j].spans)
        i, j = spots[-1]
        chunks[i][j] = replace(chunks[i][j], spans=chunks[i][j].spans + (Span("”"),))
    attribution = _strip_dash(q.attribution)
    if attribution:
        spans, refs = spans_of(attribution, q)
        att = Para(
            spans=(Span("— "),) + spans, refs=refs, align="r", scale=0.7, space_before=0.8, color="595959"
        )
        if chunks:
            chunks[-1].append(att)  # keep the speaker with the last words
        else:
            chunks.append([att])
    return QuoteUnit(chunks)


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


# ------------------------------------------------------------------ notes


def blocks_text(blocks: tuple[Block, ...] | list[Block], indent: str = "") -> tuple[list[str], list[str]]:
    """Plain-text lines of speaker-note blocks, and the footnote labels they cite."""
    lines: list[str] = []
    refs: list[str] = []
    for block in blocks:
        if isinstance(block, (Paragraph, Heading)):
            lines.append(indent + clean(plain_text(block.inlines)).replace("\n", " "))
            refs.extend(_refs(block.inlines))
        elif isinstance(block, ListBlock):
            for n, item in enumerate(block.items, start=block.start):
                sub, r = blocks_text(item.blocks, indent + "   ")
                marker = f"{n}. " if block.ordered else "- "
                if sub:
                    sub[0] = indent + marker + sub[0].lstrip()
                lines.extend(sub)
                refs.extend(r)
        elif isinstance(block, (Quote, Notes)):
            sub, r = blocks_text(block.blocks, indent)
            lines.extend(sub)
            refs.extend(r)
        elif isinstance(block, Table):
            for row in (block.header, *block.rows):
                lines.append(indent + " | ".join(clean(plain_text(c)) for c in row))
                for c in row:
                    refs.extend(_refs(c))
        elif isinstance(block, (Chart, Image, SlideBreak)):
            continue
        else:
            raise unknown(block)
    return lines, refs


def footnote_line(document: Document, label: str) -> tuple[int, str]:
    fn = document.footnotes.get(label)
    if fn is None:
        return 10**9, f"[{label}] (footnote text missing)"
    parts: list[str] = []
    for run in fn.inlines:
        if isinstance(run, Text):
            parts.append(run.text)
            if run.link and run.link not in run.text:
                parts.append(f" <{run.link}>")
        elif isinstance(run, LineBreak):
            parts.append(" ")
    return fn.number, f"[{fn.number}] " + clean("".join(parts)).strip()
