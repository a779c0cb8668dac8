"""Make the example's statistics database from its CSV files: data/stats.sqlite, queries/, dossier.database.toml.

    python scripts/stats_database.py [--project DIR] [STEM ...]      (default stem: trade)

For each stem (a CSV data file such as trade.csv) every subject's rows go into one table named
like the stem, with the subject's folder name and the row's position beside the CSV's columns,
typed by the schema (integer → INTEGER, number → REAL, anything else → TEXT). It writes
`queries/STEM.sql`, which selects one subject's rows in their CSV order, and
`dossier.database.toml`: the project's dossier.toml with a `[databases.stats]` table and a
`[queries.STEM]` table per stem. A copy of the project without those CSV files, built with
that file as its dossier.toml, gives the same reports as the CSV files, byte for byte
(tests/test_sql_example.py checks it, and that the files here are up to date with the CSV files).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
from contextlib import closing
import sys
from pathlib import Path

from dossier.data import load_data_file
from dossier.project import PROJECT_FILE, load_project

DATABASE = "data/stats.sqlite"
VARIANT = "dossier.database.toml"
SQL_TYPES = (("integer", "INTEGER"), ("number", "REAL"), ("boolean", "INTEGER"))


def column_type(schema: dict, column: str) -> str:
    kind = schema.get("items", {}).get("properties", {}).get(column, {}).get("type", "string")
    kinds = set(kind if isinstance(kind, list) else [kind])
    return next((sql for json_type, sql in SQL_TYPES if json_type in kinds), "TEXT")


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def make_database(project_dir: Path, stems: list[str], database: Path) -> dict[str, list[str]]:
    """Write the tables into `database` (replacing it); return each stem's columns."""
    project = load_project(project_dir)
    database.parent.mkdir(parents=True, exist_ok=True)
    database.unlink(missing_ok=True)
    columns_of: dict[str, list[str]] = {}
    with closing(sqlite3.connect(database)) as connection, connection:
        for stem in stems:
            schema_path = project.schemas_dir / f"{stem}.schema.json"
            schema = json.loads(schema_path.read_text(encoding="utf-8")) if schema_path.is_file() else {}
            tables: list[tuple[str, list[dict]]] = []
            for subject in project.subjects:
                path = project.data_dir / subject / f"{stem}.csv"
                data_file, problems = load_data_file(path, project.relative(path), schema or None)
                if problems:
                    sys.exit("\n".join(str(problem) for problem in problems))
                tables.append((subject, data_file.value))
            columns = list(dict.fromkeys(name for _, rows in tables for row in rows for name in row))
            columns_of[stem] = columns
            definitions = ", ".join(f"{quoted(c)} {column_type(schema, c)}" for c in columns)
            connection.execute(f"CREATE TABLE {quoted(stem)} (subject TEXT NOT NULL, position INTEGER NOT NULL, "
                               f"{definitions}, PRIMARY KEY (subject, position))")
            placeholders = ", ".join("?" for _ in range(len(columns) + 2))
            connection.executemany(
                f"INSERT INTO {quoted(stem)} VALUES ({placeholders})",
                [(subject, position, *(row.get(c) for c in columns))
                 for subject, rows in tables for position, row in enumerate(rows, start=1)],
            )
    return columns_of


def query_text(stem: str, columns: list[str]) -> str:
    return (f"-- One subject's rows of data/<subject>/{stem}.csv, in the file's order: made by\n"
            f"-- scripts/stats_database.py. The parameter subject is the subject's folder name.\n"
            f"SELECT {', '.join(quoted(c) if not c.isidentifier() else c for c in columns)}\n"
            f"FROM {stem}\nWHERE subject = :subject\nORDER BY position\n")


def variant_text(project_toml: str, stems: list[str]) -> str:
    tables = "".join(f'\n[queries.{stem}]\ndatabase = "stats"\nsql = "queries/{stem}.sql"\n'
                     f'params = {{ subject = "subject" }}\n' for stem in stems)
    return (project_toml.rstrip("\n") + "\n\n# The trade series from a database instead of the CSV files "
            f"(made by scripts/stats_database.py;\n# README: \"Data from a database\").\n"
            f'[databases.stats]\nurl = "sqlite:///{DATABASE}"\n' + tables)


def write_all(project_dir: Path, stems: list[str]) -> None:
    columns_of = make_database(project_dir, stems, project_dir / DATABASE)
    for stem, columns in columns_of.items():
        (project_dir / "queries").mkdir(exist_ok=True)
        (project_dir / "queries" / f"{stem}.sql").write_text(query_text(stem, columns), encoding="utf-8")
    toml = (project_dir / PROJECT_FILE).read_text(encoding="utf-8")
    (project_dir / VARIANT).write_text(variant_text(toml, stems), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stems", nargs="*", default=["trade"])
    parser.add_argument("--project", type=Path, default=Path("."))
    args = parser.parse_args(argv)
    write_all(args.project, args.stems)
    return 0


if __name__ == "__main__":
    sys.exit(main())
