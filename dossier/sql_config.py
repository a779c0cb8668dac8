"""Read the `[databases.NAME]` and `[queries.NAME]` tables of dossier.toml into plain data.

A query's result is a template variable named like the query, as a data file is named by its stem:

    [databases.stats]
    url = "sqlite:///data/stats.sqlite"        # or postgresql+psycopg://user:${DB_PASSWORD}@host/db
    timeout = 30                               # seconds, for connecting and for each query
    max_rows = 100000                          # a query returning more rows fails

    [queries.trade]
    database = "stats"
    sql = "queries/trade.sql"                  # a .sql file in the project, or the SQL itself
    params = { subject = "subject", reporter = "report.reporter", side = { value = "AZ" } }

Only the standard library is imported here: reading dossier.toml stays cheap. The SQL of a file
is read now, so a Project carries its queries to any worker; where each query was written
(dossier.toml line, or the .sql file and the line its statement starts on) is kept for messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dossier.errors import ConfigError

PROJECT_FILE = "dossier.toml"
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_ROWS = 100_000
DATABASE_KEYS = ("url", "timeout", "max_rows")
QUERY_KEYS = ("database", "sql", "params")


@dataclass(frozen=True)
class Database:
    """A database the project reads: its URL as written (`${ENV}` not yet expanded), its time and row limits."""

    name: str
    url: str
    timeout: float
    line: int | None  # the `url =` line in dossier.toml
    max_rows: int = DEFAULT_MAX_ROWS


@dataclass(frozen=True)
class Param:
    """One bound parameter: a literal value, or a path into the subject ("subject", "report.reporter")."""

    name: str
    path: str | None = None
    value: Any = None


@dataclass(frozen=True)
class Query:
    """A query whose rows become the template variable `name` of every subject."""

    name: str
    database: str
    sql: str
    file: str  # where the SQL is written: the .sql file, or dossier.toml
    line: int | None  # the statement's first line in `file`
    params: tuple[Param, ...] = ()
    params_line: int | None = None  # the `params =` line in dossier.toml


def read_sql_config(config: dict, text: str, root: Path) -> tuple[tuple[Database, ...], tuple[Query, ...]]:
    """Return the project's databases and queries; a wrong entry is a ConfigError at its dossier.toml line."""
    databases = tuple(_database(name, spec, text) for name, spec in _tables(config, "databases", text).items())
    known = {database.name for database in databases}
    queries = tuple(_query(name, spec, text, root, known) for name, spec in _tables(config, "queries", text).items())
    return databases, queries


def _tables(config: dict, section: str, text: str) -> dict[str, dict]:
    tables = config.get(section, {})
    if not isinstance(tables, dict):
        raise ConfigError(f"must be [{section}.NAME] tables", file=PROJECT_FILE, line=line_of(text, section),
                          key=section)
    for name, spec in tables.items():
        if not isinstance(spec, dict):
            raise _fail(f"must be a table: [{section}.{name}]", text, f"{section}.{name}")
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise _fail("a name must be a template variable name (letters, digits, _)", text, f"{section}.{name}")
    return tables


def _fail(message: str, text: str, key: str, line_key: str | None = None) -> ConfigError:
    """A ConfigError at the line of `line_key` inside the table of `key` (or at the table's header)."""
    table = ".".join(key.split(".")[:2])
    line = line_of(text, line_key, table) if line_key else None
    return ConfigError(message, file=PROJECT_FILE, line=line or line_of(text, None, table), key=key)


def _database(name: str, spec: dict, text: str) -> Database:
    key = f"databases.{name}"
    _no_unknown_keys(spec, DATABASE_KEYS, text, key)
    url = spec.get("url")
    if not isinstance(url, str) or not url.strip():
        raise _fail('needs url = "sqlite:///data/FILE.sqlite" or "postgresql+psycopg://USER@HOST/DB"', text, key, "url")
    timeout = spec.get("timeout", DEFAULT_TIMEOUT)
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0:
        raise _fail("must be a number of seconds above 0", text, f"{key}.timeout", "timeout")
    max_rows = spec.get("max_rows", DEFAULT_MAX_ROWS)
    if isinstance(max_rows, bool) or not isinstance(max_rows, int) or max_rows <= 0:
        raise _fail("must be a whole number of rows above 0", text, f"{key}.max_rows", "max_rows")
    return Database(name, url.strip(), float(timeout), line_of(text, "url", key), max_rows)


def _query(name: str, spec: dict, text: str, root: Path, databases: set[str]) -> Query:
    key = f"queries.{name}"
    _no_unknown_keys(spec, QUERY_KEYS, text, key)
    database = spec.get("database")
    if database not in databases:
        known = ", ".join(sorted(databases)) or "none: add a [databases.NAME] table"
        raise _fail(f"database must name a [databases.NAME] table; declared: {known}", text,
                    f"{key}.database", "database")
    sql = spec.get("sql")
    if not isinstance(sql, str) or not sql.strip():
        raise _fail('needs sql = "queries/NAME.sql" (a file in the project) or the SELECT itself', text,
                    f"{key}.sql", "sql")
    params_line = line_of(text, "params", key)
    params = tuple(_param(param, value, text, key) for param, value in _params(spec.get("params", {}), text, key))
    if is_sql_file(sql):
        file = root / sql
        if not file.resolve().is_relative_to(root.resolve()):
            raise _fail(f"{sql} is outside the project; keep queries in it (queries/NAME.sql)", text,
                        f"{key}.sql", "sql")
        if not file.is_file():
            raise _fail(f"{sql} does not exist", text, f"{key}.sql", "sql")
        try:
            source = file.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ConfigError("is not UTF-8 text; save it as UTF-8", file=Path(sql).as_posix()) from None
        return Query(name, database, source, Path(sql).as_posix(), statement_line(source), params, params_line)
    sql_line = line_of(text, "sql", key)
    return Query(name, database, sql, PROJECT_FILE, sql_line, params, params_line)


def is_sql_file(sql: str) -> bool:
    """True when `sql` names a file (one word ending in .sql) rather than holding the statement."""
    return bool(re.fullmatch(r"\S+\.sql", sql.strip(), flags=re.IGNORECASE))


def statement_line(sql: str) -> int:
    """Return the 1-based line where the statement starts: the first line that is neither blank nor a -- comment."""
    for number, line in enumerate(sql.splitlines(), start=1):
        if line.strip() and not line.strip().startswith("--"):
            return number
    return 1


def _params(params: object, text: str, key: str) -> list[tuple[str, object]]:
    if not isinstance(params, dict):
        raise _fail('must be a table: params = { name = "subject" }', text, f"{key}.params", "params")
    return list(params.items())


def _param(name: str, value: object, text: str, key: str) -> Param:
    if isinstance(value, str):
        if not re.fullmatch(r"[A-Za-z_][\w-]*(\.[\w-]+)*", value):
            raise _fail(f"{value!r} is not a path like \"subject\" or \"report.reporter\"; "
                        'a literal text is written { value = "…" }', text, f"{key}.params.{name}", "params")
        return Param(name, path=value)
    if isinstance(value, dict) and set(value) == {"value"}:
        value = value["value"]
    if isinstance(value, (str, int, float, bool)):
        return Param(name, value=value)
    raise _fail("must be a path (a string), a number, true/false or { value = \"…\" }", text,
                f"{key}.params.{name}", "params")


def _no_unknown_keys(spec: dict, known: tuple[str, ...], text: str, key: str) -> None:
    for name in spec:
        if name not in known:
            raise _fail(f"unknown key {name!r}; expected: {', '.join(known)}", text, f"{key}.{name}", name)


def line_of(text: str, key: str | None, table: str | None = None) -> int | None:
    """Return the line of `key = …` inside `[table]` (or of the `[table]` header when `key` is None)."""
    lines = text.splitlines()
    start = 0
    if table is not None:
        header = re.compile(r"\[\s*" + r"\s*\.\s*".join(re.escape(part) for part in table.split(".")) + r"\s*\]")
        for number, line in enumerate(lines):
            if header.fullmatch(line.split("#")[0].strip()):
                if key is None:
                    return number + 1
                start = number + 1
                break
        else:
            return None
    for number in range(start, len(lines)):
        stripped = lines[number].strip()
        if table is not None and stripped.startswith("["):
            return None
        if key is not None and re.match(re.escape(key) + r"\s*=", stripped):
            return number + 1
    return None
