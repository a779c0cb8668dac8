"""The reference document: generated reproducibly, complete, checked, and replaceable by an organisation's own."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import RGBColor

from dossier.errors import ConfigError
from dossier.writers.docx.reference import main, reference_docx_bytes, write_reference_docx
from dossier.writers.docx.styles import REQUIRED_STYLES
from dossier.writers.docx.writer import DocxWriter
from test_docx_sample import briefing_document, copy_example

ROOT = Path(__file__).resolve().parents[3]
COMMITTED = ROOT / "templates" / "theme" / "reference.docx"
KINDS = {"paragraph": WD_STYLE_TYPE.PARAGRAPH, "character": WD_STYLE_TYPE.CHARACTER, "table": WD_STYLE_TYPE.TABLE}


def styles_xml(path_or_bytes) -> bytes:
    source = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else path_or_bytes
    with zipfile.ZipFile(source) as z:
        return z.read("word/styles.xml")


# ---------------------------------------------------------------- the generated reference


def test_generator_is_reproducible_and_the_committed_file_is_current(tmp_path):
    assert reference_docx_bytes() == reference_docx_bytes()
    assert main([str(tmp_path / "theme" / "reference.docx")]) == 0
    assert (tmp_path / "theme" / "reference.docx").read_bytes() == reference_docx_bytes()
    assert COMMITTED.read_bytes() == reference_docx_bytes(), (
        "templates/theme/reference.docx is stale: run python -m dossier.writers.docx.reference "
        "templates/theme/reference.docx")


def test_command_line_usage(capsys):
    assert main([]) == 2
    assert "usage" in capsys.readouterr().err
    assert main(["--merge", "only-one.docx"]) == 2


def test_generator_never_replaces_a_file_unasked(tmp_path, capsys):
    theirs = tmp_path / "reference.docx"
    docx.Document().save(theirs)
    before, stamp = theirs.read_bytes(), theirs.stat().st_mtime_ns
    assert main([str(theirs)]) == 1
    err = capsys.readouterr().err
    assert "exists" in err and "--force" in err
    assert theirs.read_bytes() == before and theirs.stat().st_mtime_ns == stamp
    assert main(["--force", str(theirs)]) == 0
    assert theirs.read_bytes() == reference_docx_bytes()


def test_reference_holds_every_required_style_and_a4_page(tmp_path):
    d = docx.Document(str(write_reference_docx(tmp_path / "r.docx")))
    by_name = {s.name.lower(): s for s in d.styles}
    for name, kind in REQUIRED_STYLES.items():
        assert by_name[name.lower()].type == KINDS[kind], name
    assert not d.paragraphs and not d.tables
    section = d.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    assert d.styles["Heading 1"].font.bold and d.styles["Heading 1"].paragraph_format.keep_with_next
    # numbering behind the list styles, one definition per style
    numbering = d.part.numbering_part.element
    for name in ("List Bullet", "List Bullet 2", "List Number", "List Number 2"):
        num_id = int(d.styles[name].element.pPr.numPr.numId.val)
        assert numbering.num_having_numId(num_id) is not None


def test_writer_without_reference_uses_the_same_look(tmp_path):
    document = briefing_document(tmp_path)
    DocxWriter(None, refresh_fields=False).write(document, tmp_path / "a.docx")
    DocxWriter(COMMITTED, refresh_fields=False).write(document, tmp_path / "b.docx")
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()


# ---------------------------------------------------------------- an organisation's reference


def organisation_reference(target: Path) -> Path:
    """The built-in reference restyled as an organisation might: other fonts and colours."""
    d = docx.Document(io.BytesIO(reference_docx_bytes()))
    heading = d.styles["Heading 1"]
    heading.font.name = "DejaVu Serif"
    heading.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    d.styles["Body Text"].font.name = "DejaVu Serif"
    d.styles["Title"].font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    fill = d.styles["Table"].element.find(f".//{qn('w:tblStylePr')}//{qn('w:shd')}")
    fill.set(qn("w:fill"), "FFE0E0")
    d.save(target)
    return target


def test_output_takes_the_look_of_an_organisation_reference(tmp_path):
    ref = organisation_reference(tmp_path / "org.docx")
    DocxWriter(ref, refresh_fields=False).write(briefing_document(tmp_path), tmp_path / "out.docx")
    out = docx.Document(str(tmp_path / "out.docx"))
    assert out.styles["Heading 1"].font.name == "DejaVu Serif"
    assert out.styles["Heading 1"].font.color.rgb == RGBColor(0xC0, 0x00, 0x00)
    assert out.styles["Body Text"].font.name == "DejaVu Serif"
    assert styles_xml(tmp_path / "out.docx") == styles_xml(ref)  # every style exactly as the organisation made it
    assert next(p for p in out.paragraphs if p.style.name == "Heading 1").runs[0].font.name is None


def test_build_uses_the_theme_reference(tmp_path):
    from project_copies import run_dossier

    copy_example(tmp_path)
    organisation_reference(tmp_path / "templates" / "theme" / "reference.docx")
    result = run_dossier("build", "--project", str(tmp_path), "azerbaijan-china")
    assert result.returncode == 0, result.stderr
    out = tmp_path / "reports" / "azerbaijan-china" / "briefing.docx"
    d = docx.Document(str(out))
    assert d.styles["Heading 1"].font.name == "DejaVu Serif"
    assert d.styles["Heading 1"].font.color.rgb == RGBColor(0xC0, 0x00, 0x00)
    assert b'w:fill="FFE0E0"' in styles_xml(out)
    assert [p.text for p in d.paragraphs if p.style.name == "Heading 1"][0] == "Summary"
    if shutil.which("soffice") and shutil.which("pdffonts"):
        import subprocess

        from test_docx_rendering import to_pdf

        fonts = subprocess.run(["pdffonts", str(to_pdf(out, tmp_path / "pdf"))], capture_output=True, text=True,
                               check=True).stdout
        assert "DejaVuSerif" in fonts  # LibreOffice drew the organisation's face


def test_style_names_match_without_regard_to_case(tmp_path):
    d = docx.Document(io.BytesIO(reference_docx_bytes()))
    d.styles["footnote text"].element.find(qn("w:name")).set(qn("w:val"), "Footnote Text")  # as LibreOffice saves it
    path = tmp_path / "lo.docx"
    d.save(path)
    DocxWriter(path, refresh_fields=False).write(briefing_document(tmp_path), tmp_path / "out.docx")


def test_not_a_docx_is_a_config_error(tmp_path):
    path = tmp_path / "reference.docx"
    path.write_text("not a zip")
    with pytest.raises(ConfigError) as err:
        DocxWriter(path)
    assert err.value.file == str(path)


def test_body_face_has_tabular_figures():
    """Right-aligned numbers line up only if every digit has the same advance: true of Noto Sans's default figures."""
    import subprocess

    from dossier.writers.docx.stylesheet import BODY_FONT

    fontTools = pytest.importorskip("fontTools.ttLib")
    found = subprocess.run(["fc-match", "-f", "%{family}|%{file}", f"{BODY_FONT}:style=Regular"],
                           capture_output=True, text=True) if shutil.which("fc-match") else None
    if found is None or not found.stdout.startswith(BODY_FONT):
        pytest.skip(f"{BODY_FONT} is not installed")
    for path in (found.stdout.split("|", 1)[1], found.stdout.split("|", 1)[1].replace("Regular", "Bold")):
        font = fontTools.TTFont(path)
        cmap, metrics = font.getBestCmap(), font["hmtx"]
        assert len({metrics[cmap[ord(d)]][0] for d in "0123456789"}) == 1, path
