"""Colours from the template's theme, and text colours with enough contrast against what lies behind.

The theme names twelve colours (dk1, lt1, dk2, lt2, accent1–6, hlink, folHlink); a master's
colour map says which of them are the text (tx1, tx2) and the background (bg1, bg2), and
a layout may override it (a dark section layout swaps them). dossier writes its text colours
as these scheme names, never as fixed RGB, and checks each against the colour actually behind
the text (the layout's or master's background, or a filled shape under it): the WCAG 2
contrast ratio must reach 4.5:1, else the theme's next colour that does is taken.
"""

from __future__ import annotations

import colorsys
from dataclasses import dataclass, field

from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from dossier.writers.pptx.boxes import Rect

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS = {"a": A, "p": "http://schemas.openxmlformats.org/presentationml/2006/main"}
MIN_CONTRAST = 4.5
SLOTS = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6", "hlink", "folHlink")
DEFAULT_MAP = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}
OFFICE = {"dk1": "000000", "lt1": "FFFFFF", "dk2": "44546A", "lt2": "E7E6E6", "accent1": "4472C4",
          "accent2": "ED7D31", "accent3": "A5A5A5", "accent4": "FFC000", "accent5": "5B9BD5",
          "accent6": "70AD47", "hlink": "0563C1", "folHlink": "954F72"}  # when a theme names none
PRESET = {"black": "000000", "white": "FFFFFF", "red": "FF0000", "blue": "0000FF", "green": "008000"}

#: the theme colours each kind of text dossier colours may take, best first
ROLES: dict[str, tuple[str, ...]] = {
    "text": ("tx1", "tx2", "bg1", "bg2"),
    "muted": ("tx2", "tx1", "bg2", "bg1"),
    "mark": ("accent2", "accent1", "accent6", "accent5", "accent4", "accent3", "tx2", "tx1", "bg1"),
    "on-accent": ("bg1", "tx1", "bg2", "tx2"),
}


def luminance(hex_: str) -> float:
    """Return the WCAG relative luminance of an "RRGGBB" colour."""
    out = []
    for k in (0, 2, 4):
        c = int(hex_[k : k + 2], 16) / 255
        out.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
    return 0.2126 * out[0] + 0.7152 * out[1] + 0.0722 * out[2]


def contrast(a: str, b: str) -> float:
    """Return the WCAG contrast ratio of two "RRGGBB" colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _hex(r: float, g: float, b: float) -> str:
    return "".join(f"{max(0, min(255, round(v * 255))):02X}" for v in (r, g, b))


def _modify(hex_: str, el) -> str:
    """Apply a colour element's lumMod/lumOff/tint/shade children (DrawingML's modifiers)."""
    r, g, b = (int(hex_[k : k + 2], 16) / 255 for k in (0, 2, 4))
    for mod in el:
        name = mod.tag.rsplit("}", 1)[-1]
        try:
            v = int(mod.get("val", "0")) / 100000
        except ValueError:
            continue
        if name in ("lumMod", "lumOff"):
            h, lum, s = colorsys.rgb_to_hls(r, g, b)
            lum = lum * v if name == "lumMod" else lum + v
            r, g, b = colorsys.hls_to_rgb(h, max(0.0, min(1.0, lum)), s)
        elif name == "tint":
            r, g, b = (c + (1 - c) * (1 - v) for c in (r, g, b))
        elif name == "shade":
            r, g, b = (c * v for c in (r, g, b))
    return _hex(r, g, b)


@dataclass
class Palette:
    """The theme colours of one layout (its master's map, with the layout's override)."""

    scheme: dict[str, str]
    mapping: dict[str, str]
    background: str | None  # None: a picture or something else whose colour is unknown
    fills: list[tuple[Rect, str | None]] = field(default_factory=list)  # filled shapes (None: a picture), bottom to top

    def slot(self, name: str) -> str:
        """Return the RGB of a scheme name (tx1, bg2, accent3, dk1, ...)."""
        return self.scheme.get(self.mapping.get(name, name), OFFICE.get(self.mapping.get(name, name), "000000"))

    def resolve(self, el) -> str | None:
        """Return the RGB of a DrawingML colour element (srgbClr, schemeClr, sysClr, prstClr), or None."""
        if el is None:
            return None
        name = el.tag.rsplit("}", 1)[-1]
        if name == "srgbClr":
            base = el.get("val", "000000").upper()
        elif name == "schemeClr":
            base = self.slot(el.get("val", "tx1"))
        elif name == "sysClr":
            base = (el.get("lastClr") or ("000000" if el.get("val") == "windowText" else "FFFFFF")).upper()
        elif name == "prstClr":
            base = PRESET.get(el.get("val", ""), "000000")
        else:
            return None
        return _modify(base, el)

    def behind(self, rect: Rect) -> str | None:
        """Return the colour behind the middle of ``rect``: the topmost filled shape there, else the background."""
        cx, cy = rect.x + rect.w / 2, rect.y + rect.h / 2
        for r, colour in reversed(self.fills):
            if r.x <= cx <= r.right and r.y <= cy <= r.bottom:
                return colour
        return self.background

    def colour_for(self, role: str, background: str | None) -> str:
        """Return the scheme name (or, failing every one, black or white) for text of ``role`` on ``background``."""
        prefs = ROLES.get(role, ROLES["text"])
        bg = background or self.slot("bg1")
        for name in prefs:
            if contrast(self.slot(name), bg) >= MIN_CONTRAST:
                return name
        best = max(("tx1", "bg1", "tx2", "bg2"), key=lambda n: contrast(self.slot(n), bg))
        if contrast(self.slot(best), bg) >= MIN_CONTRAST:
            return best
        return "000000" if contrast("000000", bg) >= contrast("FFFFFF", bg) else "FFFFFF"

    def lightened(self, name: str, share: float) -> str:
        """Return a scheme colour with its HSL lightness moved ``share`` of the way to white (PowerPoint's
        "brightness": lumMod 1 − share, lumOff share)."""
        hex_ = self.slot(name)
        h, lum, s = colorsys.rgb_to_hls(*(int(hex_[k : k + 2], 16) / 255 for k in (0, 2, 4)))
        return _hex(*colorsys.hls_to_rgb(h, lum * (1 - share) + share, s))

    def rgb(self, colour: str) -> str:
        """Return the RGB of a colour as dossier writes it: a scheme name or "RRGGBB"."""
        return colour.upper() if _is_hex(colour) else self.slot(colour)


def _is_hex(value: str) -> bool:
    return len(value) == 6 and all(c in "0123456789abcdefABCDEF" for c in value)


def theme_scheme(master) -> dict[str, str]:
    """Return the twelve colours of the master's theme as RGB."""
    try:
        from lxml import etree

        root = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
    except (KeyError, ValueError):
        return dict(OFFICE)
    out = dict(OFFICE)
    probe = Palette({}, {}, None)
    for slot in SLOTS:
        node = root.find(f"a:themeElements/a:clrScheme/a:{slot}", NS)
        if node is not None and len(node):
            value = probe.resolve(node[0])
            if value:
                out[slot] = value
    return out


def _mapping(master, layout) -> dict[str, str]:
    mapping = dict(DEFAULT_MAP)
    found = master._element.find("p:clrMap", NS)
    if found is not None:
        mapping.update({k: v for k, v in found.attrib.items()})
    override = layout._element.find("p:clrMapOvr/a:overrideClrMapping", NS)
    if override is not None:
        mapping.update({k: v for k, v in override.attrib.items()})
    return mapping


def fill_colour(palette: Palette, parent) -> str | None:
    """Return the colour of a solid (or gradient: its middle stop) fill under ``parent``, or None."""
    if parent is None:
        return None
    solid = parent.find("a:solidFill", NS)
    if solid is not None and len(solid):
        return palette.resolve(solid[0])
    stops = parent.findall("a:gradFill/a:gsLst/a:gs", NS)
    if stops:
        middle = stops[len(stops) // 2]
        return palette.resolve(middle[0]) if len(middle) else None
    return None


def _background(palette: Palette, part_el) -> tuple[bool, str | None]:
    """Return (whether the part sets a background, its colour or None when unknown)."""
    bg = part_el.find("p:cSld/p:bg", NS)
    if bg is None:
        return False, None
    pr = bg.find("p:bgPr", NS)
    if pr is not None:
        return True, fill_colour(palette, pr)
    ref = bg.find("p:bgRef", NS)
    if ref is not None and len(ref):
        return True, palette.resolve(ref[0])
    return True, None


def _shape_fill(palette: Palette, sp) -> str | None:
    sppr = sp.find("p:spPr", NS)
    if sppr is None or sppr.find("a:noFill", NS) is not None:
        return None
    colour = fill_colour(palette, sppr)
    if colour is None:
        ref = sp.find("p:style/a:fillRef", NS)
        if ref is not None and ref.get("idx", "0") != "0" and len(ref):
            colour = palette.resolve(ref[0])
    return colour


def palette_for(layout, W: float, H: float) -> Palette:
    """Return a layout's palette: theme colours, colour map, background and filled shapes."""
    from dossier.writers.pptx.template import shape_rect

    master = layout.slide_master
    palette = Palette(theme_scheme(master), _mapping(master, layout), None)
    sets, colour = _background(palette, layout._element)
    if not sets:
        sets, colour = _background(palette, master._element)
    palette.background = colour if sets else palette.slot("bg1")
    sources = [master, layout] if layout._element.get("showMasterSp") not in ("0", "false") else [layout]
    for source in sources:
        for shape in source.shapes:
            if shape.is_placeholder or shape.width is None or shape.height is None:
                continue
            tag = shape._element.tag.rsplit("}", 1)[-1]
            if tag == "sp":
                fill = _shape_fill(palette, shape._element)
                if fill is not None:
                    palette.fills.append((shape_rect(shape), fill))
            elif tag in ("pic", "grpSp", "graphicFrame"):  # a picture or group: its colours are unknown
                palette.fills.append((shape_rect(shape), None))
    cover = [(r, c) for r, c in palette.fills if r.w * r.h >= 0.6 * W * H]
    if cover:  # a backdrop shape is the background
        palette.background = cover[-1][1]
    return palette
