"""Every Office file the tests write passes Microsoft's validator and the structural check; the gate catches a broken one.

The gate test runs last (conftest moves it there) and checks every .docx/.pptx the session wrote:
the example, the gallery and stress projects, the themes that should build, the writers' own
tests. It always includes the example (it asks for the session's build of it).
"""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

import pytest

import ooxml_gate
from ooxml_structure import structure_problems
from test_example_build import SUBJECT

needs_validator = pytest.mark.skipif(
    ooxml_gate.validator_modules() is None and not os.environ.get("CI"),
    reason=f"the validator {ooxml_gate.PACKAGE} is not installed (the README's test command installs it)",
)


@needs_validator
def test_every_office_file_the_tests_wrote_passes_the_validators(example_build: Path, tmp_path_factory) -> None:
    files = ooxml_gate.session_outputs(tmp_path_factory.getbasetemp())
    assert example_build / "reports" / SUBJECT / "briefing.docx" in files or len(files) > 1
    problems = {path: structure_problems(path) for path in files}
    for path, errors in ooxml_gate.office_validator_errors(files).items():
        problems[path] += [ooxml_gate.describe(error) for error in errors]
    failed = {path: lines for path, lines in problems.items() if lines}
    report = "\n".join(f"{path}:\n  " + "\n  ".join(lines[:10]) for path, lines in failed.items())
    assert not failed, f"{len(failed)} of {len(files)} files fail validation:\n{report}"


def rewrite_part(source: Path, target: Path, part: str, change) -> Path:
    """Copy a package with one part's text changed by `change(text) -> text`, or removed when it returns None."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == part:
                text = change(data.decode("utf-8"))
                if text is None:
                    continue
                data = text.encode("utf-8")
            zout.writestr(info, data)
    return target


@needs_validator
def test_the_gate_catches_a_file_office_would_reject(example_build: Path, tmp_path: Path) -> None:
    briefing = example_build / "reports" / SUBJECT / "briefing.docx"
    deck = example_build / "reports" / SUBJECT / "deck.pptx"
    # Word knows no alignment "middle"; a slide size below the schema's minimum.
    bad_alignment = rewrite_part(briefing, tmp_path / "bad-alignment.docx", "word/document.xml",
                                 lambda xml: re.sub(r'<w:jc w:val="\w+"/>', '<w:jc w:val="middle"/>', xml, count=1))
    bad_size = rewrite_part(deck, tmp_path / "bad-size.pptx", "ppt/presentation.xml",
                            lambda xml: re.sub(r'<p:sldSz cx="\d+"', '<p:sldSz cx="10"', xml))
    errors = ooxml_gate.office_validator_errors([briefing, bad_alignment, bad_size])
    assert errors[briefing] == []
    assert any("middle" in e["description"] and e["path"]["partUri"] == "/word/document.xml"
               for e in errors[bad_alignment])
    assert any(e["path"]["partUri"] == "/ppt/presentation.xml" and "914400" in e["description"]  # 1 inch at least
               for e in errors[bad_size])


def test_the_structural_check_finds_what_office_refuses(example_build: Path, tmp_path: Path) -> None:
    briefing = example_build / "reports" / SUBJECT / "briefing.docx"
    deck = example_build / "reports" / SUBJECT / "deck.pptx"
    assert structure_problems(briefing) == [] and structure_problems(deck) == []

    no_styles = rewrite_part(briefing, tmp_path / "a.docx", "word/styles.xml", lambda xml: None)
    assert any("word/styles.xml, which is missing" in p for p in structure_problems(no_styles))

    no_type = rewrite_part(briefing, tmp_path / "b.docx", "[Content_Types].xml",
                           lambda xml: re.sub(r'<Override PartName="/word/styles.xml"[^>]*/>', "", xml))
    assert "word/styles.xml: content type application/xml, not the type of its kind of part" in structure_problems(no_type)
    no_png = rewrite_part(briefing, tmp_path / "b2.docx", "[Content_Types].xml",
                          lambda xml: re.sub(r'<Default Extension="png"[^>]*/>', "", xml))
    assert any(p.endswith(".png: no content type (no Override and no Default for its extension)")
               for p in structure_problems(no_png))

    twice = rewrite_part(briefing, tmp_path / "c.docx", "word/document.xml",
                         lambda xml: re.sub(r'<wp:docPr id="\d+"', '<wp:docPr id="7"', xml))
    assert any("drawing object id 7 used" in p for p in structure_problems(twice))

    unknown_rel = rewrite_part(deck, tmp_path / "d.pptx", "ppt/slides/slide1.xml",
                               lambda xml: xml.replace("<p:cSld", '<p:cSld xmlns:r="http://schemas.openxmlformats.org/'
                                                       'officeDocument/2006/relationships" r:id="rId999"', 1))
    assert any("relationship rId999" in p for p in structure_problems(unknown_rel))

    same_shape = rewrite_part(deck, tmp_path / "e.pptx", "ppt/slides/slide2.xml",
                              lambda xml: re.sub(r'<p:cNvPr id="\d+"', '<p:cNvPr id="5"', xml))
    assert any("ppt/slides/slide2.xml: shape id 5 used" in p for p in structure_problems(same_shape))

    truncated = tmp_path / "f.docx"
    truncated.write_bytes(briefing.read_bytes()[:5000])
    assert structure_problems(truncated)[0].startswith("package: not a zip file")

