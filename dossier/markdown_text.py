"""Make data text literal in Markdown: escape what Markdown would read as syntax."""

from __future__ import annotations

import re

# Characters CommonMark may read as syntax; a backslash before ASCII punctuation always means "literal".
_SYNTAX = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>&~:=^])")
# XML 1.0 forbids control characters other than tab, newline and carriage return, lone surrogates and
# U+FFFE/U+FFFF; C1 controls (U+007F-U+009F) are legal but discouraged, render as boxes and upset Word:
# they go too. The one definition for the whole package: writers drop the same characters.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def escape_markdown(text: str) -> str:
    """Return `text` so that Markdown shows it literally, on one line (line breaks become spaces)."""
    text = XML_FORBIDDEN.sub("", text)
    text = re.sub(r"[\r\n\t]+", " ", text)
    text = _SYNTAX.sub(r"\\\1", text)
    if text.startswith(" "):  # leading spaces could make an indented code block
        text = "&#32;" + text[1:]
    elif text.startswith(("—", "―")):  # a dash opening a quote's last paragraph marks an attribution
        text = f"&#{ord(text[0])};" + text[1:]
    return text


def xml_safe(text: object) -> str:
    """Return `text` as a string XML can hold: CR/CRLF become LF, forbidden characters are dropped."""
    return XML_FORBIDDEN.sub("", str(text).replace("\r\n", "\n").replace("\r", "\n"))


def xml_safe_line(text: object) -> str:
    """Like `xml_safe`, for one-line values (properties, captions): white space runs become one space."""
    return " ".join(xml_safe(text).split())


def strip_forbidden(text: str) -> tuple[str, list[str]]:
    """Return `text` without XML-forbidden characters, and the code points removed (as U+XXXX)."""
    removed = [f"U+{ord(c):04X}" for c in XML_FORBIDDEN.findall(text)]
    return (XML_FORBIDDEN.sub("", text), removed) if removed else (text, [])
