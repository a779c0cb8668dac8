"""One broken project per kind of mistake: exit 1, one exact `path:line: key: message` line, no traceback.

`check` fails wherever `build` fails, with the same first line: it runs the build's whole pipeline.
In expected.txt, `[…]` stands for any text (a list of known names that grows, a library's words).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dossier.build import build
from dossier.errors import DossierError
from project_copies import PROJECTS, copy_project, run_dossier

CASES = sorted(p for p in (PROJECTS / "broken").iterdir() if p.is_dir())
ANY_TEXT = "[…]"


def matches(expected: str, line: str) -> bool:
    """Whether `line` is `expected`, where each `[…]` of `expected` may be any text."""
    pattern = ".*".join(re.escape(part) for part in expected.split(ANY_TEXT))
    return re.fullmatch(pattern, line) is not None


def first_build_error(project: Path) -> str:
    """The first line of the first error `build` gives (a job's, or the whole build's)."""
    try:
        results = build(project, jobs=1).results
    except DossierError as exc:
        return str(exc).splitlines()[0]
    failed = [r for r in results if r.status == "failed"]
    assert failed, "the build of a broken project succeeded"
    return failed[0].error.splitlines()[0]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_broken_project_fails_check_and_build_with_one_exact_line(case: Path, tmp_path: Path) -> None:
    project = copy_project(PROJECTS / "minimal", tmp_path / case.name, overlay=case)
    expected = (case / "expected.txt").read_text(encoding="utf-8").strip()

    result = run_dossier("check", "--project", str(project))

    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and matches(expected, lines[0]), (expected, lines)
    assert "Traceback" not in result.stderr + result.stdout
    assert not (project / "reports").exists()  # check writes no report
    # check = build: the build fails too, with the same first line.
    assert first_build_error(project) == lines[0]


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
