"""The deck's template: its layouts chosen by placeholder type, then by name, never by position.

Each kind of slide the writer makes (a *role*) takes the layout ``pptx_layout_choice`` picks:
by layout type or placeholders first, then by name in any language, then a fallback, and
never one without the placeholders the role needs. Any organisation's .pptx or .potx can
stand in for ``templates/theme/reference.pptx``; the writer fails with a ``ConfigError``
naming what is missing only when no layout will do and the deck needs that role. The
layouts of every slide master count; the content area of a layout keeps clear of the
pictures and shapes its layout and master draw (logos, bands).
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from zipfile import BadZipFile

from lxml.etree import XMLSyntaxError
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.exc import PackageNotFoundError
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from dossier.errors import ConfigError, WriterError
from dossier.model import Location
from dossier.writers.pptx.boxes import BODY_FLOOR, Insets, Rect, union
from dossier.writers.pptx.colours import Palette, palette_for
from dossier.writers.pptx.fonts import LINE, FontSet, theme_fonts
from dossier.writers.pptx.frames import first_attr, frame_insets, inherited_dims, ph_element
from dossier.writers.pptx.wrap import HEIGHT_SAFETY
from dossier.writers.pptx.layout_choice import RULES, Shape, choose, missing, name_matches

EMU_PER_PT = 12700

LAYOUT_ROLES: dict[str, tuple[str, ...]] = {
    "title": ("Title Slide", "Title Only"),
    "section": ("Section Header", "Title Only"),
    "content": ("Title and Content", "Title Only"),
    "two": ("Two Content", "Comparison", "Title and Content", "Title Only"),
    "chart": ("Chart", "Title Only", "Title and Content"),
    "table": ("Table", "Title Only", "Title and Content"),
    "quote": ("Quote", "Title Only", "Title and Content"),
    "sources": ("Sources", "Title and Content", "Title Only"),
    "closing": ("Closing", "End", "Title Slide", "Title Only"),
}  # the standard names a slide may ask for ({layout="Two Content"}) and what each falls back to
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
MIN_TITLE_ROOM = BODY_FLOOR * LINE / HEIGHT_SAFETY  # a title box holds one line at the floor, or it is a label
BACKDROP_SHARE = 0.6  # a shape covering this share of the slide is a backdrop, not something to avoid
FOOTER_BAND = 34.0  # points at the bottom of the slide for a footer the template has no placeholders for
MARGIN = 0.05  # side margins of the content area when the template gives none (share of the width)
TEMPLATES_REMEMBERED = 4  # templates whose facts a process keeps (a build uses one or two)
RESULTS_REMEMBERED = 64  # other results kept per template (theme warnings by source and roles)
TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
DECK_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def pt(value: int | None) -> float:
    """Return EMU as points."""
    return (value or 0) / EMU_PER_PT


def shape_rect(shape) -> Rect:
    """Return a shape's (or placeholder's, inherited) position and size in points."""
    left, top, width, height = inherited_dims(shape)
    return Rect(pt(left), pt(top), pt(width), pt(height))


def ph_type(ph):
    """Return a placeholder's type (``placeholder_format.type``, without its XPath lookup)."""
    found = ph_element(ph._element)
    if found is None:
        raise ValueError("shape is not a placeholder")
    return found.type


def is_vertical(ph) -> bool:
    """Return whether a placeholder sets its text vertically (a vertical title is no title for dossier)."""
    found = first_attr(ph._element, "p:txBody/a:bodyPr", "vert")
    return found in ("vert", "vert270", "eaVert", "wordArtVert", "mongolianVert")


def content_insets(layout) -> Insets:
    """Return the insets of the layout's first text content placeholder (dossier's text boxes on its
    slides take them too), else PowerPoint's defaults."""
    for ph in layout.placeholders:
        if ph_type(ph) in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT) and ph.width and ph.height:
            return frame_insets(ph)
    return Insets()


def as_presentation(data: bytes) -> bytes:
    """Return a .potx (PowerPoint template) package as a .pptx one: only its main content type differs."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zin:
            types = zin.read("[Content_Types].xml")
            if TEMPLATE_TYPE not in types:
                return data
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
                for item in zin.infolist():
                    body = zin.read(item.filename)
                    if item.filename == "[Content_Types].xml":
                        body = types.replace(TEMPLATE_TYPE, DECK_TYPE)
                    zout.writestr(item, body)
            return out.getvalue()
    except (BadZipFile, KeyError):
        return data


@dataclass
class TemplateFacts:
    """What is read from one template's bytes, by layout position: the same for every deck written on it.

    Reading a layout (its placeholders, their inherited geometry, colours and pictures) is most
    of a deck's cost when done per deck; these facts are pure data (no XML elements), so each
    ``Template`` binds them to the layouts of its own freshly parsed, mutable presentation.
    """

    shapes: dict[int, Shape] = field(default_factory=dict)
    geometry: dict[int, tuple] = field(default_factory=dict)  # LayoutInfo's fields after ``layout``
    palettes: dict[int, Palette] = field(default_factory=dict)
    obstacles: dict[tuple[int, bool], tuple[Rect, ...]] = field(default_factory=dict)
    footer_tops: dict[int, float] = field(default_factory=dict)
    insets: dict[int, Insets] = field(default_factory=dict)
    chosen: dict[str, tuple[int, str] | None] = field(default_factory=dict)
    remembered: dict[object, object] = field(default_factory=dict)  # other results, by their caller's key


_FACTS: OrderedDict[str, TemplateFacts] = OrderedDict()


def facts_for(digest: str) -> TemplateFacts:
    """Return the facts kept for a template's bytes (by their hash), the last few templates per process."""
    facts = _FACTS.pop(digest, None) or TemplateFacts()
    _FACTS[digest] = facts
    while len(_FACTS) > TEMPLATES_REMEMBERED:
        _FACTS.popitem(last=False)
    return facts


@dataclass
class LayoutInfo:
    """A layout and where things go on it, in points."""

    layout: object
    name: str
    title: Rect | None
    content: list[Rect]  # the big content placeholders, left to right
    area: Rect  # where the content of a slide goes
    columns: tuple[Rect, ...]  # two content placeholders side by side, else ()
    obstacles: tuple[Rect, ...] = ()  # pictures and shapes of the layout and its master
    reason: str = ""  # why the writer took it for its role


class Template:
    """An opened template: its presentation (slides dropped), fonts, and layouts by role."""

    def __init__(self, reference: Path | None) -> None:
        self.source = str(reference) if reference is not None else "built-in template"
        if reference is None:
            from dossier.writers.pptx.reference import reference_pptx_bytes

            data = reference_pptx_bytes()
        else:
            try:
                data = Path(reference).read_bytes()
            except OSError as exc:
                raise WriterError(f"cannot open reference deck: {exc.strerror or exc}", file=str(reference)) from None
        try:
            self.prs = Presentation(io.BytesIO(as_presentation(data)))
        except (OSError, KeyError, ValueError, BadZipFile, XMLSyntaxError, PackageNotFoundError) as exc:
            raise WriterError(
                f"cannot open reference deck (not a PowerPoint .pptx or .potx file): {exc}", file=self.source
            ) from None
        self._drop_slides()
        self.digest = hashlib.sha256(data).hexdigest()
        self.facts = facts_for(self.digest)
        self.W = pt(self.prs.slide_width)
        self.H = pt(self.prs.slide_height)
        self.fonts: FontSet = self.remember("fonts", self._theme_fonts)
        self._layouts = [layout for master in self.prs.slide_masters for layout in master.slide_layouts]
        self._positions = {id(layout._element): k for k, layout in enumerate(self._layouts)}
        self._infos: dict[int, LayoutInfo] = {}

    def _theme_fonts(self) -> FontSet:
        try:
            theme_blob = self.prs.slide_master.part.part_related_by(RT.THEME).blob
        except KeyError:
            theme_blob = None
        return theme_fonts(theme_blob)

    def remember(self, key, compute):
        """Return ``compute()``, computed once per process for this template's bytes and ``key``
        (a result that raises is not kept: it raises again on the next call)."""
        kept = self.facts.remembered
        if key not in kept:
            value = compute()
            if len(kept) >= RESULTS_REMEMBERED:
                kept.clear()
            kept[key] = value
        return kept[key]

    def _position(self, layout) -> int | None:
        """Return a layout's place among this template's layouts (None: a layout of another presentation)."""
        return self._positions.get(id(layout._element))

    def _per_layout(self, table: dict, key, layout, compute):
        """Return ``compute()`` kept in the facts ``table`` under ``key`` (computed afresh for a stranger layout)."""
        if self._position(layout) is None:
            return compute()
        if key not in table:
            table[key] = compute()
        return table[key]

    def _drop_slides(self) -> None:
        sld_ids = self.prs.slides._sldIdLst
        for sld_id in list(sld_ids):
            self.prs.part.drop_rel(sld_id.rId)
            sld_ids.remove(sld_id)

    @property
    def layouts(self) -> list:
        """Return the layouts of every slide master, in order."""
        return list(self._layouts)

    @property
    def layout_names(self) -> list[str]:
        """Return the names of the template's layouts, in order."""
        return [layout.name for layout in self.layouts]

    def _find(self, name: str):
        for layout in self.layouts:
            if name_matches(layout.name, name):
                return layout
        return None

    def shape(self, layout) -> Shape:
        """Return what the layout choice needs to know about a layout (kept per template)."""
        return self._per_layout(self.facts.shapes, self._position(layout), layout, lambda: self._shape(layout))

    def _shape(self, layout) -> Shape:
        info = self.info(layout)
        titles = [p for p in layout.placeholders if ph_type(p) in TITLE_TYPES and self._holds_a_line(p)]
        types = {ph_type(p) for p in layout.placeholders}
        kind = layout._element.get("type", "")
        low_title = bool(titles) and shape_rect(titles[0]).y > self.H * 0.25  # a title in the middle: a title slide
        if PP_PLACEHOLDER.CENTER_TITLE in types or (titles and PP_PLACEHOLDER.SUBTITLE in types) or low_title:
            structure = "title"
        elif info.columns:
            structure = "twoObj"
        elif titles and info.content:
            structure = "obj"
        elif titles:
            structure = "titleOnly"
        else:
            structure = "blank" if not list(layout.placeholders) or types <= set(FOOTER_TYPES) else ""
        big = [p for p in layout.placeholders if ph_type(p) in CONTENT_TYPES and self._big(p)]
        return Shape(
            name=layout.name,
            type=kind or "cust",
            structure=structure,
            has_title=bool(titles),
            has_content=any(ph_type(p) != PP_PLACEHOLDER.SUBTITLE for p in big),
            has_columns=bool(info.columns),
            chart=any(ph_type(p) == PP_PLACEHOLDER.CHART for p in big),
            table=any(ph_type(p) == PP_PLACEHOLDER.TABLE for p in big),
        )

    def choice(self, role: str) -> tuple[LayoutInfo, str] | None:
        """Return the layout a role takes and why, or None when no layout has what it needs."""
        chosen = self.facts.chosen
        if role not in chosen:
            chosen[role] = choose(role, [self.shape(layout) for layout in self._layouts])
        found = chosen[role]
        if found is None:
            return None
        return self.info(self._layouts[found[0]]), found[1]

    def for_role(self, role: str) -> LayoutInfo:
        """Return the best layout for a role, or fail saying what it needs and listing the layouts present."""
        found = self.choice(role)
        if found is not None:
            info, why = found
            info.reason = why
            return info
        raise ConfigError(
            f"the template has no layout for {role} slides: they need {missing(role)}; "
            f"layouts present: {', '.join(repr(n) for n in self.layout_names) or 'none'}",
            file=self.source,
        )

    def named(self, name: str, loc: Location | None) -> LayoutInfo:
        """Return the layout a slide asks for by name (in any language); a standard name missing from the
        template falls back like its role ("Two Content" → ...); else fail at the slide's heading."""
        layout = self._find(name)
        if layout is not None:
            return self.info(layout)
        for role, names in LAYOUT_ROLES.items():
            if name_matches(names[0], name) or any(name_matches(n, name) for step in RULES[role] for n in step.names[:1]):
                return self.for_role(role)
        raise ConfigError(
            f"layout {name!r} is not in {self.source}; "
            f"layouts present: {', '.join(repr(n) for n in self.layout_names) or 'none'}",
            file=loc.file if loc else self.source,
            line=loc.line if loc else None,
        )

    def palette(self, layout) -> Palette:
        """Return a layout's theme colours, colour map and backgrounds (cached)."""
        return self._per_layout(
            self.facts.palettes, self._position(layout), layout, lambda: palette_for(layout, self.W, self.H)
        )

    # -- geometry

    def info(self, layout) -> LayoutInfo:
        """Return where titles and content go on a layout (cached; measured once per template and process)."""
        key = id(layout._element)
        if key not in self._infos:
            geometry = self._per_layout(self.facts.geometry, self._position(layout), layout, lambda: self._measure(layout))
            title, content, area, columns, obstacles = geometry
            self._infos[key] = LayoutInfo(layout, layout.name, title, list(content), area, columns, obstacles)
        return self._infos[key]

    def content_insets(self, layout) -> Insets:
        """Return the insets of the layout's text content placeholder (``content_insets``; kept per template)."""
        return self._per_layout(self.facts.insets, self._position(layout), layout, lambda: content_insets(layout))

    def footer_top(self, layout) -> float:
        """Return the top of the footer band: the highest footer placeholder in the lower half, else the
        band dossier draws its footer in (kept per template)."""
        return self._per_layout(self.facts.footer_tops, self._position(layout), layout, lambda: self._footer_top(layout))

    def _footer_top(self, layout) -> float:
        tops = [
            shape_rect(ph).y
            for source in (layout.placeholders, layout.slide_master.placeholders)
            for ph in source
            if ph_type(ph) in FOOTER_TYPES and shape_rect(ph).y > self.H / 2
        ]
        return min(tops) if tops else self.footer_band(layout).y

    def footer_band(self, layout) -> Rect:
        """Return where dossier draws a footer the template has no placeholders for: along the bottom,
        above any picture or shape of the layout or master that lies there."""
        band = Rect(self.W * MARGIN, self.H - FOOTER_BAND, self.W * (1 - 2 * MARGIN), FOOTER_BAND - 8)
        below = [r for r in self.obstacles(layout) if r.overlaps(band)]
        if below:
            top = min(r.y for r in below) - 2
            if top - band.h >= self.H * 0.75:
                band = Rect(band.x, top - band.h, band.w, band.h)
        return band

    def free_below(self, info: LayoutInfo, rect: Rect) -> Rect:
        """Return ``rect`` grown down to the nearest picture, shape or placeholder under it, or the footer band."""
        limit = self.footer_top(info.layout) - 4
        others = list(info.obstacles) + [
            shape_rect(p) for p in info.layout.placeholders if ph_type(p) not in FOOTER_TYPES
        ]
        for r in others:
            if r.y >= rect.bottom - 1 and r.x < rect.right and rect.x < r.right:
                limit = min(limit, r.y - 4)
        return Rect(rect.x, rect.y, rect.w, max(rect.h, limit - rect.y))

    def _holds_a_line(self, ph) -> bool:
        """Return whether a title placeholder is horizontal and tall enough for a line at the body floor."""
        insets = frame_insets(ph)
        return not is_vertical(ph) and shape_rect(ph).h - insets.top - insets.bottom >= MIN_TITLE_ROOM

    def _big(self, ph) -> bool:
        r = shape_rect(ph)
        return r.w * r.h >= MIN_CONTENT_SHARE * self.W * self.H

    def obstacles(self, layout, pictures_only: bool = False) -> list[Rect]:
        """Return the pictures and shapes the layout and (unless it hides them) its master draw,
        except backdrops that cover most of the slide (only the pictures: ``pictures_only``; kept per template)."""
        found = self._per_layout(
            self.facts.obstacles,
            (self._position(layout), pictures_only),
            layout,
            lambda: tuple(self._obstacles(layout, pictures_only)),
        )
        return list(found)

    def _obstacles(self, layout, pictures_only: bool) -> list[Rect]:
        sources = [layout]
        if layout._element.get("showMasterSp") not in ("0", "false"):
            sources.append(layout.slide_master)
        out = []
        for source in sources:
            for shape in source.shapes:
                if shape.is_placeholder or shape.width is None or shape.height is None:
                    continue
                if pictures_only and not shape._element.tag.endswith("}pic"):
                    continue
                r = shape_rect(shape)
                if r.w * r.h >= BACKDROP_SHARE * self.W * self.H:
                    continue
                if r.right <= 0 or r.bottom <= 0 or r.x >= self.W or r.y >= self.H:
                    continue  # off the slide
                out.append(Rect(r.x, r.y, max(r.w, 1.0), max(r.h, 1.0)))
        return out

    def _measure(self, layout) -> tuple:
        W, H = self.W, self.H
        title = next(
            (shape_rect(p) for p in layout.placeholders if ph_type(p) in TITLE_TYPES and not is_vertical(p)), None
        )
        big = [shape_rect(p) for p in layout.placeholders if ph_type(p) in CONTENT_TYPES and self._big(p)]
        big.sort(key=lambda r: (r.x, r.y))
        footer_top = self.footer_top(layout)
        top_floor = title.bottom + 6 if title is not None and title.bottom < H * 0.5 else TITLE_BAND.bottom * H + 6
        bottom = footer_top - 4
        x, w = self._sides(layout, title)
        if big:
            area = union(big)
            y0 = max(area.y, top_floor)
            area = Rect(area.x, y0, area.w, min(area.bottom, bottom) - y0)
        else:
            y0 = top_floor + 6
            area = Rect(x, y0, w, bottom - 2 - y0)
        if area.h < H * 0.25 or area.w < W * 0.3:  # odd placeholders: fall back to the space under the title
            y0 = top_floor + 6
            area = Rect(x, y0, w, bottom - 2 - y0)
        obstacles = self.obstacles(layout)
        area = clear_of(area, obstacles + ([title] if title is not None else []))  # a title low on the slide too
        columns: tuple[Rect, ...] = ()
        if len(big) >= 2 and big[0].right <= big[1].x + 1:
            columns = tuple(
                clear_of(Rect(r.x, area.y, r.w, area.h), obstacles) for r in big[:2]
            )
        return title, tuple(big), area, columns, tuple(obstacles)

    def _sides(self, layout, title: Rect | None) -> tuple[float, float]:
        """Return the left edge and width of content on a layout without content placeholders: the
        master's body placeholder, else the title's (unless it bleeds to the slide's edges), else margins."""
        W = self.W
        body = next(
            (p for p in layout.slide_master.placeholders if ph_type(p) in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)),
            None,
        )
        if body is not None and self._big(body):
            r = shape_rect(body)
            return r.x, r.w
        if title is not None and title.w > W * 0.5 and title.x > W * 0.02 and title.right < W * 0.98:
            return title.x, title.w
        return W * MARGIN, W * (1 - 2 * MARGIN)


def clear_of(area: Rect, obstacles: list[Rect]) -> Rect:
    """Return the largest part of ``area`` above, below, left or right of each obstacle it overlaps."""
    for ob in sorted(obstacles, key=lambda r: -_shared(area, r)):
        if not area.overlaps(ob):
            continue
        gap = 6.0
        candidates = [
            Rect(area.x, area.y, area.w, ob.y - gap - area.y),
            Rect(area.x, ob.bottom + gap, area.w, area.bottom - ob.bottom - gap),
            Rect(area.x, area.y, ob.x - gap - area.x, area.h),
            Rect(ob.right + gap, area.y, area.right - ob.right - gap, area.h),
        ]
        best = max(candidates, key=lambda r: max(r.w, 0) * max(r.h, 0))
        if best.w > 0 and best.h > 0:
            area = best
    return area


def _shared(a: Rect, b: Rect) -> float:
    w = min(a.right, b.right) - max(a.x, b.x)
    h = min(a.bottom, b.bottom) - max(a.y, b.y)
    return w * h if w > 0 and h > 0 else 0.0
