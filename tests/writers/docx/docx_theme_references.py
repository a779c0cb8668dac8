"""Word reference documents for the theme tests: two real ones committed, and synthetic ones built by code.

Each synthetic reference reproduces one trait of the real organisations' files that were tried
(tests/themes/README.md, "Word references") whose licence does not allow committing them:

* ``german_word``: a reference saved by a German Word: localised style ids (``Standard``,
  ``berschrift1``, ``Zitat`` ...) under the English built-in names; one heading with a
  localised *name* too ("Überschrift 2", as some other editors write it), found by its outline level.
* ``word_default``: Word's own default document (python-docx's template): none of dossier's
  styles, no contents or table styles.
* ``hidden_title``: an ISO-style reference whose "Title" style is hidden text (``w:vanish``).
* ``big_table_font``: dossier's reference with a 16 pt table font and 12 pt body.
* ``own_furniture``: a header with a logo, a footer with a copyright line and its own page number.
* ``template_dotx``: a Word template (.dotx content type).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from PIL import Image

from dossier.writers.docx.ooxml import add_field
from dossier.writers.docx.reference import reference_docx_bytes

HERE = Path(__file__).resolve().parents[2] / "themes"
#: Real references whose licences allow committing them (see README.md).
REAL = {
    "gongwen_dotx": HERE / "word" / "gongwen-template.dotx",  # MIT, Chinese official-document template, .dotx
    "owasp_scvs": HERE / "word" / "owasp-scvs-reference.docx",  # CC BY-SA 4.0, logo in the header
}

_GERMAN_IDS = {
    "Normal": "Standard", "Heading1": "berschrift1", "Heading2": "berschrift2", "Heading3": "berschrift3",
    "Title": "Titel", "Subtitle": "Untertitel", "Quote": "Zitat", "ListBullet": "Aufzhlungszeichen",
    "ListNumber": "Listennummer", "Caption": "Beschriftung", "BodyText": "Textkrper",
}


def german_word(target: Path) -> Path:
    d = docx.Document()
    styles = d.styles.element
    for style in styles.findall(qn("w:style")):
        old = style.get(qn("w:styleId"))
        if old in _GERMAN_IDS:
            style.set(qn("w:styleId"), _GERMAN_IDS[old])
        for ref in ("w:basedOn", "w:next", "w:link"):
            el = style.find(qn(ref))
            if el is not None and el.get(qn("w:val")) in _GERMAN_IDS:
                el.set(qn("w:val"), _GERMAN_IDS[el.get(qn("w:val"))])
    heading2 = next(s for s in styles.findall(qn("w:style")) if s.get(qn("w:styleId")) == "berschrift2")
    heading2.find(qn("w:name")).set(qn("w:val"), "Überschrift 2")
    heading1 = d.styles["Heading 1"]
    heading1.font.color.rgb = RGBColor(0x00, 0x66, 0x33)
    d.save(target)
    return target


def word_default(target: Path) -> Path:
    docx.Document().save(target)
    return target


def hidden_title(target: Path) -> Path:
    d = docx.Document()
    rpr = d.styles["Title"].element.get_or_add_rPr()
    rpr.append(rpr.makeelement(qn("w:vanish"), {}))
    d.save(target)
    return target


def big_table_font(target: Path) -> Path:
    d = docx.Document(io.BytesIO(reference_docx_bytes()))
    d.styles["Table Text"].font.size = Pt(16)
    d.styles["Normal"].font.size = Pt(12)
    d.save(target)
    return target


def own_furniture(target: Path) -> Path:
    d = docx.Document()
    section = d.sections[0]
    logo = target.with_name("logo.png")
    Image.new("RGB", (240, 80), (0, 90, 160)).save(logo)
    section.header.paragraphs[0].add_run().add_picture(str(logo), width=Cm(3))
    footer = section.footer.paragraphs[0]
    footer.text = "© Ministry of Examples 2026 · "
    add_field(footer._p, "PAGE", "1")
    d.save(target)
    return target


def template_dotx(target: Path) -> Path:
    """Word's default document saved as a template: only the main part's content type differs."""
    raw = io.BytesIO()
    docx.Document().save(raw)
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as source, zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            out.writestr(item, data)
    return target


SYNTHETIC = {
    "german_word": (german_word, "reference.docx"),
    "word_default": (word_default, "reference.docx"),
    "hidden_title": (hidden_title, "reference.docx"),
    "big_table_font": (big_table_font, "reference.docx"),
    "own_furniture": (own_furniture, "reference.docx"),
    "template_dotx": (template_dotx, "reference.dotx"),
}


def make_reference(name: str, folder: Path) -> Path:
    """Return the reference called ``name`` (real or synthetic) as a file in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    if name in REAL:
        return REAL[name]
    build, filename = SYNTHETIC[name]
    return build(folder / filename)


ALL = tuple(REAL) + tuple(SYNTHETIC)
