"""A job's inputs as bytes, for a worker that cannot see the project folder (a cluster's).

The build packs what jobs read — ``dossier.toml``, the templates (with the theme), the schemas:
the same for every job; a subject's data folder: once per subject — as {project-relative path:
bytes}, each pack named by the hash of its content. A worker unpacks them into a private copy of
the project (one per pack, kept while the worker lives) and runs the job there; the paths in its
messages, its inputs' hashes and its files are project-relative, so they are the build's.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from dossier.job_types import Job, JobResult
from dossier.processes import remove_folders_of_ended_processes
from dossier.project import PROJECT_FILE, Project

#: A worker's copies of projects: "<temp>/dossier-shipped-<pid>-<random>/<pack hash>/".
SHIPPED_PREFIX = "dossier-shipped-"


@dataclass(frozen=True)
class Pack:
    """Files by project-relative path, and the hash that names them."""

    files: dict[str, bytes]
    digest: str


def pack(files: dict[str, bytes]) -> Pack:
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
    return Pack(files, digest.hexdigest()[:24])


def files_under(project: Project, folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (if it exists), by its path relative to the project."""
    if not folder.is_dir():
        return {}
    return {project.relative(path): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def common_pack(project: Project) -> Pack:
    """What every job reads: dossier.toml, templates/ (theme included), schemas/ (and a theme folder elsewhere)."""
    files = {PROJECT_FILE: (project.root / PROJECT_FILE).read_bytes()}
    for folder in (project.templates_dir, project.schemas_dir, project.theme_dir):
        files.update(files_under(project, folder))
    return pack(files)


def subject_pack(project: Project, subject: str) -> Pack:
    """What one subject's jobs read besides: its data folder."""
    return pack(files_under(project, project.data_dir / subject))


_copies: dict[str, Path] = {}
_written_subjects: dict[tuple[str, str], str] = {}
_sent_charts: dict[str, set[str]] = {}
_home: list[Path] = []


def run_shipped(work, common: Pack, subject: Pack, job: Job) -> JobResult:
    """On a worker: run ``work`` (a jobs.JobWork) for ``job`` on a private copy of the project made from the packs.

    The charts drawn here come back with the result (new ones only), to fill the build's chart cache.
    """
    from dossier.jobs import forget_subjects

    project: Project = work.project
    root = _copy_of(common)
    if _written_subjects.get((common.digest, job.subject)) != subject.digest:
        shutil.rmtree(root / project.relative(project.data_dir / job.subject), ignore_errors=True)
        _write(root, subject.files)
        _written_subjects[(common.digest, job.subject)] = subject.digest
        forget_subjects()  # the data may differ from what this worker loaded last
    mirror = replace(project, root=root, **{name: root / project.relative(getattr(project, name)) for name in
                                            ("data_dir", "templates_dir", "schemas_dir", "theme_dir",
                                             "build_dir", "reports_dir")})
    result = replace(work, project=mirror)(job)
    charts = mirror.build_dir / "charts"
    sent = _sent_charts.setdefault(common.digest, set())
    if charts.is_dir():
        for image in sorted(charts.glob("*.png")):
            name = mirror.relative(image)
            if name not in sent:
                sent.add(name)
                result.files[name] = image.read_bytes()
    return result


def _copy_of(common: Pack) -> Path:
    if common.digest not in _copies:
        if not _home:
            remove_folders_of_ended_processes(SHIPPED_PREFIX)  # what workers killed on this machine left
            _home.append(Path(tempfile.mkdtemp(prefix=f"{SHIPPED_PREFIX}{os.getpid()}-")))
            atexit.register(shutil.rmtree, _home[0], True)
        root = _home[0] / common.digest
        _write(root, common.files)
        _copies[common.digest] = root
    return _copies[common.digest]


def _write(root: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = root / name
        if root.resolve() not in path.resolve().parents:
            raise ValueError(f"shipped file outside the project: {name}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
