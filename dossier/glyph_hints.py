"""What would draw a character: the words error messages use when no font has it.

Charts (``charts.fonts``) fail on a character no font draws, naming it this way and pointing at
the Debian package that covers its script.
"""

from __future__ import annotations

import unicodedata

CJK_HINT = "on Debian/Ubuntu `apt-get install fonts-noto-cjk` adds Chinese, Japanese and Korean"
EMOJI_PACKAGE = "fonts-noto-color-emoji"
SCRIPTS_HINT = "on Debian/Ubuntu `apt-get install fonts-noto-core fonts-noto-extra` adds most other scripts"
UNASSIGNED_HINT = "it is no assigned Unicode character: no font draws it"


def describe_character(ch: str) -> str:
    """Return a character as `'X' (U+XXXX NAME)`, the form error messages use."""
    name = unicodedata.name(ch, "")
    return f"'{ch}' (U+{ord(ch):04X}{' ' + name if name else ''})"


def is_emoji(ch: str) -> bool:
    """Whether ``ch`` is a pictograph an emoji font draws (the Symbol, Other blocks from U+2600 and U+1F000)."""
    return unicodedata.category(ch) == "So" and (ord(ch) >= 0x1F000 or 0x2600 <= ord(ch) <= 0x27BF)


def install_hint(ch: str, *, chart: bool = False) -> str:
    """Return what would draw ``ch`` (in a chart when ``chart``): the Debian package for its script, or why nothing will."""
    name = unicodedata.name(ch, "")
    if unicodedata.category(ch) == "Cn":
        return UNASSIGNED_HINT
    if is_emoji(ch):
        if chart:
            return (f"charts draw no emoji: matplotlib cannot draw a colour emoji font (Noto Color Emoji, Debian "
                    f"`{EMOJI_PACKAGE}`, draws them in documents and slides); take it out of the chart's text")
        return f"on Debian/Ubuntu `apt-get install {EMOJI_PACKAGE}` adds emoji"
    if name.startswith(("CJK", "HANGUL", "HIRAGANA", "KATAKANA", "BOPOMOFO", "IDEOGRAPHIC")):
        return CJK_HINT
    return SCRIPTS_HINT
