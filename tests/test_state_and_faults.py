"""Corrupt state and failing machines: a corrupt manifest, settings the hash must see, bugs that must cross process
boundaries, read-only and full disks, files where folders belong. Each is one line naming the path, exit 1, the
previous reports intact and no temp file left."""

from __future__ import annotations

import pickle
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

import dossier.jobs
from dossier.build import plan_jobs
from dossier.jobs import execute_job
from dossier.manifest import Manifest, settings_hash
from dossier.project import load_project
from project_copies import PROJECTS, copy_project, run_dossier


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(PROJECTS / "minimal", tmp_path / "project")


# ---------------------------------------------------------------- the manifest


@pytest.mark.parametrize("content", [b"\xff\xfe garbage", b"[]", b'{"dossier": "0", "outputs": []}',
                                     b'{"dossier": "0", "outputs": {"reports/demo/deck.pptx": 3}}', b'{"outp'])
def test_a_corrupt_manifest_is_set_aside_with_a_message(project: Path, content: bytes) -> None:
    build_dir = project / "build"
    build_dir.mkdir()
    (build_dir / "manifest.json").write_bytes(content)

    manifest = Manifest(load_project(project))

    assert manifest.outputs == {}
    assert manifest.problem is not None and manifest.problem.startswith("build/manifest.json: unreadable (")
    assert manifest.problem.endswith("set aside as build/manifest.json.corrupt, rebuilding everything")
    assert not (build_dir / "manifest.json").exists()
    assert (build_dir / "manifest.json.corrupt").read_bytes() == content


def test_a_build_with_a_corrupt_manifest_warns_and_builds(project: Path) -> None:
    (project / "build").mkdir()
    (project / "build" / "manifest.json").write_bytes(b"\x00\x01 not json")

    result = run_dossier("build", "--project", str(project))

    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[0].startswith("warning: build/manifest.json: unreadable (")
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in (project / "reports" / "demo").iterdir()) == ["briefing.docx", "deck.pptx"]
    assert "reports/demo/deck.pptx" in (project / "build" / "manifest.json").read_text(encoding="utf-8")


# ---------------------------------------------------------------- the settings hash


@pytest.mark.parametrize("added", ['[charts]\npalette = ["#000000", "#ff0000"]\n', '[charts]\nfont = "DejaVu Serif"\n',
                                   '[[checks]]\nname = "n"\nkind = "sum"\n'])
def test_every_setting_that_shapes_an_output_changes_its_hash(project: Path, added: str) -> None:
    before = load_project(project)
    job = plan_jobs(before)[0]
    with open(project / "dossier.toml", "a", encoding="utf-8") as config:
        config.write("\n" + added)
    assert settings_hash(load_project(project), job) != settings_hash(before, job)


def test_the_environment_that_changes_files_changes_the_hash(project: Path, monkeypatch) -> None:
    loaded = load_project(project)
    job = plan_jobs(loaded)[0]
    before = settings_hash(loaded, job)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    dated = settings_hash(loaded, job)
    monkeypatch.setenv("DOSSIER_REFRESH_FIELDS", "0")
    assert len({before, dated, settings_hash(loaded, job)}) == 3


def test_a_moved_project_keeps_its_hash(project: Path, tmp_path: Path) -> None:
    loaded = load_project(project)
    moved = load_project(shutil.copytree(project, tmp_path / "moved"))
    assert settings_hash(loaded, plan_jobs(loaded)[0]) == settings_hash(moved, plan_jobs(moved)[0])


# ---------------------------------------------------------------- bugs cross process boundaries as text


def test_an_unpicklable_exception_comes_back_as_a_failed_job_with_its_traceback(project: Path, monkeypatch) -> None:
    def broken_theme(project, job):
        etree.fromstring(b"<unclosed>")  # lxml's error holds an error log that does not pickle

    monkeypatch.setattr(dossier.jobs, "check_theme", broken_theme)
    loaded = load_project(project)

    result = execute_job(loaded, plan_jobs(loaded)[0])

    back = pickle.loads(pickle.dumps(result))  # what a worker sends the build
    assert back.status == "failed"
    first, *trace = back.error.splitlines()
    assert first.startswith("internal error while building reports/demo/briefing.docx: XMLSyntaxError: ")
    assert trace[0] == "Traceback (most recent call last):" and "broken_theme" in back.error


# ---------------------------------------------------------------- the filesystem


def test_a_file_where_the_build_folder_belongs_is_one_line(project: Path) -> None:
    (project / "build").write_text("not a folder", encoding="utf-8")
    result = run_dossier("build", "--project", str(project))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "build: cannot write or read here: a file stands where a folder is needed"]


def test_a_file_where_the_reports_folder_belongs_fails_each_job_in_one_line(project: Path) -> None:
    (project / "reports").write_text("not a folder", encoding="utf-8")
    result = run_dossier("build", "--project", str(project))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "reports: cannot write or read here: a file stands where a folder is needed"]
    assert (project / "reports").read_text(encoding="utf-8") == "not a folder"


def mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True, capture_output=True)


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 16 MB tmpfs (root only; skipped where mounting is not allowed)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    try:
        mount("-t", "tmpfs", "-o", "size=16m", "tmpfs", str(disk))
    except (subprocess.CalledProcessError, FileNotFoundError, PermissionError):
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-R", "-l", str(disk)], capture_output=True)


def reports_of(project: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in (project / "reports").rglob("*") if path.is_file()}


def temp_files(project: Path) -> list[Path]:
    return [path for path in project.rglob(".*.tmp")]


def test_full_and_read_only_disks_fail_in_one_line_and_keep_the_reports(small_disk: Path) -> None:
    project = copy_project(PROJECTS / "minimal", small_disk / "project")
    assert run_dossier("build", "--project", str(project)).returncode == 0
    before = reports_of(project)
    assert len(before) == 2

    # A read-only reports folder: every job fails naming its report; the manifest (in build/) is still written.
    mount("--bind", str(project / "reports"), str(project / "reports"))
    mount("-o", "remount,bind,ro", str(project / "reports"))
    result = run_dossier("build", "--project", str(project), "--force")
    assert result.returncode == 1
    assert sorted(result.stderr.strip().splitlines()) == [
        "reports/demo/briefing.docx: cannot write or read here: the file system is read-only",
        "reports/demo/deck.pptx: cannot write or read here: the file system is read-only"]
    subprocess.run(["umount", str(project / "reports")], check=True)
    assert reports_of(project) == before

    # A full disk: the data changed, nothing can be written.
    report = project / "data" / "demo" / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("Plain note", "Changed note"), encoding="utf-8")
    with open(small_disk / "filler", "wb") as filler:
        try:
            while True:
                filler.write(b"\0" * 65536)
                filler.flush()
        except OSError:
            pass
    result = run_dossier("build", "--project", str(project))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines and all(line.endswith(": cannot write or read here: no space left on the device") for line in lines), lines
    assert reports_of(project) == before
    assert temp_files(project) == []

    # The whole disk read-only: the lock cannot be taken.
    (small_disk / "filler").unlink()
    mount("-o", "remount,ro", str(small_disk))
    result = run_dossier("build", "--project", str(project), "--force")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == ["build/.lock: cannot write or read here: the file system is read-only"]
    assert reports_of(project) == before
