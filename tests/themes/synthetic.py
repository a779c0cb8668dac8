"""Synthetic PowerPoint templates, each reproducing a trait of a real organisation's template.

The real files tried are listed in tests/themes/README.md; most may not be committed (no
licence, or logos that belong to their institution), so each trait they showed is rebuilt
here by code from python-pptx's default deck (Office's eleven layouts, 4:3):

- ``japanese``: Office's layouts with the names a Japanese Office gives them (types kept);
- ``google_slides``: 16:9 at 10 × 5.625 in, Google Slides' layout names and types, Arial,
  title boxes with zero insets and 0.77 cm high;
- ``dark_master``: a near-black master whose colour map swaps text and background, purple accents;
- ``logo_band``: a logo picture on the master at the right edge and a full-bleed title band
  on the layouts, with the title placeholder as wide as the slide;
- ``title_without_placeholder``: a layout of type "title" with no title placeholder, only a
  static "Title goes here", before the real title layout;
- ``potx``: a PowerPoint template package (.potx content type).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Cm, Inches

P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS = {"p": P, "a": A}

JAPANESE = {
    "Title Slide": "タイトル スライド",
    "Title and Content": "タイトルとコンテンツ",
    "Section Header": "セクション見出し",
    "Two Content": "2 つのコンテンツ",
    "Comparison": "比較",
    "Title Only": "タイトルのみ",
    "Blank": "白紙",
    "Content with Caption": "タイトル付きの\nコンテンツ",
    "Picture with Caption": "タイトル付きの図",
    "Title and Vertical Text": "タイトルと\n縦書きテキスト",
    "Vertical Title and Text": "縦書きタイトルと\n縦書きテキスト",
}
GOOGLE = {  # Office layout -> (Google Slides name, type)
    "Title Slide": ("TITLE", "title"),
    "Section Header": ("SECTION_HEADER", "secHead"),
    "Title and Content": ("TITLE_AND_BODY", "tx"),
    "Two Content": ("TITLE_AND_TWO_COLUMNS", "twoColTx"),
    "Title Only": ("TITLE_ONLY", "titleOnly"),
    "Blank": ("BLANK", "blank"),
}


def _rename(layout, name: str) -> None:
    layout._element.cSld.set("name", name)


def _theme(prs):
    return prs.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
    )


def _set_fonts(prs, heading: str, body: str) -> None:
    theme = _theme(prs)
    root = etree.fromstring(theme.blob)
    for which, family in (("a:majorFont", heading), ("a:minorFont", body)):
        root.find(f"a:themeElements/a:fontScheme/{which}/a:latin", NS).set("typeface", family)
    theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _set_colours(prs, colours: dict[str, str]) -> None:
    theme = _theme(prs)
    root = etree.fromstring(theme.blob)
    scheme = root.find("a:themeElements/a:clrScheme", NS)
    for slot, value in colours.items():
        node = scheme.find(f"a:{slot}", NS)
        for child in list(node):
            node.remove(child)
        etree.SubElement(node, f"{{{A}}}srgbClr", val=value)
    theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _zero_insets(shape) -> None:
    body = shape._element.find("p:txBody/a:bodyPr", NS)
    for attr in ("lIns", "tIns", "rIns", "bIns"):
        body.set(attr, "0")


def japanese(path: Path) -> Path:
    """Office's layouts under the names a Japanese Office gives them; the types stay."""
    prs = Presentation()
    for layout in prs.slide_layouts:
        _rename(layout, JAPANESE[layout.name])
    prs.save(str(path))
    return path


def google_slides(path: Path) -> Path:
    """A Google Slides export: 10 × 5.625 in, its layout names and types, Arial, zero-inset titles 0.77 cm high."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(10), Inches(5.625)
    for layout in list(prs.slide_layouts):
        if layout.name not in GOOGLE:
            prs.slide_layouts.remove(layout)
            continue
        name, kind = GOOGLE[layout.name]
        _rename(layout, name)
        layout._element.set("type", kind)
        for ph in layout.placeholders:
            kind_ph = ph.placeholder_format.type
            left, width = Inches(0.31), Inches(9.38)
            if kind_ph in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE):
                top = Inches(0.5) if name != "TITLE" else Inches(1.6)
                ph.left, ph.top, ph.width, ph.height = left, top, width, Cm(0.77)
                _zero_insets(ph)
            elif kind_ph in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE):
                if name == "TITLE_AND_TWO_COLUMNS":
                    half = Inches(4.54)
                    ph.left = left if ph.placeholder_format.idx == 1 else left + half + Inches(0.3)
                    ph.top, ph.width, ph.height = Inches(1.2), half, Inches(3.74)
                elif name == "TITLE":
                    ph.left, ph.top, ph.width, ph.height = left, Inches(2.6), width, Inches(0.9)
                else:
                    ph.left, ph.top, ph.width, ph.height = left, Inches(1.2), width, Inches(3.74)
            elif kind_ph == PP_PLACEHOLDER.SLIDE_NUMBER:
                ph.left, ph.top, ph.width, ph.height = Inches(9.27), Inches(5.1), Inches(0.6), Inches(0.43)
    for ph in prs.slide_master.placeholders:
        kind = ph.placeholder_format.type
        if kind == PP_PLACEHOLDER.TITLE:
            ph.left, ph.top, ph.width, ph.height = Inches(0.31), Inches(0.5), Inches(9.38), Cm(0.77)
            _zero_insets(ph)
        elif kind == PP_PLACEHOLDER.BODY:
            ph.left, ph.top, ph.width, ph.height = Inches(0.31), Inches(1.2), Inches(9.38), Inches(3.74)
        elif kind in (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
            ph.top = Inches(5.1)
    _set_fonts(prs, "Arial", "Arial")
    prs.save(str(path))
    return path


def dark_master(path: Path) -> Path:
    """A near-black master: the colour map makes the light colour the text, accents purple and dark red."""
    prs = Presentation()
    _set_colours(
        prs,
        {"dk1": "000000", "lt1": "FFFFFF", "dk2": "1B1030", "lt2": "EDE7F6", "accent1": "4A148C",
         "accent2": "9C0006", "accent3": "6A1B9A", "accent4": "311B92", "accent5": "880E4F", "accent6": "1A237E"},
    )
    master = prs.slide_master._element
    master.find("p:clrMap", NS).attrib.update({"bg1": "dk1", "tx1": "lt1", "bg2": "dk2", "tx2": "lt2"})
    bg = master.find("p:cSld/p:bg", NS)
    for child in list(bg):
        bg.remove(child)
    pr = etree.SubElement(bg, f"{{{P}}}bgPr")
    fill = etree.SubElement(pr, f"{{{A}}}solidFill")
    etree.SubElement(fill, f"{{{A}}}srgbClr", val="121212")
    etree.SubElement(pr, f"{{{A}}}effectLst")
    prs.save(str(path))
    return path


def _logo(path: Path) -> Path:
    Image.new("RGB", (200, 200), (200, 30, 30)).save(path)
    return path


def logo_band(path: Path) -> Path:
    """A logo on the master at the right edge, a full-bleed title band, titles as wide as the slide."""
    prs = Presentation()
    W, H = prs.slide_width, prs.slide_height
    logo = _logo(path.with_suffix(".logo.png"))
    master = prs.slide_master
    carrier = prs.slides.add_slide(prs.slide_layouts[6])  # python-pptx draws on slides only: draw, then move
    pic = carrier.shapes.add_picture(str(logo), W - Inches(1.3), Inches(3.0), Inches(1.0), Inches(1.0))
    pic.name = "Logo"
    blip = pic._element.blipFill.blip
    blip.rEmbed = master.part.relate_to(carrier.part.related_part(blip.rEmbed), RT.IMAGE)
    master.shapes._spTree.append(pic._element)
    logo.unlink()
    for layout in prs.slide_layouts:
        title = next((p for p in layout.placeholders if p.placeholder_format.type == PP_PLACEHOLDER.TITLE), None)
        if title is None:
            continue
        band = carrier.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, W, Inches(1.4))
        band.name = "Title band"
        band.fill.solid()
        band.fill.fore_color.rgb = RGBColor(0x0B, 0x3D, 0x91)
        band.line.fill.background()
        layout.shapes._spTree.insert(2, band._element)  # behind the placeholders
        title.left, title.top, title.width, title.height = 0, Inches(0.2), W, Inches(1.0)
        for rpr in title._element.xpath(".//a:lstStyle"):
            rpr.getparent().remove(rpr)
        lst = etree.SubElement(title._element.find("p:txBody", NS), f"{{{A}}}lstStyle")
        title._element.find("p:txBody", NS).insert(1, lst)
        lvl = etree.SubElement(lst, f"{{{A}}}lvl1pPr")
        fill = etree.SubElement(etree.SubElement(lvl, f"{{{A}}}defRPr"), f"{{{A}}}solidFill")
        etree.SubElement(fill, f"{{{A}}}schemeClr", val="bg1")
    sld_ids = prs.slides._sldIdLst
    prs.part.drop_rel(sld_ids[0].rId)
    sld_ids.remove(sld_ids[0])
    prs.save(str(path))
    return path


def title_without_placeholder(path: Path) -> Path:
    """A first layout of type "title" with no title placeholder, only static text "Title goes here"."""
    prs = Presentation()
    first = prs.slide_layouts[0]
    for ph in list(first.placeholders):
        if ph.placeholder_format.type in (PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.SUBTITLE):
            ph._element.getparent().remove(ph._element)
    carrier = prs.slides.add_slide(prs.slide_layouts[6])  # python-pptx draws on slides only: draw, then move
    box = carrier.shapes.add_textbox(Inches(1), Inches(2), Inches(8), Inches(1.5))
    box.text_frame.text = "Title goes here"
    first.shapes._spTree.append(box._element)
    sld_ids = prs.slides._sldIdLst
    prs.part.drop_rel(sld_ids[0].rId)
    sld_ids.remove(sld_ids[0])
    _rename(first, "Title")
    _rename(prs.slide_layouts[1], "Title and Content")
    real = prs.slide_layouts[5]  # "Title Only" keeps a title placeholder
    _rename(real, "Cover")
    prs.save(str(path))
    return path


def potx(path: Path) -> Path:
    """python-pptx's default deck packaged as a PowerPoint template (.potx)."""
    raw = io.BytesIO()
    Presentation().save(raw)
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as zin, zipfile.ZipFile(path, "w") as zout:
        for item in zin.infolist():
            body = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                body = body.replace(b"presentationml.presentation.main+xml", b"presentationml.template.main+xml")
            zout.writestr(item, body)
    return path


SYNTHETIC: dict[str, tuple[str, Callable[[Path], Path]]] = {
    "japanese": (".pptx", japanese),
    "google-slides": (".pptx", google_slides),
    "dark-master": (".pptx", dark_master),
    "logo-band": (".pptx", logo_band),
    "title-without-placeholder": (".pptx", title_without_placeholder),
    "potx": (".potx", potx),
}


def make(name: str, folder: Path) -> Path:
    """Write the synthetic template ``name`` into ``folder``; return its path."""
    suffix, builder = SYNTHETIC[name]
    folder.mkdir(parents=True, exist_ok=True)
    return builder(folder / f"{name}{suffix}")

