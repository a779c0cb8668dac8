"""The executor that runs jobs on a Dask cluster (``dossier build --scheduler tcp://HOST:8786``).

Workers need no shared folder: each job is sent with its inputs (`shipped`: the project's
templates, schemas and theme once, each subject's data once: small tasks whose result is the
pack, which the scheduler can run again if the workers holding it die) and sends
back its files' bytes, which the build writes into place as it does for local workers.

A subject's jobs are one task, run on one worker in the order local workers run them (its briefing,
then its deck): the subject is loaded once and the briefing's template rendered once, as a
local worker does when it takes a subject's second job. Sent apart, half of them went to the
worker that had not loaded the subject (16 subjects: the jobs ran 1.7 times as long as on local
workers). Only when the cluster has more threads than there are subjects is each job its own
task, so that no thread waits while a subject's jobs run one after the other. A task's results
come back together, as soon as it ends.

A job runs at most twice: once, and once more if the worker running it died. Two things would
otherwise run it again and again: Dask's scheduler reruns a task whose worker died until
``distributed.scheduler.allowed-failures`` workers have died with it (3 by default: 4 runs), and
that setting belongs to the scheduler, not to this client. So the task counts its own runs: each
run, first thing on its worker, adds one to a count the scheduler keeps with the task (its
metadata, forgotten with the task), and a third run stops there, before any work, as
`WorkersDied`. When the scheduler gives up first (``KilledWorker``: ``allowed-failures = 0``),
the build submits the task once more itself, carrying over the runs counted. Either way the jobs
of a task whose worker died twice — one subject's — are reported failed, each with its output
and subject named; any other error on the cluster fails its task's jobs at once (running them
again would meet it again).

Leaving the ``with`` block cancels what has not run and closes the client.
"""

from __future__ import annotations

import uuid
import warnings
from pathlib import Path
from typing import Iterator

from dossier.errors import ConfigError
from dossier.executors.shipped import Pack, common_pack, run_shipped, subject_pack
from dossier.job_types import Job, JobResult

#: Seconds to wait for the scheduler to answer before the build fails.
CONNECT_TIMEOUT_S = 10
#: Runs of one job at most: the first, and one more if its worker died.
MAX_RUNS = 2
#: The task metadata (on the scheduler) that counts a job's runs.
RUNS_METADATA = "dossier-runs"


class WorkersDied(Exception):
    """A job's workers died during its runs (``MAX_RUNS`` of them): it is not run again."""


class DaskCluster:
    """Jobs run on the Dask cluster whose scheduler is at ``address``.

    ``origin`` locates the address for an error about it (``file``, ``line``, ``key`` of a ConfigError):
    dossier.toml's ``[build] scheduler``, ``DOSSIER_SCHEDULER``, or nothing for ``--scheduler``.
    """

    def __init__(self, address: str, origin: dict | None = None) -> None:
        self.address = address
        self.origin = origin or {}
        self.client = None

    def __enter__(self) -> "DaskCluster":
        try:
            from distributed import Client
        except ImportError:
            raise ConfigError("a build on a Dask scheduler needs Dask: pip install 'dossier[dask]'",
                              **self.origin) from None
        try:
            self.client = Client(self.address, timeout=f"{CONNECT_TIMEOUT_S}s")
        except (OSError, TimeoutError, ValueError) as exc:  # ValueError: an address Dask cannot parse
            raise ConfigError(f"cannot reach the Dask scheduler at {self.address}: {exc}", **self.origin) from None
        return self

    def __exit__(self, *exc_info) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None

    def _hold(self, pack: Pack, name: str):
        """A future of ``pack`` on the cluster, made again if the workers holding it die."""
        return self.client.submit(hold, pack, pure=False, key=f"dossier-pack-{name}-{uuid.uuid4().hex}")

    def run(self, work, jobs: list[Job]) -> Iterator[JobResult]:
        from distributed import KilledWorker, as_completed

        project = work.project
        for name in ("data_dir", "templates_dir", "schemas_dir", "theme_dir", "build_dir", "reports_dir"):
            if Path(project.relative(getattr(project, name))).is_absolute():
                raise ConfigError(f"with a scheduler, the project's folders must be inside it: "
                                 f"{getattr(project, name)} is not")
        # The packs are tasks, not scattered data: the scheduler keeps what makes them, so a pack lost with
        # the workers holding it is made again. Scattered data lost so (even "broadcast": the scheduler's
        # active memory manager soon drops the extra copies) is gone, and the jobs that need it could only
        # be cancelled ("already forgotten"), never run again.
        with warnings.catch_warnings():  # a pack of 10 MB or more is a "large graph"; it is meant to be
            warnings.filterwarnings("ignore", message="Sending large graph")
            common = self._hold(common_pack(project), "common")
            subjects = {subject: self._hold(subject_pack(project, subject), subject)
                        for subject in dict.fromkeys(job.subject for job in jobs)}

        def submit(task: Task, earlier_runs: int):
            first = task[0]
            name = first.subject if len(task) > 1 else f"{first.subject}-{first.output}"
            return self.client.submit(run_counted, earlier_runs, work, common, subjects[first.subject], task,
                                      pure=False, key=f"dossier-{name}-{uuid.uuid4().hex}")

        futures = {submit(task, 0): (task, 0) for task in tasks_of(jobs, self._threads())}
        submitted_again: set[Task] = set()
        pending = as_completed(list(futures))

        def failed(task: Task, why: str) -> list[JobResult]:
            return [JobResult(job, "failed", error=f"{job.target}: the Dask job for subject {job.subject!r} "
                                                   f"failed on the cluster ({why})") for job in task]
        try:
            for future in pending:
                task, earlier = futures[future]
                try:
                    results = future.result()
                except WorkersDied as exc:
                    results = failed(task, str(exc))
                except KilledWorker:  # the scheduler gave up on it (its allowed-failures)
                    runs = earlier + (self.client.get_metadata([future.key, RUNS_METADATA], 0) or 0)
                    if runs < MAX_RUNS and task not in submitted_again:
                        submitted_again.add(task)
                        again = submit(task, runs)
                        futures[again] = (task, runs)
                        pending.add(again)
                        continue
                    results = failed(task, died(runs))
                except Exception as exc:  # noqa: BLE001 - a bug on the worker, an unpicklable result
                    results = failed(task, f"{type(exc).__name__}: {exc}")
                yield from results
        finally:
            for future in futures:
                future.cancel()

    def _threads(self) -> int:
        """The threads of the cluster's workers now (workers may come and go: a hint, not a promise)."""
        return sum(self.client.nthreads().values())


#: Jobs run as one task on one worker, one after the other.
Task = tuple[Job, ...]


def tasks_of(jobs: list[Job], threads: int) -> list[Task]:
    """The tasks that run ``jobs`` (in their order): one per subject, or one per job when there are fewer
    subjects than ``threads`` (a subject's jobs one after the other would leave threads idle)."""
    by_subject: dict[str, list[Job]] = {}
    for job in jobs:
        by_subject.setdefault(job.subject, []).append(job)
    if len(by_subject) < threads:
        return [(job,) for job in jobs]
    return [tuple(group) for group in by_subject.values()]


def died(runs: int) -> str:
    """Why a job whose workers died is not run again, after ``runs`` runs."""
    if runs >= MAX_RUNS:
        return f"the worker running it died in each of its {runs} runs; it is not run again"
    return f"the workers it was sent to died, twice, and it ran {runs} time(s); it is not sent again"


def hold(pack: Pack) -> Pack:
    """The task whose result is a pack (on a worker): the pack itself, sent with the task."""
    return pack


def run_counted(earlier_runs: int, work, common, subject, task: Task) -> list[JobResult]:
    """On a worker: count this run of the task on the scheduler, then run its jobs; a run past ``MAX_RUNS`` stops first.

    ``earlier_runs``: its runs under an earlier task (the build submitted it again after ``KilledWorker``).
    """
    from distributed import get_client, get_worker

    key = get_worker().get_current_task()
    client = get_client()
    runs = earlier_runs + (client.get_metadata([key, RUNS_METADATA], 0) or 0) + 1
    client.set_metadata([key, RUNS_METADATA], runs - earlier_runs)
    if runs > MAX_RUNS:
        raise WorkersDied(died(runs - 1))
    return [run_shipped(work, common, subject, job) for job in task]
