"""Putting one planned slide's boxes onto a slide, in the layout's placeholders where they fit.

The main text of a slide goes into the layout's text placeholder that overlaps it most
(given the planned position and size), a table into a table placeholder, an editable
chart into a chart placeholder; everything else, and whatever finds no free placeholder
of its kind, becomes a shape of its own. Unused placeholders are dropped afterwards.
"""

from __future__ import annotations

from pptx.enum.shapes import PP_PLACEHOLDER

from dossier.errors import WriterError
from dossier.writers.pptx.colours import Palette
from dossier.writers.pptx.boxes import BarBox, Item, PictureBox, Rect, TableBox, TextBox
from dossier.writers.chart_placement import DrawChart
from dossier.writers.pptx.frames import slide_placeholders
from dossier.writers.pptx.emit import add_bar, add_picture, add_table, add_textbox, fill_placeholder
from dossier.writers.pptx.native_chart import add_native_chart
from dossier.writers.pptx.template import ph_type, shape_rect

TEXT_PLACEHOLDERS = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
MAIN_TEXT = ("Content", "Quote")  # text boxes that may take a placeholder (not captions, takeaways)


def _shared(a: Rect, b: Rect) -> float:
    w = min(a.right, b.right) - max(a.x, b.x)
    h = min(a.bottom, b.bottom) - max(a.y, b.y)
    return w * h if w > 0 and h > 0 else 0.0


def _take(free: list, rect: Rect, types) -> object | None:
    """Return (and remove from ``free``) the placeholder of one of ``types`` overlapping ``rect`` most."""
    best, best_area = None, 0.0
    for ph in free:
        if ph_type(ph) in types:
            area = _shared(shape_rect(ph), rect)
            if area > best_area:
                best, best_area = ph, area
    if best is not None:
        free.remove(best)
    return best


def emit_items(slide, items: list[Item], palette: Palette | None = None, draw: DrawChart | None = None) -> None:
    """Write a page's boxes onto ``slide``, their text coloured from ``palette`` (the layout's); ``draw``
    draws a chart picture for its box."""
    free = [
        ph
        for ph in slide_placeholders(slide)
        if ph_type(ph) not in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
    ]
    for item in items:
        if isinstance(item, TextBox):
            ph = _take(free, item.rect, TEXT_PLACEHOLDERS) if item.name in MAIN_TEXT else None
            if ph is not None and ph.has_text_frame:
                fill_placeholder(ph, item, palette)
            else:
                add_textbox(slide, item, palette)
        elif isinstance(item, PictureBox):
            if item.visual.chart is not None:
                add_native_chart(slide, item, _take(free, item.rect, (PP_PLACEHOLDER.CHART,)))
            else:
                add_picture(slide, item, draw)
        elif isinstance(item, TableBox):
            add_table(slide, item, _take(free, item.rect, (PP_PLACEHOLDER.TABLE,)), palette)
        elif isinstance(item, BarBox):
            add_bar(slide, item)
        else:  # pragma: no cover - the layout step makes only these
            raise WriterError(f"pptx writer: cannot emit {type(item).__name__}")
