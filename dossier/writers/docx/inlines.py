"""Inline runs for the DOCX writer: text, emphasis, links, cross-references, footnote marks.

``InlineWriter`` is the part of the writer's visitor that fills one paragraph (in the
body, a table cell or a footnote) with runs. It expects the attributes ``_DocxBuild``
sets up: ``doc``, ``src``, ``styles``, ``xrefs``, ``footnotes``, ``notes`` and
``next_bookmark()``.
"""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from dossier.errors import WriterError
from dossier.model import FootnoteRef, LineBreak, Location, Text
from dossier.writers.docx.ooxml import (
    add_bookmark_end, add_bookmark_start, add_break_run, add_field, add_text_run, add_text_runs, clean_line, make_rpr,
    sub,
)
from dossier.writers.docx.direction import orient
from dossier.writers.docx.xref import Target, add_reference


def where(loc: Location | None) -> dict:
    """``file``/``line`` keyword arguments for an error at ``loc``."""
    return {"file": loc.file if loc else None, "line": loc.line if loc else None}


class InlineWriter:
    """Writes inline runs into raw ``w:p`` elements."""

    def inlines(self, p, inlines, loc: Location, *, part=None, in_note: bool = False, oriented: bool = False) -> None:
        """Append runs for ``inlines`` to raw paragraph ``p`` (hyperlinks relate to ``part``).

        ``p`` runs in the direction of its words (``direction.orient``) unless ``oriented`` says the caller chose.
        """
        part = part or self.doc.part
        if not oriented:
            orient(p, "".join(run.text for run in inlines if isinstance(run, Text)))
        link_el, link_url = None, None
        for index, run in enumerate(inlines):
            previous_was_ref = index > 0 and isinstance(inlines[index - 1], FootnoteRef)
            if isinstance(run, Text):
                url = clean_line(run.link) if run.link else ""
                if url == link_url and link_el is None:
                    continue  # the rest of a cross-reference's words: the field shows the label
                if not url:
                    link_el = link_url = None
                    container = p
                elif url != link_url:
                    link_url = url
                    target = self.xrefs.resolve(url, loc) if url.startswith("#") else None
                    if isinstance(target, Target):
                        link_el = None
                        add_reference(p, target, make_rpr(bold=run.bold, italic=run.italic))
                        continue
                    link_el = container = self.hyperlink(p, target or url, part, internal=target is not None)
                else:
                    container = link_el
                if url:
                    style = self.styles.char("Hyperlink")
                else:
                    style = self.styles.char("Verbatim Char") if run.code else None
                add_text_runs(container, run.text, style=style, bold=run.bold, italic=run.italic)
                continue
            link_el = link_url = None
            if isinstance(run, LineBreak):
                add_break_run(p)
            elif isinstance(run, FootnoteRef):
                if previous_was_ref:  # keep neighbouring marks apart: 1,2 not 12
                    add_text_run(p, ",", make_rpr(style=self.styles.char("footnote reference")))
                self.footnote_ref(p, run, loc, in_note)
            else:
                raise WriterError(f"cannot write {type(run).__name__}", **where(loc))

    def hyperlink(self, p, target: str, part, *, internal: bool):
        """Append and return a ``w:hyperlink``: to a bookmark (``internal``) or to a URL related from ``part``."""
        link = sub(p, "w:hyperlink")
        if internal:
            link.set(qn("w:anchor"), target)
        else:
            link.set(qn("r:id"), part.relate_to(target, RT.HYPERLINK, is_external=True))
        link.set(qn("w:history"), "1")
        return link

    def footnote_ref(self, p, ref: FootnoteRef, loc: Location, in_note: bool) -> None:
        """Append a footnote mark: a new Word footnote on first citation, a ``NOTEREF`` field after that."""
        note = self.src.footnotes.get(ref.label)
        if note is None:
            raise WriterError(f"footnote [^{ref.label}] is cited but not defined", **where(loc))
        mark = make_rpr(style=self.styles.char("footnote reference"))
        if ref.label in self.notes:  # cited before: cross-reference the existing note
            number, bookmark = self.notes[ref.label]
            add_field(p, f"NOTEREF {bookmark} \\f \\h", str(number), mark)
        elif in_note:  # Word notes cannot hold notes; show the number the model gave
            add_text_run(p, str(ref.number), mark)
        else:
            note_id, note_p = self.footnotes.add()
            bookmark = f"_RefNote{note_id}"
            self.notes[ref.label] = (note_id, bookmark)
            bookmark_id = self.next_bookmark()
            add_bookmark_start(p, bookmark_id, bookmark)
            p.append(self.footnotes.reference_run(note_id))
            add_bookmark_end(p, bookmark_id)
            self.inlines(note_p, note.inlines, note.loc, part=self.footnotes.part, in_note=True)
