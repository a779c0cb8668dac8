"""Real Word footnotes: the ``/word/footnotes.xml`` part python-docx has no API for.

The part holds the separator (id -1) and continuation separator (id 0) that Word
expects, then one ``w:footnote`` per note; the body refers to a note with a
``w:footnoteReference`` run. Word numbers notes by the order of their references,
so the writer creates notes in the order it meets them.
"""

from __future__ import annotations

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from dossier.writers.docx.ooxml import make_rpr, sub

_SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr>'
    '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    "<w:r><w:separator/></w:r></w:p></w:footnote>"
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr>'
    '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
)


class Footnotes:
    """The footnotes part of one document, created on first use."""

    def __init__(self, document, text_style: str = "FootnoteText", ref_style: str = "FootnoteReference") -> None:
        self._document = document
        self._text_style = text_style
        self._ref_style = ref_style
        self._part: XmlPart | None = None
        self._next_id = 1
        # A reference document may bring its own footnotes; they belonged to its body,
        # which the writer does not keep, so start from an empty part.
        doc_part = document.part
        for rId, rel in list(doc_part.rels.items()):
            if rel.reltype == RT.FOOTNOTES:
                doc_part.drop_rel(rId)
        self._set_settings(present=False)

    @property
    def part(self) -> XmlPart:
        """The footnotes part (created and related to the document part on first access)."""
        if self._part is None:
            element = parse_xml(f"<w:footnotes {nsdecls('w', 'r')}>{_SEPARATORS}</w:footnotes>")
            self._part = XmlPart(
                PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, element, self._document.part.package
            )
            self._document.part.relate_to(self._part, RT.FOOTNOTES)
            self._set_settings(present=True)
        return self._part

    def add(self):
        """Add a footnote; return ``(id, paragraph)`` where the paragraph already holds the note mark."""
        note_id = self._next_id
        self._next_id += 1
        note = sub(self.part.element, "w:footnote", id=note_id)
        p = sub(note, "w:p")
        p.get_or_add_pPr().style = self._text_style
        mark = sub(p, "w:r")
        mark.append(make_rpr(style=self._ref_style))
        sub(mark, "w:footnoteRef")
        sub(sub(p, "w:r"), "w:tab")
        return note_id, p

    def reference_run(self, note_id: int):
        """Return a ``w:r`` that places the mark of footnote ``note_id`` in the text."""
        r = parse_xml(f"<w:r {nsdecls('w')}/>")
        r.append(make_rpr(style=self._ref_style))
        sub(r, "w:footnoteReference", id=note_id)
        return r

    def _set_settings(self, present: bool) -> None:
        """Point ``w:settings/w:footnotePr`` at the separators when the part exists, drop the pointers when not."""
        settings = self._document.settings.element
        pr = settings.find(qn("w:footnotePr"))
        if pr is not None:
            for ref in pr.findall(qn("w:footnote")):
                pr.remove(ref)
        if not present:
            if pr is not None and len(pr) == 0:
                settings.remove(pr)
            return
        if pr is None:
            pr = parse_xml(f"<w:footnotePr {nsdecls('w')}/>")
            _insert_setting(settings, pr)
        sub(pr, "w:footnote", id=-1)
        sub(pr, "w:footnote", id=0)


# Elements of w:settings that come after w:footnotePr (schema order).
_AFTER_FOOTNOTE_PR = (
    "endnotePr", "compat", "docVars", "rsids", "mathPr", "attachedSchema", "themeFontLang",
    "clrSchemeMapping", "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade",
    "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults",
    "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
)


def _insert_setting(settings, element) -> None:
    later = {qn(f"w:{t}") for t in _AFTER_FOOTNOTE_PR}
    for child in settings:
        if child.tag in later or not child.tag.startswith("{http://schemas.openxmlformats.org/wordprocessingml"):
            child.addprevious(element)
            return
    settings.append(element)
