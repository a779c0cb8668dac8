"""The reference document as the DOCX writer sees it: open it, check it, name its styles.

The writer takes its whole look from a reference .docx (``templates/theme/reference.docx``,
an organisation's own, or the built-in one from ``docx_reference``). It keeps the
reference's styles, numbering, fonts and page set-up, drops its text, and refers to
styles only by name. A reference without one of :data:`REQUIRED_STYLES` is a
``ConfigError`` naming the styles and the file, raised before anything is written.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from dossier.errors import ConfigError
from dossier.writers.docx_reference import reference_docx_bytes
from dossier.writers.docx_stylesheet import CJK_FONT

#: Every style the writer can use → its type. Names are matched without regard to case
#: ("footnote text" is shown as "Footnote Text" in Word), then by style id.
REQUIRED_STYLES: dict[str, str] = {
    **{name: "paragraph" for name in (
        "Normal", "Body Text", "After Table", "Title", "Subtitle", "Document Info", "TOC Heading", "toc 1", "toc 2",
        "heading 1", "heading 2", "heading 3",
        "List Bullet", "List Bullet 2", "List Bullet 3", "List Number", "List Number 2", "List Number 3",
        "List Continue", "List Continue 2", "List Continue 3",
        "Quote", "Attribution", "Figure", "caption", "Table Caption", "Source Note", "Table Text", "Table Heading",
        "footnote text", "header", "footer", "Classification",
    )},
    **{name: "character" for name in ("Hyperlink", "footnote reference", "Verbatim Char")},
    "Table": "table",
}


def open_reference(path: Path | None) -> tuple[object, "StyleNames"]:
    """Return ``(document, style names)``: a document with the reference's styles and page set-up, no text.

    ``path`` None → the built-in reference. Raises ``ConfigError`` when the file is not a
    usable .docx or lacks required styles.
    """
    shown = str(path) if path is not None else "built-in reference document"
    try:
        document = docx.Document(str(path) if path is not None else io.BytesIO(reference_docx_bytes()))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise ConfigError(f"not a usable .docx reference document: {exc}", file=shown) from None
    body = document.element.body
    for child in list(body):  # the reference lends its styles, not its text
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    names = StyleNames(document, shown)  # fails here, before any work is done
    ensure_east_asian_font(document)
    return document, names


class StyleNames:
    """Style ids of the reference's styles by name; fails at once if any required style is missing."""

    def __init__(self, document, shown: str) -> None:
        self._ids: dict[tuple[str, str], str] = {}
        by_id: dict[tuple[str, str], str] = {}
        for style in document.styles.element.findall(qn("w:style")):
            kind = style.get(qn("w:type")) or "paragraph"
            style_id = style.get(qn("w:styleId")) or ""
            name = style.find(qn("w:name"))
            if name is not None:
                self._ids.setdefault((kind, name.get(qn("w:val"), "").lower()), style_id)
            by_id.setdefault((kind, style_id.lower()), style_id)
        missing = []
        for name, kind in REQUIRED_STYLES.items():
            key = (kind, name.lower())
            if key not in self._ids:
                fallback = by_id.get((kind, name.replace(" ", "").lower()))
                if fallback is None:
                    missing.append(f'"{name}" ({kind})')
                    continue
                self._ids[key] = fallback
        if missing:
            raise ConfigError(
                f"reference document lacks the {'style' if len(missing) == 1 else 'styles'} {', '.join(missing)}; "
                "add them, or start from the output of `python -m dossier.writers.docx_reference PATH`",
                file=shown,
            )

    def id(self, name: str, kind: str = "paragraph") -> str:
        """Return the style id (for ``w:pStyle``/``w:rStyle``/``w:tblStyle``) of required style ``name``."""
        return self._ids[(kind, name.lower())]

    def char(self, name: str) -> str:
        return self.id(name, "character")


def _doc_defaults_rpr(styles_el):
    defaults = styles_el.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = parse_xml(f"<w:docDefaults {nsdecls('w')}/>")
        styles_el.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = parse_xml(f"<w:rPrDefault {nsdecls('w')}><w:rPr/></w:rPrDefault>")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = parse_xml(f"<w:rPr {nsdecls('w')}/>")
        rpr_default.append(rpr)
    return rpr


def ensure_east_asian_font(document) -> None:
    """Name an East Asian font in the document defaults when the reference names none.

    Not a matter of look: without one, Word falls back to a theme font that may lack
    Chinese glyphs. A reference that names one (or a theme font for it) is left alone.
    """
    rpr = _doc_defaults_rpr(document.styles.element)
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
        rpr.insert(0, rfonts)
    if rfonts.get(qn("w:eastAsia")) is None and rfonts.get(qn("w:eastAsiaTheme")) is None:
        rfonts.set(qn("w:eastAsia"), CJK_FONT)


def set_document_language(document, tag: str) -> None:
    """Make ``tag`` (e.g. "en-GB"; "en_GB" is accepted) the language of untagged Latin text."""
    tag = tag.replace("_", "-").strip()
    if not tag:
        return
    rpr = _doc_defaults_rpr(document.styles.element)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = parse_xml(f"<w:lang {nsdecls('w')}/>")
        rpr.append(lang)
    lang.set(qn("w:val"), tag)
