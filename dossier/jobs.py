"""Run one job (one output of one subject): load the subject, render, parse, draw charts, write.

`execute_job` takes and returns plain data (the Project is a dataclass of paths and settings), so it runs the same in this process or in a worker
process; a `DossierError` becomes the job's error text (with its `file:line`), anything else is
a bug and keeps its traceback.
"""

from __future__ import annotations

import gc
import os
import resource
import time
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable

from dossier.errors import ChartError, DossierError, TemplateError
from dossier.manifest import REFERENCE_FILES, input_hashes
from dossier.project import Project

_subjects: dict[tuple[str, str], tuple[dict[str, Any], list[str]] | DossierError] = {}


def execute_job(project: Project, job, *, check_only: bool = False, strict: bool = False):
    """Return the JobResult of building (or checking) `job` of `project`."""
    from dossier.build import JobResult

    started = time.perf_counter()
    loaded = load_subject_once(project, job.subject)
    if isinstance(loaded, DossierError):
        return JobResult(job, "failed", time.perf_counter() - started, error=str(loaded))
    context, warnings = loaded
    result = JobResult(job, "checked" if check_only else "built", warnings=list(warnings))
    try:
        result.templates = run_job(project, job, context, check_only=check_only, warnings=result.warnings)
        if strict and warnings:
            result.status, result.error = "failed", "\n".join(warnings)
    except DossierError as exc:
        result.status, result.error = "failed", str(exc)
    if result.status == "built":
        result.inputs = input_hashes(project, job, result.templates)
    result.seconds = time.perf_counter() - started
    gc.collect()  # figures and document trees hold reference cycles: free them before the next job
    result.peak_memory_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result.pid = os.getpid()
    return result


def import_what_jobs_need(formats: set[str], *, check_only: bool = False) -> None:
    """Import the modules that running jobs of these formats need (before forking workers, so they share them).

    Imports cost about 0.55 s (matplotlib alone about 0.3 s); done once in the parent, forked
    workers start with them loaded and share their pages: measured with 10 subjects and two
    workers, 75-78 MB of private memory per worker against 82-99 MB when each imports itself.
    """
    import dossier.chart_blocks  # noqa: F401
    import dossier.checks  # noqa: F401
    import dossier.markdown_reader  # noqa: F401
    import dossier.templating  # noqa: F401
    import dossier.validate  # noqa: F401

    if check_only:
        return
    import dossier.charts.render  # noqa: F401
    from dossier.writers import writer_for

    for name in formats:
        writer_for(name)


def load_subject_once(project: Project, subject: str):
    """Return the subject's (context, warnings), or its DossierError; the last subject is kept for reuse."""
    from dossier.checks import run_checks
    from dossier.validate import load_subject

    key = (str(project.root.resolve()), subject)
    if key not in _subjects:
        _subjects.clear()  # keep one subject: a worker's memory must not grow with the number of subjects
        try:
            context, warnings = load_subject(project, subject)
            _subjects[key] = (context, warnings + run_checks(list(project.checks), context))
        except DossierError as exc:
            _subjects[key] = exc
    return _subjects[key]


def forget_subjects() -> None:
    """Drop the loaded subjects (the data may have changed since)."""
    _subjects.clear()


def run_job(
    project: Project, job, context: dict[str, Any], *, check_only: bool = False, warnings: list[str] | None = None
) -> list[str]:
    """Render, parse, draw and write one job's output; return the templates it read (the writer's
    warnings, such as a template's, are added to ``warnings``)."""
    from dossier.chart_blocks import resolve_chart
    from dossier.formatting import format_partial_date
    from dossier.markdown_reader import read_markdown
    from dossier.templating import make_environment, render_template

    templates_shown = project.relative(project.templates_dir)
    env = make_environment(project.templates_dir, templates_shown, job.locale)
    sources = {str(s.get("id")): s for s in context.get("sources", []) if isinstance(s, dict)}
    rendered = render_template(env, job.template, context, sources, templates_shown)

    markdown_path = project.build_dir / job.subject / f"{job.output}.md"
    write_atomically(lambda path: path.write_text(rendered.markdown, encoding="utf-8"), markdown_path)
    document = read_markdown(
        rendered.markdown, project.relative(markdown_path), lambda text, loc: resolve_chart(text, loc, context)
    )
    if "date" in document.meta and "date_text" not in document.meta:
        try:
            document.meta["date_text"] = format_partial_date(document.meta["date"], locale=job.locale)
        except ValueError as exc:
            raise TemplateError(f"front matter: {exc}", file=document.source, line=1, key="date") from None
    document.meta.setdefault("lang", job.locale.replace("_", "-"))  # the document language follows the locale
    if check_only:
        return rendered.templates

    from dossier.writers import writer_for

    writer_class = writer_for(job.format)
    document = draw_charts(document, writer_class.chart_profile, project.build_dir / "charts",
                           palette=project.chart_palette, font=project.chart_font)
    reference = project.theme_dir / REFERENCE_FILES.get(job.format, "")
    writer = writer_class(reference if reference.is_file() else None)
    write_atomically(lambda path: writer.write(document, path), project.root / job.target)
    if warnings is not None:  # the template's, as the writer found them writing
        warnings.extend(w.replace(str(reference), project.relative(reference)) for w in getattr(writer, "warnings", []))
    return rendered.templates


def draw_charts(document, profile: str, cache_dir: Path, *, palette: tuple[str, ...] = (), font: str = ""):
    """Return the document with every chart drawn for `profile` in the project's chart theme.

    A chart whose spec, theme and profile are unchanged comes from the cache and is not redrawn.
    """
    import hashlib

    from dossier import __version__
    from dossier.charts import DRAWING_VERSION, describe_chart, render_chart_png
    from dossier.model import Chart

    blocks = []
    for block in document.blocks:
        if isinstance(block, Chart):
            try:
                spec = replace(block.spec, palette=palette, font=font)
                spec = spec if spec.alt else replace(spec, alt=describe_chart(spec))
                key = hashlib.sha256(f"{__version__}|{DRAWING_VERSION}|{profile}|{spec!r}".encode()).hexdigest()[:20]
                image = cache_dir / f"{key}-{profile}.png"
                if not image.is_file():
                    write_atomically(lambda path: render_chart_png(spec, profile, path), image)
                    gc.collect(1)  # a figure is a reference cycle holding megabytes: free it before the next
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
