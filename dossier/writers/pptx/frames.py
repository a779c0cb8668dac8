"""A placeholder's text frame as its template sets it: insets and anchor, inherited from layout and master."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.shapes.placeholder import _BaseSlidePlaceholder
from pptx.shapes.shapetree import SlideShapeFactory

from dossier.writers.pptx.boxes import INSET_X, INSET_Y, Insets

BASES_REMEMBERED = 512  # layout placeholders looked up (a deck's writer forgets them after each deck)
_NVPR, _PH = qn("p:nvPr"), qn("p:ph")
DIMS = ("left", "top", "width", "height")


def ph_element(el):
    """Return a shape element's ``p:ph`` (None: not a placeholder): python-pptx's ``./*[1]/p:nvPr/p:ph``,
    found without an XPath evaluation (the writer asks this thousands of times per deck)."""
    first = next(el.iterchildren(etree.Element), None)
    if first is None:
        return None
    for nvpr in first.iterchildren(_NVPR):
        for ph in nvpr.iterchildren(_PH):
            return ph
    return None


def slide_placeholders(slide) -> list:
    """Return ``slide.placeholders`` as python-pptx lists them (in idx order), each shape tested without XPath."""
    phs = slide.placeholders
    found = [(el, ph) for el in phs._element.iter_shape_elms() if (ph := ph_element(el)) is not None]
    found.sort(key=lambda pair: pair[1].idx)
    return [SlideShapeFactory(el, phs) for el, _ in found]


def layout_placeholder(layout, idx: int):
    """Return ``layout.placeholders.get(idx=idx)`` (what a slide's placeholder inherits from), each shape
    tested without XPath."""
    phs = layout.placeholders
    for el in phs._spTree.iter_shape_elms():
        ph = ph_element(el)
        if ph is not None and ph.idx == idx:
            return phs._shape_factory(el)
    return None


@cache
def clark_path(path: str) -> tuple[str, ...]:
    """Return a path of prefixed tags ("p:txBody/a:bodyPr") as lxml's tags."""
    return tuple(qn(step) for step in path.split("/") if step)


def first_attr(el, path: str, attr: str) -> str | None:
    """Return the first ``attr`` (in document order) of the elements ``path`` leads to from ``el``: what
    XPath's ``./path/@attr`` finds first, without evaluating an XPath; None when none has it."""
    return _first_attr(el, clark_path(path), attr)


def _first_attr(el, tags: tuple[str, ...], attr: str) -> str | None:
    if not tags:
        return el.get(attr)
    for child in el.iterchildren(tags[0]):
        found = _first_attr(child, tags[1:], attr)
        if found is not None:
            return found
    return None


@dataclass
class _Base:
    """The layout placeholder a slide placeholder inherits from, as python-pptx finds it."""

    part: object  # the layout's part (held, so the key's id is not another part's while remembered)
    placeholder: object | None  # python-pptx's ``_base_placeholder``; None when the layout has none
    elements: list  # its element and its master placeholder's, as far as ``chain`` finds them
    dims: dict = field(default_factory=dict)  # its left, top, width and height, each read when first needed


_BASES: dict[tuple[int, int], _Base] = {}


def forget_bases() -> None:
    """Forget the layout placeholders looked up: they hold a deck's presentation."""
    _BASES.clear()


def _layout_base(ph) -> _Base | None:
    """Return what a slide placeholder inherits from, looked up once per layout and placeholder idx
    (python-pptx searches the layout's placeholders again on every inherited attribute); None for
    another kind of shape, or when the lookup fails (then python-pptx's own path runs, and fails alike)."""
    if not isinstance(ph, _BaseSlidePlaceholder):
        return None
    try:
        part = ph.part.part_related_by(RT.SLIDE_LAYOUT)
        found_ph = ph_element(ph._element)
        if found_ph is None:
            return None
        key = (id(part), found_ph.idx)
        found = _BASES.get(key)
        if found is None or found.part is not part:
            base = layout_placeholder(part.slide_layout, found_ph.idx)  # python-pptx's _base_placeholder
            found = _Base(part, base, _elements_of(base))
            if len(_BASES) >= BASES_REMEMBERED:
                _BASES.clear()
            _BASES[key] = found
        return found
    except (AttributeError, KeyError, ValueError):
        return None


def _elements_of(base) -> list:
    """Return a layout placeholder's element and its master's, as ``chain`` lists them after the slide's."""
    out: list = []
    try:
        if base is not None:
            out.append(base._element)
            master = base._base_placeholder
            if master is not None:
                out.append(master._element)
    except (AttributeError, KeyError, ValueError):
        pass
    return out


def inherited_dims(ph) -> tuple:
    """Return a shape's (left, top, width, height) in EMU, a placeholder's inherited where it sets none:
    what python-pptx's ``left``, ``top``, ``width`` and ``height`` return, each read as python-pptx reads it."""
    base = _layout_base(ph)
    if base is None:
        return ph.left, ph.top, ph.width, ph.height
    el = ph._element
    own = (el.x, el.y, el.cx, el.cy)
    if None not in own:
        return own
    return tuple(value if value is not None else _base_dim(base, name) for value, name in zip(own, DIMS))


def _base_dim(base: _Base, name: str):
    if name not in base.dims:
        base.dims[name] = getattr(base.placeholder, name) if base.placeholder is not None else None
    return base.dims[name]


def chain(ph) -> list:
    """Return the placeholder's element, the layout placeholder it inherits from, and the master's."""
    base = _layout_base(ph)
    if base is not None:
        return [ph._element, *base.elements]
    try:
        return [ph._element, *_elements_of(ph._base_placeholder)]
    except (AttributeError, KeyError, ValueError):
        return [ph._element]


def frame_insets(ph) -> Insets:
    """Return the insets of a placeholder's text frame as its template sets them (PowerPoint's defaults
    where neither the slide, its layout nor its master says)."""
    elements = chain(ph)
    values = []
    for attr, default in (("lIns", INSET_X), ("tIns", INSET_Y), ("rIns", INSET_X), ("bIns", INSET_Y)):
        value = default
        for el in elements:
            found = first_attr(el, "p:txBody/a:bodyPr", attr)
            if found is not None:
                try:
                    value = int(found) / 12700
                except ValueError:
                    continue
                break
        values.append(value)
    return Insets(*values)


def frame_anchor(ph) -> str:
    """Return where a placeholder's text sits vertically ("t", "ctr" or "b") as its template sets it."""
    for el in chain(ph):
        found = first_attr(el, "p:txBody/a:bodyPr", "anchor")
        if found is not None:
            return found if found in ("t", "ctr", "b") else "t"
    return "t"
