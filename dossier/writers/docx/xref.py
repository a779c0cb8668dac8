"""Caption numbers and cross-references for the DOCX writer.

Captioned tables and figures are numbered with ``SEQ`` fields ("Table 1", "Figure 1").
Before writing, :class:`CrossReferences` walks the whole document once, so a link may
point forward: ``[see](#fig-trade)`` on a chart with ``id: fig-trade`` becomes a ``REF``
field to a hidden bookmark around the caption's label and number. The field shows
"Figure 2" (the link's own words are replaced by the label, as Word's "Insert
cross-reference → Only label and number" does) and is a link to the caption. Word and
LibreOffice recompute both the numbers and the references; the cached text is right
from the start, so readers that do not (python-docx, text extraction) agree.

Links to a heading's ``{#id}`` stay plain internal hyperlinks; a link to an id that
is neither is a ``WriterError`` at the paragraph that holds it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from dossier.errors import WriterError
from dossier.messages import translate
from dossier.model import Chart, Heading, Image, ListBlock, Location, Quote, Table
from dossier.writers.docx.ooxml import (
    add_bookmark_end, add_bookmark_start, add_field, add_text_run, add_text_runs, bookmark_name, clean_line,
)


@dataclass(frozen=True)
class Target:
    """A numbered caption: "Figure" or "Table", its number, and the bookmark references point at."""

    label: str  # "Figure" or "Table": the SEQ field's name
    number: int
    bookmark: str = ""
    shown: str = ""  # the label in the document's language ("Рисунок")

    @property
    def text(self) -> str:
        return f"{self.shown or self.label} {self.number}"


def caption_text(block) -> str:
    """The caption a block is printed with ("" → not captioned, not numbered)."""
    if isinstance(block, Table):
        return block.caption or ""
    if isinstance(block, Chart):  # the picture draws no title: the caption says it, then the chart's caption
        title, caption = block.spec.title.strip(), block.spec.caption.strip()
        if title and caption:
            return f"{title}{'' if title[-1] in '.!?' else '.'} {caption}"
        return caption or title
    if isinstance(block, Image):
        return block.caption
    return ""


def _walk(blocks: Iterable) -> Iterable:
    """Every block in writing order, including those inside quotes and list items (not speaker notes)."""
    for block in blocks:
        yield block
        if isinstance(block, Quote):
            yield from _walk(block.blocks)
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from _walk(item.blocks)


class CrossReferences:
    """Numbers of all captioned blocks and the targets of ``#id`` links, known before writing."""

    def __init__(self, blocks: Iterable, locale: str = "en") -> None:
        self._numbers: dict[int, Target] = {}  # id(block) → target
        self._ids: dict[str, Target] = {}
        self._headings: dict[str, str] = {}  # id → bookmark name
        counters = {"Figure": 0, "Table": 0}
        shown = {"Figure": translate(locale, "Figure"), "Table": translate(locale, "Table")}
        used: set[str] = set()
        for block in _walk(blocks):
            if isinstance(block, Heading):
                raw = block.attrs.get("id")
                if raw and raw not in self._headings:
                    self._headings[raw] = bookmark_name(raw)
                continue
            if not caption_text(block):
                continue
            label = "Table" if isinstance(block, Table) else "Figure"
            counters[label] += 1
            raw = getattr(block, "id", "") or ""
            bookmark = ""
            if raw:
                if raw in self._ids:
                    raise WriterError(f"two captions have the id #{raw}", file=block.loc.file, line=block.loc.line)
                bookmark = _unique(("_Ref_" + bookmark_name(raw))[:40], used)
            target = Target(label, counters[label], bookmark, shown[label])
            self._numbers[id(block)] = target
            if raw:
                self._ids[raw] = target

    def number(self, block) -> Target:
        """The label and number of a captioned block."""
        return self._numbers[id(block)]

    def heading_bookmark(self, raw_id: str) -> str | None:
        """The bookmark of the first heading with ``{#raw_id}``, or None."""
        return self._headings.get(raw_id)

    def resolve(self, url: str, loc: Location) -> Target | str:
        """Resolve an internal link ``#id``: a caption :class:`Target`, or a heading's bookmark name."""
        raw = url[1:]
        if raw in self._ids:
            return self._ids[raw]
        if raw in self._headings:
            return self._headings[raw]
        known = sorted(set(self._ids) | set(self._headings))
        hint = f"; ids in this document: {', '.join('#' + k for k in known)}" if known else ""
        raise WriterError(f"link to #{raw}, but no table, figure or heading has that id{hint}",
                          file=loc.file, line=loc.line)


def _unique(name: str, used: set[str]) -> str:
    candidate, n = name, 1
    while candidate in used:
        n += 1
        candidate = f"{name[:36]}_{n}"
    used.add(candidate)
    return candidate


def add_caption(p, target: Target, text: str, next_bookmark_id: Callable[[], int]) -> None:
    """Fill caption paragraph ``p``: "Figure {SEQ}: text", the label and number bookmarked when referenced."""
    bookmark_id = next_bookmark_id() if target.bookmark else None
    if bookmark_id is not None:
        add_bookmark_start(p, bookmark_id, target.bookmark)
    add_text_run(p, f"{target.shown or target.label} ")
    add_field(p, f"SEQ {target.label} \\* ARABIC", str(target.number))
    if bookmark_id is not None:
        add_bookmark_end(p, bookmark_id)
    add_text_runs(p, f": {clean_line(text)}")


def add_reference(p, target: Target, rpr=None) -> None:
    """Append a ``REF`` field showing ``target``'s "Label N", linked to its caption."""
    add_field(p, f"REF {target.bookmark} \\h", target.text, rpr)
