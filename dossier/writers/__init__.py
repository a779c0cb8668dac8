"""Writers: one per output format, each walks the document model and writes one file.

Only this package imports python-docx or python-pptx. The registry maps a format
name to "module:Class" so that looking a writer up does not import it.
"""

from __future__ import annotations

from importlib import import_module
from typing import Protocol
from pathlib import Path

from dossier.errors import ConfigError
from dossier.model import Document

WRITERS: dict[str, str] = {
    "docx": "dossier.writers.docx.writer:DocxWriter",
    "pptx": "dossier.writers.pptx.writer:PptxWriter",
}


class Writer(Protocol):
    name: str
    suffix: str
    chart_profile: str  # "page" or "slide": which drawing of each chart this writer places

    def write(self, document: Document, target: Path) -> None: ...


def writer_for(name: str) -> type[Writer]:
    """Return the writer class for a format name, or fail listing the known ones."""
    try:
        module_name, class_name = WRITERS[name].split(":")
    except KeyError:
        raise ConfigError(f"unknown output format {name!r}; known: {', '.join(sorted(WRITERS))}") from None
    return getattr(import_module(module_name), class_name)
