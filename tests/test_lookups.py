"""Rows: lookups by id, role, category and time, as templates use them."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from dossier.derived import DerivedFigureError
from dossier.lookups import Rows
from dossier.optional_data import empty_value, with_defaults
from dossier.templating import make_environment, render_template

TRADE = Rows([
    {"year": 2019, "side": "AZ", "turnover": 10},
    {"year": 2021, "side": "CN", "turnover": 30},
    {"year": 2020, "side": "AZ", "turnover": 20},
])
FIGURES = Rows([{"id": "a", "value": 1, "role": "x"}, {"id": "b", "value": 2, "category": "culture"}])


def test_by_id_and_by_condition() -> None:
    assert FIGURES["b"]["value"] == 2
    assert FIGURES.get("zz") is None
    with pytest.raises(DerivedFigureError, match="no row has id 'zz'; ids: a, b"):
        FIGURES["zz"]
    assert FIGURES.first(category="culture")["id"] == "b"
    assert FIGURES.first(category="party") is None
    assert [r["year"] for r in TRADE.where(side="AZ")] == [2019, 2020]
    assert [r["year"] for r in TRADE.where(side=["AZ", "CN"])] == [2019, 2021, 2020]
    assert TRADE[0]["year"] == 2019 and isinstance(TRADE[1:], Rows)


def test_latest_and_earliest_go_by_time_not_file_order() -> None:
    assert TRADE.latest()["year"] == 2021
    assert TRADE.latest(side="AZ")["year"] == 2020
    assert TRADE.earliest()["year"] == 2019
    assert TRADE.latest(side="XX") is None
    dated = Rows([{"date": "2019-11"}, {"date": "2019"}, {"date": "2024-07"}, {"date": "2011"}])
    assert dated.latest()["date"] == "2024-07" and dated.earliest()["date"] == "2011"


def test_one_fails_on_none_or_several() -> None:
    assert TRADE.one(year=2021)["side"] == "CN"
    with pytest.raises(DerivedFigureError, match="2 rows match"):
        TRADE.one(side="AZ")


def test_rows_pickle_and_look_like_lists_to_template_authors() -> None:
    assert pickle.loads(pickle.dumps(TRADE)) == TRADE
    assert isinstance(pickle.loads(pickle.dumps(TRADE)), Rows)
    assert type(TRADE).__name__ == "list"


def test_optional_data_gives_empty_values() -> None:
    schema = {"type": "object", "properties": {"rows": {"type": "array"}, "since": {"type": "integer"}}}
    assert empty_value(schema) == {"rows": [], "since": None}
    row = {"a": 1}
    assert with_defaults([row], {"type": "array", "items": {"type": "object", "properties": {"b": {}}}}) == [
        {"a": 1, "b": None}]


def test_templates_use_the_lookups_and_macros_print_once(tmp_path: Path) -> None:
    (tmp_path / "t.md.j2").write_text(
        '{% macro name(c) %}{{ c.name }} ({{ c.native }}){% endmacro %}'
        '{{ name(us) }}: {{ figures["b"].value }}, {{ trade.latest(side="AZ").year }}, '
        '{{ figures.first(role="x").id }}\n', encoding="utf-8")
    env = make_environment(tmp_path, "templates", "en_GB")
    context = {"us": {"name": "Valdoria *", "native": "Валдория"}, "figures": FIGURES, "trade": TRADE}
    out = render_template(env, "t.md.j2", context, {}, "templates").markdown
    assert out.strip() == r"Valdoria \* (Валдория): 2, 2020, a"


def test_a_template_error_names_the_failing_expression(tmp_path: Path) -> None:
    (tmp_path / "t.md.j2").write_text('Intro {{ us.name }}\nA {{ figures["b"].value }} and {{ figures["nope"].value }}\n',
                                      encoding="utf-8")
    env = make_environment(tmp_path, "templates", "en_GB")
    with pytest.raises(Exception) as caught:
        render_template(env, "t.md.j2", {"us": {"name": "x"}, "figures": FIGURES}, {}, "templates")
    assert str(caught.value).startswith("templates/t.md.j2:2: ")
    assert '{{ figures["nope"].value }}' in str(caught.value)
