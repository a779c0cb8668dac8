"""PowerPoint writer: the document model → a .pptx deck on the template's layouts.

Slides follow pandoc's conventions (``pptx_slides``); each slide takes the layout it asks
for by name, else the one its content calls for (``pptx_layout_choice``); content is placed
by ``pptx_layout`` in the layout's content area, clear of the master's logos and bands, with
text measured in the theme's fonts and the template's insets, so every size is set
explicitly and nothing depends on autofit. Text that fits nowhere at the floor fails the
build naming the slide; it is never cut.
"""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn

from dossier.errors import WriterError
from dossier.language_tags import document_locale, use_document_locale
from dossier.messages import message_locale, translate
from dossier.model import Document, Location
from dossier.writers.chart_placement import DrawChart
from dossier.writers.app_properties import pptx_properties, slide_size_type, with_app_properties
from dossier.writers.ooxml_package import reproducible_zip, set_core_properties
from dossier.writers.pptx.boxes import BODY_FLOOR, Insets, Rect, Sizes, TextBox, use_insets
from dossier.writers.pptx.content import emit_items
from dossier.writers.pptx.emit import add_textbox, coloured, emit_paras
from dossier.writers.pptx.fit import DoesNotFit, fit_lines, fit_or_fail
from dossier.writers.pptx.fonts import current_fonts, use_fonts
from dossier.writers.pptx.frames import forget_bases, frame_anchor, frame_insets, slide_placeholders
from dossier.writers.pptx.layout import is_short, plan
from dossier.writers.pptx.placeholders import (
    FooterText,
    add_footer,
    drop_empty_placeholders,
    fix_geometry,
    inherited_align,
    inherited_bold,
    inherited_size,
    inherits_caps,
    placeholder,
)
from dossier.writers.pptx.slides import (
    LogicalSlide,
    blocks_text,
    continued,
    footnote_line,
    group_slides,
)
from dossier.writers.pptx.template import TITLE_BAND, LayoutInfo, Template, clear_of, ph_type, shape_rect
from dossier.writers.pptx.text import Para, Span, clean
from dossier.writers.pptx.layout_choice import ROLES
from dossier.writers.pptx.theme_check import check_theme as theme_warnings
from dossier.writers.pptx.units import QuoteUnit, TableUnit, TextUnit, Unit, VisualGroup, content_units
from dossier.writers.pptx.wrap import forget_measurements

TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
SUBTITLE_TYPES = (PP_PLACEHOLDER.SUBTITLE, PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
DESCENT = 0.2  # ems a bottom-anchored title keeps under its last line for its descenders
GLYPH_OVERHANG = 0.15  # ems a line's glyphs reach below the line (LibreOffice, Carlito and Liberation Sans)


class PptxWriter:
    """Writes a Document as a slide deck on a template (``templates/theme/reference.pptx`` or the built-in one).

    ``min_font_size`` is the floor for body text (default 14 pt); a document's front matter
    may raise or lower it with ``min_font_size:``. ``draw_chart`` draws a chart for the box it
    is placed in (without it, each chart's pre-drawn ``images["slide"]`` is placed).
    """

    name = "pptx"
    suffix = ".pptx"
    chart_profile = "slide"

    def __init__(self, reference_pptx: Path | None = None, *, min_font_size: float | None = None,
                 draw_chart: DrawChart | None = None) -> None:
        self.reference_pptx = Path(reference_pptx) if reference_pptx is not None else None
        self.min_font_size = min_font_size
        self.draw_chart = draw_chart
        self.warnings: list[str] = []  # the template's, from the last check or write

    @staticmethod
    def check_theme(reference: Path) -> list[str]:
        """Return the warnings about a template whatever the deck (a template no content slide can use,
        or that is no PowerPoint file, raises): what ``dossier check`` and ``build`` report before writing."""
        template = Template(reference)
        template.for_role("content")
        try:
            with use_fonts(template.fonts):
                return theme_warnings(template, {role for role in ROLES if template.choice(role) is not None})
        finally:
            forget_measurements()
            forget_bases()

    def check(self, document: Document) -> list[str]:
        """Check the template for this document as ``write`` would, writing nothing; return the warnings
        (a role the deck needs that no layout can take raises ``ConfigError``)."""
        template = Template(self.reference_pptx)
        try:
            with use_fonts(template.fonts):
                deck = _Deck(template, document, Sizes(floor=self._floor(document)))
                self.warnings = theme_warnings(template, deck.roles())
        finally:
            forget_measurements()
            forget_bases()
        return self.warnings

    def _floor(self, document: Document) -> float:
        return self.min_font_size or _number(document.meta.get("min_font_size")) or BODY_FLOOR

    def write(self, document: Document, target: Path) -> None:
        """Check the template (``check``), then write the deck to ``target``."""
        template = Template(self.reference_pptx)
        try:
            with use_fonts(template.fonts), use_document_locale(document_locale(document.meta)):
                deck = _Deck(template, document, Sizes(floor=self._floor(document)), self.draw_chart)
                self.warnings = theme_warnings(template, deck.roles())
                deck.build()
                self.warnings += deck.warnings
        finally:
            forget_measurements()
            forget_bases()
        set_core_properties(template.prs.core_properties, document.meta, document.source)
        name_slide_size(template.prs)
        raw = io.BytesIO()
        template.prs.save(raw)
        target.write_bytes(reproducible_zip(with_app_properties(raw.getvalue(), pptx_properties)))


def _number(value: object) -> float | None:
    try:
        return float(value) if value not in (None, "") else None  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


class _Deck:
    def __init__(self, template: Template, document: Document, sizes: Sizes, draw_chart: DrawChart | None = None) -> None:
        self.draw_chart = draw_chart
        self.t = template
        self.prs = template.prs
        self.document = document
        self.meta = document.meta or {}
        self.locale = message_locale(self.meta)
        self.sizes = sizes
        self.W, self.H = template.W, template.H
        self.footer_styles: dict = {}
        self.warnings: list[str] = []  # what the deck had to leave out

    def build(self) -> None:
        if self._meta("title") or self._meta("subtitle"):
            self._cover()
        for ls in group_slides(self.document.blocks, self.locale):
            if ls.kind == "section":
                self._section(ls)
            else:
                self._content(ls)
        if self._meta("closing"):
            self._closing()

    def roles(self) -> set[str]:
        """Return the kinds of slide the document makes that take their layout by role."""
        out = {"title"} if self._meta("title") or self._meta("subtitle") else set()
        if self._meta("closing"):
            out.add("closing")
        for ls in group_slides(self.document.blocks, self.locale):
            if ls.layout:
                self.t.named(ls.layout, ls.loc)
            elif ls.kind == "section":
                out.add("section")
            else:
                out.add(self._role(ls, content_units(ls.blocks)))
        return out

    def _meta(self, key: str) -> str:
        value = self.meta.get(key)
        return clean(str(value)).strip() if value not in (None, "") else ""

    def _byline(self) -> str:
        return " · ".join(
            x for x in (self._meta("author"), self._meta("date_text") or self._meta("date")) if x
        )

    def _fail(self, exc: DoesNotFit, what: str, loc: Location | None = None) -> WriterError:
        """Return the error for text that fits nowhere, naming the slide (its number and title)."""
        where = loc or Location(self.document.source, 1)
        return WriterError(
            f"slide {len(self.prs.slides)} ({what}): {exc}; shorten the text, lower min_font_size, "
            "or give the layout a larger box",
            file=where.file,
            line=where.line,
        )

    # -- slide kinds

    def _cover(self) -> None:
        info = self.t.for_role("title")
        slide = self.prs.slides.add_slide(info.layout)
        title = self._meta("title")
        try:
            self._title(slide, info, title, (40, 28, 3), Rect(0.07 * self.W, 0.25 * self.H, 0.86 * self.W, 0.3 * self.H))
            lines = [Para(spans=(Span(self._meta("subtitle")),))] if self._meta("subtitle") else []
            if self._byline():
                lines.append(Para(spans=(Span(self._byline()),), scale=0.75, space_before=0.6, color="muted"))
            self._subtitle(slide, info, lines)
            drop_empty_placeholders(slide)
            self._footer(slide, info, number=False)
        except DoesNotFit as exc:
            raise self._fail(exc, f"title slide “{title}”") from None
        self._notes(slide, [x for x in (title, self._meta("subtitle"), self._byline()) if x])

    def _closing(self) -> None:
        info = self.t.for_role("closing")
        slide = self.prs.slides.add_slide(info.layout)
        try:
            self._title(
                slide,
                info,
                self._meta("closing"),
                (40, 28, 3),
                Rect(0.07 * self.W, 0.3 * self.H, 0.86 * self.W, 0.25 * self.H),
            )
            self._subtitle(slide, info, [Para(spans=(Span(self._byline()),))] if self._byline() else [])
            drop_empty_placeholders(slide)
            self._footer(slide, info, number=False)
        except DoesNotFit as exc:
            raise self._fail(exc, f"closing slide “{self._meta('closing')}”") from None
        self._notes(slide, [self._meta("closing")])

    def _subtitle(self, slide, info: LayoutInfo, lines: list[Para]) -> None:
        """Put the subtitle and byline into the slide's subtitle placeholder (or, when the layout has two
        text placeholders under its title, the byline into the second), else a text box."""
        if not lines:
            return
        palette = self.t.palette(info.layout)
        phs = sorted(
            (p for p in slide_placeholders(slide) if ph_type(p) in SUBTITLE_TYPES), key=lambda p: (shape_rect(p).y, shape_rect(p).x)
        )
        if not phs:
            rect = Rect(0.1 * self.W, 0.58 * self.H, 0.8 * self.W, 0.2 * self.H)
            with use_insets(Insets()):
                size, lines = fit_or_fail(
                    [_aligned(p, "ctr") for p in lines], *_room(rect, Insets()), 24, min(24, self.sizes.floor)
                )
                add_textbox(slide, TextBox(rect, lines, size, name="Subtitle"), palette)
            return
        groups = [lines[:1], lines[1:]] if len(phs) >= 2 and len(lines) >= 2 else [lines]
        for ph, group in zip(phs, groups):
            self._fill_subtitle(ph, info, palette, [replace(p, space_before=0.0) if k == 0 else p for k, p in enumerate(group)])

    def _fill_subtitle(self, ph, info: LayoutInfo, palette, lines: list[Para]) -> None:
        rect, insets = shape_rect(ph), frame_insets(ph)
        start = inherited_size(ph, 24)
        paras = [_aligned(p, inherited_align(ph)) for p in lines]
        fix_geometry(ph)
        try:
            size, lines = fit_or_fail(paras, *_room(rect, insets), start, min(start, self.sizes.floor))
        except DoesNotFit:  # grow the box down into the free space under it, as "resize shape to fit text" would
            rect = self.t.free_below(info, rect)
            size, lines = fit_or_fail(paras, *_room(rect, insets), start, min(start, self.sizes.floor))
            ph.height = round(rect.h * 12700)
        emit_paras(ph.text_frame, coloured(lines, palette, palette.behind(rect), None), size, frame=False)
        ph.name = "Subtitle"

    def _section(self, ls: LogicalSlide) -> None:
        info = self.t.named(ls.layout, ls.loc) if ls.layout else self.t.for_role("section")
        slide = self.prs.slides.add_slide(info.layout)
        try:
            self._title(
                slide, info, ls.title, (40, 28, 3), Rect(0.07 * self.W, 0.35 * self.H, 0.86 * self.W, 0.3 * self.H)
            )
            drop_empty_placeholders(slide)
            self._footer(slide, info)
        except DoesNotFit as exc:
            raise self._fail(exc, f"section “{ls.title}”", ls.loc) from None
        lines, refs = self._speaker_notes(ls)
        self._notes(slide, (lines or [ls.title]) + self._sources(list(ls.title_refs) + refs, []))

    def _content(self, ls: LogicalSlide) -> None:
        units = content_units(ls.blocks)
        info = self.t.named(ls.layout, ls.loc) if ls.layout else self.t.for_role(self._role(ls, units))
        palette = self.t.palette(info.layout)
        with use_insets(self.t.content_insets(info.layout)):
            try:
                pages = plan(units, info.area, self.sizes, sources=ls.is_sources, columns=info.columns)
            except DoesNotFit as exc:
                raise self._fail(exc, f"“{ls.title}”" if ls.title else "untitled", ls.loc) from None
            speaker, speaker_refs = self._speaker_notes(ls)
            for i, page in enumerate(pages):
                title = ls.title if i == 0 else continued(ls.title, self.locale)
                slide = self.prs.slides.add_slide(info.layout)
                try:
                    if title:
                        self._title(slide, info, title, (36, 24, 2), self._free_title_rect(info))
                    emit_items(slide, page.items, palette, self.draw_chart)
                    drop_empty_placeholders(slide)
                    self._footer(slide, info)
                except DoesNotFit as exc:
                    raise self._fail(exc, f"“{title}”" if title else "untitled", ls.loc) from None
                if i == 0:
                    lines = list(speaker)
                    refs = list(ls.title_refs) + speaker_refs + page.refs()
                else:
                    lines = [
                        translate(self.locale, "Continued from “{title}”.").format(title=ls.title) if ls.title
                        else translate(self.locale, "Continued from the previous slide.")
                    ]
                    refs = page.refs()
                sources = self._sources(refs, page.visuals())
                if not lines and not sources:
                    lines = [title or translate(self.locale, "Untitled slide")]
                self._notes(slide, lines + sources)

    def _role(self, ls: LogicalSlide, units: list[Unit]) -> str:
        """Return the kind of layout a slide's content calls for."""
        if ls.is_sources:
            return "sources"
        kinds = {type(u) for u in units}
        texts = [u for u in units if isinstance(u, TextUnit)]
        probe = Rect(0.05 * self.W, 0.2 * self.H, 0.9 * self.W, 0.65 * self.H)
        if kinds and kinds <= {VisualGroup, TextUnit} and VisualGroup in kinds:
            if len([u for u in units if isinstance(u, VisualGroup)]) == 1 and any(
                not is_short(t, probe, self.sizes) for t in texts
            ):
                return "two"
            return "chart"
        if kinds and kinds <= {TableUnit, TextUnit} and TableUnit in kinds:
            return "table"
        if kinds and kinds <= {QuoteUnit, TextUnit} and QuoteUnit in kinds:
            return "quote"
        return "content"

    # -- pieces

    def _free_title_rect(self, info: LayoutInfo) -> Rect:
        """Return where a title goes: the layout's title placeholder, else a band the content area leaves free."""
        if info.title is not None:
            return info.title
        band = TITLE_BAND
        return Rect(band.x * self.W, band.y * self.H, band.w * self.W, band.h * self.H)

    def _title(self, slide, info: LayoutInfo, text: str, sizes: tuple[float, float, int], free: Rect) -> None:
        """Fit a title into the slide's title placeholder (its inherited size, weight, case, insets and
        anchor), else a text box: shrunk down to the deck's floor, never cut, no word broken."""
        start, floor, lines = sizes
        font = current_fonts().heading
        ph = placeholder(slide, *TITLE_TYPES)
        if ph is None:
            insets = Insets()
            size, shown = fit_lines(
                text, *_room(free, insets), start, floor, lines, bold=True, last_resort=self.sizes.floor, font=font
            )
            box = TextBox(
                free, [Para(spans=(Span(shown),), bold=True, font=font)], size, anchor="ctr", name="Title"
            )
            with use_insets(insets):
                add_textbox(slide, box, self.t.palette(info.layout))
            return
        fix_geometry(ph)
        r, insets = shape_rect(ph), frame_insets(ph)
        clear = clear_of(r, self.t.obstacles(info.layout, pictures_only=True))
        if clear != r:  # a logo in the title's box: the title keeps clear of it
            r = clear
            ph.left, ph.top, ph.width, ph.height = (round(v * 12700) for v in (r.x, r.y, r.w, r.h))
        start = inherited_size(ph, start)
        floor = min(floor, start)
        bold, caps = inherited_bold(ph), inherits_caps(ph)
        if frame_anchor(ph) == "b" and insets.bottom < DESCENT * start:
            # a bottom-anchored title's descenders stay inside its box: its bottom inset holds them
            insets = replace(insets, bottom=DESCENT * start)
            ph.text_frame._txBody.bodyPr.set("bIns", str(round(insets.bottom * 12700)))
        width, height = _room(r, insets)
        anchor = frame_anchor(ph)
        size, shown = fit_lines(
            text,
            width,
            height,
            start,
            floor,
            lines,
            bold=bold,
            caps=caps,
            last_resort=min(self.sizes.floor, floor),
            font=font,
            overhang=GLYPH_OVERHANG,
            inset_below=insets.bottom,
            centred=anchor == "ctr",
        )
        emit_paras(
            ph.text_frame,
            [Para(spans=(Span(shown),), bold=bold, caps=caps, font=font, align=inherited_align(ph))],
            size,
            frame=False,
        )

    def _footer(self, slide, info: LayoutInfo, number: bool = True) -> None:
        texts = FooterText(
            date=self._meta("date_text") or self._meta("date"),
            marking=self._meta("classification"),
            number=str(len(self.prs.slides)) if number else "",
        )
        left_out = add_footer(
            slide,
            info.layout,
            texts,
            self.W,
            self.H,
            self.footer_styles,
            self.t.palette(info.layout),
            self.t.footer_band(info.layout),
            info.obstacles,
        )
        for name in left_out:
            warning = (
                f"{self.t.source}: layout {info.name!r} leaves no room clear of its pictures for the footer's "
                f"{name.lower()}: it is left out on its slides"
            )
            if warning not in self.warnings:
                self.warnings.append(warning)

    # -- notes

    def _speaker_notes(self, ls: LogicalSlide) -> tuple[list[str], list[str]]:
        lines: list[str] = []
        refs: list[str] = []
        for n in ls.notes:
            sub, r = blocks_text(n.blocks)
            lines.extend(sub)
            refs.extend(r)
        return lines, refs

    def _sources(self, refs: list[str], visuals) -> list[str]:
        seen: dict[str, tuple[int, str]] = {}
        for label in refs:
            if label not in seen:
                seen[label] = footnote_line(self.document, label)
        out = [text for _, text in sorted(seen.values())]
        for v in visuals:
            if v.source:
                chart_source = translate(self.locale, "Chart “{title}”: {source}")
                out.append(clean(chart_source.format(title=v.title, source=v.source) if v.title else v.source))
        return (["", translate(self.locale, "Sources:")] + out) if out else []

    def _notes(self, slide, lines: list[str]) -> None:
        while lines and not lines[0].strip():
            lines = lines[1:]
        slide.notes_slide.notes_text_frame.text = clean("\n".join(lines))


def _room(rect: Rect, insets: Insets) -> tuple[float, float]:
    """Return the width and height for text inside ``rect`` with ``insets``."""
    return rect.w - insets.left - insets.right, rect.h - insets.top - insets.bottom


def _aligned(p: Para, align: str) -> Para:
    return replace(p, align=align)


def name_slide_size(prs) -> None:
    """Type the slide size by its dimensions (a 16:9 deck is not "screen4x3"), as PowerPoint names them."""
    size = prs.part._element.find(qn("p:sldSz"))
    kind, _ = slide_size_type(int(size.get("cx")), int(size.get("cy")))
    if kind is None:
        size.attrib.pop("type", None)  # "custom", the default; PowerPoint's own widescreen decks write none
    else:
        size.set("type", kind)
