"""List numbering for the DOCX writer: one ``w:num`` per numbered list, so each restarts."""

from __future__ import annotations

import functools

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.parts.numbering import NumberingPart

W = nsdecls("w")


class ListNumbering:
    """Hands out ``w:numId`` values for list paragraphs.

    Styles are named by style id. Bullets reuse the numbering of their "List Bullet[ n]" style. Every numbered list
    gets a fresh ``w:num`` with ``w:lvlOverride/w:startOverride`` that points at the
    abstract numbering of its "List Number[ n]" style, so each list starts again at its
    own ``start``. A style without numbering gets a simple single-level definition.
    """

    _BULLETS = ("\u2022", "\u2013", "\u2022")

    def __init__(self, document) -> None:
        self._document = document
        self._bullet_nums: dict[str, int] = {}
        self._fallback_abstract: dict[tuple[bool, int], int] = {}

    @functools.cached_property
    def _numbering(self):
        part = self._document.part
        try:
            return part.part_related_by(RT.NUMBERING).element
        except KeyError:
            numbering_part = NumberingPart(
                PackURI("/word/numbering.xml"), CT.WML_NUMBERING, parse_xml(f"<w:numbering {W}/>"), part.package
            )
            part.relate_to(numbering_part, RT.NUMBERING)
            return numbering_part.element

    def num_id(self, style_name: str, ordered: bool, depth: int, start: int = 1) -> int:
        """Return the numId for a paragraph of a list at ``depth`` (0-based) in the style with id ``style_name``."""
        if not ordered and style_name in self._bullet_nums:
            return self._bullet_nums[style_name]
        abstract_id = self._style_abstract_num(style_name)
        if abstract_id is None:
            abstract_id = self._fallback(ordered, depth)
        if not ordered:
            num = self._numbering.add_num(abstract_id)
            self._bullet_nums[style_name] = num.numId
            return num.numId
        num = self._numbering.add_num(abstract_id)
        num.add_lvlOverride(ilvl=0).add_startOverride(max(0, int(start)))
        return num.numId

    def _style_abstract_num(self, style_name: str) -> int | None:
        styles_el = self._document.styles.element
        style = styles_el.get_by_id(style_name)
        seen = set()
        while style is not None and style.styleId not in seen:
            seen.add(style.styleId)
            ppr = style.find(qn("w:pPr"))
            num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
            num_id_el = num_pr.find(qn("w:numId")) if num_pr is not None else None
            if num_id_el is not None:
                try:
                    num = self._numbering.num_having_numId(int(num_id_el.get(qn("w:val"))))
                except (KeyError, ValueError):
                    return None
                return num.abstractNumId.val
            based_on = style.find(qn("w:basedOn"))
            style = styles_el.get_by_id(based_on.get(qn("w:val"))) if based_on is not None else None
        return None

    def _fallback(self, ordered: bool, depth: int) -> int:
        key = (ordered, depth)
        if key not in self._fallback_abstract:
            ids = [int(a.get(qn("w:abstractNumId"))) for a in self._numbering.findall(qn("w:abstractNum"))]
            new_id = max(ids, default=-1) + 1
            indent = 360 * (depth + 1)
            fmt, text = ("decimal", "%1.") if ordered else ("bullet", self._BULLETS[min(depth, 2)])
            abstract = parse_xml(
                f'<w:abstractNum {W} w:abstractNumId="{new_id}"><w:multiLevelType w:val="singleLevel"/>'
                f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
                f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{indent}" w:hanging="360"/></w:pPr></w:lvl>'
                f"</w:abstractNum>"
            )
            existing = self._numbering.findall(qn("w:abstractNum"))
            if existing:
                existing[-1].addnext(abstract)
            else:
                first_num = self._numbering.find(qn("w:num"))
                if first_num is not None:
                    first_num.addprevious(abstract)
                else:
                    self._numbering.append(abstract)
            self._fallback_abstract[key] = new_id
        return self._fallback_abstract[key]
