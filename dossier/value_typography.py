"""A printed value fitted to the sentence around it: no doubled full stop, a capital where a bullet starts.

A value's text comes from the locale (Babel, the catalogue), the punctuation around it from the
template, so neither knows the other:

- a value that ends with a full stop (ru `3 января 1992 г.`, de `3 Mrd.`) followed by the
  template's full stop prints one: `… 1992 г.` not `… 1992 г..` (an ellipsis `...` is left alone);
- words the locale wrote (a formatting filter's output, "not reported": :class:`LocaleWords`) that
  begin a bullet or a numbered item (`- {{ date }}: …`), a heading or a paragraph start with a
  capital: ru `Март 1994 г.: …`, `Not reported`, not `март`/`not reported`. Data and the
  template's own text are never changed.

Works on the rendered Markdown while values are still held out by :mod:`dossier.literal_values`
(``held`` is its list of (kind, text)), outside fenced blocks.
"""

from __future__ import annotations

import re

from babel import Locale, UnknownLocaleError

# a list item's or a heading's start: indentation, quote marks, "-", "*", "+", "1." / "1)" or "#"…,
# then emphasis marks that may open it
_ITEM_START = r"^[ \t]*(?:>[ \t]*)*(?:[-*+]|\d{1,9}[.)]|#{1,6})[ \t]+(?:\*\*|__|\*|_)?"
_LINE_START = r"^[ \t]{0,3}(?:>[ \t]*)*(?:\*\*|__|\*|_)?"  # a paragraph's first line
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
#: languages whose dotted i capitalises to İ (Turkic Latin alphabets)
DOTTED_I_LANGUAGES = {"az", "tr", "crh", "tt", "kaa"}


class LocaleWords(str):
    """Text the locale wrote: a formatting filter's output (a date, an amount, "not reported")."""


def fit_values(text: str, held: list[tuple[str, str]], hold: str, locale: str) -> str:
    """Return ``text`` with values (``hold`` is the regex of a held value's mark, group 1 its index) fitted.

    ``held`` is changed in place for the locale's words (kind "w") that begin an item, a heading or a paragraph.
    """
    item_value = re.compile(_ITEM_START + hold)
    paragraph_value = re.compile(_LINE_START + hold)
    doubled_stop = re.compile(hold + r"\.(?!\.)")
    language = _language(locale)
    lines = text.split("\n")
    fence = None
    for number, line in enumerate(lines):
        paragraph_start = number == 0 or not lines[number - 1].strip()
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1) == fence:
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        match = item_value.match(line) or (paragraph_value.match(line) if paragraph_start else None)
        if match and held[int(match.group(1))][0] == "w":
            index = int(match.group(1))
            held[index] = (held[index][0], capitalise(held[index][1], language))
        lines[number] = doubled_stop.sub(lambda m: _one_stop(m, held), line)
    return "\n".join(lines)


def _one_stop(match: re.Match, held: list[tuple[str, str]]) -> str:
    """The mark, and the template's full stop unless the value already ends with one."""
    value = held[int(match.group(1))][1]
    return match.group(0)[:-1] if value.rstrip().endswith(".") and not value.rstrip().endswith("..") else match.group(0)


def capitalise(text: str, language: str = "en") -> str:
    """Return ``text`` with its first letter in capitals (`март` → `Март`; az/tr `i` → `İ`); the rest unchanged."""
    for position, char in enumerate(text):
        if char.isalpha():
            upper = "\u0130" if char == "i" and language in DOTTED_I_LANGUAGES else char.title()
            return text[:position] + upper + text[position + 1:]
        if not char.isspace():
            return text  # a value that starts with a digit, a sign or a symbol: nothing to capitalise
    return text


def _language(locale: str) -> str:
    try:
        return Locale.parse(locale.replace("-", "_")).language
    except (UnknownLocaleError, ValueError, TypeError):
        return ""
