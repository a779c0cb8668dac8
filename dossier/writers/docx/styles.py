"""The reference document as the DOCX writer sees it: open it, complete it, name its styles.

The writer takes its whole look from a reference .docx or .dotx (``templates/theme/reference.docx``,
an organisation's own, or the built-in one from ``docx_reference``). It keeps the
reference's styles, numbering, fonts, page set-up, headers and footers, drops its text,
and refers to styles by name (found in any interface language: ``docx_style_props``).
A style the reference lacks is supplied in the reference's look (``docx_style_supply``)
and named in one short warning; dossier's own refinements are supplied without one. A
required style that hides its text (``w:vanish``) is warned about. Only a file that is not
a Word document at all is a ``ConfigError``, raised before anything is written.
"""

from __future__ import annotations

import functools
import io
import zipfile
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from dossier.errors import ConfigError
from dossier.writers.docx.reference import reference_docx_bytes
from dossier.writers.docx.style_props import (
    ThemeLook, default_style, find_style, is_hidden, text_width_twips,
)
from dossier.writers.docx.style_supply import DOSSIER_OWN, supply_styles
from dossier.writers.docx.stylesheet import CJK_FONT

#: Every style the writer can use → its type. Found by name without regard to case or
#: spacing ("footnote text" is shown as "Footnote Text" in Word), by alias, then by style id.
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

_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"
#: A Word template's main part is a document's in all but its content type.
_TEMPLATE_TYPES = (f"{_CT}.template.main+xml",)


def reference_package(path: Path) -> io.BytesIO:
    """Return the bytes of the reference at ``path`` as a .docx package (a .dotx template's type changed)."""
    data = Path(path).read_bytes()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            types = package.read("[Content_Types].xml")
            if not any(t.encode() in types for t in _TEMPLATE_TYPES):
                return io.BytesIO(data)
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
                for item in package.infolist():
                    body = package.read(item)
                    if item.filename == "[Content_Types].xml":
                        for template_type in _TEMPLATE_TYPES:
                            body = body.replace(template_type.encode(), f"{_CT}.document.main+xml".encode())
                    copy.writestr(item, body)
            return out
    except (zipfile.BadZipFile, KeyError):
        return io.BytesIO(data)  # python-docx says what is wrong with it


def open_reference(path: Path | None) -> tuple[object, "StyleNames"]:
    """Return ``(document, style names)``: the reference's styles, page set-up and furniture, without its text.

    ``path`` None → the built-in reference. Missing styles are supplied (``StyleNames.warnings``
    says which); raises ``ConfigError`` only when the file is not a usable .docx/.dotx.
    """
    shown = str(path) if path is not None else "built-in reference document"
    try:
        source = reference_package(path) if path is not None else io.BytesIO(reference_docx_bytes())
        document = docx.Document(source)
    except (PackageNotFoundError, KeyError, ValueError, OSError, zipfile.BadZipFile) as exc:
        raise ConfigError(f"not a usable .docx/.dotx reference document: {exc}", file=shown) from None
    body = document.element.body
    for child in list(body):  # the reference lends its styles, not its text
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    names = StyleNames(document, shown)
    ensure_east_asian_font(document)
    return document, names


def reference_warnings(path: Path | None) -> list[str]:
    """Return what a build with this reference will warn about (raises ``ConfigError`` like the writer).

    Remembered per file version (path, size, modification time): every job of a build asks.
    """
    if path is None:
        return []  # the built-in reference is complete (tests/writers/test_docx_reference.py)
    try:
        stat = Path(path).stat()
    except OSError as exc:
        raise ConfigError(f"reference document not readable: {exc}", file=str(path)) from None
    return list(_warnings_of(str(path), stat.st_size, stat.st_mtime_ns))


@functools.lru_cache(maxsize=8)
def _warnings_of(path: str, size: int, mtime_ns: int) -> tuple[str, ...]:
    return tuple(open_reference(Path(path))[1].warnings)


def listed(names: list[str]) -> str:
    """Return style names as one short list: "List Bullet, List Bullet 2, List Bullet 3" → "List Bullet 1–3"."""
    groups: dict[str, list[str]] = {}
    for name in names:
        stem, _, number = name.rpartition(" ")
        base, level = (stem, number) if number.isdigit() else (name, "1")
        groups.setdefault(base, []).append(level)
    out = []
    for base, levels in groups.items():
        if levels == ["1"]:
            out.append(base)
        elif base in ("TOC", "Heading"):
            out.append(f"{base} {levels[0]}" + (f"–{levels[-1]}" if len(levels) > 1 else ""))
        else:
            out.append(f"{base} {levels[0]}–{levels[-1]}" if len(levels) > 1 else f"{base} {levels[0]}")
    return ", ".join(out)


def display_name(name: str) -> str:
    """Return a style name as Word's English interface shows it ("toc 1" → "TOC 1", "caption" → "Caption")."""
    if name != name.lower():
        return name
    return " ".join("TOC" if word == "toc" else word.capitalize() for word in name.split())


class StyleNames:
    """Style ids of the reference's styles by name, after supplying those it lacks; and what to warn about."""

    def __init__(self, document, shown: str) -> None:
        styles_el = document.styles.element
        try:
            theme = ThemeLook.parse(document.part.part_related_by(RT.THEME).blob)
        except KeyError:
            theme = ThemeLook.parse(None)
        supplied = supply_styles(styles_el, REQUIRED_STYLES, theme, text_width_twips(document.element))
        self._ids: dict[tuple[str, str], str] = {}
        hidden = []
        for name, kind in REQUIRED_STYLES.items():
            style = default_style(styles_el) if name == "Normal" else find_style(styles_el, name, kind)
            self._ids[(kind, name.lower())] = style.get(qn("w:styleId"))
            if name not in supplied and is_hidden(styles_el, style):
                hidden.append(display_name(name))
        self.supplied = supplied
        self.warnings = []
        builtin = [display_name(n) for n in supplied if n.lower() not in DOSSIER_OWN]
        if builtin:
            own = len(supplied) - len(builtin)
            plural = "s" if len(builtin) > 1 else ""
            self.warnings.append(f"{shown}: supplied {len(builtin)} style{plural} it lacks, in its fonts and colours: "
                                 f"{listed(builtin)}" + (f" (and {own} of dossier's own)" if own else ""))
        if hidden:
            self.warnings.append(
                f"{shown}: {'style' if len(hidden) == 1 else 'styles'} {', '.join(hidden)} "
                f"{'hides its' if len(hidden) == 1 else 'hide their'} text (hidden font): "
                "text in it will not show")

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
