"""One broken project per kind of mistake: exit 1, one exact `path:line: key: message` line, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from project_copies import PROJECTS, copy_project, run_dossier

CASES = sorted(p for p in (PROJECTS / "broken").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_broken_project_fails_with_one_exact_line(case: Path, tmp_path: Path) -> None:
    project = copy_project(PROJECTS / "minimal", tmp_path / case.name, overlay=case)
    expected = (case / "expected.txt").read_text(encoding="utf-8").strip()

    result = run_dossier("check", "--project", str(project))

    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [expected]
    assert "Traceback" not in result.stderr + result.stdout


def test_data_error_leaves_previous_reports_untouched(tmp_path: Path) -> None:
    project = copy_project(PROJECTS / "minimal", tmp_path / "project")
    assert run_dossier("build", "--project", str(project)).returncode == 0
    reports = sorted((project / "reports").rglob("*.*"))
    assert [p.name for p in reports] == ["briefing.docx", "deck.pptx"]
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in reports}

    broken = PROJECTS / "broken" / "trade-year-not-a-number" / "data" / "demo" / "trade.csv"
    (project / "data" / "demo" / "trade.csv").write_bytes(broken.read_bytes())
    result = run_dossier("build", "--project", str(project))

    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == ["data/demo/trade.csv:3: year: 'n/a' is not a whole number"]
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in reports} == before
    assert not list((project / "reports").rglob(".*.tmp"))


def test_template_error_in_one_output_still_builds_the_other(tmp_path: Path) -> None:
    project = copy_project(PROJECTS / "minimal", tmp_path / "project",
                           overlay=PROJECTS / "broken" / "undefined-variable")
    result = run_dossier("build", "--project", str(project))
    assert result.returncode == 1
    assert (project / "reports" / "demo" / "deck.pptx").is_file()
    assert not (project / "reports" / "demo" / "briefing.docx").exists()


def test_bad_command_line_exits_2(tmp_path: Path) -> None:
    result = run_dossier("build", "--no-such-option", cwd=tmp_path)
    assert result.returncode == 2
