"""Read the rows of a workbook's first sheet as a stream, within the project's limits.

A workbook is a zip of XML: a one-megabyte file can hold a sheet of millions of rows. Its parts
are measured before anything is parsed (their decompressed sizes, which `zipfile` also enforces
while reading), and the sheet is read row by row (openpyxl's read-only mode), stopping at the
row and cell limits, so neither time nor memory follows what the file claims.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any, Iterator

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


def sheet_rows(file_path: Path, shown: str, limits: InputLimits) -> Iterator[tuple[int, list[Any]]]:
    """Yield (row number, cell values) of the first sheet, trailing empty cells dropped; stop at a limit with DataError."""
    check_unzipped_size(file_path, shown, limits.unzipped_bytes)
    from openpyxl import load_workbook  # only projects with .xlsx files pay for the import

    try:
        workbook = load_workbook(file_path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError and its own errors for a broken file
        raise DataError(f"cannot read the workbook: {exc}", file=shown) from None
    cells = 0
    try:
        for number, row in enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1):
            if number > limits.xlsx_rows:
                raise DataError(
                    f"the first sheet has more than {limits.xlsx_rows} rows (blank rows count); "
                    "delete unused rows or raise [limits] xlsx_rows", file=shown, line=number,
                )
            values = list(row)
            while values and values[-1] is None:
                values.pop()
            cells += len(values)
            if cells > limits.xlsx_cells:
                raise DataError(
                    f"the first sheet has more than {limits.xlsx_cells} cells up to this row; "
                    "delete unused columns or raise [limits] xlsx_cells", file=shown, line=number,
                )
            yield number, values
    except DataError:
        raise
    except MemoryError:
        raise DataError("ran out of memory reading the workbook", file=shown) from None
    except Exception as exc:  # a damaged sheet inside a readable zip
        raise DataError(f"cannot read the workbook: {exc}", file=shown) from None
    finally:
        workbook.close()
