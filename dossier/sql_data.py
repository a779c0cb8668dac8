"""A subject's query results: run once per build, typed like data files, hashed for the manifest.

Every `[queries.NAME]` of dossier.toml runs for every subject, its parameters bound from the
subject ("subject" is its name, "report.reporter" a value of its data file report.yaml). The rows
of a build are kept for that build, so deciding that an output is up to date (the manifest compares
the hash of each query's rows, not the database file) and building it read the same rows, and a
build with nothing to do still runs every query once, and writes nothing.

Only the standard library is imported at module level: a project without queries pays nothing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dossier.errors import DossierError
from dossier.sql_config import PROJECT_FILE, Query

if TYPE_CHECKING:
    from dossier.project import Project
    from dossier.sql_rows import QueryResult

HASH_PREFIX = "query "  # a manifest input "query trade": the hash of that query's rows


@dataclass(frozen=True)
class Rows:
    """What a query returned for one subject."""

    columns: list[str]
    rows: list[tuple]
    hash: str


_ran: dict[tuple[str, str], dict[str, Rows | DossierError]] = {}
_seconds = [0.0]


def forget_query_results() -> None:
    """Forget the rows of the last build: the databases may have changed since."""
    _ran.clear()
    _seconds[0] = 0.0


def seconds_querying() -> float:
    """Return the time this process spent running queries since the build began."""
    return _seconds[0]


def subject_rows(project: "Project", subject: str) -> dict[str, Rows | DossierError]:
    """Return each query's rows for the subject (or why it failed), running them the first time asked."""
    key = (str(project.root.resolve()), subject)
    if key not in _ran:
        started = time.perf_counter()
        _ran[key] = {query.name: _run(project, subject, query) for query in project.queries}
        _seconds[0] += time.perf_counter() - started
    return _ran[key]


def query_hashes(project: "Project", subject: str) -> dict[str, str]:
    """Return {"query NAME": hash of its rows} for the manifest; a failed query hashes as "failed"."""
    return {HASH_PREFIX + name: rows.hash if isinstance(rows, Rows) else "failed"
            for name, rows in subject_rows(project, subject).items()}


def query_data(project: "Project", subject: str, schemas: dict[str, dict],
               files: dict[str, str]) -> list[tuple[str, "QueryResult | None", list[DossierError]]]:
    """Return (name, result typed by its schema, problems) for every query; `files` are the data files by stem."""
    from dossier.errors import DataError
    from dossier.sql_rows import typed_result

    found = []
    for query in project.queries:
        if query.name in files:
            found.append((query.name, None, [DataError(
                f"the query and the data file {files[query.name]} are both named {query.name!r}; keep one",
                file=query.file, line=query.line, key=f"queries.{query.name}")]))
            continue
        rows = subject_rows(project, subject)[query.name]
        if isinstance(rows, DossierError):
            found.append((query.name, None, [rows]))
            continue
        result, problems = typed_result(query.name, query.file, query.line, rows.columns, rows.rows,
                                        schemas.get(query.name))
        found.append((query.name, result, problems))
    return found


def _run(project: "Project", subject: str, query: Query) -> Rows | DossierError:
    from dossier.sql_engines import run_query
    from dossier.sql_rows import rows_hash

    database = next(d for d in project.databases if d.name == query.database)
    try:
        params = {param.name: _param_value(project, subject, query, param) for param in query.params}
        columns, rows = run_query(database, query, params, project.root)
    except DossierError as error:
        return error
    return Rows(columns, rows, rows_hash(columns, rows))


def _param_value(project: "Project", subject: str, query: Query, param) -> Any:
    """Return a parameter's value: a literal, the subject's name, or a value in one of its data files."""
    if param.path is None:
        return param.value
    if param.path == "subject":
        return subject
    stem, *keys = param.path.split(".")
    value: Any = _data_value(project, subject, stem)
    for key in keys:
        if isinstance(value, dict) and key in value:
            value = value[key]
        elif isinstance(value, list) and key.isdigit() and int(key) < len(value):
            value = value[int(key)]
        else:
            value = None
            break
    if value is None or isinstance(value, (dict, list)):
        from dossier.errors import ConfigError

        what = "is not in the data" if value is None else "is not a single value"
        raise ConfigError(f"{param.path} {what} of subject {subject!r}", file=PROJECT_FILE,
                          line=query.params_line, key=f"queries.{query.name}.params.{param.name}")
    return value


def _data_value(project: "Project", subject: str, stem: str) -> Any:
    from dossier.data import DATA_SUFFIXES, load_data_file

    for suffix in DATA_SUFFIXES:
        path: Path = project.data_dir / subject / f"{stem}{suffix}"
        if path.is_file():
            return load_data_file(path, project.relative(path), None)[0].value
    return None
