"""Organisations' Word references as they are: the example builds with each, blends in, keeps their furniture.

The references are two real ones committed under tests/themes/word/ and synthetic ones that
reproduce the traits of the real files that could not be committed (docx_theme_references).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from PIL import ImageFont

from dossier.build import build
from dossier.writers.docx.reference import main as docx_reference_main
from dossier.writers.docx.reference import reference_docx_bytes
from dossier.writers.docx.writer import DocxWriter
from dossier.writers.pptx.reference import main as pptx_reference_main
from docx_theme_references import ALL, REAL, make_reference
from project_copies import copy_example, run_dossier
from test_docx_rendering import needs_libreoffice, to_pdf
from test_docx_sample import briefing_document

BRIEFING = Path("reports") / "azerbaijan-china" / "briefing.docx"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The example project (briefing only); its charts are drawn by the first build and reused after."""
    return copy_example(tmp_path_factory.mktemp("themes"))


def build_with(project: Path, reference: Path, monkeypatch) -> tuple[docx.document.Document, list[str]]:
    """Build the example's briefing with ``reference`` as its theme; return the output and the build's warnings."""
    monkeypatch.setenv("DOSSIER_REFRESH_FIELDS", "0")
    shutil.copy(reference, project / "templates" / "theme" / "reference.docx")
    result = build(project, force=True)
    assert not result.failed, result.failed[0].error
    return docx.Document(str(project / BRIEFING)), [w for w in result.warnings if "reference.docx" in w]


def used_style_ids(document) -> set[str]:
    body = document.element.body
    ids = {el.get(qn("w:val")) for el in body.iter(qn("w:pStyle"), qn("w:rStyle"), qn("w:tblStyle"))}
    for part in (document.sections[0].header, document.sections[0].footer):
        if not part.is_linked_to_previous:
            ids |= {el.get(qn("w:val")) for el in part._element.iter(qn("w:pStyle"))}
    return ids


@pytest.mark.parametrize("name", ALL)
def test_the_example_builds_with_each_reference(name, project, tmp_path, monkeypatch):
    out, warnings = build_with(project, make_reference(name, tmp_path), monkeypatch)
    defined = {s.get(qn("w:styleId")) for s in out.styles.element.findall(qn("w:style"))}
    assert used_style_ids(out) <= defined  # every style the briefing names is in the file
    assert len(warnings) <= 2 and all(len(w) < 400 for w in warnings), warnings
    names = {s.get(qn("w:styleId")): s.find(qn("w:name")).get(qn("w:val")).lower()
             for s in out.styles.element.findall(qn("w:style")) if s.find(qn("w:name")) is not None}
    headings = [p for p in out.paragraphs if names.get(p.style.style_id) == "heading 1"]
    assert headings and headings[0].text == "Summary"
    assert any(p.text == "Azerbaijan–China relations" and names[p.style.style_id] == "title" for p in out.paragraphs)
    assert len(out.tables) >= 2 and out.tables[0].cell(0, 0).text == "Year"


def test_a_localised_reference_lends_its_own_styles(tmp_path):
    ref = make_reference("german_word", tmp_path)
    out = tmp_path / "out.docx"
    DocxWriter(ref, refresh_fields=False).write(briefing_document(tmp_path), out)
    d = docx.Document(str(out))
    by_name = {}
    for style in d.styles.element.findall(qn("w:style")):
        by_name.setdefault(style.find(qn("w:name")).get(qn("w:val")).lower(), []).append(style.get(qn("w:styleId")))
    # found under Word's English built-in names, never supplied a second time
    assert by_name["heading 1"] == ["berschrift1"] and by_name["normal"] == ["Standard"]
    assert by_name["quote"] == ["Zitat"] and by_name["title"] == ["Titel"] and "heading 2" not in by_name
    styles_used = [p.style.style_id for p in d.paragraphs]
    assert "berschrift1" in styles_used and "berschrift2" in styles_used and "Zitat" in styles_used
    assert "Heading1" not in styles_used and "Heading2" not in styles_used


def test_supplied_styles_take_the_references_look(tmp_path):
    """Dossier's definitions, scaled to the body size, in the heading colour, at the reference's margins."""
    ref = make_reference("german_word", tmp_path)  # 11 pt body, heading 1 in green 006633, Letter page
    d, names = _open(ref)
    table_text = d.styles.element.get_by_id(names.id("Table Text"))
    assert table_text.find(f"{qn('w:rPr')}/{qn('w:sz')}").get(qn("w:val")) == str(round(18 * 1.1))
    info = d.styles.element.get_by_id(names.id("Document Info"))
    assert info.find(f".//{qn('w:pBdr')}/{qn('w:bottom')}").get(qn("w:color")) == "006633"
    table = d.styles.element.get_by_id(names.id("Table", "table"))
    assert table.find(f".//{qn('w:tblBorders')}/{qn('w:top')}").get(qn("w:color")) == "006633"
    section = d.sections[0]
    text_width = round((section.page_width - section.left_margin - section.right_margin) / 635)
    toc = d.styles.element.get_by_id(names.id("toc 1"))
    assert toc.find(f".//{qn('w:tab')}").get(qn("w:pos")) == str(text_width)
    table_text_base = table_text.find(qn("w:basedOn")).get(qn("w:val"))
    assert table_text_base == "Standard"  # the reference's Normal, whatever its id


def _open(reference: Path):
    from dossier.writers.docx.styles import open_reference

    return open_reference(reference)


def test_a_hidden_required_style_is_warned_about(tmp_path):
    warnings = DocxWriter.check_theme(make_reference("hidden_title", tmp_path))
    assert any("Title" in w and "hid" in w for w in warnings), warnings


def test_a_complete_reference_gives_no_warning(tmp_path):
    path = tmp_path / "reference.docx"
    path.write_bytes(reference_docx_bytes())
    assert DocxWriter.check_theme(path) == []


def test_only_missing_word_styles_are_named_and_dossiers_own_are_counted(tmp_path):
    warnings = DocxWriter.check_theme(make_reference("word_default", tmp_path))
    assert len(warnings) == 1
    assert "TOC 1–2" in warnings[0] and "Table Caption" in warnings[0]
    assert "(and 7 of dossier's own)" in warnings[0] and "Document Info" not in warnings[0]


def test_a_dotx_template_is_accepted_and_written_as_a_document(tmp_path):
    out = tmp_path / "out.docx"
    DocxWriter(make_reference("template_dotx", tmp_path), refresh_fields=False).write(briefing_document(tmp_path), out)
    with zipfile.ZipFile(out) as z:
        types = z.read("[Content_Types].xml").decode()
    assert "document.main+xml" in types and "template.main+xml" not in types
    assert docx.Document(str(out)).paragraphs[0].text


def test_the_organisations_header_and_footer_are_kept(tmp_path):
    out = tmp_path / "out.docx"
    document = briefing_document(tmp_path)
    document.meta["classification"] = "OFFICIAL"
    DocxWriter(make_reference("own_furniture", tmp_path), refresh_fields=False).write(document, out)
    section = docx.Document(str(out)).sections[0]
    header, footer = section.header, section.footer
    assert header._element.findall(f".//{qn('w:drawing')}")  # the logo
    assert [p.text for p in header.paragraphs][0] == "OFFICIAL"
    texts = [p.text for p in footer.paragraphs]
    assert texts[0].startswith("© Ministry of Examples 2026") and texts[-1] == "OFFICIAL"
    assert not any(t.startswith("Page ") for t in texts)  # its own page number, not a second one


def test_the_header_logo_and_the_body_pictures_have_distinct_drawing_ids(tmp_path):
    out = tmp_path / "out.docx"
    DocxWriter(make_reference("own_furniture", tmp_path), refresh_fields=False).write(briefing_document(tmp_path), out)
    with zipfile.ZipFile(out) as z:
        ids = [i for name in z.namelist() if name.startswith("word/") and name.endswith(".xml")
               for i in re.findall(r'<wp:docPr id="(\d+)"', z.read(name).decode())]
    assert len(ids) >= 2 and len(set(ids)) == len(ids), ids  # Word "repairs" a file with two drawings of one id


# ------------------------------------------------------------ table widths from the reference's table font


def drawn_width_pt(text: str, family: str, size: float, bold: bool = False) -> float:
    found = subprocess.run(["fc-match", "-f", "%{file}", family + (":bold" if bold else "")],
                           capture_output=True, text=True, check=True).stdout
    return ImageFont.truetype(found, 1000).getlength(text) / 1000 * size


def test_columns_fit_the_longest_word_in_a_16pt_table_font(project, tmp_path, monkeypatch):
    out, _ = build_with(project, make_reference("big_table_font", tmp_path), monkeypatch)
    margins_pt = 2 * 85 / 20  # the table style's cell margins
    for table in out.tables:
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row.cells):
                longest = max(cell.text.split(), key=lambda word: drawn_width_pt(word, "Noto Sans", 16, r == 0),
                              default="")
                room = table.columns[c].width.pt - margins_pt
                assert drawn_width_pt(longest, "Noto Sans", 16, r == 0) <= room, (longest, room)


@needs_libreoffice
@pytest.mark.parametrize("name", ["big_table_font", "gongwen_dotx"])
def test_libreoffice_breaks_no_table_word(name, project, tmp_path, monkeypatch):
    """Laid out by an office suite, every word of every table is whole on its line, and the page count stays sane."""
    out, _ = build_with(project, make_reference(name, tmp_path), monkeypatch)
    words = {w for table in out.tables for cell in table._cells for w in cell.text.split() if len(w) > 2}
    pdf = to_pdf(project / BRIEFING, tmp_path / "pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    lines = {word for line in text.splitlines() for word in line.split()}
    assert words <= lines, sorted(words - lines)[:10]
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True,
                                                              text=True).stdout).group(1))
    assert pages <= 30


# ------------------------------------------------------------ the generators never replace a file unasked


@pytest.mark.parametrize("generator, suffix", [(docx_reference_main, ".docx"), (pptx_reference_main, ".pptx")])
def test_a_generator_run_on_an_existing_file_does_not_change_it(generator, suffix, tmp_path):
    theirs = tmp_path / f"reference{suffix}"
    theirs.write_bytes(b"the organisation's own file")
    stamp = theirs.stat().st_mtime_ns
    assert generator([str(theirs)]) == 1
    assert theirs.read_bytes() == b"the organisation's own file" and theirs.stat().st_mtime_ns == stamp
    assert generator(["--force", str(theirs)]) == 0 and theirs.read_bytes() != b"the organisation's own file"


def test_merge_adds_dossiers_styles_and_keeps_everything_else(tmp_path):
    theirs = REAL["owasp_scvs"]
    before = theirs.read_bytes()
    out = tmp_path / "ours.docx"
    assert docx_reference_main(["--merge", str(theirs), str(out)]) == 0
    assert theirs.read_bytes() == before
    with zipfile.ZipFile(theirs) as a, zipfile.ZipFile(out) as b:
        assert a.namelist() == b.namelist()
        changed = [n for n in a.namelist() if a.read(n) != b.read(n)]
    assert changed == ["word/styles.xml"]
    assert DocxWriter.check_theme(out) == []  # nothing left to supply
    assert docx_reference_main(["--merge", str(theirs), str(out)]) == 1  # OUT exists: not replaced
    merged = docx.Document(str(out))
    assert merged.styles["Table Text"] is not None and merged.styles["List Bullet"] is not None


def test_merge_turns_a_dotx_into_a_docx(tmp_path):
    out = tmp_path / "gongwen.docx"
    assert docx_reference_main(["--merge", str(REAL["gongwen_dotx"]), str(out)]) == 0
    docx.Document(str(out))  # python-docx opens only documents


def test_strict_turns_the_reference_warnings_into_a_failure(project, tmp_path, monkeypatch):
    monkeypatch.setenv("DOSSIER_REFRESH_FIELDS", "0")
    shutil.copy(make_reference("word_default", tmp_path), project / "templates" / "theme" / "reference.docx")
    before = (project / BRIEFING).read_bytes() if (project / BRIEFING).exists() else None
    result = build(project, force=True, strict=True)
    assert result.failed and "supplied 9 styles it lacks" in result.failed[0].error
    assert ((project / BRIEFING).read_bytes() if (project / BRIEFING).exists() else None) == before


def test_check_reports_the_reference_warnings_like_build(project, tmp_path):
    shutil.copy(make_reference("hidden_title", tmp_path), project / "templates" / "theme" / "reference.docx")
    checked = run_dossier("check", "--project", str(project))
    assert checked.returncode == 0, checked.stderr
    assert "templates/theme/reference.docx: style Title hides its text" in checked.stderr
