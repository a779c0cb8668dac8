"""Builds that end cleanly however they end: killed, interrupted, or with a worker killed under them.

Each build runs as a user's would (`python -m dossier build`) with a marker in its environment,
which every process it starts inherits (workers, LibreOffice): a process still carrying the
marker after the build is gone is an orphan.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid
import zipfile
from pathlib import Path

from docx import Document as open_docx
from pptx import Presentation as open_pptx

from dossier.executors.local_pool import LocalPool
from dossier.job_types import Job, JobResult
from dossier.lock import BuildLock
from project_copies import PROJECTS, copy_project, run_dossier

MARKER = "DOSSIER_TEST_BUILD_MARK"
ORPHAN_GRACE_S = 5.0


def two_subjects(tmp_path: Path) -> Path:
    project = copy_project(PROJECTS / "minimal", tmp_path / "project")
    shutil.copytree(project / "data" / "demo", project / "data" / "other")
    return project


def set_title(project: Path, title: str) -> None:
    for subject in ("demo", "other"):
        report = project / "data" / subject / "report.yaml"
        lines = report.read_text(encoding="utf-8").splitlines()
        report.write_text("\n".join(f'title: "{title}"' if line.startswith("title:") else line for line in lines)
                          + "\n", encoding="utf-8")


def title_of(path: Path) -> str | None:
    """The document's title as a reader's application shows it, or None when the file does not open."""
    try:
        opened = (open_docx if path.suffix == ".docx" else open_pptx)(str(path))
    except Exception:  # noqa: BLE001 - any failure to open is what we look for
        return None
    return opened.core_properties.title


def marked_processes(marker: str) -> list[str]:
    """The processes (pid and command) whose environment carries ``marker``."""
    found = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if f"{MARKER}={marker}".encode() in environ.read_bytes().split(b"\0"):
                command = (environ.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                found.append(f"{environ.parent.name} {command[:120]}")
        except OSError:
            pass  # ended while we looked, or not ours to read
    return found


def orphans_after(marker: str, grace: float = ORPHAN_GRACE_S) -> list[str]:
    """The marked processes still running ``grace`` seconds from now (returns as soon as there are none)."""
    deadline = time.monotonic() + grace
    while (left := marked_processes(marker)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def start_build(project: Path, marker: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "dossier", "build", "--jobs", "2", "--project", str(project), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            env={**os.environ, MARKER: marker})


def children_of(pid: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return children


def test_killed_builds_leave_no_process_and_never_block_the_next(tmp_path: Path) -> None:
    project = two_subjects(tmp_path)
    set_title(project, "Title 0")
    assert run_dossier("build", "--project", str(project)).returncode == 0
    chance = random.Random(17)
    titles = {"Title 0"}
    for trial in range(1, 11):
        titles.add(f"Title {trial}")
        set_title(project, f"Title {trial}")
        shutil.rmtree(project / "build" / "charts", ignore_errors=True)
        marker = uuid.uuid4().hex
        build = start_build(project, marker, "-q")
        time.sleep(chance.uniform(0.2, 3.0))
        build.kill()  # SIGKILL to the build process alone, as the OOM killer or `kill -9` would
        _, err = build.communicate(timeout=60)
        assert orphans_after(marker) == [], f"trial {trial}: processes outlived the killed build"
        assert "waiting" not in err, f"trial {trial}: a killed build's lock blocked this one: {err}"
        for path in sorted((project / "reports").rglob("*.*x")):
            assert zipfile.is_zipfile(path) and title_of(path) in titles, f"trial {trial}: {path.name} is broken"
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "dossier", "build", "--project", str(project)],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 30
    assert {title_of(path) for path in (project / "reports").rglob("*.*x")} == {"Title 10"}
    assert not list(project.rglob(".*.tmp"))


def interrupt_mid_build(tmp_path: Path, signum: int, *, whole_group: bool) -> tuple[Path, subprocess.Popen, str]:
    """Build, change the data, start a forced build and signal it once its first job is reported done."""
    project = two_subjects(tmp_path)
    assert run_dossier("build", "--project", str(project)).returncode == 0
    before = {path: path.read_bytes() for path in (project / "reports").rglob("*.*x")}
    set_title(project, "Changed")
    marker = uuid.uuid4().hex
    build = start_build(project, marker, "--force")
    assert "built" in build.stdout.readline()  # one job is done, the others are under way
    (os.killpg if whole_group else os.kill)(build.pid, signum)  # a terminal's Ctrl-C reaches the whole group
    _, err = build.communicate(timeout=60)
    assert orphans_after(marker) == [], "workers or LibreOffice outlived the interrupted build"
    for path, data in before.items():  # each report is the previous one, or a complete new one
        assert path.read_bytes() == data or title_of(path) == "Changed", path.name
    assert not list(project.rglob(".*.tmp"))
    return project, build, err


def test_ctrl_c_stops_the_build_with_one_line_and_exit_130(tmp_path: Path) -> None:
    project, build, err = interrupt_mid_build(tmp_path, signal.SIGINT, whole_group=True)
    assert build.returncode == 130
    assert err.strip().splitlines() == [
        "dossier build: stopped by SIGINT; outputs not yet built are as they were"]
    assert run_dossier("build", "--project", str(project)).returncode == 0  # the lock is free


def test_sigterm_stops_the_build_with_one_line_and_exit_143(tmp_path: Path) -> None:
    _, build, err = interrupt_mid_build(tmp_path, signal.SIGTERM, whole_group=False)
    assert build.returncode == 143
    assert err.strip().splitlines() == [
        "dossier build: stopped by SIGTERM; outputs not yet built are as they were"]


def test_a_worker_killed_mid_job_fails_that_job_alone(tmp_path: Path) -> None:
    project = two_subjects(tmp_path)
    marker = uuid.uuid4().hex
    build = start_build(project, marker)
    def python_children() -> set[int]:  # the workers (a child about to exec LibreOffice is "python" for a moment)
        found = set()
        for pid in children_of(build.pid):
            try:
                if Path(f"/proc/{pid}/comm").read_text().strip().startswith("python"):
                    found.add(pid)
            except OSError:
                pass
        return found

    deadline = time.monotonic() + 30
    workers: set[int] = set()
    while len(workers) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
        workers = python_children() & (time.sleep(0.2) or python_children())
    assert len(workers) == 2, "the build did not start its two workers"
    workers = sorted(workers)
    os.kill(workers[0], signal.SIGKILL)
    _, err = build.communicate(timeout=120)
    assert build.returncode == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("reports/"), err
    assert lines[0].endswith(": the worker process building it died (killed by SIGKILL); the other jobs went on")
    failed = lines[0].partition(":")[0]
    built = sorted(path.relative_to(project).as_posix() for path in (project / "reports").rglob("*.*x"))
    assert failed not in built and len(built) == 3
    assert all(title_of(project / path) for path in built)
    assert orphans_after(marker) == []
    assert run_dossier("build", "--project", str(project)).returncode == 0
    assert title_of(project / failed)


def build_or_die(job: Job) -> JobResult:
    """A job's work that kills its own process for the subject "dies", as the OOM killer would."""
    if job.subject == "dies":
        os.kill(os.getpid(), signal.SIGKILL)
    return JobResult(job, "built", pid=os.getpid())


def test_the_pool_replaces_a_dead_worker_and_runs_every_other_job() -> None:
    jobs = [Job(subject, output, "t", "docx", "en", f"reports/{subject}/{output}.docx")
            for subject in ("a", "dies", "b", "c") for output in ("x", "y")]
    with LocalPool(2) as pool:
        results = {result.job: result for result in pool.run(build_or_die, jobs)}
    assert set(results) == set(jobs)
    failed = sorted(job.target for job, result in results.items() if result.status == "failed")
    assert failed == ["reports/dies/x.docx", "reports/dies/y.docx"]
    assert results[jobs[2]].error == ("reports/dies/x.docx: the worker process building it died (killed by SIGKILL); "
                                      "the other jobs went on")
    assert {result.status for job, result in results.items() if job.subject != "dies"} == {"built"}
    assert all(result.pid != os.getpid() for result in results.values() if result.status == "built")


def test_a_dead_builds_lock_is_free_at_once_even_while_its_forked_child_lives(tmp_path: Path) -> None:
    holder = (
        "import os, signal, sys, time; from pathlib import Path; from dossier.lock import BuildLock\n"
        "lock = BuildLock(Path(sys.argv[1])).__enter__()\n"
        "child = os.fork()\n"
        "if child == 0:\n"
        "    null = os.open(os.devnull, os.O_RDWR); os.dup2(null, 1); os.dup2(null, 2)\n"
        "    time.sleep(60); os._exit(0)\n"  # a child that outlives the build, as a stray worker would
        "print(os.getpid(), child, flush=True); os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    build_dir = tmp_path / "build"
    process = subprocess.run([sys.executable, "-c", holder, str(build_dir)], capture_output=True, text=True,
                             timeout=60)
    dead_pid, child_pid = map(int, process.stdout.split())
    try:
        said: list[str] = []
        taken = threading.Event()

        def take() -> None:
            with BuildLock(build_dir, said.append):
                taken.set()

        threading.Thread(target=take, daemon=True).start()
        assert taken.wait(timeout=5), f"the lock of a dead build is still held: {said}"
        assert said == [f"the build of pid {dead_pid} ended without finishing (killed?); "
                        "its lock is taken over and its outputs rebuilt as needed"]
    finally:
        os.kill(child_pid, signal.SIGKILL)
