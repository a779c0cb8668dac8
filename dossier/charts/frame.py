"""The frame every chart shares: the figure, the title above, the source line below.

The title and the source line are figure texts placed by measuring them; the rest
of the figure (``Frame.body``) is left to the chart, as a rectangle in figure fractions.
"""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from dossier.charts.profile import Profile
from dossier.charts.theme import MUTED
from dossier.charts.wrap import display_width, wrap
from dossier.model import ChartSpec

PAD_IN = 0.07  # space between the figure edge and the title / source line


@dataclass(slots=True)
class Frame:
    fig: Figure
    profile: Profile
    title: Text | None
    footer: Text | None
    body: tuple[float, float, float, float]  # left, bottom, width, height in figure fractions

    @property
    def renderer(self):
        return self.fig.canvas.get_renderer()


def new_figure(profile: Profile, height_in: float | None = None) -> Figure:
    fig = Figure(figsize=(profile.width_in, height_in or profile.height_in), dpi=profile.dpi)
    FigureCanvasAgg(fig)
    return fig


def fit_width(text: Text, raw: str, max_px: float, renderer, max_lines: int = 3) -> None:
    """Set ``text`` to ``raw`` wrapped onto as few lines as keep it within ``max_px``.

    Beyond ``max_lines`` lines the rest is cut and the last line ends with "…".
    """
    text.set_text(raw)
    if text.get_window_extent(renderer).width <= max_px:
        return
    for columns in range(display_width(raw) - 1, 0, -1):
        text.set_text(wrap(raw, columns))
        if text.get_window_extent(renderer).width <= max_px:
            break
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
    """Return "Source: …" followed by the notes, each a sentence."""
    parts = []
    if spec.source.strip():
        parts.append("Source: " + spec.source.strip())
    if spec.note.strip():
        parts.append("Note: " + spec.note.strip())
    parts.extend(notes)
    return " ".join(p if p.rstrip(")”’\"'")[-1:] in (".", "!", "?") else p + "." for p in parts)


def new_frame(spec: ChartSpec, profile: Profile, notes: list[str] = (), height_in: float | None = None) -> Frame:
    """Make the figure with the title (top left, bold) and the source line (bottom left, small)."""
    fig = new_figure(profile, height_in)
    renderer = fig.canvas.get_renderer()
    width_px, height_px = fig.bbox.width, fig.bbox.height
    pad = PAD_IN * profile.dpi
    usable = width_px - 2 * pad

    top_px = height_px - pad
    title = None
    if spec.title.strip():
        title = fig.text(pad / width_px, 1 - pad / height_px, "", ha="left", va="top",
                         fontsize=profile.title_size, fontweight="bold")
        fit_width(title, spec.title.strip(), usable, renderer, max_lines=3)
        top_px = title.get_window_extent(renderer).y0 - pad * 0.5

    bottom_px = pad * 0.5
    footer = None
    text = footer_text(spec, list(notes))
    if text:
        footer = fig.text(pad / width_px, pad * 0.6 / height_px, "", ha="left", va="bottom",
                          fontsize=profile.small_size, color=MUTED, linespacing=1.15)
        fit_width(footer, text, usable, renderer, max_lines=4)
        bottom_px = footer.get_window_extent(renderer).y1 + pad * 0.8

    body = (0.0, bottom_px / height_px, 1.0, (top_px - bottom_px) / height_px)
    return Frame(fig, profile, title, footer, body)
