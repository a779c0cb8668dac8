"""Shared fixtures: copies of the example projects in tmp_path; the record of every Office file written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import ooxml_gate
from project_copies import EXAMPLE_PARTS, PROJECTS, ROOT, copy_project, run_dossier

GATE_TEST = "test_every_office_file_the_tests_wrote_passes_the_validators"


@pytest.fixture(scope="session", autouse=True)
def record_written_office_files():
    """Record the target of every writer's write (the gate validates them at the end of the session)."""
    from dossier.writers.docx.writer import DocxWriter
    from dossier.writers.pptx.writer import PptxWriter

    originals = {cls: cls.write for cls in (DocxWriter, PptxWriter)}

    def recording(original):
        def write(self, document, target):
            original(self, document, target)
            ooxml_gate.written.append(Path(target))
        return write

    for cls, original in originals.items():
        cls.write = recording(original)
    yield
    for cls, original in originals.items():
        cls.write = original


def pytest_collection_modifyitems(items: list) -> None:
    """Run the validation gate last, when every other test has written its files."""
    items.sort(key=lambda item: item.name == GATE_TEST)


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
