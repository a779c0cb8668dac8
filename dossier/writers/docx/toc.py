"""The contents list: a Word ``TOC`` field whose cached entries the writer fills in itself.

Word's own table of contents is a field, ``TOC \\o "1-2" \\h \\z \\u``: headings of
levels 1–2, as hyperlinks, page numbers hidden in web view, outline levels honoured.
Its cached result is one "toc 1"/"toc 2" paragraph per heading, each a hyperlink to a
``_Toc`` bookmark around the heading, holding the heading's text, a tab and a
``PAGEREF`` field. The writer knows everything but the page numbers; it leaves them
empty, ``w:updateFields`` makes Word recompute the whole field on opening, and
``docx.fields.refresh_fields_with_libreoffice`` fills the numbers in from a
LibreOffice layout for every other reader (and then takes the request out again).
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.oxml.ns import qn

from dossier.writers.docx.ooxml import add_field, add_text_runs, el, sub
from dossier.writers.docx.styles import StyleNames

TOC_LEVELS = 2
INSTRUCTION = f'TOC \\o "1-{TOC_LEVELS}" \\h \\z \\u'

# Elements of w:settings that come after w:updateFields (schema order).
_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr", "attachedSchema",
    "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures",
    "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults",
    "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
)


@dataclass(frozen=True)
class Entry:
    """One heading in the contents: its level, text and bookmark."""

    level: int
    text: str
    bookmark: str


class TableOfContents:
    """Collects headings while the body is written; :meth:`insert` puts the list after the cover block."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []

    def bookmark_for(self, level: int, text: str) -> str | None:
        """Return the ``_Toc`` bookmark name for a heading, or None when its level is not listed."""
        if level > TOC_LEVELS or not text.strip():
            return None
        name = f"_Toc{len(self.entries) + 1:08d}"
        self.entries.append(Entry(level, " ".join(text.split()), name))
        return name

    def insert(self, after, styles: StyleNames, title: str) -> None:
        """Insert the heading ``title`` and the ``TOC`` field (entries cached) after element ``after``."""
        if not self.entries:
            return
        heading = el("w:p")
        heading.get_or_add_pPr().style = styles.id("TOC Heading")
        add_text_runs(heading, title)
        paragraphs = [heading]
        for index, entry in enumerate(self.entries):
            p = el("w:p")
            p.get_or_add_pPr().style = styles.id(f"toc {entry.level}")
            if index == 0:
                _field_start(p)
            link = sub(p, "w:hyperlink", anchor=entry.bookmark, history=1)
            add_text_runs(link, entry.text)
            sub(sub(link, "w:r"), "w:tab")
            add_field(link, f"PAGEREF {entry.bookmark} \\h", "")
            if index == len(self.entries) - 1:
                sub(sub(p, "w:r"), "w:fldChar", fldCharType="end")
            paragraphs.append(p)
        for p in paragraphs:
            after.addnext(p)
            after = p


def _field_start(p) -> None:
    sub(sub(p, "w:r"), "w:fldChar", fldCharType="begin")
    instr = sub(sub(p, "w:r"), "w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {INSTRUCTION} "
    sub(sub(p, "w:r"), "w:fldChar", fldCharType="separate")


def request_field_update(document) -> None:
    """Set ``w:updateFields`` so Word recomputes every field (contents, page numbers) when it opens the file."""
    settings = document.settings.element
    if settings.find(qn("w:updateFields")) is not None:
        return
    update = el("w:updateFields", val="true")
    later = {qn(f"w:{tag}") for tag in _AFTER_UPDATE_FIELDS}
    for child in settings:
        if child.tag in later:
            child.addprevious(update)
            return
    settings.append(update)
