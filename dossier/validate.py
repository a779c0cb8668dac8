"""Check a subject's data against the project's JSON Schemas and build the template context."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError, ValidationError

from dossier.citations import url_problem
from dossier.data import (
    DATA_SUFFIXES, DataFile, DataProblems, Row, expected_text, format_key_path, load_data_file, load_json,
)
from dossier.errors import ConfigError, DataError, DossierError
from dossier.schema_messages import length_message, type_message
from dossier.formatting import format_partial_date
from dossier.input_formats import input_format
from dossier.lookups import Rows
from dossier.optional_data import empty_value, is_optional, with_defaults
from dossier.markdown_text import strip_forbidden
from dossier.project import Project
from dossier.sql_data import query_data
from dossier.utf8_text import read_utf8

SCHEMA_SUFFIX = ".schema.json"


def load_schemas(project: Project) -> dict[str, dict]:
    """Return the project's schemas by data file stem (`schemas/trade.schema.json` → "trade")."""
    schemas: dict[str, dict] = {}
    if not project.schemas_dir.is_dir():
        return schemas
    for path in sorted(project.schemas_dir.glob(f"*{SCHEMA_SUFFIX}")):
        shown = project.relative(path)
        try:
            schema = json.loads(text := read_utf8(path, shown, ConfigError))
        except json.JSONDecodeError as exc:
            raise ConfigError(f"invalid JSON: {exc.msg}", file=shown, line=exc.lineno) from None
        try:
            check_schema_once(text)
        except SchemaError as exc:  # named here: the library's error does not survive a process boundary
            key_path = tuple(exc.absolute_path)
            raise ConfigError(f"not a valid JSON Schema: {exc.message}", file=shown,
                              line=load_json(text, shown).line_of(key_path),
                              key=format_key_path(key_path) or None) from None
        schemas[path.name[: -len(SCHEMA_SUFFIX)]] = schema
    return schemas


@functools.lru_cache(maxsize=256)
def check_schema_once(text: str) -> None:
    """Raise SchemaError when the JSON text is not a valid Draft 2020-12 schema; each valid text is checked once.

    The check (the schema validated against the meta-schema) cost ~70 ms a subject, and its
    answer depends on the text alone, so a process remembers the texts that passed (by their
    content: an edited schema is checked again). An invalid schema raises every time, as it is
    not remembered; `text` is already known to be JSON.
    """
    Draft202012Validator.check_schema(json.loads(text))


def load_subject(
    project: Project, subject: str, schemas: dict[str, dict] | None = None
) -> tuple[dict[str, Any], list[str]]:
    """Load every data file of a subject, check it; return the context (one entry per file stem) and warnings.

    Characters XML forbids are removed from text values, each removal a warning naming file:line and key.
    Raises DataProblems listing every problem found in the subject.
    """
    warnings: list[str] = []
    if schemas is None:
        schemas = load_schemas(project)
    folder = project.data_dir / subject
    problems: list[DossierError] = []
    context: dict[str, Any] = {}
    loaded: dict[str, DataFile] = {}
    found: dict[str, str] = {}
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in DATA_SUFFIXES or not path.is_file():
            continue
        shown = project.relative(path)
        name = path.stem
        if name in found:
            problems.append(DataError(f"two data files are both named {name!r} (also {found[name]})", file=shown))
            continue
        found[name] = shown
        try:
            local = input_format(project.locale, project.data_settings.get(name))
            data_file, file_problems = load_data_file(path, shown, schemas.get(name), project.limits, local)
        except DossierError as exc:
            problems.append(exc)
            continue
        problems.extend(file_problems)
        if name in schemas and not file_problems:
            problems.extend(schema_problems(data_file, schemas[name]))
        context[name] = with_defaults(_without_forbidden(data_file.value, (), data_file, warnings), schemas.get(name, {}))
        loaded[name] = data_file
    for name, result, query_problems in query_data(project, subject, schemas, dict(found)) if project.queries else ():
        found.setdefault(name, f"queries.{name}")
        problems.extend(query_problems)
        if result is not None:  # a query's rows: checked and cleaned as a data file's
            if name in schemas and not query_problems:
                problems.extend(schema_problems(result, schemas[name]))
            context[name] = _without_forbidden(result.value, (), result, warnings)
            loaded[name] = result
    if "sources" in loaded:
        problems.extend(unknown_source_problems(loaded))
        problems.extend(source_link_problems(loaded["sources"]))
    for name in schemas:
        if name not in found and is_optional(schemas[name]):
            context[name] = empty_value(schemas[name])
        elif name not in found:
            problems.append(DataError(
                f"missing data file {name!r} required by schemas/{name}{SCHEMA_SUFFIX}; "
                f"add {name}.yaml or {name}.csv",
                file=project.relative(folder),
            ))
    if problems:
        problems.sort(key=lambda p: (p.file or "", p.line or 0))
        raise DataProblems(problems)
    return context, warnings


def _without_forbidden(value: Any, key_path: tuple, data_file: DataFile, warnings: list[str]) -> Any:
    """Return `value` with XML-forbidden characters removed from every string, warning for each field."""
    if isinstance(value, str):
        clean, removed = strip_forbidden(value)
        if removed:
            where = f"{data_file.path}:{data_file.line_of(key_path) or '?'}"
            warnings.append(f"{where}: {data_file.key_text(key_path)}: removed control character(s) "
                            f"{', '.join(removed)} that Word and PowerPoint files cannot hold")
        return clean
    if isinstance(value, list):
        return Rows(_row(_without_forbidden(v, key_path + (i,), data_file, warnings), key_path + (i,), data_file)
                    for i, v in enumerate(value))
    if isinstance(value, dict):
        return {k: _without_forbidden(v, key_path + (k,), data_file, warnings) for k, v in value.items()}
    return value


def _row(value: Any, key_path: tuple, data_file: DataFile) -> Any:
    """Return a record (a mapping in a list) as a Row that knows its file and line; anything else as it is."""
    if isinstance(value, dict):
        return Row(value, origin=data_file.origin_of(key_path))
    return value


SOURCE_KEYS = ("source", "article_source", "sources", "confirmed_by")


def unknown_source_problems(loaded: dict[str, DataFile]) -> list[DossierError]:
    """Return a problem for every `source`-like field naming an id that sources.yaml lacks."""
    sources = loaded["sources"].value
    known = {str(s.get("id")) for s in sources if isinstance(s, dict)} if isinstance(sources, list) else set()
    problems: list[DossierError] = []

    def walk(value: Any, key_path: tuple, data_file: DataFile) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key in SOURCE_KEYS:
                    for index, source_id in enumerate(item if isinstance(item, list) else [item]):
                        if isinstance(source_id, str) and source_id and source_id not in known:
                            path = key_path + ((key, index) if isinstance(item, list) else (key,))
                            problems.append(DataError(
                                f"{source_id!r} is not an id in sources.yaml",
                                file=data_file.path, line=data_file.line_of(path), key=data_file.key_text(path),
                            ))
                else:
                    walk(item, key_path + (key,), data_file)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, key_path + (index,), data_file)

    for name, data_file in loaded.items():
        if name != "sources":
            walk(data_file.value, (), data_file)
    return problems


def source_link_problems(sources: DataFile) -> list[DossierError]:
    """Return a problem for every source whose `url` is not an http(s) address (it is printed as a link)
    or whose `date` is not a date the footnotes can print in the locale's format."""
    problems: list[DossierError] = []
    for index, source in enumerate(sources.value if isinstance(sources.value, list) else []):
        if not isinstance(source, dict):
            continue
        found = {"url": url_problem(source.get("url") or None)}
        if source.get("date") not in (None, ""):
            try:
                format_partial_date(source["date"], locale="en")
            except ValueError as exc:
                found["date"] = str(exc)
        for key, problem in found.items():
            if problem:
                problems.append(DataError(problem, file=sources.path, line=sources.line_of((index, key)),
                                          key=format_key_path((index, key))))
    return problems


def schema_problems(data_file: DataFile, schema: dict) -> list[DossierError]:
    """Return one DataError per schema violation, each with file, line and key path."""
    validator = Draft202012Validator(schema)
    problems = []
    for error in sorted(validator.iter_errors(data_file.value), key=lambda e: list(map(str, e.absolute_path))):
        key_path, message = _describe(error)
        problems.append(DataError(
            message, file=data_file.path, line=data_file.line_of(key_path),
            key=data_file.key_text(key_path) or None,
        ))
    return problems


def _describe(error: ValidationError) -> tuple[tuple, str]:
    """Return the key path and a plain message for a jsonschema error."""
    key_path = tuple(error.absolute_path)
    instance = error.instance
    kind = error.validator
    if kind == "type":
        allowed = error.validator_value
        allowed = set(allowed if isinstance(allowed, list) else [allowed])
        return key_path, type_message(instance, allowed)
    if kind in ("maxLength", "minLength"):
        return key_path, length_message(instance, kind, error.validator_value)
    if kind == "required" and isinstance(instance, dict):
        missing = [name for name in error.validator_value if name not in instance]
        return key_path + (missing[0],), "missing; this field is required"
    if kind == "additionalProperties" and isinstance(instance, dict):
        known = sorted(error.schema.get("properties", {}))
        extra = sorted(set(instance) - set(known))
        return key_path + (extra[0],), f"unknown field; expected one of: {', '.join(known)}"
    if kind == "enum":
        return key_path, f"{instance!r} is not one of: {', '.join(map(str, error.validator_value))}"
    if kind == "pattern":
        expected = error.schema.get("description", f"matching {error.validator_value}")
        return key_path, f"{instance!r} is not {expected}"
    if kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return key_path, f"{instance!r} is out of range ({kind} {error.validator_value})"
    if kind == "minItems":
        return key_path, f"needs at least {error.validator_value} items"
    return key_path, error.message
