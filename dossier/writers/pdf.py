"""PDF files of the outputs, made by LibreOffice: a deck's handout, a briefing to print or send.

The PDF is LibreOffice's own rendering of the file (the same it gives with ``--convert-to pdf``),
with every font embedded as a subset, hyperlinks kept and the structure tagged; a deck's PDF
can carry its notes pages after the slides. The build's one LibreOffice does the work
(`libreoffice_layout.export_pdf`).
"""

from __future__ import annotations

from pathlib import Path

from dossier.errors import WriterError
from dossier.writers.libreoffice_layout import export_pdf, find_soffice

INSTALL = "apt-get install libreoffice-writer libreoffice-impress"


def convert_to_pdf(source: Path, target: Path, *, notes: bool = False, shown: str = "") -> None:
    """Write ``source`` (.docx or .pptx) as a PDF to ``target``; fail naming the file (``shown``) when it cannot."""
    shown = shown or str(source)
    if find_soffice() is None:
        raise WriterError(f"a PDF output needs LibreOffice, which is not installed ({INSTALL})", file=shown)
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise WriterError(f"cannot read it to convert to PDF: {exc.strerror}", file=shown) from None
    pdf = export_pdf(data, source.suffix, notes=notes)
    if pdf is None:
        raise WriterError("LibreOffice could not convert it to PDF", file=shown)
    target.write_bytes(pdf)
