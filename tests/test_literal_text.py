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


# ---------------------------------------------------------------- every place a value can land

CONTEXTS_TEMPLATE = """---
title: {{ report.title }}
date: "2024-05-01"
---
# Places

Read [the link]({{ report.url }}).

> {{ report.quote }}
>
> — {{ report.speaker }}

| Year | Exports |
|---:|---:|
| 2021 | 12 |

Table: {{ report.caption }}

```chart
kind: bar
title: Exports
data: trade
x: year
series: [exports]
unit: USD million
source: Customs
caption: {{ report.caption }}
```
"""
INJECTIONS = ["Exports: total", '"quoted', "'single", "yes", "1e3", "# not a comment", "- not a list",
              "a {#tbl-evil}", "{.evil}", "— not an attribution", "-- not either", "> **x** [y](https://z)",
              "key: value", "&anchor", "*alias", "!tag", "%directive", "@at", "`tick`", "[a, b]", "{a: b}"]
CONTEXT_TEXT = st.lists(st.one_of(st.sampled_from(INJECTIONS + MARKUP), st.text(max_size=6)),
                        min_size=1, max_size=6).map("".join).filter(lambda s: normalized(s) != "")


def hyperlinks(path: Path) -> list[tuple[str, str]]:
    """Every link to an address in the briefing's body: (the text shown, the address it goes to)."""
    doc = open_docx(path)
    links = []
    for paragraph in doc.paragraphs:
        for link in paragraph._p.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}hyperlink"):
            rel = link.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
            text = "".join(t.text or "" for t in link.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"))
            if rel:  # not the contents' links to headings
                links.append((text, doc.part.rels[rel].target_ref))
    return links


def bold_runs(path: Path) -> list[str]:
    return [run.text for p in open_docx(path).paragraphs for run in p.runs if run.bold and run.text.strip()]


def test_data_is_literal_in_chart_blocks_captions_attributes_links_and_attributions(tmp_path_factory) -> None:
    from urllib.parse import unquote

    project = tmp_path_factory.mktemp("contexts")
    shutil.copytree(ROOT / "tests" / "projects" / "minimal", project, dirs_exist_ok=True)
    (project / "dossier.toml").write_text((project / "dossier.toml").read_text(encoding="utf-8")
                                          .split("[outputs.deck]")[0], encoding="utf-8")
    (project / "templates" / "briefing.md.j2").write_text(CONTEXTS_TEMPLATE, encoding="utf-8")
    report_file = project / "data" / "demo" / "report.yaml"
    briefing = project / "reports" / "demo" / "briefing.docx"

    @settings(max_examples=8, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck),
              phases=[Phase.explicit, Phase.generate])
    @given(text=CONTEXT_TEXT)
    @example(text="> **x** [y](https://z)")
    @example(text='Exports: "total" {#tbl-evil}')
    @example(text="— not an attribution")
    def check(text: str) -> None:
        url = "https://example.org/a?q=" + "".join(text.split())  # an address has no spaces: see test_templating
        report = {"title": text, "url": url, "quote": text, "speaker": "Speaker " + text, "caption": text}
        report_file.write_text(yaml.safe_dump(report, allow_unicode=True), encoding="utf-8")
        outcome = build(project, force=True)
        assert not outcome.failed, outcome.failed[0].error
        paragraphs = [normalized(p.text) for p in open_docx(briefing).paragraphs]
        shown = normalized(text)
        assert normalized(f"Table 1: {text}") in paragraphs  # the caption keeps a trailing {…}
        assert normalized(f"Figure 1: Exports. {text}") in paragraphs  # the chart block's YAML held the value
        assert shown in paragraphs  # the quote's text: never taken for an attribution
        assert normalized(f"— Speaker {text}") in paragraphs or normalized(f"Speaker {text}") in paragraphs
        assert hyperlinks(briefing) == [("the link", hyperlinks(briefing)[0][1])]  # one link, nothing injected
        assert unquote(hyperlinks(briefing)[0][1]) == XML_FORBIDDEN.sub("", url).strip()
        assert not bold_runs(briefing)  # no **…** from the data

    check()
