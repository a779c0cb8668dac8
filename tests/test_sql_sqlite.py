"""Queries as data, against SQLite: rows typed by the schema, read-only, bound parameters, timeouts,
incremental builds by the hash of each query's rows, and one clean line for every failure."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import pytest

from dossier.project import load_project
from dossier.validate import load_subject
from sql_projects import dossier, run_cli, set_database, set_query, sql_project, sqlite_execute, table_cells


@pytest.fixture(autouse=True)
def no_layout_pass(monkeypatch) -> None:
    monkeypatch.setenv("DOSSIER_REFRESH_FIELDS", "0")  # page numbers are not what these tests are about



def subject_rows(project: Path, subject: str) -> list[dict]:
    from dossier.sql_data import forget_query_results

    forget_query_results()
    context, _ = load_subject(load_project(project), subject)
    return [dict(row) for row in context["trade"]]


def test_each_subject_gets_its_rows_typed_by_the_schema(tmp_path: Path, capsys) -> None:
    project = sql_project(tmp_path)
    alpha = subject_rows(project, "alpha")
    assert alpha == [
        {"year": 2019, "exports": 10.5, "imports": 20.0, "source": "customs"},
        {"year": 2020, "exports": None, "imports": 25.5, "source": "customs"},
        {"year": 2021, "exports": 12.0, "imports": 30.0, "source": "customs"},
    ]
    assert [type(row["year"]) for row in alpha] == [int, int, int]
    code, _, err = dossier(capsys, "build", "--project", str(project))
    assert code == 0, err
    assert table_cells(project / "reports/alpha/briefing.docx")[1:] == [
        ["2019", "10.5", "20.0"], ["2020", "not reported", "25.5"], ["2021", "12.0", "30.0"]]
    assert table_cells(project / "reports/beta/briefing.docx")[1:] == [
        ["2020", "7.2", "8.0"], ["2021", "9.0", "not reported"]]


def test_parameters_are_bound_never_written_into_the_sql(tmp_path: Path) -> None:
    project = sql_project(tmp_path)
    (project / "data/alpha/report.yaml").write_text('title: "Alphaland"\nreporter: "x\' OR \'1\'=\'1"\n')
    assert subject_rows(project, "alpha") == []  # the quote is a value, not SQL: no row matches


def test_no_op_build_runs_the_queries_writes_nothing_and_says_how_long_they_took(tmp_path: Path, capsys) -> None:
    project = sql_project(tmp_path)
    assert dossier(capsys, "build", "--project", str(project))[0] == 0
    reports = sorted((project / "reports").rglob("*.docx"))
    before = {path: path.stat().st_mtime_ns for path in reports}
    code, out, _ = dossier(capsys, "build", "--project", str(project))
    assert code == 0
    assert out[-1].startswith("0 built, 2 up to date, 0 failed in ") and "(queries " in out[-1], out
    assert {path: path.stat().st_mtime_ns for path in reports} == before


def test_a_changed_row_rebuilds_only_its_subject_and_other_changes_nothing(tmp_path: Path, capsys) -> None:
    project = sql_project(tmp_path)
    assert dossier(capsys, "build", "--project", str(project))[0] == 0
    sqlite_execute(project / "stats.sqlite", "CREATE TABLE unrelated (x INTEGER)")  # the file changes, no row does
    sqlite_execute(project / "stats.sqlite", "INSERT INTO unrelated VALUES (1)")
    code, out, _ = dossier(capsys, "build", "--project", str(project))
    assert code == 0 and out[-1].startswith("0 built, 2 up to date"), out
    sqlite_execute(project / "stats.sqlite", "UPDATE trade SET imports = 9.5 WHERE reporter = 'BB' AND year = 2021")
    code, out, _ = dossier(capsys, "build", "--project", str(project))
    assert code == 0
    assert out[:2] == ["up to date  reports/alpha/briefing.docx", out[1]], out
    assert out[1].split()[:2] == ["built", "reports/beta/briefing.docx"], out
    assert table_cells(project / "reports/beta/briefing.docx")[2] == ["2021", "9.0", "9.5"]


def test_the_manifest_keeps_a_hash_of_the_rows_and_no_credentials(tmp_path: Path, capsys, monkeypatch) -> None:
    project = sql_project(tmp_path)
    monkeypatch.setenv("STATS_FILE", "stats.sqlite")
    set_database(project, "sqlite:///${STATS_FILE}")
    assert dossier(capsys, "build", "--project", str(project))[0] == 0
    manifest = json.loads((project / "build/manifest.json").read_text())
    inputs = manifest["outputs"]["reports/alpha/briefing.docx"]["inputs"]
    assert len(inputs["query trade"]) == 64
    assert inputs["query trade"] != manifest["outputs"]["reports/beta/briefing.docx"]["inputs"]["query trade"]
    assert "stats.sqlite" not in json.dumps(manifest)


def test_the_connection_is_read_only(tmp_path: Path, capsys) -> None:
    project = sql_project(tmp_path)
    set_query(project, "DELETE FROM trade WHERE reporter = :reporter RETURNING year, exports, imports, source\n")
    code, _, err = dossier(capsys, "build", "--project", str(project))
    assert code == 1
    assert "queries/trade.sql:1: queries.trade: database 'stats' (sqlite:///stats.sqlite): " \
           "attempt to write a readonly database" in err, err
    set_query(project, "SELECT year, exports, imports, source FROM trade WHERE reporter = :reporter; DELETE FROM trade")
    code, _, err = dossier(capsys, "build", "--project", str(project))
    assert code == 1 and any("one statement at a time" in line for line in err), err
    assert sqlite3.connect(project / "stats.sqlite").execute("SELECT count(*) FROM trade").fetchone() == (5,)


def test_a_query_returning_more_rows_than_allowed_fails(tmp_path: Path, capsys) -> None:
    project = sql_project(tmp_path)
    config = project / "dossier.toml"
    config.write_text(config.read_text().replace("timeout = 5", "timeout = 5\nmax_rows = 2"))
    code, _, err = dossier(capsys, "check", "--project", str(project))
    assert code == 1
    assert err == ["queries/trade.sql:3: queries.trade: database 'stats' (sqlite:///stats.sqlite): "
                   "the query returns more than 2 rows (max_rows); narrow it, or raise max_rows"], err


def test_a_query_that_runs_too_long_is_stopped_at_the_timeout(tmp_path: Path, capsys) -> None:
    project = sql_project(tmp_path)
    set_database(project, "sqlite:///stats.sqlite", timeout=0.5)
    set_query(project, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000)\n"
                       "SELECT max(i) AS year, 1 AS exports, 1 AS imports, 'customs' AS source, :reporter AS r FROM n\n")
    started = time.monotonic()
    code, _, err = dossier(capsys, "check", "--project", str(project))
    assert time.monotonic() - started < 20
    assert code == 1
    assert any(line.startswith("queries/trade.sql:1: queries.trade: database 'stats' (sqlite:///stats.sqlite): "
                               "the query took longer than the timeout of 0.5 s") for line in err), err


@pytest.mark.parametrize(("sql", "expected"), [
    ("SELECT year, exports, imports, source FROM trades WHERE reporter = :reporter",
     "queries/trade.sql:1: queries.trade: database 'stats' (sqlite:///stats.sqlite): no such table: trades"),
    ("SELEC year FROM trade WHERE reporter = :reporter",
     "queries/trade.sql:1: queries.trade: database 'stats' (sqlite:///stats.sqlite): near \"SELEC\": syntax error"),
    ("SELECT year, exports, imports, source, reporter AS country FROM trade WHERE reporter = :reporter",
     "queries/trade.sql:1: queries.trade: column 'country' is not in schemas/trade.schema.json; "
     "expected: year, exports, imports, source"),
    ("SELECT year, exports, source FROM trade WHERE reporter = :reporter",
     "queries/trade.sql:1: queries.trade: the result has no column 'imports', which the schema requires"),
    ("SELECT NULL AS year, exports, imports, source FROM trade WHERE reporter = :reporter ORDER BY year",
     "queries/trade.sql:1: queries.trade, row 1, year: NULL is not a whole number"),
    ("SELECT year, 'n/a' AS exports, imports, source FROM trade WHERE reporter = :reporter",
     "queries/trade.sql:1: queries.trade, row 2, exports: 'n/a' is text, not a number; CAST the column in the query"),
    ("SELECT year - 100 AS year, exports, imports, source FROM trade WHERE reporter = :reporter ORDER BY year",
     "queries/trade.sql:1: queries.trade, row 1, year: 1919 is out of range (minimum 1991)"),
    ("SELECT year, exports, imports, 'nowhere' AS source FROM trade WHERE reporter = :reporter ORDER BY year",
     "queries/trade.sql:1: queries.trade, row 1, source: 'nowhere' is not an id in sources.yaml"),
    ("SELECT year, exports, imports, source FROM trade WHERE reporter = :country",
     "dossier.toml:18: queries.trade: database 'stats' (sqlite:///stats.sqlite): the SQL uses :country but params "
     "does not give it; params gives 'reporter' but the SQL has no :reporter"),
])
def test_every_failure_is_one_line_naming_the_query_and_where(tmp_path: Path, capsys, sql: str, expected: str) -> None:
    project = sql_project(tmp_path)
    set_query(project, sql + "\n")
    code, _, err = dossier(capsys, "check", "--project", str(project))
    assert code == 1
    assert expected in err, err
    assert not any("Traceback" in line for line in err)


def test_a_problem_in_one_subjects_rows_leaves_the_others_building_and_old_reports_untouched(
        tmp_path: Path, capsys) -> None:
    project = sql_project(tmp_path)
    assert dossier(capsys, "build", "--project", str(project))[0] == 0
    beta = project / "reports/beta/briefing.docx"
    before = beta.read_bytes()
    sqlite_execute(project / "stats.sqlite", "UPDATE trade SET year = NULL WHERE reporter = 'BB' AND year = 2021")
    sqlite_execute(project / "stats.sqlite", "UPDATE trade SET exports = 11 WHERE reporter = 'AA' AND year = 2019")
    code, out, err = dossier(capsys, "build", "--project", str(project))
    assert code == 1
    assert err == ["queries/trade.sql:3: queries.trade, row 1, year: NULL is not a whole number"], err  # NULL first
    assert any(line.split()[:2] == ["built", "reports/alpha/briefing.docx"] for line in out), out
    assert beta.read_bytes() == before
    assert table_cells(project / "reports/alpha/briefing.docx")[1] == ["2019", "11.0", "20.0"]


def test_a_missing_database_file_or_variable_names_the_url_line(tmp_path: Path, capsys) -> None:
    project = sql_project(tmp_path)
    set_database(project, "sqlite:///missing.sqlite")
    code, _, err = dossier(capsys, "check", "--project", str(project))
    assert code == 1 and "dossier.toml:12: queries.trade: database 'stats' (sqlite:///missing.sqlite): " \
                         "no database file missing.sqlite" in err, err
    set_database(project, "sqlite:///${DOSSIER_NO_SUCH_VARIABLE}.sqlite")
    code, _, err = dossier(capsys, "check", "--project", str(project))
    assert code == 1 and any(line.endswith("the environment variable DOSSIER_NO_SUCH_VARIABLE is not set")
                             for line in err), err


def test_a_query_and_a_data_file_of_one_name_is_an_error(tmp_path: Path, capsys) -> None:
    project = sql_project(tmp_path)
    (project / "data/alpha/trade.csv").write_text("year,exports,imports,source\n2019,1,2,customs\n")
    code, _, err = dossier(capsys, "check", "--project", str(project), "alpha")
    assert code == 1
    assert err == ["queries/trade.sql:3: queries.trade: the query and the data file data/alpha/trade.csv are both "
                   "named 'trade'; keep one"], err


def test_a_failure_from_the_command_line_is_one_line_without_a_traceback(tmp_path: Path) -> None:
    project = sql_project(tmp_path)
    set_query(project, "SELECT year FROM nowhere WHERE reporter = :reporter\n")
    result = run_cli("build", "--project", str(project))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "queries/trade.sql:1: queries.trade: database 'stats' (sqlite:///stats.sqlite): no such table: nowhere"]
    assert not (project / "reports").exists() or not list((project / "reports").rglob("*.docx"))
