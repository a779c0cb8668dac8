"""The example project, built end to end, read back as a reader would see it."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from lxml import etree
from docx import Document as open_docx
from pptx import Presentation as open_pptx
from pptx.util import Emu

SUBJECT = "azerbaijan-china"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def reports(folder: Path) -> Path:
    return folder / "reports" / SUBJECT


def data(folder: Path, name: str):
    path = folder / "data" / SUBJECT / name
    if path.suffix == ".csv":
        return list(csv.DictReader(path.open(encoding="utf-8")))
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def rendered(folder: Path, output: str) -> str:
    return (folder / "build" / SUBJECT / f"{output}.md").read_text(encoding="utf-8")


def chart_count(markdown: str) -> int:
    return len(re.findall(r"^```chart", markdown, flags=re.M))


def number(text: str) -> str:
    """Return a CSV cell as the briefing prints it: grouped, up to one decimal, or 'not reported'."""
    if not text:
        return "not reported"
    value = float(text)
    return f"{value:,.0f}" if value.is_integer() else f"{value:,.1f}"


# ---------------------------------------------------------------- the briefing


def test_briefing_has_the_sections_in_order(example_build: Path) -> None:
    doc = open_docx(reports(example_build) / "briefing.docx")
    sections = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert sections == ["Summary", "Political relations", "Party dialogue", "Economy and trade", "Investment",
                        "Culture and people", "Outlook: what to watch", "Sources"]
    assert doc.paragraphs[0].style.name == "Title"
    assert doc.paragraphs[0].text == data(example_build, "report.yaml")["title"]


def test_briefing_trade_table_matches_the_data(example_build: Path) -> None:
    doc = open_docx(reports(example_build) / "briefing.docx")
    table = next(t for t in doc.tables if t.rows[0].cells[1].text == "Reported by")
    header = [c.text for c in table.rows[0].cells]
    assert header[:5] == ["Year", "Reported by", "Exports to China", "Imports from China", "Turnover"]
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    trade = data(example_build, "trade.csv")
    assert len(rows) == len(trade)
    sides = {"AZ": "Azerbaijan", "CN": "China", "unstated": "not stated"}
    for cells, row in zip(rows, trade):
        assert cells[:5] == [row["year"], sides[row["side"]], number(row["exports"]),
                             number(row["imports"]), number(row["turnover"])]


def test_briefing_has_one_picture_and_caption_per_chart(example_build: Path) -> None:
    doc = open_docx(reports(example_build) / "briefing.docx")
    charts = chart_count(rendered(example_build, "briefing"))
    assert charts >= 5
    assert len(doc.inline_shapes) == charts
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption" and p.text.startswith("Figure")]
    assert [c.split(":")[0] for c in captions] == [f"Figure {n}" for n in range(1, charts + 1)]
    for shape in doc.inline_shapes:
        assert len(shape._inline.docPr.get("descr", "")) > 20  # alt text from the data


def test_briefing_quotes_carry_their_speaker(example_build: Path) -> None:
    doc = open_docx(reports(example_build) / "briefing.docx")
    texts = [p.text for p in doc.paragraphs]
    quoted = [q for q in data(example_build, "quotes.yaml") if q["text"][:40] in "\n".join(texts)]
    assert len(quoted) >= 2
    for quote in quoted:
        index = next(i for i, t in enumerate(texts) if quote["text"][:40] in t)
        attribution = next(t for t in texts[index:index + 4] if t.startswith("—"))
        assert quote["speaker"] in attribution


def test_briefing_cites_sources_as_word_footnotes(example_build: Path) -> None:
    doc = open_docx(reports(example_build) / "briefing.docx")
    part = next(rel.target_part for rel in doc.part.rels.values() if rel.reltype.endswith("/footnotes"))
    notes = etree.fromstring(part.blob).findall(f"{W}footnote")
    real = [n for n in notes if int(n.get(f"{W}id")) > 0]
    cited = re.findall(r"^\[\^([\w-]+)\]: (.*)$", rendered(example_build, "briefing"), flags=re.M)
    assert len(real) == len(cited) >= 15
    first_note_text = "".join(real[0].itertext())
    assert first_note_text.strip().startswith(cited[0][1].split(",")[0].replace("\\", ""))
    references = doc.element.body.findall(f".//{W}footnoteReference")
    assert len(references) == len(real)
