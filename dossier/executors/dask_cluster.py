"""The executor that runs jobs on a Dask cluster (``dossier build --scheduler tcp://HOST:8786``).

Workers need no shared folder: each job is sent with its inputs (`shipped`: the project's
templates, schemas and theme once, each subject's data once, scattered to the cluster) and sends
back its files' bytes, which the build writes into place as it does for local workers. A worker
that dies loses only its jobs: Dask runs them again elsewhere (the scheduler's
``allowed-failures``), and a job whose future still fails is submitted once more; a job that
fails then is reported failed with its output and subject named. Leaving the ``with`` block cancels what has not run and closes the client.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Iterator

from dossier.errors import ConfigError
from dossier.executors.shipped import common_pack, run_shipped, subject_pack
from dossier.job_types import Job, JobResult

#: Seconds to wait for the scheduler to answer before the build fails.
CONNECT_TIMEOUT_S = 10


class DaskCluster:
    """Jobs run on the Dask cluster whose scheduler is at ``address``."""

    def __init__(self, address: str) -> None:
        self.address = address
        self.client = None

    def __enter__(self) -> "DaskCluster":
        try:
            from distributed import Client
        except ImportError:
            raise ConfigError("a build on a Dask scheduler needs Dask: pip install 'dossier[dask]'") from None
        try:
            self.client = Client(self.address, timeout=f"{CONNECT_TIMEOUT_S}s")
        except (OSError, TimeoutError) as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {self.address}: {exc}") from None
        return self

    def __exit__(self, *exc_info) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None

    def run(self, work, jobs: list[Job]) -> Iterator[JobResult]:
        from distributed import as_completed

        project = work.project
        for name in ("data_dir", "templates_dir", "schemas_dir", "theme_dir", "build_dir", "reports_dir"):
            if Path(project.relative(getattr(project, name))).is_absolute():
                raise ConfigError(f"with a scheduler, the project's folders must be inside it: "
                                 f"{getattr(project, name)} is not")
        # Everything scattered is on every worker: data held by one worker alone dies with it, and the
        # jobs that need it could then only be cancelled ("already forgotten"), never run again.
        common = self.client.scatter(common_pack(project), broadcast=True)
        subjects = {subject: self.client.scatter(subject_pack(project, subject), broadcast=True)
                    for subject in dict.fromkeys(job.subject for job in jobs)}

        def submit(job: Job):
            return self.client.submit(run_shipped, work, common, subjects[job.subject], job, pure=False,
                                      key=f"dossier-{job.subject}-{job.output}-{uuid.uuid4().hex}")

        futures = {submit(job): job for job in jobs}
        retried: set[Job] = set()
        pending = as_completed(list(futures))
        try:
            for future in pending:
                job = futures[future]
                try:
                    yield future.result()
                except Exception as exc:  # noqa: BLE001 - the worker died (KilledWorker), or a bug on the worker
                    if job not in retried:  # once more, on the cluster as it is now
                        retried.add(job)
                        again = submit(job)
                        futures[again] = job
                        pending.add(again)
                        continue
                    yield JobResult(job, "failed", error=f"{job.target}: the Dask job for subject {job.subject!r} "
                                                         f"failed on the cluster ({type(exc).__name__}: {exc})")
        finally:
            for future in futures:
                future.cancel()
