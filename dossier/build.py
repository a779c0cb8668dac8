"""The build, top to bottom: plan → skip what is up to date → execute the rest → record.

`build()` is what the CLI calls and what tests call. Each job (subject × output, `job_types`)
is plain data, run by an executor (`executors`: in this process, or in local worker processes);
a failing job is reported with `file:line` and the other jobs still build. A job returns the
bytes of the files it made; this process alone writes them, each to a temp file beside its
target renamed into place, so a failed, killed or interrupted build (or worker) never touches
the previous reports. A lock keeps two builds of one project from running at once.

Nothing heavy is imported at module level: a build with nothing to do reads dossier.toml, hashes
the inputs and stops, without loading Jinja, matplotlib, python-docx or python-pptx.
"""

from __future__ import annotations

import os
import time
from contextlib import nullcontext
from itertools import chain
from pathlib import Path
from typing import Callable

from dossier.errors import UsageError
from dossier.executors import Executor
from dossier.executors.in_process import InProcess
from dossier.fs_errors import file_system_error
from dossier.job_types import BuildResult, Job, JobResult
from dossier.jobs import JobWork, forget_subjects, import_what_jobs_need, load_ahead, write_atomically
from dossier.lock import BuildLock
from dossier.manifest import Manifest, remove_stale_temp_files
from dossier.page_finishing import PageFinisher
from dossier.pdf_job import convert
from dossier.processes import remove_folders_of_ended_processes
from dossier.project import PROJECT_FILE, Project, load_project, setting_line

__all__ = ["BuildResult", "Job", "JobResult", "build", "plan_jobs"]
#: Environment variable: the Dask scheduler to run the jobs on (as ``--scheduler``).
SCHEDULER_ENV = "DOSSIER_SCHEDULER"


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
    scheduler: str | None = None,
) -> BuildResult:
    """Build (or with `check_only`, check) the jobs; return their results.

    ``scheduler`` (else ``DOSSIER_SCHEDULER``, else dossier.toml's ``[build] scheduler``) is a Dask
    scheduler's address: the jobs run on that cluster; otherwise in ``jobs`` local processes
    (else ``[build] jobs``, else the number of cores). An empty address, at any of these levels,
    means local processes: ``scheduler=""`` builds here whatever the environment and dossier.toml say.

    A check runs every job through the whole build, writers included (see `jobs.run_job`), but
    keeps no file: nothing in reports/, no manifest, no LibreOffice page layout.
    """
    started = time.perf_counter()
    project = load_project(Path(project_dir))
    planned = plan_jobs(project, subjects)
    with BuildLock(project.build_dir, on_wait):
        remove_stale_temp_files(project)
        remove_folders_of_ended_processes()
        forget_subjects()
        manifest = Manifest(project)
        if manifest.problem and on_wait:  # a corrupt manifest: set aside, the build goes on as a first one
            on_wait(f"warning: {manifest.problem}")
        conversions = [job for job in planned if job.format == "pdf"]  # decided once their sources are built
        documents = [job for job in planned if job.format != "pdf"]
        todo = jobs_to_run(documents, manifest, rerun_all=force or check_only, strict=strict)
        done = {job: JobResult(job, "up to date", warnings=manifest.warnings(job)) for job in documents if job not in todo}
        if on_plan:
            on_plan(planned)
        for result in done.values():
            if on_result:
                on_result(result)
        converting = [job for job in conversions if force or check_only or not manifest.is_current(job)
                      or any(other.target == job.source for other in todo)]
        scheduler, origin = where_jobs_run(project, scheduler)
        service = layout_service(todo + ([] if check_only else converting), laid_out_here=not check_only)
        work = JobWork(project, check_only=check_only, strict=strict, pages_in_build=not isinstance(service, nullcontext))
        try:
            with service, executor_for(todo, jobs or project.jobs or os.cpu_count() or 1, scheduler, origin,
                                       pictures=not project.chart_native,
                                       ahead=lambda: load_ahead(project, todo)) as executor, \
                    PageFinisher() as pages:
                for result in chain(pages.results(executor.run(work, in_running_order(todo))),
                                    convert(project, conversions, done, manifest, force=force, check_only=check_only)):
                    done[result.job] = record(project, manifest, result, check_only)
                    if on_result:
                        on_result(result)
        finally:  # what a killed worker or an interrupt left half-written (every process of the build has ended)
            remove_stale_temp_files(project)
        if not check_only and (todo or converting):
            manifest.save(write_atomically)
    return BuildResult([done[job] for job in planned], time.perf_counter() - started)


def where_jobs_run(project: Project, scheduler: str | None) -> tuple[str, dict]:
    """Return the Dask scheduler to run on ("" for local processes), and where it was set (as the location
    fields of an error about it: none for the command line, the variable, dossier.toml's line).

    ``--scheduler`` (``scheduler``) > ``DOSSIER_SCHEDULER`` > ``[build] scheduler`` > local processes;
    a level that is set but empty chooses local processes.
    """
    if scheduler is not None:
        return scheduler.strip(), {}
    if (named := os.environ.get(SCHEDULER_ENV)) is not None:
        return named.strip(), {"key": SCHEDULER_ENV}
    if not project.scheduler:
        return "", {}
    return project.scheduler, {"file": PROJECT_FILE, "key": "build.scheduler",
                               "line": setting_line(project.root / PROJECT_FILE, "scheduler", "[build]")}


def jobs_to_run(planned: list[Job], manifest: Manifest, *, rerun_all: bool, strict: bool) -> list[Job]:
    """The planned jobs that are not up to date (all with ``rerun_all``).

    Under --strict a job that is up to date but had warnings runs again, and fails.
    """
    return [job for job in planned
            if rerun_all or (strict and manifest.warnings(job)) or not manifest.is_current(job)]


def record(project: Project, manifest: Manifest, result: JobResult, check_only: bool) -> JobResult:
    """Write the files a job made into place (this process alone does), then note the job in the manifest."""
    try:
        for relative, data in result.files.items():
            write_atomically(lambda temp, data=data: temp.write_bytes(data), project.root / relative)
    except OSError as exc:  # a read-only or full disk fails this job's output, not the jobs after it
        result.status, result.error = "failed", str(file_system_error(exc, project.root))
    result.files = {}
    if not check_only:
        manifest.record(result)
    return result


def layout_service(todo: list[Job], *, laid_out_here: bool):
    """One LibreOffice for all the briefings the build will write (started now, ready when they are), or nothing.

    It starts in the background while the first jobs load data and draw charts; each briefing
    then costs LibreOffice's layout (~0.1 s) instead of its start-up (~0.9 s). This process
    hands it the briefings, whatever ran their jobs (`page_finishing`): local workers and a
    cluster's need no LibreOffice. Not for a check (no layout).
    """
    pdfs = any(job.format == "pdf" for job in todo)  # converted here, by the build's LibreOffice, whatever runs the jobs
    if not pdfs and (not laid_out_here or not any(job.format == "docx" for job in todo)):
        return nullcontext()
    from dossier.writers.libreoffice_layout import LayoutService, find_soffice, layout_wanted

    return LayoutService(find_soffice()) if layout_wanted() else nullcontext()


def in_running_order(todo: list[Job]) -> list[Job]:
    """Subject by subject, each one's briefing first: briefings reach LibreOffice's layout one by one, not
    all at the end, and a worker's last job is a deck, which waits for no layout after it.

    (Decks first, a build's last briefing was laid out after every job had ended: with ``--jobs 1``
    the example's whole layout was on the critical path; briefing first, it runs beside the deck's job.
    The briefing also renders the template that numbers the subject's sources, which the deck reuses.)"""
    return sorted(todo, key=lambda job: (job.subject, job.format != "docx"))


def executor_for(todo: list[Job], workers: int, scheduler: str | None = None, origin: dict | None = None, *,
                 pictures: bool = True, ahead: Callable[[], None] | None = None) -> Executor:
    """A Dask cluster when a scheduler is named (``origin``: where, for its errors); else this process for one
    job or one worker; else a local pool, whose forked workers start with what ``ahead()`` prepared here."""
    if scheduler and todo:
        from dossier.executors.dask_cluster import DaskCluster

        return DaskCluster(scheduler, origin or {})
    if workers <= 1 or len(todo) <= 1:
        return InProcess()
    from dossier.executors.local_pool import LocalPool

    pool = LocalPool(min(workers, len(todo)))
    if pool.shares_imports:
        # Workers share one import, made here while LibreOffice starts: less memory and CPU per worker.
        # Importing in each worker side by side saved no time: on two cores they ran beside LibreOffice's start.
        import_what_jobs_need({job.format for job in todo}, pictures=pictures)
        if ahead is not None:
            ahead()
    return pool
