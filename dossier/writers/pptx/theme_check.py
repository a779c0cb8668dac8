"""Checking a PowerPoint template before a deck is written on it: layouts, fonts, colours.

``check_theme`` is what ``PptxWriter.write`` runs first and what ``dossier check`` runs
without writing: a role the deck needs with no layout fit for it is an error (a
``ConfigError`` naming what is missing); a theme font measured with a stand-in that is not
metric-compatible, a layout's own title colour that does not stand out on its background,
a background whose colour cannot be known (a picture), and a content area the master's
pictures and shapes leave small are warnings, one line each.
"""

from __future__ import annotations

from dataclasses import dataclass

from dossier.writers.pptx.colours import MIN_CONTRAST, NS, fill_colour, contrast
from dossier.writers.pptx.frames import chain
from dossier.writers.pptx.fonts import SUBSTITUTES, WIDTH_TWINS, Face, font_file, installed_family
from dossier.writers.pptx.template import TITLE_TYPES, Template, ph_type, shape_rect

SAMPLE = "The quick brown fox jumps over the lazy dog, 1234567890."  # text the width error is measured on
SMALL_AREA = 0.25  # a content area below this share of the slide is worth a warning


@dataclass(frozen=True)
class StandIn:
    """The font file that measures (and in LibreOffice draws) a theme font, and how far its widths may be off."""

    family: str
    file: str | None
    note: str  # "the font itself", "metric-compatible Carlito", or why the width error is unknown
    exact: bool  # widths are the font's own (installed, or a metric-compatible substitute)


def stand_in(family: str) -> StandIn:
    """Return how a theme font is measured."""
    path = font_file(family)
    if installed_family(family):
        return StandIn(family, path, "the font itself: width error 0 %", True)
    sub = SUBSTITUTES.get(family.casefold())
    if sub and installed_family(sub):
        return StandIn(family, path, f"metric-compatible {sub}: width error 0 %", True)
    twin = WIDTH_TWINS.get(family.casefold())
    if path is not None and twin and installed_family(twin):
        error = Face(path).text_width(SAMPLE) / Face(font_file(twin)).text_width(SAMPLE) - 1
        return StandIn(
            family,
            path,
            f"drawn and measured with {path.rsplit('/', 1)[-1]}: width error {error:+.0%} against {family}'s "
            f"widths (those of {twin}); {'wider, so PowerPoint sets lines shorter than measured' if error >= 0 else 'narrower: PowerPoint may set lines longer than measured'}",
            error >= 0,
        )
    if path is None:
        return StandIn(family, None, "no font file found: measured with a generous guess, width error unknown", False)
    return StandIn(
        family,
        path,
        f"not installed, nearest stand-in {path.rsplit('/', 1)[-1]} is not metric-compatible: width error unknown "
        "(install the font, or LibreOffice and dossier both use the stand-in and PowerPoint may set lines wider)",
        False,
    )


def check_theme(template: Template, roles: set[str]) -> list[str]:
    """Return the template's warnings for a deck needing ``roles``; raise ``ConfigError`` when a role has no layout.

    The warnings depend only on the template's bytes, its name and the roles, so they are worked
    out once per process (the same template is checked for every deck); the roles' layouts are
    looked up on every call, so a role without one raises every time."""
    for role in sorted(roles):
        template.for_role(role)
    key = ("theme warnings", template.source, frozenset(roles))
    return list(template.remember(key, lambda: _warnings(template, roles)))


def _warnings(template: Template, roles: set[str]) -> list[str]:
    warnings: list[str] = []
    used = {}
    role_of: dict[int, str] = {}
    for role in sorted(roles):
        info = template.for_role(role)
        used[id(info.layout._element)] = info
        if role_of.get(id(info.layout._element)) in (None, "title", "section", "closing"):
            role_of[id(info.layout._element)] = role
    for kind, family in (("heading", template.fonts.heading), ("body", template.fonts.body)):
        s = stand_in(family)
        if not s.exact:
            warnings.append(f"{template.source}: theme {kind} font {family}: {s.note}")
    W, H = template.W, template.H
    for info in used.values():
        palette = template.palette(info.layout)
        if palette.background is None:
            warnings.append(
                f"{template.source}: layout {info.name!r}: its background is a picture, so the contrast of "
                "dossier's text colours against it cannot be checked"
            )
        if role_of[id(info.layout._element)] not in ("title", "section", "closing") and (
            info.area.w * info.area.h < SMALL_AREA * W * H
        ):
            warnings.append(
                f"{template.source}: layout {info.name!r}: the master's pictures and shapes leave a content area of "
                f"{info.area.w * info.area.h / (W * H):.0%} of the slide"
            )
        for ph in info.layout.placeholders:
            if ph_type(ph) not in TITLE_TYPES:
                continue
            found = ph._element.xpath("./p:txBody/a:lstStyle/a:lvl1pPr/a:defRPr/a:solidFill/*")
            if not found:
                found = info.layout.slide_master._element.xpath(
                    "./p:txStyles/p:titleStyle/a:lvl1pPr/a:defRPr/a:solidFill/*"
                )
            colour = palette.resolve(found[0]) if found else palette.slot("tx1")
            behind = _own_fill(palette, ph) or palette.behind(shape_rect(ph))
            if colour and behind and contrast(colour, behind) < MIN_CONTRAST:
                warnings.append(
                    f"{template.source}: layout {info.name!r}: its title colour #{colour} on #{behind} has a contrast "
                    f"of {contrast(colour, behind):.1f}:1 (under {MIN_CONTRAST}:1); dossier keeps the template's colour"
                )
    return warnings


def _own_fill(palette, ph) -> str | None:
    """Return the fill a placeholder sets (or inherits) for itself, or None when it is transparent."""
    for el in chain(ph):
        sppr = el.find("p:spPr", NS)
        if sppr is None:
            continue
        if sppr.find("a:noFill", NS) is not None:
            return None
        colour = fill_colour(palette, sppr)
        if colour is not None:
            return colour
    return None
