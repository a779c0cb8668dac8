"""Briefings as LibreOffice lays them out: contents with page numbers, footers, notes on their pages, captions."""

from __future__ import annotations

import re
import shutil
import subprocess
import uuid
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from dossier.writers.docx.fields import find_soffice, iter_fields, refresh_fields_with_libreoffice
from dossier.writers.docx.writer import DocxWriter
from test_docx_sample import SECTIONS, briefing_document, copy_example

SOFFICE = find_soffice()
needs_libreoffice = pytest.mark.skipif(not (SOFFICE and shutil.which("pdftotext")),
                                       reason="needs LibreOffice and poppler-utils")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def to_pdf(source: Path, outdir: Path) -> Path:
    """Convert ``source`` with LibreOffice headless (a profile of its own); return the PDF."""
    outdir.mkdir(parents=True, exist_ok=True)
    profile = outdir / f"lo-profile-{uuid.uuid4().hex}"
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(outdir), str(source)], check=True, capture_output=True, timeout=300)
    shutil.rmtree(profile, ignore_errors=True)
    return outdir / (source.stem + ".pdf")


def page_texts(pdf: Path) -> list[str]:
    """The text of each page (pdftotext -layout), in order."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def contents(first_page: str, heading: str) -> int:
    """The page number the contents list gives for ``heading``."""
    match = re.search(rf"^\s*{re.escape(heading)}\s*\.{{3,}}\s*(\d+)\s*$", first_page, flags=re.M)
    assert match, f"{heading!r} not in the contents with a page number:\n{first_page}"
    return int(match.group(1))


def heading_page(pages: list[str], heading: str, start: int = 1) -> int:
    """The first page (from ``start``) with ``heading`` on a line of its own."""
    for number in range(start, len(pages) + 1):
        if any(line.strip() == heading for line in pages[number - 1].splitlines()):
            return number
    raise AssertionError(f"heading {heading!r} not found")


# ---------------------------------------------------------------- the example briefing


@pytest.fixture(scope="module")
def example_pdf(tmp_path_factory) -> tuple[Path, list[str]]:
    """The example briefing, built as a user would (`dossier build`), and its PDF's pages."""
    from project_copies import run_dossier

    project = copy_example(tmp_path_factory.mktemp("example"))
    result = run_dossier("build", "--project", str(project))
    assert result.returncode == 0, result.stderr
    briefing = project / "reports" / "azerbaijan-china" / "briefing.docx"
    return briefing, page_texts(to_pdf(briefing, project / "pdf"))


@needs_libreoffice
def test_example_briefing_contents_footers_and_captions(example_pdf):
    briefing, pages = example_pdf
    assert 4 <= len(pages) <= 10  # the Sources list prints every URL
    d = docx.Document(str(briefing))
    sections = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    assert len(sections) >= 6
    assert "Contents" in pages[0]
    previous = 1
    for heading in sections:  # every section listed, with the page LibreOffice puts it on
        listed = contents(pages[0], heading)
        assert listed == heading_page(pages, heading, start=previous), heading
        previous = listed
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert text.count("UNCLASSIFIED — for training use") >= 2  # marking at the top and at the bottom
    figures = [int(n) for n in re.findall(r"^\s*Figure (\d+):", "\n".join(pages), flags=re.M)]
    captions = [p.text for p in d.paragraphs if p.style.name == "Caption"]
    assert figures == list(range(1, len(captions) + 1)) and len(figures) >= 5


# ---------------------------------------------------------------- a hand-built briefing


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory) -> tuple[Path, list[str]]:
    folder = tmp_path_factory.mktemp("sample-pdf")
    target = folder / "sample.docx"
    DocxWriter().write(briefing_document(folder), target)  # LibreOffice fills the page numbers in
    return target, page_texts(to_pdf(target, folder))


@needs_libreoffice
def test_footnotes_sit_on_the_page_of_their_reference(sample_pdf):
    _, pages = sample_pdf
    assert len(pages) >= 4
    markers = sorted(set(re.findall(r"Note for (Mark\d\d)", "\n".join(pages))))
    assert len(markers) >= 20
    for marker in markers:  # in the text the note's number follows the marker: "Mark07" + "7"
        cited_on = next(i for i, text in enumerate(pages, 1) if re.search(rf"(?<!Note for ){marker}", text))
        assert f"Note for {marker}" in pages[cited_on - 1], f"{marker}: note not on page {cited_on}"


@needs_libreoffice
def test_sample_contents_cross_references_and_languages(sample_pdf):
    _, pages = sample_pdf
    previous = 1
    for heading in SECTIONS + ("Party dialogue", "Trade by year"):
        listed = contents(pages[0], heading)
        assert listed == heading_page(pages, heading, start=1 if heading not in SECTIONS else previous)
        if heading in SECTIONS:
            previous = listed
    text = " ".join("\n".join(pages).split())
    assert "See Table 1 and Figure 1; the party channel" in text
    assert "As Table 2 shows" in text
    assert "Azərbaycan Respublikası" in text and "中华人民共和国" in text and "Азербайджан и Китай" in text
    assert re.findall(r"Figure (\d): ", text) == ["1", "2", "3"]
    assert re.findall(r"Table (\d): ", text) == ["1", "2"]


# ---------------------------------------------------------------- the finishing step itself


def field_results(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    return {instruction: "".join(t.text or "" for r in runs for t in r.iter(f"{W}t"))
            for instruction, runs in iter_fields(root)}


@needs_libreoffice
def test_refresh_changes_only_the_page_numbers(tmp_path):
    before = tmp_path / "before.docx"
    DocxWriter(refresh_fields=False).write(briefing_document(tmp_path), before)
    after = tmp_path / "after.docx"
    shutil.copy(before, after)
    assert refresh_fields_with_libreoffice(after) is True
    old, new = field_results(before), field_results(after)
    pagerefs = [k for k in old if k.startswith("PAGEREF _Toc")]
    assert len(pagerefs) == len(SECTIONS) + 3
    assert all(old[k] == "" and new[k].isdigit() for k in pagerefs)
    assert {k: v for k, v in old.items() if k not in pagerefs} == {k: v for k, v in new.items() if k not in pagerefs}
    a, b = docx.Document(str(before)), docx.Document(str(after))
    assert [(s.name, s.style_id) for s in a.styles] == [(s.name, s.style_id) for s in b.styles]
    assert [(p.style.name, p.text.split("\t")[0]) for p in a.paragraphs] == \
        [(p.style.name, p.text.split("\t")[0]) for p in b.paragraphs]
    pages = len(page_texts(to_pdf(after, tmp_path / "pdf")))
    assert b.sections[0].footer.paragraphs[0].text == f"Page 1 of {pages}"  # NUMPAGES cached too


def test_refresh_is_skipped_without_libreoffice(tmp_path, monkeypatch):
    target = tmp_path / "x.docx"
    DocxWriter(refresh_fields=False).write(briefing_document(tmp_path), target)
    data = target.read_bytes()
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    assert refresh_fields_with_libreoffice(target) is False
    assert target.read_bytes() == data
    DocxWriter().write(briefing_document(tmp_path), tmp_path / "y.docx")  # default: refresh when available
    assert (tmp_path / "y.docx").read_bytes() == data


def test_refresh_can_be_switched_off_by_the_environment(tmp_path, monkeypatch):
    import dossier.writers.docx.writer as writer_module

    def fail(data):
        raise AssertionError("LibreOffice must not run")

    monkeypatch.setattr(writer_module, "refresh_docx_bytes", fail)
    monkeypatch.setenv("DOSSIER_REFRESH_FIELDS", "0")
    DocxWriter().write(briefing_document(tmp_path), tmp_path / "x.docx")


def test_a_failing_libreoffice_leaves_the_file_valid_and_says_so(tmp_path, monkeypatch, caplog):
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\nexit 3\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(fake.parent))
    target = tmp_path / "x.docx"
    DocxWriter(refresh_fields=False).write(briefing_document(tmp_path), target)
    data = target.read_bytes()
    assert refresh_fields_with_libreoffice(target) is False
    assert target.read_bytes() == data
    assert "page numbers left empty" in caplog.text


def test_fill_page_fields_sets_pagerefs_and_page_count(tmp_path):
    from dossier.writers.docx.fields import PAGE_COUNT, fill_page_fields

    target = tmp_path / "x.docx"
    DocxWriter(refresh_fields=False).write(briefing_document(tmp_path), target)
    filled = tmp_path / "filled.docx"
    filled.write_bytes(fill_page_fields(target.read_bytes(), {"_Toc00000001": 1, "_Toc00000002": 7, PAGE_COUNT: 9}))
    results = field_results(filled)
    assert results["PAGEREF _Toc00000001 \\h"] == "1" and results["PAGEREF _Toc00000002 \\h"] == "7"
    assert results["PAGEREF _Toc00000003 \\h"] == ""  # not reported: left alone
    assert results["SEQ Figure \\* ARABIC"] in ("1", "2", "3")
    footer = docx.Document(str(filled)).sections[0].footer
    assert footer.paragraphs[0].text == "Page 1 of 9"


@needs_libreoffice
def test_refreshed_output_is_still_reproducible(tmp_path):
    document = briefing_document(tmp_path)
    DocxWriter(refresh_fields=True).write(document, tmp_path / "a.docx")
    DocxWriter(refresh_fields=True).write(document, tmp_path / "b.docx")
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()
    assert field_results(tmp_path / "a.docx")["PAGEREF _Toc00000001 \\h"] == "1"
