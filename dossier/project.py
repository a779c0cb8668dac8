"""Read `dossier.toml` into a Project: where things are, which subjects, which outputs."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from dossier.errors import ConfigError, invalid_toml
from dossier.sql_config import Database, Query, read_sql_config
from dossier.input_limits import DEFAULT_LIMITS, InputLimits, parse_limits
from dossier.safe_paths import check_links, folder_outside_problem, subject_name_problem
from dossier.utf8_text import read_utf8
from dossier.pdf_outputs import pdf_output
from dossier.input_formats import data_settings

PROJECT_FILE = "dossier.toml"
#: A Dask scheduler's address: "tcp://HOST:8786", "tls://HOST:8786", "ucx://…" (no path, no space).
SCHEDULER_ADDRESS = re.compile(r"[a-z][a-z0-9+.-]*://[^\s/]+")


@dataclass(frozen=True)
class Output:
    """One output of every subject: a template rendered and written in a format."""

    name: str
    template: str
    format: str
    locale: str | None = None
    source: str | None = None  # a "pdf" output: the output it converts (`from = "deck"`)
    notes: bool = False  # a "pdf" output of a deck: notes pages too


@dataclass(frozen=True)
class Project:
    """A project folder and its settings, with every path resolved against the folder."""

    root: Path
    title: str
    locale: str
    subjects: tuple[str, ...]
    outputs: tuple[Output, ...]
    data_dir: Path
    templates_dir: Path
    schemas_dir: Path
    theme_dir: Path
    build_dir: Path
    reports_dir: Path
    checks: tuple[dict, ...] = ()
    chart_palette: tuple[str, ...] = ()
    chart_font: str = ""
    databases: tuple[Database, ...] = ()
    queries: tuple[Query, ...] = ()
    chart_native: bool = False  # [charts] native: editable Office charts unless a block says native: false
    limits: InputLimits = DEFAULT_LIMITS
    data_settings: dict[str, dict] = field(default_factory=dict)  # [data.NAME] tables: a file's number format
    scheduler: str = ""  # [build] scheduler: the Dask scheduler the jobs run on ("": local processes)
    jobs: int | None = None  # [build] jobs: local worker processes (None: the number of cores)

    def relative(self, path: Path) -> str:
        """Return `path` relative to the project folder, for messages."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


def load_project(root: Path) -> Project:
    """Read and check `root/dossier.toml`; fail with `dossier.toml:line: ...` when it is wrong."""
    root = Path(root)
    config_path = root / PROJECT_FILE
    if not config_path.is_file():
        raise ConfigError(f"no {PROJECT_FILE} here; run dossier in a project folder or pass --project", file=str(root))
    text = read_utf8(config_path, PROJECT_FILE, ConfigError)
    try:
        config = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise invalid_toml(exc, PROJECT_FILE) from None

    def fail(message: str, key: str) -> ConfigError:
        return ConfigError(message, file=PROJECT_FILE, line=_line_of(text, key.split(".")[-1]), key=key)

    section = config.get("project", {})
    known_sections = {"project", "outputs", "checks", "charts", "databases", "queries", "limits", "data", "build"}
    for name in config:
        if name not in known_sections:
            raise fail(f"unknown section; expected one of: {', '.join(sorted(known_sections))}", name)
    paths = {}
    for key, default in (
        ("data", "data"), ("templates", "templates"), ("schemas", "schemas"),
        ("theme", "templates/theme"), ("build", "build"), ("reports", "reports"),
    ):
        value = section.get(key, default)
        if not isinstance(value, str):
            raise fail("must be a folder path (a string)", f"project.{key}")
        paths[key] = root / value
    limits = parse_limits(config.get("limits"), fail)
    for key, folder in paths.items():
        if problem := folder_outside_problem(key, folder, root, limits.allow_outside):
            raise fail(problem, f"project.{key}")
    locale = section.get("locale", "en")
    if not isinstance(locale, str):
        raise fail("must be a locale name such as 'en' or 'ru'", "project.locale")

    data_dir = paths["data"]
    subjects = section.get("subjects")
    if subjects is None:
        subjects = sorted(p.name for p in data_dir.iterdir() if p.is_dir() and not p.name.startswith(".")) \
            if data_dir.is_dir() else []
    elif not (isinstance(subjects, list) and all(isinstance(s, str) for s in subjects)):
        raise fail("must be a list of folder names in the data folder", "project.subjects")
    for subject in subjects:
        if problem := subject_name_problem(subject):
            raise fail(problem, "project.subjects")
        if not (data_dir / subject).is_dir():
            raise fail(f"subject {subject!r} has no folder {project_relative(root, data_dir / subject)}/", "project.subjects")
    if not subjects:
        raise fail(f"no subjects: add a folder under {project_relative(root, data_dir)}/", "project.subjects")

    outputs_config = config.get("outputs")
    if not isinstance(outputs_config, dict) or not outputs_config:
        raise ConfigError(
            "no outputs: add an [outputs.NAME] table with template and format", file=PROJECT_FILE, line=None
        )
    outputs = []
    for name, spec in outputs_config.items():
        if not isinstance(spec, dict):
            raise fail("must be a table with template and format", f"outputs.{name}")
        if spec.get("format") == "pdf":
            source, notes = pdf_output(spec, outputs_config, _error_in_output(text, name))
            outputs.append(Output(name, "", "pdf", source=source, notes=notes))
            continue
        for required in ("template", "format"):
            if not isinstance(spec.get(required), str):
                raise fail(f"missing {required!r} (a string)", f"outputs.{name}")
        unknown = set(spec) - {"template", "format", "locale"}
        if unknown:
            raise fail(f"unknown key {sorted(unknown)[0]!r}; expected template, format, locale", f"outputs.{name}")
        if not (paths["templates"] / spec["template"]).is_file():
            raise ConfigError(
                f"template {project_relative(root, paths['templates'] / spec['template'])} does not exist",
                file=PROJECT_FILE, line=_line_of(text, "template", after=f"[outputs.{name}]"),
                key=f"outputs.{name}.template",
            )
        outputs.append(Output(name, spec["template"], spec["format"], spec.get("locale")))

    databases, queries = read_sql_config(config, text, root)
    scheduler, jobs = _build_settings(config.get("build", {}), text)
    if not limits.allow_symlinks_outside:
        inputs = [paths[key] for key in ("data", "templates", "schemas", "theme") if key not in limits.allow_outside]
        check_links(dict.fromkeys(inputs), root, lambda path: project_relative(root, path))
    return Project(
        root=root,
        title=str(section.get("title", root.resolve().name)),
        locale=locale,
        subjects=tuple(subjects),
        outputs=tuple(outputs),
        data_dir=data_dir,
        templates_dir=paths["templates"],
        schemas_dir=paths["schemas"],
        theme_dir=paths["theme"],
        build_dir=paths["build"],
        reports_dir=paths["reports"],
        checks=tuple(_checks(config.get("checks", []), text)),
        chart_palette=tuple(_palette(config.get("charts", {}).get("palette", []), text)),
        chart_font=_font(config.get("charts", {}).get("font", ""), text),
        databases=databases,
        queries=queries,
        chart_native=_native(config.get("charts", {}).get("native", False), text),
        limits=limits,
        data_settings=data_settings(config.get("data"), lambda key, name: _line_of(
            text, key, after=f"[data.{name}]" if name else None)),
        scheduler=scheduler,
        jobs=jobs,
    )


def _build_settings(section: object, text: str) -> tuple[str, int | None]:
    """Return the [build] table's scheduler ("" for local processes) and jobs (None for the number of cores).

    Where the jobs run: ``--scheduler`` and ``DOSSIER_SCHEDULER`` override ``scheduler``, ``--jobs``
    overrides ``jobs``. Neither is part of what makes an output up to date (`manifest.WHERE_JOBS_RUN`).
    """
    def fail(message: str, key: str | None) -> ConfigError:
        line = _line_of(text, key, after="[build]") if key else _line_of(text, "build")
        return ConfigError(message, file=PROJECT_FILE, line=line, key=f"build.{key}" if key else "build")

    if not isinstance(section, dict):
        raise fail("must be a table: [build] with scheduler and jobs", None)
    for key in section:
        if key not in ("scheduler", "jobs"):
            raise fail("unknown key; expected scheduler, jobs", key)
    scheduler = section.get("scheduler", "")
    if not (isinstance(scheduler, str) and (scheduler == "" or SCHEDULER_ADDRESS.fullmatch(scheduler))):
        raise fail('must be a Dask scheduler\'s address such as "tcp://HOST:8786", or "" for local processes',
                   "scheduler")
    jobs = section.get("jobs")
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1):
        raise fail("must be a whole number of worker processes, 1 or more", "jobs")
    return scheduler, jobs


def _checks(checks: object, text: str) -> list[dict]:
    """Return the [[checks]] tables, each a mapping (see dossier.checks for their keys)."""
    if not isinstance(checks, list) or not all(isinstance(check, dict) for check in checks):
        raise ConfigError("checks must be [[checks]] tables", file=PROJECT_FILE, line=_line_of(text, "checks"))
    return checks


def _palette(colours: object, text: str) -> list[str]:
    """Return the [charts] palette: a list of "#rrggbb" colours."""
    if not (isinstance(colours, list) and all(isinstance(c, str) and re.fullmatch(r"#[0-9A-Fa-f]{6}", c)
                                              for c in colours)):
        raise ConfigError('must be a list of colours like "#1f4e79"', file=PROJECT_FILE,
                          line=_line_of(text, "palette"), key="charts.palette")
    return colours


def _font(family: object, text: str) -> str:
    if not isinstance(family, str):
        raise ConfigError("must be a font family name", file=PROJECT_FILE, line=_line_of(text, "font"),
                          key="charts.font")
    return family


def _native(value: object, text: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError("must be true or false", file=PROJECT_FILE, line=_line_of(text, "native"), key="charts.native")
    return value


def _error_in_output(text: str, name: str) -> Callable[[str, str | None], ConfigError]:
    """Return a maker of errors at a key of `[outputs.NAME]` (at its header when the key is None)."""
    def error(message: str, key: str | None) -> ConfigError:
        line = _line_of(text, key or name, after=f"[outputs.{name}]")
        return ConfigError(message, file=PROJECT_FILE, line=line, key=".".join(filter(None, ("outputs", name, key))))
    return error


def project_relative(root: Path, path: Path) -> str:
    """Return `path` relative to `root` as a POSIX string when it lies inside it."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def setting_line(config_path: Path, key: str, after: str | None = None) -> int | None:
    """Return the line of a setting in a dossier.toml read earlier (see `_line_of`), for errors found later."""
    try:
        return _line_of(config_path.read_text(encoding="utf-8"), key, after)
    except (OSError, UnicodeDecodeError):
        return None


def _line_of(text: str, key: str, after: str | None = None) -> int | None:
    """Return the 1-based line where `key =` (or `[key]`) first appears, after a marker line if given."""
    lines = text.splitlines()
    start = 0
    if after is not None:
        for number, line in enumerate(lines):
            if line.strip() == after:
                start = number
                break
    for number in range(start, len(lines)):
        stripped = lines[number].strip()
        if stripped.startswith((f"{key} ", f"{key}=", f"[{key}", f"[[{key}")) or f".{key}]" in stripped:
            return number + 1
    return None
