"""Read the rows of a workbook's first sheet as a stream, within the project's limits.

A workbook is a zip of XML: a one-megabyte file can hold a sheet of millions of rows. Its parts
are measured before anything is parsed (their decompressed sizes, which `zipfile` also enforces
while reading); the first sheet's rows and cells are then counted by a streaming XML scan that
stops at the limits (openpyxl, given a sheet without a `<dimension>`, reads the whole sheet
before its first row), and only then is the sheet read row by row (openpyxl's read-only mode),
so neither time nor memory follows what the file claims.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from typing import Any, Iterator
from xml.etree import ElementTree
from xml.parsers import expat

from dossier.errors import DataError
from dossier.input_limits import InputLimits, size_text


def check_unzipped_size(file_path: Path, shown: str, limit_bytes: int, setting: str = "unzipped_mb") -> None:
    """Raise DataError when the parts of a zip package add up to more than `limit_bytes` decompressed.

    A file that is no zip at all passes: the reader that opens it next says so in its own words.
    """
    try:
        with zipfile.ZipFile(file_path) as package:
            total = sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, OSError):
        return
    if total > limit_bytes:
        raise DataError(
            f"its parts unzip to {size_text(total)}, over the limit of {size_text(limit_bytes)}; "
            f"raise [limits] {setting} if the file is genuine", file=shown,
        )


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


def _first_sheet_parts(package: zipfile.ZipFile) -> list[str]:
    """Return the part of the workbook's first sheet, found as openpyxl finds it; every sheet part if that fails."""
    try:
        workbook = ElementTree.fromstring(package.read("xl/workbook.xml"))
        first = workbook.find(f"{{{_MAIN}}}sheets/{{{_MAIN}}}sheet")
        rel_id = first.get(f"{{{_DOC_REL}}}id")
        rels = ElementTree.fromstring(package.read("xl/_rels/workbook.xml.rels"))
        target = next(rel.get("Target") for rel in rels.iter(f"{{{_PKG_REL}}}Relationship") if rel.get("Id") == rel_id)
        return [target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))]
    except (KeyError, AttributeError, StopIteration, ElementTree.ParseError, TypeError):
        return [name for name in package.namelist() if name.startswith("xl/worksheets/") and name.endswith(".xml")]


class _OverLimit(Exception):
    """Raised inside the XML scan to stop it: carries the DataError."""


def check_sheet_size(file_path: Path, shown: str, limits: InputLimits) -> None:
    """Raise DataError when the first sheet has more rows or cells than the limits, scanning no further than them."""
    try:
        package = zipfile.ZipFile(file_path)
    except (zipfile.BadZipFile, OSError):
        return  # openpyxl says what is wrong with the file
    rows = cells = 0

    def start(tag: str, attributes: dict[str, str]) -> None:
        nonlocal rows, cells
        name = tag.rsplit(" ", 1)[-1]
        if name == "row":
            number = attributes.get("r", "")
            rows = int(number) if number.isdigit() else rows + 1
            if rows > limits.xlsx_rows:
                raise _OverLimit(_too_many_rows(shown, limits, rows))
        elif name == "c":
            cells += 1
            if cells > limits.xlsx_cells:
                raise _OverLimit(_too_many_cells(shown, limits, rows))

    with package:
        for part in _first_sheet_parts(package):
            rows = cells = 0
            parser = expat.ParserCreate(namespace_separator=" ")
            parser.StartElementHandler = start
            try:
                with package.open(part) as stream:
                    while chunk := stream.read(1 << 16):
                        parser.Parse(chunk, False)
                parser.Parse(b"", True)
            except _OverLimit as over:
                raise over.args[0] from None
            except (KeyError, expat.ExpatError, zipfile.BadZipFile, OSError, EOFError):
                return  # a damaged sheet: openpyxl says what is wrong with it


def _too_many_rows(shown: str, limits: InputLimits, row: int) -> DataError:
    return DataError(f"the first sheet has more than {limits.xlsx_rows} rows (blank rows count); "
                     "delete unused rows or raise [limits] xlsx_rows", file=shown, line=row)


def _too_many_cells(shown: str, limits: InputLimits, row: int) -> DataError:
    return DataError(f"the first sheet has more than {limits.xlsx_cells} cells up to this row; "
                     "delete unused columns or raise [limits] xlsx_cells", file=shown, line=row)


def sheet_rows(file_path: Path, shown: str, limits: InputLimits) -> Iterator[tuple[int, list[Any]]]:
    """Yield (row number, cell values) of the first sheet, trailing empty cells dropped; stop at a limit with DataError."""
    check_unzipped_size(file_path, shown, limits.unzipped_bytes)
    check_sheet_size(file_path, shown, limits)
    from openpyxl import load_workbook  # only projects with .xlsx files pay for the import

    try:
        workbook = load_workbook(file_path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError and its own errors for a broken file
        raise DataError(f"cannot read the workbook: {exc}", file=shown) from None
    cells = 0
    try:
        for number, row in enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1):
            if number > limits.xlsx_rows:  # rows a <dimension> claims beyond the last one written
                raise _too_many_rows(shown, limits, number)
            values = list(row)
            while values and values[-1] is None:
                values.pop()
            cells += len(values)
            if cells > limits.xlsx_cells:
                raise _too_many_cells(shown, limits, number)
            yield number, values
    except DataError:
        raise
    except MemoryError:
        raise DataError("ran out of memory reading the workbook", file=shown) from None
    except Exception as exc:  # a damaged sheet inside a readable zip
        raise DataError(f"cannot read the workbook: {exc}", file=shown) from None
    finally:
        workbook.close()
