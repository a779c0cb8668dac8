"""Writing direction and language tags from the characters and the document's locale (no files)."""

from __future__ import annotations

import pytest
from docx.oxml import parse_xml

from dossier.bidi import LRM, RLM, keep_order, locale_is_rtl, paragraph_is_rtl, quote_marks
from dossier.language_tags import (
    ARABIC, AZERBAIJANI, HEBREW, KAZAKH, PERSIAN, RUSSIAN, Lang, classify, document_language, split_by_language,
)
from dossier.writers.docx.direction import match_complex_script_sizes


@pytest.mark.parametrize(("locale", "tag"), [
    ("ru", "ru-RU"), ("kk", "kk-KZ"), ("az", "az-Latn-AZ"), ("de", "de-DE"), ("en_GB", "en-GB"), ("en", "en-GB"),
    ("", "en-GB"), ("ar", "ar-EG"), ("fa", "fa-IR"), ("zh", "zh-CN"), ("de_AT", "de-AT"), ("nonsense!", "en-GB"),
    ("zh_Hant_TW", "zh-TW"), ("az_Cyrl", "az-Cyrl-AZ"), ("sr_Latn", "sr-Latn-RS"),
])
def test_document_language_is_the_locale_with_its_likely_territory(locale, tag):
    assert document_language(locale) == tag


@pytest.mark.parametrize(("text", "locale", "expected"), [
    ("Азербайджан", "en_GB", Lang(RUSSIAN)),
    ("Азербайджан", "kk", Lang("kk-KZ")),  # Cyrillic in a Kazakh document is Kazakh
    ("Қазақстан Республикасы", "ru", Lang(KAZAKH)),  # Kazakh letters in a Russian document
    ("Azərbaycan", "ru", Lang(AZERBAIJANI)),
    ("تقرير وزارة الخارجية", "en_GB", Lang(bidi=ARABIC)),
    ("تقرير وزارة الخارجية", "ar", Lang(bidi="ar-EG")),  # the document's own tag in an Arabic locale
    ("گزارش وزارت امور خارجه", "en_GB", Lang(bidi=PERSIAN)),
    ("היחסים טובים", "ru", Lang(bidi=HEBREW)),
    ("Trade", "ru", Lang()),  # Latin in a Russian document: no guess, the document's language applies
])
def test_classify_by_script_and_locale(text, locale, expected):
    assert classify(text, locale) == expected


def test_a_right_to_left_stretch_is_its_own_piece_and_the_date_after_it_is_not():
    pieces = split_by_language("See تقرير وزارة الخارجية, 2019-09, page 4.", "en_GB")
    assert [(p, lang.rtl) for p, lang in pieces] == [
        ("See ", False), ("تقرير وزارة الخارجية", True), (", 2019-09, page 4.", False)]
    kept = keep_order(pieces, paragraph_rtl=False)
    assert kept[1][0] == "تقرير وزارة الخارجية" + LRM  # the digits after it keep the paragraph's order
    assert "".join(p for p, _ in kept).replace(LRM, "") == "See تقرير وزارة الخارجية, 2019-09, page 4."


def test_a_latin_name_inside_an_arabic_paragraph_is_closed_with_a_right_to_left_mark():
    pieces = keep_order(split_by_language("قال Ilham Aliyev في 2019", "ar"), paragraph_rtl=True)
    latin = [p for p, _ in pieces if "Aliyev" in p]
    assert latin == [" Ilham Aliyev " + RLM] and pieces[-1][0] == "في 2019"


@pytest.mark.parametrize(("text", "locale", "rtl"), [
    ("إن العلاقات ممتازة.", "en_GB", True), ("«היחסים»", "en_GB", True), ("Trade, تجارة", "ar", False),
    ("2019", "ar", True), ("2019", "fa", True), ("2019", "ru", False), ("", "he", True),
])
def test_paragraph_direction_is_the_first_letter_else_the_locale(text, locale, rtl):
    assert paragraph_is_rtl(text, locale) is rtl
    assert locale_is_rtl(locale) is (locale in ("ar", "fa", "he"))


def test_quotation_marks_follow_the_language_of_a_right_to_left_quotation():
    assert quote_marks("Trade grew.") == ("\u201c", "\u201d")
    assert quote_marks("إن العلاقات ممتازة.") == ("\u201d", "\u201c")  # CLDR ar
    assert quote_marks("היחסים טובים") == ("\u201d", "\u201d")  # CLDR he


def test_styles_that_size_latin_text_size_right_to_left_text_alike():
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    styles = parse_xml(
        f'<w:styles xmlns:w="{w}"><w:style w:styleId="A"><w:rPr><w:sz w:val="28"/></w:rPr></w:style>'
        f'<w:style w:styleId="B"><w:rPr><w:sz w:val="20"/><w:szCs w:val="18"/></w:rPr></w:style></w:styles>')
    match_complex_script_sizes(styles)
    sizes = {s.get(f"{{{w}}}styleId"): s.find(f"{{{w}}}rPr/{{{w}}}szCs").get(f"{{{w}}}val") for s in styles}
    assert sizes == {"A": "28", "B": "18"}  # added where missing, a reference's own left alone
