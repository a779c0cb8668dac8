"""The SQL test project (tests/projects/sql/) in a temp folder, its SQLite database, and the CLI run in-process."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from project_copies import PROJECTS, copy_project

TRADE_ROWS = [  # reporter, year, exports, imports, source
    ("AA", 2019, 10.5, 20.0, "customs"),
    ("AA", 2020, None, 25.5, "customs"),
    ("AA", 2021, 12.0, 30.0, "customs"),
    ("BB", 2020, 7.25, 8.0, "customs"),
    ("BB", 2021, 9.0, None, "customs"),
]
TRADE_TABLE = "CREATE TABLE trade (reporter TEXT, year INTEGER, exports REAL, imports REAL, source TEXT)"


def sql_project(tmp_path: Path, rows: list[tuple] = TRADE_ROWS) -> Path:
    """Copy tests/projects/sql/ into tmp_path with its SQLite database stats.sqlite holding `rows`."""
    project = copy_project(PROJECTS / "sql", tmp_path / "sql")
    make_sqlite(project / "stats.sqlite", rows)
    return project


def make_sqlite(path: Path, rows: list[tuple]) -> None:
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute(TRADE_TABLE)
        connection.executemany("INSERT INTO trade VALUES (?, ?, ?, ?, ?)", rows)


def sqlite_execute(path: Path, sql: str, *params) -> None:
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute(sql, params)


def set_query(project: Path, sql: str) -> None:
    (project / "queries" / "trade.sql").write_text(sql, encoding="utf-8")


def set_database(project: Path, url: str, timeout: float = 5) -> None:
    """Point [databases.stats] at another URL (and timeout)."""
    config = project / "dossier.toml"
    text = config.read_text(encoding="utf-8")
    start = text.index("[databases.stats]")
    end = text.index("[queries.trade]")
    config.write_text(text[:start] + f'[databases.stats]\nurl = "{url}"\ntimeout = {timeout}\n\n' + text[end:],
                      encoding="utf-8")


def table_cells(report: Path) -> list[list[str]]:
    """The text of every cell of the report's first table, row by row, as Word shows it."""
    from docx import Document

    table = Document(str(report)).tables[0]
    return [[cell.text for cell in row.cells] for row in table.rows]


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `python -m dossier ARGS --jobs 1` in a subprocess (briefings without the LibreOffice layout pass)."""
    import os

    return subprocess.run([sys.executable, "-m", "dossier", *args, "--jobs", "1"], capture_output=True, text=True,
                          env={**os.environ, "DOSSIER_REFRESH_FIELDS": "0", **(env or {})}, timeout=300)


def dossier(capsys, *args: str) -> tuple[int, list[str], list[str]]:
    """Run the command line in this process (one job at a time); return its exit code and its stdout and stderr lines."""
    from dossier.cli import main

    code = main([*args, "--jobs", "1"])
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err.splitlines()
