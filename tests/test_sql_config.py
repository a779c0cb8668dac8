"""[databases] and [queries] in dossier.toml: mistakes named at their line, SQL written in place,
literal parameters, URLs with their passwords masked and ${ENV} expanded."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.errors import ConfigError
from dossier.project import load_project
from dossier.sql_config import Database, Query
from dossier.sql_data import forget_query_results
from dossier.sql_engines import QueryFailed, expand_url, mask_url
from dossier.validate import load_subject
from sql_projects import sql_project


def replace_in_config(project: Path, old: str, new: str) -> None:
    config = project / "dossier.toml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize(("old", "new", "expected"), [
    ('database = "stats"', 'database = "statistics"',
     "dossier.toml:16: queries.trade.database: database must name a [databases.NAME] table; declared: stats"),
    ('sql = "queries/trade.sql"', 'sql = "queries/missing.sql"',
     "dossier.toml:17: queries.trade.sql: queries/missing.sql does not exist"),
    ("timeout = 5", "timeout = 0", "dossier.toml:13: databases.stats.timeout: must be a number of seconds above 0"),
    ("timeout = 5", 'user = "x"', "dossier.toml:13: databases.stats.user: unknown key 'user'; expected: url, timeout"),
    ('params = { reporter = "report.reporter" }', 'params = { reporter = "report reporter" }',
     "dossier.toml:18: queries.trade.params.reporter: 'report reporter' is not a path like"),
    ('sql = "queries/trade.sql"', 'sql = "../outside.sql"',
     "dossier.toml:17: queries.trade.sql: ../outside.sql is outside the project"),
    ("[queries.trade]", "[queries.trade-series]",
     "dossier.toml:15: queries.trade-series: a name must be a template variable name"),
])
def test_a_mistake_in_the_tables_names_its_line(tmp_path: Path, old: str, new: str, expected: str) -> None:
    project = sql_project(tmp_path)
    replace_in_config(project, old, new)
    with pytest.raises(ConfigError) as error:
        load_project(project)
    assert str(error.value).startswith(expected), str(error.value)


def test_sql_written_in_dossier_toml_runs_and_its_errors_name_that_line(tmp_path: Path) -> None:
    project = sql_project(tmp_path)
    replace_in_config(project, 'sql = "queries/trade.sql"\nparams = { reporter = "report.reporter" }',
                      'sql = """SELECT year, exports, imports, source FROM trade\n'
                      'WHERE reporter = :reporter AND year >= :since ORDER BY year"""\n'
                      'params = { reporter = { value = "BB" }, since = 2021 }')
    forget_query_results()
    context, _ = load_subject(load_project(project), "alpha")
    assert [dict(row) for row in context["trade"]] == [{"year": 2021, "exports": 9.0, "imports": None,
                                                        "source": "customs"}]  # BB's, as the literal says
    replace_in_config(project, "FROM trade", "FROM nowhere")
    forget_query_results()
    with pytest.raises(Exception) as error:
        load_subject(load_project(project), "alpha")
    assert str(error.value) == ("dossier.toml:17: queries.trade: database 'stats' (sqlite:///stats.sqlite): "
                                "no such table: nowhere")


def test_a_parameter_the_subjects_data_lacks_is_named(tmp_path: Path) -> None:
    project = sql_project(tmp_path)
    (project / "data/beta/report.yaml").write_text('title: "Betaland"\n')
    forget_query_results()
    with pytest.raises(Exception) as error:
        load_subject(load_project(project), "beta")
    assert str(error.value) == ("dossier.toml:18: queries.trade.params.reporter: report.reporter is not in the data "
                                "of subject 'beta'")


@pytest.mark.parametrize(("url", "message"), [
    ("mysql://u:p@localhost/db", "dossier reads SQLite (sqlite:///FILE) and PostgreSQL"),
    ("postgresql+psycopg2://u:p@localhost/db", "driver 'psycopg2': dossier talks to PostgreSQL through psycopg 3"),
    ("sqlite:///stats.sqlite?mode=rw", "a SQLite URL takes no options here (mode)"),
    ("sqlite://", "a SQLite URL names a file"),
    ("not a url", "not a database URL"),
])
def test_only_sqlite_files_and_postgresql_through_psycopg(tmp_path: Path, url: str, message: str) -> None:
    project = sql_project(tmp_path)
    replace_in_config(project, 'url = "sqlite:///stats.sqlite"', f'url = "{url}"')
    forget_query_results()
    with pytest.raises(Exception) as error:
        load_subject(load_project(project), "alpha")
    assert f"dossier.toml:12: queries.trade: database 'stats' ({mask_url(url)}): {message}" in str(error.value)
    assert ":p@" not in str(error.value)


@pytest.mark.parametrize(("url", "shown"), [
    ("postgresql+psycopg://reader:s3cret@db.example.org:5432/stats",
     "postgresql+psycopg://reader:***@db.example.org:5432/stats"),
    ("postgresql+psycopg://reader:${PW}@db/stats", "postgresql+psycopg://reader:***@db/stats"),
    ("postgresql+psycopg://reader@db/stats?password=s3cret&sslmode=require",
     "postgresql+psycopg://reader@db/stats?password=***&sslmode=require"),
    ("postgresql+psycopg:///stats?host=/run/postgresql", "postgresql+psycopg:///stats?host=/run/postgresql"),
    ("sqlite:///data/stats.sqlite", "sqlite:///data/stats.sqlite"),
])
def test_a_url_is_shown_with_its_password_masked(url: str, shown: str) -> None:
    assert mask_url(url) == shown


def test_environment_variables_are_expanded_and_a_password_percent_encoded(monkeypatch) -> None:
    monkeypatch.setenv("PW", "p@ss/w:rd")
    monkeypatch.setenv("DB_HOST", "db.example.org")
    database = Database("stats", "postgresql+psycopg://reader:${PW}@${DB_HOST}/stats", 5, 3)
    query = Query("trade", "stats", "SELECT 1", "dossier.toml", 7)
    assert expand_url(database, query) == "postgresql+psycopg://reader:p%40ss%2Fw%3Ard@db.example.org/stats"
    monkeypatch.delenv("PW")
    with pytest.raises(QueryFailed) as error:
        expand_url(database, query)
    assert str(error.value) == ("dossier.toml:3: queries.trade: database 'stats' "
                                "(postgresql+psycopg://reader:***@${DB_HOST}/stats): "
                                "the environment variable PW is not set")


def test_a_sql_file_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    project = sql_project(tmp_path)
    (project / "queries/trade.sql").write_bytes(b"SELECT 'caf\xe9' AS source")
    with pytest.raises(ConfigError) as error:
        load_project(project)
    assert str(error.value) == "queries/trade.sql: is not UTF-8 text; save it as UTF-8"
