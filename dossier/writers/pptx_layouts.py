"""`dossier layouts [FILE]`: what a template offers, as the deck writer sees it.

Lists the slide size, the theme's fonts (and the files that measure them), each layout with
its placeholders (name, type, idx, position and size in centimetres), and which layout
the writer takes for each kind of slide, so an organisation can check its own template
before handing it in as ``templates/theme/reference.pptx``.
"""

from __future__ import annotations

from pathlib import Path

from dossier.errors import ConfigError
from dossier.writers.pptx_fonts import SUBSTITUTES, font_file
from dossier.writers.pptx_template import LAYOUT_ROLES, Template

EMU_PER_CM = 360000


def _cm(emu: int | None) -> str:
    return f"{(emu or 0) / EMU_PER_CM:.2f}"


def _font_line(role: str, family: str) -> str:
    path = font_file(family)
    sub = SUBSTITUTES.get(family.casefold())
    note = f" (measured with {sub})" if sub else ""
    return f"  {role}: {family}{note} -> {path or 'no font file found; measured with a generous guess'}"


def describe_layouts(path: Path | None) -> str:
    """Return a description of a template's layouts and placeholders (the built-in template when ``path`` is None)."""
    template = Template(Path(path) if path is not None else None)
    prs = template.prs
    lines = [
        f"{template.source}",
        f"slide size: {_cm(prs.slide_width)} × {_cm(prs.slide_height)} cm",
        "theme fonts:",
        _font_line("headings", template.fonts.heading),
        _font_line("body", template.fonts.body),
        f"  East Asian: {template.fonts.ea}",
        "",
    ]
    for number, layout in enumerate(prs.slide_layouts, 1):
        lines.append(f"layout {number}: {layout.name!r}")
        placeholders = list(layout.placeholders)
        if not placeholders:
            lines.append("  (no placeholders)")
        for ph in placeholders:
            fmt = ph.placeholder_format
            kind = fmt.type.name if fmt.type is not None else "?"
            lines.append(
                f"  {ph.name!r}: type {kind}, idx {fmt.idx}, at ({_cm(ph.left)}, {_cm(ph.top)}) cm, "
                f"size {_cm(ph.width)} × {_cm(ph.height)} cm"
            )
    lines += ["", "layouts the deck writer uses:"]
    for role, names in LAYOUT_ROLES.items():
        try:
            chosen = repr(template.for_role(role).name)
        except ConfigError:
            chosen = "MISSING (needs one of: " + ", ".join(repr(n) for n in names) + ")"
        lines.append(f"  {role}: {chosen}")
    return "\n".join(lines) + "\n"
