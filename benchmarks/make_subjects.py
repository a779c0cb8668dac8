"""Make N synthetic subjects shaped like the example, for measurement only.

    python benchmarks/make_subjects.py TARGET_FOLDER 50

copies the example project (dossier.toml, data, schemas, templates) to TARGET_FOLDER and adds
subjects `synthetic-001` … `synthetic-050`: the example's files with every trade and investment
figure scaled by a per-subject factor, so each subject draws its own charts.
"""

from __future__ import annotations

import csv
import io
import random
import shutil
import sys
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = "azerbaijan-china"


def make_project(target: Path, count: int, seed: int = 1) -> list[str]:
    """Create the project with `count` synthetic subjects; return their names."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for part in ("data", "schemas", "templates"):
        shutil.copytree(ROOT / part, target / part)
    shutil.rmtree(target / "data" / EXAMPLE)
    chance = random.Random(seed)
    names = [f"synthetic-{n:03d}" for n in range(1, count + 1)]
    for name in names:
        scale = chance.uniform(0.5, 2.0)
        folder = target / "data" / name
        shutil.copytree(ROOT / "data" / EXAMPLE, folder)
        for csv_name in ("trade.csv", "trade_partial.csv"):
            scale_csv(folder / csv_name, scale)
        investment = yaml.safe_load((folder / "investment.yaml").read_text(encoding="utf-8"))
        for row in investment["fdi_cumulative"]:
            row["usd_million"] = round(row["usd_million"] * scale, 1)
        for row in investment["companies"]:
            row["count"] = max(1, round(row["count"] * scale))
        (folder / "investment.yaml").write_text(yaml.safe_dump(investment, allow_unicode=True), encoding="utf-8")
        report = yaml.safe_load((folder / "report.yaml").read_text(encoding="utf-8"))
        report["title"] = f"{report['title']} ({name})"
        (folder / "report.yaml").write_text(yaml.safe_dump(report, allow_unicode=True), encoding="utf-8")
    config = tomllib.loads((ROOT / "dossier.toml").read_text(encoding="utf-8"))
    text = (ROOT / "dossier.toml").read_text(encoding="utf-8")
    text = text.replace(f'subjects = ["{EXAMPLE}"]\n', "")
    assert "subjects" not in text.split("[outputs")[0], config
    (target / "dossier.toml").write_text(text, encoding="utf-8")
    return names


def scale_csv(path: Path, scale: float) -> None:
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    for row in rows:
        for column in ("exports", "imports", "turnover"):
            if row[column]:
                row[column] = f"{float(row[column]) * scale:.1f}"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


if __name__ == "__main__":
    folder, count = Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 50
    print(f"{len(make_project(folder, count))} subjects in {folder}")
