"""PowerPoint writer: the document model → a .pptx deck on the template's named layouts.

Slides follow pandoc's conventions (``pptx_slides``); each slide takes the layout it asks
for by name, else the one its content calls for (``pptx_template.LAYOUT_ROLES``); content
is placed by ``pptx_layout`` in the layout's content area with text measured in the
theme's fonts, so every size is set explicitly and nothing depends on autofit.
"""

from __future__ import annotations

import io
from pathlib import Path

from pptx.enum.shapes import PP_PLACEHOLDER

from dossier.model import Document
from dossier.writers.chart_placement import DrawChart
from dossier.writers.ooxml_package import reproducible_zip, set_core_properties
from dossier.writers.pptx_boxes import BODY_FLOOR, INSET_X, INSET_Y, Rect, Sizes, TextBox
from dossier.writers.pptx_content import emit_items
from dossier.writers.pptx_emit import add_textbox, emit_paras
from dossier.writers.pptx_fit import fit_lines, fit_or_cut
from dossier.writers.pptx_fonts import current_fonts, use_fonts
from dossier.writers.pptx_layout import is_short, plan
from dossier.writers.pptx_placeholders import (
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
from dossier.writers.pptx_slides import (
    CONT,
    LogicalSlide,
    blocks_text,
    continued,
    footnote_line,
    group_slides,
)
from dossier.writers.pptx_template import TITLE_BAND, LayoutInfo, Template, shape_rect
from dossier.writers.pptx_text import Para, Span, clean
from dossier.writers.pptx_units import QuoteUnit, TableUnit, TextUnit, Unit, VisualGroup, content_units
from dossier.writers.pptx_wrap import forget_measurements

TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
SUBTITLE_TYPES = (PP_PLACEHOLDER.SUBTITLE, PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
GREY = "595959"
DESCENT = 0.2  # ems below the last line a renderer's glyph boxes may reach


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

    def write(self, document: Document, target: Path) -> None:
        """Write the deck to ``target``."""
        template = Template(self.reference_pptx)
        floor = self.min_font_size or _number(document.meta.get("min_font_size")) or BODY_FLOOR
        try:
            with use_fonts(template.fonts):
                _Deck(template, document, Sizes(floor=floor), self.draw_chart).build()
        finally:
            forget_measurements()
        set_core_properties(template.prs.core_properties, document.meta)
        raw = io.BytesIO()
        template.prs.save(raw)
        target.write_bytes(reproducible_zip(raw.getvalue()))


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
        self.sizes = sizes
        self.W, self.H = template.W, template.H
        self.footer_styles: dict = {}

    def build(self) -> None:
        if self._meta("title") or self._meta("subtitle"):
            self._cover()
        for ls in group_slides(self.document.blocks):
            if ls.kind == "section":
                self._section(ls)
            else:
                self._content(ls)
        if self._meta("closing"):
            self._closing()

    def _meta(self, key: str) -> str:
        value = self.meta.get(key)
        return clean(str(value)).strip() if value not in (None, "") else ""

    def _byline(self) -> str:
        return " · ".join(
            x for x in (self._meta("author"), self._meta("date_text") or self._meta("date")) if x
        )

    # -- slide kinds

    def _cover(self) -> None:
        info = self.t.for_role("title")
        slide = self.prs.slides.add_slide(info.layout)
        title = self._meta("title")
        self._title(
            slide, title, (40, 28, 3, 20), Rect(0.07 * self.W, 0.25 * self.H, 0.86 * self.W, 0.3 * self.H)
        )
        lines = [Para(spans=(Span(self._meta("subtitle")),))] if self._meta("subtitle") else []
        if self._byline():
            lines.append(Para(spans=(Span(self._byline()),), scale=0.75, space_before=0.6, color=GREY))
        self._subtitle(slide, lines)
        drop_empty_placeholders(slide)
        self._footer(slide, info, number=False)
        self._notes(slide, [x for x in (title, self._meta("subtitle"), self._byline()) if x])

    def _closing(self) -> None:
        info = self.t.for_role("closing")
        slide = self.prs.slides.add_slide(info.layout)
        self._title(
            slide,
            self._meta("closing"),
            (40, 28, 3, 20),
            Rect(0.07 * self.W, 0.3 * self.H, 0.86 * self.W, 0.25 * self.H),
        )
        self._subtitle(slide, [Para(spans=(Span(self._byline()),))] if self._byline() else [])
        drop_empty_placeholders(slide)
        self._footer(slide, info, number=False)
        self._notes(slide, [self._meta("closing")])

    def _subtitle(self, slide, lines: list[Para]) -> None:
        if not lines:
            return
        ph = placeholder(slide, *SUBTITLE_TYPES)
        rect = (
            shape_rect(ph)
            if ph is not None
            else Rect(0.1 * self.W, 0.58 * self.H, 0.8 * self.W, 0.2 * self.H)
        )
        align = inherited_align(ph) if ph is not None else "ctr"
        start = inherited_size(ph, 24) if ph is not None else 24
        size, lines = fit_or_cut(
            [_aligned(p, align) for p in lines],
            rect.w - 2 * INSET_X,
            rect.h - 2 * INSET_Y,
            start,
            min(start, self.sizes.floor),
        )
        if ph is not None:
            fix_geometry(ph)
            emit_paras(ph.text_frame, lines, size)
            ph.name = "Subtitle"
        else:
            add_textbox(slide, TextBox(rect, lines, size, name="Subtitle"))

    def _section(self, ls: LogicalSlide) -> None:
        info = self.t.named(ls.layout, ls.loc) if ls.layout else self.t.for_role("section")
        slide = self.prs.slides.add_slide(info.layout)
        self._title(
            slide, ls.title, (40, 28, 3, 20), Rect(0.07 * self.W, 0.35 * self.H, 0.86 * self.W, 0.3 * self.H)
        )
        drop_empty_placeholders(slide)
        self._footer(slide, info)
        lines, refs = self._speaker_notes(ls)
        self._notes(slide, (lines or [ls.title]) + self._sources(list(ls.title_refs) + refs, []))

    def _content(self, ls: LogicalSlide) -> None:
        units = content_units(ls.blocks)
        info = self.t.named(ls.layout, ls.loc) if ls.layout else self.t.for_role(self._role(ls, units))
        pages = plan(units, info.area, self.sizes, sources=ls.is_sources, columns=info.columns)
        speaker, speaker_refs = self._speaker_notes(ls)
        for i, page in enumerate(pages):
            title = ls.title if i == 0 else continued(ls.title)
            slide = self.prs.slides.add_slide(info.layout)
            if title:
                self._title(slide, title, (36, 24, 2, 18), self._free_title_rect(info))
            emit_items(slide, page.items, self.draw_chart)
            drop_empty_placeholders(slide)
            self._footer(slide, info)
            if i == 0:
                lines = list(speaker)
                refs = list(ls.title_refs) + speaker_refs + page.refs()
            else:
                lines = [
                    f"Continued from “{ls.title}”." if ls.title else "Continued from the previous slide."
                ]
                refs = page.refs()
            sources = self._sources(refs, page.visuals())
            if not lines and not sources:
                lines = [title or "Untitled slide"]
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

    def _title(self, slide, text: str, sizes: tuple[float, float, int, float], free: Rect) -> None:
        """Fit a title into the slide's title placeholder (its inherited size, weight and case), else a text box."""
        start, floor, lines, last = sizes
        font = current_fonts().heading
        ph = placeholder(slide, *TITLE_TYPES)
        if ph is None:
            size, shown = fit_lines(
                text,
                free.w - 2 * INSET_X,
                free.h - 2 * INSET_Y,
                start,
                floor,
                lines,
                bold=True,
                last_resort=last,
                keep_suffix=CONT,
                font=font,
            )
            box = TextBox(
                free, [Para(spans=(Span(shown),), bold=True, font=font)], size, anchor="ctr", name="Title"
            )
            add_textbox(slide, box)
            return
        fix_geometry(ph)
        r = shape_rect(ph)
        start = inherited_size(ph, start)
        floor = min(floor, start)
        bold, caps = inherited_bold(ph), inherits_caps(ph)
        bottom = INSET_Y + DESCENT * start  # a bottom-anchored title's descenders stay inside its box
        size, shown = fit_lines(
            text,
            r.w - 2 * INSET_X,
            r.h - INSET_Y - bottom,
            start,
            floor,
            lines,
            bold=bold,
            caps=caps,
            last_resort=min(last, floor),
            keep_suffix=CONT,
            font=font,
        )
        emit_paras(
            ph.text_frame,
            [Para(spans=(Span(shown),), bold=bold, caps=caps, font=font, align=inherited_align(ph))],
            size,
            bottom=bottom,
        )

    def _footer(self, slide, info: LayoutInfo, number: bool = True) -> None:
        texts = FooterText(
            date=self._meta("date_text") or self._meta("date"),
            marking=self._meta("classification"),
            number=str(len(self.prs.slides)) if number else "",
        )
        add_footer(slide, info.layout, self.prs.slide_master, texts, self.W, self.H, self.footer_styles)

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
                out.append(clean(f"Chart “{v.title}”: {v.source}" if v.title else v.source))
        return (["", "Sources:"] + out) if out else []

    def _notes(self, slide, lines: list[str]) -> None:
        while lines and not lines[0].strip():
            lines = lines[1:]
        slide.notes_slide.notes_text_frame.text = clean("\n".join(lines))


def _aligned(p: Para, align: str) -> Para:
    from dataclasses import replace

    return replace(p, align=align)
