"""Writing the planned boxes into python-pptx shapes.

Every run gets its size, weight, Latin and East Asian font set explicitly, every paragraph
its spacing and bullet, every text frame its insets and "no autofit", so the deck renders
as ``pptx_wrap`` measured it. Text goes into the layout's placeholders where there is one
free (``fill_placeholder``), so the slide stays a proper PowerPoint slide; tables use the
theme's accent colour, so an organisation's template recolours them.
"""

from __future__ import annotations

from dataclasses import replace

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.oxml.ns import qn
from pptx.util import Emu

from dossier.writers.pptx_boxes import (
    CELL_X,
    CELL_Y,
    INSET_X,
    INSET_Y,
    BarBox,
    PictureBox,
    Rect,
    TableBox,
    TextBox,
)
from dossier.writers.chart_placement import DrawChart, placed_chart
from dossier.writers.pptx_fonts import current_fonts
from dossier.writers.pptx_text import Para, clean

EMU_PER_PT = 12700
ALIGN = {"right": "r", "center": "ctr", "left": "l"}
ANCHOR = {"t": MSO_ANCHOR.TOP, "ctr": MSO_ANCHOR.MIDDLE, "b": MSO_ANCHOR.BOTTOM}
CELL_TEXT = "1A1A1A"


def emu(pt: float) -> Emu:
    """Return points as EMU."""
    return Emu(round(pt * EMU_PER_PT))


def rgb(hex_: str) -> RGBColor:
    """Return an "RRGGBB" string as a colour."""
    return RGBColor.from_string(hex_)


def _sub(parent, tag: str, **attrs) -> etree._Element:
    el = etree.SubElement(parent, qn(tag))
    for k, v in attrs.items():
        el.set(k, str(v))
    return el


def _style_run(r_el, size: float, bold: bool, italic: bool, code: bool, color: str | None, font: str) -> None:
    """Set size, weight, fonts (Latin + East Asian) and colour on an a:r or a:br element's rPr."""
    fonts = current_fonts()
    rPr = r_el.get_or_add_rPr()
    for child in list(rPr):
        rPr.remove(child)
    rPr.set("lang", "en-GB")
    rPr.set("sz", str(round(size * 100)))
    rPr.set("b", "1" if bold else "0")
    rPr.set("i", "1" if italic else "0")
    if color:
        _sub(_sub(rPr, "a:solidFill"), "a:srgbClr", val=color)
    latin = fonts.mono if code else (font or fonts.body)
    _sub(rPr, "a:latin", typeface=latin)
    _sub(rPr, "a:ea", typeface=fonts.ea)
    _sub(rPr, "a:cs", typeface=latin)


def _set_para_props(p, para: Para, psize: float, first: bool) -> None:
    pPr = p._p.get_or_add_pPr()
    for child in list(pPr):
        pPr.remove(child)
    pPr.set("algn", para.align)
    pPr.set("marL", str(round(para.margin * psize * EMU_PER_PT)))
    pPr.set("indent", str(-round(para.hang * psize * EMU_PER_PT) if para.marker else 0))
    _sub(_sub(pPr, "a:lnSpc"), "a:spcPct", val=100000)
    before = 0 if first else para.space_before * psize
    _sub(_sub(pPr, "a:spcBef"), "a:spcPts", val=round(before * 100))
    _sub(_sub(pPr, "a:spcAft"), "a:spcPts", val=0)
    bullet_font = para.font or current_fonts().body
    if para.marker == "#":
        _sub(pPr, "a:buFont", typeface=bullet_font)
        _sub(pPr, "a:buAutoNum", type="arabicPeriod", startAt=para.number or 1)
    elif para.marker:
        _sub(pPr, "a:buFont", typeface=bullet_font)
        _sub(pPr, "a:buChar", char=para.marker)
    else:
        _sub(pPr, "a:buNone")


def emit_paras(
    tf, paras: list[Para], size: float, color: str | None = None, frame: bool = True, bottom: float = INSET_Y
) -> None:
    """Write paragraphs into a text frame at base ``size`` (points), every run styled explicitly.

    ``frame`` also fixes the frame's wrapping, autofit (off) and insets (``bottom``: the bottom
    inset); table cells keep theirs.
    """
    if frame:
        tf.word_wrap = True
        tf.auto_size = MSO_AUTO_SIZE.NONE
        body_pr = tf._txBody.bodyPr
        for attr, value in (("lIns", INSET_X), ("rIns", INSET_X), ("tIns", INSET_Y), ("bIns", bottom)):
            body_pr.set(attr, str(round(value * EMU_PER_PT)))  # explicit, even when equal to the default
    for extra in tf.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    for i, para in enumerate(paras or [Para(spans=())]):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        for child in list(p._p):
            if child.tag != qn("a:pPr"):
                p._p.remove(child)
        psize = size * para.scale
        _set_para_props(p, para, psize, first=(i == 0))
        if para.hang:
            p.level = min(8, max(0, round((para.margin - para.hang) / 1.2)))
        c = para.color or color
        for span in para.spans:
            bold, italic = para.bold or span.bold, para.italic or span.italic
            for k, piece in enumerate(span.text.split("\n")):
                if k:
                    _style_run(p._p.add_br(), psize, bold, italic, span.code, c, para.font)
                if not piece:
                    continue
                run = p.add_run()
                run.text = piece
                _style_run(run._r, psize, bold, italic, span.code, c, para.font)
                if span.link:
                    run.hyperlink.address = span.link
        end = p._p.get_or_add_endParaRPr()
        end.set("sz", str(round(psize * 100)))


# ------------------------------------------------------------------ shapes


def set_rect(shape, r: Rect) -> None:
    """Give a shape an explicit position and size."""
    shape.left, shape.top, shape.width, shape.height = emu(r.x), emu(r.y), emu(r.w), emu(r.h)


def add_textbox(slide, box: TextBox, color: str | None = None):
    """Add a text box holding ``box``'s paragraphs."""
    r = box.rect
    shape = slide.shapes.add_textbox(emu(r.x), emu(r.y), emu(r.w), emu(r.h))
    shape.name = box.name
    shape.text_frame.vertical_anchor = ANCHOR[box.anchor]
    emit_paras(shape.text_frame, box.paras, box.size, color=color)
    return shape


def fill_placeholder(ph, box: TextBox, color: str | None = None):
    """Put ``box`` into a layout's text placeholder: its geometry made explicit, its text styled."""
    set_rect(ph, box.rect)
    ph.name = box.name
    ph.text_frame.vertical_anchor = ANCHOR[box.anchor]
    emit_paras(ph.text_frame, box.paras, box.size, color=color)
    return ph


def add_picture(slide, item: PictureBox, draw: DrawChart | None = None):
    """Add a picture with its alternative text; a chart is drawn for its box (``draw``) in the theme's body font."""
    r, v = item.rect, item.visual
    path = v.path
    if path is None and v.drawing is not None:
        path = placed_chart(draw, v.drawing, "slide", r.w, r.h, body_font=current_fonts().body)
    pic = slide.shapes.add_picture(str(path), emu(r.x), emu(r.y), emu(r.w), emu(r.h))
    c_nv_pr = pic._element.nvPicPr.cNvPr
    c_nv_pr.set("descr", clean(v.alt))
    c_nv_pr.set("name", clean(f"Chart: {v.title}" if v.title else f"Picture: {path.name}")[:250])
    return pic


def add_bar(slide, item: BarBox):
    """Add the accent bar beside a quote (the theme's second accent colour)."""
    r = item.rect
    bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, emu(r.x), emu(r.y), emu(r.w), emu(r.h))
    bar.fill.solid()
    bar.fill.fore_color.theme_color = MSO_THEME_COLOR.ACCENT_2
    bar.line.fill.background()
    bar.shadow.inherit = False
    bar.name = "Quote Bar"
    return bar


def add_table(slide, tb: TableBox, ph=None):
    """Add a real table (into a table placeholder when given): explicit column widths and row
    heights, the header row in the theme's first accent colour, body rows banded with a tint of it."""
    nrows, ncols = len(tb.heights), len(tb.widths)
    r = tb.rect
    if ph is not None:
        frame = ph.insert_table(nrows, ncols)
        set_rect(frame, r)
    else:
        frame = slide.shapes.add_table(nrows, ncols, emu(r.x), emu(r.y), emu(r.w), emu(r.h))
    frame.name = "Table"
    table = frame.table
    table.first_row = bool(tb.header)
    table.horz_banding = False
    for c, w in enumerate(tb.widths):
        table.columns[c].width = emu(w)
    for k, h in enumerate(tb.heights):
        table.rows[k].height = emu(h)
    frame.width = emu(sum(tb.widths))
    frame.height = emu(sum(tb.heights))
    grid = ([tb.header] if tb.header else []) + tb.rows
    for k, row in enumerate(grid):
        is_head = bool(tb.header) and k == 0
        body_k = k - (1 if tb.header else 0)
        for c in range(ncols):
            cell = table.cell(k, c)
            cell.margin_left = cell.margin_right = emu(CELL_X)
            cell.margin_top = cell.margin_bottom = emu(CELL_Y)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            cell.fill.solid()
            if is_head:
                cell.fill.fore_color.theme_color = MSO_THEME_COLOR.ACCENT_1
            elif body_k % 2:
                cell.fill.fore_color.theme_color = MSO_THEME_COLOR.ACCENT_1
                cell.fill.fore_color.brightness = 0.85
            else:
                cell.fill.fore_color.rgb = rgb("FFFFFF")
            p = row[c] if c < len(row) else Para(spans=())
            align = ALIGN.get((tb.aligns[c] if c < len(tb.aligns) else None) or "left", "l")
            cell_para = replace(p, align=align, bold=p.bold or is_head)
            emit_paras(
                cell.text_frame, [cell_para], tb.size, color="FFFFFF" if is_head else CELL_TEXT, frame=False
            )
    return frame
