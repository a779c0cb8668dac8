"""A character no installed font draws fails check and build with its data line; emoji have a font."""

from __future__ import annotations

from pathlib import Path

from dossier.document_glyphs import check_document_glyphs, document_texts, installed_ranges
from dossier.errors import WriterError
from dossier.model import Document, Footnote, Location, Paragraph, Quote, Table, Text
from project_copies import PROJECTS, copy_project, run_dossier

GLOBE = "\U0001F30D"


def _document(text: str) -> Document:
    loc = Location("build/demo/briefing.md", 7)
    return Document({"title": "T"}, (Paragraph((Text(text),), loc),), {}, "build/demo/briefing.md")


def test_every_shown_text_is_looked_at():
    loc = Location("x.md", 3)
    document = Document(
        {"title": "Title", "subtitle": "Sub", "date": "2024"},
        (Quote((Paragraph((Text("quoted"),), loc),), loc, attribution=(Text("speaker"),)),
         Table(((Text("head"),),), (((Text("cell"),),),), (None,), loc, caption="cap")),
        {"1": Footnote("1", 1, (Text("note"),), Location("x.md", 9))}, "x.md")
    texts = {text for text, _ in document_texts(document)}
    assert {"Title", "Sub", "quoted", "speaker", "head", "cell", "cap", "note"} <= texts


def test_emoji_and_the_regions_scripts_have_an_installed_font():
    assert installed_ranges() is not None, "fontconfig (fc-list) is part of the install"
    check_document_glyphs(_document(f"Azərbaycan Қазақстан 中国 تقرير היחסים {GLOBE} \u2615"))


def test_a_character_no_font_has_names_itself_and_its_place():
    try:
        check_document_glyphs(_document("Plain \u0378 note"))
    except WriterError as exc:
        assert (exc.file, exc.line) == ("build/demo/briefing.md", 7)
        assert "U+0378" in str(exc) and "no assigned Unicode character" in str(exc)
    else:
        raise AssertionError("no error for U+0378")


def test_check_and_build_fail_on_it_with_the_data_file_line(tmp_path: Path):
    project = copy_project(PROJECTS / "minimal", tmp_path / "p")
    report = project / "data" / "demo" / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("Plain note", "Plain \u0378 note"), encoding="utf-8")
    for command in ("check", "build"):
        result = run_dossier(command, "--project", str(project), "--quiet")
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        line = next(x for x in result.stderr.splitlines() if "U+0378" in x)
        assert "no installed font has the character" in line and "data/demo/report.yaml:3" in line
    assert not (project / "reports" / "demo" / "briefing.docx").exists()
