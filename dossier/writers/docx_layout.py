"""Page geometry, table column widths and the page header/footer for the DOCX writer."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Emu, Pt

from dossier.model import plain_text
from dossier.writers.docx_ooxml import add_field, add_text_run, make_rpr, sub

TWIPS_PER_EMU = 1 / 635
#: Average advance of a body-text character (10 pt Noto Sans, figures and bold included).
BODY_CHAR_PT = 5.9


def set_a4(section) -> None:
    """A4 portrait, 2.2 cm margins, header and footer 1.25 cm from the edge."""
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin = section.bottom_margin = Cm(2.2)
    section.header_distance = section.footer_distance = Cm(1.25)


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


def add_header_footer(document, *, classification: str, title: str, header_style: str, footer_style: str) -> None:
    """Header: the classification marking, centred. Footer: short title left, "Page X of Y" right.

    Replaces whatever header and footer a reference document had, on every section,
    including a distinct first-page or even-page header.
    """
    if len(title) > 70:
        title = title[:69].rstrip() + "\u2026"
    small = make_rpr(size_pt=8, color="595959")
    document.settings.odd_and_even_pages_header_footer = False
    for section in document.sections:
        section.different_first_page_header_footer = False
        width = int(text_width(section) * TWIPS_PER_EMU)
        header, footer = section.header, section.footer
        header.is_linked_to_previous = footer.is_linked_to_previous = False
        for part in (header, footer):
            for child in list(part._element):
                part._element.remove(child)
        hp = header.add_paragraph(style=header_style)
        if classification:
            hp.alignment = WD_ALIGN_PARAGRAPH.CENTER
            add_text_run(hp._p, classification, make_rpr(bold=True, size_pt=9, color="404040"))
        fp = footer.add_paragraph(style=footer_style)
        inherited = [int(t.position * TWIPS_PER_EMU) for t in document.styles[footer_style].paragraph_format.tab_stops]
        tabs = fp._p.get_or_add_pPr().get_or_add_tabs()
        for pos in sorted(set(inherited + [width])):  # only our right tab at the margin
            sub(tabs, "w:tab", val="right" if pos == width else "clear", pos=pos)
        add_text_run(fp._p, title, small)
        add_text_run(fp._p, "\tPage ", small)
        add_field(fp._p, "PAGE", "1", small)
        add_text_run(fp._p, " of ", small)
        add_field(fp._p, "NUMPAGES", "1", small)
