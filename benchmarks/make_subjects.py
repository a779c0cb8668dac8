"""Make N fictional subjects for the example's templates, for measurement: the generator the tests use.

    python benchmarks/make_subjects.py TARGET_FOLDER 50

copies the example project's dossier.toml (without its subject list and cross-checks), schemas and
templates to TARGET_FOLDER and adds subjects `fictional-001` … `fictional-050` from
`dossier.synthetic` (seeded): made-up countries with series of one to forty years, missing files,
empty lists, long names and other scripts, so each subject draws its own charts.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dossier.scaffold import without_data_settings  # noqa: E402
from dossier.synthetic import write_subjects  # noqa: E402


def make_project(target: Path, count: int, seed: int = 1) -> list[str]:
    """Create the project with `count` fictional subjects; return their names."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for part in ("schemas", "templates"):
        shutil.copytree(ROOT / part, target / part)
    config = (ROOT / "dossier.toml").read_text(encoding="utf-8")
    (target / "dossier.toml").write_text(without_data_settings(config), encoding="utf-8")
    return write_subjects(target, count, seed)


if __name__ == "__main__":
    folder, count = Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 50
    print(f"{len(make_project(folder, count))} subjects in {folder}")
