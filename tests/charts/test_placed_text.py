"""Chart text as the reader sees it in the built example (issue 11, rules 8 and 9).

The example is built in this process with the drawer recording what each writer asked for;
every chart is then drawn again from that record and compared with the picture as placed in
the .pptx / .docx: the placed scale (placed width ÷ the figure's width), every text's size ×
that scale against the floor (14 pt on a slide, 8 pt on a page), every text's typeface
against the body font of the file, and no text repeating the chart's title.
"""

from __future__ import annotations

import io
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document as open_docx
from matplotlib import font_manager
from matplotlib.text import Text
from PIL import Image
from pptx import Presentation as open_pptx
from pptx.enum.shapes import MSO_SHAPE_TYPE

from dossier import chart_drawing
from dossier.build import build
from dossier.charts import PROFILES, Placement, draw_chart, samples
from dossier.writers.pptx.fonts import font_file
from project_copies import EXAMPLE_PARTS, ROOT

EMU_PER_INCH = 914400
SUBJECT = "azerbaijan-china"


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    """Build the example in this process; return its folder and the (chart, profile, placement) of every drawing."""
    target = tmp_path_factory.mktemp("placed")
    for part in EXAMPLE_PARTS:
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target / part)
    calls: list[tuple] = []
    original = chart_drawing.ChartDrawer.__call__

    def recording(self, chart, profile, placement):
        calls.append((chart, profile, placement))
        return original(self, chart, profile, placement)

    patch = pytest.MonkeyPatch()
    patch.setattr(chart_drawing.ChartDrawer, "__call__", recording)
    try:
        result = build(target, force=True, jobs=1)
    finally:
        patch.undo()
    assert all(r.status == "built" for r in result.results), [r.error for r in result.results]
    return target, calls


def deck_pictures(folder: Path) -> list[tuple[float, Image.Image]]:
    """(placed width in inches, picture) of every chart picture in the deck, in slide order."""
    deck = open_pptx(folder / "reports" / SUBJECT / "deck.pptx")
    return [(shape.width / EMU_PER_INCH, Image.open(io.BytesIO(shape.image.blob)))
            for slide in deck.slides for shape in slide.shapes
            if shape.shape_type == MSO_SHAPE_TYPE.PICTURE and shape.name.startswith("Chart")]


def briefing_pictures(folder: Path) -> list[tuple[float, Image.Image]]:
    doc = open_docx(folder / "reports" / SUBJECT / "briefing.docx")
    out = []
    for shape in doc.inline_shapes:
        rid = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
        out.append((shape.width / EMU_PER_INCH, Image.open(io.BytesIO(doc.part.related_parts[rid].blob))))
    return out


def texts(fig) -> list[Text]:
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def drawn_family(text: Text) -> str:
    """The family of the font file matplotlib draws the text's Latin letters with."""
    prop = text.get_fontproperties().copy()
    prop.set_family(prop.get_family()[0])
    return font_manager.get_font(font_manager.findfont(prop, fallback_to_default=False)).family_name


@pytest.mark.parametrize("profile, pictures, family", [
    ("slide", deck_pictures, "Carlito"),  # the theme's minor font, Calibri, drawn with its stand-in
    ("page", briefing_pictures, "Noto Sans"),  # the reference's Body Text font
])
def test_every_chart_text_is_readable_as_placed_in_the_body_font(recorded, profile, pictures, family):
    folder, calls = recorded
    drawn = [(chart, placement) for chart, p, placement in calls if p == profile]
    placed = pictures(folder)
    assert len(drawn) == len(placed) == (5 if profile == "slide" else 5)
    floor = PROFILES[profile].floor
    for (chart, placement), (placed_w, image) in zip(drawn, placed):
        fig = draw_chart(chart.spec, profile, placement)
        fig.canvas.draw()
        # the picture in the file is this figure, and its placed scale is 1 (a point drawn is a point placed)
        assert image.size == tuple(int(v) for v in fig.canvas.get_width_height(physical=True))
        scale = placed_w / fig.get_figwidth()
        assert scale == pytest.approx(1.0, abs=0.002), chart.spec.title
        for text in texts(fig):
            assert text.get_fontsize() * scale >= floor - 0.01, (chart.spec.title, text.get_text(), text.get_fontsize())
            assert drawn_family(text) == family, (chart.spec.title, text.get_text())
            assert chart.spec.title not in text.get_text()


def test_the_charts_font_follows_the_reference():
    """An organisation's reference deck with another minor font changes the charts' font too."""
    spec = samples.ALL["turnover_bar"]
    for body, file_family in (("Cambria", "Caladea"), ("Arial", "Liberation Sans"), ("Noto Sans", "Noto Sans")):
        fig = draw_chart(spec, "slide", Placement(10, 5, font=body, font_file=font_file(body) or ""))
        assert {drawn_family(t) for t in texts(fig)} == {file_family}, body
    # [charts] font overrides the body font
    fig = draw_chart(replace(spec, font="DejaVu Sans"), "slide", Placement(10, 5, font="Calibri"))
    assert {drawn_family(t) for t in texts(fig)} == {"DejaVu Sans"}


@pytest.mark.parametrize("name, profile", samples.DRAWINGS)
def test_every_kind_keeps_the_floor_and_the_body_font(name, profile):
    """Every sample of every kind, drawn for a box in a deck's Calibri: no text below the floor, all in Carlito."""
    size = PROFILES[profile]
    fig = draw_chart(samples.ALL[name], profile, Placement(size.width_in, size.height_in, font="Calibri",
                                                   font_file=font_file("Calibri") or ""))
    fig.canvas.draw()
    for text in texts(fig):
        assert text.get_fontsize() >= size.floor, (text.get_text(), text.get_fontsize())
        assert drawn_family(text) == "Carlito", text.get_text()
        assert samples.ALL[name].title not in text.get_text()
