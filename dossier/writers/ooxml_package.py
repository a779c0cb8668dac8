"""What Word and PowerPoint packages share: core properties from the data, and reproducible zips.

Same inputs give byte-identical files: zip entries keep their order and get a fixed time and
attributes; created/modified come from the document's `date` (or SOURCE_DATE_EPOCH), never the clock.
"""

from __future__ import annotations

import io
import os
import zipfile
from datetime import date, datetime, timezone

from dossier.errors import WriterError
from dossier.markdown_text import xml_safe_line

ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def one_line(value: object) -> str:
    """Return a metadata value as one clean line (lists joined with commas)."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(part for part in (one_line(v) for v in value) if part)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return xml_safe_line(value)


def document_time(meta: dict) -> datetime | None:
    """Return the document's time: `meta["date"]` (ISO string or date), else SOURCE_DATE_EPOCH, else None."""
    value = meta.get("date")
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        text = value.strip()
        text = text + "-01-01" if len(text) == 4 else text + "-01" if len(text) == 7 else text
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            pass
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).replace(tzinfo=None)
    return None


#: The most characters the package format (OPC) lets a core property hold.
CORE_PROPERTY_LIMIT = 255
#: Core properties and the front matter keys they come from.
_CORE_PROPERTIES = {"title": "title", "subject": "subject", "author": "author", "keywords": "keywords",
                    "comments": "description", "category": "classification"}


def set_core_properties(core_properties, meta: dict, source: str | None = None) -> None:
    """Fill title, subject, author, keywords, category; created/modified from the data, never the clock.

    Works for python-docx and python-pptx alike. Without a usable date the template's dates are
    removed, so the file claims no date at all. A value longer than a property holds is a
    WriterError naming the front matter key (of the Markdown at `source`).
    """
    for key in _CORE_PROPERTIES.values():
        length = len(one_line(meta.get(key)))
        if length > CORE_PROPERTY_LIMIT:
            raise WriterError(f"front matter value is {length} characters; a document property holds at most "
                              f"{CORE_PROPERTY_LIMIT}: shorten it", file=source, line=1 if source else None, key=key)
    cp = core_properties
    cp.title = one_line(meta.get("title"))
    cp.subject = one_line(meta.get("subject"))
    cp.author = cp.last_modified_by = one_line(meta.get("author"))
    cp.keywords = one_line(meta.get("keywords"))
    cp.comments = one_line(meta.get("description"))
    cp.category = one_line(meta.get("classification"))
    cp.revision = 1
    for child in list(cp._element):
        if child.tag.rsplit("}", 1)[-1] in {"created", "modified", "lastPrinted"}:
            cp._element.remove(child)
    when = document_time(meta)
    if when is not None:
        cp.created = cp.modified = when


THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"


def drop_thumbnail(package) -> None:
    """Remove the template's preview picture from a python-docx/python-pptx package: it shows another file."""
    rels = package.rels
    for rel_id, rel in list(rels.items()):
        if rel.reltype == THUMBNAIL:
            rels.pop(rel_id)


def reproducible_zip(data: bytes) -> bytes:
    """Re-pack a package with fixed entry times and attributes, in the same order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0
            zout.writestr(entry, zin.read(info.filename))
    return out.getvalue()
