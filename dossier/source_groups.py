"""A compact Sources list for a slide: one line per publisher with the numbers of its sources."""

from __future__ import annotations

from dossier.citations import Numbering
from dossier.markdown_text import escape_markdown


def publisher_list(cited: list[str], numbering: Numbering, sources: dict[str, dict]) -> str:
    """Return one Markdown paragraph `Publisher [1] [4] [9]; Other publisher [2]; …`, in order of each
    publisher's first number. The full entries are the briefing's Sources list and the deck's notes;
    this fits one slide.
    """
    groups: dict[str, list[int]] = {}
    for source_id in sorted(cited, key=numbering.number):
        source = sources[source_id]
        publisher = str(source.get("publisher") or source.get("title") or source_id)
        groups.setdefault(publisher, []).append(numbering.number(source_id))
    return "; ".join(
        f"{escape_markdown(publisher)} " + " ".join(f"\\[{n}\\]" for n in numbers)
        for publisher, numbers in groups.items()
    )
