"""Drawing a spec with a profile, and writing the drawing as a reproducible PNG."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import matplotlib
from matplotlib.figure import Figure

from dossier.charts.bar import draw_bar
from dossier.charts.exports_imports import draw_exports_imports
from dossier.charts.line import draw_line
from dossier.charts.profile import PROFILES, Profile
from dossier.charts.theme import rc_params
from dossier.charts.timeline import draw_timeline
from dossier.errors import ChartError
from dossier.model import ChartSpec

# One entry per kind: kind name -> function(spec, profile) -> Figure.
KINDS: dict[str, Callable[[ChartSpec, Profile], Figure]] = {
    "bar": draw_bar,
    "exports_imports": draw_exports_imports,
    "line": draw_line,
    "timeline": draw_timeline,
}


def get_profile(profile: str) -> Profile:
    try:
        return PROFILES[profile]
    except KeyError:
        raise ChartError(f"unknown chart profile {profile!r}; known: {', '.join(sorted(PROFILES))}") from None


def draw_chart(spec: ChartSpec, profile: str) -> Figure:
    """Draw ``spec`` for a profile ("page" or "slide"); the figure has an Agg canvas and is laid out."""
    try:
        draw = KINDS[spec.kind]
    except KeyError:
        raise ChartError(f"unknown chart kind {spec.kind!r}; known: {', '.join(sorted(KINDS))}") from None
    settings = get_profile(profile)
    with matplotlib.rc_context(rc_params(settings)):
        fig = draw(spec, settings)
        fig.draw_without_rendering()  # create every tick under the chart's settings
    return fig


def save_png(fig: Figure, target: Path, dpi: float) -> None:
    """Write ``fig`` as a PNG with no software/date metadata, so equal drawings give equal bytes."""
    fig.savefig(target, format="png", dpi=dpi, metadata={"Software": None})


def render_chart_png(spec: ChartSpec, profile: str, target: Path) -> None:
    """Draw ``spec`` for a profile and write it to ``target`` (a PNG; parent folders are made)."""
    target = Path(target)
    settings = get_profile(profile)
    fig = draw_chart(spec, profile)
    target.parent.mkdir(parents=True, exist_ok=True)
    with matplotlib.rc_context(rc_params(settings)):
        save_png(fig, target, settings.dpi)
