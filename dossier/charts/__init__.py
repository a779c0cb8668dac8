"""Charts: a ChartSpec drawn with matplotlib's object API (never pyplot) for a page or a slide.

    draw_chart(spec, "page") -> Figure
    render_chart_png(spec, "slide", path)
    describe_chart(spec) -> alt text

One module per kind (bar, exports_imports, line, timeline), registered in ``KINDS``;
sizes in ``profile``, colours and fonts in ``theme``/``fonts``.
"""

from __future__ import annotations

from dossier.charts.describe import describe_chart
from dossier.charts.profile import PROFILES, Profile
from dossier.charts.render import KINDS, draw_chart, render_chart_png

__all__ = ["KINDS", "PROFILES", "Profile", "describe_chart", "draw_chart", "render_chart_png"]
