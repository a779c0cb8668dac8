"""What the layout step plans and the emitter writes: rectangles, boxes and pages, in points.

Also the type sizes text is fitted between (``Sizes``), all derived from one floor: no
body text, table cell or quote on a slide is set smaller than ``Sizes.floor``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from dossier.writers.pptx.text import Para
from dossier.writers.pptx.units import Visual

INSET_X = 7.2  # text box insets, points (0.1 in)
INSET_Y = 3.6  # (0.05 in)
CELL_X = 5.4  # table cell insets (0.075 in)
CELL_Y = 2.9  # (0.04 in)
GAP = 12.0  # between stacked boxes
BODY_FLOOR = 14.0  # the default floor for body text, points
SMALL_FLOOR = 12.0  # captions and chart source lines


@dataclass(frozen=True)
class Sizes:
    """Type sizes in points: (start, floor) pairs, and the size text is set at when split over slides."""

    floor: float = BODY_FLOOR
    small: float = SMALL_FLOOR

    @property
    def body(self) -> tuple[float, float, float]:
        """Return (start, floor on one slide, size when spread over several) for body text."""
        return (max(24.0, self.floor), self.floor, max(18.0, self.floor))

    @property
    def sources(self) -> tuple[float, float, float]:
        """Return the sizes for reference lists: smaller, on as few slides as readable."""
        return (max(18.0, self.floor), self.floor, self.floor)

    @property
    def band(self) -> tuple[float, float]:
        """Return the sizes for a short takeaway line above or below a picture or table."""
        return (max(24.0, self.floor), max(18.0, self.floor))

    @property
    def table(self) -> tuple[float, float, float]:
        """Return (start, floor on one slide, size when spread over several) for table cells."""
        return (max(24.0, self.floor), self.floor, max(16.0, self.floor))

    @property
    def quote(self) -> tuple[float, float, float]:
        """Return (start, least size on one slide, floor) for a block quote."""
        return (max(32.0, self.floor), max(18.0, self.floor), self.floor)

    @property
    def caption(self) -> tuple[float, float]:
        """Return the sizes for captions and source lines (small print, not body text)."""
        return (max(14.0, self.small), self.small)


@dataclass(frozen=True)
class Rect:
    """A rectangle in points from the slide's top left corner."""

    x: float
    y: float
    w: float
    h: float

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def right(self) -> float:
        return self.x + self.w

    def overlaps(self, other: Rect) -> bool:
        """Return whether the two rectangles share some area."""
        return (
            self.x < other.right and other.x < self.right and self.y < other.bottom and other.y < self.bottom
        )


def union(rects: list[Rect]) -> Rect:
    """Return the smallest rectangle holding all of ``rects``."""
    x0, y0 = min(r.x for r in rects), min(r.y for r in rects)
    x1, y1 = max(r.right for r in rects), max(r.bottom for r in rects)
    return Rect(x0, y0, x1 - x0, y1 - y0)


@dataclass(frozen=True)
class Insets:
    """A text frame's insets in points (PowerPoint's defaults: 0.1 in at the sides, 0.05 in above and below)."""

    left: float = INSET_X
    top: float = INSET_Y
    right: float = INSET_X
    bottom: float = INSET_Y


_INSETS: ContextVar[Insets] = ContextVar("pptx_insets", default=Insets())


def current_insets() -> Insets:
    """Return the insets of the text frames being planned: the layout's content placeholder's."""
    return _INSETS.get()


@contextmanager
def use_insets(insets: Insets) -> Iterator[Insets]:
    """Plan and emit text frames with ``insets`` inside the ``with`` block."""
    token = _INSETS.set(insets)
    try:
        yield insets
    finally:
        _INSETS.reset(token)


def vertical_insets() -> float:
    """Return the top and bottom insets of the text frames being planned, together."""
    i = _INSETS.get()
    return i.top + i.bottom


def inner(w: float, h: float) -> tuple[float, float]:
    """Return the room for text inside a text box of this size (the current insets removed)."""
    i = _INSETS.get()
    return w - i.left - i.right, h - i.top - i.bottom


@dataclass
class TextBox:
    """Paragraphs in a box, set at one base size."""

    rect: Rect
    paras: list[Para]
    size: float
    anchor: str = "t"
    name: str = "Text"


@dataclass
class PictureBox:
    """A picture, or an editable chart when ``visual.chart`` is set."""

    rect: Rect
    visual: Visual


@dataclass
class TableBox:
    """A table (or one slide's rows of it) with its column widths and row heights."""

    rect: Rect
    widths: list[float]
    heights: list[float]
    header: list[Para]
    rows: list[list[Para]]
    aligns: tuple[str | None, ...]
    size: float


@dataclass
class BarBox:
    """The accent bar beside a quote."""

    rect: Rect


Item = TextBox | PictureBox | TableBox | BarBox


@dataclass
class Page:
    """What goes on one physical slide."""

    items: list[Item] = field(default_factory=list)

    def refs(self) -> list[str]:
        """Return the footnote labels cited by the text on this slide."""
        out: list[str] = []
        for item in self.items:
            paras: list[Para] = []
            if isinstance(item, TextBox):
                paras = item.paras
            elif isinstance(item, TableBox):
                paras = item.header + [p for row in item.rows for p in row]
            for p in paras:
                out.extend(p.refs)
        return out

    def visuals(self) -> list[Visual]:
        """Return the pictures and charts on this slide."""
        return [i.visual for i in self.items if isinstance(i, PictureBox)]
