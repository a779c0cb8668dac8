"""Low-level WordprocessingML helpers for the DOCX writer.

Everything here works on raw ``w:`` elements (python-docx's oxml classes), so the
same code fills a body paragraph and a paragraph inside the footnotes part.
Every string that reaches lxml goes through :func:`clean` first.
"""

from __future__ import annotations

import re

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from dossier.markdown_text import xml_safe, xml_safe_line
from dossier.bidi import keep_order, run_is_rtl
from dossier.language_tags import Lang, split_by_language
from dossier.writers.complex_script import complex_script_font
from dossier.writers.docx.direction import is_rtl

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

# The package's one definition of what XML cannot hold (markdown_text.XML_FORBIDDEN).
clean = xml_safe
clean_line = xml_safe_line


def el(tag: str, **attrs: str | int) -> object:
    """Return a new element ``tag`` (e.g. ``"w:r"``) with ``w:``-namespaced attributes."""
    e = OxmlElement(tag)
    for key, value in attrs.items():
        e.set(qn(f"w:{key}"), str(value))
    return e


def sub(parent, tag: str, **attrs: str | int):
    """Append a new element ``tag`` to ``parent`` and return it."""
    child = el(tag, **attrs)
    parent.append(child)
    return child


def make_rpr(*, style: str | None = None, bold: bool = False, italic: bool = False, lang: Lang | None = None,
             rtl: bool = False):
    """Return a ``w:rPr`` (character style, inline emphasis, direction, language tags) in schema order, or None when empty.

    These are the only run properties the writer sets: the look comes from styles, except the
    complex-script font of right-to-left letters (``w:rFonts w:cs``, ``writers.complex_script``).
    """
    rpr = el("w:rPr")
    if style:
        sub(rpr, "w:rStyle", val=style)
    cs_font = complex_script_font(lang.bidi) if lang is not None and lang.bidi else None
    if cs_font:
        sub(rpr, "w:rFonts", cs=cs_font)
    if bold:
        sub(rpr, "w:b")
        sub(rpr, "w:bCs")
    if italic:
        sub(rpr, "w:i")
        sub(rpr, "w:iCs")
    if rtl:
        sub(rpr, "w:rtl")
    if lang is not None and (lang.val or lang.east_asia or lang.bidi):
        tag = sub(rpr, "w:lang")
        for attr, value in (("w:val", lang.val), ("w:eastAsia", lang.east_asia), ("w:bidi", lang.bidi)):
            if value:
                tag.set(qn(attr), value)
    return rpr if len(rpr) else None


def _copy(rpr):
    if rpr is None:
        return None
    from copy import deepcopy

    return deepcopy(rpr)


def add_text_run(parent, text: str, rpr=None):
    """Append a ``w:r`` holding ``text`` (tabs → ``w:tab``, newlines → ``w:br``) and return it."""
    r = el("w:r")
    if rpr is not None:
        r.append(_copy(rpr))
    parent.append(r)
    r.text = clean(text)  # CT_R.text translates \t and \n
    return r


def add_text_runs(parent, text: str, *, style: str | None = None, bold: bool = False, italic: bool = False) -> None:
    """Append ``text`` as runs, one per stretch of one language and direction (``language_tags``, ``bidi``).

    The direction of the paragraph ``parent`` is in (``direction.orient``) decides which runs are
    right to left and which mark keeps a stretch of the other direction in order.
    """
    paragraph_rtl = is_rtl(parent)
    for piece, lang in keep_order(split_by_language(clean(text)), paragraph_rtl):
        rtl = run_is_rtl(piece, lang, paragraph_rtl)
        add_text_run(parent, piece, make_rpr(style=style, bold=bold, italic=italic, lang=lang, rtl=rtl))


def add_break_run(parent, rpr=None):
    """Append a run holding a line break."""
    r = el("w:r")
    if rpr is not None:
        r.append(_copy(rpr))
    sub(r, "w:br")
    parent.append(r)
    return r


def add_field(parent, instruction: str, result: str, rpr=None) -> None:
    """Append a complex field (``fldChar`` begin/separate/end) with a cached ``result``.

    Word and LibreOffice recompute PAGE, NUMPAGES, SEQ and NOTEREF when they lay the
    page out; the cached result is what a reader that does not (python-docx,
    text extraction) sees.
    """

    def run():
        r = el("w:r")
        if rpr is not None:
            r.append(_copy(rpr))
        parent.append(r)
        return r

    sub(run(), "w:fldChar", fldCharType="begin")
    instr = sub(run(), "w:instrText")
    instr.set(_XML_SPACE, "preserve")
    instr.text = f" {clean_line(instruction)} "
    sub(run(), "w:fldChar", fldCharType="separate")
    t = sub(run(), "w:t")  # kept even when empty: docx_fields fills it in
    t.set(_XML_SPACE, "preserve")
    t.text = clean(result)
    sub(run(), "w:fldChar", fldCharType="end")


def bookmark_name(raw: str) -> str:
    """Return a legal Word bookmark name for ``raw``: letters, digits, ``_``; starts with a letter; ≤ 40 chars."""
    name = re.sub(r"[^A-Za-z0-9_]", "_", clean_line(raw))
    if not name or not name[0].isalpha():
        name = "b_" + name
    return name[:40]


def add_bookmark_start(parent, bookmark_id: int, name: str):
    return sub(parent, "w:bookmarkStart", id=bookmark_id, name=name)


def add_bookmark_end(parent, bookmark_id: int):
    return sub(parent, "w:bookmarkEnd", id=bookmark_id)
