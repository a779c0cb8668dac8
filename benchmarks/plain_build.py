"""The reference for the benchmark: the example's briefing and deck made the plain way.

python-docx, python-pptx and pyplot called directly, as a script someone would write by hand:
the same text (read from the Markdown dossier rendered, so both write the same words), the same
tables, and the same charts drawn once for the page and once for the slide. No validation, no
fitting, no footnotes, no caching: this is the floor of the work, not a competitor's feature set.

    python benchmarks/plain_build.py PROJECT_FOLDER OUTPUT_FOLDER [SUBJECT ...]

Without subjects it makes the example's two files; with subjects, each one's (one after the
other, in this one process), reading the Markdown dossier rendered for it into build/SUBJECT.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 - the plain way, on purpose
import yaml  # noqa: E402
from docx import Document  # noqa: E402
from docx.shared import Cm  # noqa: E402
from pptx import Presentation  # noqa: E402
from pptx.util import Inches, Pt  # noqa: E402

SUBJECT = "azerbaijan-china"
FENCE = re.compile(r"```chart[^\n]*\n(.*?)```", re.S)
MARKUP = re.compile(r"\[\^[\w-]+\]|\\(?=[^\w\s])|\*\*|\*")


def load(folder: Path) -> dict:
    data = {}
    for path in folder.iterdir():
        if path.suffix == ".csv":
            rows = list(csv.DictReader(path.open(encoding="utf-8")))
            data[path.stem] = [{k: _number(v) for k, v in row.items()} for row in rows]
        elif path.suffix == ".yaml":
            data[path.stem] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def _number(text: str):
    try:
        return float(text) if text else None
    except ValueError:
        return text


def draw(spec: dict, data: dict, size: tuple[float, float], dpi: int, target: Path) -> None:
    rows = data
    for part in spec["data"].split("."):
        rows = rows[part]
    fig, ax = plt.subplots(figsize=size)
    if spec["kind"] == "timeline":
        years = [float(str(r[spec["x"]])[:4]) for r in rows]
        ax.scatter(years, [i % 6 for i in range(len(rows))])
        for i, row in enumerate(rows):
            ax.annotate(row[spec.get("label", "label")], (years[i], i % 6), fontsize=7)
    else:
        labels = list(dict.fromkeys(str(r[spec["x"]]) for r in rows))
        for n, series in enumerate(spec["series"]):
            column = series["column"] if isinstance(series, dict) else series
            values = [next((r[column] for r in rows if str(r[spec["x"]]) == x and r.get(column) is not None), 0)
                      for x in labels]
            if spec["kind"] == "line":
                ax.plot(labels, values, marker="o")
            else:
                ax.bar([i + n * 0.4 for i in range(len(labels))], values, width=0.4)
        ax.set_xticks(range(len(labels)), labels, rotation=45)
        ax.set_ylabel(spec.get("unit", ""))
    ax.set_title(spec["title"])
    fig.tight_layout()
    fig.savefig(target, dpi=dpi)
    plt.close(fig)


def text_blocks(markdown: str):
    """Yield (kind, text) for headings, paragraphs, list items, table rows and chart specs."""
    body = FENCE.sub(lambda m: "\n@@chart " + str(len(m.group(1))) + "\n", markdown.split("\n---\n", 1)[-1])
    charts = iter(yaml.safe_load(m.group(1)) for m in FENCE.finditer(markdown))
    for line in body.splitlines():
        clean = MARKUP.sub("", line).strip()
        if not clean or clean.startswith(("[^", ":::", "|---", "|:-", "|--")):
            continue
        if line.startswith("@@chart"):
            yield "chart", next(charts)
        elif line.startswith("#"):
            yield "heading" + str(len(line) - len(line.lstrip("#"))), clean.lstrip("# ")
        elif line.startswith("|"):
            yield "row", [cell.strip() for cell in clean.strip("|").split("|")]
        elif line.startswith(("- ", "1. ")):
            yield "item", clean[2:]
        else:
            yield "text", clean


def briefing(markdown: str, data: dict, charts: Path, target: Path) -> None:
    doc = Document()
    table = None
    for kind, value in text_blocks(markdown):
        if kind != "row":
            table = None
        if kind.startswith("heading"):
            doc.add_heading(value, level=min(int(kind[-1]), 3))
        elif kind == "chart":
            image = charts / f"page-{len(doc.inline_shapes)}.png"
            draw(value, data, (6.3, 3.15), 200, image)
            doc.add_picture(str(image), width=Cm(16))
            doc.add_paragraph(value.get("caption", value["title"]), style="Caption")
        elif kind == "row":
            if table is None:
                table = doc.add_table(rows=0, cols=len(value), style="Table Grid")
            cells = table.add_row().cells
            for cell, text in zip(cells, value):
                cell.text = text
        elif kind == "item":
            doc.add_paragraph(value, style="List Bullet")
        else:
            doc.add_paragraph(value)
    doc.save(target)


def deck(markdown: str, data: dict, charts: Path, target: Path) -> None:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    slide, body, rows, count = None, None, [], 0

    def flush_table():
        nonlocal rows
        if rows and slide is not None:
            shape = slide.shapes.add_table(len(rows), len(rows[0]), Inches(0.5), Inches(1.5), Inches(12), Inches(5))
            for r, row in enumerate(rows):
                for c, text in enumerate(row[: len(rows[0])]):
                    shape.table.cell(r, c).text = text
        rows = []

    for kind, value in text_blocks(markdown):
        if kind != "row":
            flush_table()
        if kind.startswith("heading"):
            slide = prs.slides.add_slide(prs.slide_layouts[5])
            slide.shapes.title.text = value
            body = slide.shapes.add_textbox(Inches(0.5), Inches(1.5), Inches(12), Inches(5)).text_frame
            body.word_wrap = True
        elif slide is None:
            continue
        elif kind == "chart":
            count += 1
            image = charts / f"slide-{count}.png"
            draw(value, data, (11.5, 5.0), 150, image)
            slide.shapes.add_picture(str(image), Inches(0.9), Inches(1.6), width=Inches(11.5))
        elif kind == "row":
            rows.append(value)
        else:
            paragraph = body.add_paragraph()
            paragraph.text = value
            paragraph.font.size = Pt(18)
    flush_table()
    prs.save(target)


def main(project: Path, out: Path, subjects: list[str]) -> None:
    for subject in subjects or [SUBJECT]:
        folder = out / subject
        folder.mkdir(parents=True, exist_ok=True)
        data = load(project / "data" / subject)
        rendered = project / "build" / subject
        briefing((rendered / "briefing.md").read_text(encoding="utf-8"), data, folder, folder / "briefing.docx")
        deck((rendered / "deck.md").read_text(encoding="utf-8"), data, folder, folder / "deck.pptx")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:])
