"""The one colour theme and the matplotlib settings every chart is drawn with."""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Iterator

from dossier.charts.fonts import font_families
from dossier.charts.profile import Profile
from dossier.palette import BALANCE, GRID, PALETTE, TEXT, series_colors

EXPORTS = PALETTE[0]
IMPORTS = PALETTE[1]

MUTED = "#6b6b6b"
NOT_REPORTED_COLOR = "#9a9a9a"  # the "n/r" marks where a value is missing
AXIS = "#8a8a8a"
BAND = "#e9edf2"  # the time band of a timeline
CARD = "#f4f6f9"  # the background of a timeline label
BACKGROUND = "#ffffff"


_palette: ContextVar[tuple[str, ...]] = ContextVar("palette", default=PALETTE)


@contextmanager
def project_palette(palette: tuple[str, ...]) -> Iterator[None]:
    """Draw with the project's series colours (the built-in palette when empty)."""
    token = _palette.set(tuple(palette) or PALETTE)
    try:
        yield
    finally:
        _palette.reset(token)


def series_color(index: int) -> str:
    """Return the colour of the index-th series: the palette in force, then distinct tints of it (never a repeat)."""
    return series_colors(index + 1, _palette.get())[index]


def palette_in_force() -> tuple[str, ...]:
    return _palette.get()


def accent() -> str:
    """Return the first colour of the palette in force (timeline dates and dots)."""
    return _palette.get()[0]


def rc_params(profile: Profile) -> dict[str, Any]:
    """Return the rcParams a chart is drawn under (applied with ``matplotlib.rc_context``)."""
    return {
        "font.family": list(font_families()),
        "font.size": profile.font_size,
        "text.color": TEXT,
        "axes.labelcolor": TEXT,
        "axes.labelsize": profile.font_size,
        "axes.edgecolor": AXIS,
        "axes.linewidth": 0.8,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.axisbelow": True,
        "axes.grid": False,
        "axes.facecolor": BACKGROUND,
        "figure.facecolor": BACKGROUND,
        "savefig.facecolor": BACKGROUND,
        "grid.color": GRID,
        "grid.linewidth": 0.8,
        "xtick.color": AXIS,
        "ytick.color": AXIS,
        "xtick.labelcolor": TEXT,
        "ytick.labelcolor": TEXT,
        "xtick.labelsize": profile.font_size,
        "ytick.labelsize": profile.font_size,
        "legend.fontsize": profile.font_size,
        "legend.frameon": False,
        "lines.linewidth": profile.line_width,
        "lines.markersize": profile.marker_size,
        "axes.unicode_minus": True,
        "axes.formatter.use_locale": False,
        "svg.hashsalt": "dossier",
    }
