"""Run one query read-only, within a time limit, through SQLAlchemy Core: SQLite or PostgreSQL (psycopg 3).

- SQLite opens the file with `mode=ro` and `PRAGMA query_only`; a progress handler stops a
  statement at the time limit. A relative path in `sqlite:///data/x.sqlite` is in the project.
- PostgreSQL connects with `connect_timeout`, and runs the statement in a READ ONLY transaction
  with `statement_timeout` (the server stops it; `default_transaction_read_only` too).
- Parameters are bound by the driver (`:name` in the SQL), never formatted into it; only one
  statement runs.

Every failure is a QueryFailed: one line naming the query and the database, with the URL as
written in dossier.toml and its password masked; the password never reaches a message.
"""

from __future__ import annotations

import math
import os
import re
import sqlite3
import time
from pathlib import Path
from typing import Any, Sequence
from urllib.parse import quote, unquote

from dossier.errors import DataError
from dossier.sql_config import PROJECT_FILE, Database, Query

ENV_REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_engines: dict[tuple[int, str, str], Any] = {}  # (pid, project, URL): engine


class QueryFailed(DataError):
    """A query could not run: the database is unreachable, refuses us, or the SQL is wrong."""


def mask_url(url: str) -> str:
    """Return `url` with the password of its user part and any `password=` option replaced by ***."""
    url = re.sub(r"(://[^:/@?#]*:)[^@/?#]*@", r"\1***@", url)
    return re.sub(r"(?i)([?&](?:password|passwd)=)[^&#]*", r"\1***", url)


def expand_url(database: Database, query: Query) -> str:
    """Return the database URL with every `${NAME}` replaced by that environment variable.

    In the user:password part the value is percent-encoded, so a password may hold `@`, `/` or `:`.
    """
    def expand(text: str, encode: bool) -> str:
        def value(match: re.Match) -> str:
            name = match.group(1)
            if name not in os.environ:
                raise failure(query, database, f"the environment variable {name} is not set", at_url=True)
            return quote(os.environ[name], safe="") if encode else os.environ[name]
        return ENV_REFERENCE.sub(value, text)

    scheme, separator, rest = database.url.partition("://")
    authority, slash, path = rest.partition("/")
    userinfo, at, host = authority.rpartition("@")
    if not at:
        return expand(database.url, encode=False)
    return f"{scheme}{separator}{expand(userinfo, True)}@{expand(host, False)}{slash}{expand(path, False)}"


def failure(query: Query, database: Database, message: str, *, at_url: bool = False,
            secrets: Sequence[str] = (), line: int | None = None) -> QueryFailed:
    """A QueryFailed at the query's place (or the database's url line), naming both, secrets masked."""
    for secret in secrets:
        if secret:
            message = message.replace(secret, "***")
    message = " ".join(message.split())  # a driver's message may span lines: one line
    where = (f"database {database.name!r} ({mask_url(database.url)})")
    if at_url:
        return QueryFailed(f"{where}: {message}", file=PROJECT_FILE, line=database.line, key=f"queries.{query.name}")
    return QueryFailed(f"{where}: {message}", file=query.file, line=line or query.line, key=f"queries.{query.name}")


def run_query(database: Database, query: Query, params: dict[str, Any], root: Path) -> tuple[list[str], list[tuple]]:
    """Return the query's column names and rows; raise QueryFailed when it cannot run."""
    from sqlalchemy import exc, text

    url = expand_url(database, query)
    secrets = _secrets(url)
    statement = text(query.sql)
    _check_params(query, database, statement, params)
    engine = _engine(database, query, url, root, secrets)
    try:
        connection = engine.connect()
    except exc.DBAPIError as error:  # no server, a refused password, no such database: the URL's line
        raise failure(query, database, _driver_message(error, database), at_url=True, secrets=secrets) from None
    try:
        with connection:
            _begin_read_only(connection, database)
            result = connection.execute(statement, params)
            columns = list(result.keys())
            rows = [tuple(row) for row in result.fetchmany(database.max_rows + 1)]
    except exc.DBAPIError as error:
        raise failure(query, database, _driver_message(error, database), secrets=secrets,
                      line=_error_line(error, query)) from None
    except exc.ResourceClosedError:
        raise failure(query, database, "the statement returns no rows; a query must be a SELECT") from None
    except exc.SQLAlchemyError as error:
        raise failure(query, database, str(error).splitlines()[0], secrets=secrets) from None
    if len(rows) > database.max_rows:
        raise failure(query, database, f"the query returns more than {database.max_rows} rows (max_rows); "
                      "narrow it, or raise max_rows")
    return columns, rows


def _check_params(query: Query, database: Database, statement, params: dict[str, Any]) -> None:
    used = set(statement._bindparams)  # the :name placeholders SQLAlchemy found in the SQL
    missing, unused = sorted(used - set(params)), sorted(set(params) - used)
    if missing or unused:
        words = ([f"the SQL uses :{name} but params does not give it" for name in missing] +
                 [f"params gives {name!r} but the SQL has no :{name}" for name in unused])
        error = failure(query, database, "; ".join(words))
        error.file, error.line = PROJECT_FILE, query.params_line or query.line
        raise error


def _secrets(url: str) -> list[str]:
    """The password in a URL, as written and decoded: text no message may show."""
    found = re.findall(r"://[^:/@?#]*:([^@/?#]*)@", url) + re.findall(r"(?i)[?&](?:password|passwd)=([^&#]*)", url)
    return [text for password in found for text in (password, unquote(password)) if text and text != "***"]


def _engine(database: Database, query: Query, url: str, root: Path, secrets: list[str]):
    """One engine per database URL, project and process (no pool: a forked worker never shares a connection)."""
    key = (os.getpid(), str(root.resolve()), url)  # a relative SQLite path is relative to the project
    if key not in _engines:
        _engines[key] = _make_engine(database, query, url, root, secrets)
    return _engines[key]


def _make_engine(database: Database, query: Query, url_text: str, root: Path, secrets: list[str]):
    from sqlalchemy import create_engine, event
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError
    from sqlalchemy.pool import NullPool

    try:
        url = make_url(url_text)
    except (ArgumentError, ValueError) as error:
        raise failure(query, database, f"not a database URL: {error}", at_url=True, secrets=secrets) from None
    backend = url.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(database, query, url, root)
    if backend != "postgresql":
        raise failure(query, database, "dossier reads SQLite (sqlite:///FILE) and PostgreSQL "
                      "(postgresql+psycopg://USER:PASSWORD@HOST:PORT/DB)", at_url=True)
    if url.drivername not in ("postgresql", "postgresql+psycopg"):
        raise failure(query, database, f"driver {url.get_driver_name()!r}: dossier talks to PostgreSQL through psycopg 3 "
                      "(postgresql+psycopg://…)", at_url=True)
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise failure(query, database, "PostgreSQL needs psycopg 3: pip install 'psycopg[binary]'", at_url=True) from None
    milliseconds = math.ceil(database.timeout * 1000)
    engine = create_engine(
        url.set(drivername="postgresql+psycopg"), poolclass=NullPool,
        connect_args={"connect_timeout": max(1, math.ceil(database.timeout)),
                      "options": f"-c statement_timeout={milliseconds} -c default_transaction_read_only=on"},
    )

    # A prepared statement is one statement: "SELECT …; COMMIT; BEGIN READ WRITE; DELETE …" cannot run.
    @event.listens_for(engine, "do_execute")
    def prepared(cursor, statement, parameters, context) -> bool:
        cursor.execute(statement, parameters, prepare=True)
        return True

    @event.listens_for(engine, "do_execute_no_params")
    def prepared_without_parameters(cursor, statement, context) -> bool:
        cursor.execute(statement, prepare=True)
        return True

    return engine


def _sqlite_engine(database: Database, query: Query, url, root: Path):
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    if url.query:
        raise failure(query, database, f"a SQLite URL takes no options here ({', '.join(sorted(url.query))}): "
                      "dossier opens the file read-only itself", at_url=True)
    if not url.database or url.database == ":memory:" or url.database.startswith("file:"):
        raise failure(query, database, "a SQLite URL names a file: sqlite:///data/FILE.sqlite (in the project) "
                      "or sqlite:////ABSOLUTE/PATH", at_url=True)
    path = Path(url.database)
    path = path if path.is_absolute() else root / path
    if not path.is_file():
        raise failure(query, database, f"no database file {url.database}", at_url=True)
    uri = f"{path.resolve().as_uri()}?mode=ro"
    deadline = {"at": math.inf}

    def connect() -> sqlite3.Connection:
        connection = sqlite3.connect(uri, uri=True, timeout=database.timeout, check_same_thread=False)
        connection.execute("PRAGMA query_only = ON")
        connection.set_progress_handler(lambda: int(time.monotonic() > deadline["at"]), 1000)
        return connection

    engine = create_engine("sqlite+pysqlite://", creator=connect, poolclass=NullPool)
    engine.dossier_deadline = deadline  # _begin_read_only sets it for each query
    return engine


def _begin_read_only(connection, database: Database) -> None:
    """Start the statement's clock; on PostgreSQL, make the transaction READ ONLY before anything runs."""
    deadline = getattr(connection.engine, "dossier_deadline", None)
    if deadline is not None:
        deadline["at"] = time.monotonic() + database.timeout
    else:
        connection.exec_driver_sql("SET TRANSACTION READ ONLY")


def _driver_message(error, database: Database) -> str:
    """The driver's own words, with a time-out said as one."""
    original = error.orig
    primary = getattr(getattr(original, "diag", None), "message_primary", None)  # without psycopg's "LINE 4: …^"
    text = primary or str(original).strip() or type(original).__name__
    state = getattr(getattr(original, "diag", None), "sqlstate", None) or getattr(original, "sqlstate", None)
    if state == "57014" or (isinstance(original, sqlite3.OperationalError) and text == "interrupted"):
        return f"the query took longer than the timeout of {database.timeout:g} s"
    if "timeout expired" in text:
        return f"no answer within the timeout of {database.timeout:g} s: {text}"
    return text


def _error_line(error, query: Query) -> int | None:
    """The line of the SQL where PostgreSQL places a syntax error, when it says."""
    position = getattr(getattr(error.orig, "diag", None), "statement_position", None)
    if not position or query.line is None:
        return None
    try:
        offset = int(position) - 1
    except ValueError:
        return None
    if query.file.endswith(".sql"):
        return query.sql[:offset].count("\n") + 1
    return query.line + query.sql[:offset].count("\n")
