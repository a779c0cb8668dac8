"""Page geometry, table column widths and the page header/footer for the DOCX writer.

The page size and margins come from the reference document; these helpers only measure them.
"""

from __future__ import annotations

from docx.shared import Cm, Emu, Pt

from dossier.model import plain_text
from dossier.writers.docx_ooxml import add_field, add_text_run, add_text_runs
from dossier.writers.docx_styles import StyleNames

#: Average advance of a table-text character (9 pt Noto Sans, figures and bold included, with some slack).
BODY_CHAR_PT = 5.6


def text_width(section) -> int:
    """Width between the margins, in EMU."""
    return int(section.page_width - section.left_margin - section.right_margin)


def text_height(section) -> int:
    """Height between the margins, in EMU."""
    return int(section.page_height - section.top_margin - section.bottom_margin)


def column_widths(rows, ncols: int, total: int) -> list[Emu]:
    """Share ``total`` EMU between columns so that no word is broken and long texts get the room.

    Widths are estimated from character counts: each column first gets its longest word
    (so "2023-01" or "1,234.5" never wraps), the rest goes to the columns whose cells are
    longer than that, in proportion to how much longer. The header row (``rows[0]``) may
    wrap between words.
    """
    char, pad = int(Pt(BODY_CHAR_PT)), int(Cm(0.45))
    least, wanted = [], []
    for c in range(ncols):
        texts = [plain_text(row[c]) if c < len(row) else "" for row in rows]
        word = max((len(w) for t in texts for w in t.split()), default=1)
        least.append(max(word, 3) * char + pad)
        wanted.append(max([len(t) for t in texts[1:]] + [word, 3]) * char + pad)
    if sum(wanted) <= total:  # every cell fits on one line: widen in proportion
        widths = [w * total / sum(wanted) for w in wanted]
    elif sum(least) <= total:
        spare, extra = total - sum(least), [w - m for w, m in zip(wanted, least)]
        widths = [m + spare * e / sum(extra) for m, e in zip(least, extra)]
    else:
        widths = [m * total / sum(least) for m in least]
    widths = [int(w) for w in widths]
    widths[-1] += total - sum(widths)
    return [Emu(w) for w in widths]


def add_header_footer(document, styles: StyleNames, *, classification: str, title: str) -> None:
    """Page furniture for every section, replacing whatever the reference document had.

    Every page: the classification marking centred at the top and at the very bottom, and
    "Page X of Y" (``PAGE``/``NUMPAGES`` fields) in the footer. Pages after the first also
    carry the document title in the header; the first page (``w:titlePg``) does not, as
    the cover block shows it. All of it is styled by the reference: "Classification",
    "Header", "Footer".
    """
    if len(title) > 90:
        title = title[:89].rstrip() + "\u2026"
    document.settings.odd_and_even_pages_header_footer = False
    for section in document.sections:
        section.different_first_page_header_footer = True
        section.even_page_header.is_linked_to_previous = True  # drops a reference's even-page parts
        section.even_page_footer.is_linked_to_previous = True
        parts = (section.header, section.footer, section.first_page_header, section.first_page_footer)
        for part in parts:
            part.is_linked_to_previous = False
            for child in list(part._element):
                part._element.remove(child)
        for header, with_title in ((section.header, True), (section.first_page_header, False)):
            if classification:
                _para(header, styles.id("Classification"), classification)
            if with_title and title:
                _para(header, styles.id("Header"), title)
            if not len(header._element):
                _para(header, styles.id("Classification"), "")
        for footer in (section.footer, section.first_page_footer):
            p = _para(footer, styles.id("Footer"), "Page ")
            add_field(p, "PAGE", "1")
            add_text_run(p, " of ")
            add_field(p, "NUMPAGES", "1")
            if classification:
                _para(footer, styles.id("Classification"), classification)


def _para(part, style_id: str, text: str):
    """Append a paragraph in style ``style_id`` holding ``text`` to a header or footer; return the ``w:p``."""
    p = part._element.add_p()
    p.get_or_add_pPr().style = style_id
    if text:
        add_text_runs(p, text)
    return p
