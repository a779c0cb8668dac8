"""Page furniture: the headers and footers of a briefing, the organisation's own kept and completed.

dossier's furniture is the classification marking centred at the top and at the very bottom
of every page, "Page X of Y" (``PAGE``/``NUMPAGES`` fields) in the footer, and the document
title in the header of every page but the first (``w:titlePg``: the cover block shows it).
All of it is styled by the reference ("Classification", "Header", "Footer").

A reference with headers or footers of its own (a logo, a copyright line, its own page
number) keeps them, as it keeps its first-page and even-page variants and their settings
(front matter ``header-footer: keep``, the default). dossier then only adds to them:

* every header of the reference gets the classification marking as its first line, every
  footer as its last; a page the reference leaves blank (a first page without a header of
  its own) gets the marking alone;
* every footer gets "Page X of Y" unless it already shows a page number (a ``PAGE`` field);
* a kind the reference lacks (a header when it has only footers) is dossier's own; the
  running title goes only into a header dossier makes, and only when the reference has a
  distinct first page (else it would repeat the title on the cover).

``header-footer: replace`` discards the reference's furniture and writes dossier's.
"""

from __future__ import annotations

import re

from docx.oxml.ns import qn

from dossier.messages import split_placeholders, translate
from dossier.writers.docx.ooxml import add_field, add_text_run, add_text_runs
from dossier.writers.docx.styles import StyleNames

_CONTENT = (qn("w:drawing"), qn("w:pict"), qn("w:object"), qn("w:fldSimple"), qn("w:instrText"))
_PAGE_FIELD = re.compile(r"(?<![A-Z])PAGE\b")


def add_header_footer(document, styles: StyleNames, *, classification: str, title: str, keep: bool = True,
                      locale: str = "en") -> None:
    """Write the page furniture of every section (see the module's docstring)."""
    if len(title) > 90:
        title = title[:89].rstrip() + "\u2026"
    even = document.settings.odd_and_even_pages_header_footer
    for section in document.sections:
        if keep and _has_own_furniture(section, even):
            _complete(section, styles, classification, title, even, locale)
        else:
            _replace(document, section, styles, classification, title, locale)


def _variants(section, kind: str, even: bool) -> list:
    """The header (or footer) parts a section shows: default, first page (``w:titlePg``), even pages."""
    names = ["{}"] + (["first_page_{}"] if section.different_first_page_header_footer else [])
    names += ["even_page_{}"] if even else []
    return [getattr(section, name.format(kind)) for name in names]


def _defined(part) -> bool:
    return not part.is_linked_to_previous


def _shows_something(part) -> bool:
    element = part._element
    return any(t.text and t.text.strip() for t in element.iter(qn("w:t"))) or any(
        True for tag in _CONTENT for _ in element.iter(tag))


def _has_own_furniture(section, even: bool) -> bool:
    return any(_defined(part) and _shows_something(part) for kind in ("header", "footer")
               for part in _variants(section, kind, even))


def _complete(section, styles: StyleNames, classification: str, title: str, even: bool, locale: str) -> None:
    """Add dossier's fields to the reference's headers and footers; make the kinds it lacks."""
    headers = [p for p in _variants(section, "header", even) if _defined(p)]
    footers = [p for p in _variants(section, "footer", even) if _defined(p)]
    for header in headers:
        if classification:
            header._element.insert(0, _para(header, styles.id("Classification"), classification))
    for footer in footers:
        if not _PAGE_FIELD.search(_field_codes(footer)):
            _page_x_of_y(footer, styles, locale)
        if classification:
            _para(footer, styles.id("Classification"), classification)
    if classification:  # the marking goes on every page, also where the reference shows nothing
        for kind, defined in (("header", headers), ("footer", footers)):
            for part in _variants(section, kind, even) if defined else ():
                if not _defined(part):
                    part.is_linked_to_previous = False
                    for child in list(part._element):
                        part._element.remove(child)
                    _para(part, styles.id("Classification"), classification)
    titled = section.different_first_page_header_footer
    if not headers:
        _dossier_header(section.header, styles, classification, title if titled else "")
        if titled:
            _dossier_header(section.first_page_header, styles, classification, "")
    if not footers:
        for footer in (section.footer, section.first_page_footer) if titled else (section.footer,):
            _dossier_footer(footer, styles, classification, locale)


def _replace(document, section, styles: StyleNames, classification: str, title: str, locale: str) -> None:
    """dossier's furniture only: the reference's headers and footers (and even-page variants) dropped."""
    document.settings.odd_and_even_pages_header_footer = False
    section.different_first_page_header_footer = True
    section.even_page_header.is_linked_to_previous = True  # drops a reference's even-page parts
    section.even_page_footer.is_linked_to_previous = True
    for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
        part.is_linked_to_previous = False
        for child in list(part._element):
            part._element.remove(child)
    _dossier_header(section.header, styles, classification, title)
    _dossier_header(section.first_page_header, styles, classification, "")
    for footer in (section.footer, section.first_page_footer):
        _dossier_footer(footer, styles, classification, locale)


def _dossier_header(header, styles: StyleNames, classification: str, title: str) -> None:
    header.is_linked_to_previous = False
    for child in list(header._element):
        header._element.remove(child)
    if classification:
        _para(header, styles.id("Classification"), classification)
    if title:
        _para(header, styles.id("Header"), title)
    if not len(header._element):
        _para(header, styles.id("Classification"), "")


def _dossier_footer(footer, styles: StyleNames, classification: str, locale: str) -> None:
    footer.is_linked_to_previous = False
    for child in list(footer._element):
        footer._element.remove(child)
    _page_x_of_y(footer, styles, locale)
    if classification:
        _para(footer, styles.id("Classification"), classification)


def _page_x_of_y(footer, styles: StyleNames, locale: str) -> None:
    """Write "Page X of Y" in the locale's words, the numbers as PAGE and NUMPAGES fields where its words put them."""
    p = _para(footer, styles.id("Footer"), "")
    for piece, is_field in split_placeholders(translate(locale, "Page {page} of {pages}")):
        if is_field:
            add_field(p, {"page": "PAGE", "pages": "NUMPAGES"}[piece], "1")
        else:
            add_text_run(p, piece)


def _field_codes(part) -> str:
    element = part._element
    codes = [t.text or "" for t in element.iter(qn("w:instrText"))]
    codes += [f.get(qn("w:instr"), "") for f in element.iter(qn("w:fldSimple"))]
    return " ".join(codes).upper()


def _para(part, style_id: str, text: str):
    """Append a paragraph in style ``style_id`` holding ``text`` to a header or footer; return the ``w:p``."""
    p = part._element.add_p()
    p.get_or_add_pPr().style = style_id
    if text:
        add_text_runs(p, text)
    return p
