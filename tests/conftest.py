"""Shared fixtures: copies of the example projects in tmp_path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from project_copies import EXAMPLE_PARTS, PROJECTS, ROOT, copy_project, run_dossier


@pytest.fixture
def minimal_project(tmp_path: Path) -> Path:
    return copy_project(PROJECTS / "minimal", tmp_path / "minimal")


@pytest.fixture(scope="session")
def example_build(tmp_path_factory) -> Path:
    """Build the repository's example project once in a temp folder; return the folder."""
    target = tmp_path_factory.mktemp("example")
    for part in EXAMPLE_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy(source, target / part)
    result = run_dossier("build", "--project", str(target))
    assert result.returncode == 0, result.stderr
    return target
