"""Builds you can schedule: incremental, parallel, atomic, locked, reproducible."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from docx import Document as open_docx
from pptx import Presentation as open_pptx

from dossier.build import build
from project_copies import PROJECTS, copy_project, run_dossier


def two_subjects(tmp_path: Path) -> Path:
    project = copy_project(PROJECTS / "minimal", tmp_path / "project")
    shutil.copytree(project / "data" / "demo", project / "data" / "other")
    return project


def outputs(project: Path) -> list[Path]:
    return sorted((project / "reports").rglob("*.*x"))


def readable(path: Path) -> bool:
    try:
        (open_docx if path.suffix == ".docx" else open_pptx)(str(path))
        return True
    except Exception:  # noqa: BLE001 - any failure to open is what we look for
        return False


def test_two_clean_builds_give_identical_files(tmp_path: Path) -> None:
    first = two_subjects(tmp_path / "a")
    second = two_subjects(tmp_path / "b")
    assert not build(first).failed
    time.sleep(1.1)  # a clock anywhere in the files would now differ
    assert not build(second, jobs=2).failed
    pairs = list(zip(outputs(first), outputs(second)))
    assert len(pairs) == 4
    for a, b in pairs:
        assert a.read_bytes() == b.read_bytes(), a.name


def test_a_changed_data_file_rebuilds_only_its_subject(tmp_path: Path) -> None:
    project = two_subjects(tmp_path)
    assert [r.status for r in build(project).results] == ["built"] * 4
    assert [r.status for r in build(project).results] == ["up to date"] * 4
    trade = project / "data" / "other" / "trade.csv"
    trade.write_text(trade.read_text(encoding="utf-8").replace("10.5", "11.5"), encoding="utf-8")
    statuses = {(r.job.subject, r.job.output): r.status for r in build(project).results}
    assert statuses == {("demo", "briefing"): "up to date", ("demo", "deck"): "up to date",
                        ("other", "briefing"): "built", ("other", "deck"): "built"}
    template = project / "templates" / "deck.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    assert {r.job.output for r in build(project).results if r.status == "built"} == {"deck"}
    assert {r.status for r in build(project, force=True).results} == {"built"}


def test_a_deleted_output_is_rebuilt(tmp_path: Path) -> None:
    project = two_subjects(tmp_path)
    build(project)
    (project / "reports" / "demo" / "deck.pptx").unlink()
    assert [r.job.target for r in build(project).results if r.status == "built"] == ["reports/demo/deck.pptx"]


def test_no_op_build_loads_no_heavy_library(tmp_path: Path) -> None:
    project = two_subjects(tmp_path)
    build(project)
    code = ("import sys; from dossier.cli import main; code = main(['build', '-q', '--project', sys.argv[1]]); "
            "heavy = [m for m in ('matplotlib', 'docx', 'pptx', 'jinja2', 'markdown_it') if m in sys.modules]; "
            "print(code, heavy)")
    result = subprocess.run([sys.executable, "-c", code, str(project)], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "0 []"


def test_failing_subject_fails_the_build_and_the_others_still_build(tmp_path: Path) -> None:
    project = two_subjects(tmp_path)
    broken = PROJECTS / "broken" / "trade-year-not-a-number" / "data" / "demo" / "trade.csv"
    shutil.copy(broken, project / "data" / "other" / "trade.csv")
    result = run_dossier("build", "--jobs", "2", "--project", str(project))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == ["data/other/trade.csv:3: year: 'n/a' is not a whole number"]
    assert [p.relative_to(project).as_posix() for p in outputs(project)] == [
        "reports/demo/briefing.docx", "reports/demo/deck.pptx"]
    assert "Traceback" not in result.stderr


def test_killed_builds_never_leave_a_broken_output(tmp_path: Path) -> None:
    project = two_subjects(tmp_path)
    assert run_dossier("build", "--project", str(project)).returncode == 0
    trade = project / "data" / "demo" / "trade.csv"
    original = trade.read_text(encoding="utf-8")
    chance = random.Random(7)
    for trial in range(20):
        trade.write_text(original.replace("10.5", f"{10 + trial}.5"), encoding="utf-8")
        process = subprocess.Popen([sys.executable, "-m", "dossier", "build", "-q", "--force", "--jobs", "2",
                                    "--project", str(project)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
        time.sleep(chance.uniform(0.05, 1.5))
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        files = outputs(project)
        assert len(files) == 4, f"trial {trial}: an output is missing"
        for path in files:
            assert zipfile.is_zipfile(path) and readable(path), f"trial {trial}: {path.name} is broken"
    result = run_dossier("build", "--project", str(project))
    assert result.returncode == 0
    assert not list(project.rglob(".*.tmp"))
    assert all(readable(path) for path in outputs(project))


def test_two_concurrent_builds_wait_for_each_other(tmp_path: Path) -> None:
    project = two_subjects(tmp_path)
    command = [sys.executable, "-m", "dossier", "build", "--force", "--project", str(project)]
    first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(0.3)
    second = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    (_, first_err), (_, second_err) = first.communicate(timeout=300), second.communicate(timeout=300)
    assert (first.returncode, second.returncode) == (0, 0)
    assert "another build of this project is running" in first_err + second_err
    assert all(readable(path) for path in outputs(project))


@pytest.mark.parametrize("argv", [["build", "--jobs", "0"], ["build", "--no-such"], ["frobnicate"]])
def test_bad_command_lines_exit_2(argv: list[str], tmp_path: Path) -> None:
    assert run_dossier(*argv, cwd=tmp_path).returncode == 2
