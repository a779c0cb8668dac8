"""`dossier new`: a project that builds at once; `--from` copies templates and schemas, never data."""

from __future__ import annotations

from pathlib import Path

from docx import Document as open_docx
from pptx import Presentation as open_pptx

from project_copies import ROOT, run_dossier


def test_new_then_build_gives_both_files(tmp_path: Path) -> None:
    project = tmp_path / "briefings"
    created = run_dossier("new", str(project))
    assert created.returncode == 0, created.stderr
    built = run_dossier("build", "--project", str(project), env={"DOSSIER_REFRESH_FIELDS": "0"})
    assert built.returncode == 0, built.stderr
    reports = project / "reports" / "fictional-example"
    doc = open_docx(reports / "briefing.docx")
    assert "FICTIONAL" in doc.paragraphs[0].text
    assert "Trade by year" in [p.text for p in doc.paragraphs]
    assert len(open_pptx(str(reports / "deck.pptx")).slides) >= 3


def test_new_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    refused = run_dossier("new", str(tmp_path))
    assert refused.returncode == 1
    assert refused.stderr.count("\n") == 1 and "not an empty folder" in refused.stderr
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert not (tmp_path / "dossier.toml").exists()


def test_new_from_a_project_copies_templates_and_schemas_without_data(tmp_path: Path) -> None:
    project = tmp_path / "copy"
    created = run_dossier("new", str(project), "--from", str(ROOT))
    assert created.returncode == 0, created.stderr
    assert (project / "templates" / "briefing.md.j2").read_text(encoding="utf-8") == (
        ROOT / "templates" / "briefing.md.j2").read_text(encoding="utf-8")
    assert (project / "templates" / "theme" / "reference.pptx").is_file()
    assert sorted(p.name for p in (project / "schemas").iterdir()) == sorted(p.name for p in (ROOT / "schemas").iterdir())
    assert list((project / "data").iterdir()) == []
    config = (project / "dossier.toml").read_text(encoding="utf-8")
    assert "[outputs.deck]" in config and "subjects" not in config and "[[checks]]" not in config
