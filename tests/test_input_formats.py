"""Numbers and dates typed the local way in CSV and Excel files: read exactly, or refused naming the cell."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import openpyxl
import pytest

from dossier.data import load_csv, load_xlsx
from dossier.errors import ConfigError
from dossier.input_formats import input_format
from dossier.project import load_project
from dossier.validate import load_subject
from project_copies import PROJECTS, copy_project, run_dossier

SCHEMA = {"type": "array", "items": {"type": "object", "properties": {
    "year": {"type": "integer"}, "value": {"type": ["number", "null"]},
    "date": {"type": "string", "pattern": r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"},
    "label": {"type": "string"}}}}


def _csv(text: str, locale: str, settings: dict | None = None):
    data_file, problems = load_csv(text, "data/s/t.csv", SCHEMA, input_format(locale, settings))
    return data_file.value, [str(p) for p in problems]


def test_a_russian_excel_export_reads_exactly() -> None:
    rows, problems = _csv('year;value;date;label\n2019;"310,4";03.01.1992;a\n2020;-4 720,2;1992-01;1,5\n'
                          '2021;1\u00a0234\u00a0567,25;;b\n', "ru")
    assert problems == []
    assert [r["value"] for r in rows] == [310.4, -4720.2, 1234567.25]
    assert [r["date"] for r in rows] == ["1992-01-03", "1992-01", ""]
    assert rows[1]["label"] == "1,5"  # a text column keeps its text


def test_german_grouping_and_a_per_file_decimal() -> None:
    rows, problems = _csv("year,value\n2019,\"1.234,5\"\n2020,\"310,4\"\n", "de")
    assert (problems, [r["value"] for r in rows]) == ([], [1234.5, 310.4])
    rows, problems = _csv("year;value\n2019;1.5\n2020;1,234.5\n", "de", {"decimal": "."})  # [data.t] decimal = "."
    assert (problems, [r["value"] for r in rows]) == ([], [1.5, 1234.5])
    rows, problems = _csv("year;value\n2019;310,4\n", "en_GB", {"decimal": ","})
    assert (problems, [r["value"] for r in rows]) == ([], [310.4])


def test_an_ambiguous_value_is_an_error_naming_the_cell() -> None:
    _, problems = _csv("year;value\n2019;0,125\n2020;1,234\n", "ru")
    assert len(problems) == 1 and problems[0].startswith("data/s/t.csv:3: value: '1,234' is ambiguous")
    _, problems = _csv("year;value\n2020;1.5\n", "de")  # the German grouping sign with two digits after it
    assert len(problems) == 1 and problems[0].startswith("data/s/t.csv:2: value: '1.5' has digits grouped unevenly")


def test_two_digit_years_are_not_guessed() -> None:
    _, problems = _csv("year;date\n2019;03.01.92\n", "de")
    assert problems == ["data/s/t.csv:2: date: '03.01.92' has a two-digit year; write it with four digits "
                        "or as ISO (YYYY-MM-DD)"]


def test_excel_number_cells_stay_numbers_and_text_cells_read_locally(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (["year", "value"], [2019, 1.5], [2020, "1.234,5"]):
        sheet.append(row)
    book.save(tmp_path / "t.xlsx")
    data_file, problems = load_xlsx(tmp_path / "t.xlsx", "data/s/t.xlsx", SCHEMA, local=input_format("de", None))
    assert problems == [] and [r["value"] for r in data_file.value] == [1.5, 1234.5]


def _ru_project(tmp_path: Path, csv_text: str) -> Path:
    root = copy_project(PROJECTS / "minimal", tmp_path / "ru")
    config = (root / "dossier.toml").read_text(encoding="utf-8")
    config = config.replace('locale = "en_GB"', 'locale = "ru"').split("[outputs.deck]")[0]
    (root / "dossier.toml").write_text(config, encoding="utf-8")
    (root / "data" / "demo" / "trade.csv").write_text(csv_text, encoding="utf-8")
    return root


def test_a_ru_project_with_semicolons_and_decimal_commas_builds(tmp_path: Path) -> None:
    root = _ru_project(tmp_path, "year;exports;imports;side;source\n2019;10,5;1 234,5;AZ;src-a\n"
                                 "2020;;25,5;AZ;src-a\n2021;12;30,25;AZ;src-b\n")
    context, _ = load_subject(load_project(root), "demo")
    assert [(r["exports"], r["imports"]) for r in context["trade"]] == [(10.5, 1234.5), (None, 25.5), (12, 30.25)]
    result = run_dossier("build", "--project", str(root), env={"DOSSIER_REFRESH_FIELDS": "0"})
    assert result.returncode == 0, result.stderr
    briefing = next((root / "reports").rglob("*.docx"))
    cells = [[c.text for c in row.cells] for row in docx.Document(str(briefing)).tables[0].rows]
    assert cells[1:] == [["2019", "10,5", "1\u00a0234,5"], ["2020", "нет данных", "25,5"], ["2021", "12,0", "30,2"]]


def test_an_ambiguous_cell_stops_the_build_in_one_line(tmp_path: Path) -> None:
    root = _ru_project(tmp_path, "year;exports;imports;side;source\n2019;1,234;20;AZ;src-a\n")
    result = run_dossier("build", "--project", str(root))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "data/demo/trade.csv:2: exports: '1,234' is ambiguous in a file with a decimal comma" in result.stderr
    assert not list((root / "reports").rglob("*.docx")) if (root / "reports").exists() else True


@pytest.mark.parametrize(("table", "key"), [('decimal = ";"', "data.trade.decimal"), ('group = "x"', "data.trade.group"),
                                            ('locale = "xx_YY"', "data.trade.locale")])
def test_bad_data_settings_name_their_line(tmp_path: Path, table: str, key: str) -> None:
    root = copy_project(PROJECTS / "minimal", tmp_path / "p")
    config = root / "dossier.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text + f"\n[data.trade]\n{table}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_project(root)
    assert str(caught.value).startswith(f"dossier.toml:{len(text.splitlines()) + 3}: {key}: ")
    assert json.dumps(load_project(copy_project(PROJECTS / "minimal", tmp_path / "q")).data_settings) == "{}"


def test_without_a_schema_numbers_read_locally_and_other_text_stays() -> None:
    data_file, problems = load_csv("period;value\n2023 01;310,4\n", "data/s/u.csv", None, input_format("ru", None))
    assert problems == [] and data_file.value == [{"period": "2023 01", "value": 310.4}]
    _, problems = load_csv("period;value\nQ1;1,234\n", "data/s/u.csv", None, input_format("ru", None))
    assert [str(p) for p in problems][0].startswith("data/s/u.csv:2: value: '1,234' is ambiguous")
