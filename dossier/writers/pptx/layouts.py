"""`dossier layouts [FILE]`: what a template offers, as the deck writer sees it.

Lists the slide size, the theme's fonts (the files that measure them, the stand-in and its
width error), each layout of every master with its type, placeholders (name, type, idx,
position and size in centimetres), background and the pictures and shapes dossier keeps
clear of, then which layout the writer takes for each kind of slide and why, and the
template's warnings, so an organisation can check its own template before handing it in as
``templates/theme/reference.pptx``.
"""

from __future__ import annotations

from pathlib import Path

from dossier.errors import ConfigError
from dossier.writers.pptx.layout_choice import ROLES, missing
from dossier.writers.pptx.template import Template
from dossier.writers.pptx.theme_check import check_theme, stand_in

EMU_PER_CM = 360000
PT_PER_CM = 72 / 2.54


def _cm(emu: int | None) -> str:
    return f"{(emu or 0) / EMU_PER_CM:.2f}"


def _font_line(role: str, family: str) -> str:
    s = stand_in(family)
    return f"  {role}: {family} -> {s.file or 'no font file'} ({s.note})"


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
    for number, layout in enumerate(template.layouts, 1):
        info = template.info(layout)
        palette = template.palette(layout)
        background = f"#{palette.background}" if palette.background else "a picture (colour unknown)"
        lines.append(f"layout {number}: {layout.name!r} (type {layout._element.get('type', 'cust')}, background {background})")
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
        if info.obstacles:
            lines.append(f"  kept clear of {len(info.obstacles)} picture(s) and shape(s) of the layout and master")
    lines += ["", "layouts the deck writer uses:"]
    for role in ROLES:
        found = template.choice(role)
        if found is None:
            lines.append(f"  {role}: MISSING (needs {missing(role)})")
        else:
            info, why = found
            a = info.area
            lines.append(
                f"  {role}: {info.name!r} — {why}; content area ({a.x / PT_PER_CM:.2f}, {a.y / PT_PER_CM:.2f}) cm, "
                f"{a.w / PT_PER_CM:.2f} × {a.h / PT_PER_CM:.2f} cm"
            )
    try:
        warnings = check_theme(template, {role for role in ROLES if template.choice(role) is not None})
    except ConfigError as exc:  # pragma: no cover - only roles with a layout are checked
        warnings = [str(exc)]
    lines += ["", "warnings:" if warnings else "warnings: none"] + [f"  {w}" for w in warnings]
    return "\n".join(lines) + "\n"
