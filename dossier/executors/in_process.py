"""The executor that runs every job in the build's own process, one after the other."""

from __future__ import annotations

from typing import Iterator

from dossier.executors import Work
from dossier.job_types import Job, JobResult


class InProcess:
    """Run the jobs here, in order: for one job, one core, or `--jobs 1`."""

    def __enter__(self) -> "InProcess":
        return self

    def __exit__(self, *exc_info) -> None:
        pass

    def run(self, work: Work, jobs: list[Job]) -> Iterator[JobResult]:
        for job in jobs:
            yield work(job)
