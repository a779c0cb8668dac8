"""Writing the planned boxes into python-pptx shapes.

Every run gets its size, weight, Latin and East Asian font set explicitly, every paragraph
its spacing and bullet, so the deck renders as ``pptx_wrap`` measured it. Text goes into the
layout's placeholders where there is one free (``fill_placeholder``), so the slide stays a
proper PowerPoint slide; a placeholder keeps the insets, wrapping and autofit its template
gives it (the text was measured with them), dossier's own text boxes get the layout's content
insets and no autofit. Colours are the theme's (``pptx_colours``), chosen against what lies
behind each box; tables use the theme's accent colour, so an organisation's template recolours them.
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

from dossier.bidi import keep_order, locale_is_rtl, paragraph_is_rtl
from dossier.language_tags import PLAIN, Lang, document_language, split_by_language
from dossier.writers.pptx.boxes import (
    CELL_X,
    CELL_Y,
    BarBox,
    PictureBox,
    Rect,
    TableBox,
    TextBox,
    current_insets,
)
from dossier.writers.chart_placement import DrawChart, placed_chart
from dossier.writers.complex_script import complex_script_font
from dossier.writers.pptx.colours import Palette
from dossier.writers.pptx.fonts import current_fonts
from dossier.writers.pptx.text import Para, clean

EMU_PER_PT = 12700
ALIGN = {"right": "r", "center": "ctr", "left": "l"}
#: A right-to-left paragraph's alignment: a box's start edge is its right edge (DrawingML's ``algn`` is physical).
MIRRORED = {"l": "r", "r": "l"}
ANCHOR = {"t": MSO_ANCHOR.TOP, "ctr": MSO_ANCHOR.MIDDLE, "b": MSO_ANCHOR.BOTTOM}
BAND_TINT = 0.85  # body rows of a table are banded with the first accent colour lightened this much


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


def _style_run(r_el, size: float, bold: bool, italic: bool, code: bool, color: str | None, font: str,
               lang: Lang = PLAIN) -> None:
    """Set language, size, weight, fonts (Latin, East Asian, complex script) and colour on an a:r or a:br element's rPr.

    ``lang`` names the run's language (``lang``; the document's as ``altLang`` when they differ)
    and, for right-to-left letters, the complex-script face (``a:cs``).
    """
    fonts = current_fonts()
    rPr = r_el.get_or_add_rPr()
    for child in list(rPr):
        rPr.remove(child)
    document = document_language()
    rPr.set("lang", lang.main(document))
    if lang.main(document) != document:
        rPr.set("altLang", document)
    rPr.set("sz", str(round(size * 100)))
    rPr.set("b", "1" if bold else "0")
    rPr.set("i", "1" if italic else "0")
    if color:
        fill = _sub(rPr, "a:solidFill")
        if len(color) == 6 and all(c in "0123456789ABCDEFabcdef" for c in color):
            _sub(fill, "a:srgbClr", val=color.upper())
        else:
            _sub(fill, "a:schemeClr", val=color)
    latin = fonts.mono if code else (font or fonts.body)
    _sub(rPr, "a:latin", typeface=latin)
    _sub(rPr, "a:ea", typeface=fonts.ea)
    _sub(rPr, "a:cs", typeface=complex_script_font(lang.bidi) if lang.bidi else latin)


def _set_para_props(p, para: Para, psize: float, first: bool, rtl: bool = False) -> None:
    pPr = p._p.get_or_add_pPr()
    for child in list(pPr):
        pPr.remove(child)
    pPr.set("algn", MIRRORED.get(para.align, para.align) if rtl else para.align)
    if rtl:
        pPr.set("rtl", "1")
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


def coloured(paras: list[Para], palette: Palette | None, behind: str | None, default: str | None) -> list[Para]:
    """Return the paragraphs with their colour roles ("text", "muted", "mark") as theme colours
    that stand out against ``behind``; paragraphs without a role take ``default`` (None: inherit)."""
    if palette is None:
        return paras
    out = []
    for p in paras:
        role = p.color or default
        out.append(p if role is None else replace(p, color=palette.colour_for(role, behind)))
    return out


def emit_paras(tf, paras: list[Para], size: float, color: str | None = None, frame: bool = True) -> None:
    """Write paragraphs into a text frame at base ``size`` (points), every run styled explicitly.

    ``frame`` also fixes the frame's wrapping, autofit (off) and insets (the current ones): for
    dossier's own text boxes; placeholders and table cells keep theirs.
    """
    if frame:
        tf.word_wrap = True
        tf.auto_size = MSO_AUTO_SIZE.NONE
        body_pr = tf._txBody.bodyPr
        i = current_insets()
        for attr, value in (("lIns", i.left), ("rIns", i.right), ("tIns", i.top), ("bIns", i.bottom)):
            body_pr.set(attr, str(round(value * EMU_PER_PT)))  # explicit, even when equal to the default
    for extra in tf.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    for i, para in enumerate(paras or [Para(spans=())]):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        for child in list(p._p):
            if child.tag != qn("a:pPr"):
                p._p.remove(child)
        psize = size * para.scale
        rtl = para.rtl if para.rtl is not None else paragraph_is_rtl(para.text)
        _set_para_props(p, para, psize, first=(i == 0), rtl=rtl)
        if para.hang:
            p.level = min(8, max(0, round((para.margin - para.hang) / 1.2)))
        c = para.color or color
        for span in para.spans:
            bold, italic = para.bold or span.bold, para.italic or span.italic
            for k, line in enumerate(span.text.split("\n")):
                if k:
                    _style_run(p._p.add_br(), psize, bold, italic, span.code, c, para.font)
                for piece, lang in keep_order(split_by_language(line), rtl):
                    run = p.add_run()
                    run.text = piece
                    _style_run(run._r, psize, bold, italic, span.code, c, para.font, lang)
                    if span.link:
                        run.hyperlink.address = span.link
        end = p._p.get_or_add_endParaRPr()
        end.set("sz", str(round(psize * 100)))


# ------------------------------------------------------------------ shapes


def set_rect(shape, r: Rect) -> None:
    """Give a shape an explicit position and size."""
    shape.left, shape.top, shape.width, shape.height = emu(r.x), emu(r.y), emu(r.w), emu(r.h)


def add_textbox(slide, box: TextBox, palette: Palette | None = None, role: str = "text"):
    """Add a text box holding ``box``'s paragraphs, coloured (``role`` unless a paragraph has its own)
    to stand out against what lies behind it."""
    r = box.rect
    shape = slide.shapes.add_textbox(emu(r.x), emu(r.y), emu(r.w), emu(r.h))
    shape.name = box.name
    shape.text_frame.vertical_anchor = ANCHOR[box.anchor]
    behind = palette.behind(r) if palette is not None else None
    emit_paras(shape.text_frame, coloured(box.paras, palette, behind, role), box.size)
    return shape


def fill_placeholder(ph, box: TextBox, palette: Palette | None = None):
    """Put ``box`` into a layout's text placeholder: its geometry made explicit, its text styled,
    its frame (insets, anchor, autofit) as the template sets it."""
    set_rect(ph, box.rect)
    ph.name = box.name
    behind = palette.behind(box.rect) if palette is not None else None
    emit_paras(ph.text_frame, coloured(box.paras, palette, behind, None), box.size, frame=False)
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


def _cell_colours(palette: Palette | None) -> tuple[str, str, str]:
    """Return the text colours of a table's header, banded and plain rows (theme names)."""
    if palette is None:
        return "bg1", "tx1", "tx1"
    accent = palette.slot("accent1")
    band = palette.lightened("accent1", BAND_TINT)
    head = palette.colour_for("on-accent", accent)
    return head, palette.colour_for("text", band), palette.colour_for("text", palette.slot("bg1"))


def add_table(slide, tb: TableBox, ph=None, palette: Palette | None = None):
    """Add a real table (into a table placeholder when given): explicit column widths and row
    heights, the header row in the theme's first accent colour, body rows banded with a tint of it
    on the theme's background colour, every text colour the theme's that stands out on its cell."""
    head_colour, band_colour, plain_colour = _cell_colours(palette)
    nrows, ncols = len(tb.heights), len(tb.widths)
    r = tb.rect
    if ph is not None:
        frame = ph.insert_table(nrows, ncols)
        set_rect(frame, r)
    else:
        frame = slide.shapes.add_table(nrows, ncols, emu(r.x), emu(r.y), emu(r.w), emu(r.h))
    frame.name = "Table"
    table = frame.table
    if locale_is_rtl():  # a right-to-left deck: the first column on the right
        table._tbl.tblPr.set("rtl", "1")
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
                cell.fill.fore_color.brightness = BAND_TINT
            else:
                cell.fill.fore_color.theme_color = MSO_THEME_COLOR.BACKGROUND_1
            p = row[c] if c < len(row) else Para(spans=())
            align = ALIGN.get((tb.aligns[c] if c < len(tb.aligns) else None) or "left", "l")
            cell_para = replace(p, align=align, bold=p.bold or is_head)
            colour = head_colour if is_head else band_colour if body_k % 2 else plain_colour
            emit_paras(cell.text_frame, [replace(cell_para, color=colour)], tb.size, frame=False)
    return frame
