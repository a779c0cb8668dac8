"""Editable Word charts: a chart part with its embedded workbook, placed inline like a picture.

python-docx has no charts, so the parts are added here: ``word/charts/chartN.xml`` (written by
python-pptx's chart XML writer and styled by the deck's own code, see
:mod:`dossier.writers.native_charts`), related from the document, and
``word/embeddings/Microsoft_Excel_SheetN.xlsx`` related from the chart, so "Edit Data" in Word
opens the numbers drawn. The chart stands in a ``wp:inline`` drawing with the same alternative
text (``wp:docPr/@descr``) a picture gets; caption and cross-references are the figure's.
"""

from __future__ import annotations

from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from dossier.charts.profile import PROFILES
from dossier.markdown_text import xml_safe_line
from dossier.model import ChartSpec
from dossier.writers.native_charts.space import (
    CHART_CONTENT_TYPE, CHART_RELATIONSHIP, CHART_URI, PACKAGE_RELATIONSHIP, XLSX_CONTENT_TYPE, chart_parts,
)

TEXT_PT = PROFILES["page"].font_size  # the pictures' text size on a page (never below its 8 pt floor)
ASPECT = PROFILES["page"].height_in / PROFILES["page"].width_in
NATIVE_BINS = PROFILES["page"].y_bins  # at most this many intervals between value ticks, as in the pictures
ROW_EMU = 228600  # a ranked chart's row: 0.25 in, enough for one line of 9 pt text and its bar


def chart_height(spec: ChartSpec, width: int, max_height: int) -> int:
    """Return the chart's height (EMU) at ``width``: the pictures' proportions, taller for many ranked rows."""
    height = int(width * ASPECT)
    if spec.kind == "ranked":
        height = max(height, ROW_EMU * (len(spec.categories) + 3))
    return min(height, max_height)


def add_native_chart(document, paragraph, spec: ChartSpec, *, width: int, height: int, alt: str, font: str) -> None:
    """Append to ``paragraph`` (a ``w:p``) an editable chart of ``spec``, ``width`` × ``height`` EMU."""
    doc_part = document.part
    package = doc_part.package
    chart_part = Part(package.next_partname("/word/charts/chart%d.xml"), CHART_CONTENT_TYPE, b"", package)
    chart_rel = doc_part.relate_to(chart_part, CHART_RELATIONSHIP)
    workbook_name = package.next_partname("/word/embeddings/Microsoft_Excel_Sheet%d.xlsx")
    workbook_part = Part(workbook_name, XLSX_CONTENT_TYPE, b"", package)
    workbook_rel = chart_part.relate_to(workbook_part, PACKAGE_RELATIONSHIP)
    parts = chart_parts(spec, font=font, text_pt=TEXT_PT, bins=NATIVE_BINS, workbook_rel_id=workbook_rel)
    chart_part._blob, workbook_part._blob = parts.xml, parts.workbook
    shape_id = doc_part.next_id
    inline = parse_xml(
        f'<wp:inline distT="0" distB="0" distL="0" distR="0" {nsdecls("wp", "a", "r", "c")}>'
        f'<wp:extent cx="{width}" cy="{height}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{shape_id}" name="Chart {shape_id}"/><wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="{CHART_URI}"><c:chart r:id="{chart_rel}"/></a:graphicData></a:graphic>'
        "</wp:inline>"
    )
    inline.find(qn("wp:docPr")).set("descr", xml_safe_line(alt))
    run = paragraph.makeelement(qn("w:r"), {})
    drawing = run.makeelement(qn("w:drawing"), {})
    drawing.append(inline)
    run.append(drawing)
    paragraph.append(run)
