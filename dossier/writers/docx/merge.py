"""Add dossier's styles to a copy of an organisation's reference document, keeping everything else.

``python -m dossier.writers.docx.reference --merge THEIRS.docx OUT.docx`` is for the
organisation that wants to see and edit, in Word, the styles a build would otherwise supply
on the fly (``docx_style_supply``). Only the styles part changes: every other part (text,
headers and footers, logos, numbering, settings, custom XML) is copied byte for byte, in
its order. THEIRS is never written; OUT is created, and replaced only with ``--force``.
A .dotx may go in and come out as either kind: the main part's content type follows OUT's
extension.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from pathlib import Path

from docx.oxml import parse_xml
from lxml import etree

from dossier.errors import ConfigError
from dossier.writers.docx.style_props import ThemeLook, text_width_twips
from dossier.writers.docx.style_supply import supply_styles
from dossier.writers.new_file import write_new_file

_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_MAIN = {".docx": f"{_CT}.document.main+xml", ".dotx": f"{_CT}.template.main+xml"}


def merge_reference(theirs: Path, out: Path, *, force: bool = False) -> list[str]:
    """Write ``out``: ``theirs`` with every style a briefing uses that it lacks; return the names added."""
    from dossier.writers.docx.styles import REQUIRED_STYLES

    try:
        with zipfile.ZipFile(theirs) as package:
            parts = {item.filename: package.read(item) for item in package.infolist()}
            order = package.infolist()
    except (OSError, zipfile.BadZipFile) as exc:
        raise ConfigError(f"not a .docx/.dotx: {exc}", file=str(theirs)) from None
    main = _target(parts, "_rels/.rels", "", "officeDocument")
    if main is None or main not in parts:
        raise ConfigError("not a Word document (no main part)", file=str(theirs))
    rels = posixpath.join(posixpath.dirname(main), "_rels", posixpath.basename(main) + ".rels")
    styles_name = _target(parts, rels, posixpath.dirname(main), "styles")
    if styles_name is None or styles_name not in parts:
        raise ConfigError("has no styles part; save it once from Word or LibreOffice", file=str(theirs))
    theme_name = _target(parts, rels, posixpath.dirname(main), "theme")
    styles_el = parse_xml(parts[styles_name])
    supplied = supply_styles(styles_el, REQUIRED_STYLES, ThemeLook.parse(parts.get(theme_name or "")),
                             text_width_twips(etree.fromstring(parts[main])))
    if supplied:
        parts[styles_name] = etree.tostring(styles_el, xml_declaration=True, encoding="UTF-8", standalone=True)
    wanted_type = _MAIN.get(Path(out).suffix.lower())
    if wanted_type:
        types = parts["[Content_Types].xml"]
        for other in _MAIN.values():
            types = types.replace(other.encode(), wanted_type.encode())
        parts["[Content_Types].xml"] = types
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in order:
            copy.writestr(item, parts[item.filename])
    write_new_file(out, data.getvalue(), force=force)
    return supplied


def _target(parts: dict[str, bytes], rels_name: str, base: str, kind: str) -> str | None:
    """Return the part a relationship of type ``…/kind`` in ``rels_name`` points to (a zip name), or None."""
    if rels_name not in parts:
        return None
    for rel in etree.fromstring(parts[rels_name]).iter(_REL):
        if rel.get("Type", "").endswith("/" + kind) and rel.get("TargetMode") != "External":
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
    return None
