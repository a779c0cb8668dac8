"""The build, top to bottom: project → data → templates → Markdown → model → charts → files.

`build()` is what the CLI calls and what tests call. Each job (subject × output) is plain
data; a failing job is reported with `file:line` and the other jobs still build. Outputs
are written to a temp file beside the target and renamed into place, so a failed build
never touches the previous reports.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

from dossier import __version__
from dossier.chart_blocks import resolve_chart
from dossier.checks import run_checks
from dossier.errors import ChartError, DossierError, TemplateError
from dossier.formatting import format_partial_date
from dossier.markdown_reader import read_markdown
from dossier.model import Chart, Document, Location
from dossier.project import Project, load_project
from dossier.templating import make_environment, render_template
from dossier.validate import load_schemas, load_subject

REFERENCE_FILES = {"docx": "reference.docx", "pptx": "reference.pptx"}


@dataclass(frozen=True)
class Job:
    """One output of one subject: plain data, so any executor can run it."""

    subject: str
    output: str
    template: str
    format: str
    locale: str
    target: str  # relative to the project folder


@dataclass
class JobResult:
    """What became of a job: "built", "checked" or "failed" (with the error lines)."""

    job: Job
    status: str
    seconds: float = 0.0
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class BuildResult:
    """Every job's result, in order."""

    results: list[JobResult]
    seconds: float

    @property
    def failed(self) -> list[JobResult]:
        return [r for r in self.results if r.status == "failed"]

    @property
    def warnings(self) -> list[str]:
        return list(dict.fromkeys(w for r in self.results for w in r.warnings))


def plan_jobs(project: Project, subjects: list[str] | None = None) -> list[Job]:
    """Return the jobs for the chosen subjects (all when none are named)."""
    from dossier.errors import ConfigError

    chosen = list(subjects) if subjects else list(project.subjects)
    for subject in chosen:
        if subject not in project.subjects:
            raise ConfigError(f"unknown subject {subject!r}; subjects: {', '.join(project.subjects)}")
    jobs = []
    for subject in chosen:
        for output in project.outputs:
            suffix = "." + output.format
            target = project.relative(project.reports_dir / subject / (output.name + suffix))
            jobs.append(Job(subject, output.name, output.template, output.format,
                            output.locale or project.locale, target))
    return jobs


def build(
    project_dir: Path | str = ".",
    subjects: list[str] | None = None,
    *,
    check_only: bool = False,
    strict: bool = False,
    on_result: Callable[[JobResult], None] | None = None,
) -> BuildResult:
    """Build (or with `check_only`, validate and parse) every job; return their results."""
    started = time.perf_counter()
    project = load_project(Path(project_dir))
    jobs = plan_jobs(project, subjects)
    schemas = load_schemas(project)
    results: list[JobResult] = []
    contexts: dict[str, tuple[dict[str, Any], list[str]] | DossierError] = {}
    for job in jobs:
        if job.subject not in contexts:
            try:
                context, data_warnings = load_subject(project, job.subject, schemas)
                data_warnings = data_warnings + run_checks(list(project.checks), context)
                contexts[job.subject] = (context, data_warnings)
            except DossierError as exc:
                contexts[job.subject] = exc
        loaded = contexts[job.subject]
        job_started = time.perf_counter()
        if isinstance(loaded, DossierError):
            result = JobResult(job, "failed", error=str(loaded))
        else:
            context, data_warnings = loaded
            try:
                run_job(project, job, context, check_only=check_only)
                status = "checked" if check_only else "built"
                result = JobResult(job, status, warnings=list(data_warnings))
                if strict and data_warnings:
                    result = JobResult(job, "failed", error="\n".join(data_warnings), warnings=list(data_warnings))
            except DossierError as exc:
                result = JobResult(job, "failed", error=str(exc), warnings=list(data_warnings))
        result.seconds = time.perf_counter() - job_started
        results.append(result)
        if on_result:
            on_result(result)
    outcome = BuildResult(results, time.perf_counter() - started)
    if not check_only:
        write_manifest(project, outcome)
    return outcome


def run_job(project: Project, job: Job, context: dict[str, Any], *, check_only: bool = False) -> None:
    """Render, parse, draw and write one job's output."""
    templates_shown = project.relative(project.templates_dir)
    env = make_environment(project.templates_dir, templates_shown, job.locale)
    sources = {str(s.get("id")): s for s in context.get("sources", []) if isinstance(s, dict)}
    rendered = render_template(env, job.template, context, sources, templates_shown)

    markdown_path = project.build_dir / job.subject / f"{job.output}.md"
    markdown_path.parent.mkdir(parents=True, exist_ok=True)
    markdown_path.write_text(rendered.markdown, encoding="utf-8")
    document = read_markdown(
        rendered.markdown, project.relative(markdown_path),
        lambda text, loc: resolve_chart(text, loc, context),
    )
    if "date" in document.meta and "date_text" not in document.meta:
        try:
            document.meta["date_text"] = format_partial_date(document.meta["date"], locale=job.locale)
        except ValueError as exc:
            raise TemplateError(f"front matter: {exc}", file=document.source, line=1, key="date") from None
    if check_only:
        return

    from dossier.writers import writer_for

    writer_class = writer_for(job.format)
    document = draw_charts(document, writer_class.chart_profile, project.build_dir / "charts")
    reference = project.theme_dir / REFERENCE_FILES.get(job.format, "")
    writer = writer_class(reference if reference.is_file() else None)
    write_atomically(lambda path: writer.write(document, path), project.root / job.target)


def draw_charts(document: Document, profile: str, cache_dir: Path) -> Document:
    """Return the document with every chart drawn for `profile`; unchanged charts come from the cache."""
    from dossier.charts import describe_chart, render_chart_png

    cache_dir.mkdir(parents=True, exist_ok=True)
    blocks = []
    for block in document.blocks:
        if isinstance(block, Chart):
            try:
                spec = block.spec if block.spec.alt else replace(block.spec, alt=describe_chart(block.spec))
                key = hashlib.sha256(f"{__version__}|{profile}|{spec!r}".encode()).hexdigest()[:20]
                image = cache_dir / f"{key}-{profile}.png"
                if not image.is_file():
                    write_atomically(lambda path: render_chart_png(spec, profile, path), image)
            except ChartError as exc:
                raise ChartError(exc.message, file=block.loc.file, line=block.loc.line) from None
            block = replace(block, spec=spec, images={**block.images, profile: image})
        blocks.append(block)
    return replace(document, blocks=tuple(blocks))


def write_atomically(write: Callable[[Path], None], target: Path) -> None:
    """Call `write(temp)` on a temp file beside `target`, then rename it into place; never leave it half-written."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        write(temp)
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, target)
    finally:
        if temp.exists():
            temp.unlink()


def write_manifest(project: Project, outcome: BuildResult) -> None:
    """Record what this build did: outputs, status, timings and warnings, in build/manifest.json."""
    manifest = {
        "dossier": __version__,
        "seconds": round(outcome.seconds, 3),
        "jobs": [
            {**asdict(r.job), "status": r.status, "seconds": round(r.seconds, 3),
             "error": r.error, "warnings": r.warnings}
            for r in outcome.results
        ],
    }
    path = project.build_dir / "manifest.json"
    text = json.dumps(manifest, indent=2, ensure_ascii=False)
    write_atomically(lambda temp: temp.write_text(text, encoding="utf-8"), path)


__all__ = ["Job", "JobResult", "BuildResult", "build", "plan_jobs", "run_job", "Location"]
