"""Styles and fonts for the DOCX writer.

Two modes:

* no reference document: python-docx's default template, restyled into a briefing
  (A4, 2.2 cm margins, Noto Sans 10 pt, CJK fallback, indented quotes, ...);
* a reference document: its styles and page set-up are kept; only what the writer
  cannot work without is added (an East Asian font in the document defaults,
  styles it uses but the reference lacks, which are copied from the default template).
"""

from __future__ import annotations

import functools
from copy import deepcopy

import docx
from lxml import etree
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt
from docx.styles import BabelFish

from dossier.writers.docx_layout import text_width
from dossier.writers.docx_ooxml import sub

#: Body and heading face: Latin, Latin Extended (Azerbaijani ə, ğ, ı, ş), Greek and
#: Cyrillic, installed with LibreOffice here. Word substitutes by the font table entry.
BODY_FONT = "Noto Sans"
#: Face for Chinese/Japanese/Korean characters (``w:eastAsia``); matches Noto Sans in design.
CJK_FONT = "Noto Sans CJK SC"
BODY_SIZE_PT = 10

W = nsdecls("w")

# Styles the writer adds when the template has none of that name: (name, styleId, xml body).
_EXTRA_STYLES: dict[str, tuple[str, str, str]] = {
    "Hyperlink": (
        "character", "Hyperlink",
        '<w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        '<w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr>',
    ),
    "footnote text": (
        "paragraph", "FootnoteText",
        '<w:basedOn w:val="Normal"/><w:link w:val="FootnoteTextChar"/><w:uiPriority w:val="99"/>'
        '<w:unhideWhenUsed/><w:pPr><w:spacing w:before="0" w:after="40" w:line="240" w:lineRule="auto"/>'
        '<w:ind w:left="170" w:hanging="170"/></w:pPr><w:rPr><w:sz w:val="17"/><w:szCs w:val="17"/></w:rPr>',
    ),
    "footnote reference": (
        "character", "FootnoteReference",
        '<w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>',
    ),
    "Source Note": (
        "paragraph", "SourceNote",
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="36"/><w:qFormat/>'
        '<w:pPr><w:spacing w:before="0" w:after="240" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr>'
        '<w:rPr><w:color w:val="595959"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>',
    ),
    "Document Info": (
        "paragraph", "DocumentInfo",
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="12"/><w:qFormat/>'
        '<w:pPr><w:spacing w:before="0" w:after="360"/></w:pPr>'
        '<w:rPr><w:color w:val="595959"/><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr>',
    ),
    "Attribution": (
        "paragraph", "Attribution",
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="29"/><w:qFormat/>'
        '<w:pPr><w:keepLines/><w:spacing w:before="0" w:after="240"/><w:ind w:left="720" w:right="720"/>'
        '<w:jc w:val="right"/></w:pPr><w:rPr><w:color w:val="404040"/></w:rPr>',
    ),
}


@functools.lru_cache(maxsize=1)
def _default_styles():
    """The ``w:styles`` element of python-docx's default template (never modified)."""
    return docx.Document().styles.element


def find_style(styles_el, name: str):
    """Return the ``w:style`` called ``name`` (UI or internal name, or style id), or None."""
    found = styles_el.get_by_name(BabelFish.ui2internal(name))
    if found is None:
        found = styles_el.get_by_name(name)
    if found is None:
        found = styles_el.get_by_id(name.replace(" ", ""))
    return found


def ensure_style(document, name: str) -> str:
    """Make sure style ``name`` exists (copy from the default template or add ours); return its UI name."""
    styles_el = document.styles.element
    style = find_style(styles_el, name)
    if style is None:
        if name in _EXTRA_STYLES:
            kind, style_id, body = _EXTRA_STYLES[name]
            style = parse_xml(
                f'<w:style {W} w:type="{kind}" w:customStyle="1" w:styleId="{style_id}">'
                f'<w:name w:val="{name}"/>{body}</w:style>'
            )
            if kind != "paragraph" or name == "footnote text":
                style.attrib.pop(qn("w:customStyle"))  # built-in Word styles
            if name == "footnote text":  # no linked char style in our set
                style.remove(style.find(qn("w:link")))
        else:
            template = find_style(_default_styles(), name)
            if template is None:
                raise KeyError(name)
            style = deepcopy(template)
            for tag in ("w:link", "w:rsid"):
                for child in style.findall(qn(tag)):
                    style.remove(child)
            ppr = style.find(qn("w:pPr"))
            if ppr is not None and ppr.find(qn("w:numPr")) is not None:
                ppr.remove(ppr.find(qn("w:numPr")))  # numIds belong to the default template
        styles_el.append(style)
        based_on = style.find(qn("w:basedOn"))
        if based_on is not None and styles_el.get_by_id(based_on.get(qn("w:val"))) is None:
            base = _default_styles().get_by_id(based_on.get(qn("w:val")))
            if base is not None:
                ensure_style(document, base.name_val)
    return BabelFish.internal2ui(style.name_val)


def _set_rfonts(rfonts, ascii_font: str, east_asia: str) -> None:
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rfonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "cs"):
        rfonts.set(qn(f"w:{attr}"), ascii_font)
    rfonts.set(qn("w:eastAsia"), east_asia)


def _doc_defaults_rpr(styles_el):
    defaults = styles_el.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = parse_xml(f"<w:docDefaults {W}/>")
        styles_el.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = parse_xml(f"<w:rPrDefault {W}><w:rPr/></w:rPrDefault>")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = sub(rpr_default, "w:rPr")
    return rpr


def ensure_east_asian_font(document) -> None:
    """Give the document defaults an explicit East Asian font unless the reference names one."""
    rpr = _doc_defaults_rpr(document.styles.element)
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = parse_xml(f"<w:rFonts {W}/>")
        rpr.insert(0, rfonts)
    if rfonts.get(qn("w:eastAsia")) is None:
        rfonts.attrib.pop(qn("w:eastAsiaTheme"), None)
        rfonts.set(qn("w:eastAsia"), CJK_FONT)


def restyle_default_template(document) -> None:
    """Turn python-docx's US-letter Calibri/Cambria template into an A4 briefing layout."""
    styles_el = document.styles.element

    # Fonts: explicit faces everywhere a theme font was referenced.
    rpr = _doc_defaults_rpr(styles_el)
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = parse_xml(f"<w:rFonts {W}/>")
        rpr.insert(0, rfonts)
    _set_rfonts(rfonts, BODY_FONT, CJK_FONT)
    for rfonts in styles_el.iter(qn("w:rFonts")):
        if any(k.endswith("Theme") or k.endswith("theme") for k in rfonts.attrib):
            _set_rfonts(rfonts, BODY_FONT, CJK_FONT)
    for tag in ("w:sz", "w:szCs"):
        size = rpr.find(qn(tag))
        if size is None:
            size = sub(rpr, tag)
        size.set(qn("w:val"), str(int(BODY_SIZE_PT * 2)))
    normal = document.styles["Normal"]
    _font_size(normal, BODY_SIZE_PT)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    normal.paragraph_format.widow_control = True

    # Headings: more air above than below, keep with the text they introduce.
    for level, (before, after, size) in enumerate(((18, 6, 15), (14, 4, 12.5), (10, 3, 11)), start=1):
        pf = document.styles[f"Heading {level}"].paragraph_format
        pf.space_before, pf.space_after = Pt(before), Pt(after)
        _font_size(document.styles[f"Heading {level}"], size)

    title = document.styles["Title"]
    _font_size(title, 24)
    title.paragraph_format.space_after = Pt(6)
    subtitle = document.styles["Subtitle"]
    ppr = subtitle.element.pPr
    if ppr is not None and ppr.find(qn("w:numPr")) is not None:
        ppr.remove(ppr.find(qn("w:numPr")))  # a stray numPr without numId in the template
    _font_size(subtitle, 13)
    subtitle.paragraph_format.space_after = Pt(4)
    for letter_spacing in subtitle.element.rPr.findall(qn("w:spacing")):
        subtitle.element.rPr.remove(letter_spacing)  # no letter-spaced lowercase italics

    # Lists: a little air between items, the same at every depth.
    for base in ("List Bullet", "List Number", "List Continue"):
        for suffix in ("", " 2", " 3"):
            style = document.styles[base + suffix]
            style.paragraph_format.space_after = Pt(2)
            ppr = style.element.pPr
            if ppr is not None and ppr.find(qn("w:contextualSpacing")) is not None:
                ppr.remove(ppr.find(qn("w:contextualSpacing")))

    quote = document.styles["Quote"]
    quote.paragraph_format.left_indent = Cm(1.27)
    quote.paragraph_format.right_indent = Cm(1.27)
    quote.paragraph_format.space_after = Pt(4)
    quote.font.color.rgb = docx.shared.RGBColor(0x26, 0x26, 0x26)
    # Upright: Word and LibreOffice would slant Chinese characters artificially.
    for tag in ("w:i", "w:iCs"):
        for node in quote.element.rPr.findall(qn(tag)):
            quote.element.rPr.remove(node)
    qppr = quote.element.get_or_add_pPr()
    border = parse_xml(
        f'<w:pBdr {W}><w:left w:val="single" w:sz="18" w:space="8" w:color="A6A6A6"/></w:pBdr>'
    )
    _insert_ppr_child(qppr, border)

    caption = document.styles["Caption"]
    caption.font.color.rgb = docx.shared.RGBColor(0x1F, 0x3A, 0x5F)
    _font_size(caption, 9)
    caption.paragraph_format.space_before = Pt(4)
    caption.paragraph_format.space_after = Pt(2)

    # Header/footer tab stops follow the A4 text width.
    section = document.sections[0]
    width = text_width(section)
    for name in ("Header", "Footer"):
        tabs = document.styles[name].paragraph_format.tab_stops
        for stop in list(tabs):
            tabs._pPr.tabs.remove(stop._tab)
        tabs.add_tab_stop(width // 2, docx.enum.text.WD_TAB_ALIGNMENT.CENTER)
        tabs.add_tab_stop(width, docx.enum.text.WD_TAB_ALIGNMENT.RIGHT)

    # Word picks a substitute for a font it lacks from the font table entry.
    _add_font_table_entries(document)


def _font_size(style, pt: float) -> None:
    """Set a style's size for all scripts (python-docx's ``font.size`` leaves ``w:szCs`` alone)."""
    style.font.size = Pt(pt)
    rpr = style.element.rPr
    size_cs = rpr.find(qn("w:szCs"))
    if size_cs is None:
        size_cs = parse_xml(f"<w:szCs {W}/>")
        rpr.find(qn("w:sz")).addnext(size_cs)
    size_cs.set(qn("w:val"), str(int(round(pt * 2))))


def _insert_ppr_child(ppr, child) -> None:
    """Insert ``child`` into ``w:pPr`` at its schema position (replacing one of the same tag)."""
    existing = ppr.find(child.tag)
    if existing is not None:
        ppr.replace(existing, child)
        return
    order = [qn(t) for t in _PPR_ORDER]
    later = order[order.index(child.tag) + 1:] if child.tag in order else []
    for node in ppr:
        if node.tag in later:
            node.addprevious(child)
            return
    ppr.append(child)


_PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
    "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
    "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
    "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)


def _add_font_table_entries(document) -> None:
    try:
        font_part = document.part.part_related_by(RT.FONT_TABLE)
    except KeyError:
        return
    blob = font_part.blob
    root = parse_xml(blob)
    names = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
    entries = (
        (BODY_FONT, "Arial", "swiss", "variable", "020B0502040504020204"),
        (CJK_FONT, "Microsoft YaHei", "swiss", "variable", "020B0500000000000000"),
        ("Consolas", "Courier New", "modern", "fixed", "020B0609020204030204"),
    )
    for name, alt, family, pitch, panose in entries:
        if name in names:
            continue
        root.append(parse_xml(
            f'<w:font {W} w:name="{name}"><w:altName w:val="{alt}"/><w:panose1 w:val="{panose}"/>'
            f'<w:charset w:val="00"/><w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>'
        ))
    font_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
