"""The chart gallery (tests/projects/gallery): one chart of every kind in hard cases, built as a
briefing (page pictures), a deck (slide pictures and editable charts) and a Russian deck."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.enum.shape import WD_INLINE_SHAPE
from pptx import Presentation as open_pptx

from tests.project_copies import PROJECTS, copy_project, run_dossier

CHARTS = 14  # chart blocks in templates/gallery.md.j2
NATIVE = 3  # of which `native: true`


@pytest.fixture(scope="module")
def gallery(tmp_path_factory) -> Path:
    folder = copy_project(PROJECTS / "gallery", tmp_path_factory.mktemp("gallery") / "gallery")
    result = run_dossier("build", "--project", str(folder), env={"DOSSIER_REFRESH_FIELDS": "0"})
    assert result.returncode == 0, result.stdout + result.stderr
    return folder


def test_every_chart_is_drawn_in_both_profiles(gallery):
    charts = gallery / "build" / "charts"
    # drawn for their boxes: the editable charts are not pictures (in either file), the Russian deck has its own
    assert len(list(charts.glob("*-page.png"))) == CHARTS - NATIVE
    assert len(list(charts.glob("*-slide.png"))) == 2 * (CHARTS - NATIVE)
    briefing = open_docx(str(gallery / "reports" / "gallery" / "briefing.docx"))
    assert len(briefing.inline_shapes) == CHARTS
    assert sum(shape.type == WD_INLINE_SHAPE.CHART for shape in briefing.inline_shapes) == NATIVE


def test_deck_has_pictures_and_editable_charts_with_one_zero(gallery):
    deck = open_pptx(str(gallery / "reports" / "gallery" / "deck.pptx"))
    shapes = [shape for slide in deck.slides for shape in slide.shapes]
    charts = [s.chart for s in shapes if s.has_chart]
    assert len(charts) == NATIVE
    combo = next(c for c in charts if len(c.plots) == 2)
    assert len(combo._chartSpace.findall(".//{*}plotArea/{*}valAx")) == 1  # bars and balance: one axis, one zero
    line = next(c for c in charts if c.chart_type is not None and "LINE" in str(c.chart_type))
    assert line._chartSpace.find(".//{*}plotArea/{*}dateAx/{*}baseTimeUnit").get("val") == "months"
    assert sum(1 for s in shapes if s.shape_type == 13) == CHARTS - NATIVE  # pictures


@pytest.mark.parametrize(("output", "words"), [("deck", ("over 200", "about 800")), ("deck_ru", ("более 200", "около 800"))])
def test_qualified_values_in_words(gallery, output, words):
    deck = open_pptx(str(gallery / "reports" / "gallery" / f"{output}.pptx"))
    text = " ".join(p.text for slide in deck.slides for s in slide.shapes if s.has_text_frame
                    for p in s.text_frame.paragraphs).replace("\N{NO-BREAK SPACE}", " ")
    for word in words:
        assert word in text
