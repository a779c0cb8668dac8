"""One numbering of sources: footnote n, Sources entry n and "[n]" in the deck name the same source."""

from __future__ import annotations

import re
from pathlib import Path

from pptx import Presentation as open_pptx

from reader_view import mark_groups, read_briefing, read_deck

SUBJECT = "azerbaijan-china"


def test_footnote_n_sources_entry_n_and_deck_n_name_the_same_source(example_build: Path) -> None:
    briefing = read_briefing(example_build / "reports" / SUBJECT / "briefing.docx")
    deck = read_deck(example_build / "reports" / SUBJECT / "deck.pptx")
    assert len(briefing.notes) >= 15
    assert sorted(briefing.notes) == list(range(1, len(briefing.notes) + 1))
    # the list has each cited source once, in footnote order
    assert briefing.sources == [briefing.notes[n] for n in sorted(briefing.notes)]
    assert len(set(briefing.sources)) == len(briefing.sources)
    assert deck.note_lines
    for number, text in deck.note_lines:
        if number in briefing.notes:
            assert text == briefing.notes[number], f"[{number}] in the deck is not footnote {number}"
    # a number the briefing does not use belongs to a source only the deck cites, never to a briefing source
    deck_only = {text for number, text in deck.note_lines if number not in briefing.notes}
    assert not deck_only & set(briefing.notes.values())
    # the deck's one Sources slide lists each source it cites once, by publisher: "Publisher [n] [m]; …"
    prs = open_pptx(example_build / "reports" / SUBJECT / "deck.pptx")
    slides = [slide for slide in prs.slides if slide.shapes.title is not None
              and slide.shapes.title.text_frame.text.startswith("Sources")]
    assert len(slides) == 1
    body = " ".join(shape.text_frame.text for shape in slides[0].shapes
                    if shape.has_text_frame and shape != slides[0].shapes.title)
    listed = [int(n) for n in re.findall(r"\[(\d+)\]", body)]
    assert len(listed) == len(set(listed)) and {number for number, _ in deck.note_lines} <= set(listed)
    for group in body.split("; "):
        publisher = group.split(" [")[0]
        for number in map(int, re.findall(r"\[(\d+)\]", group)):
            if number in briefing.notes:
                assert briefing.notes[number].startswith(publisher), f"[{number}] is not {publisher}'s"


def test_marks_in_one_place_ascend_and_follow_the_full_stop(example_build: Path) -> None:
    briefing = read_briefing(example_build / "reports" / SUBJECT / "briefing.docx")
    groups = mark_groups(briefing)
    assert len(groups) > 50
    several = [numbers for numbers, _, _ in groups if len(numbers) > 1]
    assert several, "the example has places that cite several sources"
    for numbers in several:
        assert numbers == sorted(set(numbers)), f"marks {numbers} not ascending or repeated"
    for numbers, before, after in groups:  # English: "Belt.¹", never "Belt¹."
        assert not re.match(r"[.,;:!?]", after), f"mark {numbers} before punctuation: …{before[-30:]}|{after[:10]}"


def test_footnotes_and_the_list_print_dates_in_the_locale_and_every_url_as_a_link(example_build: Path) -> None:
    briefing = read_briefing(example_build / "reports" / SUBJECT / "briefing.docx")
    text = "\n".join(briefing.notes.values())
    assert not re.search(r"\b\d{4}-\d{2}(-\d{2})?\b", text), "an ISO date in a footnote"
    assert "17 January 2024" in text
    linked = 0
    for entry, links in zip(briefing.sources, briefing.source_links):
        urls = re.findall(r"https?://\S+", entry)
        assert [url.rstrip(".") for url in urls] == links, f"{entry}: the printed URL is not the link's target"
        linked += bool(links)
    assert linked >= 10
