"""Chart blocks resolved against the data: gaps stay gaps, sides stay apart, mistakes name the block."""

from __future__ import annotations

import pytest

from dossier.chart_blocks import resolve_chart
from dossier.errors import ChartError
from dossier.model import Location

TRADE = [
    {"year": 2016, "turnover": 769.0, "exports": None, "side": "CN"},
    {"year": 2017, "turnover": 964.0, "exports": 577.0, "side": "CN"},
    {"year": 2017, "turnover": 1300.0, "exports": None, "side": "AZ"},
    {"year": 2019, "turnover": 2180.0, "exports": None, "side": "AZ"},
]
CONTEXT = {"trade": TRADE, "investment": {"companies": [{"date": "2016-02", "count": 80}]},
           "timeline": [{"date": "1992-04-02", "label": "Relations"}, {"date": "1994-03", "label": "Visit"}]}
LOC = Location("templates/t.md.j2", 10)
BASE = "kind: bar\ntitle: Turnover\ndata: trade\nx: year\nunit: USD million\nsource: Customs\n"


def resolve(text: str):
    return resolve_chart(text, LOC, CONTEXT).spec


def test_group_gives_one_series_per_side_with_gaps() -> None:
    spec = resolve(BASE + "series: [turnover]\ngroup: side\n")
    assert spec.categories == ("2016", "2017", "2019")
    assert [(s.label, s.values) for s in spec.series] == [
        ("Turnover (CN)", (769.0, 964.0, None)),
        ("Turnover (AZ)", (None, 1300.0, 2180.0)),
    ]


def test_skip_empty_drops_categories_without_values() -> None:
    spec = resolve(BASE + "series: [{column: exports, label: Exports}]\nskip_empty: true\nwhere: {side: CN}\n")
    assert spec.categories == ("2017",) and spec.series[0].values == (577.0,)


def test_dotted_data_path_and_timeline() -> None:
    spec = resolve("kind: line\ntitle: C\ndata: investment.companies\nx: date\nseries: [count]\nunit: companies\n"
                   "source: S\n")
    assert spec.categories == ("2016-02",) and spec.series[0].values == (80.0,)
    timeline = resolve("kind: timeline\ntitle: T\ndata: timeline\nx: date\nlabel: label\nsource: S\n")
    assert [(e.date, e.label) for e in timeline.events] == [("1992-04-02", "Relations"), ("1994-03", "Visit")]


@pytest.mark.parametrize("extra,message", [
    ("series: [exports_total]\n", "series 'exports_total' is not a column of trade; columns: exports, side, turnover, year"),
    ("series: [turnover]\n", "two values for '2017' in series 'turnover': row 2 of trade and row 3 of trade; add group: or where: to tell them apart"),
    ("series: [side]\ngroup: year\n", "series 'side' holds text 'CN' (row 1 of trade); values must be numbers or empty"),
    ("series: [turnover]\ncolour: red\n", "unknown chart key 'colour'"),
])
def test_mistakes_name_the_chart_block(extra: str, message: str) -> None:
    with pytest.raises(ChartError) as caught:
        resolve(BASE + extra)
    assert str(caught.value).startswith(f"templates/t.md.j2:10: {message}")


def test_unknown_data_lists_the_data_files() -> None:
    with pytest.raises(ChartError, match="data 'exports' not found; data files: investment, timeline, trade"):
        resolve(BASE.replace("data: trade", "data: exports") + "series: [x]\n")


def test_missing_unit_is_an_error() -> None:
    with pytest.raises(ChartError, match="needs 'unit'"):
        resolve(BASE.replace("unit: USD million\n", "") + "series: [turnover]\ngroup: side\n")
