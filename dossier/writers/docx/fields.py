"""Field results: fill in page numbers that only a layout engine knows.

A Word field (``TOC``, ``PAGEREF``, ``NUMPAGES``, ...) stores its instruction and a
cached result. Word recomputes them when ``w:updateFields`` asks it to; every other
reader (LibreOffice, converters to PDF, text extraction) shows the cache. The writer
knows most results (``SEQ``, ``REF``, ``NOTEREF``), but not on which page a heading
lands, so the contents list is written without page numbers.

:func:`refresh_docx_bytes` asks LibreOffice (``libreoffice_layout``) on which page every
bookmark lands and how many pages there are, then writes those numbers into the cached
results of ``PAGEREF`` and ``NUMPAGES`` fields. Only the cached text changes: styles,
numbering, footnotes and fields stay exactly as the writer made them (no LibreOffice round
trip of the file), and the output stays reproducible. Without LibreOffice it does nothing.

When every ``PAGEREF`` got its page, Word has nothing left to compute: the writer's request to
update fields on opening (``w:updateFields``, a prompt in Word) is taken out again, and
``docProps/app.xml`` gets the page count. Otherwise the request stays, and Word fills them in.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

from dossier.writers.libreoffice_layout import PAGE_COUNT, find_soffice, layout_pages
from dossier.writers.app_properties import docx_properties, with_app_properties
from dossier.writers.ooxml_package import reproducible_zip

__all__ = ["PAGE_COUNT", "fill_page_fields", "find_soffice", "iter_fields", "layout_pages",
           "refresh_docx_bytes", "refresh_fields_with_libreoffice", "set_result"]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def refresh_fields_with_libreoffice(path: Path, *, timeout: float = 120.0) -> bool:
    """Fill in the page numbers of ``path`` (a .docx) in place; return False when LibreOffice is missing or fails.

    Contents entries (``PAGEREF`` to heading bookmarks) get the page LibreOffice lays
    each heading on, and ``NUMPAGES`` the page count. A failure is logged, never raised:
    the file is valid without the numbers, and Word fills them in on opening.
    """
    path = Path(path)
    refreshed = refresh_docx_bytes(path.read_bytes(), timeout=timeout)
    if refreshed is None:
        return False
    path.write_bytes(refreshed)
    return True


def refresh_docx_bytes(data: bytes, *, timeout: float = 120.0) -> bytes | None:
    """Return ``data`` (a .docx) with page-number fields filled in, or None when LibreOffice is unavailable."""
    pages = layout_pages(data, timeout=timeout)
    if pages is None:
        return None
    return fill_page_fields(data, pages)


def iter_fields(root):
    """Yield ``(instruction, result_runs)`` for every complex field under ``root`` (inner fields first)."""
    stack: list[tuple[list[str], list, list[bool]]] = []
    for run in root.iter(f"{W}r"):
        for child in run:
            if child.tag == f"{W}fldChar":
                kind = child.get(f"{W}fldCharType")
                if kind == "begin":
                    stack.append(([], [], [False]))
                elif kind == "separate" and stack:
                    stack[-1][2][0] = True
                elif kind == "end" and stack:
                    instruction, results, _ = stack.pop()
                    yield " ".join("".join(instruction).split()), results
            elif child.tag == f"{W}instrText" and stack:
                stack[-1][0].append(child.text or "")
            elif child.tag == f"{W}t" and stack and stack[-1][2][0]:
                stack[-1][1].append(run)


def set_result(runs, text: str) -> None:
    """Make a field's cached result ``text``: the first result run holds it, the others are emptied."""
    texts = [t for run in runs for t in run.findall(f"{W}t")]
    if not texts:
        return
    texts[0].text = text
    for extra in texts[1:]:
        extra.text = ""


def fill_page_fields(data: bytes, pages: dict[str, int]) -> bytes:
    """Return ``data`` with ``PAGEREF`` and ``NUMPAGES`` results taken from ``pages``.

    When all of them were filled, ``w:updateFields`` is removed and app.xml gets the page count.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as zin:
        infos = zin.infolist()
        parts = {info.filename: zin.read(info.filename) for info in infos}
    complete = True
    for name, blob in parts.items():
        if name.startswith("word/") and name.endswith(".xml") and b"fldChar" in blob:
            parts[name], filled = _fill_part(blob, pages)
            complete = complete and filled
    if complete and "word/settings.xml" in parts:
        parts["word/settings.xml"] = _without_update_request(parts["word/settings.xml"])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in infos:
            zout.writestr(info, parts[info.filename])
    data = out.getvalue()
    if complete and PAGE_COUNT in pages:
        data = with_app_properties(data, lambda found: docx_properties(found, pages[PAGE_COUNT]))
    return reproducible_zip(data)


def _fill_part(blob: bytes, pages: dict[str, int]) -> tuple[bytes, bool]:
    """Return the part with page fields filled, and whether every one of them was."""
    root = etree.fromstring(blob)
    complete = True
    for instruction, runs in list(iter_fields(root)):
        words = instruction.split()
        if not words:
            continue
        kind = words[0].upper()
        if kind == "PAGEREF":
            if len(words) > 1 and words[1] in pages:
                set_result(runs, str(pages[words[1]]))
            else:
                complete = False
        elif kind == "NUMPAGES":
            if PAGE_COUNT in pages:
                set_result(runs, str(pages[PAGE_COUNT]))
            else:
                complete = False
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True), complete


def _without_update_request(blob: bytes) -> bytes:
    """Return ``word/settings.xml`` without ``w:updateFields``: the cached results are complete."""
    root = etree.fromstring(blob)
    for element in root.findall(f"{W}updateFields"):
        root.remove(element)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
