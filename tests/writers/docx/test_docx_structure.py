"""The briefing's XML, walked: named styles only, contents, cross-references, page furniture, languages."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from dossier.errors import WriterError
from dossier.model import Chart, ChartSpec, Document, Heading, Location, Paragraph, Table, Text
from dossier.writers.docx.writer import DocxWriter
from test_docx_sample import briefing_document

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
LOC = Location("brief.md", 12)

#: The only paragraph properties the writer sets directly, and why:
#: pStyle — the look; numPr — which list a paragraph belongs to (content, not look);
#: keepNext — a paragraph ending with a colon stays on the page of the quotation it introduces;
#: jc — a table column's alignment from the Markdown (`|---:|`), only inside table cells.
ALLOWED_PPR = {"pStyle", "numPr", "keepNext"}
ALLOWED_PPR_IN_CELLS = ALLOWED_PPR | {"jc"}
#: Run properties: character styles (links, code, note marks), inline emphasis, language tags.
ALLOWED_RPR = {"rStyle", "b", "bCs", "i", "iCs", "lang"}
ALLOWED_TBLPR = {"tblStyle", "tblW", "tblLayout", "tblLook"}
ALLOWED_TRPR = {"cantSplit", "tblHeader"}
ALLOWED_TCPR = {"tcW"}


def local(element) -> str:
    return etree.QName(element).localname


def parts(path: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(path) as z:
        return {n: etree.fromstring(z.read(n)) for n in z.namelist()
                if n.startswith("word/") and n.endswith(".xml") and "/_rels/" not in n}


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("sample")
    target = folder / "sample.docx"
    DocxWriter(refresh_fields=False).write(briefing_document(folder), target)
    return target


def write(tmp_path: Path, *blocks, **meta) -> Path:
    meta.setdefault("title", "Briefing")
    target = tmp_path / "out.docx"
    DocxWriter(refresh_fields=False).write(Document(meta, tuple(blocks), {}, "brief.md"), target)
    return target


# ---------------------------------------------------------------- the look comes from styles only


def test_every_paragraph_names_a_style_and_nothing_else(sample):
    xml = parts(sample)
    styles = xml["word/styles.xml"]
    paragraph_styles = set(styles.xpath("w:style[@w:type='paragraph']/@w:styleId", namespaces=NS))
    character_styles = set(styles.xpath("w:style[@w:type='character']/@w:styleId", namespaces=NS))
    checked = 0
    for name, root in xml.items():
        if not name.startswith(("word/document", "word/footnotes", "word/header", "word/footer")):
            continue
        for p in root.iter(f"{{{W}}}p"):
            if p.xpath("ancestor::w:footnote[@w:type]", namespaces=NS):
                continue  # Word's separator notes: a fixed rule, not content
            checked += 1
            style = p.xpath("w:pPr/w:pStyle/@w:val", namespaces=NS)
            assert style and style[0] in paragraph_styles, (name, etree.tostring(p)[:200])
            allowed = ALLOWED_PPR_IN_CELLS if p.xpath("ancestor::w:tc", namespaces=NS) else ALLOWED_PPR
            children = [local(c) for c in p.find(f"{{{W}}}pPr")]
            assert set(children) <= allowed and len(children) == len(set(children)), (name, etree.tostring(p)[:300])
        for rpr in root.iter(f"{{{W}}}rPr"):
            if local(rpr.getparent()) != "r":
                continue
            children = [local(c) for c in rpr]
            assert set(children) <= ALLOWED_RPR and len(children) == len(set(children)), (name, etree.tostring(rpr))
            for style in rpr.xpath("w:rStyle/@w:val", namespaces=NS):
                assert style in character_styles
        for tag, allowed in (("tblPr", ALLOWED_TBLPR), ("trPr", ALLOWED_TRPR), ("tcPr", ALLOWED_TCPR)):
            for props in root.iter(f"{{{W}}}{tag}"):
                children = [local(c) for c in props]
                assert set(children) <= allowed and len(children) == len(set(children)), etree.tostring(props)
    assert checked > 150


def test_output_styles_are_the_reference_styles(sample):
    from dossier.writers.docx.reference import reference_docx_bytes

    d = docx.Document(str(sample))
    ref = docx.Document(__import__("io").BytesIO(reference_docx_bytes()))
    assert [s.style_id for s in d.styles] == [s.style_id for s in ref.styles]
    used = {p.style.name for p in d.paragraphs} | {p.style.name for t in d.tables for c in t._cells for p in c.paragraphs}
    assert {"Title", "Subtitle", "Document Info", "TOC Heading", "toc 1", "toc 2", "Heading 1", "Heading 2",
            "Body Text", "List Bullet", "List Bullet 2", "List Number", "Quote", "Attribution", "Figure",
            "Caption", "Table Caption", "Table Heading", "Table Text"} <= used


def test_footnotes_part_holds_one_note_per_cited_label(sample, tmp_path):
    document = briefing_document(tmp_path)
    notes = parts(sample)["word/footnotes.xml"].xpath("w:footnote[not(@w:type)]", namespaces=NS)
    assert len(notes) == len(document.footnotes)
    for note in notes:
        (p,) = note.findall(f"{{{W}}}p")
        assert p.xpath("w:pPr/w:pStyle/@w:val", namespaces=NS) == ["FootnoteText"]
    body = parts(sample)["word/document.xml"]
    assert len(body.xpath("//w:footnoteReference", namespaces=NS)) == len(notes)
    assert "NOTEREF _RefNote1" in " ".join(body.xpath("//w:instrText/text()", namespaces=NS))  # cited twice


# ---------------------------------------------------------------- contents


def test_contents_field_lists_levels_one_and_two(sample):
    d = docx.Document(str(sample))
    body = parts(sample)["word/document.xml"]
    instructions = [" ".join(t.split()) for t in body.xpath("//w:instrText/text()", namespaces=NS)]
    assert 'TOC \\o "1-2" \\h \\z \\u' in instructions
    names = [p.style.name for p in d.paragraphs]
    assert names[:4] == ["Title", "Subtitle", "Document Info", "TOC Heading"]  # right after the cover block
    entries = [p for p in d.paragraphs if p.style.name in ("toc 1", "toc 2")]
    headings = [(p.style.name[-1], p.text) for p in d.paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    assert [(e.style.name[-1], e.text.split("\t")[0]) for e in entries] == headings
    for entry in entries:  # each entry links to a bookmark on its heading and asks for its page
        anchor = entry._p.xpath("w:hyperlink/@w:anchor")[0]
        assert f"PAGEREF {anchor} \\h" in " ".join(entry._p.xpath(".//w:instrText/text()"))
        assert body.xpath(f"//w:p[w:pPr/w:pStyle[starts-with(@w:val, 'Heading')]]/w:bookmarkStart[@w:name='{anchor}']",
                          namespaces=NS)
    settings = parts(sample)["word/settings.xml"]
    assert settings.xpath("w:updateFields/@w:val", namespaces=NS) == ["true"]


def test_contents_can_be_switched_off(tmp_path):
    out = write(tmp_path, Heading(1, (Text("Only"),), LOC), toc=False)
    assert "TOC \\o" not in etree.tostring(parts(out)["word/document.xml"]).decode()
    assert not parts(out)["word/settings.xml"].xpath("w:updateFields", namespaces=NS)


# ---------------------------------------------------------------- cover block, header, footer


def test_cover_block_prefers_the_formatted_date(tmp_path):
    d = docx.Document(str(write(tmp_path, Paragraph((Text("x"),), LOC), date="2024-03-14", date_text="14 March 2024",
                                author="Desk", classification="OFFICIAL")))
    info = next(p for p in d.paragraphs if p.style.name == "Document Info")
    assert info.text == "14 March 2024  ·  Desk  ·  OFFICIAL"
    assert [r.bold for r in info.runs if r.text == "OFFICIAL"] == [True]


def test_header_and_footer_differ_on_the_first_page(sample):
    section = docx.Document(str(sample)).sections[0]
    assert section.different_first_page_header_footer
    assert [p.text for p in section.first_page_header.paragraphs] == ["OFFICIAL-SENSITIVE"]
    assert [p.text for p in section.header.paragraphs] == ["OFFICIAL-SENSITIVE", "Azerbaijan–China relations"]
    assert [p.style.name for p in section.header.paragraphs] == ["Classification", "Header"]
    for footer in (section.footer, section.first_page_footer):
        assert [p.text for p in footer.paragraphs] == ["Page 1 of 1", "OFFICIAL-SENSITIVE"]
        instructions = " ".join(t.text for t in footer._element.iter(f"{{{W}}}instrText"))
        assert "PAGE" in instructions and "NUMPAGES" in instructions


def test_no_classification_no_marking(tmp_path):
    section = docx.Document(str(write(tmp_path, Paragraph((Text("x"),), LOC)))).sections[0]
    assert [p.text for p in section.header.paragraphs] == ["Briefing"]
    assert [p.text for p in section.footer.paragraphs] == ["Page 1 of 1"]


# ---------------------------------------------------------------- cross-references


def test_links_to_tables_and_figures_become_reference_fields(sample):
    d = docx.Document(str(sample))
    para = next(p for p in d.paragraphs if "described in Russian" in p.text)
    assert "See Table 1 and Figure 1; the party channel is covered in its section." in para.text
    instructions = [" ".join(t.split()) for t in para._p.xpath(".//w:instrText/text()")]
    assert instructions == ["REF _Ref_tbl_trade \\h", "REF _Ref_fig_trade \\h"]  # "Figure" + " below": one field
    body = parts(sample)["word/document.xml"]
    for name, text in (("_Ref_tbl_trade", "Table 1"), ("_Ref_fig_trade", "Figure 1"), ("_Ref_tbl_part", "Table 2")):
        (start,) = body.xpath(f"//w:bookmarkStart[@w:name='{name}']", namespaces=NS)
        caption = start.getparent()
        assert caption.xpath("w:pPr/w:pStyle/@w:val", namespaces=NS)[0] in ("Caption", "TableCaption")
        bookmark_id = start.get(f"{{{W}}}id")
        inside, seen = [], False
        for node in caption.iter():
            if node is start:
                seen = True
            elif local(node) == "bookmarkEnd" and node.get(f"{{{W}}}id") == bookmark_id:
                break
            elif seen and local(node) == "t":
                inside.append(node.text)
        assert "".join(inside) == text  # the bookmark holds the label and number only
    heading_links = para._p.xpath("w:hyperlink/@w:anchor")
    assert heading_links == ["sec_1"]


def test_link_to_unknown_id_is_a_writer_error(tmp_path):
    loc = Location("brief.md", 41)
    with pytest.raises(WriterError) as err:
        write(tmp_path, Paragraph((Text("see "), Text("Figure", link="#fig-nope")), loc))
    assert (err.value.file, err.value.line) == ("brief.md", 41)
    assert "#fig-nope" in str(err.value)


def test_two_captions_with_one_id_is_a_writer_error(tmp_path):
    table = Table(((Text("a"),),), (((Text("1"),),),), (None,), Location("brief.md", 5), caption="One", id="tbl-x")
    chart = Chart(ChartSpec("bar", "T", "u", "s"), Location("brief.md", 9), {"page": Path("x.png")}, id="tbl-x")
    with pytest.raises(WriterError) as err:
        write(tmp_path, table, chart)
    assert err.value.line == 9


# ---------------------------------------------------------------- scripts and languages


def test_runs_carry_language_tags_by_script(sample):
    d = docx.Document(str(sample))
    para = next(p for p in d.paragraphs if "described in Russian" in p.text)
    tags = {}
    for r in para._p.iter(f"{{{W}}}r"):
        lang = r.find(f"{{{W}}}rPr/{{{W}}}lang")
        text = "".join(r.xpath("w:t/text()"))
        tags[text] = None if lang is None else (lang.get(f"{{{W}}}val"), lang.get(f"{{{W}}}eastAsia"))
    assert tags["Azərbaycan Respublikası"] == ("az-Latn-AZ", None)
    assert tags["中华人民共和国"] == (None, "zh-CN")
    assert tags["Азербайджан и Китай"] == ("ru-RU", None)
    assert tags["Relations between Azerbaijan ("] is None  # the document language applies
    defaults = d.styles.element.find(f"{{{W}}}docDefaults")
    lang = defaults.find(f".//{{{W}}}lang")
    assert (lang.get(f"{{{W}}}val"), lang.get(f"{{{W}}}eastAsia")) == ("en-GB", "zh-CN")
    fonts = defaults.find(f".//{{{W}}}rFonts")
    assert fonts.get(f"{{{W}}}eastAsia") == "Noto Sans CJK SC" and fonts.get(f"{{{W}}}cs") == "Noto Sans"


def test_document_language_from_front_matter(tmp_path):
    d = docx.Document(str(write(tmp_path, Paragraph((Text("Hello"),), LOC), lang="en_US")))
    lang = d.styles.element.find(f"{{{W}}}docDefaults").find(f".//{{{W}}}lang")
    assert lang.get(f"{{{W}}}val") == "en-US"


def test_a_paragraph_introducing_a_quote_stays_with_it(tmp_path):
    from dossier.model import Quote

    quote = Quote((Paragraph((Text("Words."),), LOC),), LOC, attribution=(Text("— Speaker"),))
    d = docx.Document(str(write(tmp_path, Paragraph((Text("Not a lead-in."),), LOC), quote,
                                Paragraph((Text("As he said:"),), LOC), quote)))
    keep = {p.text: p.paragraph_format.keep_with_next for p in d.paragraphs if p.style.name == "Body Text"}
    assert keep == {"Not a lead-in.": None, "As he said:": True}
    assert d.styles["Quote"].paragraph_format.keep_with_next  # the quotation keeps with its attribution
