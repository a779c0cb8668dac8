"""dossier.toml's [build] table: where the jobs run (scheduler, jobs), checked like every table, and no part of
what makes an output up to date. The builds on a cluster are in test_dask_executor.py."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from dossier.build import build, plan_jobs, where_jobs_run
from dossier.errors import ConfigError
from dossier.manifest import settings_hash
from dossier.project import load_project
from project_copies import PROJECTS, copy_project, run_dossier


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return copy_project(PROJECTS / "minimal", tmp_path / "project")


def with_build_table(project: Path, table: str) -> Path:
    config = project / "dossier.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n[build]\n" + table, encoding="utf-8")
    return project


def line_of(project: Path, text: str) -> int:
    lines = (project / "dossier.toml").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.startswith(text))


def test_the_build_table_is_read(project: Path) -> None:
    loaded = load_project(with_build_table(project, 'scheduler = "tcp://scheduler.example:8786"\njobs = 3\n'))
    assert (loaded.scheduler, loaded.jobs) == ("tcp://scheduler.example:8786", 3)
    assert (load_project(PROJECTS / "minimal").scheduler, load_project(PROJECTS / "minimal").jobs) == ("", None)


@pytest.mark.parametrize("table, key, message", [
    ("scheduler = 8786\n", "scheduler", "build.scheduler: must be a Dask scheduler's address"),
    ('scheduler = "scheduler.example:8786"\n', "scheduler", "build.scheduler: must be a Dask scheduler's address"),
    ('scheduler = "tcp://two words:8786"\n', "scheduler", "build.scheduler: must be a Dask scheduler's address"),
    ("jobs = 0\n", "jobs", "build.jobs: must be a whole number of worker processes, 1 or more"),
    ("jobs = 2.5\n", "jobs", "build.jobs: must be a whole number of worker processes, 1 or more"),
    ("jobs = true\n", "jobs", "build.jobs: must be a whole number of worker processes, 1 or more"),
    ('schedular = "tcp://scheduler.example:8786"\n', "schedular", "build.schedular: unknown key; expected scheduler, jobs"),
])
def test_a_wrong_build_setting_is_one_line_at_its_line_and_exit_1(project: Path, table: str, key: str,
                                                                  message: str) -> None:
    with_build_table(project, table)
    result = run_dossier("build", "--project", str(project))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"dossier.toml:{line_of(project, key)}: {message}" + (
        ' such as "tcp://HOST:8786", or "" for local processes' if key == "scheduler" else "")], result.stderr
    assert not (project / "reports").exists()


def test_where_the_jobs_run_command_line_then_variable_then_dossier_toml(project: Path, monkeypatch) -> None:
    loaded = load_project(with_build_table(project, 'scheduler = "tcp://toml.example:8786"\n'))
    toml_line = line_of(project, "scheduler")
    monkeypatch.delenv("DOSSIER_SCHEDULER", raising=False)
    assert where_jobs_run(loaded, None) == ("tcp://toml.example:8786",
                                            {"file": "dossier.toml", "line": toml_line, "key": "build.scheduler"})
    monkeypatch.setenv("DOSSIER_SCHEDULER", "tcp://variable.example:8786")
    assert where_jobs_run(loaded, None) == ("tcp://variable.example:8786", {"key": "DOSSIER_SCHEDULER"})
    assert where_jobs_run(loaded, "tcp://flag.example:8786") == ("tcp://flag.example:8786", {})
    assert where_jobs_run(loaded, "") == ("", {})  # --scheduler "": local processes, whatever else says
    monkeypatch.setenv("DOSSIER_SCHEDULER", "")
    assert where_jobs_run(loaded, None)[0] == ""  # set but empty: local processes too


def test_where_jobs_run_is_not_in_the_settings_hash(project: Path) -> None:
    before = load_project(project)
    job = plan_jobs(before)[0]
    after = load_project(with_build_table(project, 'scheduler = "tcp://scheduler.example:8786"\njobs = 1\n'))
    assert (after.scheduler, after.jobs) != (before.scheduler, before.jobs)
    assert settings_hash(after, job) == settings_hash(before, job)


def test_a_build_with_jobs_from_dossier_toml_rebuilds_nothing(project: Path) -> None:
    assert not build(project, jobs=2).failed
    with_build_table(project, "jobs = 1\n")
    assert {r.status for r in build(project).results} == {"up to date"}


def test_an_unreachable_scheduler_in_dossier_toml_is_one_line_at_its_line_and_exit_1(project: Path,
                                                                                   monkeypatch) -> None:
    pytest.importorskip("distributed")
    monkeypatch.delenv("DOSSIER_SCHEDULER", raising=False)
    assert run_dossier("build", "--project", str(project)).returncode == 0
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (project / "reports").rglob("*.*x")}
    assert len(before) == 2
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{probe.getsockname()[1]}"
    with_build_table(project, f'scheduler = "{address}"\n')
    result = run_dossier("build", "--force", "--project", str(project))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"dossier.toml:{line_of(project, 'scheduler')}: build.scheduler: "
                               f"cannot reach the Dask scheduler at {address}: "), result.stderr
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (project / "reports").rglob("*.*x")} == before
    named = run_dossier("build", "--force", "--project", str(project), env={"DOSSIER_SCHEDULER": address})
    assert named.returncode == 1
    assert named.stderr.startswith(f"DOSSIER_SCHEDULER: cannot reach the Dask scheduler at {address}: "), named.stderr


def test_a_config_error_names_the_build_table_when_it_is_not_one(project: Path) -> None:
    config = project / "dossier.toml"
    config.write_text('build = "tcp://scheduler.example:8786"\n' + config.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_project(project)
    assert str(error.value).startswith("dossier.toml:1: build: must be a table")
