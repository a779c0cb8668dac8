"""Generate the reference deck: the 16:9 .pptx whose theme and named layouts give a deck its look.

    python -m dossier.writers.pptx.reference templates/theme/reference.pptx

Built with python-pptx from its default package: the theme gets our colours and fonts
(Calibri, drawn by the metric-compatible Carlito where Calibri is not installed), the
master our title and body styles and footer band, and the layouts are replaced by nine
named ones (``LAYOUTS``), each with real date, footer (the classification marking) and
slide-number placeholders. The bytes are reproducible, so the committed file changes
only when this module does. ``PptxWriter`` uses the same bytes when a project has none.
"""

from __future__ import annotations

import functools
import io
import sys
from datetime import datetime
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu

from dossier.writers.ooxml_package import reproducible_zip
from dossier.writers.new_file import FileExists, split_force, write_new_file
from dossier.writers.pptx.reference_layouts import (
    ACCENTS,
    EA_FONT,
    FONT,
    H_PT,
    LAYOUTS,
    NAVY,
    NS,
    ORANGE,
    RULE,
    TEXT,
    W_PT,
    XMLNS,
    content_placeholder,
    emu,
    footers,
    rectangle,
    title_placeholder,
)

_GROUP = (
    '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr>'
    '<a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/>'
    "</a:xfrm></p:grpSpPr>"
)


def _csld(name: str, shapes: str, dark: bool) -> etree._Element:
    bg = (
        f'<p:bg><p:bgPr><a:solidFill><a:srgbClr val="{NAVY}"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>'
        if dark
        else ""
    )
    return etree.fromstring(
        f'<p:cSld {XMLNS} name="{name}">{bg}<p:spTree>{_GROUP}{shapes}</p:spTree></p:cSld>'
    )


def _levels(sizes: tuple[float, ...]) -> str:
    out = []
    for i, size in enumerate(sizes, 1):
        mar = round(0.3 * 914400 * i)
        char = "•" if i % 2 else "–"
        out.append(
            f'<a:lvl{i}pPr marL="{mar}" indent="-{round(0.3 * 914400)}" algn="l"><a:lnSpc><a:spcPct val="100000"/>'
            f'</a:lnSpc><a:spcBef><a:spcPts val="{round(size * 40)}"/></a:spcBef><a:buFont typeface="Arial"/>'
            f'<a:buChar char="{char}"/><a:defRPr sz="{round(size * 100)}"><a:solidFill><a:srgbClr val="{TEXT}"/>'
            f'</a:solidFill><a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/>'
            f"</a:defRPr></a:lvl{i}pPr>"
        )
    return "".join(out)


def _master(master) -> None:
    el = master._element
    shapes = (
        title_placeholder()
        + rectangle(20, "Rule", 40, 90, 880, 1, RULE)
        + rectangle(21, "Accent", 40, 89, 72, 3, ORANGE)
        + content_placeholder(3, "Text", '<p:ph type="body" idx="1"/>')
        + footers(4)
    )
    old = el.find("p:cSld", NS)
    el.replace(old, _csld("dossier", shapes, False))
    el.find("p:cSld", NS).insert(
        0, etree.fromstring(f'<p:bg {XMLNS}><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg>')
    )
    styles = el.find("p:txStyles", NS)
    title = etree.fromstring(
        f'<p:titleStyle {XMLNS}><a:lvl1pPr algn="l"><a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
        f'<a:spcBef><a:spcPct val="0"/></a:spcBef><a:buNone/><a:defRPr sz="3200" b="1"><a:solidFill>'
        f'<a:srgbClr val="{NAVY}"/></a:solidFill><a:latin typeface="+mj-lt"/><a:ea typeface="+mj-ea"/>'
        f'<a:cs typeface="+mj-cs"/></a:defRPr></a:lvl1pPr></p:titleStyle>'
    )
    body = etree.fromstring(
        f"<p:bodyStyle {XMLNS}>{_levels((24, 20, 18, 18, 18, 18, 18, 18, 18))}</p:bodyStyle>"
    )
    styles.replace(styles.find("p:titleStyle", NS), title)
    styles.replace(styles.find("p:bodyStyle", NS), body)


def _theme(prs) -> None:
    part = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    root.set("name", "dossier")
    scheme = root.find("a:themeElements/a:clrScheme", NS)
    scheme.set("name", "dossier")
    colours = {
        "dk1": TEXT,
        "lt1": "FFFFFF",
        "dk2": NAVY,
        "lt2": "E9EDF2",
        "hlink": NAVY,
        "folHlink": ACCENTS[3],
    }
    colours |= {f"accent{i}": c for i, c in enumerate(ACCENTS, 1)}
    for slot, value in colours.items():
        node = scheme.find(f"a:{slot}", NS)
        for child in list(node):
            node.remove(child)
        etree.SubElement(node, f"{{{NS['a']}}}srgbClr", val=value)
    fonts = root.find("a:themeElements/a:fontScheme", NS)
    fonts.set("name", "dossier")
    for which in ("a:majorFont", "a:minorFont"):
        node = fonts.find(which, NS)
        node.find("a:latin", NS).set("typeface", FONT)
        node.find("a:ea", NS).set("typeface", EA_FONT)
        for extra in node.findall("a:font", NS):  # per-script fonts of Office: let ea/latin decide
            node.remove(extra)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _drop_extras(prs) -> None:
    pkg = prs.part.package
    for rel in list(pkg._rels.values()):
        if rel.reltype == RT.THUMBNAIL:
            pkg.drop_rel(rel.rId)
    for rel in list(prs.part.rels.values()):
        if rel.reltype == RT.PRINTER_SETTINGS:
            prs.part.drop_rel(rel.rId)


@functools.cache
def reference_pptx_bytes() -> bytes:
    """Return the reference deck's bytes (the same on every call and every machine)."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(emu(W_PT)), Emu(emu(H_PT))
    _theme(prs)
    _master(prs.slide_master)
    layouts = list(prs.slide_layouts)
    for (name, kind, dark, shapes), layout in zip(LAYOUTS, layouts):
        el = layout._element
        el.replace(el.find("p:cSld", NS), _csld(name, shapes, dark))
        el.set("type", kind)
        if dark or kind == "title":
            el.set("showMasterSp", "0")
    for extra in layouts[len(LAYOUTS) :]:
        prs.slide_layouts.remove(extra)
    _drop_extras(prs)
    cp = prs.core_properties
    cp.title, cp.author, cp.last_modified_by = "dossier reference deck", "dossier", "dossier"
    cp.comments = "Generated by: python -m dossier.writers.pptx.reference templates/theme/reference.pptx"
    cp.revision = 1
    cp.created = cp.modified = datetime(2024, 1, 1)
    cp.last_printed = datetime(2024, 1, 1)
    raw = io.BytesIO()
    prs.save(raw)
    return reproducible_zip(raw.getvalue())


def write_reference_pptx(path: Path, *, force: bool = False) -> None:
    """Write the reference deck to ``path``; an existing file is replaced only with ``force`` (else ``FileExists``)."""
    write_new_file(Path(path), reference_pptx_bytes(), force=force)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m dossier.writers.pptx.reference [--force] PATH`` (never replaces a file unasked)."""
    args, force = split_force(argv)
    if len(args) != 1 or args[0].startswith("-"):
        print("usage: python -m dossier.writers.pptx.reference [--force] PATH.pptx", file=sys.stderr)
        return 2
    try:
        write_reference_pptx(Path(args[0]), force=force)
    except FileExists as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
