"""An editable chart for a package python-pptx does not manage (a Word document): XML and workbook.

python-pptx writes a chart's XML (``ChartXmlWriter`` through ``ChartData.xml_bytes``) and its
workbook (``ChartData.xlsx_blob``); here they are made without a presentation: the chart space is
parsed into python-pptx's own element classes, wrapped in its ``Chart`` object so the same
styling code as the deck's applies (:func:`~dossier.writers.native_charts.style.finish_chart`),
and handed back as bytes with the relationship id its embedded workbook will have.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree
from pptx.chart.chart import Chart
from pptx.oxml import parse_xml

from dossier.model import ChartSpec
from dossier.writers.native_charts.data import CHART_TYPES, chart_data
from dossier.writers.native_charts.style import finish_chart

CHART_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHART_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
PACKAGE_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"
CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"


@dataclass(frozen=True)
class ChartParts:
    """A finished chart part's XML and the workbook it embeds (to be related under ``workbook_rel_id``)."""

    xml: bytes
    workbook: bytes


def chart_parts(spec: ChartSpec, *, font: str, text_pt: float, bins: int, workbook_rel_id: str) -> ChartParts:
    """Return the chart space of ``spec`` (styled, its data cached) and its workbook, linked by ``workbook_rel_id``."""
    data = chart_data(spec)
    space = parse_xml(data.xml_bytes(CHART_TYPES[spec.kind]))
    finish_chart(Chart(space, None), spec, font=font, text_pt=text_pt, bins=bins)
    external = space.get_or_add_externalData()  # with <c:autoUpdate val="0"/>: the data is embedded, not linked
    external.rId = workbook_rel_id
    xml = etree.tostring(space, xml_declaration=True, encoding="UTF-8", standalone=True)
    return ChartParts(xml, data.xlsx_blob)
