"""Page geometry and table column widths for the DOCX writer.

The page size and margins come from the reference document; these helpers only measure them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.shared import Emu, Pt

from dossier.model import Text, plain_text
from dossier.writers.docx.style_props import ThemeLook, find_style, run_look, style_by_id, w
from dossier.writers.pptx.fonts import face, is_wide

#: Word's cell margin when neither the table style nor the default table style sets one (0.19 cm).
_WORD_CELL_MARGIN = 108  # twips, each side
#: Room for rounding and hinting between measured and laid-out widths, per column.
_SLACK_PT = 3.0
_BREAKS = re.compile(r"\s+")


def text_width(section) -> int:
    """Width between the margins, in EMU."""
    return int(section.page_width - section.left_margin - section.right_margin)


def text_height(section) -> int:
    """Height between the margins, in EMU."""
    return int(section.page_height - section.top_margin - section.bottom_margin)


@dataclass(frozen=True)
class CellFont:
    """The font a table's cells are drawn in, from the reference's styles: measures words and texts."""

    latin: str
    east_asian: str
    size: float  # points
    bold: bool = False

    def width_pt(self, text: str, bold: bool = False) -> float:
        """Return the advance width of ``text`` on one line, in points."""
        bold = bold or self.bold
        return self.size * sum(face(self.east_asian if is_wide(ch) else self.latin, bold).width(ch) for ch in text)

    def longest_word_pt(self, text: str, bold: bool = False) -> float:
        """Return the width of the widest unbreakable piece of ``text`` (East Asian text breaks anywhere)."""
        return max((self.width_pt(piece, bold) for piece in _pieces(text)), default=0.0)


def _pieces(text: str) -> list[str]:
    out = []
    for word in _BREAKS.split(text):
        piece = ""
        for ch in word:
            if is_wide(ch):
                out += [piece, ch] if piece else [ch]
                piece = ""
            else:
                piece += ch
        if piece:
            out.append(piece)
    return out


@dataclass(frozen=True)
class TableFonts:
    """The body and header fonts of a table and the cell margins its style gives, read from the reference."""

    body: CellFont
    header: CellFont
    cell_margins: int  # twips, left + right

    @classmethod
    def of(cls, document, styles) -> "TableFonts":
        styles_el = document.styles.element
        try:
            theme = ThemeLook.parse(document.part.part_related_by(RT.THEME).blob)
        except KeyError:
            theme = ThemeLook.parse(None)
        looks = [run_look(styles_el, style_by_id(styles_el, styles.id(name)), theme)
                 for name in ("Table Text", "Table Heading")]
        body, header = (CellFont(look.latin, look.east_asian, look.size, look.bold) for look in looks)
        table_style = style_by_id(styles_el, styles.id("Table", "table"))
        header_bold = table_style is not None and any(
            el.get(w("type")) == "firstRow" and el.find(f"{w('rPr')}/{w('b')}") is not None
            for el in table_style.findall(w("tblStylePr")))
        if header_bold:
            header = CellFont(header.latin, header.east_asian, header.size, True)
        return cls(body, header, _cell_margins(styles_el, table_style))


def _cell_margins(styles_el, table_style) -> int:
    for style in (table_style, find_style(styles_el, "Normal Table", "table")):
        margins = style.find(f"{w('tblPr')}/{w('tblCellMar')}") if style is not None else None
        if margins is None:
            continue
        sides = [margins.find(w(side)) for side in ("left", "right")]
        sides = [margins.find(w(alt)) if el is None else el for el, alt in zip(sides, ("start", "end"))]
        try:
            return sum(int(el.get(w("w"))) if el is not None else _WORD_CELL_MARGIN for el in sides)
        except (TypeError, ValueError):
            break
    return 2 * _WORD_CELL_MARGIN


def column_widths(rows, ncols: int, total: int, fonts: TableFonts, *, header: bool = True) -> list[Emu]:
    """Share ``total`` EMU between columns so that no word is broken and long texts get the room.

    Words are measured with the table's own fonts (``fonts``: the reference's "Table Text"
    and "Table Heading" styles). Each column first gets its longest word (so "2023-01" or
    "1,234.5" never wraps), the rest goes to the columns whose cells are longer than that,
    in proportion to how much longer. The header row (``rows[0]`` when ``header``) may wrap
    between words. When even the longest words do not fit side by side, the body's words
    come first and header words may break; only when those do not fit either do widths
    shrink in proportion.
    """
    pad = int(Pt(_SLACK_PT)) + int(Emu(fonts.cell_margins * 635))
    least_body, least, wanted = [], [], []
    for c in range(ncols):
        cells = [row[c] if c < len(row) else () for row in rows]
        body_cells = cells[1:] if header else cells
        head = [fonts.header.longest_word_pt(plain_text(cells[0]), True)] if header and cells else []
        body = [fonts.body.longest_word_pt(plain_text(cell), _bold(cell)) for cell in body_cells]
        floor = fonts.body.width_pt("000")  # a footnote mark, an empty column
        least_body.append(int(Pt(max(body + [floor]))) + pad)
        least.append(int(Pt(max(body + head + [floor]))) + pad)
        full = [fonts.body.width_pt(plain_text(cell).replace("\n", " "), _bold(cell)) for cell in body_cells]
        wanted.append(max(int(Pt(max(full + head + [floor]))) + pad, least[-1]))
    if sum(wanted) <= total:  # every cell fits on one line: widen in proportion
        widths = [w_ * total / sum(wanted) for w_ in wanted]
    elif sum(least) <= total:
        widths = _spread(least, wanted, total)
    elif sum(least_body) <= total:
        widths = _spread(least_body, least, total)
    else:
        widths = [m * total / sum(least_body) for m in least_body]
    widths = [int(x) for x in widths]
    widths[-1] += total - sum(widths)
    return [Emu(x) for x in widths]


def _spread(floor: list[int], goal: list[int], total: int) -> list[float]:
    """Give each column its floor, then the spare room in proportion to how far it is from its goal."""
    spare, extra = total - sum(floor), [max(0, g - f) for f, g in zip(floor, goal)]
    if not sum(extra):
        return [f + spare / len(floor) for f in floor]
    return [f + spare * e / sum(extra) for f, e in zip(floor, extra)]


def _bold(cell) -> bool:
    return any(isinstance(run, Text) and run.bold for run in cell)
