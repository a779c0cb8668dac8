"""The text the pptx writer places: paragraphs of styled spans, as measured and as emitted.

A ``Para`` says everything that changes how much room a paragraph takes (font, weight,
margins, marker, spacing, scale), so ``pptx_wrap`` can measure it and ``pptx_emit`` can
write it with exactly those properties.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from dossier.markdown_text import xml_safe as clean  # the package's one definition of what XML cannot hold
from dossier.model import Text

#: A run of text in one style: the document model's run; here "\\n" inside ``text`` is a line break.
Span = Text


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph as the writer will emit it.

    ``margin`` is the left margin of the text and ``hang`` the width of the marker
    column before it, both in ems of the paragraph's size. ``marker`` is None, a
    bullet character, or "#" for a number (``number``). ``font`` names the Latin
    font family; empty means the theme's body font.
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
    color: str | None = None  # a role ("text", "muted", "mark"), a theme colour ("tx2") or "RRGGBB"
    refs: tuple[str, ...] = ()  # footnote labels cited in this paragraph
    cell: bool = False  # set in a table cell, where lines take the font's own height
    font: str = ""  # Latin font family; "" = the theme's body font
    caps: bool = False  # the renderer shows it in capitals (a title style with cap="all")
    rtl: bool | None = None  # right to left; None: by its first letter, else the deck's locale (``dossier.bidi``)

    @property
    def text(self) -> str:
        """Return the paragraph's characters."""
        return "".join(s.text for s in self.spans)


def para(text: str, **kw) -> Para:
    """Return a paragraph of one plain span."""
    return Para(spans=(Span(text),), **kw)


def untab(p: Para) -> Para:
    """Return the paragraph with tabs as spaces (for table cells, where a tab stop lands outside the cell)."""
    if not any("\t" in s.text for s in p.spans):
        return p
    return replace(p, spans=tuple(replace(s, text=s.text.replace("\t", " ")) for s in p.spans))
