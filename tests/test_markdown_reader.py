"""Markdown → document model, table-driven."""

from __future__ import annotations

import pytest

from dossier.chart_blocks import resolve_chart
from dossier.markdown_reader import read_markdown
from dossier.markdown_text import escape_markdown
from dossier.model import (
    Chart, FootnoteRef, Heading, LineBreak, ListBlock, Notes, Paragraph, Quote, SlideBreak, Table, Text, plain_text,
)

CONTEXT = {"trade": [{"year": 2019, "exports": 1.0, "side": "AZ"}, {"year": 2020, "exports": None, "side": "AZ"}]}


def read(text: str):
    return read_markdown(text, "x.md", lambda body, loc: resolve_chart(body, loc, CONTEXT))


def test_front_matter_becomes_meta() -> None:
    doc = read('---\ntitle: "A: B"\ndate: "2024-01-02"\n---\n\nText\n')
    assert doc.meta == {"title": "A: B", "date": "2024-01-02"}
    assert doc.title == "A: B"


@pytest.mark.parametrize("text,level,title,attrs", [
    ("# Summary\n", 1, "Summary", {}),
    ("## Trade {#trade layout=chart}\n", 2, "Trade", {"id": "trade", "layout": "chart"}),
    ("### A \\{b=c\\}\n", 3, "A {b=c}", {}),
])
def test_headings(text, level, title, attrs) -> None:
    (heading,) = read(text).blocks
    assert isinstance(heading, Heading)
    assert (heading.level, heading.text, heading.attrs) == (level, title, attrs)
    assert heading.loc.line == 1


def test_inline_runs() -> None:
    (para,) = read("Plain **bold** *it* `code` [link](https://x.org/a)  \nnext[^s]\n\n[^s]: Source *T*.\n").blocks
    runs = para.inlines
    assert Text("bold", bold=True) in runs and Text("it", italic=True) in runs
    assert Text("code", code=True) in runs and Text("link", link="https://x.org/a") in runs
    assert any(isinstance(r, LineBreak) for r in runs)
    assert runs[-1] == FootnoteRef("s", 1)


def test_footnotes_numbered_by_first_use() -> None:
    doc = read("A[^b] B[^a] C[^b]\n\n[^a]: Alpha\n[^b]: Beta\n")
    refs = [r for r in doc.blocks[0].inlines if isinstance(r, FootnoteRef)]
    assert [(r.label, r.number) for r in refs] == [("b", 1), ("a", 2), ("b", 1)]
    assert plain_text(doc.footnotes["a"].inlines) == "Alpha" and doc.footnotes["a"].number == 2


def test_lists_nest_and_number() -> None:
    (outer,) = read("3. one\n   - sub a\n   - sub b\n4. two\n").blocks
    assert isinstance(outer, ListBlock) and outer.ordered and outer.start == 3
    inner = outer.items[0].blocks[1]
    assert isinstance(inner, ListBlock) and not inner.ordered and len(inner.items) == 2


def test_table_with_alignment_and_caption() -> None:
    (table,) = read("| Year | Value |\n|---|--:|\n| 2019 | 1,5 |\n\nTable: Trade by year\n").blocks
    assert isinstance(table, Table)
    assert [plain_text(c) for c in table.header] == ["Year", "Value"]
    assert [[plain_text(c) for c in row] for row in table.rows] == [["2019", "1,5"]]
    assert table.aligns == (None, "right") and table.caption == "Trade by year"


def test_quote_with_attribution_notes_and_slide_break() -> None:
    blocks = read("> Words here.\n>\n> — Speaker, 2015\n\n::: notes\nSay this.\n:::\n\n---\n").blocks
    quote, notes, brk = blocks
    assert isinstance(quote, Quote) and plain_text(quote.attribution) == "Speaker, 2015"
    assert plain_text(quote.blocks[0].inlines) == "Words here."
    assert isinstance(notes, Notes) and plain_text(notes.blocks[0].inlines) == "Say this."
    assert isinstance(brk, SlideBreak)


def test_chart_block_keeps_template_location_and_gaps() -> None:
    text = "```chart @templates/b.md.j2:12\nkind: bar\ntitle: T\ndata: trade\nx: year\nseries: [exports]\n" \
           "unit: USD million\nsource: S\n```\n"
    (chart,) = read(text).blocks
    assert isinstance(chart, Chart)
    assert (chart.loc.file, chart.loc.line) == ("templates/b.md.j2", 12)
    assert chart.spec.categories == ("2019", "2020")
    assert chart.spec.series[0].values == (1.0, None)


@pytest.mark.parametrize("data", [
    "*not italic* _x_ # no heading", "1. not a list", "- not a bullet", "| a | b |", "<b>tag</b> &amp; &",
    "[not](a link) ![no](image)", "`tick` {{ jinja }} \\ back", "line\nbreak\r\nand\ttab", "---", "> no quote",
    "::: notes", "[^1] not a ref", "    four spaces", "Azərbaycan 中华人民共和国 Россия",
])
def test_escaped_data_comes_out_literally(data: str) -> None:
    (para,) = read(escape_markdown(data) + "\n").blocks
    assert isinstance(para, Paragraph)
    expected = " ".join(data.replace("\r\n", "\n").split()) if any(c in data for c in "\n\t") else data
    assert plain_text(para.inlines) == expected


def test_table_and_chart_ids_for_cross_references() -> None:
    blocks = read("| A |\n|---|\n| 1 |\n\nTable: Trade by year {#tbl-trade}\n\n"
                  "```chart\nid: fig-trade\nkind: bar\ntitle: T\ndata: trade\nx: year\nseries: [exports]\n"
                  "unit: USD million\nsource: S\n```\n\nSee [Figure](#fig-trade).\n").blocks
    table, chart, para = blocks
    assert (table.caption, table.id) == ("Trade by year", "tbl-trade")
    assert chart.id == "fig-trade"
    assert Text("Figure", link="#fig-trade") in para.inlines


@pytest.mark.parametrize("data", ["Trade {#tbl-evil}", "Trade {.class}", "{#x}"])
def test_a_caption_ending_in_braces_from_data_keeps_them(data: str) -> None:
    table, = read(f"| A |\n|---|\n| 1 |\n\nTable: {escape_markdown(data)}\n").blocks
    assert (table.caption, table.id) == (data, "")


def test_caption_attributes_may_precede_footnote_marks() -> None:
    table, = read("| A |\n|---|\n| 1 |\n\nTable: Trade {#tbl-trade}[^a]\n\n[^a]: Note\n").blocks
    assert (table.caption, table.id) == ("Trade", "tbl-trade")


@pytest.mark.parametrize("data", ["— not the speaker", "-- not the speaker", "― not either"])
def test_a_quote_line_from_data_that_starts_with_a_dash_is_not_an_attribution(data: str) -> None:
    quote, = read(f"> Said.\n>\n> {escape_markdown(data)}\n").blocks
    assert quote.attribution == ()
    assert plain_text(quote.blocks[-1].inlines) == data
    written, = read("> Said.\n>\n> — The speaker\n").blocks
    assert plain_text(written.attribution) == "The speaker"
