"""The stress project built into decks on two templates, rendered by LibreOffice: nothing lost, nothing off.

tests/projects/stress holds 60 timeline events (a chart and a bulleted list), a 40-row table,
12 long sentences, a 900-character quote, Azerbaijani and Chinese text and editable charts.
It is built twice, on the built-in template and on a differently shaped one (4:3, other layout
names and placeholder sizes, Arial and Cambria), and both decks are converted to PDF in one
LibreOffice run shared by the module.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Inches
from project_copies import PROJECTS, copy_project
from test_pptx_support import (
    HAS_OFFICE,
    body_sizes,
    needs_office,
    norm,
    notes_of,
    pdf_words,
    rendering_problems,
    soffice_pdfs,
    title_of,
)

from dossier.build import build
from dossier.cli import main as cli_main

DATA = PROJECTS / "stress" / "data" / "stress"


def make_alt_template(path: Path) -> Path:
    """Write a template shaped unlike ours: 4:3, other layout names, moved placeholders, other fonts."""
    prs = Presentation()  # python-pptx's default: 4:3, Office layouts
    renames = {"Title Slide": "Title", "Section Header": "Section", "Title and Content": "Content"}
    for layout in list(prs.slide_layouts):
        if layout.name in renames:
            layout._element.cSld.set("name", renames[layout.name])
        elif layout.name in ("Two Content", "Blank", "Title and Vertical Text", "Vertical Title and Text"):
            prs.slide_layouts.remove(layout)
    content = next(lay for lay in prs.slide_layouts if lay.name == "Content")
    for ph in content.placeholders:
        if ph.placeholder_format.type == PP_PLACEHOLDER.TITLE:
            ph.left, ph.top, ph.width, ph.height = Inches(2.5), Inches(0.3), Inches(7.0), Inches(1.2)
        elif ph.placeholder_format.idx == 1:  # a content column on the right, a sidebar on the left
            ph.left, ph.top, ph.width, ph.height = Inches(2.5), Inches(1.7), Inches(7.0), Inches(4.9)
    theme = prs.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
    )
    theme._blob = (
        theme.blob.replace(b'<a:latin typeface="Calibri"/>', b'<a:latin typeface="Cambria"/>', 1)  # headings
        .replace(b'<a:latin typeface="Calibri"/>', b'<a:latin typeface="Arial"/>', 1)  # body
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    prs.save(str(path))
    return path


def build_deck(project: Path) -> Path:
    result = build(project, jobs=1)
    assert not result.failed, result.failed[0].error
    return project / "reports" / "stress" / "deck.pptx"


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> dict[str, Path]:
    """Build the stress deck on our template and on another; return {"ours": ..., "theirs": ...}."""
    root = tmp_path_factory.mktemp("stress")
    out = {}
    for name in ("ours", "theirs"):
        project = copy_project(PROJECTS / "stress", root / name)
        if name == "theirs":
            make_alt_template(project / "templates" / "theme" / "reference.pptx")
        out[name] = shutil.copy(build_deck(project), root / f"{name}.pptx")
    return {k: Path(v) for k, v in out.items()}


@pytest.fixture(scope="module")
def rendered(decks) -> dict[str, list]:
    """Convert both decks with one LibreOffice run; return each deck's pages of words."""
    if not HAS_OFFICE:
        pytest.skip("needs LibreOffice + poppler")
    names = list(decks)
    pdfs = soffice_pdfs([decks[n] for n in names], decks[names[0]].parent / "pdf")
    return {n: pdf_words(pdf) for n, pdf in zip(names, pdfs)}


def slides_titled(prs, title: str) -> list:
    return [s for s in prs.slides if title_of(s) in (title, f"{title} (cont.)")]


# ------------------------------------------------------------------ rendered by LibreOffice


@needs_office
@pytest.mark.parametrize("name", ["ours", "theirs"])
def test_every_word_is_rendered_inside_its_box_and_clear_of_pictures(decks, rendered, name):
    prs = Presentation(str(decks[name]))
    assert rendering_problems(prs, rendered[name]) == []


@needs_office
def test_libreoffice_draws_the_editable_combo_chart(decks, rendered):
    prs = Presentation(str(decks["ours"]))
    (n,) = [i for i, s in enumerate(prs.slides) if title_of(s) == "Exports, imports and the balance"]
    text = norm(" ".join(w[4] for w in rendered["ours"][n][2]))
    for label in ("Exports", "Imports", "Balance", "USD million", "2019"):
        assert norm(label) in text, label
    assert norm("Exports to and imports from China") not in text  # the chart's title: the slide's title says it


# ------------------------------------------------------------------ what the decks hold


@pytest.mark.parametrize("name", ["ours", "theirs"])
def test_no_body_text_below_the_floor_and_continuations_say_so(decks, name):
    prs = Presentation(str(decks[name]))
    for n, slide in enumerate(prs.slides, 1):
        sizes = body_sizes(slide)
        assert not sizes or min(sizes) >= 14, f"slide {n}: body text at {min(sizes)} pt"
    titles = [title_of(s) for s in prs.slides]
    for base in ("Sixty events as a list", "Forty trading partners", "Twelve long sentences"):
        assert titles.count(base) == 1 and titles.count(f"{base} (cont.)") >= 1, base


@pytest.mark.parametrize("name", ["ours", "theirs"])
def test_lists_split_between_items_and_tables_between_rows(decks, name):
    prs = Presentation(str(decks[name]))
    events = yaml.safe_load((DATA / "timeline.yaml").read_text(encoding="utf-8"))
    shown = [
        p.text
        for s in slides_titled(prs, "Sixty events as a list")
        for sh in s.shapes
        if sh.has_text_frame and sh.name == "Content"
        for p in sh.text_frame.paragraphs
    ]
    assert [t.split(": ", 1)[1] for t in shown] == [e["label"] for e in events]
    rows = []
    for s in slides_titled(prs, "Forty trading partners"):
        (table,) = [sh.table for sh in s.shapes if sh.has_table]
        cells = [[c.text for c in r.cells] for r in table.rows]
        assert cells[0] == ["Rank", "Partner", "Exports", "Imports", "Note"]
        rows += cells[1:]
    assert [r[0] for r in rows] == [str(i) for i in range(1, 41)]
    sentences = yaml.safe_load((DATA / "sentences.yaml").read_text(encoding="utf-8"))
    numbered = [
        p
        for s in slides_titled(prs, "Twelve long sentences")
        for sh in s.shapes
        if sh.has_text_frame and sh.name == "Content"
        for p in sh.text_frame.paragraphs
    ]
    assert [p.text for p in numbered] == [x["text"] for x in sentences]
    starts = [int(p._p.pPr.find("{*}buAutoNum").get("startAt")) for p in numbered]
    assert starts == list(range(1, 13))


def test_the_quote_arrives_whole_with_its_speaker(decks):
    prs = Presentation(str(decks["ours"]))
    quote = yaml.safe_load((DATA / "quote.yaml").read_text(encoding="utf-8"))
    text = " ".join(
        sh.text_frame.text for s in slides_titled(prs, "In their words") for sh in s.shapes if sh.name == "Quote"
    )
    assert norm(quote["text"]) in norm(text) and quote["speaker"] in text


@pytest.mark.parametrize("name", ["ours", "theirs"])
def test_every_slide_has_notes_and_continuations_cite_their_sources(decks, name):
    prs = Presentation(str(decks[name]))
    for n, slide in enumerate(prs.slides, 1):
        assert notes_of(slide).strip(), f"slide {n} has no notes"
    first, *rest = slides_titled(prs, "Sixty events as a list")
    assert notes_of(first).startswith("Each event cites its source")
    for s in rest:
        notes = notes_of(s)
        assert notes.startswith("Continued from “Sixty events as a list”.") and "Sources:" in notes


def test_slides_take_the_layouts_named_for_their_content(decks):
    prs = Presentation(str(decks["ours"]))
    by_title = {title_of(s): s.slide_layout.name for s in prs.slides}
    assert by_title["Stress test: a deck that must fit"] == "Title Slide"
    assert by_title["Sixty events"] == "Section Header"
    assert by_title["Sixty events as a chart"] == "Chart"
    assert by_title["Sixty events as a list"] == "Title and Content"
    assert by_title["Forty trading partners"] == "Table"
    assert by_title["In their words"] == "Quote"
    assert by_title["Two scripts side by side"] == "Two Content"  # asked for by name
    assert by_title["Investment with gaps"] == "Two Content"  # a chart beside text
    assert by_title["Sources"] == "Sources"
    assert by_title["Questions?"] == "Closing"


def test_another_template_is_used_through_its_own_layouts(decks):
    prs = Presentation(str(decks["theirs"]))
    assert (prs.slide_width, prs.slide_height) == (Inches(10), Inches(7.5))
    by_title = {title_of(s): s.slide_layout.name for s in prs.slides}
    assert by_title["Stress test: a deck that must fit"] == "Title"
    assert by_title["Sixty events"] == "Section"
    assert by_title["Sixty events as a list"] == "Content"
    assert by_title["Forty trading partners"] == "Title Only"
    assert by_title["Investment with gaps"] == "Comparison"
    content = slides_titled(prs, "Sixty events as a list")[0]
    (box,) = [sh for sh in content.shapes if sh.name == "Content"]
    assert box.is_placeholder and box.left >= Inches(2.5) - 12700  # in the template's content column
    runs = [r for p in box.text_frame.paragraphs for r in p.runs]
    assert {r.font.name for r in runs} == {"Arial"} and title_of(content)
    assert {r.font.name for p in content.shapes.title.text_frame.paragraphs for r in p.runs} == {"Cambria"}


def test_footer_is_real_placeholders_filled_per_slide(decks):
    prs = Presentation(str(decks["ours"]))
    for n, slide in enumerate(prs.slides, 1):
        kinds = {ph.placeholder_format.type: ph for ph in slide.placeholders}
        assert kinds[PP_PLACEHOLDER.FOOTER].text_frame.text == "OFFICIAL — FOR TESTING ONLY"
        assert kinds[PP_PLACEHOLDER.DATE].text_frame.text == "28 November 2025"
        if n == 1 or n == len(prs.slides):  # the title and closing slides carry no number
            assert PP_PLACEHOLDER.SLIDE_NUMBER not in kinds
        else:
            number = kinds[PP_PLACEHOLDER.SLIDE_NUMBER].text_frame.paragraphs[0]._p
            (field,) = number.findall("{*}fld")
            assert field.get("type") == "slidenum" and field.findtext("{*}t") == str(n)


# ------------------------------------------------------------------ a template without a needed layout


def test_a_template_without_a_needed_layout_fails_naming_it(tmp_path, capsys):
    project = copy_project(PROJECTS / "stress", tmp_path / "stress")
    prs = Presentation()
    for layout in list(prs.slide_layouts):
        if layout.name not in ("Title Slide", "Blank"):
            prs.slide_layouts.remove(layout)
    (project / "templates" / "theme").mkdir(parents=True)
    prs.save(str(project / "templates" / "theme" / "reference.pptx"))
    code = cli_main(["build", "--project", str(project), "--quiet"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and len(err) == 1
    (line,) = err
    assert line.startswith("templates/theme/reference.pptx: ")  # named by its path in the project
    assert "the template has no layout for" in line and "layouts present: 'Title Slide', 'Blank'" in line
    assert not (project / "reports" / "stress" / "deck.pptx").exists()
