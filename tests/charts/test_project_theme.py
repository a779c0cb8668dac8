"""The project's chart theme ([charts] palette and font in dossier.toml) reaches every drawing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from matplotlib.colors import to_hex

from dossier.build import build
from dossier.charts import draw_chart
from dossier.charts.samples import ALL as SAMPLES
from dossier.errors import ConfigError
from dossier.project import load_project
from project_copies import PROJECTS, copy_project


def test_palette_and_font_from_the_spec_are_used() -> None:
    spec = replace(SAMPLES["products_bar"], palette=("#aa0000", "#00aa00"), font="DejaVu Serif")
    fig = draw_chart(spec, "page")
    colours = {to_hex(patch.get_facecolor()) for patch in fig.axes[0].patches if patch.get_height()}
    assert colours <= {"#aa0000", "#00aa00"} and colours
    families = {text.get_fontfamily()[0] for text in fig.texts}
    assert families == {"DejaVu Serif"}
    default = draw_chart(SAMPLES["products_bar"], "page")
    assert {text.get_fontfamily()[0] for text in default.texts} == {"DejaVu Sans"}


def test_project_theme_reaches_the_build(tmp_path: Path) -> None:
    project = copy_project(PROJECTS / "minimal", tmp_path / "themed")
    config = project / "dossier.toml"
    config.write_text(config.read_text(encoding="utf-8") + '\n[charts]\npalette = ["#aa0000", "#00aa00"]\n'
                      'font = "DejaVu Serif"\n', encoding="utf-8")
    loaded = load_project(project)
    assert (loaded.chart_palette, loaded.chart_font) == (("#aa0000", "#00aa00"), "DejaVu Serif")
    assert not build(project).failed
    assert len(list((project / "build" / "charts").glob("*.png"))) == 2  # briefing (page) + deck (slide)


def test_a_bad_palette_names_the_key(tmp_path: Path) -> None:
    project = copy_project(PROJECTS / "minimal", tmp_path / "bad")
    config = project / "dossier.toml"
    config.write_text(config.read_text(encoding="utf-8") + '\n[charts]\npalette = ["red"]\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_project(project)
    assert str(caught.value).startswith("dossier.toml:") and "charts.palette" in str(caught.value)


def test_unchanged_charts_are_not_redrawn(tmp_path: Path) -> None:
    project = copy_project(PROJECTS / "minimal", tmp_path / "cache")
    assert not build(project).failed
    drawn = {p: p.stat().st_mtime_ns for p in (project / "build" / "charts").glob("*.png")}
    assert not build(project, force=True).failed
    assert {p: p.stat().st_mtime_ns for p in (project / "build" / "charts").glob("*.png")} == drawn
