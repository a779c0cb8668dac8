"""Word briefing writer: walks the document model and writes one .docx file.

``DocxWriter.write`` builds a fresh ``_DocxBuild`` per call, which visits the blocks
(``visit_heading``, ``visit_paragraph``, ...). Helpers live next door: ``docx_styles``
(the reference document and its style names), ``docx_inlines`` (runs inside a
paragraph), ``docx_ooxml`` (runs, fields, bookmarks), ``docx_direction`` (right-to-left
paragraphs, tables, sections; language tags come from ``dossier.language_tags``),
``docx_xref`` (caption numbers and cross-references), ``docx_toc``
(contents), ``docx_numbering`` (list restarts), ``docx_layout`` (table widths,
header and footer), ``docx_footnotes`` (the footnotes part), ``docx_fields`` (page
numbers from LibreOffice) and ``ooxml_package`` (core properties, reproducible zip; shared with the deck writer).
The look itself is ``docx_stylesheet``, packed by ``docx_reference``.

Decisions worth knowing:

* The look comes only from the reference document's styles: every paragraph names a
  style, and the only direct paragraph properties are list numbering (``w:numPr``), a
  table column's alignment from the Markdown (``w:jc`` in table cells) and "keep with
  next" on a paragraph that introduces a quotation (ends with a colon) and ``w:bidi`` on a
  right-to-left one; on runs, only inline bold/italic, character styles (links, code, note
  marks), language tags, and for right-to-left letters ``w:rtl`` and their complex-script face.
* Footnotes are real Word footnotes, numbered by Word in order of first reference. A
  label cited again does not get a second note: the later citation is a ``NOTEREF``
  field (cached with the number) to a hidden bookmark on the first reference.
* Tables and figures are numbered with ``SEQ`` fields; ``[x](#id)`` links to them are
  ``REF`` fields showing "Table 1"/"Figure 2". Numbers are cached, so text extraction
  sees them.
* Output is reproducible: no clock anywhere (core dates come from ``meta["date"]``,
  zip entries carry a fixed timestamp, page numbers come from a deterministic layout).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from docx.oxml.ns import qn
from docx.shared import Cm, Emu
from docx.text.paragraph import Paragraph as DocxParagraph

from dossier.bidi import locale_is_rtl
from dossier.errors import ConfigError, WriterError
from dossier.language_tags import document_language, document_locale, use_document_locale
from dossier.model import (
    Chart, Document, Heading, Image, ListBlock, Location, Notes, Paragraph, Quote, SlideBreak, Table, Text, plain_text,
)
from dossier.writers.app_properties import docx_properties, with_app_properties
from dossier.writers.chart_placement import DrawChart, placed_chart
from dossier.writers.docx.body_font import body_font
from dossier.writers.docx.direction import match_complex_script_sizes, orient, rtl_section, rtl_table
from dossier.writers.docx.fields import refresh_docx_bytes
from dossier.writers.docx.drawing_ids import number_drawings
from dossier.writers.docx.embedded_fonts import embed_fonts
from dossier.writers.docx.footnotes import Footnotes
from dossier.writers.docx.inlines import InlineWriter, where
from dossier.messages import message_locale, translate
from dossier.writers.docx.furniture import add_header_footer
from dossier.writers.docx.layout import TableFonts, column_widths, text_height, text_width
from dossier.writers.docx.native_chart import NATIVE_BINS, add_native_chart, chart_height
from dossier.writers.docx.numbering import ListNumbering
from dossier.writers.docx.ooxml import (
    add_bookmark_end, add_bookmark_start, add_break_run, add_text_run, add_text_runs, clean_line, sub,
)
from dossier.writers.ooxml_package import drop_thumbnail, one_line as display, reproducible_zip, set_core_properties
from dossier.writers.docx.styles import open_reference, reference_warnings, set_document_language
from dossier.writers.docx.toc import TableOfContents, request_field_update
from dossier.writers.docx.xref import CrossReferences, add_caption, caption_text
from dossier.writers.libreoffice_layout import layout_wanted
from dossier.writers.native_charts.data import caption_lines, is_native

_JC = {"right": "right", "center": "center"}
_OFF = {"false", "no", "off", "0", ""}


PT_EMU = 12700

class DocxWriter:
    """Writes a ``Document`` as a Word briefing."""

    name = "docx"
    suffix = ".docx"
    chart_profile = "page"

    def __init__(self, reference_docx: Path | None = None, *, refresh_fields: bool | None = None,
                 draw_chart: DrawChart | None = None) -> None:
        """``reference_docx``: the .docx whose styles and page set-up to use (None → the built-in look).

        ``refresh_fields``: fill in the contents' page numbers with LibreOffice after
        writing; None (default) → when LibreOffice is installed, unless the environment
        says ``DOSSIER_REFRESH_FIELDS=0``; False → never (Word still updates them on
        opening). A reference that is missing, unreadable or lacks a required style is a
        ``ConfigError`` here, before anything is written. ``draw_chart`` draws each chart at
        the width it is placed at, in the reference's body font (without it, each chart's
        pre-drawn ``images["page"]`` is placed).
        """
        self.reference_docx = Path(reference_docx) if reference_docx is not None else None
        if self.reference_docx is not None and not self.reference_docx.is_file():
            raise ConfigError(f"reference document not found: {self.reference_docx}", file=str(self.reference_docx))
        reference_warnings(self.reference_docx)  # fails here, before anything is written
        self.refresh_fields = refresh_fields
        self.draw_chart = draw_chart

    @staticmethod
    def check_theme(reference_docx: Path | None) -> list[str]:
        """Return the warnings a build with this reference gives (styles supplied, hidden styles); ``ConfigError`` if unusable.

        The build calls it before writing and ``dossier check`` calls it too, so both report the same.
        """
        return reference_warnings(Path(reference_docx) if reference_docx is not None else None)

    def write(self, document: Document, target: Path) -> None:
        """Write ``document`` to exactly ``target``."""
        with use_document_locale(document_locale(document.meta)):
            data = _DocxBuild(document, self.reference_docx, self.chart_profile, self.draw_chart).build()
        if self._should_refresh():
            data = refresh_docx_bytes(data) or data
        Path(target).write_bytes(data)

    def _should_refresh(self) -> bool:
        """Whether to fill in page numbers with LibreOffice (see ``refresh_fields``)."""
        if self.refresh_fields is not None:
            return self.refresh_fields
        return layout_wanted()


def _furniture_kept(meta: dict, source: str) -> bool:
    """Front matter ``header-footer``: "keep" (default) the reference's headers and footers, or "replace" them."""
    choice = str(meta.get("header-footer", "keep")).strip().lower()
    if choice not in ("keep", "replace"):
        raise WriterError(f"must be keep or replace, not {choice!r}", file=source or None, line=1, key="header-footer")
    return choice == "keep"


def _words(quote: Quote) -> str:
    """The text of a quotation's paragraphs (what decides its direction)."""
    return " ".join(plain_text(block.inlines) for block in quote.blocks if isinstance(block, Paragraph))


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


class _DocxBuild(InlineWriter):
    """State of one write: the python-docx document, counters and the visitor methods."""

    def __init__(self, source: Document, reference: Path | None, profile: str,
                 draw_chart: DrawChart | None = None) -> None:
        self.src = source
        self.profile = profile
        self.draw_chart = draw_chart
        self.doc, self.styles = open_reference(reference)
        self.body_font = body_font(self.doc)
        if document_locale(source.meta):
            set_document_language(self.doc, document_language())
        self.rtl = locale_is_rtl()  # the whole document runs right to left: sections, tables
        self.locale = message_locale(source.meta)
        self.xrefs = CrossReferences(source.blocks, self.locale)
        self.toc = TableOfContents()
        self.footnotes = Footnotes(self.doc, self.styles.id("footnote text"), self.styles.char("footnote reference"))
        self.numbering = ListNumbering(self.doc)
        self.table_fonts = TableFonts.of(self.doc, self.styles)
        self.notes: dict[str, tuple[int, str]] = {}  # label → (Word note number, bookmark)
        self.anchors: set[str] = set()
        self.bookmarks = 0
        self.quote_depth = self.list_depth = 0

    # ------------------------------------------------------------ plumbing

    def para(self, style: str):
        """Append a body paragraph (raw ``w:p``) in the reference style named ``style``."""
        p = self.doc.add_paragraph()._p
        p.get_or_add_pPr().style = self.styles.id(style)
        return p

    def has_rtl_runs(self) -> bool:
        """Whether the body or the footnotes hold a right-to-left run."""
        parts = [self.doc.element.body] + ([self.footnotes.part.element] if self.notes else [])
        return any(next(part.iter(qn("w:rtl")), None) is not None for part in parts)

    def caption_para(self, style: str, caption: str):
        """A caption paragraph in ``style``, in the direction of the caption's words (else the document's)."""
        p = self.para(style)
        orient(p, caption)
        return p

    def next_bookmark(self) -> int:
        """Return a fresh ``w:id`` for a bookmark."""
        self.bookmarks += 1
        return self.bookmarks

    def build(self) -> bytes:
        """Write the cover, the body, then the contents (now that the headings are known) and page furniture."""
        cover_end = self.title_block()
        for block in self.src.blocks:
            self.visit(block)
        meta = self.src.meta
        if str(meta.get("toc", True)).strip().lower() not in _OFF and self.toc.entries:
            self.toc.insert(cover_end, self.styles, clean_line(meta.get("toc-title") or translate(self.locale, "Contents")))
            request_field_update(self.doc)
        add_header_footer(self.doc, self.styles, classification=display(meta.get("classification")),
                          title=clean_line(meta.get("short_title") or meta.get("title") or ""),
                          keep=_furniture_kept(meta, self.src.source), locale=self.locale)
        if self.rtl:
            for sect_pr in self.doc.element.body.iter(qn("w:sectPr")):
                rtl_section(sect_pr)
        if self.rtl or self.has_rtl_runs():
            match_complex_script_sizes(self.doc.styles.element)
        set_core_properties(self.doc.core_properties, meta, self.src.source)
        drop_thumbnail(self.doc.part.package)
        number_drawings(self.doc)
        embed_fonts(self.doc)
        raw = io.BytesIO()
        self.doc.save(raw)
        return reproducible_zip(with_app_properties(raw.getvalue(), docx_properties))

    def visit(self, node) -> None:
        method = getattr(self, f"visit_{_snake(type(node).__name__)}", None)
        if method is None:
            raise WriterError(f"cannot write {type(node).__name__}", **where(getattr(node, "loc", None)))
        method(node)

    # ------------------------------------------------------------ cover block

    def title_block(self):
        """Write title, subtitle and the date · author · marking line; return the cover's last paragraph."""
        meta = self.src.meta
        title = clean_line(meta.get("title") or "")
        if not title:
            raise WriterError("the front matter has no title", file=self.src.source or None, key="title")
        last = self.para("Title")
        orient(last, title)
        add_text_runs(last, title)
        if meta.get("subtitle"):
            last = self.para("Subtitle")
            orient(last, clean_line(meta["subtitle"]))
            add_text_runs(last, clean_line(meta["subtitle"]))
        date = display(meta.get("date_text")) or display(meta.get("date"))
        info = [(date, False), (display(meta.get("author")), False), (display(meta.get("classification")), True)]
        info = [(text, strong) for text, strong in info if text]
        if info:
            last = self.para("Document Info")
            orient(last, " ".join(text for text, _ in info))
            for i, (text, strong) in enumerate(info):
                if i:
                    add_text_run(last, "  \u00b7  ")
                add_text_runs(last, text, bold=strong)
        return last

    # ------------------------------------------------------------ blocks

    def visit_heading(self, h: Heading) -> None:
        level = min(max(h.level, 1), 3)  # a briefing has three heading styles; deeper levels share the third
        p = self.para(f"heading {level}")
        marks = []
        name = self.xrefs.heading_bookmark(h.attrs["id"]) if h.attrs.get("id") else None
        if name and name not in self.anchors:  # `[text](#id)` links jump here; the first such heading wins
            self.anchors.add(name)
            marks.append(name)
        toc_mark = self.toc.bookmark_for(h.level, plain_text(h.inlines))
        if toc_mark:
            marks.append(toc_mark)
        ids = [self.next_bookmark() for _ in marks]
        for bookmark_id, mark in zip(ids, marks):
            add_bookmark_start(p, bookmark_id, mark)
        self.inlines(p, h.inlines, h.loc)
        for bookmark_id in reversed(ids):
            add_bookmark_end(p, bookmark_id)

    def visit_paragraph(self, para: Paragraph) -> None:
        if not para.inlines:
            return
        if self.quote_depth:
            style = "Quote"
        else:
            last = self.doc.element.body[-2] if len(self.doc.element.body) > 1 else None  # [-1] is w:sectPr
            style = "After Table" if last is not None and last.tag == qn("w:tbl") else "Body Text"
        self.inlines(self.para(style), para.inlines, para.loc)

    def visit_list_block(self, lst: ListBlock) -> None:
        depth = self.list_depth
        suffix = "" if depth == 0 else f" {min(depth + 1, 3)}"
        style = ("List Number" if lst.ordered else "List Bullet") + suffix
        num_id = self.numbering.num_id(self.styles.id(style), lst.ordered, depth, lst.start)
        for item in lst.items:
            blocks = list(item.blocks)
            if not blocks or not isinstance(blocks[0], Paragraph):
                blocks.insert(0, Paragraph((), item.loc))
            for i, block in enumerate(blocks):
                if isinstance(block, Paragraph):
                    p = self.para(style if i == 0 else "List Continue" + suffix)
                    if i == 0:
                        num_pr = p.get_or_add_pPr().get_or_add_numPr()
                        num_pr.get_or_add_ilvl().val = 0
                        num_pr.get_or_add_numId().val = num_id
                    self.inlines(p, block.inlines, block.loc)
                elif isinstance(block, ListBlock):
                    self.list_depth += 1
                    try:
                        self.visit(block)
                    finally:
                        self.list_depth -= 1
                else:
                    self.visit(block)

    def visit_table(self, t: Table) -> None:
        ncols = max([len(t.header), 1] + [len(r) for r in t.rows])
        aligns = list(t.aligns) + [None] * (ncols - len(t.aligns))
        if caption_text(t):
            add_caption(self.caption_para("Table Caption", caption_text(t)), self.xrefs.number(t), caption_text(t),
                        self.next_bookmark)
        rows = ([t.header] if t.header else []) + list(t.rows)
        table = self.doc.add_table(rows=len(rows), cols=ncols)
        tbl_pr = table._tbl.tblPr
        tbl_pr.style = self.styles.id("Table", "table")
        if self.rtl:
            rtl_table(tbl_pr)
        table.autofit = False
        widths = column_widths(rows, ncols, text_width(self.doc.sections[-1]), self.table_fonts, header=bool(t.header))
        for c, w in enumerate(widths):
            table.columns[c].width = w
        tbl_w = tbl_pr.find(qn("w:tblW"))  # a fixed layout wants the total width
        tbl_w.set(qn("w:type"), "dxa")
        tbl_w.set(qn("w:w"), str(sum(w.twips for w in widths)))
        # which of the table style's conditional formats apply: the header row only
        for look in tbl_pr.findall(qn("w:tblLook")):
            tbl_pr.remove(look)
        sub(tbl_pr, "w:tblLook", val="0620", firstRow=1, lastRow=0, firstColumn=0, lastColumn=0, noHBand=1, noVBand=1)
        for r, row in enumerate(rows):
            header = bool(t.header) and r == 0
            tr_pr = table.rows[r]._tr.get_or_add_trPr()
            sub(tr_pr, "w:cantSplit")
            if header:
                sub(tr_pr, "w:tblHeader")
            for c in range(ncols):
                cell = table.cell(r, c)
                cell.width = widths[c]
                p = cell.paragraphs[0]._p
                p_pr = p.get_or_add_pPr()
                p_pr.style = self.styles.id("Table Heading" if header else "Table Text")
                if aligns[c] in _JC:
                    sub(p_pr, "w:jc", val=_JC[aligns[c]])
                self.inlines(p, row[c] if c < len(row) else (), t.loc)

    def visit_chart(self, chart: Chart) -> None:
        spec = chart.spec
        max_w, max_h = self.picture_box()
        if is_native(spec):  # an editable chart; the lines a picture prints under itself go under it
            add_native_chart(self.doc, self.para("Figure"), spec, width=max_w, height=chart_height(spec, max_w, max_h),
                             alt=spec.alt or caption_text(chart), font=spec.font or self.body_font)
            self.figure_text(chart, caption_lines(spec, NATIVE_BINS))
            return
        path = chart.images.get(self.profile) if self.draw_chart is None else None
        if path is None:  # drawn at the width it is placed at, so its type sizes are the sizes on the page
            path = placed_chart(self.draw_chart, chart, self.profile, max_w / PT_EMU, None,
                                body_font=self.body_font, max_height_pt=max_h / PT_EMU)
        # the drawing itself carries the source and note lines under the chart: no second copy here
        self.figure(chart, Path(path), spec.alt or caption_text(chart), chart.loc, full_width=True)

    def picture_box(self) -> tuple[int, int]:
        """The widest and tallest a picture is placed (EMU): the text width up to 16 cm, 60 % of the text height."""
        section = self.doc.sections[-1]
        return min(Cm(16), text_width(section)), int(text_height(section) * 0.6)

    def visit_image(self, image: Image) -> None:
        self.figure(image, Path(image.path), image.alt or image.caption, image.loc, full_width=False)

    def figure(self, block, path: Path, alt: str, loc: Location, *, full_width: bool) -> None:
        """A picture paragraph ("Figure") and its numbered caption ("Caption")."""
        if not path.is_file():
            raise WriterError(f"picture not found: {path}", **where(loc))
        max_w, max_h = self.picture_box()
        p = self.para("Figure")
        run = DocxParagraph(p, self.doc._body).add_run()
        try:
            shape = run.add_picture(str(path), width=max_w if full_width else None)
        except Exception as exc:  # python-docx raises several types for unreadable pictures
            raise WriterError(f"cannot read picture {path}: {exc}", **where(loc)) from None
        scale = min(1.0, max_w / shape.width, max_h / shape.height)
        if scale < 1.0:
            shape.width, shape.height = Emu(int(shape.width * scale)), Emu(int(shape.height * scale))
        shape._inline.docPr.set("descr", clean_line(alt))
        self.figure_text(block)

    def figure_text(self, block, lines: list[str] | tuple[str, ...] = ()) -> None:
        """The figure's numbered caption ("Caption"), then ``lines`` (note, source) in one "Source Note" paragraph."""
        caption = caption_text(block)
        if caption:
            add_caption(self.caption_para("Caption", caption), self.xrefs.number(block), caption, self.next_bookmark)
        if lines:
            src = self.para("Source Note")
            orient(src, " ".join(lines))
            for i, line in enumerate(lines):
                if i:
                    add_break_run(src)
                add_text_runs(src, clean_line(line))

    def visit_quote(self, quote: Quote) -> None:
        lead_in = self.doc.element.body[-2] if len(self.doc.element.body) > 1 else None
        if lead_in is not None and lead_in.tag == qn("w:p"):
            if "".join(lead_in.xpath(".//w:t/text()")).rstrip().endswith(":"):
                lead_in.get_or_add_pPr().get_or_add_keepNext()  # "… he said:" stays with what he said
        self.quote_depth += 1
        try:
            for block in quote.blocks:
                self.visit(block)
        finally:
            self.quote_depth -= 1
        if not quote.attribution:
            return
        runs = list(quote.attribution)
        if runs and isinstance(runs[0], Text):
            first = runs[0]
            stripped = first.text.lstrip().lstrip("\u2014\u2013-").lstrip()
            runs[0] = Text(stripped, first.bold, first.italic, first.code, first.link)
        p = self.para("Attribution")
        orient(p, _words(quote))  # the attribution follows the quotation's direction: at its end edge
        add_text_runs(p, "\u2014 ")
        self.inlines(p, tuple(runs), quote.loc, oriented=True)

    def visit_notes(self, notes: Notes) -> None:
        """Speaker notes belong to decks."""

    def visit_slide_break(self, brk: SlideBreak) -> None:
        """Slide breaks mean nothing on a page."""
