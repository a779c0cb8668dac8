"""The Agg canvas every chart is drawn on: matplotlib's, with text measuring that does each lookup once.

A chart is laid out by measuring (``frame``, ``category_axes``, ``timeline_cards``): a few
thousand text extents per chart, each of which, in matplotlib 3.11, looks the font chain up
again (a ``findfont`` per family, each reading eleven rcParams), reads three font tables for
the line height, and shapes the string with FreeType. :class:`ChartRenderer` keeps the
results instead, so the pixels are the very ones matplotlib draws:

- the font files for a set of font properties, per renderer (one chart, drawn under one
  ``rc_context``; the font manager gains fonts only before a chart is drawn);
- the line-height metrics of a font at a size, per renderer;
- the width, height and descent of a string, per process in a bounded LRU cache, keyed by
  the string, the font files (path, face, size and mtime: content, not the path alone),
  the size, the resolution and the rcParams that change the shaping. Tick labels ("0",
  "2020", the unit) and the source line recur from chart to chart and subject to subject.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict

import matplotlib as mpl
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.font_manager import fontManager, get_font

# The font tables the line height is read from, as matplotlib.text.Text._get_layout reads them.
_HEIGHT_TABLES = (("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"), ("hhea", "lineGap", "ascent", "descent"))
TEXT_METRICS_CACHE_SIZE = 8192  # entries of ~200 bytes: a couple of MB at most, however many subjects a worker builds


def font_key(prop) -> tuple:
    """The state of a FontProperties that font lookup and sizing depend on (what its ``__hash__`` hashes)."""
    return (tuple(prop.get_family()), prop.get_style(), prop.get_variant(), prop.get_weight(), prop.get_stretch(),
            prop.get_size_in_points(), prop.get_file(), prop.get_math_fontfamily())


def _file_identity(font_path) -> tuple:
    """A font file as (path, face, size, mtime): a file changed on disk is a different key."""
    path = str(getattr(font_path, "path", font_path))
    stat = os.stat(path)
    return path, int(getattr(font_path, "face_index", 0)), stat.st_size, stat.st_mtime_ns


_shaped: OrderedDict[tuple, tuple[float, float, float]] = OrderedDict()  # least recently used first
_shaped_lock = threading.Lock()  # a Dask worker may draw in threads


def _recalled(key: tuple) -> tuple[float, float, float] | None:
    with _shaped_lock:
        metrics = _shaped.get(key)
        if metrics is not None:
            _shaped.move_to_end(key)
        return metrics


def _remember(key: tuple, metrics: tuple[float, float, float]) -> tuple[float, float, float]:
    with _shaped_lock:
        _shaped[key] = metrics
        if len(_shaped) > TEXT_METRICS_CACHE_SIZE:
            _shaped.popitem(last=False)
    return metrics


class ChartRenderer(RendererAgg):
    """RendererAgg whose text measuring looks fonts up once per chart and remembers string extents (see module)."""

    def __init__(self, width, height, dpi):
        super().__init__(width, height, dpi)
        self._font_paths: dict[tuple, list] = {}
        self._font_files: dict[tuple, tuple] = {}
        self._heights: dict[tuple, tuple] = {}

    def _paths(self, prop, key: tuple) -> list:
        paths = self._font_paths.get(key)
        if paths is None:
            paths = self._font_paths[key] = fontManager._find_fonts_by_props(prop)
        return paths

    def _prepare_font(self, font_prop):
        """As RendererAgg's (the font chain, cleared, at the size), with the chain looked up once per chart."""
        font = get_font(self._paths(font_prop, font_key(font_prop)))
        font.clear()
        font.set_size(font_prop.get_size_in_points(), self.dpi)
        return font

    def _get_font_height_metrics(self, prop):
        """Ascent, descent and line gap of the font's tables at its size, as ``Text._get_layout`` computes them."""
        key = font_key(prop)
        metrics = self._heights.get(key)
        if metrics is None:
            metrics = self._heights[key] = self._read_height_metrics(prop, key)
        return metrics

    def _read_height_metrics(self, prop, key: tuple) -> tuple:
        font = get_font(self._paths(prop, key))
        for table_name, linegap_key, ascent_key, descent_key in _HEIGHT_TABLES:
            table = font.get_sfnt_table(table_name)
            if table is None:
                continue
            fontsize = prop.get_size_in_points()
            units_per_em = font.get_sfnt_table("head")["unitsPerEm"]
            scale = 1 / units_per_em * fontsize * self.dpi / 72
            return table[ascent_key] * scale, -table[descent_key] * scale, table[linegap_key] * scale
        return None, None, None  # Text._get_layout then measures "lp" itself

    def get_text_width_height_descent(self, s, prop, ismath):
        """As RendererAgg's; plain text is measured once per process for the same font files, size and settings."""
        if ismath:
            return super().get_text_width_height_descent(s, prop, ismath)
        key = font_key(prop)
        files = self._font_files.get(key)
        if files is None:
            files = self._font_files[key] = tuple(_file_identity(path) for path in self._paths(prop, key))
        cache_key = (s, files, prop.get_size_in_points(), self.dpi, get_hinting_flag(),
                     mpl.rcParams["text.kerning_factor"], mpl.rcParams["font.enable_last_resort"])
        metrics = _recalled(cache_key)
        if metrics is None:
            metrics = _remember(cache_key, super().get_text_width_height_descent(s, prop, ismath))
        return metrics


class ChartCanvas(FigureCanvasAgg):
    """FigureCanvasAgg drawing with a :class:`ChartRenderer` (made again when the size or resolution changes)."""

    def get_renderer(self):
        w, h = self.get_width_height(physical=True)
        key = w, h, self.figure.dpi
        if self._lastKey != key:
            self.renderer = ChartRenderer(w, h, self.figure.dpi)
            self._lastKey = key
        return self.renderer
