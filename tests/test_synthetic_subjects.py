"""Twenty fictional subjects (seeded) build with the example's templates: nothing empty, nothing unfilled."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document as open_docx
from pptx import Presentation as open_pptx

from dossier.synthetic import FICTIONAL, write_subjects
from project_copies import EXAMPLE_PARTS, ROOT, run_dossier

COUNT = 20


@pytest.fixture(scope="module")
def synthetic_build(tmp_path_factory) -> tuple[Path, list[str]]:
    project = tmp_path_factory.mktemp("synthetic")
    for part in EXAMPLE_PARTS:
        if part != "data":
            (shutil.copytree if (ROOT / part).is_dir() else shutil.copy)(ROOT / part, project / part)
    config = (project / "dossier.toml").read_text(encoding="utf-8")
    config = config.split("[[checks]]")[0].replace('subjects = ["azerbaijan-china"]\n', "")
    (project / "dossier.toml").write_text(config, encoding="utf-8")
    names = write_subjects(project, COUNT, seed=7)
    result = run_dossier("build", "--project", str(project), "--jobs", "2", env={"DOSSIER_REFRESH_FIELDS": "0"})
    assert result.returncode == 0, result.stderr[-3000:]
    return project, names


def test_every_subject_is_marked_fictional(synthetic_build) -> None:
    project, names = synthetic_build
    for name in names:
        doc = open_docx(project / "reports" / name / "briefing.docx")
        assert "FICTIONAL" in doc.paragraphs[0].text
        assert FICTIONAL in "\n".join(p.text for s in doc.sections for p in s.header.paragraphs + s.footer.paragraphs) \
            or FICTIONAL in "\n".join(p.text for p in doc.paragraphs)


def test_no_output_shows_none_braces_or_an_empty_section(synthetic_build) -> None:
    project, names = synthetic_build
    for name in names:
        doc = open_docx(project / "reports" / name / "briefing.docx")
        paragraphs = [p for p in doc.paragraphs if p.text.strip()]
        text = "\n".join(p.text for p in paragraphs) + "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
        assert "None" not in text and "{{" not in text and "{%" not in text, name
        styles = [p.style.name for p in paragraphs]
        for here, after in zip(styles, styles[1:] + ["end"]):
            assert not (here == "Heading 1" and after in ("Heading 1", "end")), f"{name}: an empty section"
        deck = open_pptx(str(project / "reports" / name / "deck.pptx"))
        assert len(deck.slides) <= 16, name
        for number, slide in enumerate(deck.slides, 1):
            words = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
            words.append(slide.notes_slide.notes_text_frame.text)
            assert not any("None" in w or "{{" in w for w in words), f"{name} slide {number}"
            assert slide.notes_slide.notes_text_frame.text.strip(), f"{name} slide {number} has no notes"


def test_libreoffice_opens_every_file(synthetic_build, tmp_path: Path) -> None:
    project, names = synthetic_build
    inbox = tmp_path / "in"
    inbox.mkdir()
    for name in names:
        for output in ("briefing.docx", "deck.pptx"):
            shutil.copy(project / "reports" / name / output, inbox / f"{name}-{output}")
    files = sorted(str(path) for path in inbox.iterdir())
    for start in range(0, len(files), 10):
        converted = subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
             "--outdir", str(tmp_path / "pdf"), *files[start:start + 10]], capture_output=True, text=True, timeout=900)
        assert converted.returncode == 0, converted.stderr
    pdfs = sorted((tmp_path / "pdf").glob("*.pdf"))
    assert len(pdfs) == len(files) == 2 * len(names)
    assert all(pdf.stat().st_size > 1000 for pdf in pdfs)
