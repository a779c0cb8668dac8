"""PDF jobs: each converts an output the build has just made (or left up to date) with LibreOffice.

They run after the other jobs, in the build's process, through the build's one LibreOffice
(`dossier.writers.libreoffice_layout`). A PDF is up to date while the file it converts is the one
it was made from (its hash is the job's only input); when that output failed to build, its PDF
fails too and the previous PDF stays. `dossier check` converts nothing.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Iterator

from dossier.errors import DossierError, WriterError
from dossier.jobs import write_atomically
from dossier.manifest import input_hashes

if TYPE_CHECKING:
    from dossier.build import Job, JobResult
    from dossier.manifest import Manifest
    from dossier.project import Project


def convert(project: "Project", conversions: list["Job"], done: dict, manifest: "Manifest", *,
            force: bool, check_only: bool) -> Iterator["JobResult"]:
    """Yield each PDF job's result; `done` already holds the results of the outputs they convert."""
    from dossier.build import JobResult

    for job in conversions:
        source = next((result for result in done.values() if result.job.target == job.source), None)
        if source is None or source.status == "failed":
            yield JobResult(job, "failed", error=str(WriterError(
                f"not converted: {job.source} did not build", file=job.target)))
        elif check_only:
            yield JobResult(job, "checked")
        elif not force and manifest.is_current(job):
            yield JobResult(job, "up to date")
        else:
            yield convert_job(project, job)


def convert_job(project: "Project", job: "Job") -> "JobResult":
    """Convert the job's source into its target (atomically); return the JobResult."""
    from dossier.build import JobResult
    from dossier.writers.pdf import convert_to_pdf

    started = time.perf_counter()
    try:
        write_atomically(lambda temp: convert_to_pdf(project.root / job.source, temp, notes=job.notes,
                                                     shown=job.source),
                         project.root / job.target)
    except DossierError as exc:
        return JobResult(job, "failed", time.perf_counter() - started, error=str(exc))
    return JobResult(job, "built", time.perf_counter() - started, inputs=input_hashes(project, job, []))
