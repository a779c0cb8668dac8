"""The Latin font a Word document sets its body text in, read from its styles and theme.

Word resolves a run's font from the paragraph style and the styles it is based on, then the
document defaults (``w:docDefaults``); a ``w:asciiTheme`` attribute instead of ``w:ascii``
names the theme's minor or major font (``a:minorFont``/``a:majorFont`` in the theme part).
Charts of a briefing are drawn in this font, so an organisation's reference changes them too.
"""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

BODY_STYLE_ID = "BodyText"  # the style dossier writes body paragraphs in ("Body Text")
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def body_font(doc, style_id: str = BODY_STYLE_ID) -> str:
    """Return the family body text is set in (``style_id``'s, its base styles', the defaults', the theme's), or ""."""
    styles = doc.styles.element
    by_id = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
    seen: set[str] = set()
    style = by_id.get(style_id)
    if style is None:
        style = _default_paragraph_style(styles)
    while style is not None and style.get(qn("w:styleId")) not in seen:
        seen.add(style.get(qn("w:styleId")))
        found = _rfonts_family(style.find(f"{qn('w:rPr')}/{qn('w:rFonts')}"), doc)
        if found:
            return found
        based = style.find(qn("w:basedOn"))
        style = by_id.get(based.get(qn("w:val"))) if based is not None else None
    defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    return _rfonts_family(defaults, doc) or _theme_font(doc, "minor")


def _default_paragraph_style(styles):
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in ("1", "true", "on"):
            return style
    return None


def _rfonts_family(rfonts, doc) -> str:
    """The family an ``w:rFonts`` element names for Latin text: ``w:ascii``, else its theme font."""
    if rfonts is None:
        return ""
    direct = (rfonts.get(qn("w:ascii")) or "").strip()
    if direct:
        return direct
    theme = rfonts.get(qn("w:asciiTheme")) or ""
    if theme:
        return _theme_font(doc, "major" if theme.startswith("major") else "minor")
    return ""


def _theme_font(doc, which: str) -> str:
    """The theme's ``a:minorFont``/``a:majorFont`` Latin typeface, or ""."""
    try:
        theme = doc.part.part_related_by(RT.THEME)
        root = etree.fromstring(theme.blob)
    except (KeyError, etree.XMLSyntaxError, ValueError):
        return ""
    found = root.xpath(f"./a:themeElements/a:fontScheme/a:{which}Font/a:latin/@typeface", namespaces={"a": _A})
    return str(found[0]).strip() if found else ""
