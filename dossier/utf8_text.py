"""Read a project's text files as UTF-8, a wrong byte being the user's error with its line, never a traceback."""

from __future__ import annotations

from pathlib import Path

from dossier.errors import DossierError


def read_utf8(file_path: Path, shown: str, error: type[DossierError]) -> str:
    """Return the file's text (a BOM is allowed); raise `error` naming the line of the first non-UTF-8 byte."""
    raw = file_path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise error(f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8", file=shown, line=line) from None
