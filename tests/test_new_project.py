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


def test_new_from_keeps_every_setting_after_the_checks_and_their_comments(tmp_path: Path) -> None:
    source = tmp_path / "office"
    for part in ("templates", "schemas"):
        (source / part).mkdir(parents=True)
    (source / "dossier.toml").write_text(
        '[project]\ntitle = "Partners"\nsubjects = [\n  "kenya",\n  "peru",\n]\n\n'
        '# Figures that should agree.\n[[checks]]\nname = "sum"\nparts = [\n  "a",  # [not a table]\n  ["b"],\n]\n'
        'note = """two\n[[lines]]\n"""\n\n'
        '# Our house style: native charts.\n[charts]\nnative = true  # Word and PowerPoint charts\n\n'
        '[[checks]]\nname = "share"\n\n[build]\njobs = 3\n', encoding="utf-8")
    project = tmp_path / "copy"
    created = run_dossier("new", str(project), "--from", str(source))
    assert created.returncode == 0, created.stderr
    assert (project / "dossier.toml").read_text(encoding="utf-8") == (
        '[project]\ntitle = "Partners"\n\n'
        '# Our house style: native charts.\n[charts]\nnative = true  # Word and PowerPoint charts\n\n'
        '[build]\njobs = 3\n')


def test_new_from_a_broken_dossier_toml_names_its_line_and_makes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "office"
    for part in ("templates", "schemas"):
        (source / part).mkdir(parents=True)
    (source / "dossier.toml").write_text('[project]\ntitle = "Partners"\nlocale = en_GB\n', encoding="utf-8")
    project = tmp_path / "copy"
    refused = run_dossier("new", str(project), "--from", str(source))
    assert refused.returncode == 1
    assert refused.stderr.count("\n") == 1, refused.stderr
    assert "dossier.toml:3:" in refused.stderr and "invalid TOML" in refused.stderr
    assert not project.exists()
