"""The reference deck's look as data: colours, fonts, and the nine named layouts with their placeholders.

Positions are in points on a 960 × 540 pt (13.333 × 7.5 in) slide. Every layout has real
date, footer (the classification marking) and slide-number placeholders (no number on the
title and closing slides). ``pptx_reference`` packs this into ``reference.pptx``.
"""

from __future__ import annotations

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
XMLNS = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())
W_PT, H_PT = 960, 540  # 13.333 in × 7.5 in
FONT = "Calibri"
EA_FONT = "Noto Sans CJK SC"
NAVY, ORANGE, TEXT, GREY, LIGHT, RULE, MARK = (
    "1F4E79",
    "E07B24",
    "222222",
    "595959",
    "D6E0EC",
    "D9D9D9",
    "9C0006",
)
# Series colours of the charts (dossier/charts/theme.py PALETTE), as the theme's accents.
ACCENTS = ("1F4E79", "E07B24", "2A9D8F", "8E5EA2", "B8A31F", "C0392B")
FOOT_Y, FOOT_H = 500, 24


def emu(v: float) -> int:
    """Return points as EMU."""
    return round(v * 12700)


def xfrm(x: float, y: float, w: float, h: float) -> str:
    """Return an ``a:xfrm`` placing a shape at (x, y) with size (w, h), in points."""
    return f'<a:xfrm><a:off x="{emu(x)}" y="{emu(y)}"/><a:ext cx="{emu(w)}" cy="{emu(h)}"/></a:xfrm>'


def run_style(size: float, color: str, bold: bool = False, italic: bool = False) -> str:
    """Return an ``a:defRPr``: size in points, colour, weight, slant."""
    attrs = f' sz="{round(size * 100)}"' + (' b="1"' if bold else ' b="0"') + (' i="1"' if italic else "")
    return f'<a:defRPr{attrs}><a:solidFill><a:srgbClr val="{color}"/></a:solidFill></a:defRPr>'


def placeholder(
    sid: int,
    name: str,
    ph: str,
    rect: tuple,
    *,
    size: float,
    color: str,
    align: str = "l",
    anchor: str = "t",
    bold: bool = False,
    italic: bool = False,
    bullets: bool = False,
    text: str = "",
) -> str:
    """Return a placeholder ``p:sp``: its type/idx, position, and first-level text style."""
    bu = "" if bullets else "<a:buNone/>"
    indent = ' marL="0" indent="0"' if not bullets else ""
    body = text or '<a:p><a:endParaRPr lang="en-GB"/></a:p>'
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{sid}" name="{name}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        f"<p:nvPr>{ph}</p:nvPr></p:nvSpPr><p:spPr>{xfrm(*rect)}</p:spPr>"
        f'<p:txBody><a:bodyPr lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="{anchor}">'
        f'<a:noAutofit/></a:bodyPr><a:lstStyle><a:lvl1pPr algn="{align}"{indent}>{bu}'
        f"{run_style(size, color, bold, italic)}</a:lvl1pPr></a:lstStyle>{body}</p:txBody></p:sp>"
    )


def rectangle(sid: int, name: str, x: float, y: float, w: float, h: float, color: str) -> str:
    """Return a filled rectangle without outline (decoration drawn by the layout)."""
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{sid}" name="{name}"/><p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>'
        f'<p:spPr>{xfrm(x, y, w, h)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f'<a:solidFill><a:srgbClr val="{color}"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr></p:sp>'
    )


def footers(start: int, number: bool = True, dark: bool = False) -> str:
    """Return the date, footer (classification) and slide-number placeholders of a layout."""
    grey, mark = (LIGHT, "FFFFFF") if dark else (GREY, MARK)
    out = placeholder(
        start,
        "Date",
        '<p:ph type="dt" sz="half" idx="10"/>',
        (40, FOOT_Y, 240, FOOT_H),
        size=11,
        color=grey,
        anchor="ctr",
    )
    out += placeholder(
        start + 1,
        "Footer",
        '<p:ph type="ftr" sz="quarter" idx="11"/>',
        (300, FOOT_Y, 360, FOOT_H),
        size=11,
        color=mark,
        align="ctr",
        anchor="ctr",
        bold=True,
    )
    if number:
        num = (
            '<a:p><a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" type="slidenum">'
            '<a:rPr lang="en-GB"/><a:t>‹#›</a:t></a:fld><a:endParaRPr lang="en-GB"/></a:p>'
        )
        out += placeholder(
            start + 2,
            "Slide Number",
            '<p:ph type="sldNum" sz="quarter" idx="12"/>',
            (680, FOOT_Y, 240, FOOT_H),
            size=11,
            color=grey,
            align="r",
            anchor="ctr",
            text=num,
        )
    return out


def title_placeholder(sid: int = 2, rect=(40, 14, 880, 74), **kw) -> str:
    """Return the title placeholder of the content layouts (32 pt bold navy, bottom-anchored)."""
    style = {"size": 32, "color": NAVY, "bold": True, "anchor": "b"} | kw
    return placeholder(sid, "Title", '<p:ph type="title"/>', rect, **style)


def content_placeholder(sid: int, name: str, ph: str, rect=(40, 104, 880, 380), **kw) -> str:
    """Return a content placeholder (24 pt, bulleted unless told otherwise)."""
    style = {"size": 24, "color": TEXT, "bullets": True} | kw
    return placeholder(sid, name, ph, rect, **style)


def accent(sid: int, y: float) -> str:
    """Return the short orange accent bar under a big title."""
    return rectangle(sid, "Accent", 64, y, 96, 4, ORANGE)


# name, sldLayout type, dark background, shapes
LAYOUTS: tuple[tuple[str, str, bool, str], ...] = (
    (
        "Title Slide",
        "title",
        False,
        rectangle(20, "Band", 0, 0, 24, H_PT, NAVY)
        + accent(21, 300)
        + placeholder(
            2,
            "Title",
            '<p:ph type="ctrTitle"/>',
            (64, 112, 832, 176),
            size=40,
            color=NAVY,
            bold=True,
            anchor="b",
        )
        + placeholder(3, "Subtitle", '<p:ph type="subTitle" idx="1"/>', (64, 316, 832, 150), size=22, color=GREY)
        + footers(4, number=False),
    ),
    (
        "Section Header",
        "secHead",
        True,
        accent(21, 312)
        + title_placeholder(rect=(64, 150, 832, 150), size=40, color="FFFFFF")
        + placeholder(3, "Text", '<p:ph type="body" idx="1"/>', (64, 328, 832, 110), size=20, color=LIGHT)
        + footers(4, dark=True),
    ),
    ("Title and Content", "obj", False, title_placeholder() + content_placeholder(3, "Content", '<p:ph idx="1"/>') + footers(4)),
    (
        "Two Content",
        "twoObj",
        False,
        title_placeholder()
        + content_placeholder(3, "Left Content", '<p:ph sz="half" idx="1"/>', (40, 104, 430, 380))
        + content_placeholder(4, "Right Content", '<p:ph sz="half" idx="2"/>', (490, 104, 430, 380))
        + footers(5),
    ),
    ("Chart", "chart", False, title_placeholder() + content_placeholder(3, "Chart", '<p:ph type="chart" idx="1"/>') + footers(4)),
    ("Table", "tbl", False, title_placeholder() + content_placeholder(3, "Table", '<p:ph type="tbl" idx="1"/>') + footers(4)),
    (
        "Quote",
        "cust",
        False,
        title_placeholder()
        + content_placeholder(
            3,
            "Quote",
            '<p:ph type="body" idx="1"/>',
            (64, 112, 832, 364),
            size=28,
            italic=True,
            bullets=False,
        )
        + footers(4),
    ),
    (
        "Sources",
        "tx",
        False,
        title_placeholder() + content_placeholder(3, "Sources", '<p:ph type="body" idx="1"/>', size=16) + footers(4),
    ),
    (
        "Closing",
        "cust",
        True,
        placeholder(
            2,
            "Title",
            '<p:ph type="title"/>',
            (64, 150, 832, 150),
            size=40,
            color="FFFFFF",
            bold=True,
            align="ctr",
            anchor="b",
        )
        + rectangle(21, "Accent", 432, 312, 96, 4, ORANGE)
        + placeholder(
            3, "Text", '<p:ph type="body" idx="1"/>', (64, 328, 832, 110), size=20, color=LIGHT, align="ctr"
        )
        + footers(4, number=False, dark=True),
    ),
)
