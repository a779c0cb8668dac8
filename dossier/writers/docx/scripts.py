"""Language tags for runs, guessed cheaply from the characters.

A briefing mixes English with names in Azerbaijani, Chinese or Russian. Word and
LibreOffice pick spelling, hyphenation and (for Chinese) glyph variants by the run's
``w:lang``; the fonts themselves come from the styles (``w:eastAsia``/``w:cs`` slots).

Text is cut at punctuation that usually bounds a name or quotation (brackets,
commas, semicolons, colons, quotation marks, dashes, sentence ends), and each piece is
classified by script:

* Chinese, Japanese or Korean characters → ``w:eastAsia="zh-CN"``;
* Cyrillic letters → ``w:val="ru-RU"``;
* Latin with ə (the letter only Azerbaijani uses) → ``w:val="az-Latn-AZ"``;
* anything else → no tag: the document language from the styles applies.

Neighbouring pieces with the same tags are merged again, so plain English stays one run.
"""

from __future__ import annotations

import re
from typing import NamedTuple

CHINESE, RUSSIAN, AZERBAIJANI = "zh-CN", "ru-RU", "az-Latn-AZ"

_CJK = re.compile(
    "[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f]"
)
_CYRILLIC = re.compile("[\u0400-\u04ff\u0500-\u052f]")
_AZERBAIJANI = re.compile("[\u0259\u018f]")  # ə Ə
_BOUNDARY = re.compile(r"([()\[\],;:\"\u201c\u201d\u201e\u00ab\u00bb\u2014\u2013]|[.!?](?=\s))")


class Lang(NamedTuple):
    """The ``w:lang`` attributes of a run: ``val`` (Latin/Cyrillic) and ``east_asia``; None means inherit."""

    val: str | None = None
    east_asia: str | None = None


PLAIN = Lang()


def classify(text: str) -> Lang:
    """Return the language tags for one piece of text."""
    east_asia = CHINESE if _CJK.search(text) else None
    if _CYRILLIC.search(text):
        val = RUSSIAN
    elif _AZERBAIJANI.search(text):
        val = AZERBAIJANI
    else:
        val = None
    return Lang(val, east_asia)


def split_by_language(text: str) -> list[tuple[str, Lang]]:
    """Cut ``text`` into pieces that each carry one set of language tags (joined, they give ``text``)."""
    if not text:
        return []
    if text.isascii():
        return [(text, PLAIN)]
    pieces: list[tuple[str, Lang]] = []
    for piece in _BOUNDARY.split(text):
        if not piece:
            continue
        lang = classify(piece) if piece.strip() and not _BOUNDARY.fullmatch(piece) else PLAIN
        if pieces and pieces[-1][1] == lang:
            pieces[-1] = (pieces[-1][0] + piece, lang)
        else:
            pieces.append((piece, lang))
    return pieces
