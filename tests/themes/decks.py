"""Build the example deck (only the deck) on a given PowerPoint template, in a copy of the example project."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from project_copies import EXAMPLE_PARTS, ROOT

from dossier.build import build


def example_copy(target: Path, charts: Path | None = None) -> Path:
    """Copy the example project to ``target`` with the deck as its only output (and ``charts``, a chart cache)."""
    target.mkdir(parents=True, exist_ok=True)
    for part in EXAMPLE_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy(source, target / part)
    toml = target / "dossier.toml"
    toml.write_text(re.sub(r"\[outputs\.briefing\][^\[]*", "", toml.read_text(encoding="utf-8")), encoding="utf-8")
    if charts is not None and charts.is_dir():
        shutil.copytree(charts, target / "build" / "charts")
    return target


def build_on(template: Path, project: Path, charts: Path | None = None) -> tuple[Path, list[str], str]:
    """Build the example deck on ``template``; return (the deck, warnings, the error or "")."""
    example_copy(project, charts)
    shutil.copy(template, project / "templates" / "theme" / "reference.pptx")
    result = build(project, jobs=1, force=True)
    error = result.failed[0].error if result.failed else ""
    return project / "reports" / "azerbaijan-china" / "deck.pptx", result.warnings, error
