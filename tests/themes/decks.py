"""Build the example deck (only the deck) on a given PowerPoint template, in a copy of the example project."""

from __future__ import annotations

import shutil
from pathlib import Path

from project_copies import copy_example

from dossier.build import build


def build_on(template: Path, project: Path, charts: Path | None = None) -> tuple[Path, list[str], str]:
    """Build the example deck on ``template`` in ``project`` (with ``charts``, a chart cache, copied in);
    return (the deck, the warnings, the error or "")."""
    project.mkdir(parents=True, exist_ok=True)
    copy_example(project, ("deck",))
    if charts is not None and charts.is_dir():
        shutil.copytree(charts, project / "build" / "charts")
    shutil.copy(template, project / "templates" / "theme" / "reference.pptx")
    result = build(project, jobs=1, force=True)
    error = result.failed[0].error if result.failed else ""
    return project / "reports" / "azerbaijan-china" / "deck.pptx", result.warnings, error
