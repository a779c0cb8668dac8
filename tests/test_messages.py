"""The message catalogues: every tool string marked in the code has a translation in every catalogue,
placeholders intact, and a locale reads its catalogue by the fallback rule."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import dossier
from dossier.messages import KEYWORDS, catalogue_for, catalogue_names, catalogue_path, has_catalogue, translate

REQUIRED = {"en", "ru", "az", "kk", "de", "fr", "zh", "ar"}
PLACEHOLDER = re.compile(r"\{\w*\}")


@cache
def _tool_strings() -> dict[str, list[str]]:
    """Every string the code marks with translate(locale, "…") or N_("…"), with where it is."""
    root = Path(dossier.__file__).parent
    found: dict[str, list[str]] = {}
    for filename, line, message, _comments, _context in extract_from_dir(
            root, method_map=[("**.py", "python")], keywords=KEYWORDS):
        found.setdefault(message, []).append(f"dossier/{filename}:{line}")
    return found


def _catalogue(name: str) -> dict[str, str]:
    with catalogue_path(name).open("rb") as po:
        return {m.id: m.string for m in read_po(po) if m.id}


def test_the_required_catalogues_exist() -> None:
    assert REQUIRED <= set(catalogue_names())


def test_the_code_marks_its_tool_strings() -> None:
    found = _tool_strings()
    for words in ("not reported", "Contents", "Figure", "Table", "Page {page} of {pages}", "{title} (cont.)",
                  "Sources:", "Source: {}", "n/r"):
        assert words in found


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_every_tool_string_is_translated(name: str) -> None:
    """Fails when a tool string is added to the code without an entry in each catalogue."""
    catalogue = _catalogue(name)
    missing = {message: places for message, places in _tool_strings().items() if not catalogue.get(message)}
    assert not missing, f"{catalogue_path(name)} lacks: {missing}"


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_translations_keep_their_placeholders_and_no_stale_entries(name: str) -> None:
    catalogue = _catalogue(name)
    assert set(catalogue) <= set(_tool_strings()), "entries no code uses any more"
    for message, translation in catalogue.items():
        assert sorted(PLACEHOLDER.findall(translation)) == sorted(PLACEHOLDER.findall(message)), (message, translation)


def test_fallback_rule() -> None:
    assert catalogue_for("kk_KZ") == "kk"  # territory → the language's catalogue
    assert catalogue_for("de-AT") == "de"
    assert catalogue_for("zh_Hans_CN") == "zh"
    assert catalogue_for("es") is None and not has_catalogue("es")
    assert translate("es", "not reported") == "not reported"  # no catalogue: the English of the code
    assert translate("x-private", "Contents") == "Contents"  # not a locale at all: English, no error
    assert translate("ru_RU", "Contents") == "Содержание"
