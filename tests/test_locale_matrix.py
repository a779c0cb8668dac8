"""Locale matrix: in each locale every word dossier writes is translated, and numbers, percentages,
money and dates are Babel's (CLDR's) for that locale — in the filters and in the written Word and
PowerPoint files, reopened as a reader sees them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import format_compact_currency, format_decimal, format_percent
from pptx import Presentation

from dossier.formatting import filters_for
from dossier.markdown_reader import read_markdown
from dossier.messages import catalogue_for, translate
from dossier.writers.docx.writer import DocxWriter
from dossier.writers.pptx.slides import CONTINUED
from dossier.writers.pptx.writer import PptxWriter

MATRIX = ["en_GB", "ru", "kk", "az", "de", "ar"]
MINUS = "\N{MINUS SIGN}"


def _seen(text: str) -> str:
    """Return text as a reader sees it: without the invisible direction marks (U+200E, U+200F) the writers add."""
    return text.replace("\u200e", "").replace("\u200f", "")


def _words(locale: str, english: str) -> str:
    """The catalogue's words, checked to be a translation (not the English) outside English."""
    words = translate(locale, english)
    assert catalogue_for(locale) is not None
    if not locale.startswith("en"):
        assert words != english, f"{english!r} is not translated for {locale}"
    return words


@pytest.mark.parametrize("locale", MATRIX)
def test_numbers_percent_money_dates_are_babels(locale: str) -> None:
    f = filters_for(locale)
    assert f["num"](1556.2) == format_decimal(1556.2, format="#,##0.#", locale=locale)
    assert f["num"](-4720.2) == MINUS + format_decimal(4720.2, format="#,##0.#", locale=locale)
    percent = Locale.parse(locale).percent_formats[None].pattern  # CLDR's spacing and sign place
    assert f["pct"](20.8) == format_percent(0.208, format=percent.replace("#,##0", "#,##0.#"), locale=locale)
    assert f["change"](-2.5) == MINUS + f["pct"](2.5)
    assert f["usd_m"](3744) == format_compact_currency(3744e6, "USD", locale=locale, fraction_digits=2)
    assert f["usd_m"](-920) == format_compact_currency(-920e6, "USD", locale=locale, fraction_digits=1).replace("-", MINUS)
    assert f["date"]("1992-01-03") == format_date(dt.date(1992, 1, 3), format="long", locale=locale)
    assert f["date"]("1994-03") == format_skeleton("yMMMM", dt.date(1994, 3, 1), locale=locale)
    for negative in (f["num"](-1), f["usd_m"](-1), f["pct"](-1), f["change"](-1)):
        assert "-" not in negative and MINUS in negative  # one minus sign, in every filter


@pytest.mark.parametrize("locale", MATRIX)
def test_missing_values_and_qualifiers_speak_the_locale(locale: str) -> None:
    f = filters_for(locale)
    assert f["num"](None) == f["usd_m"](None) == f["pct"](None) == _words(locale, "not reported")
    assert f["qualified"](200, ">") == _words(locale, "over {n}").format(n="200")


MARKDOWN = """\
# Trade

Exports rose.[^a]

| Year | Exports |
|---:|---:|
| 2023 | 1 |

Table: Trade by year

## Exports

One.

---

Two.

## Long

""" + "\n".join(f"- Point {n}: exports and imports of the year, as the customs service reported them." for n in range(40)) + """

[^a]: Customs, 2024.
"""


def _document(locale: str):
    document = read_markdown(MARKDOWN, "brief.md", lambda text, loc: None)
    document.meta.update({"title": "Trade", "lang": locale.replace("_", "-")})
    return document


@pytest.mark.parametrize("locale", MATRIX)
def test_word_briefing_furniture_in_the_locale(locale: str, tmp_path: Path) -> None:
    target = tmp_path / "brief.docx"
    DocxWriter(refresh_fields=False).write(_document(locale), target)
    doc = docx.Document(str(target))
    texts = [_seen(p.text) for p in doc.paragraphs]
    assert _words(locale, "Contents") in texts
    table_caption = next(t for t in texts if t.endswith("Trade by year"))
    assert table_caption == f"{_words(locale, 'Table')} 1: Trade by year"
    footer = _seen(doc.sections[0].footer.paragraphs[0].text)
    assert footer == _words(locale, "Page {page} of {pages}").format(page=1, pages=1)


@pytest.mark.parametrize("locale", MATRIX)
def test_deck_continuation_and_sources_in_the_locale(locale: str, tmp_path: Path) -> None:
    target = tmp_path / "deck.pptx"
    PptxWriter().write(_document(locale), target)
    slides = list(Presentation(str(target)).slides)
    titles = [_seen(slide.shapes.title.text) for slide in slides if slide.shapes.title is not None]
    assert _words(locale, CONTINUED).format(title="Exports") in titles
    notes = _seen("\n".join(slide.notes_slide.notes_text_frame.text for slide in slides if slide.has_notes_slide))
    assert _words(locale, "Sources:") in notes.splitlines()
    assert _words(locale, "Continued from “{title}”.").format(title="Long") in notes.splitlines()  # a slide too full


@pytest.mark.parametrize("locale", MATRIX)
def test_chart_alt_text_in_the_locale(locale: str) -> None:
    """The alt text a chart gets from its data: the kind, the numbers and the gaps in the locale's words."""
    from dataclasses import replace

    from dossier.charts import describe_chart, samples

    text = describe_chart(replace(samples.TURNOVER, locale=locale))
    assert text.startswith(_words(locale, "Bar chart") + ": ")
    assert format_decimal(4870, format="#,##0", locale=locale) in text  # the highest value, grouped as the locale does
    assert _words(locale, "rising") in text
    gap = _words(locale, " {missing} of {total} values not reported.").format(missing=20, total=34)
    assert gap in text
