"""Honest ``docProps/app.xml`` for both formats: what made the file and what it holds, counted from it.

A reference document or template brings its own extended properties ("Microsoft Macintosh
PowerPoint", "On-screen Show (4:3)", 0 slides, the template's fonts and slide titles). They
are replaced by counts taken from the finished package itself: words, characters and
paragraphs of the body (Word) or slides (PowerPoint), slides, notes and hidden slides, and
the page count only when a layout engine gave one. The slide size's type and name follow its
dimensions, as PowerPoint names them. Works on the saved zip, so it needs neither python-docx
nor python-pptx.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from xml.sax.saxutils import escape

from lxml import etree

APPLICATION = "dossier"
APP_PART = "docProps/app.xml"
APP_TYPE = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
APP_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
#: PowerPoint's names for its slide sizes (EMU): (``p:sldSz/@type`` or None for "custom", app.xml's name).
SLIDE_SIZES = {
    (12192000, 6858000): (None, "Widescreen"),
    (9144000, 5143500): ("screen16x9", "On-screen Show (16:9)"),
    (9144000, 5715000): ("screen16x10", "On-screen Show (16:10)"),
    (9144000, 6858000): ("screen4x3", "On-screen Show (4:3)"),
}


def slide_size_type(cx: int, cy: int) -> tuple[str | None, str]:
    """Return the ``p:sldSz`` type (None: custom, no attribute) and the presentation format name of a slide size."""
    return SLIDE_SIZES.get((cx, cy), (None, "Custom"))


def app_xml(properties: dict[str, object]) -> bytes:
    """Return an extended-properties part holding ``properties`` (in order), Application first."""
    body = "".join(f"<{key}>{escape(str(value).lower() if isinstance(value, bool) else str(value))}</{key}>"
                   for key, value in {"Application": APPLICATION, **properties}.items())
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="{EXTENDED}">{body}</Properties>'
            ).encode()


def _text_counts(paragraphs: list[str]) -> dict[str, int]:
    text = [p for p in paragraphs if p.strip()]
    joined = "".join(text)
    return {"Words": sum(len(p.split()) for p in text), "Characters": len(re.sub(r"\s", "", joined)),
            "CharactersWithSpaces": len(joined), "Paragraphs": len(text)}


def docx_properties(parts: dict[str, bytes], pages: int | None = None) -> dict[str, object]:
    """Return the extended properties of a Word package: body text counts, and its pages when known."""
    root = etree.fromstring(parts["word/document.xml"])
    paragraphs = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]
    counts = _text_counts(paragraphs)
    return ({"Pages": pages} if pages else {}) | counts | {"DocSecurity": 0, "ScaleCrop": False, "LinksUpToDate": False,
                                                          "SharedDoc": False, "HyperlinksChanged": False}


def pptx_properties(parts: dict[str, bytes]) -> dict[str, object]:
    """Return the extended properties of a PowerPoint package: slides, notes, hidden slides, words, its format."""
    slides = sorted(n for n in parts if re.fullmatch(r"ppt/slides/slide\d+\.xml", n))
    notes = [n for n in parts if re.fullmatch(r"ppt/notesSlides/notesSlide\d+\.xml", n)]
    paragraphs, hidden = [], 0
    for name in slides:
        root = etree.fromstring(parts[name])
        hidden += root.get("show") in ("0", "false")
        paragraphs += ["".join(t.text or "" for t in p.iter(f"{A}t")) for p in root.iter(f"{A}p")]
    size = etree.fromstring(parts["ppt/presentation.xml"]).find(f"{P}sldSz")
    _, name = slide_size_type(int(size.get("cx")), int(size.get("cy"))) if size is not None else (None, "Custom")
    counts = _text_counts(paragraphs)
    return {"PresentationFormat": name, "Words": counts["Words"], "Paragraphs": counts["Paragraphs"],
            "Slides": len(slides), "Notes": len(notes), "HiddenSlides": hidden, "ScaleCrop": False,
            "LinksUpToDate": False, "SharedDoc": False, "HyperlinksChanged": False}


def with_app_properties(data: bytes, properties: Callable[[dict[str, bytes]], dict[str, object]]) -> bytes:
    """Return the package ``data`` with its ``docProps/app.xml`` made from ``properties(parts)`` (added if missing)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zin:
        infos = zin.infolist()
        parts = {info.filename: zin.read(info.filename) for info in infos}
    parts[APP_PART] = app_xml(properties(parts))
    if not any(i.filename == APP_PART for i in infos):
        _declare(parts)
    out = io.BytesIO()
    names = [i.filename for i in infos] + ([APP_PART] if APP_PART not in {i.filename for i in infos} else [])
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in names:
            zout.writestr(name, parts[name])
    return out.getvalue()


def _declare(parts: dict[str, bytes]) -> None:
    """Add the content type and the package relationship of a new app.xml."""
    types = etree.fromstring(parts["[Content_Types].xml"])
    ns = types.nsmap[None]
    etree.SubElement(types, f"{{{ns}}}Override", PartName="/" + APP_PART, ContentType=APP_TYPE)
    parts["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True, encoding="UTF-8", standalone=True)
    rels = etree.fromstring(parts["_rels/.rels"])
    rns = rels.nsmap[None]
    taken = {r.get("Id") for r in rels}
    rel_id = next(f"rId{n}" for n in range(1, len(taken) + 2) if f"rId{n}" not in taken)
    etree.SubElement(rels, f"{{{rns}}}Relationship", Id=rel_id, Type=APP_REL, Target=APP_PART)
    parts["_rels/.rels"] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True)
