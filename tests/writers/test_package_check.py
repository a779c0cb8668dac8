"""Hostile and corrupt Office files: theme files with a DTD or malformed XML are refused naming the part, and a
malformed output never replaces a report."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx import Document as open_docx
from pptx import Presentation as open_pptx

from dossier.build import build
from dossier.writers.docx.reference import reference_docx_bytes
from dossier.writers.package_check import xml_part_problems
from dossier.writers.pptx.reference import reference_pptx_bytes
from project_copies import PROJECTS, copy_project, run_dossier

XXE = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>\n'


def rewritten(package: bytes, part: str, change) -> bytes:
    """Return the zip `package` with `part`'s bytes replaced by `change(bytes)`."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info, change(data) if info.filename == part else data)
    return out.getvalue()


def with_entity(document: bytes) -> bytes:
    """Give the main part a DTD declaring an external entity, and use the entity in a paragraph's text."""
    body = document.split(b"?>", 1)[1] if document.startswith(b"<?xml") else document
    return XXE + body.replace(b"<w:body>", b"<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>", 1)


def built_reports(tmp_path: Path) -> tuple[Path, dict[Path, bytes]]:
    project = copy_project(PROJECTS / "minimal", tmp_path / "project")
    assert run_dossier("build", "--project", str(project)).returncode == 0
    reports = {p: p.read_bytes() for p in (project / "reports").rglob("*.*")}
    assert len(reports) == 2
    return project, reports


def test_a_reference_with_a_dtd_is_refused_naming_the_part_and_reports_stay(tmp_path: Path) -> None:
    project, before = built_reports(tmp_path)
    theme = project / "templates" / "theme"
    theme.mkdir(parents=True)
    (theme / "reference.docx").write_bytes(rewritten(reference_docx_bytes(), "word/document.xml", with_entity))

    result = run_dossier("build", "--project", str(project), "--jobs", "2")

    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "templates/theme/reference.docx: word/document.xml: declares a DTD (<!DOCTYPE …>), which Office files never "
        "do; entities are not expanded: save the file again from Office"]
    assert {p: p.read_bytes() for p in before} == before
    open_docx(str(project / "reports" / "demo" / "briefing.docx"))  # still the good file


def test_malformed_xml_in_a_reference_is_one_line_from_a_worker(tmp_path: Path) -> None:
    project, before = built_reports(tmp_path)
    theme = project / "templates" / "theme"
    theme.mkdir(parents=True)
    broken = rewritten(reference_pptx_bytes(), "ppt/presentation.xml", lambda data: data[:-40])
    (theme / "reference.pptx").write_bytes(broken)

    result = run_dossier("build", "--project", str(project), "--jobs", "2")

    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(
        "templates/theme/reference.pptx: ppt/presentation.xml line "), lines
    assert "not well-formed XML" in lines[0] and "Traceback" not in result.stderr
    assert {p: p.read_bytes() for p in before} == before
    open_pptx(str(project / "reports" / "demo" / "deck.pptx"))


def test_a_malformed_output_never_replaces_the_report(tmp_path: Path, monkeypatch) -> None:
    project, before = built_reports(tmp_path)
    from dossier.writers.docx.writer import DocxWriter

    def write_broken(self, document, target: Path) -> None:
        Path(target).write_bytes(rewritten(reference_docx_bytes(), "word/document.xml", lambda data: data + b"<"))

    monkeypatch.setattr(DocxWriter, "write", write_broken)
    results = build(project, force=True, jobs=1).results

    failed = [r for r in results if r.status == "failed"]
    assert [r.job.output for r in failed] == ["briefing"]
    assert failed[0].error.startswith("reports/demo/briefing.docx: word/document.xml line ")
    assert "the previous report is kept" in failed[0].error
    briefing = project / "reports" / "demo" / "briefing.docx"
    assert briefing.read_bytes() == before[briefing]
    assert not list((project / "reports").rglob(".*.tmp"))


def test_every_part_of_a_good_file_passes(tmp_path: Path) -> None:
    path = tmp_path / "good.pptx"
    path.write_bytes(reference_pptx_bytes())
    assert xml_part_problems(path) == []
