"""Where jobs run: one small interface, several executors.

An executor is a context manager with one method, ``run(work, jobs)``: it calls ``work(job)``
for every job — in this process, in local worker processes, or on a cluster — and yields each
job's :class:`~dossier.job_types.JobResult` as it finishes, in any order. ``work`` must be
picklable (a ``functools.partial`` of a module-level function) and must not raise for a job's
own errors (they are its result). Leaving the ``with`` block, normally or by an exception (an
interrupt), ends every process the executor started. Executors never write into the project:
a result carries its files' bytes, and the build writes them.
"""

from __future__ import annotations

from typing import Callable, Iterator, Protocol

from dossier.job_types import Job, JobResult

Work = Callable[[Job], JobResult]


class Executor(Protocol):
    def __enter__(self) -> "Executor": ...

    def __exit__(self, *exc_info) -> None: ...

    def run(self, work: Work, jobs: list[Job]) -> Iterator[JobResult]: ...
