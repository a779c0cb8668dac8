"""build/manifest.json: what each output was built from, so an unchanged job is skipped.

An output is up to date when the file is still the one this build wrote (size and mtime) and
the hashes of everything it was made from are unchanged: the subject's data files, the schemas,
the templates it rendered (including partials), the theme file of its format, the relevant
settings and dossier's version. Only the standard library is imported here: a no-op build must
stay cheap.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dossier import __version__
from dossier.temp_files import remove_stale_temp_files as remove_stale_temps

#: Project fields ([build]) that choose where the jobs run, not what they make: a build on a cluster
#: writes a local build's bytes, so switching between them rebuilds nothing.
WHERE_JOBS_RUN = ("scheduler", "jobs")

if TYPE_CHECKING:
    from dossier.job_types import Job, JobResult
    from dossier.project import Project

MANIFEST = "manifest.json"
# A theme's reference file per format, in the order looked for: the document, else the Office template.
REFERENCE_FILES = {"docx": ("reference.docx", "reference.dotx"), "pptx": ("reference.pptx", "reference.potx")}


def reference_file(theme_dir: Path, output_format: str) -> Path | None:
    """Return the theme's reference file for a format (`reference.docx`, else `reference.dotx`, …), or None."""
    for name in REFERENCE_FILES.get(output_format, ()):
        if (theme_dir / name).is_file():
            return theme_dir / name
    return None


def file_hash(path: Path) -> str:
    """Return the SHA-256 of a file's bytes, or "absent"."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return "absent"


#: Environment variables that change what a build writes (dates, page numbers).
OUTPUT_ENVIRONMENT = ("SOURCE_DATE_EPOCH", "DOSSIER_REFRESH_FIELDS")


def settings_hash(project: "Project", job: "Job") -> str:
    """Return a hash of every setting that shapes this job's output.

    That is every field of the project (folders as paths inside it, so a moved project stays up to
    date) but the other outputs and subjects and where the jobs run (`[build]`: a cluster's files
    are a local build's), the job's own output table, the environment
    variables that change the files, and dossier's version: a setting added to the project later
    is covered without being listed here.
    """
    def shown(value: Any) -> Any:
        return project.relative(value) if isinstance(value, Path) else value

    settings = {
        "job": asdict(job),
        "project": {f.name: shown(getattr(project, f.name)) for f in fields(project)
                    if f.name not in ("root", "outputs", "subjects", *WHERE_JOBS_RUN)},
        "output": [o for o in project.outputs if o.name == job.output],
        "environment": {name: os.environ.get(name) for name in OUTPUT_ENVIRONMENT},
        "dossier": __version__,
    }
    return hashlib.sha256(json.dumps(settings, sort_keys=True, default=_plain).encode()).hexdigest()


def _plain(value: Any) -> Any:
    """Return a setting JSON can hold: dataclasses as their fields, anything else as text."""
    try:
        return asdict(value)
    except TypeError:
        return str(value)


def input_files(project: "Project", job: "Job", templates: list[str]) -> list[Path]:
    """Return every file the job's output depends on (templates as recorded by the last render)."""
    if job.format == "pdf":  # a PDF depends on the output it converts, and on nothing else
        return [project.root / job.source]
    files = sorted(p for p in (project.data_dir / job.subject).iterdir() if p.is_file())
    if project.schemas_dir.is_dir():
        files += sorted(project.schemas_dir.glob("*.schema.json"))
    files += [project.templates_dir / name for name in templates]
    files += [project.theme_dir / name for name in REFERENCE_FILES.get(job.format, ())]
    return files


def input_hashes(project: "Project", job: "Job", templates: list[str]) -> dict[str, str]:
    """Return {project-relative path: hash} of the job's inputs, and {"query NAME": hash} of its queries' rows."""
    hashes = {project.relative(path): file_hash(path) for path in input_files(project, job, templates)}
    if project.queries:  # the rows, not the database file: a change elsewhere in the database rebuilds nothing
        from dossier.sql_data import query_hashes

        hashes.update(query_hashes(project, job.subject))
    return hashes


class Manifest:
    """The record of the last build's outputs, read and written as plain JSON."""

    def __init__(self, project: "Project") -> None:
        self.project = project
        self.path = project.build_dir / MANIFEST
        self.outputs: dict[str, dict[str, Any]] = {}
        #: Set when the manifest could not be read: it was set aside, and every output is rebuilt.
        self.problem: str | None = None
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            self._set_aside(str(exc))
            return
        outputs = data.get("outputs") if isinstance(data, dict) else None
        if not (isinstance(outputs, dict) and all(isinstance(entry, dict) for entry in outputs.values())):
            self._set_aside("not a record of outputs")
        elif data.get("dossier") == __version__:
            self.outputs = outputs

    def _set_aside(self, reason: str) -> None:
        """Move the unreadable manifest out of the way (kept for a look) and say so."""
        shown = self.project.relative(self.path)
        aside = self.path.with_name(f"{MANIFEST}.corrupt")
        try:
            os.replace(self.path, aside)
        except OSError as exc:
            self.problem = f"{shown}: unreadable ({reason}) and cannot be set aside ({exc.strerror}); rebuilding everything"
            return
        self.problem = (f"{shown}: unreadable ({reason}); set aside as {self.project.relative(aside)}, "
                        "rebuilding everything")

    def is_current(self, job: "Job") -> bool:
        """Return True when the job's output exists as recorded and none of its inputs changed."""
        entry = self.outputs.get(job.target)
        if not entry or entry.get("settings") != settings_hash(self.project, job):
            return False
        try:
            stat = (self.project.root / job.target).stat()
        except FileNotFoundError:
            return False
        if [stat.st_size, stat.st_mtime_ns] != entry.get("file"):
            return False
        return input_hashes(self.project, job, entry.get("templates", [])) == entry.get("inputs")

    def warnings(self, job: "Job") -> list[str]:
        return list(self.outputs.get(job.target, {}).get("warnings", []))

    def record(self, result: "JobResult") -> None:
        """Remember a built output; forget a failed one so the next build tries again."""
        job = result.job
        if result.status != "built":
            self.outputs.pop(job.target, None)
            return
        stat = (self.project.root / job.target).stat()
        self.outputs[job.target] = {
            "settings": settings_hash(self.project, job),
            "file": [stat.st_size, stat.st_mtime_ns],
            "inputs": result.inputs,
            "templates": result.templates,
            "warnings": result.warnings,
            "seconds": round(result.seconds, 3),
        }

    def save(self, write_atomically) -> None:
        text = json.dumps({"dossier": __version__, "outputs": self.outputs}, indent=2, ensure_ascii=False)
        write_atomically(lambda temp: temp.write_text(text, encoding="utf-8"), self.path)


def remove_stale_temp_files(project: "Project") -> None:
    """Delete dossier's temp files a killed build left beside its targets (see `dossier.temp_files`)."""
    remove_stale_temps((project.reports_dir, project.build_dir))
