"""The briefing's charts are set in the reference's body font: read from Body Text, its bases, the defaults, the theme."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from dossier.model import Chart, ChartSpec, Document as Model, Location
from dossier.writers.docx.body_font import body_font
from dossier.writers.docx.writer import DocxWriter

REFERENCE = Path(__file__).resolve().parents[3] / "templates" / "theme" / "reference.docx"


def body_rfonts(doc):
    style = doc.styles.element.xpath('./w:style[@w:styleId="BodyText"]')[0]
    rpr = style.get_or_add_rPr()
    return rpr.get_or_add_rFonts()


def test_the_example_reference_sets_body_text_in_noto_sans():
    assert body_font(Document(str(REFERENCE))) == "Noto Sans"


def test_body_text_font_wins_then_theme_font():
    doc = Document(str(REFERENCE))
    body_rfonts(doc).set(qn("w:ascii"), "Georgia")
    assert body_font(doc) == "Georgia"
    # python-docx's own template names no font in its styles; its defaults point at the theme's minor font
    assert body_font(Document()) == "Cambria"


def test_the_writer_asks_for_charts_in_the_body_font_at_the_placed_width(tmp_path):
    doc = Document(str(REFERENCE))
    body_rfonts(doc).set(qn("w:ascii"), "Liberation Serif")
    reference = tmp_path / "reference.docx"
    doc.save(str(reference))
    asked = []
    from PIL import Image

    picture = tmp_path / "chart.png"
    Image.new("RGB", (1200, 600), "white").save(picture, dpi=(200, 200))

    def draw(chart, profile, placement):
        asked.append((profile, placement))
        return picture

    spec = ChartSpec(kind="bar", title="T", unit="u", source="s", categories=("2020",))
    model = Model(meta={"title": "T"}, blocks=(Chart(spec, Location("b.md", 1)),), footnotes={}, source="b.md")
    DocxWriter(reference, refresh_fields=False, draw_chart=draw).write(model, tmp_path / "out.docx")
    ((profile, placement),) = asked
    assert profile == "page" and placement.font == "Liberation Serif"
    assert placement.font_file.endswith(".ttf") and "LiberationSerif" in placement.font_file
    assert abs(placement.width_in - 16 / 2.54) < 0.01  # the text width, at most 16 cm
