"""The document model: one small tree that every writer walks.

Templates render to Markdown; ``dossier.markdown`` parses that Markdown into these
frozen dataclasses. Writers never see Markdown tokens. Every block carries the
place in the rendered template it came from (``loc``), so a writer that cannot
handle a node can say where it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union


@dataclass(frozen=True, slots=True)
class Location:
    """Where a node came from: a template file and a line in it (1-based)."""

    file: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line is not None else self.file


# ---------------------------------------------------------------- inline runs


@dataclass(frozen=True, slots=True)
class Text:
    """A run of text with its emphasis; ``link`` is a URL when the run is a hyperlink."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    link: str | None = None


@dataclass(frozen=True, slots=True)
class FootnoteRef:
    """A reference to ``Document.footnotes[label]``; ``number`` counts from 1 in order of first use."""

    label: str
    number: int


@dataclass(frozen=True, slots=True)
class LineBreak:
    """A hard line break inside a paragraph."""


Inline = Union[Text, FootnoteRef, LineBreak]


def plain_text(inlines: tuple[Inline, ...]) -> str:
    """Return the visible text of inline runs (footnote references left out)."""
    out: list[str] = []
    for run in inlines:
        if isinstance(run, Text):
            out.append(run.text)
        elif isinstance(run, LineBreak):
            out.append("\n")
    return "".join(out)


# ---------------------------------------------------------------- blocks


@dataclass(frozen=True, slots=True)
class Heading:
    """`#` (level 1) starts a section, `##` (level 2) a slide; ``attrs`` holds `{#id .class key=value}`."""

    level: int
    inlines: tuple[Inline, ...]
    loc: Location
    attrs: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return plain_text(self.inlines)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of inline runs."""

    inlines: tuple[Inline, ...]
    loc: Location


@dataclass(frozen=True, slots=True)
class ListItem:
    """One item of a list; its blocks are paragraphs and nested lists."""

    blocks: tuple["Block", ...]
    loc: Location


@dataclass(frozen=True, slots=True)
class ListBlock:
    """A bullet list, or a numbered list starting at ``start``."""

    ordered: bool
    items: tuple[ListItem, ...]
    loc: Location
    start: int = 1


@dataclass(frozen=True, slots=True)
class Table:
    """A pipe table. ``aligns`` holds "left", "right", "center" or None per column.

    ``caption`` comes from a paragraph `Table: ...` directly after the table (pandoc's convention);
    ``id`` from `{#tbl-name}` at the end of that caption, the target of `[Table](#tbl-name)` links.
    """

    header: tuple[tuple[Inline, ...], ...]
    rows: tuple[tuple[tuple[Inline, ...], ...], ...]
    aligns: tuple[str | None, ...]
    loc: Location
    caption: str | None = None
    id: str = ""


@dataclass(frozen=True, slots=True)
class ChartSeries:
    """One series of a chart: a label and one value per category (None is a gap, never zero).

    ``qualifiers`` (one per category, or empty: all exact) holds ">", "<", "~" or "" (see
    ``dossier.qualifiers``). ``comparable`` (one per category, or empty: all comparable) holds
    the value of the chart's ``comparable_by`` column: a line joins two neighbouring points only
    when both hold the same, non-empty value. ``absent`` lists the categories where the series
    has no row at all (a ``group`` that did not report there): nothing is drawn or marked there,
    unlike a missing value (a row with an empty cell), which is marked "n/r".
    """

    label: str
    values: tuple[float | None, ...]
    qualifiers: tuple[str, ...] = ()
    comparable: tuple[str | None, ...] = ()
    absent: tuple[int, ...] = ()

    def qualifier(self, index: int) -> str:
        return self.qualifiers[index] if self.qualifiers else ""

    def joins(self, a: int, b: int) -> bool:
        """Whether a line may join the points of categories ``a`` and ``b`` (both comparable)."""
        if not self.comparable:
            return True
        return self.comparable[a] is not None and self.comparable[a] == self.comparable[b]


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """One dated event; ``date`` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (the precision the source gives)."""

    date: str
    label: str


@dataclass(frozen=True, slots=True)
class ChartSpec:
    """A chart, resolved from a fenced ```chart block against the data.

    kind: "bar" (one or more series side by side per category), "exports_imports"
    (two bar series: exports, imports, plus a balance line computed from them),
    "line" (series as lines with markers), "share" (a doughnut of one series),
    "ranked" (horizontal bars sorted by value), "timeline" (``events``).
    """

    kind: str
    title: str
    unit: str
    source: str
    categories: tuple[str, ...] = ()
    series: tuple[ChartSeries, ...] = ()
    events: tuple[TimelineEvent, ...] = ()
    caption: str = ""
    alt: str = ""
    note: str = ""
    native: bool | None = None  # an editable Office chart instead of a picture (None: the project's [charts] native)
    palette: tuple[str, ...] = ()  # series colours ("#1f4e79", ...) from the project's [charts] theme
    font: str = ""  # the text font: [charts] font, else the body font of the output (CJK falls back per glyph)
    locale: str = ""  # the job's Babel locale: the chart's numbers, dates and words ("" is en_GB)
    x_scale: str = ""  # "category" keeps dates as evenly spaced categories; "" / "time": dates on a time scale
    y_from_zero: bool = True  # False lets a line's value axis start above zero (then marked as cut)
    max_gap: float = 0.0  # on a time scale, a line joins points at most this many years apart (0: the series' step)


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart block; ``images`` maps a profile ("page", "slide") to the drawn PNG file.

    ``id`` comes from the chart block's `id:` key, the target of `[Figure](#fig-name)` links.
    """

    spec: ChartSpec
    loc: Location
    images: dict[str, Path] = field(default_factory=dict)
    id: str = ""


@dataclass(frozen=True, slots=True)
class Image:
    """A picture from a file, with alternative text and an optional caption."""

    path: Path
    alt: str
    loc: Location
    caption: str = ""


@dataclass(frozen=True, slots=True)
class Quote:
    """A block quote; ``attribution`` is the speaker line (a last paragraph starting with "—")."""

    blocks: tuple["Block", ...]
    loc: Location
    attribution: tuple[Inline, ...] = ()


@dataclass(frozen=True, slots=True)
class Notes:
    """Speaker notes (`::: notes`): belong to the slide they stand on; the briefing leaves them out."""

    blocks: tuple["Block", ...]
    loc: Location


@dataclass(frozen=True, slots=True)
class SlideBreak:
    """An explicit slide break (`---`); the briefing ignores it."""

    loc: Location


Block = Union[Heading, Paragraph, ListBlock, Table, Chart, Image, Quote, Notes, SlideBreak]


@dataclass(frozen=True, slots=True)
class Footnote:
    """The text of a footnote (usually a source citation)."""

    label: str
    number: int
    inlines: tuple[Inline, ...]
    loc: Location


@dataclass(frozen=True, slots=True)
class Document:
    """A whole rendered template: metadata (title block), blocks in order, footnotes by label.

    ``meta`` holds the front matter: title, subtitle, date, author, classification, ...
    """

    meta: dict[str, Any]
    blocks: tuple[Block, ...]
    footnotes: dict[str, Footnote]
    source: str

    @property
    def title(self) -> str:
        return str(self.meta.get("title", ""))
