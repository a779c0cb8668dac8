"""Helpers for the chart tests: drawing once per module, and what a reader would check on a Figure."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable

from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from dossier.charts import draw_chart, samples
from dossier.model import ChartSeries, ChartSpec


def drawn(spec: ChartSpec, profile: str) -> Figure:
    """Draw ``spec`` and render it once, as saving would (so every extent is final)."""
    fig = draw_chart(spec, profile)
    fig.canvas.draw()
    return fig


def renderer(fig: Figure):
    return fig.canvas.get_renderer()


def visible_texts(fig: Figure) -> list[Text]:
    """Every text drawn: visible and not empty (tick labels, legend, annotations, figure texts)."""
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def main_axes(fig: Figure):
    (ax,) = fig.axes
    return ax


def figure_texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.texts]


def by_gid(fig: Figure, gid: str) -> list[Text]:
    return [t for t in visible_texts(fig) if t.get_gid() == gid]


def overlap(a: Bbox, b: Bbox, tolerance: float = 0.5) -> bool:
    """True if the boxes share more than a sliver (touching edges do not count)."""
    return (min(a.x1, b.x1) - max(a.x0, b.x0) > tolerance) and (min(a.y1, b.y1) - max(a.y0, b.y0) > tolerance)


def assert_no_overlap(fig: Figure, texts: Iterable[Text]) -> None:
    r = renderer(fig)
    boxes = [(t.get_text(), t.get_window_extent(r)) for t in texts]
    for (ta, a), (tb, b) in itertools.combinations(boxes, 2):
        assert not overlap(a, b), (ta, tb)


def assert_inside(fig: Figure, box: Bbox | None = None, texts: Iterable[Text] | None = None) -> None:
    """Every visible text (or ``texts``) lies inside ``box`` (default: the figure)."""
    box = box or fig.bbox
    r = renderer(fig)
    for text in visible_texts(fig) if texts is None else texts:
        extent = text.get_window_extent(r)
        assert extent.x0 >= box.x0 - 0.5 and extent.x1 <= box.x1 + 0.5, (text.get_text(), extent, box)
        assert extent.y0 >= box.y0 - 0.5 and extent.y1 <= box.y1 + 0.5, (text.get_text(), extent, box)


def tick_labels(ax) -> list[str]:
    return [t.get_text() for t in ax.get_xticklabels()]


def bar_spec(**kw) -> ChartSpec:
    """A small bar chart with one missing value; keywords replace fields."""
    base = {
        "kind": "bar",
        "title": "Trade turnover",
        "unit": "USD million",
        "source": "State Customs Committee",
        "categories": ("2021", "2022", "2023", "2024"),
        "series": (ChartSeries("Turnover", (2159.0, None, 3744.0, 4870.0)),),
    }
    base.update(kw)
    return ChartSpec(**base)


@functools.cache
def sample_figure(name: str, profile: str) -> Figure:
    """The drawing of ``samples.ALL[name]``, made once per test session (tests only read it)."""
    return drawn(samples.ALL[name], profile)
