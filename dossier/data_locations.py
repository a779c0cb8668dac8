"""Where a piece of text sits in a subject's data files: for errors found after the data became a context.

The template context holds plain values; their lines are known only while the files load. A late
error about a value (a character no font can draw, found while a chart is drawn) asks this module
for the value's `file:line`, which reloads the subject's files: only ever on the way to an error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterator

from dossier.data import DATA_SUFFIXES, DataFile, KeyPath, format_key_path, load_data_file
from dossier.errors import DossierError


class DataLocator:
    """Finds text in the data files of one subject of a project (data_dir/subject)."""

    def __init__(self, data_dir: Path, subject: str, shown: Callable[[Path], str]) -> None:
        self.folder = data_dir / subject
        self.shown = shown  # Path -> the path as messages print it

    def find(self, character: str) -> str | None:
        """Return `file:line (key)` of the first data value holding `character`, or None."""
        if not self.folder.is_dir():
            return None
        for path in sorted(self.folder.iterdir()):
            if path.suffix.lower() not in DATA_SUFFIXES or not path.is_file():
                continue
            try:
                data_file, _ = load_data_file(path, self.shown(path), None)
            except DossierError:
                continue
            for key_path, text in _strings(data_file.value, ()):
                if character in text:
                    return _where(data_file, key_path)
        return None


def _strings(value: Any, key_path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(value, str):
        yield key_path, value
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, key_path + (index,))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, key_path + (key,))


def _where(data_file: DataFile, key_path: KeyPath) -> str:
    line = data_file.line_of(key_path)
    place = f"{data_file.path}:{line}" if line is not None else data_file.path
    return f"{place} ({format_key_path(key_path)})" if key_path else place
