"""Property: any Unicode text in the data comes out literally in both files (XML-forbidden characters removed)."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from docx import Document as open_docx
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from pptx import Presentation as open_pptx

from dossier.build import build
from dossier.markdown_text import XML_FORBIDDEN
from project_copies import EXAMPLE_PARTS, ROOT

SUBJECT = "azerbaijan-china"
MARKUP = ["*", "_", "#", "|", "[", "]", "<", ">", "&", "`", "{{", "}}", "1. ", "- ", "\n", "\t", "::: notes",
          "[^1]", "---", "\\", "&amp;", "<b>", "\x00", "\x07", "\x1f", "\ufffe", "ə", "ı", "ğ", "中华", "Россия"]
TEXT = st.lists(
    st.one_of(st.sampled_from(MARKUP), st.text(st.characters(exclude_categories=("Cs",)), max_size=8)),
    min_size=1, max_size=12,
).map("".join).filter(lambda s: XML_FORBIDDEN.sub("", s).strip() != "")


def normalized(text: str) -> str:
    """Return text as a reader compares it: forbidden characters gone, runs of white space as one space."""
    return " ".join(XML_FORBIDDEN.sub("", text).split())


def docx_text(path: Path) -> str:
    doc = open_docx(path)
    parts = [p.text for p in doc.paragraphs]
    parts += [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return normalized("\n".join(parts))


def pptx_text(path: Path) -> str:
    parts = []
    for slide in open_pptx(path).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
    return normalized("\n".join(parts))


def test_arbitrary_text_comes_out_literally(tmp_path_factory) -> None:
    project = tmp_path_factory.mktemp("literal")
    for part in EXAMPLE_PARTS:
        (shutil.copytree if (ROOT / part).is_dir() else shutil.copy)(ROOT / part, project / part)
    folder = project / "data" / SUBJECT
    report = yaml.safe_load((folder / "report.yaml").read_text(encoding="utf-8"))
    quotes = yaml.safe_load((folder / "quotes.yaml").read_text(encoding="utf-8"))
    quoted = next(i for i, q in enumerate(quotes) if q["speaker"] == "Xi Jinping" and q["date"] == "2015-12-11")

    # Each example is a full build of both files: a few examples, derandomized, without slow shrinking.
    @settings(max_examples=10, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck),
              phases=[Phase.explicit, Phase.generate])
    @given(title=TEXT, quote=TEXT)
    @example(title="Ú\x0e\U000ac68f𤞴\x88", quote="*****# 1. | <b> &amp; {{ x }} [^1]")
    @example(title="---\n::: notes\n- item", quote="Azərbaycan\t中华人民共和国\x00Россия\ufffe")
    def check(title: str, quote: str) -> None:
        report["title"] = "T " + title
        quotes[quoted]["text"] = quote
        (folder / "report.yaml").write_text(yaml.safe_dump(report, allow_unicode=True), encoding="utf-8")
        (folder / "quotes.yaml").write_text(yaml.safe_dump(quotes, allow_unicode=True), encoding="utf-8")
        outcome = build(project)
        assert not outcome.failed, [r.error for r in outcome.failed]
        briefing = docx_text(project / "reports" / SUBJECT / "briefing.docx")
        deck = pptx_text(project / "reports" / SUBJECT / "deck.pptx")
        for text in (normalized("T " + title), normalized(quote)):
            assert text in briefing
            assert text in deck

    check()
