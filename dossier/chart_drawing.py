"""Charts drawn at the size they are placed: the job completes each chart's spec, the writer asks for the drawing.

A writer knows the box a chart goes in (a slide's content area less what stands beside
or under it; a page's text width) and the body font of its file; it calls a
:class:`ChartDrawer` with them, so the picture is drawn at exactly that size and a point
in the drawing is a point as placed. That is what makes the text floors (14 pt on a
slide, 8 pt on a page) hold as the reader sees them.

Drawings are cached in ``build/charts/``, keyed on the spec, the profile and the placement.
"""

from __future__ import annotations

import gc
import hashlib
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from dossier.errors import ChartError
from dossier.jobs import write_atomically
from dossier.model import Block, Chart, Document

if TYPE_CHECKING:
    from dossier.data_locations import DataLocator


class DrawChart(Protocol):
    """What a writer calls to get a chart's picture: drawn for ``profile`` at ``placement`` (a charts.Placement)."""

    def __call__(self, chart: Chart, profile: str, placement) -> Path: ...


def complete_charts(document: Document, *, palette: tuple[str, ...] = (), font: str = "", locale: str = "",
                    native: bool = False) -> Document:
    """Return the document with every chart's spec carrying the project's chart theme, the job's locale and its alt text.

    ``font`` is ``[charts] font`` (empty: each writer's body font); ``native`` is ``[charts] native``,
    taken by every block that does not say ``native:`` itself; the alt text is made from the data
    where the block gives none.
    """
    from dossier.charts import describe_chart

    def complete(block: Block) -> Block:
        if not isinstance(block, Chart):
            return block
        try:
            spec = replace(block.spec, palette=palette, font=font, locale=locale,
                           native=native if block.spec.native is None else block.spec.native)
            spec = spec if spec.alt else replace(spec, alt=describe_chart(spec))
        except ChartError as exc:
            raise ChartError(exc.message, file=block.loc.file, line=block.loc.line) from None
        return replace(block, spec=spec)

    return replace(document, blocks=tuple(complete(block) for block in document.blocks))


class ChartDrawer:
    """Draws charts into ``cache_dir`` (a PNG per spec, profile and placement; drawn once)."""

    def __init__(self, cache_dir: Path, *, data: DataLocator | None = None) -> None:
        self.cache_dir = Path(cache_dir)
        self.data = data  # finds the data file:line a character no font draws comes from

    def __call__(self, chart: Chart, profile: str, placement) -> Path:
        from dossier import __version__
        from dossier.charts.profile import DRAWING_VERSION

        spec = chart.spec
        key = hashlib.sha256(f"{__version__}|{DRAWING_VERSION}|{profile}|{placement!r}|{spec!r}".encode()).hexdigest()[:20]
        image = self.cache_dir / f"{key}-{profile}.png"
        if not image.is_file():
            # Only a picture not yet drawn needs matplotlib: a build whose pictures are all cached never imports it.
            from dossier.charts.render import render_chart_png

            try:
                write_atomically(lambda path: render_chart_png(spec, profile, path, placement), image)
            except ChartError as exc:
                origin = self.data.find(exc.character) if self.data is not None and exc.character else None
                message = f"{exc.message}; it comes from {origin}" if origin else exc.message
                raise ChartError(message, file=chart.loc.file, line=chart.loc.line) from None
            gc.collect(1)  # a figure is a reference cycle holding megabytes: free it before the next
        return image
