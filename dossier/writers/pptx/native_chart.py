"""Editable PowerPoint charts for chart blocks that ask for ``native: true`` (or ``[charts] native = true``).

The data is embedded (an Excel workbook inside the chart part), so a presenter can edit it in
PowerPoint. python-pptx makes the chart part; the kinds, the data and the look are shared with
the Word writer in :mod:`dossier.writers.native_charts`.
"""

from __future__ import annotations

from pptx.oxml.ns import qn

from dossier.charts.profile import PROFILES
from dossier.writers.native_charts.data import CHART_TYPES, chart_data
from dossier.writers.native_charts.style import finish_chart
from dossier.writers.pptx.boxes import PictureBox
from dossier.writers.pptx.emit import emu, set_rect
from dossier.writers.pptx.fonts import current_fonts
from dossier.writers.pptx.text import clean
from dossier.writers.pptx.units import NATIVE_BINS

TEXT_PT = PROFILES["slide"].floor  # the slide's text floor: every label is readable where it is placed


def add_native_chart(slide, item: PictureBox, ph=None):
    """Add an editable chart for ``item.visual.chart`` in ``item.rect`` (into a chart placeholder when given)."""
    spec = item.visual.chart
    assert spec is not None
    kind = CHART_TYPES[spec.kind]
    data = chart_data(spec)
    r = item.rect
    if ph is not None:
        frame = ph.insert_chart(kind, data)
        set_rect(frame, r)
    else:
        frame = slide.shapes.add_chart(kind, emu(r.x), emu(r.y), emu(r.w), emu(r.h), data)
    c_nv_pr = frame._element.find(qn("p:nvGraphicFramePr")).find(qn("p:cNvPr"))
    c_nv_pr.set("name", clean(f"Chart: {spec.title}")[:250])
    c_nv_pr.set("descr", clean(item.visual.alt))
    finish_chart(frame.chart, spec, font=spec.font or current_fonts().body, text_pt=TEXT_PT, bins=NATIVE_BINS)
    return frame
