"""Writing direction: which paragraphs run right to left, and keeping mixed-direction text in order.

The rules both writers follow (Unicode's bidirectional algorithm, UAX #9, decides the rest):

* A paragraph's direction is that of its first strong character (a letter): Arabic, Hebrew,
  Persian or Urdu first → right to left. A paragraph with no letter (a number, a date) takes
  the document's direction: right to left when the document's locale is written right to
  left (``ar``, ``fa``, ``he``, ``ur``; Babel's ``text_direction``), else left to right.
* A stretch of the other direction inside a paragraph (an Arabic source title in an English
  footnote, a Latin name in an Arabic quote) is closed with a mark of the paragraph's own
  direction (U+200E LEFT-TO-RIGHT MARK or U+200F RIGHT-TO-LEFT MARK), so
  the numbers and punctuation after it keep the paragraph's order: "…تقرير, 2019-09" does
  not become "09-2019 ,…". A mark, not an isolate (U+2066–2069): Word and PowerPoint honour
  marks, not all their versions honour isolates.
* Quotation marks a writer adds around a right-to-left quotation are the language's own
  (CLDR's quotation delimiters); the attribution line follows the quotation's direction, so it
  sits at the quotation's end edge (the left, for Arabic).
"""

from __future__ import annotations

from babel import Locale, UnknownLocaleError

from dossier.language_tags import Lang, classify, current_locale, strong_direction

LRM, RLM = "\u200e", "\u200f"
#: CLDR's quotation delimiters (``delimiters/quotationStart|End``) for the right-to-left languages.
_RTL_QUOTES = {"ar": ("\u201d", "\u201c"), "fa": ("\u00ab", "\u00bb"), "ur": ("\u201d", "\u201c"),
               "he": ("\u201d", "\u201d"), "yi": ("\u201e", "\u201c")}
LTR_QUOTES = ("\u201c", "\u201d")


def locale_is_rtl(locale: str | None = None) -> bool:
    """Whether a locale ("ar", "fa_IR", default: the document's) writes right to left."""
    locale = current_locale() if locale is None else locale
    try:
        return Locale.parse((locale or "en").replace("-", "_")).text_direction == "rtl"
    except (UnknownLocaleError, ValueError, TypeError):
        return False


def first_strong(text: str) -> str | None:
    """"rtl" or "ltr": the direction of the first letter of ``text``; None when it has none."""
    for ch in text:
        direction = strong_direction(ch)
        if direction:
            return direction
    return None


def paragraph_is_rtl(text: str, locale: str | None = None) -> bool:
    """Whether a paragraph of ``text`` runs right to left (its first letter, else the locale's direction)."""
    direction = first_strong(text)
    return direction == "rtl" if direction else locale_is_rtl(locale)


def has_ltr_letter(text: str) -> bool:
    """Whether ``text`` holds a left-to-right letter."""
    return any(strong_direction(ch) == "ltr" for ch in text)


def run_is_rtl(piece: str, lang: Lang, paragraph_rtl: bool) -> bool:
    """Whether a run is right to left: right-to-left letters, or only digits and punctuation in a right-to-left paragraph."""
    return lang.rtl or (paragraph_rtl and not has_ltr_letter(piece))


def keep_order(pieces: list[tuple[str, Lang]], paragraph_rtl: bool) -> list[tuple[str, Lang]]:
    """Close each stretch of the other direction with the paragraph's own mark.

    Always, not only when text follows within ``pieces``: the next run of the paragraph may
    bring the digits and punctuation the mark keeps in order.
    """
    out = []
    for piece, lang in pieces:
        other = has_ltr_letter(piece) if paragraph_rtl else lang.rtl
        if other:
            piece += RLM if paragraph_rtl else LRM
        out.append((piece, lang))
    return out


def quote_marks(text: str) -> tuple[str, str]:
    """The quotation marks to put around a quotation of ``text``: its language's when it is right to left."""
    if first_strong(text) != "rtl":
        return LTR_QUOTES
    tag = classify(text).bidi or ""
    return _RTL_QUOTES.get(tag.split("-")[0], _RTL_QUOTES["ar"])
