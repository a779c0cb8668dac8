"""Run one job (one output of one subject): load the subject, render, parse, draw charts, write.

`execute_job` takes and returns plain data (the Project is a dataclass of paths and settings), so it runs the same in this process or in a worker
process; a `DossierError` becomes the job's error text (with its `file:line`), anything else is
a bug and keeps its traceback. The job writes nothing into reports/: its result carries the
bytes of its output and of its rendered Markdown, which the build process writes into place.
`dossier check` runs the same `run_job` and throws the file away.
"""

from __future__ import annotations

import copy
import gc
import os
import resource
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from dossier.bug_report import internal_error
from dossier.errors import DossierError, TemplateError, WriterError
from dossier.fs_errors import file_system_error
from dossier.job_types import Job, JobResult
from dossier.manifest import input_hashes, reference_file
from dossier.processes import JOB_FOLDER_PREFIX
from dossier.project import Project
from dossier.temp_files import temp_path_for

if TYPE_CHECKING:
    from dossier.data_locations import DataLocator

_subjects: dict[tuple[str, str], tuple[dict[str, Any], list[str]] | DossierError] = {}
#: The loaded subject's rendered templates, by (template, locale): a deck numbers its sources as the
#: briefing does, so both jobs of a subject render the briefing's template; the second reuses it.
_renders: dict[tuple[str, str, str, str], Any] = {}


@dataclass(frozen=True)
class JobWork:
    """What an executor calls for each job: `execute_job` on this project with these options (picklable).

    With ``pages_in_build`` a briefing is written without its page numbers, which the build process
    fills in (`page_finishing`): the job does not wait for LibreOffice.
    """

    project: Project
    check_only: bool = False
    strict: bool = False
    pages_in_build: bool = False

    def __call__(self, job: Job) -> JobResult:
        return execute_job(self.project, job, check_only=self.check_only, strict=self.strict,
                           pages_in_build=self.pages_in_build)


def execute_job(project: Project, job: Job, *, check_only: bool = False, strict: bool = False,
                pages_in_build: bool = False) -> JobResult:
    """Return the JobResult of building (or checking) `job` of `project`, with the bytes of the files it made."""
    started = time.perf_counter()
    collect_garbage()
    loaded = load_subject_once(project, job.subject)
    if isinstance(loaded, DossierError):
        return JobResult(job, "failed", time.perf_counter() - started, error=str(loaded))
    context, warnings = loaded
    result = JobResult(job, "checked" if check_only else "built", warnings=list(warnings))
    fails_strictly = strict and bool(warnings)
    errors: list[str] = []
    try:
        warnings = warnings + check_theme(project, job)  # build and check alike, before anything is written
        result.warnings = list(warnings)
        fails_strictly = strict and bool(warnings)
        # A job that --strict will fail is still run to the end (its other errors are shown), never kept.
        keep = not (check_only or fails_strictly)
        result.templates = run_job(project, job, context, keep=keep, warnings=result.warnings, strict=strict,
                                   files=result.files, layout=keep and not pages_in_build)
        if keep and pages_in_build and job.format == "docx" and job.target in result.files:
            result.unfinished = {job.target}
    except DossierError as exc:
        errors.append(str(shown_in_project(exc, project)))
    except OSError as exc:  # a read-only or full disk, a file where a folder should be: the user's to fix
        errors.append(str(file_system_error(exc, project.root)))
    except Exception as exc:  # a bug: it crosses back to the build as text, with its traceback
        errors.append(str(internal_error(exc, f"building {job.target}")))
    if fails_strictly:  # the warnings become the job's errors: printed once, as errors
        errors.extend(warnings)
        result.warnings = []
    if errors:
        result.status, result.error = "failed", "\n".join(errors)
    if result.status == "built":
        result.inputs = input_hashes(project, job, result.templates)
    result.seconds = time.perf_counter() - started
    garbage_left()
    result.peak_memory_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result.pid = os.getpid()
    return result


_frozen = False
_garbage_left = False


def garbage_left() -> None:
    """Note that a job has ended: the next one starts by collecting its garbage (`collect_garbage`)."""
    global _garbage_left
    _garbage_left = True


def collect_garbage() -> None:
    """Free what the last job left in reference cycles (figures, document trees), as the next job starts.

    Not as a job ends: its result then goes back to the build without waiting for the collection
    (0.1-0.4 s on a cold worker, on the critical path of a small build), and a worker's last job
    leaves its garbage to the process's exit. After the first job of a process, what is left
    (imported modules, fonts, compiled templates: kept for the process's life) is moved out of the
    collector's sight (`gc.freeze`), so each later collection walks only what jobs made since: the
    full collection after a job took about a tenth of a warm subject's time, walking the same
    long-lived objects every time.
    """
    global _frozen, _garbage_left
    if not _garbage_left:
        return
    _garbage_left = False
    gc.collect()
    if not _frozen:
        gc.freeze()
        _frozen = True


def shown_in_project(error: DossierError, project: Project) -> DossierError:
    """Return `error` with the project's files named by their path in the project (as every message names them)."""
    root = f"{project.root.resolve().as_posix()}/"
    file = project.relative(Path(error.file)) if error.file and Path(error.file).is_absolute() else error.file
    if file == error.file and root not in error.message:
        return error
    shown = copy.copy(error)
    shown.message, shown.file = error.message.replace(root, ""), file
    return shown


def import_what_jobs_need(formats: set[str], *, pictures: bool = True) -> None:
    """Import the modules that running jobs of these formats need (before forking workers, so they share them).

    Imports cost about 0.55 s (matplotlib alone about 0.3 s); done once in the parent, forked
    workers start with them loaded and share their pages: measured with 10 subjects and two
    workers, 75-78 MB of private memory per worker against 82-99 MB when each imports itself.
    Without ``pictures`` (a project whose charts are native) matplotlib is left to the job that
    needs it.
    """
    import dossier.chart_blocks  # noqa: F401
    if pictures:  # with native charts, only a timeline is a picture, drawn once and then taken from the cache
        import dossier.charts.render  # noqa: F401
    import dossier.checks  # noqa: F401
    import dossier.markdown_reader  # noqa: F401
    import dossier.templating  # noqa: F401
    import dossier.validate  # noqa: F401
    from dossier.writers import writer_for

    for name in formats:
        writer_for(name)


def load_subject_once(project: Project, subject: str):
    """Return the subject's (context, warnings), or its DossierError; the last subject is kept for reuse."""
    from dossier.checks import check_lines, run_checks
    from dossier.project import PROJECT_FILE
    from dossier.validate import load_subject

    key = (str(project.root.resolve()), subject)
    if key not in _subjects:
        _subjects.clear()  # keep one subject: a worker's memory must not grow with the number of subjects
        _renders.clear()
        try:
            context, warnings = load_subject(project, subject)
            lines = check_lines(project.root / PROJECT_FILE)
            _subjects[key] = (context, warnings + run_checks(list(project.checks), context, PROJECT_FILE, lines,
                                                                  subject=subject))
        except DossierError as exc:
            _subjects[key] = exc
        except OSError as exc:
            _subjects[key] = file_system_error(exc, project.root)
        except Exception as exc:  # a bug: kept as text so that it crosses process boundaries
            _subjects[key] = internal_error(exc, f"loading subject {subject!r}")
    return _subjects[key]


def forget_subjects() -> None:
    """Drop the loaded subjects and query results (the data may have changed since)."""
    from dossier.sql_data import forget_query_results

    _subjects.clear()
    _renders.clear()
    forget_query_results()


def run_job(project: Project, job, context: dict[str, Any], *, keep: bool = True,
            warnings: list[str] | None = None, strict: bool = False,
            files: dict[str, bytes] | None = None, layout: bool | None = None) -> list[str]:
    """Render, parse, draw and write one job's output; return the templates it read.

    The output is written in a private temporary folder; its bytes (when ``keep``) and the
    rendered Markdown's go into ``files`` by project-relative path, for the build to write.
    `dossier check` runs this same pipeline with `keep=False`: everything a build does, to the
    writer's last byte, but the file is thrown away, and the
    briefing is not laid out by LibreOffice (page numbers only). So `check` raises every error
    `build` raises, by construction, and writes nothing to reports/ or the manifest (the chart
    cache in build/charts/ and the rendered Markdown in build/ are shared with builds).
    The writer's own warnings (a template's, found while writing) are added to ``warnings``; with
    ``strict`` they fail the job before its file is renamed into place. ``layout=False`` writes a
    briefing without page numbers (the build fills them in, `page_finishing`); by default a kept
    file is laid out.
    """
    from dossier.chart_blocks import resolve_chart
    from dossier.data_locations import DataLocator
    from dossier.formatting import format_partial_date
    from dossier.markdown_reader import read_markdown
    from dossier.templating import make_environment, render_template
    from dossier.writers import writer_for
    from dossier.writers.package_check import check_written_package

    templates_shown = project.relative(project.templates_dir)
    env = make_environment(project.templates_dir, templates_shown, job.locale, project.limits)
    sources = sources_by_id(context)
    numbering = None
    numbered_by = numbering_output(project)
    if numbered_by.template != job.template:  # number sources as that output does: "source 7" is one source
        try:
            numbering = render_numbering_template(project, job, context, env).numbering
        except TemplateError:
            pass  # that output fails with this error in its own job; this one still builds, numbered alone
        rendered = render_template(env, job.template, context, sources, templates_shown,
                                   locale=job.locale, numbering=numbering)
    else:
        rendered = render_numbering_template(project, job, context, env)

    markdown_path = project.build_dir / job.subject / f"{job.output}.md"
    files = {} if files is None else files
    files[project.relative(markdown_path)] = rendered.markdown.encode("utf-8")
    document = read_markdown(
        rendered.markdown, project.relative(markdown_path), lambda text, loc: resolve_chart(text, loc, context)
    )
    if "date" in document.meta and "date_text" not in document.meta:
        try:
            document.meta["date_text"] = format_partial_date(document.meta["date"], locale=job.locale)
        except ValueError as exc:
            raise TemplateError(f"front matter: {exc}", file=document.source, line=1, key="date") from None
    document.meta.setdefault("lang", job.locale.replace("_", "-"))  # the document language follows the locale
    document = replace(document, footnotes={  # the deck prints the subject's numbers, not its own order
        label: replace(note, number=rendered.numbering.number(label)) if rendered.numbering.known(label) else note
        for label, note in document.footnotes.items()
    })

    from dossier.chart_drawing import ChartDrawer, complete_charts

    writer_class = writer_for(job.format)
    document = complete_charts(document, palette=project.chart_palette, font=project.chart_font, locale=job.locale,
                               native=project.chart_native)
    reference = reference_file(project.theme_dir, job.format)
    reference = reference.resolve() if reference is not None else None
    drawer = ChartDrawer(project.build_dir / "charts", data=DataLocator(project.data_dir, job.subject, project.relative))
    writer = writer_class(reference, draw_chart=drawer)

    def write(path: Path) -> None:
        writer.write(document, path)
        check_written_package(path, job.target)  # a malformed file never replaces the report
        found = [w.replace(str(reference), project.relative(reference)) if reference is not None else w
                 for w in getattr(writer, "warnings", [])]
        if strict and found:  # an error before the rename: the previous report stays
            raise WriterError("\n".join(found))
        if warnings is not None:
            warnings.extend(found)

    written = write_privately(write, Path(job.target).name, layout=keep if layout is None else layout)
    if keep:
        files[job.target] = written
    return rendered.templates


def sources_by_id(context: dict[str, Any]) -> dict[str, dict]:
    """The subject's sources by their id, as templates cite them."""
    return {str(s.get("id")): s for s in context.get("sources", []) if isinstance(s, dict)}


def render_numbering_template(project: Project, job, context: dict[str, Any], env=None) -> Any:
    """The subject's render of the template that numbers its sources (`numbering_output`), made once per subject."""
    from dossier.templating import make_environment, render_template

    template = numbering_output(project).template
    templates_shown = project.relative(project.templates_dir)
    if env is None:
        env = make_environment(project.templates_dir, templates_shown, job.locale, project.limits)
    return rendered_once((str(project.root), job.subject, template, job.locale), lambda: render_template(
        env, template, context, sources_by_id(context), templates_shown, locale=job.locale))


def load_ahead(project: Project, todo: list[Job]) -> None:
    """In the build process, before it forks its workers: load the subject and render its numbering template.

    For a build of one subject on several workers (the example: its briefing and its deck at
    once), each worker loaded the same data and rendered the same template (0.4-0.6 CPU-s each,
    on a 2-core machine). Done here once, the workers start with both (fork shares them), while
    LibreOffice, started just before, takes the other core. An error is not kept from the render:
    each job that needs the template raises it again, with its `file:line`; a data error is kept
    as the subject's (`load_subject_once`), the same message in every job.
    """
    subjects = {job.subject for job in todo}
    if len(subjects) != 1 or len(todo) < 2:
        return  # several subjects: each worker takes its own, so loading one here would only delay them
    job = todo[0]
    loaded = load_subject_once(project, job.subject)
    if isinstance(loaded, DossierError):
        return
    try:
        render_numbering_template(project, job, loaded[0])
    except Exception:  # noqa: BLE001 - the job renders it again and reports it as it always did
        pass


def rendered_once(key: tuple[str, str, str, str], render: Callable[[], Any]) -> Any:
    """The template rendered for (project, subject, template, locale): by ``render()`` the first time, then as kept.

    Only the loaded subject's are kept. An error is not kept: each job that needs the template raises it again.
    """
    if key not in _renders:
        _renders[key] = render()
    return _renders[key]


def check_theme(project: Project, job) -> list[str]:
    """Return the warnings about the output's theme file, as its writer finds them (an unusable one raises)."""
    from dossier.writers import writer_for
    from dossier.writers.package_check import check_reference_package

    check = getattr(writer_for(job.format), "check_theme", None)
    reference = reference_file(project.theme_dir, job.format)
    if check is None or reference is None:
        return []
    check_reference_package(reference, project.relative(reference), project.limits.unzipped_bytes)
    return [message.replace(str(reference), project.relative(reference)) for message in check(reference)]


def numbering_output(project: Project):
    """Return the output whose first citations number a subject's sources: the first Word output, else the first.

    Word numbers footnotes by their place in the document, so a briefing's numbers are its order
    of first citation; the other outputs (decks) take them, and number what only they cite after.
    """
    return next((o for o in project.outputs if o.format == "docx"), project.outputs[0])


def write_privately(write: Callable[[Path], None], name: str, *, layout: bool = True) -> bytes:
    """Call `write(path)` on a file in a private temporary folder; return its bytes and remove the folder.

    The folder is named after this process ("dossier-job-<pid>-…"), so a build removes what a
    killed worker left. Without ``layout`` the LibreOffice page-number pass is skipped (a check).
    """
    import tempfile
    from contextlib import nullcontext

    from dossier.writers.libreoffice_layout import without_layout

    with tempfile.TemporaryDirectory(prefix=f"{JOB_FOLDER_PREFIX}{os.getpid()}-") as folder, \
            (nullcontext() if layout else without_layout()):
        path = Path(folder) / name
        write(path)
        return path.read_bytes()


def write_atomically(write: Callable[[Path], None], target: Path) -> None:
    """Call `write(temp)` on a temp file beside `target`, then rename it into place; never leave it half-written."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = temp_path_for(target)
    try:
        write(temp)
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except OSError as exc:  # a write error (a full disk) names no file: name the target
        exc.filename = exc.filename or str(target)
        raise
    finally:
        if temp.exists():
            temp.unlink()
