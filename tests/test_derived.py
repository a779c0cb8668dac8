"""Derived figures computed from the data for templates."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.derived import DerivedFigureError, balance, growth, largest, pick, share, total
from dossier.errors import TemplateError
from dossier.templating import make_environment, render_template

TRADE = [
    {"year": 2022, "exports": 100.0, "imports": 400.0, "turnover": 2159.0, "side": "AZ"},
    {"year": 2023, "exports": None, "imports": None, "turnover": 3100.0, "side": "AZ"},
    {"year": 2023, "exports": None, "imports": None, "turnover": 2900.0, "side": "CN"},
]


def test_helpers_compute_from_rows() -> None:
    assert pick(TRADE, year=2023, side="CN")["turnover"] == 2900.0
    assert balance(TRADE[0], "exports", "imports") == -300.0
    assert balance(TRADE[1], "exports", "imports") is None
    assert growth(2159.0, 3100.0) == pytest.approx(43.58, abs=0.01)
    assert share(1556.2, 17200) == pytest.approx(9.05, abs=0.01)
    assert largest(TRADE, "turnover") is TRADE[1]
    assert total(TRADE, "exports") == 100.0 and total(TRADE[1:], "exports") is None


def test_pick_needs_exactly_one_row() -> None:
    with pytest.raises(DerivedFigureError, match="2 rows match"):
        pick(TRADE, year=2023)
    with pytest.raises(DerivedFigureError, match="no row matches"):
        pick(TRADE, year=1990)


def test_helpers_in_a_template_and_their_errors_name_the_line(tmp_path: Path) -> None:
    (tmp_path / "t.md.j2").write_text(
        "Growth: {{ growth(pick(trade, year=2022).turnover, pick(trade, year=2023, side='AZ').turnover) | change }}"
        " ({{ 4 | ordinal }})\n{{ pick(trade, year=2023).turnover }}\n", encoding="utf-8")
    env = make_environment(tmp_path, "templates", "en_GB")
    with pytest.raises(TemplateError) as caught:
        render_template(env, "t.md.j2", {"trade": TRADE}, {}, "templates")
    assert str(caught.value) == ("templates/t.md.j2:2: pick(year=2023): 2 rows match; add a condition, "
                                 "in {{ pick(trade, year=2023).turnover }}")
    (tmp_path / "t.md.j2").write_text(
        "Growth: {{ growth(pick(trade, year=2022).turnover, pick(trade, year=2023, side='AZ').turnover) | change }}"
        " ({{ 4 | ordinal }})\n", encoding="utf-8")
    assert render_template(env, "t.md.j2", {"trade": TRADE}, {}, "templates").markdown == "Growth: \\+43\\.6% (4th)\n"  # escaped: literal in the output
