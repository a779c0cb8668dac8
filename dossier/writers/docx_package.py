"""Package-level parts of the DOCX writer: core properties and a reproducible zip."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, timezone

from docx.opc.constants import RELATIONSHIP_TYPE as RT

from dossier.writers.docx_ooxml import clean_line

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def display(value) -> str:
    """One line of text for a front-matter value (lists joined with commas, dates as ISO)."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(clean_line(v) for v in value if v is not None and clean_line(v))
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return clean_line(value)


def parse_date(value) -> datetime | None:
    """``meta["date"]`` as a naive UTC datetime: an ISO string, a date or a datetime; else None."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(timezone.utc).replace(tzinfo=None)
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        try:
            return parse_date(datetime.fromisoformat(value.strip()))
        except ValueError:
            return None
    return None


def set_core_properties(document, meta: dict) -> None:
    """Title, subject, author, keywords, ...; created/modified from ``meta["date"]``, never the clock.

    Without a usable date the template's dates are removed rather than kept, so the
    file claims no date at all.
    """
    cp = document.core_properties
    cp.title = clean_line(meta.get("title") or "")
    cp.subject = display(meta.get("subject"))
    cp.author = cp.last_modified_by = display(meta.get("author"))
    cp.keywords = display(meta.get("keywords"))
    cp.comments = display(meta.get("description"))
    cp.category = display(meta.get("classification"))
    cp.revision = 1
    for child in list(cp._element):
        if child.tag.rsplit("}", 1)[-1] in {"created", "modified", "lastPrinted"}:
            cp._element.remove(child)
    when = parse_date(meta.get("date"))
    if when is not None:
        cp.created = cp.modified = when


def drop_thumbnail(document) -> None:
    """Remove the template's preview picture: it does not show this document."""
    rels = document.part.package.rels
    for rId, rel in list(rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            rels.pop(rId)


def reproducible_zip(data: bytes) -> bytes:
    """Re-pack the package with fixed timestamps and attributes, so equal input gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0
            zout.writestr(entry, zin.read(info.filename))
    return out.getvalue()
