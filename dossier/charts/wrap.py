"""Wrapping text to a width: by words, and between characters of Chinese/Japanese text."""

from __future__ import annotations

import re
import unicodedata

_WIDE_RUN = re.compile(r"[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[^\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+")


def display_width(text: str) -> int:
    """Width in columns: 2 for a wide (CJK) character, 1 otherwise."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _units(word: str) -> list[str]:
    """Split a word into pieces a line may break between (each CJK character is a piece)."""
    return _WIDE_RUN.findall(word) or [word]


def wrap(text: str, width: int) -> str:
    """Wrap ``text`` to lines of at most ``width`` columns (a longer single word stays whole)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            for i, unit in enumerate(_units(word)):
                sep = " " if i == 0 and line else ""
                if line and display_width(line + sep + unit) > width:
                    lines.append(line)
                    line = unit
                else:
                    line = line + sep + unit
        lines.append(line)
    return "\n".join(lines)


def unwrap(text: str) -> str:
    """Undo :func:`wrap` for comparing: drop all whitespace."""
    return "".join(text.split())
