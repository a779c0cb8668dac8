"""Organisations' PowerPoint templates, as they are: the example deck built on each (tests/themes/README.md).

The templates are the synthetic ones of ``synthetic.py`` (each rebuilding a trait of a real
template that may not be committed), a LibreOffice export and a real .potx published under
the Apache licence. On each the example deck must build; no title or text is cut; every
colour dossier gives a run stands out against what lies behind it; LibreOffice draws every
word inside its box and none over a picture of the layout or master.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent / "writers" / "pptx"))
sys.path.insert(0, str(HERE))

from decks import build_on  # noqa: E402
from synthetic import SYNTHETIC, make  # noqa: E402
from test_pptx_support import HAS_OFFICE, needs_office, norm, pdf_words, soffice_pdfs  # noqa: E402

from dossier.errors import WriterError  # noqa: E402
from dossier.model import Document, Heading, Location, Paragraph, Text  # noqa: E402
from dossier.writers.pptx.boxes import Rect  # noqa: E402
from dossier.writers.pptx.colours import MIN_CONTRAST, contrast, palette_for  # noqa: E402
from dossier.writers.pptx.fit import DoesNotFit, fit_lines  # noqa: E402
from dossier.writers.pptx.layouts import describe_layouts  # noqa: E402
from dossier.writers.pptx.template import Template  # noqa: E402
from dossier.writers.pptx.writer import PptxWriter  # noqa: E402

COMMITTED = {"libreoffice-export": HERE / "libreoffice-export.pptx", "sol-eng-potx": HERE / "sol-eng-template.potx"}
NAMES = list(SYNTHETIC) + list(COMMITTED)
ROLES = ("title", "section", "content", "two", "chart", "table", "quote", "sources", "closing")


@pytest.fixture(scope="module")
def templates(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("templates")
    return {**{name: make(name, folder) for name in SYNTHETIC}, **COMMITTED}


@pytest.fixture(scope="module")
def built(templates, tmp_path_factory) -> dict[str, tuple[Path, list[str]]]:
    """Build the example deck on every template (the charts drawn once); return {name: (deck, warnings)}."""
    root = tmp_path_factory.mktemp("decks")
    out: dict[str, tuple[Path, list[str]]] = {}
    charts = None
    for name in NAMES:
        deck, warnings, error = build_on(templates[name], root / name, charts)
        assert not error, f"{name}: {error}"
        charts = charts or root / name / "build" / "charts"
        out[name] = (Path(shutil.copy(deck, root / f"{name}.pptx")), warnings)
    return out


@pytest.fixture(scope="module")
def rendered(built) -> dict[str, list]:
    if not HAS_OFFICE:
        pytest.skip("needs LibreOffice + poppler")
    decks = [built[name][0] for name in NAMES]
    pdfs = soffice_pdfs(decks, decks[0].parent / "pdf")
    return {name: pdf_words(pdf) for name, pdf in zip(NAMES, pdfs)}


# ------------------------------------------------------------------ layouts by type, in any language


def test_localised_layout_names_are_found_by_their_types(templates):
    template = Template(templates["japanese"])
    chosen = {role: template.choice(role) for role in ROLES}
    assert all(chosen.values()), chosen
    names = {role: found[0].name for role, found in chosen.items()}
    assert names["title"] == "タイトル スライド" and names["section"] == "セクション見出し"
    assert names["content"] == "タイトルとコンテンツ" and names["two"] == "2 つのコンテンツ"
    assert names["chart"] == "タイトルのみ"
    assert chosen["section"][1] == "type secHead"
    text = describe_layouts(templates["japanese"])
    assert "MISSING" not in text and "  section: 'セクション見出し' — type secHead" in text


def test_google_slides_layouts_are_found_by_type_and_name(templates):
    template = Template(templates["google-slides"])
    assert template.for_role("content").name == "TITLE_AND_BODY"
    assert template.for_role("two").name == "TITLE_AND_TWO_COLUMNS"
    assert template.for_role("section").name == "SECTION_HEADER"


def test_a_layout_without_a_title_placeholder_is_never_chosen(templates, built):
    template = Template(templates["title-without-placeholder"])
    assert template.for_role("title").name == "Cover"  # not "Title", whose type says title but has no placeholder
    deck = Presentation(str(built["title-without-placeholder"][0]))
    assert all(slide.slide_layout.name != "Title" for slide in deck.slides)


def test_a_potx_is_opened_and_the_deck_is_a_presentation(templates, built):
    assert Template(templates["potx"]).for_role("content").name == "Title and Content"
    for name in ("potx", "sol-eng-potx"):
        deck = built[name][0]
        assert Presentation(str(deck)).slides  # python-pptx opens only presentations, not templates
        assert b"presentationml.template.main" not in _content_types(deck)


# ------------------------------------------------------------------ fitting in the template's boxes


def test_google_slides_titles_keep_zero_insets_and_fit_whole(built, templates):
    path = built["google-slides"][0]
    deck = Presentation(str(path))
    md = (path.parent / "google-slides" / "build" / "azerbaijan-china" / "deck.md").read_text(encoding="utf-8")
    headings = [line.lstrip("#").split("{")[0].strip() for line in md.splitlines() if line.startswith("## ")]
    headings = [h for h in headings if h and "\\" not in h]
    titles = []
    for slide in deck.slides:
        title = slide.shapes.title
        if title is None or not title.text_frame.text:
            continue
        titles.append(title.text_frame.text)
        body_pr = title._element.find(qn("p:txBody")).find(qn("a:bodyPr"))
        assert dict(body_pr.attrib) == {} and len(body_pr) == 0, "the layout's insets and autofit are replaced"
        sizes = {r.font.size.pt for p in title.text_frame.paragraphs for r in p.runs}
        assert sizes and min(sizes) >= 14
    assert set(headings) <= {t.removesuffix(" (cont.)") for t in titles}
    assert all("…" not in t for t in titles)


def test_no_text_is_cut_on_any_template(built):
    for name, (deck, _) in built.items():
        md = (deck.parent / name / "build" / "azerbaijan-china" / "deck.md").read_text(encoding="utf-8")
        for slide in Presentation(str(deck)).slides:
            for shape in slide.shapes:
                texts = [shape.text_frame.text] if shape.has_text_frame else []
                if shape.has_table:
                    texts += [c.text for row in shape.table.rows for c in row.cells]
                for text in texts:
                    text = " ".join(text.split())
                    for at in [k for k, ch in enumerate(text) if ch == "…"]:  # every ellipsis is the data's
                        assert text[max(0, at - 12) : at + 1] in md, (name, text)


def test_a_word_wider_than_its_box_shrinks_the_title_or_fails_naming_the_slide(tmp_path, templates):
    size, text = fit_lines("Azerbaijanis", 120, 60, 34, 24, 2, last_resort=14)
    assert text == "Azerbaijanis" and size < 24  # shrunk until the word fits on a line, not broken
    with pytest.raises(DoesNotFit):
        fit_lines("Pneumonoultramicroscopicsilicovolcanoconiosis", 80, 60, 34, 24, 2, last_resort=14)
    loc = Location("deck.md", 7)
    doc = Document(
        {},
        (Heading(2, (Text("Rechtsschutzversicherungsgesellschaftenzusammenschlussverhandlungen" * 2),), loc),
         Paragraph((Text("x"),), loc)),
        {},
        "deck.md",
    )
    with pytest.raises(WriterError) as err:
        PptxWriter(templates["google-slides"]).write(doc, tmp_path / "x.pptx")
    assert str(err.value).startswith("deck.md:7: slide 1 (“Rechtsschutz")


# ------------------------------------------------------------------ the master respected


def _rect(shape) -> tuple[int, int, int, int]:
    return shape.left, shape.top, shape.left + shape.width, shape.top + shape.height


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _template_pictures(slide) -> list[tuple[int, int, int, int]]:
    layout = slide.slide_layout
    sources = [layout] + ([layout.slide_master] if layout._element.get("showMasterSp") != "0" else [])
    return [
        _rect(s) for src in sources for s in src.shapes if not s.is_placeholder and s._element.tag == qn("p:pic")
    ]


def test_content_keeps_clear_of_the_logo_and_not_edge_to_edge_under_a_full_bleed_band(built):
    deck = Presentation(str(built["logo-band"][0]))
    W = deck.slide_width
    checked = 0
    for slide in deck.slides:
        logos = _template_pictures(slide)
        assert logos
        for shape in slide.shapes:
            if shape.is_placeholder and shape.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE):
                continue
            assert not any(_overlap(_rect(shape), logo) for logo in logos), (shape.name, slide.slide_layout.name)
            if shape.name in ("Content", "Table") or shape.has_chart or shape.shape_type == 13:
                assert shape.left >= W * 0.04 and shape.left + shape.width <= W * 0.96, shape.name
                checked += 1
    assert checked > 10


def _runs_with_colour(shape):
    """Yield (run properties element, the colour element) of every run dossier coloured in a shape."""
    bodies = [shape._element.find(qn("p:txBody"))] if shape.has_text_frame else []
    if shape.has_table:
        bodies += [cell._tc.find(qn("a:txBody")) for row in shape.table.rows for cell in row.cells]
    for body in bodies:
        if body is None:
            continue
        for rpr in body.iter(qn("a:rPr")):
            fill = rpr.find(qn("a:solidFill"))
            if fill is not None and len(fill):
                yield rpr, fill[0]


def test_every_colour_dossier_writes_has_contrast_on_the_dark_master(built):
    deck_path = built["dark-master"][0]
    deck = Presentation(str(deck_path))
    W, H = deck.slide_width / 12700, deck.slide_height / 12700
    pairs = 0
    for n, slide in enumerate(deck.slides, 1):
        palette = palette_for(slide.slide_layout, W, H)
        assert palette.background == "121212"
        for shape in slide.shapes:
            r = Rect(shape.left / 12700, shape.top / 12700, shape.width / 12700, shape.height / 12700)
            for rpr, colour in _runs_with_colour(shape):
                behind = palette.behind(r)
                if shape.has_table:
                    tc = rpr.getparent().getparent().getparent().getparent()
                    cell_fill = tc.find(qn("a:tcPr")).find(qn("a:solidFill"))
                    behind = palette.resolve(cell_fill[0])
                ratio = contrast(palette.resolve(colour), behind)
                assert ratio >= MIN_CONTRAST, f"slide {n} {shape.name}: {ratio:.2f}:1"
                pairs += 1
    assert pairs > 30  # the 16-slide example deck: every coloured run checked is counted


def test_dossier_layouts_shows_each_choice_with_its_reason_and_the_font_stand_in(templates):
    text = describe_layouts(templates["google-slides"])
    assert "headings: Arial -> " in text and "(metric-compatible Liberation Sans: width error 0 %)" in text
    assert "  content: 'TITLE_AND_BODY' — type obj/tx (title and content)" in text
    assert "  chart: 'TITLE_ONLY' — fallback: type titleOnly" in text


def test_a_font_without_metrics_is_a_warning_of_the_build(tmp_path, templates, built):
    prs = Presentation(str(templates["japanese"]))
    theme = prs.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
    )
    theme._blob = theme.blob.replace(b'<a:latin typeface="Calibri"/>', b'<a:latin typeface="Nonexistent Sans"/>', 1)
    prs.save(str(tmp_path / "odd-font.pptx"))
    loc = Location("deck.md", 3)
    writer = PptxWriter(tmp_path / "odd-font.pptx")
    warnings = writer.check(Document({}, (Heading(2, (Text("Hi"),), loc), Paragraph((Text("x"),), loc)), {}, "deck.md"))
    assert any("theme heading font Nonexistent Sans" in w and "width error unknown" in w for w in warnings)
    assert PptxWriter.check_theme(tmp_path / "odd-font.pptx") == warnings  # what `dossier check` reports
    assert built["japanese"][1] == [w for w in built["japanese"][1] if "font" not in w]  # Calibri: no warning


# ------------------------------------------------------------------ rendered by LibreOffice


@needs_office
@pytest.mark.parametrize("name", NAMES)
def test_libreoffice_draws_every_word_in_its_box_and_none_over_a_template_picture(built, rendered, name):
    deck = Presentation(str(built[name][0]))
    pages = rendered[name]
    assert len(pages) == len(deck.slides)
    problems = []
    for n, (slide, (pw, ph, words)) in enumerate(zip(deck.slides, pages), 1):
        scale = pw / (deck.slide_width / 12700)

        def pt(r, scale=scale):
            return tuple(v / 12700 * scale for v in r)

        layout = slide.slide_layout
        template_shapes = [s for src in (layout, layout.slide_master) for s in src.shapes if not s.is_placeholder]
        boxes = [pt(_rect(s)) for s in slide.shapes if s.has_text_frame or s.has_table or s.has_chart]
        boxes += [pt(_rect(s)) for s in template_shapes if s.has_text_frame]
        pictures = [pt(r) for r in _template_pictures(slide)] + [
            pt(_rect(s)) for s in slide.shapes if s.shape_type == 13
        ]
        rendered_text = norm("".join(w[4] for w in words))
        for shape in slide.shapes:
            if shape.has_text_frame:
                for token in shape.text_frame.text.split():
                    if norm(token) not in rendered_text:
                        problems.append(f"slide {n}: {token!r} not rendered")
        for x0, y0, x1, y1, word in words:
            if not any(x0 >= b[0] - 1 and x1 <= b[2] + 1 and y0 >= b[1] - 1 and y1 <= b[3] + 1 for b in boxes):
                problems.append(f"slide {n}: {word!r} out of its box")
            if any(_overlap((x0, y0, x1, y1), p) for p in pictures):
                problems.append(f"slide {n}: {word!r} over a picture")
    assert problems == []


def _content_types(deck: Path) -> bytes:
    import zipfile

    with zipfile.ZipFile(deck) as z:
        return z.read("[Content_Types].xml")
