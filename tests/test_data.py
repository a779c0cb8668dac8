"""Data files of every kind load with the line of every value; problems name file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from dossier.data import load_data_file
from dossier.errors import DataError
from dossier.input_limits import DEFAULT_LIMITS, InputLimits
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


# libyaml reads the text once; PyYAML's pure-Python parser (three readings) is kept for errors and for
# texts the two parsers read differently. Lines, values and messages must be the same either way.
SAME_EITHER_WAY = [
    "a: 1\nb: [x, 'y', \"z?\"]\nc: {d: 2019-01-02, e: ~, f: .inf, g: 0x1F, h: 1_000, i: yes}\n",
    "- id: s1\n  note: >\n    folded\n    text\n  tags: [a, b]\n- id: s2\n  note: |\n    literal\n",
    "base: &b {a: 1, b: 2}\nother:\n  <<: *b\n  a: 3\nlist: [*b, *b]\n",  # merge keys: lines from the source
    "? complex\n: value\nq: what? really\nurl: http://x.org/a?b=c#d\n",
    "a: [n?ot, text]\n",  # a '?' inside [ ]: PyYAML ends the word there, libyaml does not
    "a: !\nb: ! x\nc: !!str 12\n",  # explicit tags: libyaml reads an empty `!` as text
    "a:\n\t- tab\n",  # libyaml allows tabs where PyYAML does not
    "a: 1\r\nb:\r\n  - x\r\n",
    "a: 1\na: 2\n",  # duplicate key
    "a: &x 1\nb: &x 2\n",  # duplicate anchor
    "a: *nothing\n",
    "a: [1, 2\n",
    "--- 1\n--- 2\n",
    "a: 2023-02-30\n",  # a date that does not exist: an error of the constructor
    "---", "- a\n-", "k:\n  - x\n  -",  # no line break at the end: libyaml counts one more line there
]


@pytest.mark.parametrize("text", SAME_EITHER_WAY)
def test_yaml_reads_as_the_pure_python_parser_reads_it(text: str) -> None:
    from dossier.data import DataFile, _read_yaml_checked, _record_lines, load_yaml

    def outcome(read):
        try:
            data_file = read()
        except Exception as exc:  # noqa: BLE001 - the very error is compared
            return type(exc).__name__, str(exc)
        return repr(data_file.value), data_file.lines

    def checked() -> DataFile:
        node, value = _read_yaml_checked(text, "x.yaml", DEFAULT_LIMITS)
        data_file = DataFile("x", "x.yaml", value)
        _record_lines(node, (), data_file)
        return data_file

    assert outcome(lambda: load_yaml(text, "x.yaml")) == outcome(checked)


def test_the_alias_budget_is_counted_on_the_one_reading() -> None:
    from dossier.data import load_yaml

    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n" \
           "c: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    with pytest.raises(DataError, match=r"x.yaml:3: aliases \(\*b and the others\) repeat more than 500"):
        load_yaml(bomb, "x.yaml", InputLimits(alias_nodes=500))
