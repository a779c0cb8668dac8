"""Read a built briefing and deck as a reader follows their notes: footnotes, marks, Sources list, speaker notes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document as open_docx
from lxml import etree
from pptx import Presentation as open_pptx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NUMBERED_LINE = re.compile(r"^\[(\d+)\] (.+)$")


def squeeze(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Briefing:
    """What a reader of the .docx sees of its citations."""

    notes: dict[int, str]  # footnote number (Word's: order of first reference) → its text
    marks: list[list[tuple[str, object]]]  # per paragraph: ("mark", number) and ("text", str) in order
    sources: list[str]  # the Sources list's entries, in order
    source_links: list[list[str]] = field(default_factory=list)  # the hyperlink targets of each entry
    all_text: str = ""  # body, tables and footnotes


def read_briefing(path: Path) -> Briefing:
    doc = open_docx(path)
    part = next(rel.target_part for rel in doc.part.rels.values() if rel.reltype.endswith("/footnotes"))
    notes_xml = {int(n.get(f"{W}id")): n for n in etree.fromstring(part.blob).findall(f"{W}footnote")}
    body = doc.element.body
    first_refs = [int(r.get(f"{W}id")) for r in body.iter(f"{W}footnoteReference")]
    number_of = {note_id: index + 1 for index, note_id in enumerate(first_refs)}
    notes = {number_of[i]: squeeze("".join(n.itertext())) for i, n in notes_xml.items() if i in number_of}

    marks: list[list[tuple[str, object]]] = []
    for p in body.iter(f"{W}p"):
        tokens: list[tuple[str, object]] = []
        in_result = False
        for el in p.iter(f"{W}footnoteReference", f"{W}instrText", f"{W}t", f"{W}fldChar"):
            if el.tag == f"{W}footnoteReference":
                tokens.append(("mark", number_of[int(el.get(f"{W}id"))]))
            elif el.tag == f"{W}instrText" and "NOTEREF" in (el.text or ""):
                note_id = int(re.search(r"_RefNote(\d+)", el.text).group(1))
                tokens.append(("mark", number_of[note_id]))
                in_result = True
            elif el.tag == f"{W}fldChar" and el.get(f"{W}fldCharType") == "end":
                in_result = False
            elif el.tag == f"{W}t" and not in_result:
                tokens.append(("text", el.text or ""))
        marks.append(tokens)

    paragraphs = doc.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.style.name == "Heading 1" and p.text == "Sources")
    entries = [p for p in paragraphs[start + 1:] if p.style.name.startswith("List")]
    all_text = "\n".join(p.text for p in paragraphs)
    all_text += "\n" + "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    all_text += "\n" + "\n".join(notes.values())
    return Briefing(notes, marks, [squeeze(p.text) for p in entries],
                    [[h.address for h in p.hyperlinks] for p in entries], all_text)


def mark_groups(briefing: Briefing) -> list[tuple[list[int], str, str]]:
    """Return every group of adjacent marks: its numbers, the text just before it and just after it."""
    groups = []
    for tokens in briefing.marks:
        index = 0
        while index < len(tokens):
            if tokens[index][0] != "mark":
                index += 1
                continue
            before = "".join(str(t[1]) for t in tokens[:index] if t[0] == "text")
            numbers = []
            while index < len(tokens) and (tokens[index][0] == "mark" or tokens[index] == ("text", ",")):
                if tokens[index][0] == "mark":
                    numbers.append(tokens[index][1])
                index += 1
            after = "".join(str(t[1]) for t in tokens[index:] if t[0] == "text")
            groups.append((numbers, before, after))
    return groups


@dataclass
class Deck:
    """What a presenter sees of the deck's sources."""

    note_lines: list[tuple[int, str]]  # every "[n] text" line of the speaker notes
    source_slide_lines: list[tuple[int, str]]  # every "[n] text" entry of the Sources slides
    all_text: str  # slides and notes


def read_deck(path: Path) -> Deck:
    prs = open_pptx(path)
    note_lines, slide_lines, texts = [], [], []
    for slide in prs.slides:
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        for shape in slide.shapes:
            if shape.has_text_frame:
                for para in shape.text_frame.paragraphs:
                    texts.append(para.text)
                    match = NUMBERED_LINE.match(squeeze(para.text))
                    if match and title.startswith("Sources"):
                        slide_lines.append((int(match.group(1)), match.group(2)))
            if shape.has_table:
                texts.extend(c.text for row in shape.table.rows for c in row.cells)
        if slide.has_notes_slide:
            for line in slide.notes_slide.notes_text_frame.text.split("\n"):
                texts.append(line)
                match = NUMBERED_LINE.match(squeeze(line))
                if match:
                    note_lines.append((int(match.group(1)), match.group(2)))
    return Deck(note_lines, slide_lines, "\n".join(texts))
