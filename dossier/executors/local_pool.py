"""The executor that runs jobs in worker processes on this machine, one job per worker at a time.

Each worker is a process with a pipe to the build. The build hands it a job, waits for its
result, hands it the next one — preferring a job of the subject the worker has loaded already,
so a subject's data is loaded once. The lifecycle is the build's:

- a worker dies with the build (``PR_SET_PDEATHSIG``; elsewhere a thread watching its parent),
  so a killed build leaves no worker behind, and no worker can finish its job afterwards;
- a worker ignores SIGINT (a terminal's Ctrl-C reaches the whole process group): the build
  decides, and ends its workers on leaving the ``with`` block, however it is left;
- a worker that dies mid-job (the OOM killer, ``kill -9``) fails that job alone, with a message
  naming it; a new worker takes the remaining jobs.

A worker writes nothing into the project: its result carries the bytes.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Iterator

from dossier.executors import Work
from dossier.job_types import Job, JobResult
from dossier.processes import die_with_parent, remove_folders_of_ended_processes

#: Seconds a worker is given to leave after the last job before it is killed.
EXIT_GRACE_S = 2.0


def start_method() -> str | None:
    """"fork" where there is one (workers share the build's imported modules), else the platform's default."""
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else None


def worker_main(connection: Connection, parent_pid: int, work: Work) -> None:
    """A worker's life: take a job, send its result, until the pipe closes or says stop."""
    die_with_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            result = work(job)
        except Exception:  # noqa: BLE001 - a bug: its traceback travels as text, never as an object
            result = JobResult(job, "failed", error=f"{job.target}: internal error (a bug in dossier):\n"
                                                    f"{traceback.format_exc().rstrip()}")
        try:
            connection.send(result)
        except Exception as exc:  # noqa: BLE001 - e.g. something in the result that cannot be pickled
            connection.send(JobResult(job, "failed", error=f"{job.target}: internal error: result not sendable: {exc}"))


@dataclass
class Worker:
    process: multiprocessing.process.BaseProcess
    connection: Connection
    job: Job | None = None
    subject: str | None = None  # the subject it last worked on (its data is loaded)


class LocalPool:
    """Up to ``workers`` worker processes on this machine."""

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)
        self.context = multiprocessing.get_context(start_method())
        self.running: list[Worker] = []

    @property
    def shares_imports(self) -> bool:
        """Whether workers start with what the build process imported (forked)."""
        return self.context.get_start_method() == "fork"

    def __enter__(self) -> "LocalPool":
        return self

    def __exit__(self, exc_type, *exc_info) -> None:
        self.stop(kill=exc_type is not None)

    def run(self, work: Work, jobs: list[Job]) -> Iterator[JobResult]:
        pending = list(jobs)
        while pending or any(worker.job for worker in self.running):
            for worker in self.running:
                if worker.job is None and pending:
                    self._hand(worker, pending)
            while pending and len(self.running) < self.workers:
                self._hand(self._start(work), pending)
            busy = [worker for worker in self.running if worker.job is not None]
            ready = set(wait([w.connection for w in busy] + [w.process.sentinel for w in busy]))
            for worker in busy:
                if worker.connection in ready or worker.process.sentinel in ready:
                    yield self._collect(worker)

    def _start(self, work: Work) -> Worker:
        ours, theirs = self.context.Pipe()
        process = self.context.Process(target=worker_main, args=(theirs, os.getpid(), work), daemon=True,
                                       name="dossier-worker")
        process.start()
        theirs.close()
        worker = Worker(process, ours)
        self.running.append(worker)
        return worker

    def _hand(self, worker: Worker, pending: list[Job]) -> None:
        """Give ``worker`` the next job: one of its loaded subject, else of a subject nobody works on, else the first."""
        in_hand = {w.job.subject for w in self.running if w.job is not None}
        chosen = next((j for j in pending if j.subject == worker.subject), None) \
            or next((j for j in pending if j.subject not in in_hand), pending[0])
        pending.remove(chosen)
        worker.job, worker.subject = chosen, chosen.subject
        worker.connection.send(chosen)

    def _collect(self, worker: Worker) -> JobResult:
        """The result ``worker`` sent, or, when it died, its job failed with the reason."""
        job, worker.job = worker.job, None
        try:
            if worker.connection.poll():
                return worker.connection.recv()
        except (EOFError, OSError):
            pass
        self._forget(worker)
        return JobResult(job, "failed", error=f"{job.target}: the worker process building it died "
                                              f"({ended_by(worker.process)}); the other jobs went on")

    def _forget(self, worker: Worker) -> None:
        worker.process.join(timeout=1)
        worker.connection.close()
        self.running.remove(worker)

    def stop(self, *, kill: bool = False) -> None:
        """End every worker: asked to leave after their last job, or killed (an interrupt, an error)."""
        for worker in self.running:
            try:
                if kill:
                    worker.process.kill()
                else:
                    worker.connection.send(None)
            except (OSError, ValueError):
                pass
        for worker in self.running:
            worker.process.join(timeout=None if kill else EXIT_GRACE_S)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.connection.close()
        self.running.clear()
        remove_folders_of_ended_processes()


def ended_by(process: multiprocessing.process.BaseProcess) -> str:
    """How a process ended, in words: "killed by SIGKILL", "exit code 1"."""
    code = process.exitcode
    if code is None:
        return "no answer"
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"
