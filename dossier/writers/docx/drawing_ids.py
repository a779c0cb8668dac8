"""Drawing object ids unique across a Word document: its body, headers, footers and notes.

Word requires every ``wp:docPr/@id`` of a document to be unique (a duplicate is a file it may
"repair"); python-docx numbers a new picture only against its own part, so a reference whose
header carries a logo (id 1) and a body picture (id 1) collide. The ids are renumbered 1, 2, …
in the order of the parts (the body first) just before the file is saved.
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.opc.part import XmlPart

DRAWING_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def number_drawings(document: WordDocument) -> None:
    """Give every drawing object of the document's parts its own id."""
    body = document.part
    others = sorted((part for part in body.package.iter_parts() if isinstance(part, XmlPart) and part is not body),
                    key=lambda part: str(part.partname))
    number = 0
    for part in (body, *others):
        for drawing in part.element.iter(f"{{{DRAWING_NS}}}docPr"):
            number += 1
            drawing.set("id", str(number))
