"""Builds on a real Dask cluster: the same files as local workers, a killed worker, workers that cannot see the project."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
import pytest
from docx import Document as open_docx

from dossier.build import build
from dossier.executors.dask_cluster import tasks_of
from dossier.executors.shipped import SHIPPED_PREFIX
from dossier.job_types import Job
from dossier.processes import remove_folders_of_ended_processes
from project_copies import PROJECTS, copy_project, run_dossier

distributed = pytest.importorskip("distributed")
dask = pytest.importorskip("dask")


def two_subjects(target: Path) -> Path:
    project = copy_project(PROJECTS / "minimal", target)
    shutil.copytree(project / "data" / "demo", project / "data" / "other")
    return project


def outputs(project: Path) -> dict[str, bytes]:
    return {p.relative_to(project).as_posix(): p.read_bytes() for p in sorted((project / "reports").rglob("*.*x"))}


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local:
        yield local


@pytest.fixture(scope="module")
def local_build(tmp_path_factory) -> Path:
    project = two_subjects(tmp_path_factory.mktemp("local") / "project")
    assert not build(project, jobs=2).failed
    return project


def test_a_cluster_build_gives_the_local_files_and_fills_the_chart_cache(local_build: Path, cluster,
                                                                         tmp_path: Path) -> None:
    project = two_subjects(tmp_path / "project")
    result = build(project, scheduler=cluster.scheduler_address)
    assert [r.status for r in result.results] == ["built"] * 4, [r.error for r in result.failed]
    assert outputs(project) == outputs(local_build)
    assert len(outputs(project)) == 4
    for subject in ("demo", "other"):  # a subject's jobs ran on one worker: its data loaded once, as locally
        assert len({r.pid for r in result.results if r.job.subject == subject}) == 1, subject
    charts = sorted(p.name for p in (project / "build" / "charts").glob("*.png"))
    assert charts and charts == sorted(p.name for p in (local_build / "build" / "charts").glob("*.png"))
    manifest = json.loads((project / "build" / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(manifest["outputs"]) == sorted(outputs(project))
    assert {r.status for r in build(project, scheduler=cluster.scheduler_address).results} == {"up to date"}


def test_a_subjects_jobs_are_one_task_unless_threads_would_wait() -> None:
    jobs = [Job(subject, output, f"{output}.md.j2", fmt, "en", f"reports/{subject}/{output}.{fmt}")
            for subject in ("a", "b", "c") for output, fmt in (("deck", "pptx"), ("briefing", "docx"))]
    assert tasks_of(jobs, 2) == [tuple(jobs[0:2]), tuple(jobs[2:4]), tuple(jobs[4:6])]  # in the order given
    assert tasks_of(jobs, 3) == [tuple(jobs[0:2]), tuple(jobs[2:4]), tuple(jobs[4:6])]
    assert tasks_of(jobs, 4) == [(job,) for job in jobs]  # fewer subjects than threads: one task per job
    assert tasks_of([], 2) == []


def test_a_worker_killed_mid_build_loses_no_job(local_build: Path, cluster, tmp_path: Path) -> None:
    project = two_subjects(tmp_path / "project")
    with distributed.Client(cluster.scheduler_address) as client:
        worker_pids = list(client.run(os.getpid).values())
    killed: list[int] = []

    def kill_one_worker_when_it_works() -> None:
        time.sleep(2.0)  # the jobs are on the workers by then: loading, drawing, writing
        os.kill(worker_pids[0], signal.SIGKILL)
        killed.append(worker_pids[0])

    killer = threading.Thread(target=kill_one_worker_when_it_works)
    killer.start()
    result = build(project, scheduler=cluster.scheduler_address)
    killer.join()
    assert killed
    assert [r.status for r in result.results] == ["built"] * 4, [r.error for r in result.failed]
    assert outputs(project) == outputs(local_build)


class KillerOfSubject:
    """Kills (SIGKILL) the cluster worker running a job of ``subject`` as soon as the job has begun its work.

    The sign is the worker's private copy of the subject's data (`shipped`), written after the job counted
    its run and before it loads anything: a run that stops at the count is never killed. Only workers of
    this test process's LocalCluster are killed (they descend from it); their nannies start new ones.
    """

    def __init__(self, subject: str) -> None:
        self.subject = subject
        self.killed: list[int] = []
        self.seen: set[Path] = set()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.watch, daemon=True)

    def __enter__(self) -> "KillerOfSubject":
        self.seen = set(self.copies())  # other tests' workers, already gone
        self.thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop.set()
        self.thread.join()

    def copies(self) -> list[Path]:
        return list(Path(tempfile.gettempdir()).glob(f"{SHIPPED_PREFIX}*/*/data/{self.subject}"))

    def watch(self) -> None:
        me = os.getpid()
        while not self.stop.wait(0.01):
            for copy in self.copies():
                if copy in self.seen:
                    continue
                self.seen.add(copy)
                pid = int(copy.parent.parent.parent.name[len(SHIPPED_PREFIX):].split("-")[0])
                try:
                    if me in {parent.pid for parent in psutil.Process(pid).parents()}:
                        os.kill(pid, signal.SIGKILL)
                        self.killed.append(pid)
                except (psutil.NoSuchProcess, ProcessLookupError):
                    pass


@pytest.mark.parametrize("allowed_failures", [3, 0])
def test_a_job_whose_worker_dies_runs_once_more_and_no_more(tmp_path: Path, allowed_failures: int) -> None:
    """Dask's default (3) would run the job 4 times, and 0 would not run it again: either way it runs twice.

    With 3 the scheduler reruns it and its third run stops at its count; with 0 the scheduler gives up
    at once (KilledWorker) and the build submits it once more itself.
    """
    project = two_subjects(tmp_path / "project")
    config = project / "dossier.toml"
    config.write_text(config.read_text(encoding="utf-8").split("[outputs.briefing]")[0] +
                      '[outputs.deck]\ntemplate = "deck.md.j2"\nformat = "pptx"\n', encoding="utf-8")
    with dask.config.set({"distributed.scheduler.allowed-failures": allowed_failures}), \
            distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                     dashboard_address=None) as local:
        with KillerOfSubject("other") as killer:
            result = build(project, ["other"], scheduler=local.scheduler_address)
        assert len(killer.killed) == 2, killer.killed  # two runs began their work; a third did not
        [failed] = result.results
        assert failed.status == "failed"
        assert failed.error == ("reports/other/deck.pptx: the Dask job for subject 'other' failed on the cluster "
                                "(the worker running it died in each of its 2 runs; it is not run again)")
        assert not (project / "reports" / "other").exists()
        again = build(project, scheduler=local.scheduler_address)  # no one kills: both subjects build
        assert [r.status for r in again.results] == ["built", "built"], [r.error for r in again.failed]
    remove_folders_of_ended_processes(SHIPPED_PREFIX)  # the killed workers' copies of the project


def test_dossier_toml_chooses_the_cluster_and_switching_back_rebuilds_nothing(cluster, tmp_path: Path,
                                                                              monkeypatch) -> None:
    monkeypatch.delenv("DOSSIER_SCHEDULER", raising=False)
    project = two_subjects(tmp_path / "project")
    (project / "data" / "other").rename(project / "data" / "via-toml")  # a name only this test's tasks have
    config = project / "dossier.toml"
    local_config = config.read_text(encoding="utf-8")
    config.write_text(local_config + f'\n[build]\nscheduler = "{cluster.scheduler_address}"\n', encoding="utf-8")
    result = run_dossier("build", "--project", str(project))
    assert result.returncode == 0, result.stderr
    assert any("via-toml" in prefix for prefix in cluster.scheduler.task_prefixes), "the jobs did not run on the cluster"
    config.write_text(local_config, encoding="utf-8")  # where jobs run is not part of what makes an output
    assert {r.status for r in build(project, jobs=2).results} == {"up to date"}


def test_the_command_line_overrides_dossier_toml(cluster, tmp_path: Path) -> None:
    project = two_subjects(tmp_path / "project")
    config = project / "dossier.toml"
    config.write_text(config.read_text(encoding="utf-8") + f'\n[build]\nscheduler = "{unreachable()}"\n',
                      encoding="utf-8")
    on_cluster = run_dossier("build", "--scheduler", cluster.scheduler_address, "--project", str(project))
    assert on_cluster.returncode == 0, on_cluster.stderr
    assert len(outputs(project)) == 4
    from_variable = run_dossier("build", "--force", "--project", str(project),
                                env={"DOSSIER_SCHEDULER": cluster.scheduler_address})
    assert from_variable.returncode == 0, from_variable.stderr
    here = run_dossier("build", "--force", "--scheduler", "", "--project", str(project))  # empty: local processes
    assert here.returncode == 0, here.stderr


def unreachable() -> str:
    """A scheduler address nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"tcp://127.0.0.1:{probe.getsockname()[1]}"


def test_workers_that_cannot_see_the_project_still_build(local_build: Path, tmp_path: Path) -> None:
    """`dask scheduler` and `dask worker` as the README starts them; the worker's view of the projects folder is empty."""
    if shutil.which("unshare") is None or subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode:
        pytest.skip("needs `unshare -m` (a private mount namespace) to hide the project from the worker")
    hidden = tmp_path / "projects"
    project = two_subjects(hidden / "project")
    scheduler_file = tmp_path / "cluster" / "scheduler.json"
    scheduler_file.parent.mkdir()
    started = []
    try:
        started.append(subprocess.Popen([sys.executable, "-m", "dask", "scheduler", "--no-dashboard", "--port", "0",
                                         "--scheduler-file", str(scheduler_file)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True))
        worker = (f'mount -t tmpfs none "{hidden}" && test ! -e "{project}" && '
                  f'exec "{sys.executable}" -m dask worker --nworkers 1 --nthreads 1 --no-dashboard '
                  f'--scheduler-file "{scheduler_file}"')
        started.append(subprocess.Popen(["unshare", "-m", "sh", "-c", worker], stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, start_new_session=True))
        deadline = time.monotonic() + 60
        while not scheduler_file.is_file() and time.monotonic() < deadline:
            time.sleep(0.2)
        address = json.loads(scheduler_file.read_text())["address"]
        with distributed.Client(address) as client:
            client.wait_for_workers(1, timeout=60)
            assert client.run(os.path.exists, str(project / "dossier.toml")) == {
                w: False for w in client.scheduler_info()["workers"]}
        result = subprocess.run([sys.executable, "-m", "dossier", "build", "--scheduler", address,
                                 "--project", str(project)], capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stderr
        assert outputs(project) == outputs(local_build)
        assert open_docx(str(project / "reports" / "demo" / "briefing.docx")).core_properties.title
    finally:
        for process in reversed(started):
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait()
        remove_folders_of_ended_processes(SHIPPED_PREFIX)  # the killed worker's copy of the project


def test_an_unreachable_scheduler_is_one_line_and_exit_1(tmp_path: Path) -> None:
    project = two_subjects(tmp_path / "project")
    address = unreachable()
    result = run_dossier("build", "--scheduler", address, "--project", str(project))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"cannot reach the Dask scheduler at {address}: "), result.stderr
    assert not (project / "reports").exists()
