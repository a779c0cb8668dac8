"""``[charts] native`` (the project default) and a chart block's own ``native:``."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.shape import WD_INLINE_SHAPE

from dossier.chart_blocks import resolve_chart
from dossier.chart_drawing import complete_charts
from dossier.errors import ChartError, ConfigError
from dossier.model import Document, Location
from dossier.project import load_project
from tests.project_copies import copy_example, run_dossier

ROWS = {"trade": [{"year": 2020, "turnover": 5.0}, {"year": 2021, "turnover": 7.0}]}
LOC = Location("templates/t.md.j2", 10)
BLOCK = "kind: bar\ntitle: Turnover\ndata: trade\nx: year\nseries: [turnover]\nunit: t\nsource: Customs\n"


def charts(*natives: str) -> Document:
    blocks = tuple(resolve_chart(BLOCK + native, LOC, ROWS) for native in natives)
    return Document({}, blocks, {}, "t.md")


def test_the_project_default_applies_where_a_block_says_nothing():
    document = complete_charts(charts("", "native: false\n", "native: true\n"), native=True, locale="en_GB")
    assert [block.spec.native for block in document.blocks] == [True, False, True]
    document = complete_charts(charts("", "native: false\n", "native: true\n"), native=False, locale="en_GB")
    assert [block.spec.native for block in document.blocks] == [False, False, True]


def test_a_block_native_that_is_not_true_or_false_is_an_error():
    with pytest.raises(ChartError) as caught:
        resolve_chart(BLOCK + "native: yes please\n", LOC, ROWS)
    assert str(caught.value) == "templates/t.md.j2:10: native must be true or false, not 'yes please'"


def test_charts_native_must_be_true_or_false(tmp_path: Path):
    folder = copy_example(tmp_path)
    config = folder / "dossier.toml"
    text = config.read_text(encoding="utf-8") + '\n[charts]\nnative = "yes"\n'
    config.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_project(folder)
    line = text.splitlines().index('native = "yes"') + 1
    assert str(caught.value) == f"dossier.toml:{line}: charts.native: must be true or false"
    result = run_dossier("build", "--project", str(folder), env={"DOSSIER_REFRESH_FIELDS": "0"})
    assert result.returncode == 1 and result.stderr.strip().endswith("charts.native: must be true or false")
    assert "Traceback" not in result.stderr


def test_switching_the_default_rebuilds_without_force(tmp_path: Path):
    folder = copy_example(tmp_path)
    quiet = {"DOSSIER_REFRESH_FIELDS": "0"}
    assert run_dossier("build", "--project", str(folder), env=quiet).returncode == 0
    briefing = folder / "reports" / "azerbaijan-china" / "briefing.docx"
    assert not any(s.type == WD_INLINE_SHAPE.CHART for s in docx.Document(str(briefing)).inline_shapes)
    config = folder / "dossier.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n[charts]\nnative = true\n", encoding="utf-8")
    result = run_dossier("build", "--project", str(folder), env=quiet)
    assert result.returncode == 0, result.stderr
    assert any(s.type == WD_INLINE_SHAPE.CHART for s in docx.Document(str(briefing)).inline_shapes)
