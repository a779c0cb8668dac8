"""The example built with ``[charts] native = true``: every chart but the timelines is an editable chart in
both files, its workbook holds the series, LibreOffice converts both; honest metadata, no needless prompt."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.enum.shape import WD_INLINE_SHAPE
from lxml import etree
from pptx import Presentation

from dossier.writers.libreoffice_layout import find_soffice
from tests.project_copies import ROOT, copy_example, run_dossier

EP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"


def chart_blocks(folder: Path, output: str) -> list[str]:
    markdown = (folder / "build" / "azerbaijan-china" / f"{output}.md").read_text(encoding="utf-8")
    return re.findall(r"^kind: (\w+)$", markdown, flags=re.M)


@pytest.fixture(scope="module")
def native_example(tmp_path_factory) -> Path:
    folder = copy_example(tmp_path_factory.mktemp("native"), ("briefing", "deck"))
    config = folder / "dossier.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n[charts]\nnative = true\n", encoding="utf-8")
    result = run_dossier("build", "--project", str(folder))
    assert result.returncode == 0, result.stdout + result.stderr
    return folder


def reports(folder: Path) -> Path:
    return folder / "reports" / "azerbaijan-china"


def app_properties(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("docProps/app.xml"))
    return {el.tag.replace(EP, ""): el.text for el in root}


def test_briefing_charts_are_word_charts_except_the_timeline(native_example):
    kinds = chart_blocks(native_example, "briefing")
    document = docx.Document(str(reports(native_example) / "briefing.docx"))
    types = [shape.type for shape in document.inline_shapes]
    assert types == [WD_INLINE_SHAPE.PICTURE if k == "timeline" else WD_INLINE_SHAPE.CHART for k in kinds]
    assert WD_INLINE_SHAPE.CHART in types
    charts = [rel.target_part for rel in document.part.rels.values() if rel.reltype.endswith("/chart")]
    assert len(charts) == types.count(WD_INLINE_SHAPE.CHART)
    for part in charts:  # "Edit Data" opens a workbook holding the series drawn
        (workbook,) = [rel.target_part for rel in part.rels.values()]
        sheet = openpyxl.load_workbook(io.BytesIO(workbook.blob)).active
        names = [c.value for c in sheet[1][1:]]
        assert names and all(name in part.blob.decode() for name in names)
        assert any(isinstance(c.value, (int, float)) for row in sheet.iter_rows(min_row=2) for c in row[1:])


def test_deck_charts_are_powerpoint_charts_except_the_timeline(native_example):
    kinds = chart_blocks(native_example, "deck")
    deck = Presentation(str(reports(native_example) / "deck.pptx"))
    shapes = [s for slide in deck.slides for s in slide.shapes if s.has_chart or s.shape_type == 13]
    assert ["chart" if s.has_chart else "picture" for s in shapes] == \
        ["picture" if k == "timeline" else "chart" for k in kinds]
    for shape in shapes:
        if shape.has_chart:
            blob = shape.chart.part.chart_workbook.xlsx_part.blob
            assert openpyxl.load_workbook(io.BytesIO(blob)).active.max_row > 1


def test_deck_metadata_is_honest(native_example):
    path = reports(native_example) / "deck.pptx"
    deck = Presentation(str(path))
    props = app_properties(path)
    assert props["Application"] == "dossier"
    assert props["Slides"] == str(len(deck.slides)) and props["PresentationFormat"] == "Widescreen"
    assert props["Notes"] == str(sum(1 for s in deck.slides if s.has_notes_slide))
    assert "HeadingPairs" not in props and "TitlesOfParts" not in props  # the template's lists are gone
    words = sum(len(p.text.split()) for s in deck.slides for sh in s.shapes if sh.has_text_frame
                for p in sh.text_frame.paragraphs)
    assert 0 < words <= int(props["Words"])  # tables' words count too
    (size,) = deck.part._element.xpath("p:sldSz")
    assert (size.get("cx"), size.get("cy"), size.get("type")) == ("12192000", "6858000", None)  # not screen4x3


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
def test_briefing_pages_filled_so_word_asks_nothing(native_example, tmp_path):
    path = reports(native_example) / "briefing.docx"
    with zipfile.ZipFile(path) as z:
        settings = z.read("word/settings.xml").decode()
    assert "updateFields" not in settings  # the layout pass filled every page number
    props = app_properties(path)
    assert props["Application"] == "dossier"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=300)
    pdf = (tmp_path / "briefing.pdf").read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert props["Pages"] == str(pages)  # LibreOffice draws the Word charts and lays out as many pages
    text = subprocess.run(["pdftotext", str(tmp_path / "briefing.pdf"), "-"], capture_output=True, text=True).stdout
    assert "Figure 1" in text


def test_a_build_whose_pictures_are_all_drawn_does_not_import_matplotlib(native_example):
    """With native charts only the timelines are pictures; once they are in build/charts/, a build needs no matplotlib."""
    code = ("import sys; from pathlib import Path; from dossier.build import build; "
            "result = build(Path(sys.argv[1]), jobs=1, force=True); assert not result.failed, result.failed; "
            "print(sorted(name for name in sys.modules if name.split('.')[0] == 'matplotlib')[:3])")
    result = subprocess.run([sys.executable, "-c", code, str(native_example)], capture_output=True, text=True,
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=600)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
