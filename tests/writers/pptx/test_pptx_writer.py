"""PptxWriter: slides from the document model, text fitted to its boxes, nothing off the slide."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import unicodedata
import uuid
from pathlib import Path

import pytest
from PIL import Image as PILImage
from PIL import ImageDraw
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu

from dossier.errors import WriterError
from dossier.model import (
    Chart,
    ChartSpec,
    Document,
    Footnote,
    FootnoteRef,
    Heading,
    Image,
    LineBreak,
    ListBlock,
    ListItem,
    Location,
    Notes,
    Paragraph,
    Quote,
    SlideBreak,
    Table,
    Text,
)
from dossier.writers import writer_for
from dossier.writers.pptx.fit import DoesNotFit, fit_lines, paginate
from dossier.writers.pptx.fonts import DEFAULT_FONTS
from dossier.writers.pptx.text import Para, Span
from dossier.writers.pptx.wrap import para_height, para_lines

MONO = DEFAULT_FONTS.mono
from dossier.writers.pptx.writer import PptxWriter

SENTENCE = (
    "A fairly long sentence about a risk to the outlook that a presenter would want to explain, "
    "with enough context that it wraps onto a second line"
)


# ------------------------------------------------------------------ helpers


def loc(line: int) -> Location:
    return Location("templates/deck.md.j2", line)


def para(*runs, line: int = 10) -> Paragraph:
    return Paragraph(tuple(Text(r) if isinstance(r, str) else r for r in runs), loc(line))


def item(*runs) -> ListItem:
    return ListItem((para(*runs),), loc(11))


def bullets(*items: ListItem, ordered: bool = False) -> ListBlock:
    return ListBlock(ordered, tuple(items), loc(12))


def h(level: int, text: str, line: int = 5) -> Heading:
    return Heading(level, (Text(text),), loc(line))


def cell(text: str):
    return (Text(text),)


def make_png(path: Path, size=(1600, 900), color="#1f77b4") -> Path:
    im = PILImage.new("RGB", size, "white")
    d = ImageDraw.Draw(im)
    for i in range(6):
        d.rectangle([100 + i * 230, size[1] - 100 - i * 100, 250 + i * 230, size[1] - 60], fill=color)
    im.save(path)
    return path


def chart(
    png: Path | None, alt="Bar chart: exports rose from 22 to 35 bn USD.", title="Exports", line=30
) -> Chart:
    spec = ChartSpec(
        "bar", title, "USD bn", "State Statistical Committee", categories=("2022", "2023"), alt=alt
    )
    return Chart(spec, loc(line), {"slide": png} if png else {})


def footnote(label: str, number: int, text: str) -> Footnote:
    return Footnote(label, number, (Text(text),), loc(90 + number))


def document(blocks, meta=None, footnotes=None) -> Document:
    meta = (
        {"title": "Azerbaijan briefing", "date": "28 November 2025", "classification": "OFFICIAL"}
        if meta is None
        else meta
    )
    return Document(meta, tuple(blocks), footnotes or {}, "deck.md")


def write(tmp_path: Path, doc: Document, name="deck.pptx", **kw):
    target = tmp_path / name
    PptxWriter(**kw).write(doc, target)
    return Presentation(str(target))


def rect(shape) -> tuple[int, int, int, int]:
    return shape.left, shape.top, shape.left + shape.width, shape.top + shape.height


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def texts_of(slide) -> list[str]:
    return [s.text_frame.text for s in slide.shapes if s.has_text_frame and s.text_frame.text.strip()]


def title_of(slide) -> str:
    shape = slide.shapes.title
    return shape.text_frame.text if shape is not None else ""


def body_boxes(slide):
    return [
        s for s in slide.shapes if s.has_text_frame and s.name in ("Content", "Takeaway", "Quote", "Caption")
    ]


def run_sizes(shapes) -> list[float]:
    return [r.font.size.pt for s in shapes for p in s.text_frame.paragraphs for r in p.runs]


def notes_of(slide) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


def assert_inside_slide(prs) -> None:
    W, H = prs.slide_width, prs.slide_height
    for n, slide in enumerate(prs.slides, 1):
        for s in slide.shapes:
            x0, y0, x1, y1 = rect(s)
            assert x0 >= 0 and y0 >= 0 and x1 <= W and y1 <= H, f"slide {n}: {s.name} off the slide"


def assert_pictures_clear(prs) -> None:
    for n, slide in enumerate(prs.slides, 1):
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        texts = [s for s in slide.shapes if (s.has_text_frame and s.text_frame.text.strip()) or s.has_table]
        for p in pictures:
            for t in texts:
                assert not overlap(rect(p), rect(t)), f"slide {n}: {t.name} overlaps picture {p.name}"


# ------------------------------------------------------------------ basics


def test_writer_is_registered_with_its_attributes():
    cls = writer_for("pptx")
    assert cls is PptxWriter
    assert (cls.name, cls.suffix, cls.chart_profile) == ("pptx", ".pptx", "slide")


def test_slides_are_16_by_9(tmp_path):
    prs = write(tmp_path, document([h(2, "One"), para("Hello")]))
    assert prs.slide_width == Emu(12192000) and prs.slide_height == Emu(6858000)
    assert abs(prs.slide_width / 914400 - 13.333) < 0.01 and prs.slide_height / 914400 == 7.5


def test_writes_exactly_the_target(tmp_path):
    target = tmp_path / "out" / "x.tmp"
    target.parent.mkdir()
    PptxWriter().write(document([h(2, "One"), para("Hello")]), target)
    assert sorted(p.name for p in target.parent.iterdir()) == ["x.tmp"]
    assert len(Presentation(str(target)).slides) == 2


def test_title_slide_holds_the_front_matter(tmp_path):
    meta = {
        "title": "Azerbaijan: country briefing",
        "subtitle": "Economy and trade",
        "date": "28 November 2025",
        "author": "Research desk",
        "classification": "OFFICIAL-SENSITIVE",
    }
    prs = write(tmp_path, document([h(2, "Next"), para("x")], meta=meta))
    cover = prs.slides[0]
    text = "\n".join(texts_of(cover))
    for value in meta.values():
        assert value in text
    assert title_of(cover) == "Azerbaijan: country briefing"


def test_no_title_slide_without_a_title(tmp_path):
    prs = write(tmp_path, document([h(2, "Only slide"), para("x")], meta={}))
    assert len(prs.slides) == 1
    assert title_of(prs.slides[0]) == "Only slide"


def test_no_empty_placeholders_anywhere(tmp_path, sample_deck):
    prs = Presentation(str(sample_deck))
    for n, slide in enumerate(prs.slides, 1):
        for ph in slide.placeholders:
            if ph.has_table or getattr(ph, "has_chart", False):
                continue  # a table or chart inserted into its placeholder
            assert ph.has_text_frame and ph.text_frame.text.strip(), f"slide {n}: empty placeholder {ph.name}"


def test_section_slide_is_title_only(tmp_path):
    prs = write(tmp_path, document([h(1, "Economy"), h(2, "Growth"), para("GDP grew.")]))
    section = prs.slides[1]
    assert title_of(section) == "Economy"
    assert not body_boxes(section)
    assert not [s for s in section.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert title_of(prs.slides[2]) == "Growth"


def test_bullets_levels_and_inline_runs(tmp_path):
    nested = ListItem(
        (para("Inflation fell"), bullets(item("rate cut to 7.25 %"), item("peg held"))),
        loc(13),
    )
    lst = bullets(
        item("GDP grew ", Text("4.1 %", bold=True), " in 2024"),
        item("Oil is ", Text("90 %", italic=True), " of exports"),
        nested,
        item(
            "Rate ",
            Text("1.70 AZN/USD", code=True),
            " and the ",
            Text("IMF page", link="https://www.imf.org/az"),
        ),
    )
    prs = write(tmp_path, document([h(2, "Key points"), lst]))
    slide = prs.slides[1]
    (box,) = [s for s in slide.shapes if s.name == "Content"]
    paras = box.text_frame.paragraphs
    assert [p.text for p in paras] == [
        "GDP grew 4.1 % in 2024",
        "Oil is 90 % of exports",
        "Inflation fell",
        "rate cut to 7.25 %",
        "peg held",
        "Rate 1.70 AZN/USD and the IMF page",
    ]
    assert [p.level for p in paras] == [0, 0, 0, 1, 1, 0]
    runs = {r.text: r for p in paras for r in p.runs}
    assert runs["4.1 %"].font.bold and not runs["GDP grew "].font.bold
    assert runs["90 %"].font.italic
    assert runs["1.70 AZN/USD"].font.name == MONO
    assert runs["IMF page"].hyperlink.address == "https://www.imf.org/az"
    # every run has an explicit size and the East Asian font
    for p in paras:
        for r in p.runs:
            assert r.font.size is not None
            assert r._r.rPr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}ea").get("typeface")
    # bullets are real bullets
    xml = box.text_frame._txBody.xml
    assert xml.count("<a:buChar") == 6


def test_numbered_list_keeps_its_numbers_across_slides(tmp_path):
    lst = bullets(*[item(f"Risk {i}: {SENTENCE}.") for i in range(1, 21)], ordered=True)
    prs = write(tmp_path, document([h(2, "Risks"), lst], meta={}))
    starts = []
    for slide in prs.slides:
        (box,) = [s for s in slide.shapes if s.name == "Content"]
        for p in box.text_frame.paragraphs:
            num = p._p.pPr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}buAutoNum")
            starts.append(int(num.get("startAt")))
    assert starts == list(range(1, 21))


def test_long_list_splits_onto_continuation_slides(tmp_path):
    lst = bullets(*[item(f"Item {i}: {SENTENCE}.") for i in range(1, 21)])
    prs = write(tmp_path, document([h(2, "Risks over the next five years"), lst], meta={}))
    slides = list(prs.slides)
    assert len(slides) >= 2
    assert title_of(slides[0]) == "Risks over the next five years"
    for s in slides[1:]:
        assert title_of(s) == "Risks over the next five years (cont.)"
    seen = []
    for s in slides:
        boxes = body_boxes(s)
        assert min(run_sizes(boxes)) >= 14
        seen += [p.text for b in boxes for p in b.text_frame.paragraphs]
    assert seen == [f"Item {i}: {SENTENCE}." for i in range(1, 21)]  # split between items, never inside one
    assert_inside_slide(prs)


def test_short_text_fits_on_one_slide_at_a_large_size(tmp_path):
    prs = write(tmp_path, document([h(2, "Short"), bullets(item("one"), item("two"))], meta={}))
    assert len(prs.slides) == 1
    assert set(run_sizes(body_boxes(prs.slides[0]))) == {24.0}


def test_a_huge_paragraph_is_split_between_lines_not_lost(tmp_path):
    words = " ".join(f"word{i}" for i in range(1500))
    prs = write(tmp_path, document([h(2, "Wall of text"), para(words)], meta={}))
    assert len(prs.slides) >= 2
    text = " ".join(p.text for s in prs.slides for b in body_boxes(s) for p in b.text_frame.paragraphs)
    assert text.split() == words.split()
    assert_inside_slide(prs)


# ------------------------------------------------------------------ pictures


def test_chart_becomes_a_picture_with_alt_text_clear_of_text(tmp_path):
    png = make_png(tmp_path / "chart.png")
    alt = "Bar chart: exports rose from 22 to 35 bn USD between 2017 and 2023."
    prs = write(tmp_path, document([h(2, "Trade"), para("Exports recovered strongly."), chart(png, alt=alt)]))
    slide = prs.slides[1]
    pics = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pics) == 1
    assert pics[0]._element.nvPicPr.cNvPr.get("descr") == alt
    assert abs(pics[0].width / pics[0].height - 1600 / 900) < 0.01  # aspect kept
    assert "Exports recovered strongly." in texts_of(slide)
    assert_inside_slide(prs)
    assert_pictures_clear(prs)


def test_chart_with_long_text_goes_side_by_side(tmp_path):
    png = make_png(tmp_path / "chart.png", size=(1200, 900))
    lst = bullets(*[item(f"Point {i}: {SENTENCE}.") for i in range(5)])
    prs = write(tmp_path, document([h(2, "Outlook"), lst, chart(png)], meta={}))
    assert_inside_slide(prs)
    assert_pictures_clear(prs)
    text = " ".join(p.text for s in prs.slides for b in body_boxes(s) for p in b.text_frame.paragraphs)
    assert all(f"Point {i}:" in text for i in range(5))


def test_two_images_side_by_side_with_captions(tmp_path):
    a, b = make_png(tmp_path / "a.png"), make_png(tmp_path / "b.png", size=(900, 900))
    blocks = [
        h(2, "Two views"),
        Image(a, "first", loc(20), caption="Figure 1. First."),
        Image(b, "second", loc(21), caption="Figure 2. Second."),
    ]
    prs = write(tmp_path, document(blocks, meta={}))
    slide = prs.slides[0]
    pics = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert [p._element.nvPicPr.cNvPr.get("descr") for p in pics] == ["first", "second"]
    assert "Figure 1. First." in texts_of(slide) and "Figure 2. Second." in texts_of(slide)
    assert not overlap(rect(pics[0]), rect(pics[1]))
    assert_pictures_clear(prs)
    assert_inside_slide(prs)


def test_chart_without_slide_drawing_is_a_writer_error(tmp_path):
    with pytest.raises(WriterError) as err:
        write(tmp_path, document([h(2, "Trade"), chart(None, line=42)]))
    assert err.value.file == "templates/deck.md.j2" and err.value.line == 42
    assert "slide" in str(err.value)


def test_missing_picture_file_is_a_writer_error(tmp_path):
    with pytest.raises(WriterError) as err:
        write(tmp_path, document([h(2, "Trade"), chart(tmp_path / "nope.png", line=43)]))
    assert err.value.line == 43 and "nope.png" in str(err.value)


# ------------------------------------------------------------------ tables


def trade_table(n: int, line=50) -> Table:
    rows = tuple(
        (cell(f"Partner {i}"), cell(f"{i * 1.5:.1f}"), cell(f"{i * 0.7:.1f}")) for i in range(1, n + 1)
    )
    return Table(
        (cell("Partner"), cell("Exports"), cell("Imports")), rows, (None, "right", "right"), loc(line)
    )


def table_rows(slide) -> list[list[str]]:
    (frame,) = [s for s in slide.shapes if s.has_table]
    return [[c.text for c in row.cells] for row in frame.table.rows]


def test_table_cells_equal_the_data(tmp_path):
    prs = write(tmp_path, document([h(2, "Partners"), trade_table(6)], meta={}))
    rows = table_rows(prs.slides[0])
    assert rows[0] == ["Partner", "Exports", "Imports"]
    assert rows[1:] == [[f"Partner {i}", f"{i * 1.5:.1f}", f"{i * 0.7:.1f}"] for i in range(1, 7)]
    (frame,) = [s for s in prs.slides[0].shapes if s.has_table]
    table = frame.table
    assert table.cell(1, 1).text_frame.paragraphs[0].alignment == PP_ALIGN.RIGHT
    assert table.cell(1, 0).text_frame.paragraphs[0].alignment == PP_ALIGN.LEFT
    assert table.cell(0, 0).text_frame.paragraphs[0].runs[0].font.bold
    sizes = {
        r.font.size.pt
        for row in table.rows
        for c in row.cells
        for p in c.text_frame.paragraphs
        for r in p.runs
    }
    assert len(sizes) == 1 and 14 <= sizes.pop() <= 24


def test_long_table_splits_between_rows_and_repeats_the_header(tmp_path):
    prs = write(tmp_path, document([h(2, "Partners"), trade_table(40)], meta={}))
    slides = list(prs.slides)
    assert len(slides) >= 2
    data = []
    for n, s in enumerate(slides):
        rows = table_rows(s)
        assert rows[0] == ["Partner", "Exports", "Imports"]
        data += rows[1:]
        assert title_of(s) == ("Partners" if n == 0 else "Partners (cont.)")
    assert data == [[f"Partner {i}", f"{i * 1.5:.1f}", f"{i * 0.7:.1f}"] for i in range(1, 41)]
    assert_inside_slide(prs)


def test_table_row_heights_add_up_to_the_frame(tmp_path):
    prs = write(tmp_path, document([h(2, "Partners"), trade_table(8)], meta={}))
    (frame,) = [s for s in prs.slides[0].shapes if s.has_table]
    assert sum(r.height for r in frame.table.rows) == pytest.approx(frame.height, abs=10)
    assert sum(c.width for c in frame.table.columns) == pytest.approx(frame.width, abs=10)


# ------------------------------------------------------------------ quotes, notes, sources


def test_quote_with_attribution(tmp_path):
    q = Quote(
        (para("Azərbaycan Respublikası demokratik respublikadır. 中华人民共和国"),),
        loc(60),
        attribution=(Text("— Constitution, Article 7"),),
    )
    prs = write(tmp_path, document([h(2, "In their own words"), q], meta={}))
    (box,) = [s for s in prs.slides[0].shapes if s.name == "Quote"]
    paras = [p.text for p in box.text_frame.paragraphs]
    assert "Azərbaycan Respublikası demokratik respublikadır. 中华人民共和国" in paras[0]
    assert paras[-1] == "— Constitution, Article 7"
    quote_size = box.text_frame.paragraphs[0].runs[0].font.size.pt
    assert quote_size >= 24
    assert box.text_frame.paragraphs[-1].alignment == PP_ALIGN.RIGHT


def test_notes_and_footnote_sources_on_every_content_slide(tmp_path):
    fns = {
        "ssc": footnote("ssc", 1, "State Statistical Committee, External trade 2024"),
        "imf": footnote("imf", 2, "IMF, World Economic Outlook, October 2024"),
        "wb": footnote("wb", 3, "World Bank, WDI"),
    }
    table = Table(
        (cell("Partner"), cell("Exports")),
        ((cell("Italy"), (Text("9.8"), FootnoteRef("wb", 3))),),
        (None, "right"),
        loc(40),
    )
    blocks = [
        h(2, "Growth"),
        bullets(item("GDP grew 4.1 %", FootnoteRef("imf", 2))),
        Notes((para("Stress the non-oil story."),), loc(21)),
        h(2, "Trade"),
        para("Exports rose", FootnoteRef("ssc", 1)),
        h(2, "Partners"),
        table,
        h(2, "Plain"),
        para("No notes here."),
        h(2, "Long"),
        bullets(*[item(f"Point {i}: {SENTENCE}.") for i in range(25)]),
        Notes((para("Only on the first of these."),), loc(70)),
    ]
    prs = write(tmp_path, document(blocks, meta={}, footnotes=fns))
    slides = list(prs.slides)
    for s in slides:
        assert notes_of(s).strip(), f"no notes on {title_of(s)!r}"
    by_title = {}
    for s in slides:
        by_title.setdefault(title_of(s), []).append(notes_of(s))
    growth = by_title["Growth"][0]
    assert growth.startswith("Stress the non-oil story.")
    assert "Sources:" in growth and "IMF, World Economic Outlook, October 2024" in growth
    assert "State Statistical Committee, External trade 2024" in by_title["Trade"][0]
    assert "World Bank, WDI" in by_title["Partners"][0]
    assert by_title["Plain"][0] == "Plain"
    assert by_title["Long"][0] == "Only on the first of these."
    assert by_title["Long (cont.)"] and all("Only on the first" not in n for n in by_title["Long (cont.)"])
    # footnote numbers stay off the slides
    assert all("[" not in t for s in slides for t in texts_of(s))


def test_chart_source_is_cited_in_the_notes(tmp_path):
    png = make_png(tmp_path / "chart.png")
    prs = write(tmp_path, document([h(2, "Trade"), chart(png)], meta={}))
    assert "State Statistical Committee" in notes_of(prs.slides[0])


def test_sources_slide_uses_smaller_text_but_not_below_12pt(tmp_path):
    entries = [
        item(
            f"Source {i}: Ministry of Economy of the Republic of Azerbaijan, Annual report on regional development, "
            f"volume {i}, Baku, 2024, ",
            Text(
                f"https://www.economy.gov.az/en/reports/annual/{2000 + i}/full-text.pdf",
                link=f"https://www.economy.gov.az/{i}",
            ),
        )
        for i in range(1, 16)
    ]
    prs = write(tmp_path, document([h(2, "Sources"), bullets(*entries, ordered=True)], meta={}))
    slides = list(prs.slides)
    sizes = [x for s in slides for x in run_sizes(body_boxes(s))]
    assert min(sizes) >= 12 and max(sizes) <= 18
    assert [title_of(s) for s in slides[1:]] == ["Sources (cont.)"] * (len(slides) - 1)
    text = " ".join(p.text for s in slides for b in body_boxes(s) for p in b.text_frame.paragraphs)
    assert all(f"Source {i}:" in text for i in range(1, 16))


# ------------------------------------------------------------------ grouping


def test_slide_break_continues_the_slide(tmp_path):
    prs = write(
        tmp_path, document([h(2, "Growth"), para("first"), SlideBreak(loc(9)), para("second")], meta={})
    )
    assert [title_of(s) for s in prs.slides] == ["Growth", "Growth (cont.)"]
    assert "first" in texts_of(prs.slides[0]) and "second" in texts_of(prs.slides[1])


def test_content_before_any_heading_gets_an_untitled_slide(tmp_path):
    prs = write(tmp_path, document([para("Preamble"), h(2, "Next"), para("x")], meta={}))
    first = prs.slides[0]
    assert "Preamble" in texts_of(first)
    assert not first.placeholders or all(p.text_frame.text for p in first.placeholders)
    assert notes_of(first)


def test_content_under_a_section_heading_gets_a_slide_titled_with_it(tmp_path):
    prs = write(
        tmp_path, document([h(1, "Economy"), para("Overview text"), h(2, "Next"), para("x")], meta={})
    )
    assert [title_of(s) for s in prs.slides] == ["Economy", "Economy", "Next"]
    assert "Overview text" in texts_of(prs.slides[1])


def test_level_three_heading_is_a_bold_line_in_the_content(tmp_path):
    prs = write(tmp_path, document([h(2, "Slide"), h(3, "Subhead"), para("text")], meta={}))
    (box,) = [s for s in prs.slides[0].shapes if s.name == "Content"]
    first = box.text_frame.paragraphs[0]
    assert first.text == "Subhead" and first.runs[0].font.bold


def test_unknown_block_names_its_type_and_place(tmp_path):
    class Mystery:
        loc = Location("templates/odd.md.j2", 13)

    with pytest.raises(WriterError) as err:
        write(tmp_path, document([h(2, "Odd"), Mystery()]))
    assert "Mystery" in str(err.value)
    assert err.value.file == "templates/odd.md.j2" and err.value.line == 13


def test_control_characters_are_dropped(tmp_path):
    nasty = "Bad\x00 chars\x07 here\x1b and\x0b there\ttab"
    fns = {"n": footnote("n", 1, "Source\x01 with\x02 junk")}
    blocks = [
        h(2, "Title\x08 odd"),
        para(nasty, FootnoteRef("n", 1)),
        Notes((para("note\x0c text"),), loc(3)),
    ]
    prs = write(tmp_path, document(blocks, meta={"title": "Deck\x1f title"}, footnotes=fns))
    everything = " ".join(t for s in prs.slides for t in texts_of(s)) + " ".join(
        notes_of(s) for s in prs.slides
    )
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", everything)
    assert "_x00" not in everything
    assert "Bad chars here and there\ttab" in everything
    assert "Source with junk" in everything and "note text" in everything
    assert title_of(prs.slides[0]) == "Deck title"


def test_line_break_inside_a_paragraph(tmp_path):
    p = Paragraph((Text("first line"), LineBreak(), Text("second line")), loc(3))
    prs = write(tmp_path, document([h(2, "Breaks"), p], meta={}))
    (box,) = [s for s in prs.slides[0].shapes if s.name == "Content"]
    assert box.text_frame.paragraphs[0].text == "first line\vsecond line"


def test_long_titles_shrink_and_wrap_to_two_lines(tmp_path):
    title = "A deliberately very long slide title that goes on about the geopolitical situation in the South Caucasus"
    prs = write(tmp_path, document([h(2, title), para("x")], meta={}))
    shape = prs.slides[0].shapes.title
    assert shape.text_frame.text == title
    assert 24 <= shape.text_frame.paragraphs[0].runs[0].font.size.pt < 36


def test_footer_has_date_classification_and_number(tmp_path):
    prs = write(tmp_path, document([h(2, "One"), para("x"), h(2, "Two"), para("y")]))
    footer = [s.text_frame.text for s in prs.slides[2].shapes if s.has_text_frame]
    assert "28 November 2025" in footer and "OFFICIAL" in footer and "3" in footer


def test_reference_deck_keeps_its_size_and_drops_its_slides(tmp_path):
    ref = Presentation()
    ref.slides.add_slide(ref.slide_layouts[1]).shapes.title.text = "Old slide"
    ref.save(str(tmp_path / "ref.pptx"))
    prs = write(tmp_path, document([h(2, "New"), para("x")], meta={}), reference_pptx=tmp_path / "ref.pptx")
    assert [title_of(s) for s in prs.slides] == ["New"]
    assert prs.slide_width == ref.slide_width
    assert_inside_slide(prs)


def test_bad_reference_deck_is_a_writer_error(tmp_path):
    bad = tmp_path / "ref.pptx"
    bad.write_text("not a deck")
    with pytest.raises(WriterError):
        write(tmp_path, document([h(2, "New")]), reference_pptx=bad)


# ------------------------------------------------------------------ the fitting step itself


def test_wrapped_lines_never_exceed_the_box():
    p = Para(spans=(Span(SENTENCE * 3 + " https://www.example.org/a/very/long/path/without/spaces/at/all"),))
    from dossier.writers.pptx.wrap import _flatten

    flat = _flatten(p)
    for width in (120, 300, 700):
        for a, b in para_lines(p, width, 18):
            assert sum(flat.widths[a:b]) * 18 <= width or b - a == 1
            line = flat.text[a:b].rstrip()
            assert sum(flat.widths[a : a + len(line)]) * 18 <= width


def test_height_grows_as_the_box_narrows_and_the_size_grows():
    p = Para(spans=(Span(SENTENCE),))
    assert para_height(p, 300, 18) >= para_height(p, 900, 18)
    assert para_height(p, 600, 24) >= para_height(p, 600, 14)


def test_paginate_never_overfills_a_page():
    chunks = [[Para(spans=(Span(f"{i} {SENTENCE}"),), space_before=0.45)] for i in range(30)]
    pages = paginate(chunks, lambda i: (600.0, 300.0), 16)
    from dossier.writers.pptx.wrap import text_height

    assert [p.text for pg in pages for p in pg] == [c[0].text for c in chunks]
    assert all(text_height(pg, 600, 16) <= 300 for pg in pages)


def test_fit_lines_shrinks_and_never_cuts():
    size, text = fit_lines("Short title", 800, 90, 36, 24, 2)
    assert (size, text) == (36, "Short title")
    size, text = fit_lines("word " * 12 + "(cont.)", 250, 90, 36, 24, 2, last_resort=14)
    assert size < 24 and text == "word " * 12 + "(cont.)"  # more lines at the last resort, whole
    with pytest.raises(DoesNotFit):
        fit_lines("word " * 200 + "(cont.)", 800, 90, 36, 24, 2, last_resort=18)


# ------------------------------------------------------------------ a realistic deck, rendered


def build_sample(folder: Path) -> Path:
    """The sample deck: title, sections, bullets, chart, 15-row trade table, quote, long sources."""
    png = make_png(folder / "chart.png")
    fns = {
        "ssc": footnote(
            "ssc", 1, "State Statistical Committee of the Republic of Azerbaijan, External trade 2024"
        ),
        "imf": footnote("imf", 2, "IMF, World Economic Outlook database, October 2024"),
    }
    partners = [
        "Italy",
        "Türkiye",
        "Russia",
        "China",
        "Israel",
        "Greece",
        "India",
        "Germany",
        "Georgia",
        "Ukraine",
        "Croatia",
        "Czechia",
        "Kazakhstan",
        "United States",
        "United Kingdom",
    ]
    rows = tuple(
        (cell(n), cell(f"{9.8 / (i + 1):.1f}"), cell(f"{2.6 / (i + 1):.1f}")) for i, n in enumerate(partners)
    )
    blocks = [
        h(1, "Economy"),
        h(2, "Key points"),
        bullets(
            item(
                "GDP grew ",
                Text("4.1 %", bold=True),
                " in 2024, driven by non-oil sectors",
                FootnoteRef("imf", 2),
            ),
            item("Oil and gas still make up about 90 % of exports", FootnoteRef("ssc", 1)),
            ListItem((para("Inflation fell to single digits"), bullets(item("rate cut to 7.25 %"))), loc(13)),
        ),
        Notes((para("Stress the non-oil growth story."),), loc(20)),
        h(2, "Trade balance 2017–2023"),
        para("Exports recovered strongly after 2020 while imports grew slowly.", FootnoteRef("ssc", 1)),
        chart(png),
        h(2, "Main trading partners, 2023"),
        Table(
            (cell("Partner"), cell("Exports, USD bn"), cell("Imports, USD bn")),
            rows,
            (None, "right", "right"),
            loc(31),
            caption="Trading partners ranked by total trade.",
        ),
        h(1, "Politics"),
        h(2, "In their own words"),
        Quote(
            (
                para(
                    "Azərbaycan Respublikası demokratik, hüquqi, dünyəvi, unitar respublikadır. "
                    "中华人民共和国是工人阶级领导的、以工农联盟为基础的人民民主专政的社会主义国家。"
                ),
            ),
            loc(42),
            attribution=(Text("— Constitutions of Azerbaijan (Art. 7) and of China (Art. 1)"),),
        ),
        h(2, "Risks over the next five years"),
        bullets(*[item(f"Risk {i}: {SENTENCE}.") for i in range(1, 21)], ordered=True),
        h(
            2,
            "A deliberately very long slide title that goes on about the geopolitical situation in the South Caucasus",
        ),
        para("Short body text under a long title."),
        h(2, "Sources"),
        bullets(
            *[
                item(
                    f"Source {i}: Ministry of Economy of the Republic of Azerbaijan, Annual report on the socio-economic "
                    f"development of the regions, volume {i}, Baku, 2024, pp. 1–250, ",
                    Text(
                        f"https://www.economy.gov.az/en/reports/annual/{2000 + i}/regional-development-full-text.pdf",
                        link=f"https://www.economy.gov.az/{i}",
                    ),
                )
                for i in range(1, 16)
            ],
            ordered=True,
        ),
    ]
    meta = {
        "title": "Azerbaijan: country briefing",
        "subtitle": "Economy, trade and politics",
        "date": "28 November 2025",
        "author": "Research desk",
        "classification": "OFFICIAL",
    }
    target = folder / "sample.pptx"
    PptxWriter().write(document(blocks, meta=meta, footnotes=fns), target)
    return target


@pytest.fixture
def sample_deck(tmp_path) -> Path:
    return build_sample(tmp_path)


def test_sample_deck_geometry(sample_deck):
    prs = Presentation(str(sample_deck))
    assert len(prs.slides) >= 12
    assert_inside_slide(prs)
    assert_pictures_clear(prs)
    for n, slide in enumerate(prs.slides, 1):
        assert notes_of(slide).strip(), f"slide {n} has no notes"
        sizes = run_sizes(body_boxes(slide))
        assert not sizes or min(sizes) >= 12, f"slide {n}: text below 12 pt"


def _soffice_pdf(pptx: Path, outdir: Path) -> Path:
    profile = f"file:///tmp/lo-profile-{uuid.uuid4().hex}"
    try:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                str(pptx),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    finally:
        shutil.rmtree(profile.removeprefix("file://"), ignore_errors=True)
    return outdir / (pptx.stem + ".pdf")


def _pdf_words(pdf: Path) -> list[tuple[float, float, list[tuple[float, float, float, float, str]]]]:
    xml = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for m in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', xml, re.DOTALL):
        words = [
            (float(a), float(b), float(c), float(d), html.unescape(w))
            for a, b, c, d, w in re.findall(
                r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', m.group(3)
            )
        ]
        pages.append((float(m.group(1)), float(m.group(2)), words))
    return pages


def _norm(s: str) -> str:
    return "".join(unicodedata.normalize("NFKC", s).casefold().split())  # section titles render in capitals


@pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext")), reason="needs LibreOffice + poppler"
)
def test_libreoffice_renders_every_word_inside_the_page_and_its_box(tmp_path, sample_deck):
    pdf = _soffice_pdf(sample_deck, tmp_path)
    prs = Presentation(str(sample_deck))
    pages = _pdf_words(pdf)
    assert len(pages) == len(prs.slides)
    for n, (slide, (pw, ph, words)) in enumerate(zip(prs.slides, pages), 1):
        assert abs(pw / ph - 16 / 9) < 0.01
        rendered = _norm("".join(w[4] for w in words))
        slide_text = [t for s in slide.shapes if s.has_text_frame for t in s.text_frame.text.split()]
        slide_text += [
            t
            for s in slide.shapes
            if s.has_table
            for r in s.table.rows
            for c in r.cells
            for t in c.text.split()
        ]
        for token in slide_text:
            assert _norm(token) in rendered, f"slide {n}: {token!r} not rendered"
        scale = pw / (prs.slide_width / 12700)
        boxes = [
            tuple(v / 12700 * scale for v in rect(s)) for s in slide.shapes if s.has_text_frame or s.has_table
        ]
        pics = [
            tuple(v / 12700 * scale for v in rect(s))
            for s in slide.shapes
            if s.shape_type == MSO_SHAPE_TYPE.PICTURE
        ]
        for x0, y0, x1, y1, w in words:
            assert 0 <= x0 and x1 <= pw and 0 <= y0 and y1 <= ph, f"slide {n}: {w!r} off the page"
            assert any(
                x0 >= b[0] - 1 and x1 <= b[2] + 1 and y0 >= b[1] - 1 and y1 <= b[3] + 1 for b in boxes
            ), f"slide {n}: {w!r} runs out of its text box"
            assert not any(overlap((x0, y0, x1, y1), p) for p in pics), f"slide {n}: {w!r} over a picture"


def test_same_document_gives_identical_bytes_with_core_properties_from_the_data(tmp_path):
    import time

    from dossier.model import Document as Doc
    from dossier.model import Heading as H
    from dossier.model import Location as L
    from dossier.model import Paragraph as P
    from dossier.model import Text as T

    doc = Doc({"title": "Deck", "date": "2024-05-01", "author": "Desk", "keywords": ["a", "b"]},
              (H(2, (T("Slide"),), L("d.md", 1)), P((T("Body"),), L("d.md", 2))), {}, "d.md")
    first, second = tmp_path / "a.pptx", tmp_path / "b.pptx"
    PptxWriter().write(doc, first)
    time.sleep(1.1)  # a clock anywhere would show up in the second file
    PptxWriter().write(doc, second)
    assert first.read_bytes() == second.read_bytes()
    props = Presentation(str(first)).core_properties
    assert (props.title, props.author, props.keywords) == ("Deck", "Desk", "a, b")
    assert props.created.isoformat() == "2024-05-01T00:00:00"


# ------------------------------------------------------------------ layouts and the floor


def test_a_heading_asks_for_a_layout_by_name(tmp_path):
    blocks = [
        Heading(2, (Text("Side by side"),), loc(5), {"layout": "Two Content"}),
        bullets(*[item(f"Point {i}: {SENTENCE}.") for i in range(6)]),
        h(2, "Plain"),
        para("x"),
    ]
    prs = write(tmp_path, document(blocks, meta={}))
    first, second = prs.slides
    assert first.slide_layout.name == "Two Content" and second.slide_layout.name == "Title and Content"
    boxes = [s for s in first.shapes if s.name == "Content"]
    assert len(boxes) == 2 and all(b.is_placeholder for b in boxes)  # the text flows down both columns
    assert boxes[0].left + boxes[0].width <= boxes[1].left
    text = [p.text for b in boxes for p in b.text_frame.paragraphs]
    assert text == [f"Point {i}: {SENTENCE}." for i in range(6)]


def test_the_floor_is_configurable(tmp_path):
    lst = bullets(*[item(f"Item {i}: {SENTENCE}.") for i in range(1, 13)])
    for floor, kw, meta in ((18, {"min_font_size": 18}, {}), (20, {}, {"min_font_size": 20})):
        prs = write(tmp_path, document([h(2, "Many"), lst], meta=meta), name=f"f{floor}.pptx", **kw)
        sizes = [x for s in prs.slides for x in run_sizes(body_boxes(s))]
        assert min(sizes) >= floor
    default = write(tmp_path, document([h(2, "Many"), lst], meta={}), name="f14.pptx")
    assert len(default.slides) <= len(prs.slides)


def test_quote_attribution_is_never_below_the_floor(tmp_path):
    long = " ".join([SENTENCE] * 9)
    q = Quote((para(long),), loc(60), attribution=(Text("— Someone important"),))
    prs = write(tmp_path, document([h(2, "Words"), q], meta={}))
    for slide in prs.slides:
        (box,) = [s for s in slide.shapes if s.name == "Quote"]
        assert min(r.font.size.pt for p in box.text_frame.paragraphs for r in p.runs) >= 14
    assert prs.slides[0].slide_layout.name == "Quote"


def test_a_closing_slide_from_the_front_matter(tmp_path):
    meta = {"title": "Deck", "author": "Research desk", "date": "2025-11-28", "closing": "Questions?"}
    prs = write(tmp_path, document([h(2, "One"), para("x")], meta=meta))
    last = prs.slides[-1]
    assert last.slide_layout.name == "Closing" and title_of(last) == "Questions?"
    assert "Research desk" in " ".join(texts_of(last))
