"""Writing the planned boxes into python-pptx shapes, and reading placeholders.

Every run gets its size, weight, Latin and East Asian font set explicitly, every
paragraph its spacing and bullet, every text frame its insets and "no autofit",
so the deck renders as ``pptx_fit`` measured it.
"""

from __future__ import annotations

from dataclasses import replace

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.oxml.ns import qn
from pptx.util import Emu

from dossier.writers.pptx_fit import EA, MONO, SANS, Para, clean
from dossier.writers.pptx_layout import (
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

EMU_PER_PT = 12700
HEADER_FILL = "1F3864"
BAND_FILL = "E9EEF5"
ACCENT = "8EA9DB"
ALIGN = {"right": "r", "center": "ctr", "left": "l"}
ANCHOR = {"t": MSO_ANCHOR.TOP, "ctr": MSO_ANCHOR.MIDDLE, "b": MSO_ANCHOR.BOTTOM}


def emu(pt: float) -> Emu:
    return Emu(round(pt * EMU_PER_PT))


def pt(value: int) -> float:
    return value / EMU_PER_PT


def rgb(hex_: str) -> RGBColor:
    return RGBColor.from_string(hex_)


def _sub(parent, tag: str, **attrs) -> etree._Element:
    el = etree.SubElement(parent, qn(tag))
    for k, v in attrs.items():
        el.set(k, str(v))
    return el


def _style_run(r_el, size: float, bold: bool, italic: bool, code: bool, color: str | None) -> None:
    """Set size, weight, fonts (Latin + East Asian) and colour on an a:r or a:br element's rPr."""
    rPr = r_el.get_or_add_rPr()
    for child in list(rPr):
        rPr.remove(child)
    rPr.set("lang", "en-US")
    rPr.set("sz", str(round(size * 100)))
    rPr.set("b", "1" if bold else "0")
    rPr.set("i", "1" if italic else "0")
    if color:
        fill = _sub(rPr, "a:solidFill")
        _sub(fill, "a:srgbClr", val=color)
    _sub(rPr, "a:latin", typeface=MONO if code else SANS)
    _sub(rPr, "a:ea", typeface=EA)
    _sub(rPr, "a:cs", typeface=SANS)


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
    if para.marker == "#":
        _sub(pPr, "a:buFont", typeface=SANS)
        _sub(pPr, "a:buAutoNum", type="arabicPeriod", startAt=para.number or 1)
    elif para.marker:
        _sub(pPr, "a:buFont", typeface=SANS)
        _sub(pPr, "a:buChar", char=para.marker)
    else:
        _sub(pPr, "a:buNone")


def emit_paras(tf, paras: list[Para], size: float, color: str | None = None, frame: bool = True) -> None:
    """Write paragraphs into a text frame at base ``size`` (points), every run styled explicitly.

    ``frame`` also fixes the frame's wrapping, autofit (off) and insets; table cells keep theirs.
    """
    if frame:
        tf.word_wrap = True
        tf.auto_size = MSO_AUTO_SIZE.NONE
        body_pr = tf._txBody.bodyPr
        for attr, value in (("lIns", INSET_X), ("rIns", INSET_X), ("tIns", INSET_Y), ("bIns", INSET_Y)):
            body_pr.set(attr, str(round(value * EMU_PER_PT)))  # explicit, even when equal to the default
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
            for k, piece in enumerate(span.text.split("\n")):
                if k:
                    _style_run(
                        p._p.add_br(), psize, para.bold or span.bold, para.italic or span.italic, span.code, c
                    )
                if not piece:
                    continue
                run = p.add_run()
                run.text = piece
                _style_run(run._r, psize, para.bold or span.bold, para.italic or span.italic, span.code, c)
                if span.link:
                    run.hyperlink.address = span.link
        end = p._p.get_or_add_endParaRPr()
        end.set("sz", str(round(psize * 100)))


# ------------------------------------------------------------------ shapes


def add_textbox(slide, box: TextBox, color: str | None = None):
    r = box.rect
    shape = slide.shapes.add_textbox(emu(r.x), emu(r.y), emu(r.w), emu(r.h))
    shape.name = box.name
    tf = shape.text_frame
    tf.vertical_anchor = ANCHOR[box.anchor]
    emit_paras(tf, box.paras, box.size, color=color)
    return shape


def add_picture(slide, item: PictureBox):
    r, v = item.rect, item.visual
    pic = slide.shapes.add_picture(str(v.path), emu(r.x), emu(r.y), emu(r.w), emu(r.h))
    c_nv_pr = pic._element.nvPicPr.cNvPr
    c_nv_pr.set("descr", clean(v.alt))
    c_nv_pr.set("name", clean(f"Chart: {v.title}" if v.title else f"Picture: {v.path.name}")[:250])
    return pic


def add_bar(slide, item: BarBox):
    r = item.rect
    bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, emu(r.x), emu(r.y), emu(r.w), emu(r.h))
    bar.fill.solid()
    bar.fill.fore_color.rgb = rgb(ACCENT)
    bar.line.fill.background()
    bar.name = "Quote Bar"
    return bar


def add_table(slide, tb: TableBox):
    """A real table: explicit column widths and row heights, header row filled dark, rows banded."""
    nrows, ncols = len(tb.heights), len(tb.widths)
    r = tb.rect
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
            cell.fill.fore_color.rgb = rgb(
                HEADER_FILL if is_head else ("FFFFFF" if body_k % 2 == 0 else BAND_FILL)
            )
            p = row[c] if c < len(row) else Para(spans=())
            align = ALIGN.get((tb.aligns[c] if c < len(tb.aligns) else None) or "left", "l")
            cell_para = replace(p, align=align, bold=p.bold or is_head)
            emit_paras(
                cell.text_frame, [cell_para], tb.size, color="FFFFFF" if is_head else "1A1A1A", frame=False
            )
    return frame


# ------------------------------------------------------------------ placeholders


def overlap(a: Rect, b: Rect) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def placeholder(slide, *types):
    for t in types:
        for ph in slide.placeholders:
            if ph.placeholder_format.type == t:
                return ph
    return None


def shape_rect(shape) -> Rect:
    return Rect(pt(shape.left or 0), pt(shape.top or 0), pt(shape.width or 0), pt(shape.height or 0))


def fix_geometry(ph) -> None:
    """Write the inherited position onto the slide placeholder so it no longer depends on the layout."""
    left, top, width, height = ph.left, ph.top, ph.width, ph.height
    if None not in (left, top, width, height):
        ph.left, ph.top, ph.width, ph.height = left, top, width, height


def drop_empty_placeholders(slide) -> None:
    for ph in list(slide.placeholders):
        if not (ph.has_text_frame and ph.text_frame.text.strip()):
            ph._element.getparent().remove(ph._element)


def _chain(ph):
    """The placeholder, the layout placeholder it inherits from, and the master's."""
    out = [ph._element]
    try:
        base = ph._base_placeholder
        if base is not None:
            out.append(base._element)
            master = base._base_placeholder
            if master is not None:
                out.append(master._element)
    except (AttributeError, KeyError, ValueError):
        pass
    return out


def _lvl1_attr(ph, tag: str, attr: str) -> str | None:
    for el in _chain(ph):
        found = el.xpath(f"./p:txBody/a:lstStyle/a:lvl1pPr{tag}/@{attr}")
        if found:
            return found[0]
    try:
        master = ph.part.slide_layout.slide_master._element
    except AttributeError:
        return None
    style = (
        "p:titleStyle"
        if ph.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
        else "p:bodyStyle"
    )
    found = master.xpath(f"./p:txStyles/{style}/a:lvl1pPr{tag}/@{attr}")
    return found[0] if found else None


def inherits_caps(ph) -> bool:
    return _lvl1_attr(ph, "/a:defRPr", "cap") == "all"


def inherited_align(ph) -> str:
    value = _lvl1_attr(ph, "", "algn")
    return value if value in ("l", "ctr", "r") else "l"
