"""From the flat block list to slides: which blocks go on which slide, and their notes.

``group_slides`` applies pandoc's slide conventions (level-1 heading → section slide,
level-2 heading → content slide, ``---`` → continuation slide, notes belong to the slide
they stand on). A heading may ask for a layout by name: ``## Title {layout="Two Content"}``.
``pptx_units`` turns one slide's blocks into what the layout step places.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dossier.model import (
    Block,
    Chart,
    Document,
    Heading,
    Image,
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
from dossier.messages import N_, translate
from dossier.writers.pptx.text import clean
from dossier.writers.pptx.units import refs_of, unknown

CONT = " (cont.)"  # the English words; a deck in another language reads them from its catalogue
CONTINUED = N_("{title} (cont.)")
SOURCES_TITLES = {
    "sources",
    "references",
    "bibliography",
    "sources and notes",
    "notes and sources",
    "further reading",
}


def continued(title: str, locale: str = "en") -> str:
    """Return the title of a continuation slide: the title with " (cont.)" in the locale's words, once."""
    return title if not title or is_continued(title, locale) else translate(locale, CONTINUED).format(title=title)


def is_continued(title: str, locale: str = "en") -> bool:
    """Return whether ``title`` is already a continuation slide's title in the locale's words."""
    before, _, after = translate(locale, CONTINUED).partition("{title}")
    return bool(before or after) and len(title) > len(before + after) and title.startswith(before) and title.endswith(after)


@dataclass
class LogicalSlide:
    """One slide as the Markdown has it; the layout step may spread it over several."""

    kind: str  # "section" or "content"
    title: str
    loc: Location | None
    blocks: list[Block] = field(default_factory=list)
    notes: list[Notes] = field(default_factory=list)
    title_refs: tuple[str, ...] = ()
    layout: str = ""  # a layout asked for by name ({layout="..."} on the heading)

    @property
    def is_sources(self) -> bool:
        """Return whether this is a list of sources (set smaller, on as few slides as readable)."""
        title = self.title.strip().removesuffix(CONT)
        return title.strip().rstrip(":").casefold() in SOURCES_TITLES


def group_slides(blocks: tuple[Block, ...], locale: str = "en") -> list[LogicalSlide]:
    """Return the slides the blocks make, in order."""
    slides: list[LogicalSlide] = []
    current: LogicalSlide | None = None
    next_title = ""  # title for content that arrives without its own heading
    next_layout = ""

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
                title_refs=refs_of(block.inlines),
                layout=str(block.attrs.get("layout", "")).strip(),
            )
            if block.level == 1:
                slides.append(slide)
                next_layout = ""
            else:
                current = slide
                next_layout = slide.layout
            next_title = slide.title
        elif isinstance(block, SlideBreak):
            if current is not None:
                next_title = continued(current.title, locale)
            close()
        elif isinstance(block, Notes):
            if current is not None:
                current.notes.append(block)
            elif slides and not is_continued(next_title, locale):
                slides[-1].notes.append(block)
            else:
                current = LogicalSlide("content", next_title, block.loc, notes=[block], layout=next_layout)
        else:
            if current is None:
                current = LogicalSlide("content", next_title, getattr(block, "loc", None), layout=next_layout)
            current.blocks.append(block)
    close()
    return slides


# ------------------------------------------------------------------ notes


def blocks_text(blocks: tuple[Block, ...] | list[Block], indent: str = "") -> tuple[list[str], list[str]]:
    """Return the plain-text lines of speaker-note blocks, and the footnote labels they cite."""
    lines: list[str] = []
    refs: list[str] = []
    for block in blocks:
        if isinstance(block, (Paragraph, Heading)):
            lines.append(indent + clean(plain_text(block.inlines)).replace("\n", " "))
            refs.extend(refs_of(block.inlines))
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
                    refs.extend(refs_of(c))
        elif isinstance(block, (Chart, Image, SlideBreak)):
            continue
        else:
            raise unknown(block)
    return lines, refs


def footnote_line(document: Document, label: str) -> tuple[int, str]:
    """Return a footnote's number and its text as a notes line: "[n] text <link>"."""
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
