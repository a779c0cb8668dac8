"""One numbering of a subject's sources: citation marks in order, on the locale's side of punctuation, and the list.

A template cites with ``cite("id")``, which writes a Markdown footnote mark ``[^id]``. Once the
template is rendered, ``number_citations`` walks the marks in document order and gives each
source its number at its first citation (a numbering handed in from another output of the
subject is kept: the deck uses the briefing's numbers). Marks that sit together are merged into
one group in ascending order, each source once ("2,10", never "10,2" or "2,2"), and the group is
put on the side of a neighbouring punctuation mark that the locale's typography wants.
``source_entry`` is the one text of a source, used by the footnotes and by the Sources list alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from babel import Locale

from dossier.formatting import format_partial_date
from dossier.literal_values import link_target
from dossier.markdown_text import escape_markdown

LABEL = r"[A-Za-z0-9][A-Za-z0-9_-]*"
# A group of marks with nothing between them; a mark preceded by a backslash is escaped data, not a mark.
MARK_GROUP = re.compile(rf"(?<!\\)(?:\[\^{LABEL}\])+")
MARK = re.compile(rf"\[\^({LABEL})\]")
# Punctuation a note mark moves across (a backslash-escaped one too: data prints "\.").
AFTER_MARKS = re.compile(r"\\?[.,;:!?](?![\w])")
BEFORE_MARKS = re.compile(r"(?<=[^\s\\])(\\?[.,;:])$")

#: Languages whose typography puts a note mark BEFORE the punctuation it meets ("mot¹." in French,
#: the Real Academia's "palabra¹." in Spanish, GOST's "слово¹." in Russian); in all others
#: (English, German, Azerbaijani, …) it follows the punctuation: "Belt.¹". CLDR has no datum for this.
MARKS_BEFORE_PUNCTUATION = frozenset({"fr", "es", "ru"})

HTTP_URL = re.compile(r"^https?://[^\s<>\"\\`{}|^]+$", re.IGNORECASE)


def marks_before_punctuation(locale: str) -> bool:
    """Return True when the locale's note marks go before punctuation, False when after."""
    return Locale.parse(locale.replace("-", "_")).language in MARKS_BEFORE_PUNCTUATION


@dataclass
class Numbering:
    """Source numbers by id, given at first citation; ``order`` lists the ids by number."""

    order: list[str] = field(default_factory=list)

    def number(self, source_id: str) -> int:
        """Return the source's number, giving it the next one if it has none yet."""
        if source_id not in self.order:
            self.order.append(source_id)
        return self.order.index(source_id) + 1

    def known(self, source_id: str) -> bool:
        return source_id in self.order

    def copy(self) -> "Numbering":
        return Numbering(list(self.order))


def number_citations(markdown: str, numbering: Numbering, locale: str, cited_ids: set[str] | None = None,
                     ) -> tuple[str, list[str]]:
    """Return the Markdown with every group of marks merged, in ascending order and placed by the locale's rule,
    and the ids cited, in order of number. ``numbering`` is extended with the sources it did not know.

    Only the text is read: the front matter and fenced blocks (charts) hold data, never marks; with
    ``cited_ids`` (the ids ``cite()`` wrote) any other ``[^x]`` is left as it is.
    """
    before = marks_before_punctuation(locale)
    cited: set[str] = set()

    def regroup(text: str) -> str:
        out: list[str] = []
        position = 0
        for match in MARK_GROUP.finditer(text):
            labels = list(dict.fromkeys(MARK.findall(match.group())))
            if cited_ids is not None and not set(labels) <= cited_ids:
                continue
            known = sorted((lab for lab in labels if numbering.known(lab)), key=numbering.number)
            for label in labels:  # new sources take the next numbers, after the known ones of the group
                numbering.number(label)
            ordered = known + [lab for lab in labels if lab not in known]
            cited.update(ordered)
            group = "".join(f"[^{lab}]" for lab in ordered)
            text_before = text[position:match.start()]
            rest_start = match.end()
            if before:
                moved = BEFORE_MARKS.search(text_before)
                if moved:  # "word.[^a]" → "word[^a]."
                    out.append(text_before[: moved.start()] + group + moved.group(1))
                else:
                    out.append(text_before + group)
            else:
                out.append(text_before)
                follow = AFTER_MARKS.match(text, rest_start)
                if follow:  # "word[^a]." → "word.[^a]"
                    out.append(follow.group() + group)
                    rest_start = follow.end()
                else:
                    out.append(group)
            position = rest_start
        out.append(text[position:])
        return "".join(out)

    pieces = [piece if verbatim else regroup(piece) for piece, verbatim in _text_and_verbatim(markdown)]
    return "".join(pieces), [lab for lab in numbering.order if lab in cited]


FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")


def _text_and_verbatim(markdown: str) -> list[tuple[str, bool]]:
    """Split Markdown into (piece, verbatim) runs: the front matter and fenced blocks are verbatim."""
    pieces: list[tuple[str, bool]] = []
    front = FRONT_MATTER.match(markdown)
    if front:
        pieces.append((front.group(), True))
        markdown = markdown[front.end():]
    text: list[str] = []
    fence: str | None = None
    for line in markdown.splitlines(keepends=True):
        opener = FENCE.match(line)
        if fence is None and opener:
            pieces.append(("".join(text), False))
            text, fence = [line], opener.group(1)
        elif fence is not None:
            text.append(line)
            if line.strip().startswith(fence[0] * len(fence)) and line.strip().strip(fence[0]) == "":
                pieces.append(("".join(text), True))
                text, fence = [], None
        else:
            text.append(line)
    pieces.append(("".join(text), fence is not None))
    return pieces


def source_entry(source: dict[str, Any], locale: str) -> str:
    """Return a source as escaped Markdown: publisher, *title*, date (the locale's format), and its URL as a link."""
    parts = []
    if source.get("publisher"):
        parts.append(escape_markdown(str(source["publisher"])))
    if source.get("title"):
        parts.append("*" + escape_markdown(str(source["title"])) + "*")
    if source.get("date"):
        parts.append(escape_markdown(format_partial_date(source["date"], locale=locale)))
    text = ", ".join(parts) or escape_markdown(str(source.get("id", "source")))
    url = source.get("url")
    if url:
        url = str(url)
        if not HTTP_URL.match(url):  # validated with the data; never write anything else as a link
            raise ValueError(f"source {source.get('id')!r}: url {url!r} is not an http(s) address")
        stop = "" if text.endswith(".") else "."  # a date that ends with one (ru `1992 г.`) is not given two
        text += f"{stop} [{escape_markdown(url)}](<{link_target(url)}>)"
    return text


def footnote_definitions(cited: list[str], sources: dict[str, dict], locale: str) -> str:
    """Return the Markdown footnote definitions of the cited sources, in order of number."""
    if not cited:
        return ""
    lines = ["", ""]
    for source_id in cited:
        lines.append(f"[^{source_id}]: {source_entry(sources[source_id], locale)}")
    return "\n".join(lines) + "\n"


def source_list(cited: list[str], numbering: Numbering, sources: dict[str, dict], locale: str) -> str:
    """Return the Sources list as Markdown: one entry per cited source, in order of number, each with its number.

    Numbers 1..n without a gap are an ordered list (it numbers like the footnotes); an output that
    cites only some of the subject's sources (a deck) shows each entry's number as "[n]".
    """
    numbers = [numbering.number(source_id) for source_id in cited]
    if numbers == list(range(1, len(numbers) + 1)):
        return "\n".join(f"{n}. {source_entry(sources[s], locale)}" for n, s in zip(numbers, cited))
    return "\n".join(f"- \\[{n}\\] {source_entry(sources[s], locale)}" for n, s in zip(numbers, cited))


def url_problem(url: Any) -> str | None:
    """Return why a source's url cannot be printed as a link, or None when it is an http(s) address."""
    if url is None:
        return None
    if not isinstance(url, str) or not HTTP_URL.match(url):
        return f"{url!r} is not an http(s) address (https://…); leave the field out when there is none"
    return None
