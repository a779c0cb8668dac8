"""The deck's template: its layouts found by name, their placeholders by type, never by position.

Each kind of slide the writer makes (a *role*) names the layouts it can use, best first
(``LAYOUT_ROLES``): a chart slide takes "Chart", else "Title Only", else "Title and
Content". Any organisation's .pptx can stand in for ``templates/theme/reference.pptx``;
the writer fails with a ``ConfigError`` naming the missing layout and listing those present
only when none of a role's layouts is there, and only when the deck needs that role.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from zipfile import BadZipFile

from lxml.etree import XMLSyntaxError
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.exc import PackageNotFoundError
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from dossier.errors import ConfigError, WriterError
from dossier.model import Location
from dossier.writers.pptx_boxes import Rect, union
from dossier.writers.pptx_fonts import FontSet, theme_fonts

EMU_PER_PT = 12700

LAYOUT_ROLES: dict[str, tuple[str, ...]] = {
    "title": ("Title Slide", "Title", "Title Only"),
    "section": ("Section Header", "Section", "Title Only"),
    "content": ("Title and Content", "Content", "Title Only"),
    "two": ("Two Content", "Comparison", "Title and Content", "Title Only"),
    "chart": ("Chart", "Title Only", "Title and Content"),
    "table": ("Table", "Title Only", "Title and Content"),
    "quote": ("Quote", "Title Only", "Title and Content"),
    "sources": ("Sources", "Title and Content", "Title Only"),
    "closing": ("Closing", "End", "Title Slide", "Title Only"),
}
TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
CONTENT_TYPES = (
    PP_PLACEHOLDER.BODY,
    PP_PLACEHOLDER.OBJECT,
    PP_PLACEHOLDER.CHART,
    PP_PLACEHOLDER.TABLE,
    PP_PLACEHOLDER.PICTURE,
    PP_PLACEHOLDER.SUBTITLE,
    PP_PLACEHOLDER.ORG_CHART,
    PP_PLACEHOLDER.MEDIA_CLIP,
)
FOOTER_TYPES = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)
TITLE_BAND = Rect(0.05, 0.03, 0.9, 0.13)  # where a title goes on a layout without one (shares of the slide)
MIN_CONTENT_SHARE = 0.08  # a content placeholder smaller than this share of the slide is a caption or label


def pt(value: int | None) -> float:
    """Return EMU as points."""
    return (value or 0) / EMU_PER_PT


def shape_rect(shape) -> Rect:
    """Return a shape's (or placeholder's, inherited) position and size in points."""
    return Rect(pt(shape.left), pt(shape.top), pt(shape.width), pt(shape.height))


def ph_type(ph):
    """Return a placeholder's type."""
    return ph.placeholder_format.type


@dataclass
class LayoutInfo:
    """A layout and where things go on it, in points."""

    layout: object
    name: str
    title: Rect | None
    content: list[Rect]  # the big content placeholders, left to right
    area: Rect  # where the content of a slide goes
    columns: tuple[Rect, ...]  # two content placeholders side by side, else ()


class Template:
    """An opened template: its presentation (slides dropped), fonts, and layouts by role."""

    def __init__(self, reference: Path | None) -> None:
        self.source = str(reference) if reference is not None else "built-in template"
        if reference is None:
            from dossier.writers.pptx_reference import reference_pptx_bytes

            self.prs = Presentation(io.BytesIO(reference_pptx_bytes()))
        else:
            try:
                self.prs = Presentation(str(reference))
            except (OSError, KeyError, ValueError, BadZipFile, XMLSyntaxError, PackageNotFoundError) as exc:
                raise WriterError(f"cannot open reference deck: {exc}", file=str(reference)) from None
        self._drop_slides()
        self.W = pt(self.prs.slide_width)
        self.H = pt(self.prs.slide_height)
        master = self.prs.slide_master
        try:
            theme_blob = master.part.part_related_by(RT.THEME).blob
        except KeyError:
            theme_blob = None
        self.fonts: FontSet = theme_fonts(theme_blob)
        self._infos: dict[int, LayoutInfo] = {}

    def _drop_slides(self) -> None:
        sld_ids = self.prs.slides._sldIdLst
        for sld_id in list(sld_ids):
            self.prs.part.drop_rel(sld_id.rId)
            sld_ids.remove(sld_id)

    @property
    def layout_names(self) -> list[str]:
        """Return the names of the template's layouts, in order."""
        return [layout.name for layout in self.prs.slide_layouts]

    def _find(self, name: str):
        for layout in self.prs.slide_layouts:
            if layout.name.strip().casefold() == name.strip().casefold():
                return layout
        return None

    def for_role(self, role: str) -> LayoutInfo:
        """Return the best layout for a role, or fail naming it and listing the layouts present."""
        names = LAYOUT_ROLES[role]
        for name in names:
            layout = self._find(name)
            if layout is not None:
                return self.info(layout)
        tried = f" (or {', '.join(repr(n) for n in names[1:])})" if len(names) > 1 else ""
        raise ConfigError(
            f"the template has no layout {names[0]!r}{tried} for {role} slides; "
            f"layouts present: {', '.join(repr(n) for n in self.layout_names) or 'none'}",
            file=self.source,
        )

    def named(self, name: str, loc: Location | None) -> LayoutInfo:
        """Return the layout a slide asks for by name; a standard name missing from the template falls
        back like its role ("Two Content" → "Comparison" → ...); else fail at the slide's heading."""
        layout = self._find(name)
        if layout is not None:
            return self.info(layout)
        for role, names in LAYOUT_ROLES.items():
            if name.strip().casefold() in (n.casefold() for n in names[:1]):
                return self.for_role(role)
        raise ConfigError(
            f"layout {name!r} is not in {self.source}; "
            f"layouts present: {', '.join(repr(n) for n in self.layout_names) or 'none'}",
            file=loc.file if loc else self.source,
            line=loc.line if loc else None,
        )

    # -- geometry

    def info(self, layout) -> LayoutInfo:
        """Return where titles and content go on a layout (cached)."""
        key = id(layout._element)
        if key not in self._infos:
            self._infos[key] = self._measure(layout)
        return self._infos[key]

    def footer_top(self, layout) -> float:
        """Return the top of the footer band: the highest footer placeholder in the lower half."""
        tops = [
            shape_rect(ph).y
            for source in (layout.placeholders, self.prs.slide_master.placeholders)
            for ph in source
            if ph_type(ph) in FOOTER_TYPES and shape_rect(ph).y > self.H / 2
        ]
        return min(tops) if tops else self.H * 0.93

    def _measure(self, layout) -> LayoutInfo:
        W, H = self.W, self.H
        title = next((shape_rect(p) for p in layout.placeholders if ph_type(p) in TITLE_TYPES), None)
        big = [
            shape_rect(p)
            for p in layout.placeholders
            if ph_type(p) in CONTENT_TYPES and shape_rect(p).w * shape_rect(p).h >= MIN_CONTENT_SHARE * W * H
        ]
        big.sort(key=lambda r: (r.x, r.y))
        footer_top = self.footer_top(layout)
        top_floor = title.bottom + 6 if title is not None and title.bottom < H * 0.5 else TITLE_BAND.bottom * H + 6
        bottom = footer_top - 4
        if big:
            area = union(big)
            y0 = max(area.y, top_floor)
            area = Rect(area.x, y0, area.w, min(area.bottom, bottom) - y0)
        else:
            x, w = (title.x, title.w) if title is not None and title.w > W * 0.5 else (W * 0.05, W * 0.9)
            y0 = top_floor + 6
            area = Rect(x, y0, w, bottom - 2 - y0)
        if area.h < H * 0.25 or area.w < W * 0.3:  # odd placeholders: fall back to the space under the title
            y0 = top_floor + 6
            area = Rect(W * 0.05, y0, W * 0.9, bottom - 2 - y0)
        columns: tuple[Rect, ...] = ()
        if len(big) >= 2 and big[0].right <= big[1].x + 1:
            columns = tuple(Rect(r.x, area.y, r.w, area.h) for r in big[:2])
        return LayoutInfo(layout, layout.name, title, big, area, columns)
