"""DocxWriter: build small documents by hand, write them, reopen and check what a reader sees."""

from __future__ import annotations

import shutil
import subprocess
import uuid
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Cm
from lxml import etree
from PIL import Image as PILImage

from dossier.errors import WriterError
from dossier.model import (
    Chart, ChartSpec, Document, Footnote, FootnoteRef, Heading, Image, LineBreak, ListBlock, ListItem,
    Location, Notes, Paragraph, Quote, SlideBreak, Table, Text,
)
from dossier.writers import writer_for
from dossier.writers.docx.ooxml import add_field
from dossier.writers.docx.writer import DocxWriter

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
LOC = Location("brief.md", 7)


def para(*runs) -> Paragraph:
    return Paragraph(tuple(Text(r) if isinstance(r, str) else r for r in runs), LOC)


def item(*blocks) -> ListItem:
    return ListItem(tuple(blocks), LOC)


def make_doc(*blocks, footnotes=None, **meta) -> Document:
    meta.setdefault("title", "Trade Briefing")
    return Document(meta=meta, blocks=tuple(blocks), footnotes=footnotes or {}, source="brief.md")


def write(tmp_path: Path, document: Document, name: str = "out.docx", **kwargs) -> Path:
    target = tmp_path / name
    kwargs.setdefault("refresh_fields", False)  # LibreOffice page numbers: tests/writers/test_docx_rendering.py
    DocxWriter(**kwargs).write(document, target)
    assert target.is_file()
    return target


def reopen(path: Path):
    return docx.Document(str(path))


def part_xml(path: Path, member: str):
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(member))


def body_paragraphs(d):
    return [p for p in d.paragraphs if p.text or p._p.xpath(".//w:drawing")]


@pytest.fixture()
def png(tmp_path: Path) -> Path:
    path = tmp_path / "chart.png"
    PILImage.new("RGB", (800, 450), (31, 78, 121)).save(path, dpi=(100, 100))
    return path


# ---------------------------------------------------------------- protocol


def test_writer_registry_and_attributes():
    cls = writer_for("docx")
    assert cls is DocxWriter
    assert (cls.name, cls.suffix, cls.chart_profile) == ("docx", ".docx", "page")


# ---------------------------------------------------------------- title block, headings, runs


def test_title_block_and_headings(tmp_path):
    doc = make_doc(
        Heading(1, (Text("Summary"),), LOC),
        para("Body text."),
        Heading(2, (Text("Key figures"),), LOC),
        Heading(3, (Text("Details"),), LOC),
        subtitle="For the Minister", date="2024-03-14", author="Trade Unit", classification="OFFICIAL",
    )
    d = reopen(write(tmp_path, doc))
    seen = [(p.style.name, p.text) for p in d.paragraphs if p.text]
    assert seen[0] == ("Title", "Trade Briefing")
    assert seen[1] == ("Subtitle", "For the Minister")
    info = seen[2][1]
    assert "2024-03-14" in info and "Trade Unit" in info and "OFFICIAL" in info
    assert ("Heading 1", "Summary") in seen
    assert ("Heading 2", "Key figures") in seen
    assert ("Heading 3", "Details") in seen
    assert ("Body Text", "Body text.") in seen


def test_title_only_meta_is_enough(tmp_path):
    d = reopen(write(tmp_path, make_doc(para("x"))))
    assert d.paragraphs[0].style.name == "Title"
    assert not any(p.style.name == "Subtitle" for p in d.paragraphs)


def test_missing_title_is_a_writer_error(tmp_path):
    doc = Document(meta={}, blocks=(), footnotes={}, source="brief.md")
    with pytest.raises(WriterError) as err:
        DocxWriter().write(doc, tmp_path / "x.docx")
    assert err.value.file == "brief.md"


def test_inline_runs_bold_italic_code_and_break(tmp_path):
    doc = make_doc(para(Text("plain "), Text("strong", bold=True), Text(" and "), Text("slanted", italic=True),
                        Text(" "), Text("dossier build", code=True), LineBreak(), Text("next line")))
    d = reopen(write(tmp_path, doc))
    p = next(p for p in d.paragraphs if "strong" in p.text)
    runs = {r.text: r for r in p.runs}
    assert runs["strong"].bold and not runs["strong"].italic
    assert runs["slanted"].italic and not runs["slanted"].bold
    assert runs["dossier build"].style.name == "Verbatim Char"  # the face comes from the style
    assert d.styles["Verbatim Char"].font.name == "Consolas"
    assert p._p.xpath(".//w:br")
    assert p.text.endswith("\nnext line")


def test_hyperlink_is_a_real_external_link(tmp_path):
    url = "https://stat.gov.az/source/trade/?lang=en&x=1"
    doc = make_doc(para(Text("See "), Text("the committee", link=url), Text(" site.")))
    out = write(tmp_path, doc)
    d = reopen(out)
    p = next(p for p in d.paragraphs if "committee" in p.text)
    assert p.text == "See the committee site."
    (link,) = p.hyperlinks
    assert link.address == url
    assert link.text == "the committee"
    rel = d.part.rels[link._hyperlink.rId]
    assert rel.is_external and rel.reltype == RT.HYPERLINK
    # styled through the Hyperlink character style, which the writer adds when missing
    style_id = link.runs[0]._r.rPr.find(qn("w:rStyle")).get(qn("w:val"))
    style = d.styles.element.get_by_id(style_id)
    assert style.name_val == "Hyperlink"
    assert style.find(qn("w:rPr")).find(qn("w:u")) is not None


# ---------------------------------------------------------------- lists


def _num_id(p) -> int:
    return int(p._p.pPr.numPr.numId.val)


def test_lists_styles_nesting_and_restart(tmp_path):
    doc = make_doc(
        ListBlock(False, (item(para("apple")), item(para("pear"), ListBlock(False, (item(para("nested")),), LOC))), LOC),
        ListBlock(True, (item(para("one")), item(para("two"), ListBlock(True, (item(para("two.a")),), LOC))), LOC),
        para("between"),
        ListBlock(True, (item(para("again one")), item(para("again two"))), LOC),
        ListBlock(True, (item(para("from five")),), LOC, start=5),
    )
    d = reopen(write(tmp_path, doc))
    by_text = {p.text: p for p in d.paragraphs}
    assert by_text["apple"].style.name == "List Bullet"
    assert by_text["nested"].style.name == "List Bullet 2"
    assert by_text["one"].style.name == "List Number"
    assert by_text["two.a"].style.name == "List Number 2"
    assert by_text["again one"].style.name == "List Number"

    numbering = d.part.numbering_part.element

    def num(num_id):
        return numbering.num_having_numId(num_id)

    def start_of(num_id):
        return int(num(num_id).xpath("./w:lvlOverride[@w:ilvl='0']/w:startOverride/@w:val")[0])

    first, second = _num_id(by_text["one"]), _num_id(by_text["again one"])
    assert first != second  # separate w:num per list ...
    assert _num_id(by_text["two"]) == first  # ... shared by the items of one list
    assert start_of(first) == 1 and start_of(second) == 1
    assert start_of(_num_id(by_text["from five"])) == 5
    # each w:num points at the abstract numbering of the List Number style
    style_num = int(d.styles["List Number"].element.pPr.numPr.numId.val)
    abstract = num(style_num).abstractNumId.val
    assert num(first).abstractNumId.val == abstract == num(second).abstractNumId.val
    # nested numbered list restarts under its parent and uses List Number 2's definition
    nested_style_num = int(d.styles["List Number 2"].element.pPr.numPr.numId.val)
    assert num(_num_id(by_text["two.a"])).abstractNumId.val == num(nested_style_num).abstractNumId.val
    assert start_of(_num_id(by_text["two.a"])) == 1


def test_list_item_with_two_paragraphs(tmp_path):
    doc = make_doc(ListBlock(False, (item(para("head"), para("more of the same item")),), LOC))
    d = reopen(write(tmp_path, doc))
    by_text = {p.text: p for p in d.paragraphs}
    assert by_text["head"].style.name == "List Bullet"
    assert by_text["more of the same item"].style.name == "List Continue"


# ---------------------------------------------------------------- table


def _trade_table(caption="Trade with China") -> Table:
    return Table(
        header=((Text("Year"),), (Text("Exports"),), (Text("Imports"),)),
        rows=(
            ((Text("2022"),), (Text("1,234.5"),), (Text("987.0"),)),
            ((Text("2023"),), (Text("1,456.0", bold=True),), (Text("1,002.3"),)),
        ),
        aligns=("left", "right", "right"),
        loc=LOC,
        caption=caption,
    )


def test_table_cells_alignment_header_and_caption(tmp_path):
    d = reopen(write(tmp_path, make_doc(para("intro"), _trade_table())))
    (table,) = d.tables
    assert [c.text for c in table.rows[0].cells] == ["Year", "Exports", "Imports"]
    assert [c.text for c in table.rows[2].cells] == ["2023", "1,456.0", "1,002.3"]
    assert table.style.name == "Table"
    # header row: bold through the table style's first-row format, and repeated on every page
    header = table.rows[0]
    assert all(c.paragraphs[0].style.name == "Table Heading" for c in header.cells)
    assert all(c.paragraphs[0].style.name == "Table Text" for c in table.rows[1].cells)
    first_row = table.style.element.find(f"{qn('w:tblStylePr')}[@{qn('w:type')}='firstRow']")
    assert first_row.find(qn("w:rPr")).find(qn("w:b")) is not None
    assert table._tbl.tblPr.find(qn("w:tblLook")).get(qn("w:firstRow")) == "1"
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    assert table.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None
    # numbers right, text left
    assert table.cell(1, 1).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert table.cell(0, 2).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert table.cell(1, 0).paragraphs[0].alignment in (None, WD_ALIGN_PARAGRAPH.LEFT)
    # caption directly above the table
    body = list(d.element.body.iterchildren())
    tbl_index = body.index(table._tbl)
    caption = docx.text.paragraph.Paragraph(body[tbl_index - 1], d._body)
    assert caption.style.name == "Table Caption"
    assert caption.text == "Table 1: Trade with China"


def test_table_without_caption_and_ragged_rows(tmp_path):
    t = Table(header=((Text("a"),), (Text("b"),)), rows=(((Text("1"),),), ((Text("2"),), (Text("3"),), (Text("4"),))),
              aligns=(None,), loc=LOC)
    d = reopen(write(tmp_path, make_doc(t)))
    (table,) = d.tables
    assert len(table.columns) == 3
    assert [c.text for c in table.rows[1].cells] == ["1", "", ""]
    assert not any(p.style.name in ("Caption", "Table Caption") for p in d.paragraphs)


def test_second_table_is_numbered_two(tmp_path):
    d = reopen(write(tmp_path, make_doc(_trade_table("first"), para("x"), _trade_table("second"))))
    captions = [p.text for p in d.paragraphs if p.style.name == "Table Caption"]
    assert captions == ["Table 1: first", "Table 2: second"]


# ---------------------------------------------------------------- chart, image


def _chart(png: Path | None, **spec) -> Chart:
    fields = dict(kind="bar", title="Exports by year", unit="USD m", source="State Statistical Committee",
                  categories=("2022", "2023"), alt="Bar chart: exports rise from 1.2 to 1.5 billion USD.")
    fields.update(spec)
    return Chart(ChartSpec(**fields), LOC, {"page": png} if png else {})


def test_chart_picture_alt_text_and_caption(tmp_path, png):
    d = reopen(write(tmp_path, make_doc(_chart(png, caption="Exports, 2022–2023"))))
    (shape,) = d.inline_shapes
    assert abs(shape.width - Cm(16)) < Cm(0.01)
    assert shape._inline.docPr.get("descr") == "Bar chart: exports rise from 1.2 to 1.5 billion USD."
    pic_p = next(p for p in d.paragraphs if p._p.xpath(".//w:drawing"))
    assert pic_p.style.name == "Figure"
    assert pic_p.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    texts = [p.text for p in body_paragraphs(d)]
    i = texts.index("")  # the picture paragraph has no text
    assert texts[i + 1] == "Figure 1: Exports by year. Exports, 2022–2023"  # the picture draws no title: the caption says it
    assert not any("State Statistical Committee" in t for t in texts)  # the drawing carries its source
    caption = next(p for p in d.paragraphs if p.text.startswith("Figure 1"))
    assert caption.style.name == "Caption"


def test_chart_caption_falls_back_to_title(tmp_path, png):
    d = reopen(write(tmp_path, make_doc(_chart(png), _chart(png, title="Second"))))
    captions = [p.text for p in d.paragraphs if p.style.name == "Caption"]
    assert captions == ["Figure 1: Exports by year", "Figure 2: Second"]
    assert len(d.inline_shapes) == 2


def test_chart_without_page_drawing_is_a_writer_error(tmp_path):
    with pytest.raises(WriterError) as err:
        DocxWriter().write(make_doc(_chart(None)), tmp_path / "x.docx")
    assert (err.value.file, err.value.line) == ("brief.md", 7)


def test_image_block(tmp_path, png):
    doc = make_doc(Image(png, "A map of the Middle Corridor", LOC, caption="The route"))
    d = reopen(write(tmp_path, doc))
    (shape,) = d.inline_shapes
    assert shape._inline.docPr.get("descr") == "A map of the Middle Corridor"
    assert shape.width <= Cm(16)
    assert any(p.text == "Figure 1: The route" for p in d.paragraphs)


def test_missing_image_file_is_a_writer_error(tmp_path):
    with pytest.raises(WriterError) as err:
        DocxWriter().write(make_doc(Image(tmp_path / "nope.png", "alt", LOC)), tmp_path / "x.docx")
    assert err.value.line == 7


# ---------------------------------------------------------------- quote, notes, slide breaks


def test_quote_and_attribution(tmp_path):
    q = Quote((para("Trade is growing."), para("中华人民共和国 and Azərbaycan Respublikası agree.")), LOC,
              attribution=(Text("— Deputy Minister"),))
    d = reopen(write(tmp_path, make_doc(q)))
    quoted = [p for p in d.paragraphs if p.style.name in ("Quote", "Intense Quote")]
    assert [p.text for p in quoted] == ["Trade is growing.", "中华人民共和国 and Azərbaycan Respublikası agree."]
    attribution = next(p for p in d.paragraphs if p.text.startswith("— "))
    assert attribution.text == "— Deputy Minister"  # the dash is not doubled
    assert attribution.alignment == WD_ALIGN_PARAGRAPH.RIGHT or attribution.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_notes_and_slide_breaks_are_left_out(tmp_path):
    doc = make_doc(para("visible"), Notes((para("speaker only"),), LOC), SlideBreak(LOC), para("also visible"))
    d = reopen(write(tmp_path, doc))
    texts = [p.text for p in d.paragraphs]
    assert "speaker only" not in texts
    assert "visible" in texts and "also visible" in texts


def test_unknown_block_is_a_writer_error(tmp_path):
    @dataclass(frozen=True)
    class Mystery:
        loc: Location

    with pytest.raises(WriterError) as err:
        DocxWriter().write(make_doc(Mystery(Location("t.md", 3))), tmp_path / "x.docx")
    assert str(err.value) == "t.md:3: cannot write Mystery"


# ---------------------------------------------------------------- footnotes


FOOTNOTES = {
    "stat": Footnote("stat", 1, (Text("State Statistical Committee, "), Text("Foreign trade", italic=True), Text(", 2024.")), LOC),
    "cus": Footnote("cus", 2, (Text("China Customs, "), Text("monthly bulletin", link="https://www.customs.gov.cn")), LOC),
}


def test_footnotes_are_real_word_footnotes(tmp_path):
    doc = make_doc(
        para("Exports grew", FootnoteRef("stat", 1), " and imports fell", FootnoteRef("cus", 2), "."),
        para("Cited again", FootnoteRef("stat", 1), "."),
        footnotes=FOOTNOTES,
    )
    out = write(tmp_path, doc)
    with zipfile.ZipFile(out) as z:
        types = z.read("[Content_Types].xml").decode()
        rels = z.read("word/_rels/document.xml.rels").decode()
    assert 'PartName="/word/footnotes.xml"' in types
    assert "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml" in types
    assert "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" in rels

    notes = part_xml(out, "word/footnotes.xml")
    separators = notes.xpath("w:footnote[@w:type]", namespaces=NS)
    assert [(n.get(f"{{{W}}}type"), n.get(f"{{{W}}}id")) for n in separators] == [
        ("separator", "-1"), ("continuationSeparator", "0")]
    real = notes.xpath("w:footnote[not(@w:type)]", namespaces=NS)
    assert len(real) == 2  # one per label, even though "stat" is cited twice
    text = {n.get(f"{{{W}}}id"): "".join(n.xpath(".//w:t/text()", namespaces=NS)) for n in real}
    assert text["1"].strip() == "State Statistical Committee, Foreign trade, 2024."
    assert "China Customs, monthly bulletin" in text["2"]
    assert real[0].xpath(".//w:footnoteRef", namespaces=NS)  # the note shows its own number

    body = part_xml(out, "word/document.xml")
    refs = body.xpath("//w:footnoteReference/@w:id", namespaces=NS)
    assert refs == ["1", "2"]
    ref_run = body.xpath("//w:r[w:footnoteReference]", namespaces=NS)[0]
    assert ref_run.xpath("w:rPr/w:rStyle/@w:val", namespaces=NS) == ["FootnoteReference"]
    # the repeated citation is a NOTEREF field showing the same number
    instr = " ".join(body.xpath("//w:instrText/text()", namespaces=NS))
    assert "NOTEREF _RefNote1" in instr
    assert body.xpath("//w:bookmarkStart[@w:name='_RefNote1']", namespaces=NS)

    # the hyperlink inside the footnote is related from the footnotes part
    with zipfile.ZipFile(out) as z:
        note_rels = z.read("word/_rels/footnotes.xml.rels").decode()
    assert "https://www.customs.gov.cn" in note_rels and 'TargetMode="External"' in note_rels

    styles = reopen(out).styles.element
    assert styles.get_by_id("FootnoteText") is not None
    assert styles.get_by_id("FootnoteReference").find(qn("w:rPr")).find(qn("w:vertAlign")).get(qn("w:val")) == "superscript"
    settings = part_xml(out, "word/settings.xml")
    assert settings.xpath("w:footnotePr/w:footnote/@w:id", namespaces=NS) == ["-1", "0"]


def test_no_footnotes_part_without_citations(tmp_path):
    out = write(tmp_path, make_doc(para("no notes here"), footnotes=FOOTNOTES))
    with zipfile.ZipFile(out) as z:
        assert "word/footnotes.xml" not in z.namelist()


def test_undefined_footnote_is_a_writer_error(tmp_path):
    with pytest.raises(WriterError) as err:
        DocxWriter().write(make_doc(para("x", FootnoteRef("ghost", 1))), tmp_path / "x.docx")
    assert "ghost" in str(err.value) and err.value.line == 7


def test_footnote_in_table_cell_and_heading(tmp_path):
    t = Table(header=((Text("Year"),),), rows=(((Text("2023"), FootnoteRef("stat", 1)),),), aligns=(None,), loc=LOC)
    doc = make_doc(Heading(1, (Text("Trade"), FootnoteRef("cus", 2)), LOC), t, footnotes=FOOTNOTES)
    out = write(tmp_path, doc)
    notes = part_xml(out, "word/footnotes.xml").xpath("w:footnote[not(@w:type)]", namespaces=NS)
    assert len(notes) == 2
    assert "China Customs" in "".join(notes[0].xpath(".//w:t/text()", namespaces=NS))  # order of appearance


# ---------------------------------------------------------------- properties, page, fonts


def test_core_properties_from_meta(tmp_path):
    doc = make_doc(para("x"), subject="Bilateral trade", author="Trade Unit", keywords=["Azerbaijan", "China"],
                   date="2024-03-14")
    cp = reopen(write(tmp_path, doc)).core_properties
    assert cp.title == "Trade Briefing"
    assert cp.subject == "Bilateral trade"
    assert cp.author == "Trade Unit"
    assert cp.keywords == "Azerbaijan, China"
    assert cp.created == cp.modified == datetime(2024, 3, 14, tzinfo=timezone.utc)


def test_no_date_means_no_dates_and_output_is_reproducible(tmp_path):
    doc = make_doc(para("same", FootnoteRef("stat", 1)), _trade_table(), footnotes=FOOTNOTES)
    a = write(tmp_path, doc, "a.docx")
    b = write(tmp_path, doc, "b.docx")
    assert a.read_bytes() == b.read_bytes()
    cp = reopen(a).core_properties
    assert cp.created is None and cp.modified is None


def test_page_setup_fonts_header_and_footer(tmp_path):
    d = reopen(write(tmp_path, make_doc(para("x"), classification="OFFICIAL-SENSITIVE")))
    s = d.sections[0]
    assert abs(s.page_width - Cm(21)) < Cm(0.01) and abs(s.page_height - Cm(29.7)) < Cm(0.01)
    for margin in (s.left_margin, s.right_margin, s.top_margin, s.bottom_margin):
        assert Cm(2) <= margin <= Cm(2.5)
    defaults = d.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(f".//{qn('w:sz')}").get(qn("w:val")) == "20"  # 10 pt
    rfonts = defaults.find(f".//{qn('w:rFonts')}")
    assert rfonts.get(qn("w:eastAsia")) == "Noto Sans CJK SC"
    assert rfonts.get(qn("w:ascii")) in ("Noto Sans", "DejaVu Sans", "Liberation Sans")
    assert "OFFICIAL-SENSITIVE" in s.header.paragraphs[0].text
    footer = s.footer._element
    instr = " ".join(t.text for t in footer.iter(qn("w:instrText")))
    assert "PAGE" in instr and "NUMPAGES" in instr
    assert "Page 1 of 1" in s.footer.paragraphs[0].text


def test_forbidden_control_characters_are_dropped(tmp_path, png):
    bad = "Ba\x00k\x01u\x0b\x0c\x1b\ud800\uffff"
    doc = make_doc(
        Heading(1, (Text("Head\x07ing"),), LOC),
        para(Text("te\x08xt", link="https://example.org/\x02x"), FootnoteRef("n", 1)),
        Table(header=((Text("c\x1fell"),),), rows=(), aligns=(None,), loc=LOC, caption="cap\x03tion"),
        Chart(ChartSpec("bar", "ti\x04tle", "u", "so\x05urce", alt="al\x06t"), LOC, {"page": png}),
        footnotes={"n": Footnote("n", 1, (Text("no\x10te"),), LOC)},
        title="Ti\x00tle " + bad, subtitle="sub\x1e", author="au\x19thor",
    )
    out = write(tmp_path, doc)
    d = reopen(out)
    texts = [p.text for p in d.paragraphs]
    assert "Title Baku" in texts
    assert "Heading" in texts
    assert d.tables[0].cell(0, 0).text == "cell"
    assert "Table 1: caption" in texts and "Figure 1: title" in texts
    assert d.inline_shapes[0]._inline.docPr.get("descr") == "alt"
    assert d.core_properties.title == "Title Baku"
    assert "note" in "".join(part_xml(out, "word/footnotes.xml").itertext())


def reference(tmp_path: Path):
    """The built-in reference document, opened for editing."""
    from dossier.writers.docx.reference import write_reference_docx

    return docx.Document(str(write_reference_docx(tmp_path / "builtin.docx")))


def test_reference_docx_lends_styles_not_text(tmp_path):
    ref = reference(tmp_path)
    ref.add_paragraph("text that must not appear")
    ref.styles["Body Text"].font.name = "DejaVu Serif"
    ref_path = tmp_path / "reference.docx"
    ref.save(ref_path)
    doc = make_doc(para("hello"), Quote((para("q"),), LOC), ListBlock(True, (item(para("n1")),), LOC),
                   _trade_table())
    d = reopen(write(tmp_path, doc, reference_docx=ref_path))
    texts = [p.text for p in d.paragraphs]
    assert "text that must not appear" not in texts
    assert "hello" in texts
    assert d.styles["Body Text"].font.name == "DejaVu Serif"
    assert next(p for p in d.paragraphs if p.text == "q").style.name == "Quote"
    assert next(p for p in d.paragraphs if p.text == "n1").style.name == "List Number"
    assert "Table 1: Trade with China" in texts


# ---------------------------------------------------------------- rendering


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")), reason="needs LibreOffice and poppler")
def test_libreoffice_renders_headings_footnotes_and_page_numbers(tmp_path, png):
    doc = make_doc(
        Heading(1, (Text("Summary"),), LOC),
        para("Trade with ", Text("中华人民共和国", bold=True), " and Azərbaycan Respublikası grew", FootnoteRef("stat", 1), "."),
        Heading(2, (Text("Key figures"),), LOC),
        _trade_table(),
        _chart(png),
        para("Again", FootnoteRef("stat", 1), "."),
        footnotes=FOOTNOTES,
        classification="OFFICIAL",
    )
    out = write(tmp_path, doc)
    profile = tmp_path / f"lo-profile-{uuid.uuid4().hex}"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(out)],
        check=True, capture_output=True, timeout=180,
    )
    pdf = tmp_path / "out.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    for expected in ("Trade Briefing", "Summary", "Key figures", "State Statistical Committee",
                     "Page 1 of", "中华人民共和国", "Azərbaycan Respublikası", "Table 1: Trade with China",
                     "Figure 1: Exports by year", "OFFICIAL"):
        assert expected in text, expected
    assert "Foreign trade" in text  # the footnote's own text, at the foot of the page


# ---------------------------------------------------------------- more edge cases


def test_internal_links_and_heading_bookmarks(tmp_path):
    doc = make_doc(
        Heading(1, (Text("Trade"), FootnoteRef("stat", 1)), LOC, attrs={"id": "trade-figures"}),
        Heading(2, (Text("Again"),), LOC, attrs={"id": "trade-figures"}),  # duplicate id: one bookmark
        para(Text("see "), Text("above", link="#trade-figures")),
        footnotes=FOOTNOTES,
    )
    body = part_xml(write(tmp_path, doc), "word/document.xml")
    starts = body.xpath("//w:bookmarkStart", namespaces=NS)
    ends = body.xpath("//w:bookmarkEnd/@w:id", namespaces=NS)
    assert sorted(s.get(f"{{{W}}}id") for s in starts) == sorted(ends)
    names = [s.get(f"{{{W}}}name") for s in starts]
    assert names.count("trade_figures") == 1
    links = [a for a in body.xpath("//w:hyperlink/@w:anchor", namespaces=NS) if not a.startswith("_Toc")]
    assert links == ["trade_figures"]


def test_unknown_inline_is_a_writer_error(tmp_path):
    class Emoji:
        pass

    with pytest.raises(WriterError, match="cannot write Emoji") as err:
        DocxWriter().write(make_doc(Paragraph((Emoji(),), Location("t.md", 9))), tmp_path / "x.docx")
    assert err.value.line == 9


def test_small_image_is_not_blown_up_and_tall_chart_fits_the_page(tmp_path):
    small = tmp_path / "logo.png"
    PILImage.new("RGB", (96, 48), "red").save(small, dpi=(96, 96))  # 1 inch wide
    tall = tmp_path / "tall.png"
    PILImage.new("RGB", (400, 1200), "blue").save(tall, dpi=(100, 100))
    doc = make_doc(Image(small, "logo", LOC), _chart(tall))
    d = reopen(write(tmp_path, doc))
    logo, chart = d.inline_shapes
    assert abs(logo.width - Cm(2.54)) < Cm(0.05)
    assert chart.height <= Cm(25.3) * 0.6 + Cm(0.01)
    assert abs(chart.width / chart.height - 1 / 3) < 0.01  # aspect ratio kept


def test_date_object_in_meta(tmp_path):
    from datetime import date

    d = reopen(write(tmp_path, make_doc(para("x"), date=date(2024, 5, 1))))
    assert d.core_properties.created == datetime(2024, 5, 1, tzinfo=timezone.utc)
    assert any("2024-05-01" in p.text for p in d.paragraphs)


def reference_with_headers(tmp_path):
    """A reference with a first-page header, a default header, an even-page header, and no footer."""
    ref = reference(tmp_path)
    section = ref.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "OLD FIRST PAGE HEADER"
    section.header.paragraphs[0].text = "OLD HEADER"
    section.even_page_header.paragraphs[0].text = "OLD EVEN HEADER"
    ref.settings.odd_and_even_pages_header_footer = True
    ref_path = tmp_path / "reference.docx"
    ref.save(ref_path)
    return ref_path


def test_reference_docx_headers_are_replaced_on_request(tmp_path):
    ref_path = reference_with_headers(tmp_path)
    out = write(tmp_path, make_doc(para("x"), classification="SECRET", **{"header-footer": "replace"}),
                reference_docx=ref_path)
    with zipfile.ZipFile(out) as z:
        headers = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("word/header"))
    assert "OLD" not in headers
    d = reopen(out)
    section = d.sections[0]
    assert section.different_first_page_header_footer
    assert not d.settings.odd_and_even_pages_header_footer
    assert [p.text for p in section.first_page_header.paragraphs] == ["SECRET"]  # no title on the cover page
    assert [p.text for p in section.header.paragraphs] == ["SECRET", "Trade Briefing"]


def test_reference_docx_headers_are_kept_and_completed(tmp_path):
    ref_path = reference_with_headers(tmp_path)
    d = reopen(write(tmp_path, make_doc(para("x"), classification="SECRET"), reference_docx=ref_path))
    section = d.sections[0]
    assert d.settings.odd_and_even_pages_header_footer and section.different_first_page_header_footer
    assert [p.text for p in section.first_page_header.paragraphs] == ["SECRET", "OLD FIRST PAGE HEADER"]
    assert [p.text for p in section.header.paragraphs] == ["SECRET", "OLD HEADER"]
    assert [p.text for p in section.even_page_header.paragraphs] == ["SECRET", "OLD EVEN HEADER"]
    # it had no footer: dossier's page number and marking, on the first page too
    for footer in (section.footer, section.first_page_footer):
        assert [p.text for p in footer.paragraphs] == ["Page 1 of 1", "SECRET"]


def test_a_footer_with_its_own_page_number_gets_no_second(tmp_path):
    ref = reference(tmp_path)
    p = ref.sections[0].footer.paragraphs[0]
    p.text = "© Ministry 2026 · "
    add_field(p._p, "PAGE", "1")
    ref.save(tmp_path / "reference.docx")
    d = reopen(write(tmp_path, make_doc(para("x"), classification="OFFICIAL"), reference_docx=tmp_path / "reference.docx"))
    footer = d.sections[0].footer
    assert [p.text for p in footer.paragraphs] == ["© Ministry 2026 · 1", "OFFICIAL"]
    assert [p.text for p in d.sections[0].header.paragraphs] == ["OFFICIAL"]  # one page style: no running title


def test_the_marking_reaches_a_first_page_the_reference_leaves_blank(tmp_path):
    ref = reference(tmp_path)
    section = ref.sections[0]
    section.different_first_page_header_footer = True
    section.header.paragraphs[0].text = "Ministry of Examples"
    section.footer.paragraphs[0].text = "Internal"
    ref.save(tmp_path / "reference.docx")
    d = reopen(write(tmp_path, make_doc(para("x"), classification="SECRET"), reference_docx=tmp_path / "reference.docx"))
    section = d.sections[0]
    assert [p.text for p in section.first_page_header.paragraphs] == ["SECRET"]
    assert [p.text for p in section.first_page_footer.paragraphs] == ["SECRET"]
    assert [p.text for p in section.header.paragraphs] == ["SECRET", "Ministry of Examples"]


def test_header_footer_setting_is_checked(tmp_path):
    from dossier.errors import WriterError

    with pytest.raises(WriterError, match="header-footer: must be keep or replace"):
        write(tmp_path, make_doc(para("x"), **{"header-footer": "sometimes"}))


def test_missing_reference_docx_is_a_config_error(tmp_path):
    from dossier.errors import ConfigError

    with pytest.raises(ConfigError):
        DocxWriter(reference_docx=tmp_path / "nope.docx")


def drawn_width(text: str, family: str, size: float, bold: bool = False) -> int:
    """EMU that ``text`` takes in the font file fontconfig picks for ``family`` (as LibreOffice draws it)."""
    from PIL import ImageFont

    found = subprocess.run(["fc-match", "-f", "%{file}", family + (":bold" if bold else "")],
                           capture_output=True, text=True, check=True).stdout
    return int(ImageFont.truetype(found, 1000).getlength(text) / 1000 * size * 12700)


def test_table_columns_keep_short_values_on_one_line(tmp_path):
    t = Table(
        header=((Text("Month"),), (Text("Commodity group"),), (Text("Exports (USD m)"),)),
        rows=tuple(((Text(f"2023-{m:02d}"),), (Text("Fruit and vegetables, fresh or dried, and nuts " * 2),),
                    (Text("1,234.5"),)) for m in range(1, 4)),
        aligns=("left", "left", "right"), loc=LOC)
    d = reopen(write(tmp_path, make_doc(t)))
    widths = [c.width for c in d.tables[0].columns]
    margins = Cm(0.3)  # the built-in table style's cell margins, 85 twips a side
    assert widths[0] >= drawn_width("2023-01", "Noto Sans", 9) + margins  # "2023-01", "1,234.5" fit
    assert widths[2] >= drawn_width("1,234.5", "Noto Sans", 9) + margins
    assert widths[1] > widths[0] and widths[1] > widths[2]
    assert abs(sum(widths) - Cm(16.6)) < Cm(0.01)
