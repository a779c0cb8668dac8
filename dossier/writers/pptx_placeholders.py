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

from dossier.writers.pptx_boxes import INSET_X, INSET_Y, Rect, TextBox
from dossier.writers.pptx_emit import add_textbox, emit_paras
from dossier.writers.pptx_fit import fit_lines
from dossier.writers.pptx_template import TITLE_TYPES, ph_type, shape_rect
from dossier.writers.pptx_text import Para, Span

FOOTER_START, FOOTER_FLOOR = 12.0, 8.0
MARK = "9C0006"  # the classification marking, when the template does not colour it
GREY = "595959"
SLIDENUM_FIELD_ID = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, "dossier/slidenum")).upper() + "}"


def placeholder(slide, *types):
    """Return the slide's first placeholder of the first of ``types`` that it has, or None."""
    for t in types:
        for ph in slide.placeholders:
            if ph_type(ph) == t:
                return ph
    return None


def fix_geometry(ph) -> None:
    """Write the inherited position onto the slide placeholder so it no longer depends on the layout."""
    left, top, width, height = ph.left, ph.top, ph.width, ph.height
    if None not in (left, top, width, height):
        ph.left, ph.top, ph.width, ph.height = left, top, width, height


def drop_empty_placeholders(slide) -> None:
    """Remove the placeholders nothing was put into (they would show "Click to add text")."""
    for ph in list(slide.placeholders):
        if (
            ph.has_text_frame
            and not ph.text_frame.text.strip()
            or not ph.has_text_frame
            and ph._element.tag == qn("p:sp")
        ):
            ph._element.getparent().remove(ph._element)


def _chain(ph) -> list:
    """Return the placeholder's element, the layout placeholder it inherits from, and the master's."""
    out = [ph._element]
    try:
        base = ph._base_placeholder
        if base is not None:
            out.append(base._element)
            master = base._base_placeholder
            if master is not None:
                out.append(master._element)
    except (AttributeError, KeyError, ValueError):
        pass
    return out


def inherited(ph, tag: str, attr: str) -> str | None:
    """Return a first-level paragraph attribute the placeholder inherits (lstStyle, then master styles)."""
    for el in _chain(ph):
        found = el.xpath(f"./p:txBody/a:lstStyle/a:lvl1pPr{tag}/@{attr}")
        if found:
            return found[0]
    try:
        master = ph.part.slide_layout.slide_master._element
    except AttributeError:
        return None
    style = "p:titleStyle" if ph_type(ph) in TITLE_TYPES else "p:bodyStyle"
    if ph_type(ph) in (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
        style = "p:otherStyle"
    found = master.xpath(f"./p:txStyles/{style}/a:lvl1pPr{tag}/@{attr}")
    return found[0] if found else None


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


def _fit_one_line(text: str, rect: Rect, start: float, bold: bool) -> tuple[float, str]:
    return fit_lines(
        text,
        rect.w - 2 * INSET_X,
        rect.h - 2 * INSET_Y,
        start,
        min(start, FOOTER_FLOOR),
        1,
        bold=bold,
        last_resort=FOOTER_FLOOR,
    )


FooterStyles = dict[tuple[str, int], tuple[float, bool, str]]


def _fill_footer_placeholder(slide, layout, layout_ph, text: str, is_number: bool, styles: FooterStyles) -> None:
    slide.shapes.clone_placeholder(layout_ph)
    ph = slide.shapes[-1]
    key = (layout.name, layout_ph.placeholder_format.idx)
    if key not in styles:  # what it inherits, read once per layout placeholder of the deck
        styles[key] = (inherited_size(ph, FOOTER_START), inherited_bold(ph), inherited_align(ph))
    size, bold, align = styles[key]
    rect = shape_rect(layout_ph)
    size, shown = _fit_one_line(text, rect, size, bold)
    emit_paras(ph.text_frame, [Para(spans=(Span(shown),), bold=bold, align=align)], size)
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
    slide, layout, master, texts: FooterText, W: float, H: float, styles: FooterStyles | None = None
) -> None:
    """Fill the footer band of a slide: the layout's placeholders, else boxes where the master has them.

    ``styles`` caches what the layout's footer placeholders inherit, for the slides of one deck.
    """
    styles = {} if styles is None else styles
    wanted = (
        (PP_PLACEHOLDER.DATE, texts.date, "l", False, GREY, "Date"),
        (PP_PLACEHOLDER.FOOTER, texts.marking, "ctr", True, MARK, "Classification"),
        (PP_PLACEHOLDER.SLIDE_NUMBER, texts.number, "r", False, GREY, "Slide Number"),
    )
    third = W * 0.9 / 3
    for k, (kind, text, align, bold, color, name) in enumerate(wanted):
        if not text:
            continue
        on_layout = next((p for p in layout.placeholders if ph_type(p) == kind), None)
        if on_layout is not None:
            _fill_footer_placeholder(slide, layout, on_layout, text, kind == PP_PLACEHOLDER.SLIDE_NUMBER, styles)
            continue
        on_master = next((p for p in master.placeholders if ph_type(p) == kind), None)
        rect = (
            shape_rect(on_master) if on_master is not None else Rect(W * 0.05 + k * third, H - 34, third, 26)
        )
        size, shown = _fit_one_line(text, rect, FOOTER_START, bold)
        box = TextBox(
            rect, [Para(spans=(Span(shown),), align=align, bold=bold)], size, anchor="ctr", name=name
        )
        add_textbox(slide, box, color=color)
