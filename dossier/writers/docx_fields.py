"""Field results: fill in page numbers that only a layout engine knows, using LibreOffice.

A Word field (``TOC``, ``PAGEREF``, ``NUMPAGES``, ...) stores its instruction and a
cached result. Word recomputes them when ``w:updateFields`` asks it to; every other
reader (LibreOffice, converters to PDF, text extraction) shows the cache. The writer
knows most results (``SEQ``, ``REF``, ``NOTEREF``), but not on which page a heading
lands, so the contents list is written without page numbers.

:func:`refresh_fields_with_libreoffice` lays the finished file out with LibreOffice
(headless, a throw-away profile, a small Basic macro that reports the page of every
bookmark and the page count), then writes those numbers into the cached results of
``PAGEREF`` and ``NUMPAGES`` fields. Only the cached text changes: styles, numbering,
footnotes and fields stay exactly as the writer made them (no LibreOffice round trip
of the file), and the output stays reproducible. Without LibreOffice it does nothing.

The macro asks for the page count before anything else: that makes LibreOffice lay out
the whole document; without it, a hidden document reports pages of a partial layout.
"""

from __future__ import annotations

import io
import logging
import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree

from dossier.writers.ooxml_package import reproducible_zip

log = logging.getLogger(__name__)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PAGE_COUNT = "*PAGES"

_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Main
  On Error GoTo Failed
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = "Hidden"
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL("{source}"), "_blank", 0, args())
  controller = doc.getCurrentController()
  pages = controller.getPropertyValue("PageCount")
  cursor = controller.getViewCursor()
  marks = doc.getBookmarks()
  names = marks.getElementNames()
  n = FreeFile()
  Open "{report}.part" For Output As #n
  For i = 0 To UBound(names)
    cursor.gotoRange(marks.getByName(names(i)).getAnchor(), False)
    Print #n, names(i) &amp; Chr(9) &amp; cursor.getPage()
  Next
  Print #n, "{count}" &amp; Chr(9) &amp; pages
  Close #n
  doc.close(True)
  Name "{report}.part" As "{report}"
  Exit Sub
Failed:
  On Error Resume Next
  If Not IsNull(doc) Then doc.close(True)
End Sub
</script:module>
"""


def find_soffice() -> str | None:
    """Return the LibreOffice command, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


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


def layout_pages(data: bytes, *, timeout: float = 120.0, attempts: int = 2) -> dict[str, int] | None:
    """Lay ``data`` out with LibreOffice; return {bookmark name: page, ``PAGE_COUNT``: pages}, or None.

    A cold first start of LibreOffice (fonts being cached, a profile being created) now and
    then ends before the profile is complete, so a failed attempt is tried once more; a
    timed-out one is not. Each LibreOffice run is ended (with its process group) after
    ``timeout`` seconds.
    """
    soffice = find_soffice()
    if soffice is None:
        return None
    problem = ""
    for _ in range(attempts):
        with tempfile.TemporaryDirectory(prefix="dossier-lo-") as tmp:
            try:
                pages = _layout_once(soffice, data, Path(tmp), timeout)
            except subprocess.TimeoutExpired as exc:
                pages, problem = None, str(exc)
                break  # a hung office suite will hang again: do not wait twice
            except (OSError, subprocess.SubprocessError) as exc:
                pages, problem = None, str(exc)
            if pages is not None:
                return pages
    log.warning("LibreOffice could not lay the document out%s; page numbers left empty",
                f" ({problem})" if problem else "")
    return None


def _layout_once(soffice: str, data: bytes, folder: Path, timeout: float) -> dict[str, int] | None:
    source, report, profile = folder / "in.docx", folder / "pages.txt", folder / "profile"
    source.write_bytes(data)
    base = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nologo"]
    _run(base + ["--terminate_after_init"], timeout)  # creates the profile and its Basic library
    module = profile / "user" / "basic" / "Standard" / "Module1.xba"
    if not module.is_file():
        return None
    macro = _MACRO.format(source=_basic(source), report=_basic(report), count=PAGE_COUNT)
    module.write_text(macro, encoding="utf-8")
    _run(base + ["macro:///Standard.Module1.Main"], timeout)
    if not report.is_file():
        return None
    pages: dict[str, int] = {}
    for line in report.read_text(encoding="utf-8", errors="replace").splitlines():
        name, _, page = line.rpartition("\t")
        if name and page.strip().isdigit():
            pages[name] = int(page)
    return pages


def _basic(path: Path) -> str:
    """``path`` as the text of a Basic string literal inside the XML module."""
    return escape(str(path).replace('"', '""'), {'"': "&quot;"})


def _run(command: list[str], timeout: float) -> None:
    """Run LibreOffice in its own process group; on timeout end that group and raise."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise


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
    """Return ``data`` with ``PAGEREF`` and ``NUMPAGES`` results taken from ``pages``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            blob = zin.read(info.filename)
            name = info.filename
            if name.startswith("word/") and name.endswith(".xml") and b"fldChar" in blob:
                blob = _fill_part(blob, pages)
            zout.writestr(info, blob)
    return reproducible_zip(out.getvalue())


def _fill_part(blob: bytes, pages: dict[str, int]) -> bytes:
    root = etree.fromstring(blob)
    for instruction, runs in list(iter_fields(root)):
        words = instruction.split()
        if not words:
            continue
        kind = words[0].upper()
        if kind == "PAGEREF" and len(words) > 1 and words[1] in pages:
            set_result(runs, str(pages[words[1]]))
        elif kind == "NUMPAGES" and PAGE_COUNT in pages:
            set_result(runs, str(pages[PAGE_COUNT]))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
