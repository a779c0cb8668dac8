"""A placeholder's text frame as its template sets it: insets and anchor, inherited from layout and master."""

from __future__ import annotations

from dossier.writers.pptx.boxes import INSET_X, INSET_Y, Insets


def chain(ph) -> list:
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


def frame_insets(ph) -> Insets:
    """Return the insets of a placeholder's text frame as its template sets them (PowerPoint's defaults
    where neither the slide, its layout nor its master says)."""
    elements = chain(ph)
    values = []
    for attr, default in (("lIns", INSET_X), ("tIns", INSET_Y), ("rIns", INSET_X), ("bIns", INSET_Y)):
        value = default
        for el in elements:
            found = el.xpath(f"./p:txBody/a:bodyPr/@{attr}")
            if found:
                try:
                    value = int(found[0]) / 12700
                except ValueError:
                    continue
                break
        values.append(value)
    return Insets(*values)


def frame_anchor(ph) -> str:
    """Return where a placeholder's text sits vertically ("t", "ctr" or "b") as its template sets it."""
    for el in chain(ph):
        found = el.xpath("./p:txBody/a:bodyPr/@anchor")
        if found:
            return found[0] if found[0] in ("t", "ctr", "b") else "t"
    return "t"
