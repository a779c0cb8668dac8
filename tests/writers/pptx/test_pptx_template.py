"""The deck's template: the reference deck we ship, layouts found by name, fonts read from the theme."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Emu

from dossier.errors import ConfigError
from dossier.model import Document, Heading, Location, Paragraph, Text
from dossier.writers.pptx.fonts import DEFAULT_FONTS, FontSet, face, font_file, theme_fonts, use_fonts
from dossier.writers.pptx.layouts import describe_layouts
from dossier.writers.pptx.reference import LAYOUTS, main, reference_pptx_bytes
from dossier.writers.pptx.template import LAYOUT_ROLES, Template
from dossier.writers.pptx.text import Para, Span
from dossier.writers.pptx.wrap import single_line_width
from dossier.writers.pptx.writer import PptxWriter

ROOT = Path(__file__).resolve().parents[3]
NAMES = ["Title Slide", "Section Header", "Title and Content", "Two Content", "Chart", "Table", "Quote",
         "Sources", "Closing"]


def test_committed_reference_deck_is_the_generated_one():
    committed = ROOT / "templates" / "theme" / "reference.pptx"
    assert committed.read_bytes() == reference_pptx_bytes(), (
        "templates/theme/reference.pptx is stale: run python -m dossier.writers.pptx.reference "
        "templates/theme/reference.pptx"
    )


def test_reference_deck_is_16_by_9_with_the_named_layouts_and_real_footers():
    prs = Presentation(io.BytesIO(reference_pptx_bytes()))
    assert (prs.slide_width, prs.slide_height) == (Emu(12192000), Emu(6858000))
    assert [layout.name for layout in prs.slide_layouts] == NAMES == [name for name, *_ in LAYOUTS]
    assert len(prs.slides) == 0
    for layout in prs.slide_layouts:
        types = {ph.placeholder_format.type for ph in layout.placeholders}
        assert {PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER} <= types, layout.name
        assert (PP_PLACEHOLDER.SLIDE_NUMBER in types) == (layout.name not in ("Title Slide", "Closing"))
        assert types & {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE}, layout.name
    fonts = Template(None).fonts
    assert (fonts.heading, fonts.body) == ("Calibri", "Calibri")


def test_the_generator_command_writes_the_same_bytes(tmp_path):
    assert main([str(tmp_path / "ref.pptx")]) == 0
    assert (tmp_path / "ref.pptx").read_bytes() == reference_pptx_bytes()
    assert main([]) == 2


def test_every_role_finds_a_layout_in_our_template_and_in_the_office_default(tmp_path):
    ours = Template(None)
    assert {role: ours.for_role(role).name for role in LAYOUT_ROLES} == {
        "title": "Title Slide", "section": "Section Header", "content": "Title and Content",
        "two": "Two Content", "chart": "Chart", "table": "Table", "quote": "Quote", "sources": "Sources",
        "closing": "Closing",
    }
    Presentation().save(str(tmp_path / "office.pptx"))  # python-pptx's default: Office's layout names
    office = Template(tmp_path / "office.pptx")
    assert office.for_role("chart").name == "Title Only"
    assert office.for_role("sources").name == "Title and Content"
    assert office.for_role("two").columns  # its two content placeholders side by side


def test_a_missing_layout_is_a_config_error_naming_it_and_listing_those_present(tmp_path):
    prs = Presentation()
    for layout in list(prs.slide_layouts):
        if layout.name not in ("Title Slide", "Blank"):
            prs.slide_layouts.remove(layout)
    prs.save(str(tmp_path / "thin.pptx"))
    template = Template(tmp_path / "thin.pptx")
    assert template.for_role("title").name == "Title Slide"
    with pytest.raises(ConfigError) as err:
        template.for_role("chart")
    message = str(err.value)
    assert message.startswith(str(tmp_path / "thin.pptx") + ": the template has no layout for chart slides")
    assert "title and content placeholders" in message and "titleOnly" in message and "'Chart'" in message
    assert "layouts present: 'Title Slide', 'Blank'" in message


def test_a_layout_asked_for_by_name_must_exist_unless_it_is_a_standard_one(tmp_path):
    ours = Template(None)
    loc = Location("templates/deck.md.j2", 12)
    assert ours.named("two content", loc).name == "Two Content"
    with pytest.raises(ConfigError) as err:
        ours.named("Big Number", loc)
    assert str(err.value).startswith("templates/deck.md.j2:12: layout 'Big Number' is not in built-in template")
    assert "'Closing'" in str(err.value)
    doc = Document({}, (Heading(2, (Text("Hi"),), loc, {"layout": "Big Number"}),
                        Paragraph((Text("x"),), loc)), {}, "deck.md")
    with pytest.raises(ConfigError):
        PptxWriter().write(doc, tmp_path / "x.pptx")
    Presentation().save(str(tmp_path / "office.pptx"))
    assert Template(tmp_path / "office.pptx").named("Chart", loc).name == "Title Only"  # a standard name falls back


def test_content_area_lies_between_title_and_footer():
    ours = Template(None)
    info = ours.for_role("content")
    assert info.title is not None and info.area.y >= info.title.bottom
    assert info.area.bottom <= ours.footer_top(info.layout)
    two = ours.for_role("two")
    assert len(two.columns) == 2 and two.columns[0].right <= two.columns[1].x


def test_describe_layouts_lists_placeholders_in_centimetres(tmp_path):
    (tmp_path / "ref.pptx").write_bytes(reference_pptx_bytes())
    text = describe_layouts(tmp_path / "ref.pptx")
    assert "slide size: 33.87 × 19.05 cm" in text
    assert "layout 4: 'Two Content'" in text
    assert "'Right Content': type OBJECT, idx 2, at (17.29, 3.67) cm, size 15.17 × 13.41 cm" in text
    assert "'Slide Number': type SLIDE_NUMBER, idx 12" in text
    assert "headings: Calibri -> " in text and "metric-compatible Carlito: width error 0 %" in text
    assert "  chart: 'Chart' — chart placeholder" in text
    prs = Presentation()
    for layout in list(prs.slide_layouts):
        if layout.name != "Blank":
            prs.slide_layouts.remove(layout)
    prs.save(str(tmp_path / "blank.pptx"))
    assert "  content: MISSING (needs a layout with title and content placeholders" in describe_layouts(
        tmp_path / "blank.pptx"
    )


# ------------------------------------------------------------------ fonts


def test_theme_fonts_come_from_the_theme_part():
    xml = (
        b'<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:themeElements>'
        b'<a:fontScheme name="x"><a:majorFont><a:latin typeface="Cambria"/><a:ea typeface=""/></a:majorFont>'
        b'<a:minorFont><a:latin typeface="Arial"/><a:ea typeface=""/></a:minorFont></a:fontScheme>'
        b"</a:themeElements></a:theme>"
    )
    assert theme_fonts(xml) == FontSet(heading="Cambria", body="Arial", mono=DEFAULT_FONTS.mono, ea=DEFAULT_FONTS.ea)
    assert theme_fonts(None) == DEFAULT_FONTS and theme_fonts(b"not xml") == DEFAULT_FONTS


@pytest.mark.parametrize(
    ("family", "file_part"), [("Calibri", "Carlito"), ("Cambria", "Caladea"), ("Arial", "LiberationSans")]
)
def test_proprietary_fonts_are_measured_with_metric_compatible_substitutes(family, file_part):
    path = font_file(family)
    if path is None or file_part not in path:
        pytest.skip(f"{file_part} is not installed")
    assert file_part in face(family).path


def test_text_is_measured_with_the_theme_font():
    p = Para(spans=(Span("The quick brown fox jumps over the lazy dog"),))
    widths = {}
    for family in ("Calibri", "Arial"):
        with use_fonts(FontSet(heading=family, body=family)):
            widths[family] = single_line_width(p, 20)
    assert widths["Arial"] > widths["Calibri"] * 1.05  # Arial (Liberation Sans) sets wider than Calibri (Carlito)


def test_runs_carry_the_theme_fonts(tmp_path):
    loc = Location("d.md", 1)
    doc = Document({"title": "Deck"}, (Heading(2, (Text("Slide"),), loc), Paragraph((Text("Body 中文"),), loc)),
                   {}, "d.md")
    PptxWriter().write(doc, tmp_path / "d.pptx")
    slide = Presentation(str(tmp_path / "d.pptx")).slides[1]
    (body,) = [s for s in slide.shapes if s.name == "Content"]
    run = body.text_frame.paragraphs[0].runs[0]
    assert run.font.name == "Calibri"
    assert run._r.rPr.find("{*}ea").get("typeface") == DEFAULT_FONTS.ea


def test_a_template_without_footer_placeholders_or_titles_still_gets_them_clear_of_the_content(tmp_path):
    prs = Presentation()
    footer_types = {PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER}
    for part in [prs.slide_master, *prs.slide_layouts]:
        for ph in list(part.placeholders):
            if ph.placeholder_format.type in footer_types:
                ph._element.getparent().remove(ph._element)
    prs.save(str(tmp_path / "bare.pptx"))
    loc = Location("d.md", 3)
    items = tuple(Paragraph((Text(f"Paragraph {i} with a few words in it."),), loc) for i in range(14))
    doc = Document(
        {"title": "Deck", "date": "2025-11-28", "classification": "OFFICIAL"},
        (Heading(2, (Text("No title placeholder"),), loc, {"layout": "Blank"}), *items),
        {}, "d.md",
    )
    PptxWriter(tmp_path / "bare.pptx").write(doc, tmp_path / "d.pptx")
    out = Presentation(str(tmp_path / "d.pptx"))
    for number, slide in enumerate(out.slides, 1):
        names = {s.name: s for s in slide.shapes}
        assert names["Classification"].text_frame.text == "OFFICIAL"
        if number > 1:
            assert names["Slide Number"].text_frame.text == str(number)
            assert names["Title"].text_frame.text.startswith("No title placeholder")
        shapes = [s for s in slide.shapes if s.has_text_frame]
        for i, a in enumerate(shapes):
            assert a.top + a.height <= out.slide_height and a.left + a.width <= out.slide_width
            for b in shapes[i + 1:]:
                apart = (a.left + a.width <= b.left or b.left + b.width <= a.left
                         or a.top + a.height <= b.top or b.top + b.height <= a.top)
                assert apart, (number, a.name, b.name)


def test_a_template_read_again_shares_what_was_read_from_it_but_not_its_presentation(tmp_path):
    first, second = Template(None), Template(None)
    assert first.facts is second.facts  # the same bytes: layouts measured and chosen once per process
    assert first.prs is not second.prs  # each deck is written on a presentation of its own
    info = second.for_role("content")
    assert info is not first.for_role("content") and info.layout in second.layouts and info.layout not in first.layouts
    assert info.area == first.for_role("content").area
    (tmp_path / "ours.pptx").write_bytes(reference_pptx_bytes())  # the same bytes under a name
    assert Template(tmp_path / "ours.pptx").facts is first.facts


def test_a_template_without_a_layout_for_a_role_fails_every_check_alike(tmp_path):
    prs = Presentation()
    for layout in list(prs.slide_layouts):
        if layout.name != "Blank":
            prs.slide_layouts.remove(layout)
    prs.save(str(tmp_path / "blank.pptx"))
    messages = []
    for _ in range(3):  # what is kept per process never hides the error
        with pytest.raises(ConfigError) as err:
            PptxWriter.check_theme(tmp_path / "blank.pptx")
        messages.append(str(err.value))
    assert len(set(messages)) == 1 and "no layout for content slides" in messages[0]
