"""Parse every XML part of an Office file: a theme file before it is used, an output before it replaces a report.

A reference .docx/.pptx is input someone else made. Its parts are read with DTDs and entities
refused (lxml with `resolve_entities=False, no_network=True, load_dtd=False`): a part carrying a
`<!DOCTYPE …>` is an error naming it, since python-docx and python-pptx would carry its entity
references (`&xxe;`) into the output without their declaration, a file no office suite opens.
Every file the writers produce is parsed the same way before it is renamed into place, so a
malformed output can never replace a good report.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from dossier.errors import ConfigError, WriterError
from dossier.input_limits import size_text

#: Parts that must be XML: the OPC's own and every *.xml / *.rels part (legacy VML is left alone:
#: Office itself writes it loosely).
_XML_SUFFIXES = (".xml", ".rels")


def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def xml_part_problems(path: Path, unzipped_limit: int | None = None) -> list[tuple[str, int | None, str]]:
    """Return (part, line, problem) for each XML part of the zip at `path` that is malformed or has a DTD.

    The first problem is enough to refuse the file; the list stops there. A file that is no zip at
    all, or whose parts unzip past `unzipped_limit` bytes, is one problem with the part "".
    """
    try:
        package = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        return [("", None, f"not an Office file (a zip package): {exc}")]
    with package:
        infos = package.infolist()
        total = sum(info.file_size for info in infos)
        if unzipped_limit is not None and total > unzipped_limit:
            return [("", None, f"its parts unzip to {size_text(total)}, over the limit of "
                               f"{size_text(unzipped_limit)}; raise [limits] unzipped_mb if the file is genuine")]
        for info in infos:
            if not info.filename.lower().endswith(_XML_SUFFIXES):
                continue
            try:
                data = package.read(info)
            except (zipfile.BadZipFile, OSError, EOFError) as exc:
                return [(info.filename, None, f"cannot be unzipped: {exc}")]
            if not data.strip():
                return [(info.filename, None, "is empty, not XML")]
            try:
                root = etree.fromstring(data, _safe_parser())
            except etree.XMLSyntaxError as exc:
                return [(info.filename, exc.lineno, f"not well-formed XML: {exc.msg}")]
            if root.getroottree().docinfo.doctype or root.getroottree().docinfo.internalDTD is not None:
                return [(info.filename, None, "declares a DTD (<!DOCTYPE …>), which Office files never do; "
                                              "entities are not expanded: save the file again from Office")]
    return []


def _where(part: str, line: int | None) -> str | None:
    if not part:
        return None
    return f"{part} line {line}" if line else part


def check_reference_package(path: Path, shown: str, unzipped_limit: int) -> None:
    """Raise ConfigError naming the part when a theme's reference file is not safe, well-formed XML throughout.

    A file that is no zip at all passes: the writer's own check says what it is not, in its words.
    """
    if not zipfile.is_zipfile(path):
        return
    for part, line, problem in xml_part_problems(path, unzipped_limit):
        raise ConfigError(problem, file=shown, key=_where(part, line))


def check_written_package(path: Path, shown: str) -> None:
    """Raise WriterError when a file a writer produced has a malformed part: it must not replace the report."""
    for part, line, problem in xml_part_problems(path):
        raise WriterError(f"the file written is not valid ({problem}); the previous report is kept. "
                          "This is a bug in dossier: please report it with the project",
                          file=shown, key=_where(part, line))
