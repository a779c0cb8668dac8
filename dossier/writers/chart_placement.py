"""Charts drawn for the box a writer places them in, in the body font of the file they land in.

Both writers call :func:`placed_chart` with the box they give a chart and their body font
(the deck: the theme's minor font; the briefing: the reference's body text font). The
drawing is made at exactly that size (``dossier.chart_drawing.ChartDrawer``), so its type
sizes are the sizes the reader sees. A writer made without a drawer (a document whose
charts were drawn beforehand) uses the drawings in ``Chart.images`` instead.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from dossier.charts.profile import PROFILES, Placement
from dossier.errors import WriterError
from dossier.model import Chart
from dossier.writers.pptx.fonts import font_file

POINTS_PER_INCH = 72

DrawChart = Callable[[Chart, str, Placement], Path]


def placed_chart(draw: DrawChart | None, chart: Chart, profile: str, width_pt: float, height_pt: float | None, *,
                 body_font: str, max_height_pt: float | None = None) -> Path:
    """Return the PNG of ``chart`` drawn at ``width_pt`` × ``height_pt`` in ``body_font``, or its pre-drawn image.

    ``height_pt`` None: the profile's own height (a page, which flows; the picture may grow to ``max_height_pt``).
    """
    if draw is None:
        path = chart.images.get(profile)
        if path is None:
            raise WriterError(f"chart {chart.spec.title!r} has no {profile!r} drawing", file=chart.loc.file,
                              line=chart.loc.line)
        return Path(path)
    placement = Placement(
        width_pt / POINTS_PER_INCH,
        PROFILES[profile].height_in if height_pt is None else height_pt / POINTS_PER_INCH,
        None if max_height_pt is None else max_height_pt / POINTS_PER_INCH,
        font=body_font,
        font_file=(font_file(body_font) or "") if body_font else "",
    )
    return Path(draw(chart, profile, placement))
