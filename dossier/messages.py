"""The words dossier itself writes ("not reported", "Figure", "Page 1 of 3", …), in the output's language.

Every such string is written in English in the code, marked by one of two functions, and looked up in a
gettext catalogue: ``dossier/locales/<language>/LC_MESSAGES/dossier.po``, read and compiled with Babel
when first needed.

- ``translate(locale, "English text")`` returns the text in the locale's language;
- ``N_("English text")`` marks a string kept in a table and translated later with ``translate``;
- ``_("English text")``: a module's own shorthand for ``translate`` in a locale it knows (charts).

Fallback rule: the catalogue of the locale itself (``de_AT``), else of its language with its script
(``zh_Hant``), else of its language (``de``); a locale with no catalogue, or a message missing from
its catalogue, prints the English text. :func:`has_catalogue` tells the two apart, for the few places
where English words would be a guess (qualifier words print a symbol instead).
"""

from __future__ import annotations

from dossier.language_tags import document_locale
import gettext
import io
import re
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALES_DIR = Path(__file__).parent / "locales"
DOMAIN = "dossier"
#: the keywords that mark a tool string, as Babel's extractor reads them (the message's argument index)
KEYWORDS = {"translate": (2,), "N_": (1,), "_": (1,)}


def N_(message: str) -> str:  # noqa: N802 - gettext's name for "mark, translate later"
    """Mark ``message`` as a tool string to be translated later; return it unchanged."""
    return message


def catalogue_path(name: str) -> Path:
    """Return where the catalogue of locale ``name`` (``ru``, ``zh_Hant``) lives."""
    return LOCALES_DIR / name / "LC_MESSAGES" / f"{DOMAIN}.po"


def catalogue_names() -> list[str]:
    """Return the locales that have a catalogue, by folder name."""
    return sorted(path.parent.parent.name for path in LOCALES_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def _candidates(locale: str) -> list[str]:
    """Return the catalogue names to try for ``locale``, most specific first (``kk_Cyrl_KZ`` … ``kk``)."""
    try:
        parsed = Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return []  # not a locale Babel knows (a front matter's `lang: x-private`): English
    names = [str(parsed)]
    if parsed.script:
        names.append(f"{parsed.language}_{parsed.script}")
    if parsed.territory:
        names.append(f"{parsed.language}_{parsed.territory}")
    names.append(parsed.language)
    return list(dict.fromkeys(names))


@lru_cache(maxsize=None)
def _compiled(name: str) -> gettext.GNUTranslations:
    """Read the catalogue ``name`` with Babel and compile it (in memory) to a gettext translation."""
    with catalogue_path(name).open("rb") as po:
        catalog = read_po(po, locale=name, domain=DOMAIN)
    mo = io.BytesIO()
    write_mo(mo, catalog)
    mo.seek(0)
    return gettext.GNUTranslations(mo)


def catalogue_for(locale: str) -> str | None:
    """Return the name of the catalogue ``locale`` reads (by the fallback rule), or None when it has none."""
    for name in _candidates(locale or "en"):
        if catalogue_path(name).is_file():
            return name
    return None


@lru_cache(maxsize=None)
def translations(locale: str) -> gettext.NullTranslations:
    """Return the translation ``locale`` reads; the English of the code when it has no catalogue."""
    name = catalogue_for(locale)
    return _compiled(name) if name else gettext.NullTranslations()


def has_catalogue(locale: str) -> bool:
    """Return whether ``locale``'s language has a catalogue (else its tool strings print in English)."""
    return catalogue_for(locale) is not None


def translate(locale: str, message: str) -> str:
    """Return the tool string ``message`` (English, as marked in the code) in ``locale``'s language."""
    return translations(locale).gettext(message)


def message_locale(meta: dict) -> str:
    """Return the locale a document's tool strings are written in: its front matter's ``lang`` (the job's locale)."""
    return (document_locale(meta) or "en").replace("-", "_")


PLACEHOLDER = re.compile(r"\{(\w+)\}")


def split_placeholders(text: str) -> list[tuple[str, bool]]:
    """Split a translated pattern into (text, False) and (placeholder name, True) pieces, in order.

    "Page {page} of {pages}" → ("Page ", False), ("page", True), (" of ", False), ("pages", True): a writer puts
    a field where a placeholder is, so a language may order the words and numbers as it needs.
    """
    pieces: list[tuple[str, bool]] = []
    end = 0
    for match in PLACEHOLDER.finditer(text):
        if match.start() > end:
            pieces.append((text[end:match.start()], False))
        pieces.append((match.group(1), True))
        end = match.end()
    if end < len(text):
        pieces.append((text[end:], False))
    return pieces
