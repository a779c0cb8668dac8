"""The bidi project: Arabic and Hebrew quotations, an Arabic source title, a mixed table cell, an Arabic locale.

Built once; the files are reopened with python-docx/python-pptx and the briefing is laid out by
LibreOffice, whose text order (``pdftotext -raw``) shows where punctuation and numbers land.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pptx
import pytest
from lxml import etree

from project_copies import PROJECTS, copy_project, run_dossier

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
LRM = "\u200e"
ARABIC_QUOTE = "إن العلاقات بين أذربيجان والصين ممتازة."


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    project = copy_project(PROJECTS / "bidi", tmp_path_factory.mktemp("bidi") / "bidi")
    result = run_dossier("build", "--project", str(project), "--quiet")
    assert result.returncode == 0, result.stderr
    return project / "reports" / "demo"


def _text(p) -> str:
    return "".join(t.text or "" for t in p.iter(f"{W}t"))


def _paragraph(root, needle: str):
    return next(p for p in root.iter(f"{W}p") if needle in _text(p))


def _is_rtl(p) -> bool:
    return p.find(f"{W}pPr/{W}bidi") is not None


def _run_of(p, needle: str):
    return next(r for r in p.iter(f"{W}r") if needle in _text(r))


def test_word_quotations_run_right_to_left_with_complex_script_runs(reports):
    body = docx.Document(reports / "briefing.docx").element.body
    arabic, hebrew = _paragraph(body, "ممتازة"), _paragraph(body, "טובים")
    assert _is_rtl(arabic) and _is_rtl(hebrew)
    assert _is_rtl(_paragraph(body, "وزير الخارجية"))  # the attribution follows its quotation
    assert not _is_rtl(_paragraph(body, "The minister said"))
    run = _run_of(arabic, "ممتازة")
    assert run.find(f"{W}rPr/{W}rtl") is not None
    assert run.find(f"{W}rPr/{W}lang").get(f"{W}bidi") == "ar-SA"
    assert run.find(f"{W}rPr/{W}rFonts").get(f"{W}cs") == "Noto Sans Arabic"
    assert _run_of(hebrew, "טובים").find(f"{W}rPr/{W}lang").get(f"{W}bidi") == "he-IL"


def test_word_isolates_an_arabic_title_inside_a_left_to_right_footnote_and_cell(reports):
    document = docx.Document(reports / "briefing.docx")
    footnotes = next(p for p in document.part.package.iter_parts() if p.partname.endswith("footnotes.xml"))
    note = _paragraph(etree.fromstring(footnotes.blob), "تقرير وزارة الخارجية")
    assert not _is_rtl(note)
    run = _run_of(note, "تقرير")
    assert run.find(f"{W}rPr/{W}rtl") is not None and _text(run).endswith(LRM)
    cell = _paragraph(document.element.body, "Baku –")
    assert not _is_rtl(cell) and _run_of(cell, "باكو").find(f"{W}rPr/{W}rtl") is not None
    assert _run_of(cell, "Baku").find(f"{W}rPr/{W}rtl") is None


def test_an_arabic_locale_makes_the_sections_and_tables_right_to_left(reports):
    document = docx.Document(reports / "briefing_ar.docx")
    body = document.element.body
    assert all(s.find(f"{W}bidi") is not None for s in body.iter(f"{W}sectPr"))
    assert body.find(f".//{W}tblPr/{W}bidiVisual") is not None
    assert _is_rtl(_paragraph(body, "335"))  # a number alone takes the document's direction
    defaults = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert defaults.get(f"{W}val") == "ar-EG"
    english = docx.Document(reports / "briefing.docx").element.body
    assert all(s.find(f"{W}bidi") is None for s in english.iter(f"{W}sectPr"))
    assert english.find(f".//{W}tblPr/{W}bidiVisual") is None


def _pdf_lines(docx_file: Path, tmp: Path) -> list[str]:
    profile = f"file://{tmp / 'lo-profile'}"
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp), str(docx_file)], capture_output=True, timeout=300, check=True)
    text = subprocess.run(["pdftotext", "-raw", str(tmp / (docx_file.stem + ".pdf")), "-"],
                          capture_output=True, text=True, check=True).stdout
    return [re.sub("[\u200e\u200f\u202a-\u202e]", "", line) for line in text.splitlines()]


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="needs LibreOffice and poppler-utils (the README's test command installs them)")
def test_libreoffice_lays_the_punctuation_and_numbers_out_in_order(reports, tmp_path):
    lines = _pdf_lines(reports / "briefing.docx", tmp_path)
    mixed = next(line for line in lines if line.startswith("See "))
    assert mixed.endswith(", 2019-09, page 4.") and "تقرير" in mixed  # not "09-2019 ,…"
    quote = next(line for line in lines if "ممتازة" in line)
    assert quote.startswith(".")  # the full stop at the left end of a right-to-left line
    note = next(line for line in lines if "Ministry of Foreign Affairs" in line)
    assert note.strip().endswith(", September 2019")
    fonts = subprocess.run(["pdffonts", str(tmp_path / "briefing.pdf")], capture_output=True, text=True).stdout
    assert "NotoSansArabic" in fonts and "NotoSansHebrew" in fonts  # the complex-script faces the runs name
    assert "NotoColorEmoji" in fonts  # the emoji in the text is drawn with the emoji font, not left a box


def _deck_paragraph(path: Path, needle: str):
    for slide in pptx.Presentation(path).slides:
        for shape in slide.shapes:
            frames = [shape.text_frame] if shape.has_text_frame else []
            if shape.has_table:
                frames = [cell.text_frame for row in shape.table.rows for cell in row.cells]
            for frame in frames:
                for p in frame.paragraphs:
                    if needle in p.text:
                        return p._p
    raise AssertionError(f"no paragraph holds {needle!r}")


def test_powerpoint_quotation_runs_right_to_left_with_its_language(reports):
    quote = _deck_paragraph(reports / "deck.pptx", "ممتازة")
    ppr = quote.find(f"{A}pPr")
    assert ppr.get("rtl") == "1" and ppr.get("algn") == "r"
    run = next(r for r in quote.iter(f"{A}r") if "ممتازة" in r.findtext(f"{A}t"))
    rpr = run.find(f"{A}rPr")
    assert (rpr.get("lang"), rpr.get("altLang")) == ("ar-SA", "en-GB")
    assert rpr.find(f"{A}cs").get("typeface") == "Noto Sans Arabic"
    assert "".join(quote.itertext()).startswith("\u201d")  # Arabic's opening mark (CLDR), not “
    attribution = _deck_paragraph(reports / "deck.pptx", "وزير الخارجية").find(f"{A}pPr")
    assert attribution.get("rtl") == "1" and attribution.get("algn") == "l"  # mirrored: at the quote's end edge
    hebrew = _deck_paragraph(reports / "deck.pptx", "טובים")
    assert {r.find(f"{A}rPr").get("lang") for r in hebrew.iter(f"{A}r") if "טובים" in r.findtext(f"{A}t")} == {"he-IL"}


def test_powerpoint_puts_the_bar_of_a_right_to_left_quotation_on_its_right(reports):
    quotes = 0
    for slide in pptx.Presentation(reports / "deck.pptx").slides:
        bars = [shape for shape in slide.shapes if shape.name == "Quote Bar"]
        texts = [s for s in slide.shapes if s.has_text_frame and re.search("ممتازة|טובים", s.text_frame.text)]
        if bars and texts:
            quotes += 1
            bar, text = bars[0], texts[0]
            assert bar.left >= text.left + text.width - bar.width  # at the text's right edge, where it starts
    assert quotes == 2


def test_powerpoint_tags_every_run_and_keeps_a_mixed_cell_left_to_right(reports):
    cell = _deck_paragraph(reports / "deck.pptx", "Baku –")
    assert cell.find(f"{A}pPr").get("rtl") is None
    langs = {r.findtext(f"{A}t").strip(LRM + " –"): r.find(f"{A}rPr").get("lang") for r in cell.iter(f"{A}r")}
    assert langs["Baku"] == "en-GB" and langs["باكو"] == "ar-SA"
    arabic_deck = pptx.Presentation(reports / "deck_ar.pptx")
    tables = [s.table._tbl for slide in arabic_deck.slides for s in slide.shapes if s.has_table]
    assert tables and all(t.tblPr.get("rtl") == "1" for t in tables)
    number = _deck_paragraph(reports / "deck_ar.pptx", "335")
    assert number.find(f"{A}pPr").get("rtl") == "1"  # no letter: the deck's direction
    assert {r.find(f"{A}rPr").get("lang") for r in number.iter(f"{A}r")} == {"ar-EG"}
