"""Output profiles: the size, resolution and type sizes a chart is drawn at.

"page" is a chart in a Word briefing (full text width of an A4 page);
"slide" is a chart filling the body of a 16:9 PowerPoint slide.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Profile:
    """Figure size in inches, resolution, and type sizes in points."""

    name: str
    width_in: float
    height_in: float
    dpi: int
    font_size: float  # tick labels, legend, axis label, timeline labels
    title_size: float  # the chart title
    small_size: float  # source line, value labels, n/r markers
    min_font_size: float  # the timeline may shrink its labels down to this to fit
    line_width: float
    marker_size: float
    max_value_labels: int  # value labels are written on bars only up to this many bars
    fixed_height: bool  # True when the picture is scaled into a fixed box (a slide), False when the page flows
    y_bins: int  # at most this many intervals between y ticks

    @property
    def size_px(self) -> tuple[int, int]:
        """The PNG's size in pixels (matplotlib drops the fraction of a pixel)."""
        return int(self.width_in * self.dpi), int(self.height_in * self.dpi)


CM = 1 / 2.54

# Bump when a drawing changes for the same spec, so that cached PNGs keyed on the spec are redrawn.
DRAWING_VERSION = "2026.4"

PROFILES: dict[str, Profile] = {
    "page": Profile(
        name="page",
        width_in=16 * CM,
        height_in=8 * CM,
        dpi=200,
        font_size=9,
        title_size=10.5,
        small_size=8,
        min_font_size=9,
        line_width=1.6,
        marker_size=4,
        max_value_labels=16,
        fixed_height=False,
        y_bins=5,
    ),
    "slide": Profile(
        name="slide",
        width_in=11.5,
        height_in=5.0,
        dpi=150,
        font_size=16,
        title_size=20,
        small_size=14,
        min_font_size=14,
        line_width=2.5,
        marker_size=7,
        max_value_labels=14,
        fixed_height=True,
        y_bins=4,
    ),
}
