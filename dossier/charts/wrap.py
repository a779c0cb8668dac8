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
        line, line_width = "", 0  # the line's display width, kept as it grows (not counted again per word)
        for word in paragraph.split():
            for i, unit in enumerate(_units(word)):
                sep = " " if i == 0 and line else ""
                unit_width = display_width(unit)
                if line and line_width + len(sep) + unit_width > width:
                    lines.append(line)
                    line, line_width = unit, unit_width
                else:
                    line, line_width = line + sep + unit, line_width + len(sep) + unit_width
        lines.append(line)
    return "\n".join(lines)


def next_narrower(wrapped: str, columns: int) -> int:
    """Return the next column count worth trying after ``wrapped`` = ``wrap(text, columns)``.

    When every line of ``wrapped`` is at most ``m`` columns wide, wrapping to any width from
    ``m`` to ``columns`` gives the very same lines (each break and each join is decided the
    same way), so a search for the widest wrap that fits skips to ``m - 1`` without
    measuring those copies again.
    """
    widest = max(display_width(line) for line in wrapped.split("\n"))
    return min(columns, widest) - 1


def unwrap(text: str) -> str:
    """Undo :func:`wrap` for comparing: drop all whitespace."""
    return "".join(text.split())
