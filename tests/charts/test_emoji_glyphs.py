"""Emoji: drawn in documents and slides by Noto Color Emoji; in a chart, a one-line failure naming the data line."""

from __future__ import annotations

import pytest

from chart_checks import bar_spec
from dossier.charts import draw_chart
from dossier.glyph_hints import install_hint
from dossier.errors import ChartError
from project_copies import PROJECTS, copy_project, run_dossier

GLOBE = "\U0001F30D"


@pytest.mark.parametrize(("char", "package"), [
    (GLOBE, "fonts-noto-color-emoji"), ("\u2615", "fonts-noto-color-emoji"), ("中", "fonts-noto-cjk"),
    ("\u0d15", "fonts-noto-core"), ("\u0378", "no assigned Unicode character"),
])
def test_the_hint_names_what_would_draw_the_character(char, package):
    assert package in install_hint(char, chart=True)


def test_an_emoji_in_a_chart_names_its_code_point_and_the_emoji_package():
    with pytest.raises(ChartError) as err:
        draw_chart(bar_spec(title=f"Trade {GLOBE} turnover"), "page")
    message = str(err.value)
    assert "U+1F30D EARTH GLOBE EUROPE-AFRICA" in message and "fonts-noto-color-emoji" in message
    assert "fonts-noto-cjk" not in message


def test_check_points_an_emoji_in_a_chart_at_its_data_line(tmp_path):
    project = copy_project(PROJECTS / "minimal", tmp_path / "p", overlay=PROJECTS / "broken" / "chart-glyph-in-data")
    report = project / "data" / "demo" / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("\u0378", GLOBE), encoding="utf-8")
    result = run_dossier("check", "--project", str(project))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "data/demo/report.yaml:4" in result.stderr and "U+1F30D" in result.stderr
    assert "fonts-noto-color-emoji" in result.stderr
