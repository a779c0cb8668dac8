"""Data files of every kind load with the line of every value; problems name file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from dossier.data import load_data_file
from dossier.errors import DataError
from dossier.validate import schema_problems

SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {"year": {"type": "integer"}, "value": {"type": ["number", "null"]}, "side": {"type": "string"}},
        "required": ["year", "value"],
        "additionalProperties": False,
    },
}


def load(path: Path, schema=SCHEMA):
    return load_data_file(path, path.name, schema)


def test_csv_with_bom_and_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "trade.csv"
    path.write_bytes("\ufeffyear;value;side\n2019;1.5;AZ\n2020;;Azərbaycan\n".encode())
    data_file, problems = load(path)
    assert problems == []
    assert data_file.value == [{"year": 2019, "value": 1.5, "side": "AZ"},
                               {"year": 2020, "value": None, "side": "Azərbaycan"}]
    assert data_file.line_of((1, "side")) == 3


def test_csv_collects_every_bad_cell(tmp_path: Path) -> None:
    path = tmp_path / "trade.csv"
    path.write_text("year,value\n2019,n/a\nlate,2\n", encoding="utf-8")
    _, problems = load(path)
    assert [str(p) for p in problems] == ["trade.csv:2: value: 'n/a' is not a number",
                                          "trade.csv:3: year: 'late' is not a whole number"]


def test_json_schema_problems_have_lines(tmp_path: Path) -> None:
    path = tmp_path / "trade.json"
    path.write_text('[\n  {"year": 2019, "value": 1},\n  {"year": "2020", "value": 2}\n]\n', encoding="utf-8")
    data_file, _ = load(path)
    assert [str(p) for p in schema_problems(data_file, SCHEMA)] == [
        "trade.json:3: [1].year: '2020' is text, but must be a whole number: write the number without quotes or units"]


def test_xlsx_rows_are_typed_by_the_schema(tmp_path: Path) -> None:
    workbook = Workbook()
    for row in (("year", "value", "side"), (2019, 1.5, "AZ"), (2020, None, "CN")):
        workbook.active.append(row)
    path = tmp_path / "trade.xlsx"
    workbook.save(path)
    data_file, problems = load(path)
    assert problems == []
    assert data_file.value == [{"year": 2019, "value": 1.5, "side": "AZ"}, {"year": 2020, "value": None, "side": "CN"}]
    assert data_file.line_of((1, "value")) == 3


def test_yaml_keeps_lines_and_refuses_python_tags(tmp_path: Path) -> None:
    path = tmp_path / "report.yaml"
    path.write_text("title: A\nitems:\n  - x: 1\n  - x: 2\n", encoding="utf-8")
    data_file, _ = load(path, None)
    assert data_file.line_of(("items", 1, "x")) == 4
    path.write_text("title: !!python/object/apply:os.system ['true']\n", encoding="utf-8")
    with pytest.raises(DataError, match="report.yaml:1"):
        load(path, None)
