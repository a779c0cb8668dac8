"""Small files that would take the machine down (alias bombs, zip bombs, deep nesting) fail in seconds, in bounded
memory: each runs `dossier check` in a subprocess under an address-space limit (`ulimit -v`) and a timeout."""

from __future__ import annotations

import io
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from dossier.errors import DataError
from dossier.input_limits import DEFAULT_LIMITS, InputLimits
from dossier.xlsx_rows import sheet_rows
from project_copies import PROJECTS, copy_project

MEMORY_LIMIT = 1024 * 1024 * 1024  # 1 GiB of address space: the bombs below want tens of GB
SECONDS = 60  # on a quiet machine each takes 1-3 s; leave room for a busy one


def limited_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def lines_of_check_with(tmp_path: Path, name: str, content: str | bytes) -> list[str]:
    """Add data file `name` to a copy of the minimal project; run `dossier check` on it under the memory limit.

    Returns its error lines, having asserted that it failed (exit 1) without a traceback, in time.
    """
    project = copy_project(PROJECTS / "minimal", tmp_path / "project")
    file = project / "data" / "demo" / name
    file.write_bytes(content) if isinstance(content, bytes) else file.write_text(content, encoding="utf-8")
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "dossier", "check", "--project", str(project), "--jobs", "1"],
                            capture_output=True, text=True, timeout=SECONDS * 2, preexec_fn=limited_memory)
    assert time.monotonic() - started < SECONDS
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr.strip().splitlines()


def alias_bomb(levels: int = 10, width: int = 9) -> str:
    """The 377-byte file of the report: each level a list of `width` aliases of the level before."""
    names = "abcdefghijklmnopqrstuvwxyz"[:levels]
    lines = ["a: &a [" + ",".join(['"x"'] * width) + "]"]
    lines += [f"{name}: &{name} [" + ",".join([f"*{before}"] * width) + "]" for before, name in zip(names, names[1:])]
    return "\n".join(lines) + "\n"


def workbook_bytes() -> bytes:
    book = Workbook()
    book.active.append(["year", "value"])
    book.active.append([2020, 1.5])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_sheet(sheet_xml_chunks, extra_parts: dict[str, bytes] | None = None) -> bytes:
    """Return a workbook whose first sheet's XML is the chunks given (streamed into the zip)."""
    source = zipfile.ZipFile(io.BytesIO(workbook_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                with package.open(info.filename, "w", force_zip64=True) as sheet:
                    for chunk in sheet_xml_chunks:
                        sheet.write(chunk)
            else:
                package.writestr(info, source.read(info))
        for name, data in (extra_parts or {}).items():
            package.writestr(name, data)
    return out.getvalue()


def rows_without_dimension(count: int):
    """A sheet of `count` identical rows and no <dimension>: a megabyte zipped, about 80 MB of XML."""
    yield (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
           b'spreadsheetml/2006/main"><sheetData><row><c t="inlineStr"><is><t>year</t></is></c></row>')
    block = b"<row><c><v>1</v></c></row>" * 100_000
    for _ in range(count // 100_000):
        yield block
    yield b"</sheetData></worksheet>"


def test_the_alias_bomb_fails_in_seconds_in_bounded_memory(tmp_path: Path) -> None:
    bomb = alias_bomb()
    assert len(bomb.encode()) < 400
    assert lines_of_check_with(tmp_path, "bomb.yaml", bomb) == [
        "data/demo/bomb.yaml:5: aliases (*d and the others) repeat more than 10000 values; "
        "write the values out or raise [limits] alias_nodes"]


def test_the_three_million_row_workbook_fails_in_seconds_in_bounded_memory(tmp_path: Path) -> None:
    bomb = with_sheet(rows_without_dimension(3_000_000))
    assert len(bomb) < 2_000_000
    assert lines_of_check_with(tmp_path, "bomb.xlsx", bomb) == [
        "data/demo/bomb.xlsx:100001: the first sheet has more than 100000 rows (blank rows count); "
        "delete unused rows or raise [limits] xlsx_rows"]


def test_a_workbook_whose_parts_unzip_too_far_is_refused_unread(tmp_path: Path) -> None:
    zeros = b"\0" * (300 * 1024 * 1024)  # 300 MB of one byte: about 300 KB zipped
    bomb = with_sheet([workbook_part(workbook_bytes(), "xl/worksheets/sheet1.xml")], {"xl/media/padding.bin": zeros})
    del zeros
    assert lines_of_check_with(tmp_path, "bomb.xlsx", bomb) == [
        "data/demo/bomb.xlsx: its parts unzip to 300.0 MB, over the limit of 200.0 MB; "
        "raise [limits] unzipped_mb if the file is genuine"]


def workbook_part(package: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        return source.read(name)


@pytest.mark.parametrize("name, text, line", [
    ("deep.yaml", "".join("  " * i + f"k{i}:\n" for i in range(1000)) + "  " * 1000 + "v\n", 101),
    ("deep.yaml", "value: " + "[" * 10_000 + "]" * 10_000 + "\n", 1),
    ("deep.json", "{\n\"value\":\n" + "[" * 100_000 + "]" * 100_000 + "\n}\n", 3),
])
def test_deep_nesting_fails_with_its_line_in_bounded_memory(tmp_path: Path, name: str, text: str, line: int) -> None:
    lines = lines_of_check_with(tmp_path, name, text)
    assert len(lines) == 1 and lines[0].startswith(f"data/demo/{name}:{line}: nested more than 100 levels deep"), lines


def test_a_workbook_within_the_limits_reads_as_before(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    path.write_bytes(workbook_bytes())
    assert list(sheet_rows(path, "book.xlsx", DEFAULT_LIMITS)) == [(1, ["year", "value"]), (2, [2020, 1.5])]


def test_row_and_cell_limits_name_the_row(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    path.write_bytes(workbook_bytes())
    with pytest.raises(DataError) as rows:
        list(sheet_rows(path, "book.xlsx", InputLimits(xlsx_rows=1)))
    assert str(rows.value).startswith("book.xlsx:2: the first sheet has more than 1 rows")
    with pytest.raises(DataError) as cells:
        list(sheet_rows(path, "book.xlsx", InputLimits(xlsx_cells=3)))
    assert str(cells.value).startswith("book.xlsx:2: the first sheet has more than 3 cells up to this row")


def test_a_row_number_far_down_the_sheet_is_caught_before_openpyxl_fills_the_gap(tmp_path: Path) -> None:
    sheet = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
             b'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
             b'<row r="1048576"><c r="A1048576"><v>2</v></c></row></sheetData></worksheet>')
    path = tmp_path / "book.xlsx"
    path.write_bytes(with_sheet([sheet]))
    with pytest.raises(DataError) as over:
        list(sheet_rows(path, "book.xlsx", DEFAULT_LIMITS))
    assert str(over.value).startswith("book.xlsx:1048576: the first sheet has more than 100000 rows")
