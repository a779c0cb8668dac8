"""Both writers tag each run with its text's language: the document's locale, else by script."""

from __future__ import annotations

from pathlib import Path

import docx
import pptx
import pytest

from dossier.model import Document, Heading, Location, Paragraph, Text
from dossier.writers.docx.writer import DocxWriter
from dossier.writers.pptx.writer import PptxWriter

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
LOC = Location("brief.md", 3)
KAZAKH = "Қазақстан мен Қытай"
MIXED = f"Trade with China (中国), said {KAZAKH}; Azərbaycan too."


def _document(locale: str) -> Document:
    blocks = (Heading(2, (Text("Languages"),), LOC), Paragraph((Text(MIXED),), LOC))
    return Document({"title": "Briefing", "lang": locale}, blocks, {}, "brief.md")


def _docx_tags(path: Path) -> dict[str, tuple]:
    body = docx.Document(path).element.body
    tags = {}
    for r in body.iter(f"{W}r"):
        lang = r.find(f"{W}rPr/{W}lang")
        text = "".join(t.text or "" for t in r.iter(f"{W}t"))
        tags[text.strip()] = None if lang is None else (lang.get(f"{W}val"), lang.get(f"{W}eastAsia"))
    return tags


@pytest.mark.parametrize(("locale", "own"), [("kk", "kk-KZ"), ("ru", "ru-RU"), ("de", "de-DE"), ("en_GB", "en-GB")])
def test_word_runs_and_defaults_carry_the_locale_and_the_scripts(tmp_path, locale, own):
    target = tmp_path / "b.docx"
    DocxWriter(refresh_fields=False).write(_document(locale), target)
    tags = _docx_tags(target)
    assert tags[KAZAKH] == ("kk-KZ", None)
    assert tags["中国"] == (None, "zh-CN")
    assert tags["Azərbaycan too."] == ("az-Latn-AZ", None)
    defaults = docx.Document(target).styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert defaults.get(f"{W}val") == own


@pytest.mark.parametrize(("locale", "own"), [("kk", "kk-KZ"), ("ru", "ru-RU"), ("en_GB", "en-GB")])
def test_powerpoint_runs_carry_the_locale_and_the_scripts(tmp_path, locale, own):
    target = tmp_path / "d.pptx"
    PptxWriter().write(_document(locale), target)
    runs = {}
    for slide in pptx.Presentation(target).slides:
        for shape in slide.shapes:
            for r in shape._element.iter(f"{A}r"):
                rpr = r.find(f"{A}rPr")
                runs[r.findtext(f"{A}t").strip()] = (rpr.get("lang"), rpr.get("altLang"))
    assert runs["Languages"] == (own, None)  # Latin text: the deck's own language, not always en-GB
    assert runs[KAZAKH] == ("kk-KZ", None if own == "kk-KZ" else own)
    assert runs["中国"] == ("zh-CN", own)
