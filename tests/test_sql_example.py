"""The example's trade series from data/stats.sqlite: the same reports, byte for byte, as from trade.csv;
and the database, its query and dossier.database.toml are what scripts/stats_database.py makes of the CSV."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

from project_copies import EXAMPLE_PARTS, ROOT, run_dossier

sys.path.insert(0, str(ROOT / "scripts"))
import stats_database  # noqa: E402

STALE = "out of date with the CSV files: run python scripts/stats_database.py and commit what it writes"


def database_contents(path: Path) -> tuple[list, list]:
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as connection:
        tables = connection.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall()
        rows = [(name, connection.execute(f'SELECT * FROM "{name}" ORDER BY subject, position').fetchall())
                for name, _ in tables if not name.startswith("sqlite_")]
    return tables, rows


def test_the_committed_database_query_and_variant_are_made_from_the_csv(tmp_path: Path) -> None:
    for part in (*EXAMPLE_PARTS, "queries"):
        (shutil.copytree if (ROOT / part).is_dir() else shutil.copy)(ROOT / part, tmp_path / part)
    stats_database.write_all(tmp_path, ["trade"])
    assert database_contents(ROOT / stats_database.DATABASE) == database_contents(tmp_path / stats_database.DATABASE), \
        f"{stats_database.DATABASE} is {STALE}"
    for name in ("queries/trade.sql", stats_database.VARIANT):
        assert (ROOT / name).read_text(encoding="utf-8") == (tmp_path / name).read_text(encoding="utf-8"), \
            f"{name} is {STALE}"


def test_the_example_from_the_database_equals_the_csv_build(example_build: Path, tmp_path: Path) -> None:
    project = tmp_path / "from-database"
    project.mkdir()
    for part in (*EXAMPLE_PARTS, "queries"):
        (shutil.copytree if (ROOT / part).is_dir() else shutil.copy)(ROOT / part, project / part)
    shutil.copy(ROOT / stats_database.VARIANT, project / "dossier.toml")
    (project / "data/azerbaijan-china/trade.csv").unlink()
    result = run_dossier("build", "--project", str(project))
    assert result.returncode == 0, result.stderr
    built = sorted(path.relative_to(project) for path in (project / "reports").rglob("*.*"))
    assert built == sorted(path.relative_to(example_build) for path in (example_build / "reports").rglob("*.*"))
    assert len(built) == 2
    for name in built:
        assert hashlib.sha256((project / name).read_bytes()).hexdigest() == \
            hashlib.sha256((example_build / name).read_bytes()).hexdigest(), name
