"""Supply the styles a reference document lacks: dossier's definitions, restyled in the reference's look.

pandoc's convention, which dossier follows, is that a reference document lends the styles it
has and the writer falls back to its own for the rest. A real organisation's reference
rarely holds every style a briefing uses: Word shows "List Bullet", "Quote", "TOC 1" or
"Header" in its gallery without writing them into the file until they are used, and
dossier's own refinements ("After Table", "Document Info", "Table Text" ...) are in no
organisation's file. Each missing style gets dossier's definition (``docx_stylesheet``),
adapted so it blends in:

* based on the reference's own styles, so it takes the reference's fonts and language: lists,
  quotes and text after a table on its Body Text (pandoc references keep the body font
  there), the rest on its Normal, Caption ...;
* paragraphs that are not running text (contents lines, captions, table cells, header and
  footer lines ...) reset an indent or justification the reference's Normal may carry (a
  first-line indent, justified text), unless dossier's definition sets its own;
* sizes scaled by the reference's body size (dossier's look is drawn for 10 pt text);
* dossier's accent colour replaced by the reference's heading colour (its first-level
  heading, else its title); without one, the text colour is left automatic;
* titles and contents heading in the reference's heading font;
* list styles without dossier's numbering (the writer numbers them); the contents' tab stop
  at the reference's right margin.
"""

from __future__ import annotations

import re

from docx.oxml import parse_xml
from lxml import etree

from dossier.writers.docx.style_props import (
    ThemeLook, chain, default_style, find_style, run_look, w,
)
from dossier.writers.docx.stylesheet import INK, NAVY, SLATE, STYLES, TEXT_WIDTH, TINT, W_NS, StyleDef

#: dossier's own styles: refinements no organisation's reference is expected to have.
DOSSIER_OWN = frozenset(n.lower() for n in (
    "After Table", "Document Info", "Attribution", "Source Note", "Table Text", "Table Heading", "Classification",
))
_HEADING_FACE = frozenset(("title", "subtitle", "toc heading", "heading 1", "heading 2", "heading 3"))
_ACCENTS, _PLAIN = {NAVY, SLATE}, {INK}
_BASE_SIZE = 10.0  # the body size dossier's stylesheet is drawn for
_DEFAULT_NAMES = {"Normal": "paragraph", "DefaultParagraphFont": "character", "TableNormal": "table"}
#: Running text: follows the reference's Body Text, indents and justification included.
_BODY_FAMILY = re.compile(r"(body text|list (bullet|number|continue)( \d)?|quote|after table)")
#: The ``w:pPr`` children that come after ``w:ind`` / after ``w:jc`` (ECMA-376 order).
_AFTER_IND = ("contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
              "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")
_AFTER_JC = _AFTER_IND[4:]


def supply_styles(styles_el, wanted: dict[str, str], theme: ThemeLook, text_width: int | None) -> list[str]:
    """Add to ``styles_el`` each style of ``wanted`` (name → type) it lacks; return the names supplied."""
    missing = {name.lower() for name, kind in wanted.items() if _lookup(styles_el, name, kind) is None}
    if not missing:
        return []
    look = _ReferenceLook(styles_el, theme)
    supplied = []
    for definition in STYLES:
        if definition.name.lower() in missing:
            styles_el.append(_restyled(definition, styles_el, look, text_width))
            supplied.append(definition.name)
    return supplied


def _lookup(styles_el, name: str, kind: str):
    if name == "Normal" and kind == "paragraph":
        return default_style(styles_el, "paragraph")
    return find_style(styles_el, name, kind)


class _ReferenceLook:
    """The reference's body size, accent colour and heading font, read before anything is added."""

    def __init__(self, styles_el, theme: ThemeLook) -> None:
        body = find_style(styles_el, "Body Text")
        body = body if body is not None else default_style(styles_el, "paragraph")
        self.scale = run_look(styles_el, body, theme).size / _BASE_SIZE
        heading = find_style(styles_el, "heading 1")
        heading = heading if heading is not None else find_style(styles_el, "Title")
        self.accent = run_look(styles_el, heading, theme).color if heading is not None else None
        self.heading_fonts = None
        if heading is not None:
            for style in chain(styles_el, heading):
                fonts = style.find(f"{w('rPr')}/{w('rFonts')}")
                if fonts is not None:
                    self.heading_fonts = fonts
                    break


def _reference_id(styles_el, our_id: str | None) -> str | None:
    """Return the reference's id for the style dossier calls ``our_id`` (None if it has none)."""
    if not our_id:
        return None
    if our_id in _DEFAULT_NAMES:
        found = default_style(styles_el, _DEFAULT_NAMES[our_id])
    else:
        ours = next((d for d in STYLES if d.style_id == our_id), None)
        found = find_style(styles_el, ours.name, ours.kind) if ours is not None else None
    return found.get(w("styleId")) if found is not None else None


def _free_id(styles_el, wanted: str) -> str:
    taken = {(s.get(w("styleId")) or "").lower() for s in styles_el.findall(w("style"))}
    candidate, n = wanted, 1
    while candidate.lower() in taken:
        candidate, n = f"{wanted}Dossier{'' if n == 1 else n}", n + 1
    return candidate


def _restyled(definition: StyleDef, styles_el, look: _ReferenceLook, text_width: int | None):
    style = parse_xml(f'<w:styles xmlns:w="{W_NS}">{definition.xml()}</w:styles>')[0]  # python-docx's classes
    style.set(w("styleId"), _free_id(styles_el, definition.style_id))
    body_family = _BODY_FAMILY.fullmatch(definition.name.lower()) is not None
    for tag in ("basedOn", "next"):
        element = style.find(w(tag))
        if element is not None:
            ours = element.get(w("val"))
            if tag == "basedOn" and ours == "Normal" and body_family and definition.style_id != "BodyText":
                ours = "BodyText"
            target = _reference_id(styles_el, ours)
            if target is None:
                style.remove(element)
            else:
                element.set(w("val"), target)
    if definition.default:  # the reference has its own default of this type
        del style.attrib[w("default")]
    for num_pr in style.findall(f"{w('pPr')}/{w('numPr')}"):
        num_pr.getparent().remove(num_pr)
    if definition.kind == "paragraph" and not body_family:
        _reset_layout(style)
    if text_width:
        for tab in style.iter(w("tab")):
            if tab.get(w("pos")) == str(TEXT_WIDTH):
                tab.set(w("pos"), str(text_width))
    for color in list(style.iter(w("color"))):
        _recolor(color, look)
    for attr_owner in style.iter(w("top"), w("bottom"), w("left"), w("insideH")):
        if attr_owner.get(w("color")) in _ACCENTS:
            attr_owner.set(w("color"), look.accent or "auto")
    for shading in style.iter(w("shd")):
        if shading.get(w("fill")) == TINT:
            fill = _tint(look.accent) if look.accent else "F2F2F2"
            shading.set(w("fill"), fill)
            for color in list(shading.getparent().getparent().iter(w("color"))):  # the row's text on that fill
                if look.accent and _contrast(color.get(w("val")), fill) < 4.5:
                    color.getparent().remove(color)
    for size in style.iter(w("sz"), w("szCs")):
        if size.getparent().tag == w("rPr"):
            size.set(w("val"), str(max(2, round(int(size.get(w("val"))) * look.scale))))
    if definition.name.lower() in _HEADING_FACE and look.heading_fonts is not None:
        rpr = style.find(w("rPr"))
        if rpr is None:
            rpr = parse_xml(f'<w:rPr xmlns:w="{W_NS}"/>')
            style.append(rpr)
        rpr.insert(0, _copy(look.heading_fonts))
    return style


def _reset_layout(style) -> None:
    """Give a paragraph style no indent and left alignment unless it sets its own (not the reference's Normal's).

    Indents in characters (``w:firstLineChars`` ..., common in East Asian references) win over
    those in twips, so they are zeroed too; and the paragraph does not snap to a document
    grid (``w:snapToGrid``), which would widen every character of a table cell to the grid's pitch.
    """
    ppr = style.find(w("pPr"))
    if ppr is None:
        ppr = parse_xml(f'<w:pPr xmlns:w="{W_NS}"/>')
        rpr = style.find(w("rPr"))
        if rpr is not None:
            rpr.addprevious(ppr)
        else:
            style.append(ppr)
    if ppr.find(w("snapToGrid")) is None:
        no_grid = parse_xml(f'<w:snapToGrid xmlns:w="{W_NS}" w:val="0"/>')
        _insert_before(ppr, no_grid, ("spacing", "ind") + _AFTER_IND)
    ind = ppr.find(w("ind"))
    if ind is None:
        ind = parse_xml(f'<w:ind xmlns:w="{W_NS}" w:left="0" w:right="0"/>')
        _insert_before(ppr, ind, _AFTER_IND)
    for side in ("left", "right"):
        ind.set(w(f"{side}Chars"), "0")
    if int(ind.get(w("hanging")) or 0) > 0:
        ind.set(w("hangingChars"), "0")
    else:
        ind.attrib.pop(w("hanging"), None)
        ind.set(w("firstLine"), "0")
        ind.set(w("firstLineChars"), "0")
    if ppr.find(w("jc")) is None:
        _insert_before(ppr, parse_xml(f'<w:jc xmlns:w="{W_NS}" w:val="left"/>'), _AFTER_JC)


def _insert_before(parent, element, followers: tuple[str, ...]) -> None:
    """Insert ``element`` before the first child whose tag is one of ``followers`` (schema order), else append."""
    follower = next((child for child in parent if etree.QName(child).localname in followers), None)
    if follower is not None:
        follower.addprevious(element)
    else:
        parent.append(element)


def _recolor(color, look: _ReferenceLook) -> None:
    value = color.get(w("val"))
    if value in _PLAIN or (value in _ACCENTS and not look.accent):
        color.getparent().remove(color)
    elif value in _ACCENTS:
        color.set(w("val"), look.accent)
    # muted text (GREY) stays grey: it reads on any light page


def _tint(hex_color: str, share: float = 0.15) -> str:
    """Return ``hex_color`` mixed with white (``share`` of the colour): a table header's fill."""
    rgb = [int(hex_color[i:i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(255 - (255 - c) * share):02X}" for c in rgb)


def _contrast(first: str, second: str) -> float:
    """Return the WCAG 2 contrast ratio of two hex colours (1 to 21)."""

    def luminance(hex_color: str) -> float:
        channels = [int(hex_color[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _copy(element):
    return parse_xml(etree.tostring(element))
