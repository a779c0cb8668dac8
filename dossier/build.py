"""The build, top to bottom: project → jobs → skip what is up to date → run the rest → manifest.

`build()` is what the CLI calls and what tests call. Each job (subject × output) is plain data,
run in this process or in worker processes (`jobs`); a failing job is reported with `file:line`
and the other jobs still build. Outputs are written to a temp file beside the target and renamed
into place, so a failed or killed build never touches the previous reports. A lock keeps two
builds of one project from running at once.

Nothing heavy is imported at module level: a build with nothing to do reads dossier.toml, hashes
the inputs and stops, without loading Jinja, matplotlib, python-docx or python-pptx.
"""

from __future__ import annotations

import os
import time
from contextlib import nullcontext
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Callable

from dossier.errors import UsageError
from dossier.jobs import execute_job, forget_subjects, import_what_jobs_need, write_atomically
from dossier.lock import BuildLock
from dossier.manifest import Manifest, remove_stale_temp_files
from dossier.pdf_job import convert
from dossier.project import Project, load_project


@dataclass(frozen=True)
class Job:
    """One output of one subject: plain data, so any executor can run it."""

    subject: str
    output: str
    template: str
    format: str
    locale: str
    target: str  # relative to the project folder
    source: str = ""  # a PDF job: the target of the output it converts
    notes: bool = False  # a PDF job of a deck: with its notes pages


@dataclass
class JobResult:
    """What became of a job: "built", "up to date", "checked" or "failed" (with the error lines)."""

    job: Job
    status: str
    seconds: float = 0.0
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    templates: list[str] = field(default_factory=list)
    inputs: dict[str, str] = field(default_factory=dict)
    peak_memory_mb: float = 0.0
    pid: int = 0


@dataclass
class BuildResult:
    """Every job's result, in the planned order."""

    results: list[JobResult]
    seconds: float

    @property
    def failed(self) -> list[JobResult]:
        return [r for r in self.results if r.status == "failed"]

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def warnings(self) -> list[str]:
        return list(dict.fromkeys(w for r in self.results for w in r.warnings))


def plan_jobs(project: Project, subjects: list[str] | None = None) -> list[Job]:
    """Return the jobs for the chosen subjects (all when none are named)."""
    chosen = list(subjects) if subjects else list(project.subjects)
    for subject in chosen:
        if subject not in project.subjects:
            raise UsageError(f"unknown subject {subject!r}; subjects: {', '.join(project.subjects)}")
    formats = {output.name: output.format for output in project.outputs}
    return [
        Job(subject, output.name, output.template, output.format, output.locale or project.locale,
            project.relative(project.reports_dir / subject / f"{output.name}.{output.format}"),
            source=project.relative(project.reports_dir / subject / f"{output.source}.{formats[output.source]}")
            if output.source else "", notes=output.notes)
        for subject in chosen
        for output in project.outputs
    ]


def build(
    project_dir: Path | str = ".",
    subjects: list[str] | None = None,
    *,
    check_only: bool = False,
    strict: bool = False,
    force: bool = False,
    jobs: int | None = None,
    on_plan: Callable[[list[Job]], None] | None = None,
    on_result: Callable[[JobResult], None] | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> BuildResult:
    """Build (or with `check_only`, check) the jobs; return their results.

    A check runs every job through the whole build, writers included (see `jobs.run_job`), but
    keeps no file: nothing in reports/, no manifest, no LibreOffice page layout.
    """
    started = time.perf_counter()
    project = load_project(Path(project_dir))
    planned = plan_jobs(project, subjects)
    with BuildLock(project.build_dir, on_wait):
        remove_stale_temp_files(project)
        forget_subjects()
        manifest = Manifest(project)
        if manifest.problem and on_wait:  # a corrupt manifest: set aside, the build goes on as a first one
            on_wait(f"warning: {manifest.problem}")
        done: dict[Job, JobResult] = {}
        todo = []
        conversions = [job for job in planned if job.format == "pdf"]  # decided once their sources are built
        for job in (job for job in planned if job.format != "pdf"):
            # Under --strict a job that is up to date but had warnings runs again, and fails.
            if not (force or check_only or (strict and manifest.warnings(job))) and manifest.is_current(job):
                done[job] = JobResult(job, "up to date", warnings=manifest.warnings(job))
            else:
                todo.append(job)
        if on_plan:
            on_plan(planned)
        for result in done.values():
            if on_result:
                on_result(result)
        converting = [job for job in conversions if force or check_only or not manifest.is_current(job)
                      or any(other.target == job.source for other in todo)]
        with layout_service(todo + converting, check_only):
            for result in chain(run_jobs(project, todo, jobs or os.cpu_count() or 1, check_only=check_only,
                                         strict=strict),
                                convert(project, conversions, done, manifest, force=force, check_only=check_only)):
                done[result.job] = result
                if not check_only:
                    manifest.record(result)
                if on_result:
                    on_result(result)
        if not check_only and (todo or converting):
            manifest.save(write_atomically)
    return BuildResult([done[job] for job in planned], time.perf_counter() - started)


def layout_service(todo: list[Job], check_only: bool):
    """One LibreOffice for all the briefings the build will write (started now, ready when they are), or nothing.

    It starts in the background while the first jobs load data and draw charts; each briefing
    then costs LibreOffice's layout (~0.1 s) instead of its start-up (~0.9 s).
    """
    if check_only or not any(job.format in ("docx", "pdf") for job in todo):
        return nullcontext()
    from dossier.writers.libreoffice_layout import LayoutService, find_soffice, layout_wanted

    return LayoutService(find_soffice()) if layout_wanted() else nullcontext()


def run_jobs(project: Project, todo: list[Job], workers: int, *, check_only: bool, strict: bool):
    """Yield each job's result as it finishes: in this process, or in `workers` processes.

    Subject by subject, each one's deck first: LibreOffice starts while the first deck is made,
    and briefings reach its layout one by one, not all at the end.
    """
    ordered = sorted(todo, key=lambda job: (job.subject, job.format != "pptx"))
    if workers <= 1 or len(todo) <= 1:
        for job in ordered:
            yield execute_job(project, job, check_only=check_only, strict=strict)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    start_method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    if start_method == "fork" and len(todo) > workers:
        # Workers that run several jobs each share one import, made here: less memory per worker.
        # With one job each, they import side by side, which starts them sooner.
        import_what_jobs_need({job.format for job in todo})
    context = multiprocessing.get_context(start_method)
    with ProcessPoolExecutor(max_workers=min(workers, len(todo)), mp_context=context) as pool:
        futures = [pool.submit(execute_job, project, job, check_only=check_only, strict=strict) for job in ordered]
        for future in as_completed(futures):
            yield future.result()
