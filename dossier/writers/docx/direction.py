"""Right-to-left paragraphs, tables and sections in WordprocessingML (the rules: ``dossier.bidi``).

A right-to-left paragraph carries ``w:bidi``; Word and LibreOffice then read its ``w:jc``
values as logical edges ("left" = start = the right edge), so a style's alignment mirrors by
itself: body text sits on the right, the right-aligned attribution under a quotation on the
left. A right-to-left document (locale ``ar``, ``fa``, …) also marks its sections
(``w:bidi`` in ``w:sectPr``: page numbers, columns) and tables (``w:bidiVisual``: the first
column on the right).
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from dossier.bidi import paragraph_is_rtl

#: Schema order of the children that may follow ``w:bidi`` (CT_PPr, CT_SectPr) and ``w:bidiVisual`` (CT_TblPr).
_AFTER_PARAGRAPH_BIDI = ("adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
                         "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap",
                         "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")
_AFTER_SECTION_BIDI = ("rtlGutter", "docGrid", "printerSettings", "sectPrChange")
_AFTER_TABLE_BIDI = ("tblStyleRowBandSize", "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd",
                     "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription",
                     "tblPrChange")


def _insert(parent, tag: str, successors: tuple[str, ...]) -> None:
    """Add an empty ``tag`` to ``parent`` before the first child the schema puts after it (once)."""
    if parent.find(qn(tag)) is not None:
        return
    later = {qn(f"w:{name}") for name in successors}
    child = OxmlElement(tag)
    for index, existing in enumerate(parent):
        if existing.tag in later:
            parent.insert(index, child)
            return
    parent.append(child)


def orient(p, text: str) -> bool:
    """Make raw paragraph ``p`` right to left when ``text`` (its words) runs so; return whether it does."""
    if paragraph_is_rtl(text):
        _insert(p.get_or_add_pPr(), "w:bidi", _AFTER_PARAGRAPH_BIDI)
        return True
    return False


def is_rtl(element) -> bool:
    """Whether the paragraph holding ``element`` (a ``w:p``, or a ``w:hyperlink`` inside one) is right to left."""
    while element is not None and element.tag != qn("w:p"):
        element = element.getparent()
    return element is not None and element.find(f"{qn('w:pPr')}/{qn('w:bidi')}") is not None


def rtl_section(sect_pr) -> None:
    """Make a section right to left (``w:bidi`` in its ``w:sectPr``)."""
    _insert(sect_pr, "w:bidi", _AFTER_SECTION_BIDI)


def rtl_table(tbl_pr) -> None:
    """Lay a table's columns out from the right (``w:bidiVisual``)."""
    _insert(tbl_pr, "w:bidiVisual", _AFTER_TABLE_BIDI)


def match_complex_script_sizes(styles_element) -> None:
    """Give every style (and the defaults) that sizes Latin text (``w:sz``) but not right-to-left text the same ``w:szCs``.

    Word sets Arabic and Hebrew runs in ``w:szCs``; a reference document that only sets ``w:sz``
    would show them at the default complex-script size, smaller or larger than the text around.
    """
    for rpr in styles_element.iter(qn("w:rPr")):
        size = rpr.find(qn("w:sz"))
        if size is not None and rpr.find(qn("w:szCs")) is None:
            cs_size = OxmlElement("w:szCs")
            cs_size.set(qn("w:val"), size.get(qn("w:val")))
            size.addnext(cs_size)
