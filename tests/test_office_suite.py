"""A real office suite opens every output: LibreOffice converts both files to PDF and lays them out."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from test_example_build import SUBJECT

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None and not __import__("os").environ.get("CI"),
    reason="LibreOffice is not installed (the README's test command installs it)",
)


def convert_to_pdf(source: Path, outdir: Path) -> Path:
    """Convert with LibreOffice headless (its own profile, so parallel runs do not clash); return the PDF."""
    assert SOFFICE, "LibreOffice (soffice) must be installed in CI"
    profile = outdir / "lo-profile"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(outdir), str(source)],
        check=True, capture_output=True, timeout=300,
    )
    pdf = outdir / (source.stem + ".pdf")
    assert pdf.is_file() and pdf.stat().st_size > 10_000, f"LibreOffice did not convert {source.name}"
    return pdf


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def pdfs(example_build: Path, tmp_path_factory) -> dict[str, Path]:
    outdir = tmp_path_factory.mktemp("pdf")
    folder = example_build / "reports" / SUBJECT
    return {name: convert_to_pdf(folder / name, outdir) for name in ("briefing.docx", "deck.pptx")}


def test_briefing_converts_to_four_to_ten_pages(pdfs: dict[str, Path]) -> None:
    pages = pdf_pages(pdfs["briefing.docx"])
    assert 4 <= pages <= 10  # the Sources list prints every URL: about a page more than without
    text = pdf_text(pdfs["briefing.docx"])
    assert "Azerbaijan–China relations" in text
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
    assert "中国共产党" in text and "Azərbaycan" in text  # the glyphs reached the page as text
    fonts = subprocess.run(["pdffonts", str(pdfs["briefing.docx"])], check=True, capture_output=True,
                           text=True).stdout
    assert "NotoSansCJK" in fonts  # drawn with a CJK font, not a box


def test_deck_converts_one_page_per_slide(example_build: Path, pdfs: dict[str, Path]) -> None:
    from pptx import Presentation

    slides = len(Presentation(example_build / "reports" / SUBJECT / "deck.pptx").slides)
    assert pdf_pages(pdfs["deck.pptx"]) == slides
    assert 12 <= slides <= 22
