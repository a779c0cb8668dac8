"""The frame every chart shares: the figure and the source line below.

The picture never draws the chart's ``title``: on a slide the slide's title says what
the chart shows, on a page the numbered caption does (``Figure 2: <title>. <caption>``),
and the alternative text starts with it; a title inside the picture would repeat it in a
second typeface and size. The source line is a figure text placed by measuring it; the
rest of the figure (``Frame.body``) is left to the chart, as a rectangle in figure fractions.
"""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.text import Text

from dossier.charts.canvas import ChartCanvas
from dossier.charts.formatting import word
from dossier.charts.profile import Profile
from dossier.charts.theme import MUTED
from dossier.charts.wrap import display_width, next_narrower, wrap
from dossier.model import ChartSpec

PAD_IN = 0.07  # space between the figure edge and the body / source line


@dataclass(slots=True)
class Frame:
    fig: Figure
    profile: Profile
    footer: Text | None
    body: tuple[float, float, float, float]  # left, bottom, width, height in figure fractions

    @property
    def renderer(self):
        return self.fig.canvas.get_renderer()


def new_figure(profile: Profile, height_in: float | None = None) -> Figure:
    fig = Figure(figsize=(profile.width_in, height_in or profile.height_in), dpi=profile.dpi)
    ChartCanvas(fig)  # Agg, measuring text with lookups done once (see dossier.charts.canvas)
    return fig


def fit_width(text: Text, raw: str, max_px: float, renderer, max_lines: int = 3) -> None:
    """Set ``text`` to ``raw`` wrapped onto as few lines as keep it within ``max_px``.

    Beyond ``max_lines`` lines the rest is cut and the last line ends with "…".
    """
    text.set_text(raw)
    if text.get_window_extent(renderer).width <= max_px:
        return
    columns = display_width(raw) - 1
    while columns > 0:
        wrapped = wrap(raw, columns)
        text.set_text(wrapped)
        if text.get_window_extent(renderer).width <= max_px:
            break
        columns = next_narrower(wrapped, columns)
    lines = text.get_text().split("\n")
    if len(lines) <= max_lines:
        return
    kept, last = lines[: max_lines - 1], " ".join(lines[max_lines - 1 :])
    while last:
        text.set_text("\n".join([*kept, last + "…"]))
        if text.get_window_extent(renderer).width <= max_px:
            return
        last = last[:-1].rstrip()
    text.set_text("\n".join(kept) + "…")


def footer_text(spec: ChartSpec, notes: list[str]) -> str:
    """Return "Source: …" followed by the notes, each a sentence (the words in the chart's locale)."""
    parts = []
    if spec.source.strip():
        parts.append(word("source", spec.source.strip()))
    if spec.note.strip():
        parts.append(word("note", spec.note.strip()))
    parts.extend(notes)
    return " ".join(p if p.rstrip(")”’\"'")[-1:] in (".", "!", "?") else p + "." for p in parts)


def new_frame(spec: ChartSpec, profile: Profile, notes: list[str] = (), height_in: float | None = None) -> Frame:
    """Make the figure with the source line (bottom left, small); no title (see the module's docstring)."""
    fig = new_figure(profile, height_in)
    renderer = fig.canvas.get_renderer()
    width_px, height_px = fig.bbox.width, fig.bbox.height
    pad = PAD_IN * profile.dpi
    usable = width_px - 2 * pad
    top_px = height_px - pad

    bottom_px = pad * 0.5
    footer = None
    text = footer_text(spec, list(notes))
    if text:
        footer = fig.text(pad / width_px, pad * 0.6 / height_px, "", ha="left", va="bottom",
                          fontsize=profile.small_size, color=MUTED, linespacing=1.15)
        fit_width(footer, text, usable, renderer, max_lines=4)
        bottom_px = footer.get_window_extent(renderer).y1 + pad * 0.8

    body = (0.0, bottom_px / height_px, 1.0, (top_px - bottom_px) / height_px)
    return Frame(fig, profile, footer, body)
