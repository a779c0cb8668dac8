"""Language tags guessed from the script of each stretch of text."""

from __future__ import annotations

import pytest

from dossier.language_tags import AZERBAIJANI, CHINESE, PLAIN, RUSSIAN, Lang, classify, split_by_language


@pytest.mark.parametrize(("text", "expected"), [
    ("Trade grew.", PLAIN),
    ("Azərbaycan Respublikası", Lang(AZERBAIJANI, None)),
    ("Şuşa", PLAIN),  # ş alone is Turkish too: not enough to say Azerbaijani
    ("中华人民共和国", Lang(None, CHINESE)),
    ("丝绸之路经济带", Lang(None, CHINESE)),
    ("Азербайджан", Lang(RUSSIAN, None)),
    ("Москва 北京", Lang(RUSSIAN, CHINESE)),
])
def test_classify(text, expected):
    assert classify(text) == expected


def test_split_keeps_english_whole_and_tags_the_names():
    text = "Relations between Azerbaijan (Azərbaycan Respublikası) and China (中华人民共和国), said «Азербайджан»."
    pieces = split_by_language(text)
    assert "".join(piece for piece, _ in pieces) == text
    assert [(p, lang) for p, lang in pieces if lang != PLAIN] == [
        ("Azərbaycan Respublikası", Lang(AZERBAIJANI, None)),
        ("中华人民共和国", Lang(None, CHINESE)),
        ("Азербайджан", Lang(RUSSIAN, None)),
    ]
    assert pieces[0] == ("Relations between Azerbaijan (", PLAIN)


def test_plain_ascii_is_one_piece_and_empty_is_none():
    assert split_by_language("Page 1 of 9") == [("Page 1 of 9", PLAIN)]
    assert split_by_language("") == []


def test_sentences_are_separate_pieces():
    pieces = split_by_language("Milli Məclis təsdiq etdi. The vote was close.")
    assert pieces[0] == ("Milli Məclis təsdiq etdi", Lang(AZERBAIJANI, None))
    assert pieces[-1][1] == PLAIN and pieces[-1][0].endswith("The vote was close.")
