"""One LibreOffice per build lays out every briefing; it never outlives a killed build."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from docx import Document as open_docx

import dossier.writers.libreoffice_layout as layout
from dossier.build import build
from dossier.writers.libreoffice_layout import PAGE_COUNT, SERVICE_ENV, LayoutService, find_soffice, layout_pages
from project_copies import PROJECTS, copy_project

needs_libreoffice = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")


def three_subjects(tmp_path: Path) -> Path:
    project = copy_project(PROJECTS / "minimal", tmp_path / "project")
    for name in ("second", "third"):
        shutil.copytree(project / "data" / "demo", project / "data" / name)
    return project


def contents_pages(briefing: Path) -> list[str]:
    """The page numbers of the contents entries, as a reader sees them."""
    entries = [p.text for p in open_docx(str(briefing)).paragraphs if p.style.name.lower().startswith("toc")]
    return [entry.rpartition("\t")[2] for entry in entries if "\t" in entry]


def libreoffice_processes(folder: Path) -> list[int]:
    """Processes whose command line names ``folder`` (its LibreOffice profile is inside it)."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and str(folder) in (proc / "cmdline").read_bytes().decode(errors="replace"):
                state = (proc / "stat").read_text().rpartition(")")[2].split()[0]
                if state != "Z":
                    found.append(int(proc.name))
        except OSError:
            continue
    return found


@needs_libreoffice
def test_one_libreoffice_lays_out_every_briefing_of_a_build(tmp_path, monkeypatch):
    project = three_subjects(tmp_path)
    starts = []
    real_start = layout._start
    monkeypatch.setattr(layout, "_start", lambda *a, **k: starts.append(a) or real_start(*a, **k))
    monkeypatch.delenv("DOSSIER_REFRESH_FIELDS", raising=False)
    result = build(project, jobs=1)
    assert not result.failed
    assert len(starts) == 1
    for subject in ("demo", "second", "third"):
        pages = contents_pages(project / "reports" / subject / "briefing.docx")
        assert pages and all(page.isdigit() for page in pages), subject
    assert SERVICE_ENV not in os.environ
    assert not libreoffice_processes(Path(starts[0][1]))


@needs_libreoffice
def test_workers_use_the_build_s_libreoffice(tmp_path, monkeypatch):
    project = three_subjects(tmp_path)
    monkeypatch.delenv("DOSSIER_REFRESH_FIELDS", raising=False)
    monkeypatch.setattr(layout, "_layout_alone", lambda *a: pytest.fail("a worker started its own LibreOffice"))
    result = build(project, jobs=2)
    assert not result.failed
    assert all(contents_pages(project / "reports" / s / "briefing.docx") for s in ("demo", "second", "third"))


def test_no_libreoffice_for_a_build_without_briefings_to_write(tmp_path, monkeypatch):
    project = three_subjects(tmp_path)
    monkeypatch.setattr(layout, "_start", lambda *a, **k: pytest.fail("LibreOffice started"))
    assert not build(project, check_only=True).failed
    monkeypatch.setenv("DOSSIER_REFRESH_FIELDS", "0")
    assert not build(project, jobs=1).failed


@needs_libreoffice
def test_a_service_that_cannot_start_falls_back_to_libreoffice_alone(tmp_path):
    document = open_docx()
    document.add_paragraph("one page")
    document.save(str(tmp_path / "one.docx"))
    started = time.monotonic()
    with LayoutService("/bin/false"):
        pages = layout_pages((tmp_path / "one.docx").read_bytes(), timeout=60)
    assert pages == {PAGE_COUNT: 1}
    assert time.monotonic() - started < 30


@needs_libreoffice
def test_a_killed_build_leaves_no_libreoffice_running_and_the_next_build_tidies_up(tmp_path):
    project = three_subjects(tmp_path)
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp)}
    env.pop("DOSSIER_REFRESH_FIELDS", None)
    process = subprocess.Popen([sys.executable, "-m", "dossier", "build", "-q", "--project", str(project)],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while not list(temp.glob("dossier-lo-*/profile")) and time.monotonic() < deadline:
        time.sleep(0.02)
    folders = list(temp.glob("dossier-lo-*"))
    assert folders, "the build did not start LibreOffice"
    time.sleep(0.5)
    os.killpg(process.pid, signal.SIGKILL)  # the build and its workers; LibreOffice has its own group
    process.wait()
    deadline = time.monotonic() + 10
    while libreoffice_processes(folders[0]) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not libreoffice_processes(folders[0]), "LibreOffice outlived the build"
    finished = subprocess.run([sys.executable, "-m", "dossier", "build", "-q", "--project", str(project)],
                              env=env, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    assert not list(temp.glob("dossier-lo-*"))


@needs_libreoffice
def test_a_service_without_requests_ends_by_itself(tmp_path, monkeypatch):
    monkeypatch.setattr(layout, "IDLE_LIMIT_S", 1)
    process = layout._start(find_soffice(), tmp_path, watch_pid=os.getpid())
    try:
        process.wait(timeout=30)
    finally:
        layout._end(process)
    deadline = time.monotonic() + 5  # SIGKILL is delivered at once, but a loaded machine takes a moment to end them
    while libreoffice_processes(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not libreoffice_processes(tmp_path)


@needs_libreoffice
def test_libreoffice_starts_once_from_a_prepared_profile_kept_between_builds(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("DOSSIER_REFRESH_FIELDS", raising=False)
    prepared = layout.prepared_profile(find_soffice())
    assert prepared is not None and prepared.parent == tmp_path / "cache" / "dossier"
    first = three_subjects(tmp_path / "first")
    assert not build(first, jobs=1).failed
    assert (prepared / "user" / "basic" / "Standard" / "script.xlb").is_file()  # made by the first build, kept
    assert "LayOut" not in (prepared / "user" / "basic" / "Standard" / "Module1.xba").read_text(encoding="utf-8")

    started = []
    real_popen = subprocess.Popen
    monkeypatch.setattr(layout.subprocess, "Popen", lambda args, **k: started.append(args) or real_popen(args, **k))
    second = three_subjects(tmp_path / "second")
    assert not build(second, jobs=1).failed
    assert [args[8] for args in started if args[:2] == ["/bin/sh", "-c"]] == ["1"]  # seeded: LibreOffice started once, not first to make a profile
    for subject in ("demo", "second", "third"):
        pages = contents_pages(second / "reports" / subject / "briefing.docx")
        assert pages and all(page.isdigit() for page in pages)


@needs_libreoffice
def test_a_prepared_profile_that_fails_is_forgotten(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    prepared = layout.prepared_profile(find_soffice())
    (prepared / "user" / "basic" / "Standard").mkdir(parents=True)
    (prepared / "user" / "basic" / "Standard" / "script.xlb").write_text("not a Basic library", encoding="utf-8")
    (prepared / "user" / "registrymodifications.xcu").write_text("<broken", encoding="utf-8")
    monkeypatch.setattr(layout, "_layout_alone", lambda *a, **k: None)  # as LibreOffice failing with that profile
    assert layout_pages(b"not a docx", attempts=1) is None
    assert not prepared.exists()


def test_without_a_cache_folder_every_build_makes_its_own_profile(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert layout.prepared_profile(shutil.which("sh")) is None
