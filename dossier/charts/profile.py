"""Output profiles: the size, resolution and type sizes a chart is drawn at.

"page" is a chart in a Word briefing (full text width of an A4 page);
"slide" is a chart filling the body of a 16:9 PowerPoint slide.

The sizes here are defaults. A writer draws each chart at the size of the box it places
it in (:meth:`Profile.placed`), so a point in the drawing is a point on the slide or page:
every text is set at no less than ``floor`` as placed (14 pt on a slide, 8 pt on a page).
A chart that cannot fit its box at the floor fails naming itself; it never shrinks below it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class Profile:
    """Figure size in inches, resolution, and type sizes in points."""

    name: str
    width_in: float
    height_in: float
    dpi: int
    font_size: float  # tick labels, legend, axis label, timeline labels
    small_size: float  # source line, value labels, n/r markers (never below ``floor``)
    min_font_size: float  # the timeline may shrink its labels down to this to fit (never below ``floor``)
    line_width: float
    marker_size: float
    max_value_labels: int  # value labels are written on bars only up to this many bars
    fixed_height: bool  # True when the picture is scaled into a fixed box (a slide), False when the page flows
    y_bins: int  # at most this many intervals between y ticks
    floor: float  # no text is set smaller than this, in points as placed
    max_height_in: float | None = None  # a flowing page: the tallest the picture may grow (None: no limit)

    def placed(self, width_in: float, height_in: float, *, max_height_in: float | None = None) -> "Profile":
        """Return this profile drawn at the size of the box it is placed in (a slide's: exactly; a page's: its width)."""
        return replace(self, width_in=width_in, height_in=height_in, max_height_in=max_height_in)

    @property
    def size_px(self) -> tuple[int, int]:
        """The PNG's size in pixels (matplotlib drops the fraction of a pixel)."""
        return int(self.width_in * self.dpi), int(self.height_in * self.dpi)


@dataclass(frozen=True, slots=True)
class Placement:
    """The box a writer places a chart in, and the body font of the file it lands in.

    ``width_in`` × ``height_in`` is the size to draw at (on a slide: the box, exactly); on a page,
    which flows, a picture may grow taller, up to ``max_height_in``. ``font`` is the body font as
    the file names it ("Calibri", "Noto Sans"); ``font_file`` the file that draws it on this
    machine (its metric-compatible stand-in, e.g. Carlito for Calibri), when the writer found one.
    """

    width_in: float
    height_in: float
    max_height_in: float | None = None
    font: str = ""
    font_file: str = ""


CM = 1 / 2.54

# Bump when a drawing changes for the same spec, so that cached PNGs keyed on the spec are redrawn.
DRAWING_VERSION = "2026.5"

PROFILES: dict[str, Profile] = {
    "page": Profile(
        name="page",
        width_in=16 * CM,
        height_in=8 * CM,
        dpi=200,
        font_size=9,
        small_size=8,
        min_font_size=9,
        line_width=1.6,
        marker_size=4,
        max_value_labels=16,
        fixed_height=False,
        y_bins=5,
        floor=8,
    ),
    "slide": Profile(
        name="slide",
        width_in=11.5,
        height_in=5.0,
        dpi=150,
        font_size=16,
        small_size=14,
        min_font_size=14,
        line_width=2.5,
        marker_size=7,
        max_value_labels=14,
        fixed_height=True,
        y_bins=4,
        floor=14,
    ),
}
