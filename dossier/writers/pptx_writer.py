"""PowerPoint writer: the document model → a .pptx deck (python-pptx).

Slides follow pandoc's conventions (see ``pptx_slides``); content is placed by
``pptx_layout`` with text measured by ``pptx_fit``, so every size is set
explicitly on the runs and nothing depends on PowerPoint's autofit.
"""

from __future__ import annotations

import io

from dataclasses import replace
from pathlib import Path
from zipfile import BadZipFile

from lxml.etree import XMLSyntaxError
from pptx import Presentation
from pptx.enum.shapes import MSO_CONNECTOR, PP_PLACEHOLDER
from pptx.exc import PackageNotFoundError
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from dossier.errors import WriterError
from dossier.model import Document
from dossier.writers.ooxml_package import reproducible_zip, set_core_properties
from dossier.writers.pptx_emit import (
    ACCENT,
    add_bar,
    add_picture,
    add_table,
    add_textbox,
    drop_empty_placeholders,
    emit_paras,
    emu,
    fix_geometry,
    inherited_align,
    inherits_caps,
    overlap,
    placeholder,
    pt,
    rgb,
    shape_rect,
)
from dossier.writers.pptx_fit import Para, Span, clean, fit_lines, fit_or_cut, para
from dossier.writers.pptx_layout import INSET_X, INSET_Y, BarBox, PictureBox, Rect, TableBox, TextBox, plan
from dossier.writers.pptx_slides import (
    CONT,
    LogicalSlide,
    blocks_text,
    content_units,
    continued,
    footnote_line,
    group_slides,
)

WIDE = (12192000, 6858000)  # 13.333 in × 7.5 in
NAVY = "1F3864"
GREY = "595959"
CLASSIFICATION = "9C0006"
TITLE_SIZES = (36, 24, 2, 18)  # start, floor, most lines, last resort before cutting the text
SECTION_SIZES = (44, 28, 3, 20)
COVER_SIZES = (44, 28, 3, 20)
FOOTER_SIZE = 12
FOOTER_H = 26.0


class PptxWriter:
    """Writes a Document as a 16:9 slide deck."""

    name = "pptx"
    suffix = ".pptx"
    chart_profile = "slide"

    def __init__(self, reference_pptx: Path | None = None) -> None:
        self.reference_pptx = Path(reference_pptx) if reference_pptx is not None else None

    def write(self, document: Document, target: Path) -> None:
        deck = _Deck(self.reference_pptx)
        deck.build(document)
        set_core_properties(deck.prs.core_properties, document.meta)
        raw = io.BytesIO()
        deck.prs.save(raw)
        target.write_bytes(reproducible_zip(raw.getvalue()))


# ------------------------------------------------------------------ the deck


class _Deck:
    def __init__(self, reference: Path | None) -> None:
        self.default = reference is None
        if reference is None:
            self.prs = Presentation()
            self._widen()
        else:
            try:
                self.prs = Presentation(str(reference))
            except (OSError, KeyError, ValueError, BadZipFile, XMLSyntaxError, PackageNotFoundError) as exc:
                raise WriterError(f"cannot open reference deck: {exc}", file=str(reference)) from None
            self._drop_slides()
        self.W = pt(self.prs.slide_width)
        self.H = pt(self.prs.slide_height)
        self.layout_cover = self._layout("Title Slide", {PP_PLACEHOLDER.CENTER_TITLE})
        self.layout_section = self._layout("Section Header", {PP_PLACEHOLDER.TITLE}, avoid_body=False)
        self.layout_content = self._layout("Title Only", {PP_PLACEHOLDER.TITLE})
        self.footer_y = self.H - FOOTER_H - 0.12 * 72
        self.meta: dict = {}
        self.document: Document | None = None

    # -- template handling

    def _widen(self) -> None:
        """Resize the default 4:3 template to 16:9, stretching master and layout shapes."""
        fx = WIDE[0] / self.prs.slide_width
        self.prs.slide_width, self.prs.slide_height = Emu(WIDE[0]), Emu(WIDE[1])
        parts = [self.prs.slide_master] + list(self.prs.slide_layouts)
        for part in parts:
            for xfrm in part._element.iter(qn("a:xfrm")):
                off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
                if off is not None:
                    off.set("x", str(int(int(off.get("x")) * fx)))
                if ext is not None:
                    ext.set("cx", str(int(int(ext.get("cx")) * fx)))

    def _drop_slides(self) -> None:
        sld_ids = self.prs.slides._sldIdLst
        for sld_id in list(sld_ids):
            self.prs.part.drop_rel(sld_id.rId)
            sld_ids.remove(sld_id)

    def _layout(self, name: str, needs: set, avoid_body: bool = True):
        layouts = list(self.prs.slide_layouts)
        for layout in layouts:
            if layout.name.strip().casefold() == name.casefold():
                return layout
        for layout in layouts:
            types = {ph.placeholder_format.type for ph in layout.placeholders}
            if needs <= types and not (avoid_body and types & {PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT}):
                return layout
        for layout in layouts:
            if needs <= {ph.placeholder_format.type for ph in layout.placeholders}:
                return layout
        return layouts[0]  # no layout has the placeholder: the slide gets a plain text box instead

    # -- building

    def build(self, document: Document) -> None:
        self.document = document
        self.meta = document.meta or {}
        if any(str(self.meta.get(k) or "").strip() for k in ("title", "subtitle")):
            self._cover()
        for ls in group_slides(document.blocks):
            if ls.kind == "section":
                self._section(ls)
            else:
                self._content(ls)

    def _meta(self, key: str) -> str:
        value = self.meta.get(key)
        return clean(str(value)).strip() if value not in (None, "") else ""

    # -- slide types

    def _cover(self) -> None:
        slide = self.prs.slides.add_slide(self.layout_cover)
        title_ph = placeholder(slide, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.TITLE)
        sub_ph = placeholder(slide, PP_PLACEHOLDER.SUBTITLE, PP_PLACEHOLDER.BODY)
        title = self._meta("title")
        if title_ph is not None:
            self._fill_title(title_ph, title, COVER_SIZES, bold=True, color=NAVY if self.default else None)
        else:
            self._free_title(
                slide, title, Rect(0.07 * self.W, 0.3 * self.H, 0.86 * self.W, 0.25 * self.H), COVER_SIZES
            )
        lines = [para(self._meta("subtitle"))] if self._meta("subtitle") else []
        byline = " · ".join(x for x in (self._meta("author"), self._meta("date")) if x)
        if byline:
            lines.append(Para(spans=(Span(byline),), scale=0.75, space_before=0.6, color=GREY))
        if lines:
            rect = (
                shape_rect(sub_ph)
                if sub_ph is not None
                else Rect(0.15 * self.W, 0.58 * self.H, 0.7 * self.W, 0.22 * self.H)
            )
            w, h = rect.w - 2 * INSET_X, rect.h - 2 * INSET_Y
            size, lines = fit_or_cut(lines, w, h, 28, 14)
            if sub_ph is not None:
                fix_geometry(sub_ph)
                sub_ph.text_frame.clear()
                emit_paras(sub_ph.text_frame, [_align(p, "ctr") for p in lines], size)
            else:
                add_textbox(slide, TextBox(rect, [_align(p, "ctr") for p in lines], size, name="Subtitle"))
        drop_empty_placeholders(slide)
        classification = self._meta("classification")
        if classification:
            taken = [shape_rect(s) for s in slide.shapes]
            for y in (0.12 * 72, self.H - 0.12 * 72 - FOOTER_H):
                band = Rect(0.25 * self.W, y, 0.5 * self.W, FOOTER_H)
                if not any(overlap(band, r) for r in taken):
                    self._line(
                        slide,
                        band,
                        classification,
                        "ctr",
                        bold=True,
                        color=CLASSIFICATION,
                        size=14,
                        name="Classification",
                    )
        notes = (
            [title]
            + ([self._meta("subtitle")] if self._meta("subtitle") else [])
            + ([byline] if byline else [])
        )
        self._notes(slide, notes)

    def _section(self, ls: LogicalSlide) -> None:
        slide = self.prs.slides.add_slide(self.layout_section)
        ph = placeholder(slide, PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
        if ph is not None:
            if (
                self.layout_section.name.strip().casefold() != "section header"
            ):  # a stand-in layout: centre the title
                ph.left, ph.top = emu(0.07 * self.W), emu(0.35 * self.H)
                ph.width, ph.height = emu(0.86 * self.W), emu(0.3 * self.H)
            self._fill_title(ph, ls.title, SECTION_SIZES, bold=True, color=NAVY if self.default else None)
        else:
            self._free_title(
                slide,
                ls.title,
                Rect(0.07 * self.W, 0.35 * self.H, 0.86 * self.W, 0.3 * self.H),
                SECTION_SIZES,
            )
        drop_empty_placeholders(slide)
        lines, refs = self._speaker_notes(ls)
        self._notes(slide, (lines or [ls.title]) + self._sources(list(ls.title_refs) + refs, []))
        self._footer(slide)

    def _content(self, ls: LogicalSlide) -> None:
        units = content_units(ls.blocks)
        area = self._content_area(titled=bool(ls.title))
        pages = plan(units, area, sources=ls.is_sources)
        speaker, speaker_refs = self._speaker_notes(ls)
        for i, page in enumerate(pages):
            title = ls.title if i == 0 else continued(ls.title)
            slide = self.prs.slides.add_slide(self.layout_content)
            ph = placeholder(slide, PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
            if title and ph is not None:
                r = self._title_rect()
                ph.left, ph.top, ph.width, ph.height = emu(r.x), emu(r.y), emu(r.w), emu(r.h)
                self._fill_title(
                    ph,
                    title,
                    TITLE_SIZES,
                    bold=True,
                    color=NAVY if self.default else None,
                    align="l" if self.default else None,
                )
                if self.default:
                    r = shape_rect(ph)
                    line = slide.shapes.add_connector(
                        MSO_CONNECTOR.STRAIGHT,
                        emu(r.x + INSET_X),
                        emu(r.bottom + 3),
                        emu(r.right - INSET_X),
                        emu(r.bottom + 3),
                    )
                    line.line.color.rgb = rgb(ACCENT)
                    line.line.width = Pt(1.5)
            elif title:
                self._free_title(slide, title, self._title_rect(), TITLE_SIZES)
            drop_empty_placeholders(slide)
            for item in page.items:
                self._emit(slide, item)
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
            self._footer(slide)

    # -- geometry

    def _title_rect(self) -> Rect:
        for ph in self.layout_content.placeholders:
            if ph.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE):
                r = shape_rect(ph)
                if r.w >= 0.5 * self.W and r.bottom <= 0.4 * self.H:
                    return r
        return Rect(0.05 * self.W, 0.04 * self.H, 0.9 * self.W, 0.17 * self.H)

    def _body_rect(self) -> Rect | None:
        """The content placeholder of the reference deck's "Title and Content" layout: where its
        designer meant content to go (clear of background artwork)."""
        for layout in self.prs.slide_layouts:
            phs = list(layout.placeholders)
            titles = [
                p
                for p in phs
                if p.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
            ]
            bodies = [
                p for p in phs if p.placeholder_format.type in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
            ]
            if len(titles) == 1 and len(bodies) == 1:
                r = shape_rect(bodies[0])
                if r.w >= 0.5 * self.W and r.h >= 0.4 * self.H:
                    return r
        return None

    def _content_area(self, titled: bool) -> Rect:
        t = self._title_rect()
        top = t.bottom + 12 if titled else t.y
        bottom = self.footer_y - 6
        left, width = t.x, t.w
        body = None if self.default else self._body_rect()
        if body is not None:
            top = max(top, body.y) if titled else min(top, body.y)
            bottom = min(bottom, body.bottom)
            left, width = body.x, body.w
        return Rect(left, top, width, bottom - top)

    # -- pieces

    def _fill_title(
        self, ph, text: str, sizes, bold: bool, color: str | None, align: str | None = None
    ) -> None:
        fix_geometry(ph)
        r = shape_rect(ph)
        caps = inherits_caps(ph)
        start, floor, lines, last = sizes
        size, shown = fit_lines(
            text,
            r.w - 2 * INSET_X,
            r.h - 2 * INSET_Y,
            start,
            floor,
            lines,
            bold=bold,
            caps=caps,
            last_resort=last,
            keep_suffix=CONT,
        )
        tf = ph.text_frame
        tf.clear()
        p = Para(spans=(Span(shown),), bold=bold, align=align or inherited_align(ph))
        emit_paras(tf, [p], size, color=color)

    def _free_title(self, slide, text: str, rect: Rect, sizes) -> None:
        start, floor, lines, last = sizes
        size, shown = fit_lines(
            text,
            rect.w - 2 * INSET_X,
            rect.h - 2 * INSET_Y,
            start,
            floor,
            lines,
            bold=True,
            last_resort=last,
            keep_suffix=CONT,
        )
        box = TextBox(rect, [Para(spans=(Span(shown),), bold=True)], size, anchor="ctr", name="Title")
        add_textbox(slide, box, color=NAVY)

    def _line(
        self,
        slide,
        rect: Rect,
        text: str,
        align: str,
        size: float,
        bold: bool = False,
        color: str | None = GREY,
        name: str = "Footer",
    ) -> None:
        size_used, shown = fit_lines(
            text,
            rect.w - 2 * INSET_X,
            rect.h - 2 * INSET_Y,
            size,
            size,
            1,
            bold=bold,
            last_resort=max(9, size - 3),
        )
        box = TextBox(
            rect, [Para(spans=(Span(shown),), align=align, bold=bold)], size_used, anchor="ctr", name=name
        )
        add_textbox(slide, box, color=color)

    def _footer(self, slide) -> None:
        y = self.footer_y
        third = (self.W - 2 * 0.05 * self.W) / 3
        x0 = 0.05 * self.W
        gap = 2.0
        date, classification = self._meta("date"), self._meta("classification")
        if date:
            self._line(slide, Rect(x0, y, third - gap, FOOTER_H), date, "l", FOOTER_SIZE)
        if classification:
            self._line(
                slide,
                Rect(x0 + third + gap, y, third - 2 * gap, FOOTER_H),
                classification,
                "ctr",
                FOOTER_SIZE,
                bold=True,
                color=CLASSIFICATION,
                name="Classification",
            )
        number = len(self.prs.slides)
        self._line(
            slide,
            Rect(x0 + 2 * third + gap, y, third - gap, FOOTER_H),
            str(number),
            "r",
            FOOTER_SIZE,
            name="Slide Number",
        )

    def _emit(self, slide, item) -> None:
        if isinstance(item, TextBox):
            add_textbox(slide, item)
        elif isinstance(item, PictureBox):
            add_picture(slide, item)
        elif isinstance(item, TableBox):
            add_table(slide, item)
        elif isinstance(item, BarBox):
            add_bar(slide, item)
        else:  # pragma: no cover - the layout step makes only these
            raise WriterError(f"pptx writer: cannot emit {type(item).__name__}")

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
        assert self.document is not None
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


# ------------------------------------------------------------------ helpers


def _align(p: Para, align: str) -> Para:
    return replace(p, align=align)
