"""Every character a document shows must have a font on this machine, or the job fails naming it.

Word, PowerPoint and LibreOffice draw a character the run's font lacks with any installed font
that has it; when none has it, the reader sees an empty box and nobody is told. So before a
writer runs, every text of the document model (title, headings, paragraphs, lists, table cells,
captions, quotations, notes, footnotes) is looked up in the union of the character sets of the
installed fonts (fontconfig: ``fc-list --format %{charset}``). A character none covers fails the
job with one line: the Markdown place, the character's code point and name, the data file and
line it comes from, and the Debian package that would draw it. Charts check their own text
against the fonts matplotlib draws with (``charts.fonts``).

Emoji are covered once Noto Color Emoji (Debian ``fonts-noto-color-emoji``) is installed, which
the README's commands do. Without fontconfig nothing can be known and nothing is checked.
"""

from __future__ import annotations

import bisect
import functools
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator

from dossier.data_locations import DataLocator
from dossier.errors import WriterError
from dossier.glyph_hints import describe_character, install_hint
from dossier.model import (
    Block, Document, Heading, Image, ListBlock, Location, Notes, Paragraph, Quote, Table, plain_text,
)

#: Front matter keys the writers print.
SHOWN_META = ("title", "subtitle", "short_title", "author", "classification", "date_text", "closing", "toc-title")
#: Characters no font needs: controls, format marks (LRM, ZWJ), variation selectors, separators.
_NEVER_DRAWN = ("Cc", "Cf", "Zl", "Zp")


@functools.lru_cache(maxsize=1)
def installed_ranges() -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """Return the installed fonts' characters as merged ranges (starts, ends), or None without fontconfig."""
    if shutil.which("fc-list") is None:
        return None
    try:
        out = subprocess.run(["fc-list", "--format", "%{charset}\n"], capture_output=True, text=True,
                             timeout=60, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    ranges = []
    for token in out.split():
        first, _, last = token.partition("-")
        try:
            ranges.append((int(first, 16), int(last or first, 16)))
        except ValueError:
            continue
    merged: list[list[int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple(s for s, _ in merged), tuple(e for _, e in merged)


def _covered(ch: str, ranges: tuple[tuple[int, ...], tuple[int, ...]]) -> bool:
    starts, ends = ranges
    index = bisect.bisect_right(starts, ord(ch)) - 1
    return index >= 0 and ord(ch) <= ends[index]


def _needs_glyph(ch: str) -> bool:
    return unicodedata.category(ch) not in _NEVER_DRAWN and not ("\ufe00" <= ch <= "\ufe0f")


def _block_texts(block: Block) -> Iterator[tuple[str, Location]]:
    if isinstance(block, (Heading, Paragraph)):
        yield plain_text(block.inlines), block.loc
    elif isinstance(block, ListBlock):
        for item in block.items:
            for inner in item.blocks:
                yield from _block_texts(inner)
    elif isinstance(block, Table):
        for row in (block.header, *block.rows):
            for cell in row:
                yield plain_text(cell), block.loc
        yield block.caption or "", block.loc
    elif isinstance(block, Image):
        yield f"{block.alt} {block.caption}", block.loc
    elif isinstance(block, (Quote, Notes)):
        for inner in block.blocks:
            yield from _block_texts(inner)
        if isinstance(block, Quote):
            yield plain_text(block.attribution), block.loc


def document_texts(document: Document) -> Iterator[tuple[str, Location]]:
    """Yield every text a writer shows, with its place in the rendered Markdown (charts excepted)."""
    top = Location(document.source, 1)
    for key in SHOWN_META:
        value = document.meta.get(key)
        if isinstance(value, str):
            yield value, top
    for block in document.blocks:
        yield from _block_texts(block)
    for note in document.footnotes.values():
        yield plain_text(note.inlines), note.loc


def check_document_glyphs(document: Document, data: DataLocator | None = None) -> None:
    """Raise ``WriterError`` on the first character of ``document`` that no installed font has."""
    ranges = installed_ranges()
    if ranges is None:
        return
    seen: set[str] = set()
    for text, loc in document_texts(document):
        for ch in text:
            if ch in seen or not _needs_glyph(ch):
                continue
            seen.add(ch)
            if not _covered(ch, ranges):
                origin = data.find(ch) if data is not None else None
                where = f"; it comes from {origin}" if origin else ""
                raise WriterError(f"no installed font has the character {describe_character(ch)}{where} "
                                  f"({install_hint(ch)})", file=loc.file, line=loc.line)
