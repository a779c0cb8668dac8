"""The build process fills in the briefings' page numbers; the jobs that wrote them do not wait for LibreOffice."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document as open_docx

import dossier.page_finishing as page_finishing
from dossier.build import build
from dossier.job_types import Job, JobResult
from dossier.jobs import JobWork
from dossier.project import load_project
from dossier.writers.libreoffice_layout import find_soffice
from project_copies import PROJECTS, copy_project

needs_libreoffice = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")


def job(name: str) -> Job:
    return Job("demo", name, f"{name}.md.j2", "docx", "en", f"reports/demo/{name}.docx")


def contents_pages(data: bytes) -> list[str]:
    document = open_docx(io.BytesIO(data))
    entries = [p.text for p in document.paragraphs if p.style.name.lower().startswith("toc")]
    return [entry.rpartition("\t")[2] for entry in entries if "\t" in entry]


@needs_libreoffice
def test_a_job_leaves_the_page_numbers_to_the_build(tmp_path: Path) -> None:
    project = load_project(copy_project(PROJECTS / "minimal", tmp_path / "project"))
    briefing = next(j for j in __import__("dossier.build", fromlist=["plan_jobs"]).plan_jobs(project)
                    if j.format == "docx")
    result = JobWork(project, pages_in_build=True)(briefing)
    assert result.status == "built" and result.unfinished == {briefing.target}
    unfinished = result.files[briefing.target]
    assert contents_pages(unfinished) and not any(page.isdigit() for page in contents_pages(unfinished))
    finished = page_finishing.finish(result)
    assert finished.unfinished == set()
    assert all(page.isdigit() for page in contents_pages(finished.files[briefing.target]))


@needs_libreoffice
def test_a_build_gives_the_same_files_as_jobs_laying_out_their_own(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("DOSSIER_REFRESH_FIELDS", raising=False)
    finished_here = copy_project(PROJECTS / "minimal", tmp_path / "here")
    assert not build(finished_here, jobs=1).failed
    project = load_project(copy_project(PROJECTS / "minimal", tmp_path / "alone"))
    briefing = next(j for j in __import__("dossier.build", fromlist=["plan_jobs"]).plan_jobs(project)
                    if j.format == "docx")
    laid_out_by_the_job = JobWork(project)(briefing)  # as before: the job itself waits for LibreOffice
    assert laid_out_by_the_job.unfinished == set()
    assert laid_out_by_the_job.files[briefing.target] == (finished_here / briefing.target).read_bytes()


def test_results_pass_in_arrival_order_and_unfinished_ones_once_finished(monkeypatch) -> None:
    monkeypatch.setattr(page_finishing, "finish", lambda result: (result.unfinished.clear(), result)[1])
    plain = [JobResult(job(f"plain{i}"), "built") for i in range(3)]
    waiting = JobResult(job("waiting"), "built", unfinished={"reports/demo/waiting.docx"},
                        files={"reports/demo/waiting.docx": b"x"})
    with page_finishing.PageFinisher() as pages:
        out = list(pages.results([plain[0], waiting, plain[1], plain[2]]))
    assert sorted(r.job.output for r in out) == ["plain0", "plain1", "plain2", "waiting"]
    assert [r.job.output for r in out if r.job.output.startswith("plain")] == ["plain0", "plain1", "plain2"]
    assert all(not r.unfinished for r in out)


def test_a_file_that_comes_out_malformed_fails_its_job_not_the_build(monkeypatch) -> None:
    import dossier.writers.docx.fields as fields

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("word/document.xml", "<w:document><unclosed></w:document>")
    monkeypatch.setattr(fields, "refresh_docx_bytes", lambda data, **k: buffer.getvalue())
    target = "reports/demo/briefing.docx"
    result = page_finishing.finish(JobResult(job("briefing"), "built", unfinished={target}, files={target: b"old"}))
    assert result.status == "failed" and result.files == {}
    assert result.error.startswith(f"{target}: word/document.xml line 1") and "not valid" in result.error


def test_a_bug_while_finishing_is_the_job_s_error(monkeypatch) -> None:
    import dossier.writers.docx.fields as fields

    monkeypatch.setattr(fields, "refresh_docx_bytes", lambda data, **k: 1 / 0)
    target = "reports/demo/briefing.docx"
    result = page_finishing.finish(JobResult(job("briefing"), "built", unfinished={target}, files={target: b"x"}))
    assert result.status == "failed" and "ZeroDivisionError" in result.error and "a bug in dossier" in result.error
