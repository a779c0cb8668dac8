"""Read `dossier.toml` into a Project: where things are, which subjects, which outputs."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from dossier.errors import ConfigError
from dossier.input_formats import data_settings

PROJECT_FILE = "dossier.toml"


@dataclass(frozen=True)
class Output:
    """One output of every subject: a template rendered and written in a format."""

    name: str
    template: str
    format: str
    locale: str | None = None


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
    data_settings: dict[str, dict] = field(default_factory=dict)  # [data.NAME] tables: a file's number format

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
    text = config_path.read_text(encoding="utf-8")
    try:
        config = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        message = str(exc).split(" (at line")[0]
        raise ConfigError(f"invalid TOML: {message}", file=PROJECT_FILE, line=line) from None

    def fail(message: str, key: str) -> ConfigError:
        return ConfigError(message, file=PROJECT_FILE, line=_line_of(text, key.split(".")[-1]), key=key)

    section = config.get("project", {})
    known_sections = {"project", "outputs", "checks", "charts", "data"}
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
    locale = section.get("locale", "en")
    if not isinstance(locale, str):
        raise fail("must be a locale name such as 'en' or 'ru'", "project.locale")

    data_dir = paths["data"]
    subjects = section.get("subjects")
    if subjects is None:
        subjects = sorted(p.name for p in data_dir.iterdir() if p.is_dir()) if data_dir.is_dir() else []
    elif not (isinstance(subjects, list) and all(isinstance(s, str) for s in subjects)):
        raise fail("must be a list of folder names in the data folder", "project.subjects")
    for subject in subjects:
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
        data_settings=data_settings(config.get("data"), lambda key, name: _line_of(
            text, key, after=f"[data.{name}]" if name else None)),
    )


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


def project_relative(root: Path, path: Path) -> str:
    """Return `path` relative to `root` as a POSIX string when it lies inside it."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


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
