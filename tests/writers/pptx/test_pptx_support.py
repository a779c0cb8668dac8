"""Shared helpers for the pptx tests (no tests here): LibreOffice conversion, words on PDF pages,
and the checks a presenter cares about (every word shown, inside its box, clear of pictures)."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import unicodedata
import uuid
from pathlib import Path

import pytest
from pptx.enum.shapes import MSO_SHAPE_TYPE

HAS_OFFICE = bool(shutil.which("soffice") and shutil.which("pdftotext"))
needs_office = pytest.mark.skipif(not HAS_OFFICE, reason="needs LibreOffice + poppler")
BODY_NAMES = ("Content", "Takeaway", "Quote")


def soffice_pdfs(decks: list[Path], outdir: Path) -> list[Path]:
    """Convert decks to PDF with one LibreOffice run (one start-up for all); return the PDFs."""
    profile = f"file:///tmp/lo-profile-{uuid.uuid4().hex}"
    outdir.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run(
            ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(outdir), *map(str, decks)],
            check=True, capture_output=True, timeout=300,
        )
    finally:
        shutil.rmtree(profile.removeprefix("file://"), ignore_errors=True)
    return [outdir / (deck.stem + ".pdf") for deck in decks]


Word = tuple[float, float, float, float, str]


def pdf_words(pdf: Path) -> list[tuple[float, float, list[Word]]]:
    """Return each page's width, height and words with their boxes (points, top-left origin)."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for m in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', xml, re.DOTALL):
        words = [
            (float(a), float(b), float(c), float(d), html.unescape(w))
            for a, b, c, d, w in re.findall(
                r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', m.group(3)
            )
        ]
        pages.append((float(m.group(1)), float(m.group(2)), words))
    return pages


def norm(s: str) -> str:
    """Return text without spaces, case-folded and NFKC-normalised (titles may render in capitals)."""
    return "".join(unicodedata.normalize("NFKC", s).casefold().split())


def rect(shape) -> tuple[int, int, int, int]:
    return shape.left, shape.top, shape.left + shape.width, shape.top + shape.height


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def is_picture(shape) -> bool:
    return shape.shape_type == MSO_SHAPE_TYPE.PICTURE


def slide_words(slide) -> list[str]:
    """Return the words of a slide's text boxes, placeholders and table cells."""
    words = [t for s in slide.shapes if s.has_text_frame for t in s.text_frame.text.split()]
    words += [t for s in slide.shapes if s.has_table for r in s.table.rows for c in r.cells for t in c.text.split()]
    return words


def rendering_problems(prs, pages) -> list[str]:
    """Return what is wrong with a rendered deck: words missing, off the page, out of their box, over a picture.

    A word must lie inside a text box, table or chart of its slide (1 pt tolerance); no word may
    touch a picture, and no text shape may overlap a picture or a chart.
    """
    problems: list[str] = []
    if len(pages) != len(prs.slides):
        return [f"{len(prs.slides)} slides but {len(pages)} PDF pages"]
    for n, (slide, (pw, ph, words)) in enumerate(zip(prs.slides, pages), 1):
        rendered = norm("".join(w[4] for w in words))
        for token in slide_words(slide):
            if norm(token) not in rendered:
                problems.append(f"slide {n}: {token!r} not rendered")
        scale = pw / (prs.slide_width / 12700)

        def pt(r, scale=scale):
            return tuple(v / 12700 * scale for v in r)

        boxes = [pt(rect(s)) for s in slide.shapes if s.has_text_frame or s.has_table or s.has_chart]
        pics = [pt(rect(s)) for s in slide.shapes if is_picture(s)]
        visuals = pics + [pt(rect(s)) for s in slide.shapes if s.has_chart]
        texts = [pt(rect(s)) for s in slide.shapes if (s.has_text_frame and s.text_frame.text.strip()) or s.has_table]
        for t in texts:
            if any(overlap(t, v) for v in visuals):
                problems.append(f"slide {n}: a text shape overlaps a picture or chart")
        for x0, y0, x1, y1, w in words:
            if not (0 <= x0 and x1 <= pw and 0 <= y0 and y1 <= ph):
                problems.append(f"slide {n}: {w!r} off the page")
            elif not any(x0 >= b[0] - 1 and x1 <= b[2] + 1 and y0 >= b[1] - 1 and y1 <= b[3] + 1 for b in boxes):
                problems.append(f"slide {n}: {w!r} runs out of its box")
            if any(overlap((x0, y0, x1, y1), p) for p in pics):
                problems.append(f"slide {n}: {w!r} over a picture")
    return problems


def body_sizes(slide) -> list[float]:
    """Return the type sizes of a slide's body text: text boxes, quotes and table cells."""
    sizes = [
        r.font.size.pt
        for s in slide.shapes
        if s.has_text_frame and s.name in BODY_NAMES
        for p in s.text_frame.paragraphs
        for r in p.runs
    ]
    sizes += [
        r.font.size.pt
        for s in slide.shapes
        if s.has_table
        for row in s.table.rows
        for c in row.cells
        for p in c.text_frame.paragraphs
        for r in p.runs
    ]
    return sizes


def title_of(slide) -> str:
    shape = slide.shapes.title
    return shape.text_frame.text if shape is not None else ""


def notes_of(slide) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
