"""The registry of chart kinds; drawing a spec with a profile, and writing the drawing as a reproducible PNG.

One module per kind, one entry in ``KINDS``: a function ``(spec, profile) -> Figure``
that returns the figure laid out (every text placed, no layout engine left to run).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import matplotlib
from matplotlib.figure import Figure

from dossier.charts.bar import draw_bar
from dossier.charts.exports_imports import draw_exports_imports
from dossier.charts.fonts import body_family, check_glyphs, check_strings, project_font
from dossier.charts.formatting import chart_locale
from dossier.charts.line import draw_line
from dossier.charts.profile import PROFILES, Placement, Profile
from dossier.charts.ranked import draw_ranked
from dossier.charts.share import draw_share
from dossier.charts.theme import project_palette, rc_params
from dossier.charts.timeline import draw_timeline
from dossier.errors import ChartError
from dossier.model import ChartSpec, TimelineEvent

# One entry per kind: kind name -> function(spec, profile) -> Figure.
KINDS: dict[str, Callable[[ChartSpec, Profile], Figure]] = {
    "bar": draw_bar,
    "exports_imports": draw_exports_imports,
    "line": draw_line,
    "ranked": draw_ranked,
    "share": draw_share,
    "timeline": draw_timeline,
}


def get_profile(profile: str, placement: Placement | None = None) -> Profile:
    """Return the named profile (at the placement's size when given), or fail listing the known ones."""
    try:
        settings = PROFILES[profile]
    except KeyError:
        raise ChartError(f"unknown chart profile {profile!r}; known: {', '.join(sorted(PROFILES))}") from None
    if placement is None:
        return settings
    return settings.placed(placement.width_in, placement.height_in, max_height_in=placement.max_height_in)


def draw_chart(spec: ChartSpec, profile: str, placement: Placement | None = None) -> Figure:
    """Draw ``spec`` for a profile ("page" or "slide"), at the placement's size: a Figure with an Agg canvas, laid out.

    Fails with ChartError on an unknown kind or profile, a malformed spec, a character
    that no installed font can draw, or a chart that does not fit its box at the
    profile's smallest text size (each named with the chart's title).
    """
    try:
        draw = KINDS[spec.kind]
    except KeyError:
        raise ChartError(f"unknown chart kind {spec.kind!r}; known: {', '.join(sorted(KINDS))}") from None
    settings = get_profile(profile, placement)
    with project_palette(spec.palette), project_font(chart_font(spec, placement)), chart_locale(spec.locale):
        # Before matplotlib measures any text: it would draw a missing glyph as a box, with only a warning.
        check_strings(_spec_strings(spec), spec.title)
        with matplotlib.rc_context(rc_params(settings)):
            fig = draw(literal_spec(spec), settings)
            fig.set_layout_engine("none")  # the kinds place everything; drawing must not move it again
            check_glyphs(fig, spec.title)  # every text, also the ones the chart made up (n/r, …, −)
    return fig


def chart_font(spec: ChartSpec, placement: Placement | None) -> str:
    """Return the family the chart's text is drawn in: ``[charts] font``, else the body font of the file it lands in."""
    if spec.font:
        return spec.font
    if placement is None:
        return ""
    return body_family(placement.font, placement.font_file)


def save_png(fig: Figure, target: Path, dpi: float) -> None:
    """Write ``fig`` as an RGB PNG with no software/date metadata, so equal drawings give equal bytes.

    The charts' background is opaque, so an alpha channel would carry nothing; without it and
    at zlib level 3 the PNG is written in about 60 % of the time of ``savefig`` (RGBA, level 6),
    and is 5-15 % larger before the .docx/.pptx zip compresses it again.
    """
    from PIL import Image

    if fig.dpi != dpi:
        fig.set_dpi(dpi)
    fig.canvas.draw()
    size = fig.canvas.get_width_height(physical=True)
    image = Image.frombuffer("RGBA", size, fig.canvas.buffer_rgba(), "raw", "RGBA", 0, 1).convert("RGB")
    image.save(target, format="png", compress_level=3, dpi=(dpi, dpi))


def render_chart_png(spec: ChartSpec, profile: str, target: Path, placement: Placement | None = None) -> None:
    """Draw ``spec`` for a profile (at the placement's size) and write it to ``target`` (a PNG; parent folders are made)."""
    target = Path(target)
    settings = get_profile(profile, placement)
    fig = draw_chart(spec, profile, placement)
    target.parent.mkdir(parents=True, exist_ok=True)
    with project_font(chart_font(spec, placement)), matplotlib.rc_context(rc_params(settings)):
        save_png(fig, target, settings.dpi)


# ---------------------------------------------------------------- text is text


def literal(text: str) -> str:
    """Return ``text`` with every "$" escaped, so that matplotlib never reads it as math."""
    return str(text).replace("$", r"\$")


def literal_spec(spec: ChartSpec) -> ChartSpec:
    """Return the spec with every text escaped by :func:`literal` ("US$ 5 bn … $3 bn" stays text)."""
    if "$" not in repr(spec):
        return spec
    return replace(
        spec,
        title=literal(spec.title), unit=literal(spec.unit), source=literal(spec.source),
        caption=literal(spec.caption), note=literal(spec.note),
        categories=tuple(literal(c) for c in spec.categories),
        series=tuple(replace(s, label=literal(s.label)) for s in spec.series),
        events=tuple(TimelineEvent(e.date, literal(e.label)) for e in spec.events),
    )


def _spec_strings(spec: ChartSpec) -> list[str]:
    """Every text of the spec that the drawing shows."""
    return [spec.title, spec.unit, spec.source, spec.note, *map(str, spec.categories),
            *(str(s.label) for s in spec.series), *(str(e.label) for e in spec.events)]
