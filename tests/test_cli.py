"""The command line: layouts of a template, exit codes."""

from __future__ import annotations

from pathlib import Path

from project_copies import ROOT, run_dossier


def test_layouts_lists_the_reference_templates_layouts() -> None:
    result = run_dossier("layouts", str(ROOT / "templates" / "theme" / "reference.pptx"))
    assert result.returncode == 0
    for name in ("Title Slide", "Section Header", "Title and Content", "Two Content", "Chart", "Table", "Quote",
                 "Sources", "Closing"):
        assert f"'{name}'" in result.stdout
    assert "type SLIDE_NUMBER" in result.stdout


def test_layouts_of_a_file_that_is_not_a_deck_is_one_line_and_exit_1(tmp_path: Path) -> None:
    bogus = tmp_path / "corporate.pptx"
    bogus.write_text("not a zip", encoding="utf-8")
    result = run_dossier("layouts", str(bogus))
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "corporate.pptx" in result.stderr
    assert "Traceback" not in result.stderr
