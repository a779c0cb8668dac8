"""Copy test projects into tmp_path and run the dossier command on them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).parent
ROOT = TESTS.parent
PROJECTS = TESTS / "projects"
EXAMPLE_PARTS = ("dossier.toml", "data", "templates", "schemas")


def copy_project(source: Path, target: Path, overlay: Path | None = None) -> Path:
    """Copy a project (without build/ and reports/) to `target`, then the files of `overlay` over it."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("build", "reports", "expected.txt"))
    if overlay is not None:
        shutil.copytree(overlay, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expected.txt"))
    return target


def run_dossier(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `python -m dossier ARGS` as a user would, capturing its output."""
    return subprocess.run(
        [sys.executable, "-m", "dossier", *args], cwd=cwd, capture_output=True, text=True,
        env={**os.environ, **(env or {})}, timeout=600,
    )


def copy_example(target: Path, outputs: tuple[str, ...] = ("briefing",)) -> Path:
    """Copy the repository's example project to ``target``, keeping only the named outputs in dossier.toml."""
    for part in EXAMPLE_PARTS:
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target / part)
    config = target / "dossier.toml"
    sections = re.split(r"(?m)^(?=\[)", config.read_text(encoding="utf-8"))
    kept = [s for s in sections if not (m := re.match(r"\[outputs\.([\w-]+)\]", s)) or m.group(1) in outputs]
    config.write_text("".join(kept), encoding="utf-8")
    return target
