"""Data printed by `{{ value }}` is literal wherever it lands: escaped for the context it lands in.

A template is text; Jinja cannot know whether a value lands in a paragraph, a ```chart block's
YAML, the front matter, a link's target or a `{#id}` attribute. So `{{ value }}` prints the value
marked (between two Unicode noncharacters, which text never holds), and once the template is
rendered, :func:`place_values` replaces each marked value by its literal form for where it is:

- Markdown text: backslash-escaped (`escape_markdown`), so `*`, `#`, `[x](y)`, `{…}` stay text;
- YAML (front matter, chart blocks): the block is parsed with the values held out and written
  back with each value as a YAML string (`: `, quotes, `#`, `yes`, `1e3` stay text); a value
  that is a number in the data stays a number;
- a link target `](…)`: percent-encoded, and a target that is only a value must be a web
  address (`http(s)://…`, `mailto:`) — anything else is an error, never a live link;
- an attribute block `{#…}` at the end of a heading or caption: a value must be an identifier
  (letters, digits, `-`, `_`, `.`, `:`), or it is an error.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, urlsplit

import yaml

from dossier.markdown_text import escape_markdown
from dossier.value_typography import LocaleWords, fit_values

OPEN, CLOSE = "\ufdd0", "\ufdd1"  # around a value as Jinja prints it
HOLD_OPEN, HOLD_CLOSE = "\ufdd2", "\ufdd3"  # around a held-out value's number while it is placed
_NONCHARACTERS = re.compile("[\ufdd0-\ufdd3]")
_MARKED = re.compile(f"{OPEN}([snw])(.*?){CLOSE}", re.DOTALL)
_HELD = re.compile(f"{HOLD_OPEN}(\\d+){HOLD_CLOSE}")
_CHART_OPEN = re.compile(r"^\s*```chart\b")
_FENCE_CLOSE = re.compile(r"^\s*```\s*$")
_LINK_TARGET = re.compile(r"\]\((<?)([^()\n]*?)(>?)\)")
# pandoc attributes end a heading or a table caption: `## Trade {#trade}`, `Table: Trade {#tbl-trade}`
_TRAILING_ATTRIBUTES = re.compile(r"^((?:[ \t]*#{1,6}[ \t]|Table:).*)(?<!\\)\{([^{}\n]*)\}[ \t]*$", re.MULTILINE)
_IDENTIFIER = re.compile(r"[\w.:-]+")
URL_SCHEMES = ("http", "https", "mailto", "ftp")


class LiteralValueError(ValueError):
    """A value cannot be what its place needs (a link target that is not a web address, …)."""


def mark(value: Any, text: str) -> str:
    """Return `text` (what `value` prints as) marked as data, remembering whether it was a number."""
    kind = "n" if isinstance(value, (int, float)) else "w" if isinstance(value, LocaleWords) else "s"  # bool is an int
    return f"{OPEN}{kind}{_NONCHARACTERS.sub('', text)}{CLOSE}"


def place_values(rendered: str, locale: str = "") -> str:
    """Return the rendered template with every marked value replaced by its literal form for its place.

    With the output's ``locale``, values in the text are also fitted to their sentence (``value_typography``).
    """
    if OPEN not in rendered:
        return rendered
    held: list[tuple[str, str]] = []

    def hold(match: re.Match) -> str:
        held.append((match.group(1), _NONCHARACTERS.sub("", match.group(2))))
        return f"{HOLD_OPEN}{len(held) - 1}{HOLD_CLOSE}"

    text = _MARKED.sub(hold, rendered)
    lines = text.split("\n")
    for start, end in _yaml_regions(lines):
        body = "\n".join(lines[start:end])
        if HOLD_OPEN in body:
            placed = _place_in_yaml(body, held)
            lines[start:end] = [placed] if placed is not None else lines[start:end]
    text = "\n".join(lines)
    text = _LINK_TARGET.sub(lambda m: _place_in_link(m, held), text)
    text = _TRAILING_ATTRIBUTES.sub(lambda m: _place_in_attributes(m, held), text)
    if locale:
        text = fit_values(text, held, _HELD.pattern, locale)
    return _HELD.sub(lambda m: escape_markdown(held[int(m.group(1))][1]), text)


def _yaml_regions(lines: list[str]) -> list[tuple[int, int]]:
    """Return the (first, after last) line indexes of the front matter's and each chart block's YAML, last first."""
    regions = []
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() in ("---", "..."):
                regions.append((1, index))
                break
    index = 0
    while index < len(lines):
        if _CHART_OPEN.match(lines[index]):
            for close in range(index + 1, len(lines)):
                if _FENCE_CLOSE.match(lines[close]):
                    regions.append((index + 1, close))
                    index = close
                    break
        index += 1
    return sorted(regions, reverse=True)


def _place_in_yaml(body: str, held: list[tuple[str, str]]) -> str | None:
    """Return the YAML `body` written back with each held value as a literal; None if it is not YAML.

    A body that is not valid YAML even with the values held out is the template's mistake: it
    is left for the reader of that block to report, with the block's line.
    """
    try:
        parsed = yaml.safe_load(body)
    except yaml.YAMLError:
        return None
    if not isinstance(parsed, (dict, list)):
        return None
    indent = re.match(r"[ \t]*", body).group(0)
    dumped = yaml.safe_dump(_substitute(parsed, held), allow_unicode=True, sort_keys=False, width=10**9)
    return "\n".join(indent + line for line in dumped.rstrip("\n").split("\n"))


def _substitute(value: Any, held: list[tuple[str, str]]) -> Any:
    if isinstance(value, str):
        whole = _HELD.fullmatch(value)
        if whole:
            kind, text = held[int(whole.group(1))]
            return _number(text) if kind == "n" else text
        return _HELD.sub(lambda m: held[int(m.group(1))][1], value)
    if isinstance(value, list):
        return [_substitute(item, held) for item in value]
    if isinstance(value, dict):
        return {_substitute(key, held): _substitute(item, held) for key, item in value.items()}
    return value


def _number(text: str) -> Any:
    """A number as it printed (`2023`, `1.5`, `True`) back to the number."""
    loaded = yaml.safe_load(text)
    return loaded if isinstance(loaded, (int, float)) else text


def _place_in_link(match: re.Match, held: list[tuple[str, str]]) -> str:
    target = match.group(2)
    if HOLD_OPEN not in target:
        return match.group(0)
    if _HELD.fullmatch(target.strip()):
        url = held[int(_HELD.fullmatch(target.strip()).group(1))][1].strip()
        placed = link_target(url)
    else:  # a value inside a target the template writes (https://example.org/{{ id }}): one path part
        placed = _HELD.sub(lambda m: quote(held[int(m.group(1))][1], safe=""), target)
    return f"]({placed})"


def link_target(url: str) -> str:
    """Return `url` as a Markdown link destination (percent-encoded where Markdown would read syntax).

    Raises LiteralValueError when `url` is not a web address: a link goes where it says or nowhere.
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    if (parts is None or parts.scheme.lower() not in URL_SCHEMES or (parts.scheme.lower() != "mailto" and not parts.netloc)
            or any(ch.isspace() or ord(ch) < 32 for ch in url)):
        raise LiteralValueError(f"{url!r} is not a web address (http://, https://, ftp:// or mailto:)")
    return quote(url, safe="/:?#[]@!$&'*+,;=%~-._")  # keeps a URL's own syntax; encodes <, >, (, ), spaces, \


def _place_in_attributes(match: re.Match, held: list[tuple[str, str]]) -> str:
    attributes = match.group(2)
    if HOLD_OPEN not in attributes:
        return match.group(0)

    def identifier(found: re.Match) -> str:
        text = held[int(found.group(1))][1].strip()
        if not _IDENTIFIER.fullmatch(text):
            raise LiteralValueError(f"{text!r} cannot be part of an attribute such as {{#id}}: "
                                    "use letters, digits, '-', '_', '.' and ':'")
        return text

    return match.group(1) + "{" + _HELD.sub(identifier, attributes) + "}"
