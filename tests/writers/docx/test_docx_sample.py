"""A realistic briefing built by hand, shared by the DOCX tests (``from test_docx_sample import ...``).

Every kind of block and run the writer handles, several pages long, with footnotes
spread over the pages. Each paragraph that cites a note ends with a unique marker word
("Mark07") just before the reference, and the note says "Note for Mark07", so a test
can check on which PDF page each lands.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image as PILImage

from dossier.model import (
    Chart, ChartSpec, ChartSeries, Document, Footnote, FootnoteRef, Heading, Image, LineBreak, ListBlock, ListItem,
    Location, Paragraph, Quote, Table, Text,
)
from dossier.writers.docx.writer import DocxWriter
from project_copies import copy_example  # noqa: F401  (shared with the DOCX tests that import it from here)

LOC = Location("brief.md", 3)
FILLER = ("Trade between the two countries grew steadily over the decade, while both sides reported "
          "their figures differently and with different coverage of goods and services. ")
SECTIONS = ("Summary", "Political relations", "Economy and trade", "Investment", "Culture and people", "Outlook")


def _p(*runs) -> Paragraph:
    return Paragraph(tuple(Text(r) if isinstance(r, str) else r for r in runs), LOC)


def _png(folder: Path, name: str, size=(1600, 800)) -> Path:
    path = folder / name
    PILImage.new("RGB", size, (31, 78, 121)).save(path, dpi=(200, 200))
    return path


def _chart(png: Path, chart_id: str, title: str) -> Chart:
    spec = ChartSpec("bar", title, "USD million", "State Statistical Committee", ("2022", "2023"),
                     (ChartSeries("Exports", (1.0, 2.0)),), caption=f"{title}, 2022–2023",
                     alt=f"Bar chart: {title.lower()} rises.")
    return Chart(spec, LOC, {"page": png}, id=chart_id)


def _table(table_id: str, caption: str, rows: int) -> Table:
    body = tuple(
        ((Text(str(2010 + r)),), (Text("Azerbaijan" if r % 2 else "China"),), (Text(f"{1000 + 37 * r:,}.5"),),
         (Text(f"{800 + 11 * r:,}.0"),))
        for r in range(rows)
    )
    header = ((Text("Year"),), (Text("Reported by"),), (Text("Exports"),), (Text("Imports"),))
    return Table(header, body, ("right", None, "right", "right"), LOC, caption=caption, id=table_id)


def briefing_document(folder: Path) -> Document:
    """Return a briefing of about five pages, drawing its pictures into ``folder``."""
    chart_png, image_png = _png(folder, "chart.png"), _png(folder, "map.png", (600, 400))
    notes: dict[str, Footnote] = {}
    blocks: list = []
    mark = 0

    def cite(label: str) -> FootnoteRef:
        if label not in notes:
            notes[label] = Footnote(label, len(notes) + 1, (Text(f"Note for {label}, "), Text("Source", italic=True),
                                                            Text(", 2024.")), LOC)
        return FootnoteRef(label, notes[label].number)

    def cited_paragraph(extra: str = "") -> Paragraph:
        nonlocal mark
        mark += 1
        label = f"Mark{mark:02d}"
        return _p(FILLER * 2, extra, label, cite(label), ".")  # the marker sits on the line of the reference

    for s, title in enumerate(SECTIONS):
        blocks.append(Heading(1, (Text(title),), LOC, attrs={"id": f"sec-{s}"}))
        blocks.append(cited_paragraph())
        if s == 0:
            blocks.append(_p("Relations between Azerbaijan (", Text("Azərbaycan Respublikası", bold=True),
                             ") and China (中华人民共和国) are described in Russian as «Азербайджан и Китай». See ",
                             Text("the trade table", link="#tbl-trade"), " and ", Text("Figure", link="#fig-trade"),
                             Text(" below", link="#fig-trade"), "; the party channel is covered in ",
                             Text("its section", link="#sec-1"), ". Run ", Text("dossier build", code=True), " or read ",
                             Text("the statistics site", link="https://stat.gov.az/source/trade/"), "."))
            blocks.append(ListBlock(False, tuple(
                ListItem((_p(Text(f"Point {i}.", bold=True), " ", FILLER), *(
                    (ListBlock(False, (ListItem((_p("A nested point."),), LOC),), LOC),) if i == 2 else ())), LOC)
                for i in range(1, 5)), LOC))
        if s == 1:
            blocks.append(Quote((_p("Mr. President is an old friend of the Chinese people. " + FILLER),), LOC,
                                attribution=(Text("— Xi Jinping, 2015"),)))
            blocks.append(Heading(2, (Text("Party dialogue"),), LOC))
            blocks.append(ListBlock(True, tuple(ListItem((_p(f"Step {i}: ", FILLER),), LOC) for i in range(1, 4)),
                                    LOC))
            blocks.append(cited_paragraph())
            blocks.append(ListBlock(True, tuple(ListItem((_p(f"Again {i}."),), LOC) for i in range(1, 3)), LOC))
        if s == 2:
            blocks.append(Heading(2, (Text("Trade by year"),), LOC))
            blocks.append(_table("tbl-trade", "Trade by year, USD million", 14))
            blocks.append(cited_paragraph())
            blocks.append(_chart(chart_png, "fig-trade", "Trade turnover by year"))
            blocks.append(Heading(2, (Text("Part-year figures"),), LOC))
            blocks.append(_table("tbl-part", "Part-year figures, USD million", 5))
            blocks.append(_p("As ", Text("Table", link="#tbl-part"), " shows, part-year figures are not comparable",
                             cite("Mark01"), "."))
        if s == 3:
            blocks.append(_chart(chart_png, "fig-fdi", "Direct investment"))
            blocks.append(cited_paragraph())
            blocks.append(Image(image_png, "A map of the Middle Corridor", LOC, caption="The Middle Corridor"))
        for _ in range(2):
            blocks.append(cited_paragraph())
        blocks.append(_p(FILLER, LineBreak(), "After a line break."))
    meta = {"title": "Azerbaijan–China relations", "subtitle": "Trade, investment and party ties",
            "date": "2024-03-14", "date_text": "14 March 2024", "author": "Trade Unit",
            "classification": "OFFICIAL-SENSITIVE", "subject": "Bilateral relations", "keywords": ["Azerbaijan", "China"]}
    return Document(meta=meta, blocks=tuple(blocks), footnotes=notes, source="brief.md")


def test_copy_example_keeps_only_the_briefing(tmp_path: Path) -> None:
    config = (copy_example(tmp_path) / "dossier.toml").read_text(encoding="utf-8")
    assert "[outputs.briefing]" in config and "[outputs.deck]" not in config
    assert (tmp_path / "templates" / "theme" / "reference.docx").is_file()


def test_sample_briefing_writes(tmp_path: Path) -> None:
    document = briefing_document(tmp_path)
    DocxWriter(refresh_fields=False).write(document, tmp_path / "sample.docx")
    assert (tmp_path / "sample.docx").stat().st_size > 10_000
    assert len(document.footnotes) >= 20
