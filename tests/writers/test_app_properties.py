"""docProps/app.xml tells what made the file and what it holds; Word is asked to update fields only when needed."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.util import Emu

from dossier.model import Document, Heading, Location, Notes, Paragraph, Text
from dossier.writers.docx.fields import PAGE_COUNT, fill_page_fields
from dossier.writers.docx.writer import DocxWriter
from dossier.writers.pptx.writer import PptxWriter, name_slide_size

LOC = Location("t.md", 1)
EP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
BODY = "Trade grew fast in the first quarter."


def document() -> Document:
    blocks = (Heading(1, (Text("Trade"),), LOC), Paragraph((Text(BODY),), LOC),
              Heading(2, (Text("Exports"),), LOC), Paragraph((Text("Exports fell."),), LOC),
              Notes((Paragraph((Text("Say it slowly."),), LOC),), LOC))
    return Document({"title": "Brief", "date": "2025-01-01"}, blocks, {}, "t.md")


def part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(name)


def app(data: bytes) -> dict[str, str]:
    return {el.tag.replace(EP, ""): el.text for el in etree.fromstring(part(data, "docProps/app.xml"))}


def briefing(tmp_path: Path) -> bytes:
    DocxWriter(refresh_fields=False).write(document(), tmp_path / "b.docx")
    return (tmp_path / "b.docx").read_bytes()


def test_briefing_without_a_layout_asks_word_and_claims_no_page_count(tmp_path):
    data = briefing(tmp_path)
    assert b"<w:updateFields" in part(data, "word/settings.xml")  # the contents have no page numbers yet
    props = app(data)
    assert props["Application"] == "dossier" and "Pages" not in props
    # the title, the date, the contents (heading and two entries), two headings and two paragraphs
    words = len(("Brief 2025-01-01 Contents Trade Exports Trade " + BODY + " Exports Exports fell.").split())
    assert props["Words"] == str(words) and props["Paragraphs"] == "9"


def test_filled_page_numbers_take_the_prompt_away_and_give_the_page_count(tmp_path):
    data = briefing(tmp_path)
    marks = [m for m in etree.fromstring(part(data, "word/document.xml")).xpath("//w:bookmarkStart/@w:name",
             namespaces={"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}) if m.startswith("_Toc")]
    filled = fill_page_fields(data, {**{m: 2 for m in marks}, PAGE_COUNT: 3})
    assert b"updateFields" not in part(filled, "word/settings.xml")
    assert app(filled)["Pages"] == "3"
    partly = fill_page_fields(data, {marks[0]: 2, PAGE_COUNT: 3})  # a heading the layout did not find
    assert b"<w:updateFields" in part(partly, "word/settings.xml") and "Pages" not in app(partly)


def test_deck_properties_count_its_slides_and_name_its_format(tmp_path):
    PptxWriter().write(document(), tmp_path / "d.pptx")
    data = (tmp_path / "d.pptx").read_bytes()
    deck = Presentation(str(tmp_path / "d.pptx"))
    props = app(data)
    assert props["Application"] == "dossier" and props["PresentationFormat"] == "Widescreen"
    assert props["Slides"] == str(len(deck.slides)) and props["HiddenSlides"] == "0"
    assert props["Notes"] == str(sum(slide.has_notes_slide for slide in deck.slides))
    assert "AppVersion" not in props and "TitlesOfParts" not in props
    assert deck.part._element.xpath("p:sldSz/@type") == []  # 13.33 × 7.5 in: PowerPoint's "Widescreen", untyped


def test_slide_size_type_follows_the_dimensions():
    prs = Presentation()  # python-pptx's default: 10 × 7.5 in, typed 4:3
    name_slide_size(prs)
    assert prs.part._element.xpath("p:sldSz/@type") == ["screen4x3"]
    prs.slide_width, prs.slide_height = Emu(9144000), Emu(5143500)
    name_slide_size(prs)
    assert prs.part._element.xpath("p:sldSz/@type") == ["screen16x9"]
