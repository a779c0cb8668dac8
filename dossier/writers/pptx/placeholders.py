"""Placeholders on a slide: finding them by type, reading what they inherit, the footer band.

The footer (date, classification marking, slide number) goes into the layout's real date,
footer and slide-number placeholders, cloned onto each slide and filled (python-pptx leaves
them off new slides). A layout without them gets plain text boxes where the master has
its footer placeholders, or in a band along the bottom of the slide.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn

from dossier.writers.pptx.boxes import Insets, Rect, TextBox, use_insets
from dossier.writers.pptx.colours import Palette
from dossier.writers.pptx.emit import add_textbox, emit_paras
from dossier.writers.pptx.frames import chain as _chain
from dossier.writers.pptx.frames import first_attr, frame_insets, inherited_dims, slide_placeholders
from dossier.writers.pptx.fit import fit_lines
from dossier.writers.pptx.template import TITLE_TYPES, clear_of, ph_type, shape_rect
from dossier.writers.pptx.text import Para, Span

FOOTER_START, FOOTER_FLOOR = 12.0, 8.0
SLIDENUM_FIELD_ID = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, "dossier/slidenum")).upper() + "}"


def placeholder(slide, *types):
    """Return the slide's first placeholder of the first of ``types`` that it has, or None."""
    for t in types:
        for ph in slide_placeholders(slide):
            if ph_type(ph) == t:
                return ph
    return None


def fix_geometry(ph) -> None:
    """Write the inherited position onto the slide placeholder so it no longer depends on the layout."""
    left, top, width, height = inherited_dims(ph)
    if None not in (left, top, width, height):
        ph.left, ph.top, ph.width, ph.height = left, top, width, height


def drop_empty_placeholders(slide) -> None:
    """Remove the placeholders nothing was put into (they would show "Click to add text")."""
    for ph in slide_placeholders(slide):
        if (
            ph.has_text_frame
            and not ph.text_frame.text.strip()
            or not ph.has_text_frame
            and ph._element.tag == qn("p:sp")
        ):
            ph._element.getparent().remove(ph._element)


def inherited(ph, tag: str, attr: str) -> str | None:
    """Return a first-level paragraph attribute the placeholder inherits (lstStyle, then master styles)."""
    for el in _chain(ph):
        found = first_attr(el, f"p:txBody/a:lstStyle/a:lvl1pPr{tag}", attr)
        if found is not None:
            return found
    try:
        master = ph.part.slide_layout.slide_master._element
    except AttributeError:
        return None
    style = "p:titleStyle" if ph_type(ph) in TITLE_TYPES else "p:bodyStyle"
    if ph_type(ph) in (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
        style = "p:otherStyle"
    return first_attr(master, f"p:txStyles/{style}/a:lvl1pPr{tag}", attr)


def inherits_caps(ph) -> bool:
    """Return whether the placeholder shows its text in capitals."""
    return inherited(ph, "/a:defRPr", "cap") == "all"


def inherited_align(ph) -> str:
    """Return the placeholder's paragraph alignment ("l", "ctr" or "r")."""
    value = inherited(ph, "", "algn")
    return value if value in ("l", "ctr", "r") else "l"


def inherited_bold(ph) -> bool:
    """Return whether the placeholder's text is bold."""
    return inherited(ph, "/a:defRPr", "b") in ("1", "true")


def inherited_size(ph, default: float) -> float:
    """Return the placeholder's type size in points."""
    value = inherited(ph, "/a:defRPr", "sz")
    return int(value) / 100 if value and value.isdigit() else default


# ------------------------------------------------------------------ the footer


@dataclass(frozen=True)
class FooterText:
    """What the footer says: the date, the classification marking, and the slide's number ("" = none)."""

    date: str
    marking: str
    number: str


def _fit_one_line(text: str, rect: Rect, start: float, bold: bool, insets: Insets) -> tuple[float, str]:
    """Fit footer text on one line, down to the footer floor; then on as many lines as the box holds."""
    return fit_lines(
        text,
        rect.w - insets.left - insets.right,
        rect.h - insets.top - insets.bottom,
        start,
        min(start, FOOTER_FLOOR),
        1,
        bold=bold,
        last_resort=FOOTER_FLOOR,
    )


FooterStyles = dict[tuple, tuple]  # per deck: what a layout's footer placeholder inherits; its placeholders by type


def _fill_footer_placeholder(slide, layout, layout_ph, text: str, is_number: bool, styles: FooterStyles) -> None:
    slide.shapes.clone_placeholder(layout_ph)
    ph = slide.shapes[-1]
    key = (layout.name, layout_ph.placeholder_format.idx)
    if key not in styles:  # what it inherits, read once per layout placeholder of the deck
        styles[key] = (inherited_size(ph, FOOTER_START), inherited_bold(ph), inherited_align(ph))
    size, bold, align = styles[key]
    rect = shape_rect(layout_ph)
    size, shown = _fit_one_line(text, rect, size, bold, frame_insets(ph))
    emit_paras(ph.text_frame, [Para(spans=(Span(shown),), bold=bold, align=align)], size, frame=False)
    if is_number:  # a slide-number field, so the number follows the slide when slides are moved
        p = ph.text_frame.paragraphs[0]._p
        r = p.find(qn("a:r"))
        if r is not None:
            fld = p.makeelement(qn("a:fld"), {"id": SLIDENUM_FIELD_ID, "type": "slidenum"})
            for child in list(r):
                fld.append(child)
            r.addprevious(fld)
            p.remove(r)


def add_footer(
    slide,
    layout,
    texts: FooterText,
    W: float,
    H: float,
    styles: FooterStyles | None = None,
    palette: Palette | None = None,
    template_band: Rect | None = None,
    obstacles: tuple[Rect, ...] = (),
) -> list[str]:
    """Fill the footer band of a slide: the layout's placeholders (their own style and colours), else
    boxes where the master has them, in the theme's colours that stand out on what lies behind.

    ``styles`` caches what the layout's footer placeholders inherit, and which they are, for the slides of one deck.
    Returns the names of the footer's parts left out for want of room clear of the layout's pictures.
    """
    left_out: list[str] = []
    styles = {} if styles is None else styles
    master = layout.slide_master
    wanted = (
        (PP_PLACEHOLDER.DATE, texts.date, "l", False, "muted", "Date"),
        (PP_PLACEHOLDER.FOOTER, texts.marking, "ctr", True, "mark", "Classification"),
        (PP_PLACEHOLDER.SLIDE_NUMBER, texts.number, "r", False, "muted", "Slide Number"),
    )
    band = template_band or Rect(W * 0.05, H - 34, W * 0.9, 26)
    third = band.w / 3
    for k, (kind, text, align, bold, color, name) in enumerate(wanted):
        if not text:
            continue
        on_layout = _layout_placeholder(layout, kind, styles)
        if on_layout is not None:
            _fill_footer_placeholder(slide, layout, on_layout, text, kind == PP_PLACEHOLDER.SLIDE_NUMBER, styles)
            continue
        on_master = next(
            (p for p in master.placeholders if ph_type(p) == kind and _on_slide(shape_rect(p), W, H)), None
        )
        banded = Rect(band.x + k * third, band.y, third, band.h)
        rect = shape_rect(on_master) if on_master is not None else banded
        if any(rect.overlaps(o) for o in obstacles):  # the layout draws a picture where the master's footer is
            rect = clear_of(banded, obstacles)
            if rect.h < FOOTER_FLOOR * 2 or rect.w < third / 2 or any(rect.overlaps(o) for o in obstacles):
                left_out.append(name)
                continue
        size, shown = _fit_one_line(text, rect, FOOTER_START, bold, Insets())
        box = TextBox(
            rect, [Para(spans=(Span(shown),), align=align, bold=bold, color=color)], size, anchor="ctr", name=name
        )
        with use_insets(Insets()):
            add_textbox(slide, box, palette)
    return left_out


def _layout_placeholder(layout, kind, styles: dict):
    """Return the layout's first placeholder of type ``kind`` (or None), looked up once per deck in ``styles``."""
    key = ("placeholder", id(layout._element), kind)
    if key not in styles:
        styles[key] = (layout, next((p for p in layout.placeholders if ph_type(p) == kind), None))
    return styles[key][1]


def _on_slide(rect: Rect, W: float, H: float) -> bool:
    """Return whether a rectangle lies on the slide (a master's placeholder may lie off it)."""
    return rect.x >= 0 and rect.y >= 0 and rect.right <= W + 1 and rect.bottom <= H + 1
