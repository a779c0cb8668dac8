"""Charts: a ChartSpec drawn with matplotlib's object API (never pyplot) for a page or a slide.

    draw_chart(spec: ChartSpec, profile: str, placement=None) -> Figure   # profile: "page" | "slide"
    render_chart_png(spec: ChartSpec, profile: str, target: Path, placement=None) -> None
    Placement(width_in, height_in, max_height_in=None)       # the box a writer places the chart in
    describe_chart(spec: ChartSpec) -> str                   # alt text from the data
    KINDS: dict[str, Callable[[ChartSpec, Profile], Figure]]
    PROFILES: dict[str, Profile]
    DRAWING_VERSION: str                                     # for cache keys of drawn PNGs

One module per kind, registered in ``render.KINDS``: bar, exports_imports, line,
ranked, share, timeline. Sizes in ``profile``, colours in ``theme``, fonts and the
glyph check in ``fonts``. Errors in a spec (unknown kind, missing series, text where a
number belongs, a character no font has) raise ``dossier.errors.ChartError``.

Importing this package is cheap: matplotlib is imported when a name that needs it is
first used (``describe_chart`` and ``PROFILES`` never need it).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dossier.charts.describe import describe_chart
    from dossier.charts.profile import DRAWING_VERSION, PROFILES, Placement, Profile
    from dossier.charts.render import KINDS, draw_chart, render_chart_png

_WHERE = {
    "KINDS": "dossier.charts.render",
    "draw_chart": "dossier.charts.render",
    "render_chart_png": "dossier.charts.render",
    "describe_chart": "dossier.charts.describe",
    "PROFILES": "dossier.charts.profile",
    "DRAWING_VERSION": "dossier.charts.profile",
    "Profile": "dossier.charts.profile",
    "Placement": "dossier.charts.profile",
}

__all__ = ["DRAWING_VERSION", "KINDS", "PROFILES", "Placement", "Profile", "describe_chart", "draw_chart", "render_chart_png"]


def __getattr__(name: str) -> Any:
    """Import the module that defines ``name`` on first use (PEP 562)."""
    if name in _WHERE:
        value = getattr(import_module(_WHERE[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'dossier.charts' has no attribute {name!r}")
