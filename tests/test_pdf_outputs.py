"""PDF outputs: `format = "pdf"` converts another output with the build's LibreOffice; incremental; notes pages."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml
from pptx import Presentation

from dossier.build import build
from project_copies import PROJECTS, ROOT, copy_example, copy_project, run_dossier
from test_example_build import SUBJECT
from test_office_suite import SOFFICE, convert_to_pdf, pdf_pages, pdf_text

needs_libreoffice = pytest.mark.skipif(SOFFICE is None and not __import__("os").environ.get("CI"),
                                       reason="LibreOffice is not installed (the README's test command installs it)")

PDF_OUTPUTS = """
[outputs.handout]
format = "pdf"
from = "deck"
notes = true

[outputs.briefing-pdf]
format = "pdf"
from = "briefing"
"""


def with_pdf_outputs(project: Path, tables: str = PDF_OUTPUTS) -> Path:
    config = project / "dossier.toml"
    config.write_text(config.read_text(encoding="utf-8") + tables, encoding="utf-8")
    return project


def link_targets(pdf: Path) -> set[str]:
    """The web addresses of the PDF's link annotations."""
    return {m.decode("latin-1") for m in re.findall(rb"/URI\s*\(([^)]*)\)", pdf.read_bytes())}


def fonts_not_embedded(pdf: Path) -> list[str]:
    rows = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout.splitlines()[2:]
    return [row for row in rows if row.split()[-5] != "yes"]


@pytest.fixture(scope="module")
def example_pdfs(tmp_path_factory) -> Path:
    project = with_pdf_outputs(copy_example(tmp_path_factory.mktemp("pdf-example"), outputs=("briefing", "deck")))
    result = build(project, jobs=1)
    assert not result.failed, [r.error for r in result.failed]
    assert [r.job.output for r in result.results if r.status == "built"][-2:] == ["handout", "briefing-pdf"]
    return project / "reports" / SUBJECT


@needs_libreoffice
def test_pdfs_have_the_pages_of_libreoffices_own_conversion(example_pdfs: Path, tmp_path: Path) -> None:
    own_briefing = convert_to_pdf(example_pdfs / "briefing.docx", tmp_path)
    own_deck = convert_to_pdf(example_pdfs / "deck.pptx", tmp_path)
    slides = len(Presentation(example_pdfs / "deck.pptx").slides)
    assert pdf_pages(example_pdfs / "briefing-pdf.pdf") == pdf_pages(own_briefing) >= 4
    assert pdf_pages(own_deck) == slides
    assert pdf_pages(example_pdfs / "handout.pdf") == 2 * slides  # every slide, then every notes page
    briefing_text = pdf_text(example_pdfs / "briefing-pdf.pdf")
    assert "Azerbaijan–China relations" in briefing_text and "中国共产党" in briefing_text
    notes = Presentation(example_pdfs / "deck.pptx").slides[1].notes_slide.notes_text_frame.text
    first_line = notes.splitlines()[0][:40]
    handout_text = pdf_text(example_pdfs / "handout.pdf")
    assert " ".join(first_line.split()) in " ".join(handout_text.split())


@needs_libreoffice
def test_pdfs_embed_every_font_and_keep_the_links(example_pdfs: Path) -> None:
    for name in ("briefing-pdf.pdf", "handout.pdf"):
        assert fonts_not_embedded(example_pdfs / name) == [], name
    sources = yaml.safe_load((ROOT / "data" / SUBJECT / "sources.yaml").read_text())
    cited = {s["url"] for s in sources if isinstance(s, dict) and s.get("url")}
    links = link_targets(example_pdfs / "briefing-pdf.pdf")
    assert len(links & cited) >= 5, sorted(links)


@needs_libreoffice
def test_a_pdf_is_rebuilt_when_its_source_changes_and_only_then(tmp_path: Path) -> None:
    project = with_pdf_outputs(copy_project(PROJECTS / "minimal", tmp_path / "project"))
    first = {r.job.output: r.status for r in build(project).results}
    assert first == dict.fromkeys(("briefing", "deck", "handout", "briefing-pdf"), "built")
    handout = project / "reports" / "demo" / "handout.pdf"
    assert handout.read_bytes().startswith(b"%PDF") and pdf_pages(handout) == 2 * len(
        Presentation(project / "reports" / "demo" / "deck.pptx").slides)
    assert {r.status for r in build(project).results} == {"up to date"}

    deck_template = project / "templates" / "deck.md.j2"
    deck_template.write_text(deck_template.read_text(encoding="utf-8") + "\n## One more slide\n\nNew text.\n",
                             encoding="utf-8")
    second = {r.job.output: r.status for r in build(project).results}
    assert second == {"briefing": "up to date", "deck": "built", "handout": "built", "briefing-pdf": "up to date"}
    assert "New text." in pdf_text(handout)

    (project / "reports" / "demo" / "briefing-pdf.pdf").unlink()
    third = {r.job.output: r.status for r in build(project).results}
    assert third == {"briefing": "up to date", "deck": "up to date", "handout": "up to date",
                     "briefing-pdf": "built"}


@needs_libreoffice
def test_a_pdf_whose_source_fails_fails_and_keeps_the_previous_pdf(tmp_path: Path) -> None:
    project = with_pdf_outputs(copy_project(PROJECTS / "minimal", tmp_path / "project"),
                               '\n[outputs.handout]\nformat = "pdf"\nfrom = "deck"\n')
    assert not build(project).failed
    handout = project / "reports" / "demo" / "handout.pdf"
    before = handout.read_bytes()
    deck_template = project / "templates" / "deck.md.j2"
    deck_template.write_text(deck_template.read_text(encoding="utf-8") + "\n{{ no_such_name }}\n", encoding="utf-8")
    result = run_dossier("build", "--project", str(project))
    assert result.returncode == 1
    assert "reports/demo/handout.pdf: not converted: reports/demo/deck.pptx did not build" in result.stderr
    assert "Traceback" not in result.stderr
    assert handout.read_bytes() == before


@pytest.mark.parametrize("table, line, message", [
    ('[outputs.handout]\nformat = "pdf"\n', 1, "outputs.handout: a PDF output needs `from`, the output it converts "
                                               "(briefing, deck)"),
    ('[outputs.handout]\nformat = "pdf"\nfrom = "slides"\n', 3,
     "outputs.handout.from: 'slides' is not a Word or PowerPoint output of this project; expected one of: briefing, deck"),
    ('[outputs.handout]\nformat = "pdf"\nfrom = "briefing"\nnotes = true\n', 4,
     "outputs.handout.notes: notes pages are a deck's: 'briefing' is not a pptx output"),
    ('[outputs.handout]\nformat = "pdf"\ntemplate = "deck.md.j2"\nfrom = "deck"\n', 3,
     "outputs.handout.template: unknown key 'template' for a PDF output; expected format, from, notes: "
     "a PDF converts another output, named by `from`"),
])
def test_a_wrong_pdf_output_is_one_line_naming_its_place(tmp_path: Path, table: str, line: int, message: str) -> None:
    project = copy_project(PROJECTS / "minimal", tmp_path / "project")
    config = project / "dossier.toml"
    start = len(config.read_text(encoding="utf-8").splitlines()) + 1  # the table starts after a blank line
    with_pdf_outputs(project, "\n" + table)
    result = run_dossier("check", "--project", str(project))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [f"dossier.toml:{start + line}: {message}"]
