"""Language tags for runs of text, from the characters' script and the document's locale.

A briefing mixes the document's language with names and quotations in Azerbaijani, Chinese,
Russian, Kazakh, Arabic, Persian or Hebrew. Word, PowerPoint and LibreOffice pick spelling,
hyphenation, glyph variants (Chinese) and the screen reader's voice by each run's language,
so both writers tag every run (``w:lang`` val/eastAsia/bidi in Word, ``lang``/``altLang`` in
PowerPoint).

Text is cut at punctuation that usually bounds a name or quotation (brackets, commas,
semicolons, colons, quotation marks, dashes, sentence ends), then wherever the letters change
script (Latin, Cyrillic, Chinese/Japanese/Korean, right-to-left), and each piece is classified:

* Chinese, Japanese or Korean characters → ``east_asia`` (``zh-CN``, ``ja-JP``, ``ko-KR``;
  the document's own tag when it is written in that script);
* Cyrillic → ``kk-KZ`` when the piece has a letter only Kazakh uses among the region's
  languages (ә ғ қ ң ө ұ ү һ і), else the document's tag in a Cyrillic locale, else ``ru-RU``;
* Latin with ə (the letter only Azerbaijani uses) → ``az-Latn-AZ``;
* Arabic script → the document's tag in an Arabic-script locale, ``fa-IR`` when a letter only
  Persian uses among them appears (پ چ ژ گ ک ی), else ``ar-SA``; Hebrew → ``he-IL``. These are
  right-to-left: ``bidi`` holds the tag, so a writer knows the run is right-to-left.
* anything else (Latin, digits, punctuation) → no tag: the document language applies.

Neighbouring pieces with the same tags are merged again, so plain English stays one run.
The document's locale is a context (``use_document_locale``) set by the writer for the file
it writes.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import NamedTuple

from babel import Locale, UnknownLocaleError
from babel.core import get_global

CHINESE, JAPANESE, KOREAN = "zh-CN", "ja-JP", "ko-KR"
RUSSIAN, KAZAKH, AZERBAIJANI = "ru-RU", "kk-KZ", "az-Latn-AZ"
ARABIC, PERSIAN, HEBREW = "ar-SA", "fa-IR", "he-IL"
#: The tag of a document whose locale names no territory and of an empty locale: the tool's default.
HOUSE_DEFAULT = "en-GB"
#: Languages whose Office culture names carry the script (``az-Latn-AZ``, ``sr-Cyrl-RS``).
_SCRIPT_IN_TAG = frozenset({"az", "uz", "sr", "bs", "mn", "tg", "ha", "pa", "ku"})

_CJK = re.compile(
    "[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f]"
)
_KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff]")
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_CYRILLIC = re.compile("[\u0400-\u04ff\u0500-\u052f]")
_KAZAKH = re.compile("[\u04d9\u04d8\u0493\u0492\u049b\u049a\u04a3\u04a2\u04e9\u04e8\u04b1\u04b0\u04af\u04ae\u04bb\u04ba\u0456\u0406]")
_AZERBAIJANI = re.compile("[\u0259\u018f]")  # ə Ə
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_PERSIAN = re.compile("[\u067e\u0686\u0698\u06af\u06a9\u06cc]")  # پ چ ژ گ ک ی
_HEBREW = re.compile("[\u0590-\u05ff\ufb1d-\ufb4f]")
_BOUNDARY = re.compile(r"([()\[\],;:\"\u201c\u201d\u201e\u00ab\u00bb\u2014\u2013]|[.!?](?=\s))")


class Lang(NamedTuple):
    """The language tags of a run; None means inherit the document's.

    ``val``: Latin or Cyrillic text (``w:val``); ``east_asia``: Chinese, Japanese, Korean
    (``w:eastAsia``); ``bidi``: right-to-left text, Arabic or Hebrew (``w:bidi``).
    """

    val: str | None = None
    east_asia: str | None = None
    bidi: str | None = None

    @property
    def rtl(self) -> bool:
        """Whether the run is right-to-left text."""
        return self.bidi is not None

    def main(self, document: str) -> str:
        """The one tag of a run that can carry only one (PowerPoint's ``lang``): its own script's, else ``document``."""
        return self.bidi or self.east_asia or self.val or document


PLAIN = Lang()

_locale: ContextVar[str] = ContextVar("document_locale", default="")


@contextmanager
def use_document_locale(locale: str | None) -> Iterator[None]:
    """Tag runs for a document in ``locale`` ("ru", "kk_KZ", "ar"; empty: the house default) while inside."""
    token = _locale.set(locale or "")
    try:
        yield
    finally:
        _locale.reset(token)


def document_locale(meta: dict) -> str:
    """A document's locale from its front matter: ``lang`` (the build sets it from the job's locale) or ``language``."""
    language = meta.get("lang") or meta.get("language")
    return language if isinstance(language, str) else ""


def current_locale() -> str:
    """The locale of the document being written ("" when none was set)."""
    return _locale.get()


@functools.lru_cache(maxsize=64)
def _parse(locale: str) -> Locale | None:
    try:
        return Locale.parse((locale or "").strip().replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None


def _likely(parsed: Locale) -> tuple[str, str]:
    """The script and territory CLDR's likely subtags give a locale (its own when it names them)."""
    likely = get_global("likely_subtags").get(parsed.language, "")
    parts = likely.split("_")
    script = parsed.script or (parts[1] if len(parts) > 2 else "")
    territory = parsed.territory or (parts[-1] if len(parts) > 1 else "")
    return script, territory


def document_language(locale: str | None = None) -> str:
    """Return the Office language tag of a document in ``locale``: "ru" → "ru-RU", "az" → "az-Latn-AZ".

    An empty or unknown locale, and English without a territory, give the house default (``en-GB``).
    """
    locale = current_locale() if locale is None else locale
    parsed = _parse(locale)
    if parsed is None or (parsed.language == "en" and not parsed.territory):
        return HOUSE_DEFAULT
    script, territory = _likely(parsed)
    parts = [parsed.language]
    if script and parsed.language in _SCRIPT_IN_TAG:
        parts.append(script)
    if territory:
        parts.append(territory)
    return "-".join(parts)


def locale_script(locale: str | None = None) -> str:
    """Return the ISO 15924 script a locale writes in ("Latn", "Cyrl", "Arab", "Hans", …; "Latn" when unknown)."""
    parsed = _parse(current_locale() if locale is None else locale)
    return (_likely(parsed)[0] if parsed is not None else "") or "Latn"


def classify(text: str, locale: str | None = None) -> Lang:
    """Return the language tags for one piece of text in a document in ``locale`` (default: the current one)."""
    locale = current_locale() if locale is None else locale
    script = locale_script(locale)
    own = document_language(locale)
    east_asia = None
    if _CJK.search(text):
        if _HANGUL.search(text):
            east_asia = own if script == "Kore" else KOREAN
        elif _KANA.search(text):
            east_asia = own if script == "Jpan" else JAPANESE
        else:
            east_asia = own if script in ("Hans", "Hant") else CHINESE
    if _CYRILLIC.search(text):
        val = KAZAKH if _KAZAKH.search(text) and not own.startswith("kk") else own if script == "Cyrl" else RUSSIAN
    elif _AZERBAIJANI.search(text):
        val = AZERBAIJANI
    else:
        val = None
    if _ARABIC.search(text):
        bidi = own if script == "Arab" else PERSIAN if _PERSIAN.search(text) else ARABIC
    elif _HEBREW.search(text):
        bidi = own if script == "Hebr" else HEBREW
    else:
        bidi = None
    return Lang(val, east_asia, bidi)


def strong_direction(ch: str) -> str | None:
    """"rtl" or "ltr" for a character that has a strong direction (a letter), else None."""
    kind = unicodedata.bidirectional(ch)
    if kind in ("R", "AL"):
        return "rtl"
    if kind == "L":
        return "ltr"
    return None


def _script_class(ch: str) -> str | None:
    """The kind of letter ``ch`` is for cutting text ("rtl", "cyrl", "cjk", "latn"), None for anything but a letter."""
    direction = strong_direction(ch)
    if direction is None:
        return None
    if direction == "rtl":
        return "rtl"
    return "cyrl" if _CYRILLIC.match(ch) else "cjk" if _CJK.match(ch) else "latn"


def _by_script(piece: str) -> list[str]:
    """Cut ``piece`` where the kind of letter changes; what lies between two kinds is its own piece."""
    out: list[str] = []
    current, kind, pending = "", None, ""
    for ch in piece:
        letter = _script_class(ch)
        if letter is None:
            pending += ch
        elif kind in (None, letter):
            current += pending + ch
            pending, kind = "", letter
        else:
            out += [current, pending]
            current, pending, kind = ch, "", letter
    out += [current + pending]
    return [p for p in out if p]


def split_by_language(text: str, locale: str | None = None) -> list[tuple[str, Lang]]:
    """Cut ``text`` into pieces that each carry one set of language tags (joined, they give ``text``)."""
    if not text:
        return []
    if text.isascii():
        return [(text, PLAIN)]
    pieces: list[tuple[str, Lang]] = []
    for part in _BOUNDARY.split(text):
        if not part:
            continue
        for piece in _by_script(part) if part.strip() and not _BOUNDARY.fullmatch(part) else [part]:
            lang = classify(piece, locale) if not _BOUNDARY.fullmatch(piece) else PLAIN
            if pieces and pieces[-1][1] == lang:
                pieces[-1] = (pieces[-1][0] + piece, lang)
            else:
                pieces.append((piece, lang))
    return pieces
