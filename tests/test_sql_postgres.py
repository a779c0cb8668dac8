"""Queries as data against a real PostgreSQL server (a throw-away cluster this module starts and removes):
rows typed by the schema, the password from the environment, read-only and one statement, incremental
builds, and one clean line, password masked, for each way a server query fails."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from sql_postgres_server import free_port, running_server
from sql_projects import dossier, set_database, set_query, sql_project, table_cells

PASSWORD = "r3@d:er/pw%"  # characters that must be percent-encoded in a URL


@pytest.fixture(scope="module")
def server():
    yield from running_server()


@pytest.fixture
def stats(server):
    """A fresh database `stats` with the trade table the SQL project reads, as the role `reader`."""
    with server.admin() as admin:
        admin.execute("DROP DATABASE IF EXISTS stats")
        admin.execute("DROP ROLE IF EXISTS reader")
        admin.execute("CREATE ROLE reader LOGIN PASSWORD %s" % _literal(PASSWORD))
        admin.execute("CREATE DATABASE stats")
    with server.admin("stats") as admin:
        admin.execute("CREATE TABLE trade (reporter text, year integer, exports numeric(10, 2), "
                      "imports double precision, source text)")
        admin.execute("INSERT INTO trade VALUES ('AA', 2019, 10.5, 20, 'customs'), ('AA', 2020, NULL, 25.5, 'customs'),"
                      " ('AA', 2021, 12, 30, 'customs'), ('BB', 2020, 7.25, 8, 'customs'), "
                      "('BB', 2021, 9, NULL, 'customs')")
        # Every right on the table: only dossier's read-only transaction stops a write.
        admin.execute("GRANT ALL ON trade TO reader")
    return server


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def admin_execute(server, sql: str) -> list[tuple]:
    with server.admin("stats") as admin:
        cursor = admin.execute(sql)
        return cursor.fetchall() if cursor.description else []


@pytest.fixture
def project(tmp_path: Path, stats, monkeypatch) -> Path:
    monkeypatch.setenv("DOSSIER_REFRESH_FIELDS", "0")
    monkeypatch.setenv("STATS_PASSWORD", PASSWORD)
    folder = sql_project(tmp_path)
    (folder / "stats.sqlite").unlink()
    set_database(folder, f"postgresql+psycopg://reader:${{STATS_PASSWORD}}@127.0.0.1:{stats.port}/stats", timeout=5)
    return folder



def test_rows_come_from_postgresql_typed_by_the_schema(project: Path, capsys) -> None:
    code, out, err = dossier(capsys, "build", "--project", str(project))
    assert code == 0, err
    assert table_cells(project / "reports/alpha/briefing.docx")[1:] == [
        ["2019", "10.5", "20.0"], ["2020", "not reported", "25.5"], ["2021", "12.0", "30.0"]]
    assert table_cells(project / "reports/beta/briefing.docx")[1:] == [
        ["2020", "7.2", "8.0"], ["2021", "9.0", "not reported"]]


def test_a_changed_row_rebuilds_only_its_subject_and_credentials_are_nowhere(project: Path, stats, capsys) -> None:
    assert dossier(capsys, "build", "--project", str(project))[0] == 0
    code, out, _ = dossier(capsys, "build", "--project", str(project))
    assert out[-1].startswith("0 built, 2 up to date, 0 failed") and "(queries " in out[-1], out
    admin_execute(stats, "UPDATE trade SET exports = 3.5 WHERE reporter = 'AA' AND year = 2020")
    code, out, _ = dossier(capsys, "build", "--project", str(project))
    assert code == 0
    assert "up to date  reports/beta/briefing.docx" in out, out
    assert any(line.split()[:2] == ["built", "reports/alpha/briefing.docx"] for line in out), out
    assert table_cells(project / "reports/alpha/briefing.docx")[2] == ["2020", "3.5", "25.5"]
    written = [(project / "build/manifest.json").read_text()] + [
        zipfile.ZipFile(path).read(name).decode("utf-8", "replace")
        for path in (project / "reports").rglob("*.docx") for name in zipfile.ZipFile(path).namelist()]
    assert not any(secret in text for text in written for secret in (PASSWORD, "r3%40d", "reader", str(stats.port)))


def test_the_transaction_is_read_only_and_runs_one_statement(project: Path, stats, capsys) -> None:
    set_query(project, "DELETE FROM trade WHERE reporter = :reporter RETURNING year, exports, imports, source\n")
    code, _, err = dossier(capsys, "check", "--project", str(project))
    assert code == 1
    url = f"postgresql+psycopg://reader:***@127.0.0.1:{stats.port}/stats"  # the password part, whatever it is
    assert err == [f"queries/trade.sql:1: queries.trade: database 'stats' ({url}): "
                   "cannot execute DELETE in a read-only transaction"], err
    set_query(project, "SELECT year, exports, imports, source FROM trade WHERE reporter = :reporter;\n"
                       "COMMIT; BEGIN READ WRITE; DELETE FROM trade\n")
    code, _, err = dossier(capsys, "check", "--project", str(project))
    assert code == 1 and err[0].endswith("cannot insert multiple commands into a prepared statement"), err
    assert admin_execute(stats, "SELECT count(*) FROM trade") == [(5,)]


@pytest.mark.parametrize(("change", "expected"), [
    ("bad password", "password authentication failed for user \"reader\""),
    ("no server", "Connection refused"),
    ("syntax", "queries/trade.sql:4: queries.trade: database 'stats' (URL): syntax error at or near \"trade\""),
    ("no table", "relation \"trades\" does not exist"),
    ("timeout", "the query took longer than the timeout of 1 s"),
    ("unknown column", "queries/trade.sql:1: queries.trade: column 'reporter' is not in schemas/trade.schema.json"),
])
def test_each_failure_is_one_line_naming_query_and_database_with_the_password_masked(
        project: Path, stats, capsys, change: str, expected: str) -> None:
    url = f"postgresql+psycopg://reader:${{STATS_PASSWORD}}@127.0.0.1:{stats.port}/stats"
    if change == "bad password":
        url = f"postgresql+psycopg://reader:wr0ng%40secret@127.0.0.1:{stats.port}/stats"
        set_database(project, url)
        url = url.replace("wr0ng%40secret", "***")
    elif change == "no server":
        url = f"postgresql+psycopg://reader:${{STATS_PASSWORD}}@127.0.0.1:{free_port()}/stats"
        set_database(project, url)
    elif change == "syntax":
        set_query(project, "-- a comment\n\nSELECT year, exports, imports, source\nFORM trade\n"
                           "WHERE reporter = :reporter\n")
    elif change == "no table":
        set_query(project, "SELECT year, exports, imports, source FROM trades WHERE reporter = :reporter\n")
    elif change == "timeout":
        set_database(project, url, timeout=1)
        set_query(project, "SELECT year, exports, imports, source FROM trade, pg_sleep(30) "
                           "WHERE reporter = :reporter\n")
    else:
        set_query(project, "SELECT year, exports, imports, source, reporter FROM trade WHERE reporter = :reporter\n")
    url = url.replace("${STATS_PASSWORD}", "***")
    started = time.monotonic()
    code, out, err = dossier(capsys, "check", "--project", str(project))
    assert time.monotonic() - started < 15
    assert code == 1
    assert len(err) == 1, err  # both subjects fail with the same line: printed once
    assert expected.replace("URL", url) in err[0], err
    if change in ("bad password", "no server"):  # the database, not the query, is wrong: its url line
        assert err[0].startswith("dossier.toml:12: queries.trade: "), err
    assert "queries.trade" in err[0] and f"database 'stats' ({url})" in err[0] or change == "unknown column", err
    assert not any(secret in line for line in out + err for secret in (PASSWORD, "wr0ng", "secret"))
