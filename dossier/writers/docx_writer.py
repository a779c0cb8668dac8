"""Word briefing writer: walks the document model and writes one .docx file.

``DocxWriter.write`` builds a fresh ``_DocxBuild`` per call, which visits the
blocks (``visit_heading``, ``visit_paragraph``, ...). Helpers live next door:
``docx_ooxml`` (runs, fields, bookmarks, text cleaning), ``docx_styles`` (fonts and
styles), ``docx_numbering`` (list restarts), ``docx_layout`` (page, table widths, header
and footer), ``docx_footnotes`` (the footnotes part) and ``docx_package`` (core
properties, reproducible zip).

Decisions worth knowing:

* Footnotes are real Word footnotes, numbered by Word in order of first reference.
  A label cited again does not get a second note: the later citation is a
  ``NOTEREF`` cross-reference field (formatted as a note mark, cached with the
  number) to a hidden bookmark on the first reference, so a reader sees the same
  number and the source is listed once.
* Fonts (built-in look): Noto Sans for Latin, Latin Extended (Azerbaijani) and
  Cyrillic, ``w:eastAsia`` Noto Sans CJK SC for Chinese, Consolas for code (fontconfig
  maps it to DejaVu Sans Mono). With a reference document its fonts are kept; only a
  missing East Asian font is added to the document defaults.
* Tables and figures are numbered with ``SEQ`` fields ("Table 1", "Figure 1"; only
  captioned ones count), cached with the number so text extraction sees it.
* Output is reproducible: no clock anywhere (core dates come from ``meta["date"]``,
  zip entries carry a fixed timestamp).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt

from dossier.errors import ConfigError, WriterError
from dossier.model import (
    Chart, Document, FootnoteRef, Heading, Image, LineBreak, ListBlock, Location, Notes,
    Paragraph, Quote, SlideBreak, Table, Text,
)
from dossier.writers.docx_footnotes import Footnotes
from dossier.writers.docx_layout import add_header_footer, column_widths, set_a4, text_height, text_width
from dossier.writers.docx_numbering import ListNumbering
from dossier.writers.docx_ooxml import (
    add_break_run, add_bookmark_end, add_bookmark_start, add_field, add_text_run, bookmark_name,
    clean_line, make_rpr, sub,
)
from dossier.writers.docx_package import (
    display, drop_thumbnail, reproducible_zip, set_core_properties,
)
from dossier.writers.docx_styles import (
    ensure_east_asian_font, ensure_style, find_style, restyle_default_template,
)

_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT, "center": WD_ALIGN_PARAGRAPH.CENTER}
_HEADER_FILL = "DCE6F1"


class DocxWriter:
    """Writes a ``Document`` as a Word briefing."""

    name = "docx"
    suffix = ".docx"
    chart_profile = "page"

    def __init__(self, reference_docx: Path | None = None) -> None:
        """``reference_docx``: a .docx whose styles (and page set-up) to use; None → built-in briefing look."""
        self.reference_docx = Path(reference_docx) if reference_docx is not None else None
        if self.reference_docx is not None and not self.reference_docx.is_file():
            raise ConfigError(f"reference document not found: {self.reference_docx}", file=str(self.reference_docx))

    def write(self, document: Document, target: Path) -> None:
        """Write ``document`` to exactly ``target``."""
        data = _DocxBuild(document, self.reference_docx, self.chart_profile).build()
        Path(target).write_bytes(data)


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _where(loc: Location | None) -> dict:
    return {"file": loc.file if loc else None, "line": loc.line if loc else None}


class _DocxBuild:
    """State of one write: the python-docx document, counters and the visitor methods."""

    def __init__(self, source: Document, reference: Path | None, profile: str) -> None:
        self.src = source
        self.profile = profile
        self._styles: dict[str, str] = {}
        if reference is None:
            self.doc = docx.Document()
            set_a4(self.doc.sections[0])
            restyle_default_template(self.doc)
        else:
            try:
                self.doc = docx.Document(str(reference))
            except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
                raise ConfigError(f"not a usable .docx reference document: {exc}", file=str(reference)) from None
            body = self.doc.element.body
            for child in list(body):  # the reference lends its styles, not its text
                if child.tag != qn("w:sectPr"):
                    body.remove(child)
            ensure_east_asian_font(self.doc)
        self.footnotes = Footnotes(self.doc, self.style_id("footnote text"), self.style_id("footnote reference"))
        self.numbering = ListNumbering(self.doc)
        self.notes: dict[str, tuple[int, str]] = {}  # label → (Word note number, bookmark)
        self.anchors: set[str] = set()
        self.tables = self.figures = self.bookmarks = 0
        self.quote_depth = self.list_depth = 0
        self.space_before_next: Pt | None = None

    # ------------------------------------------------------------ plumbing

    def style(self, name: str) -> str:
        """UI name of style ``name``, added to the document first if it lacks it."""
        if name not in self._styles:
            self._styles[name] = ensure_style(self.doc, name)
        return self._styles[name]

    def style_id(self, name: str) -> str:
        """Style id (for ``w:pStyle``/``w:rStyle``) of style ``name``, added first if missing."""
        key = "id:" + name
        if key not in self._styles:
            self._styles[key] = find_style(self.doc.styles.element, self.style(name)).styleId
        return self._styles[key]

    def para(self, style: str | None = None):
        """Append a body paragraph in ``style`` (None → Normal, or Quote inside a quote)."""
        if style is None and self.quote_depth:
            style = "Quote"
        p = self.doc.add_paragraph(style=self.style(style) if style else None)
        if self.space_before_next is not None:
            p.paragraph_format.space_before = self.space_before_next
            self.space_before_next = None
        return p

    def build(self) -> bytes:
        self.title_block()
        for block in self.src.blocks:
            self.visit(block)
        meta = self.src.meta
        add_header_footer(
            self.doc,
            classification=display(meta.get("classification")),
            title=clean_line(meta.get("short_title") or meta.get("title") or ""),
            header_style=self.style("Header"),
            footer_style=self.style("Footer"),
        )
        set_core_properties(self.doc, meta)
        drop_thumbnail(self.doc)
        raw = io.BytesIO()
        self.doc.save(raw)
        return reproducible_zip(raw.getvalue())

    def visit(self, node) -> None:
        method = getattr(self, f"visit_{_snake(type(node).__name__)}", None)
        if method is None:
            raise WriterError(f"cannot write {type(node).__name__}", **_where(getattr(node, "loc", None)))
        method(node)

    # ------------------------------------------------------------ inline runs

    def inlines(self, p, inlines, loc: Location, *, part=None, bold=False, in_note=False) -> None:
        """Append runs for ``inlines`` to raw paragraph ``p`` (hyperlinks relate to ``part``)."""
        part = part or self.doc.part
        link_el, link_url = None, None
        for index, run in enumerate(inlines):
            previous_was_ref = index > 0 and isinstance(inlines[index - 1], FootnoteRef)
            if isinstance(run, Text):
                url = clean_line(run.link) if run.link else ""
                if not url:
                    link_el = link_url = None
                    container = p
                else:
                    if url != link_url:
                        link_el, link_url = self.hyperlink(p, url, part), url
                    container = link_el
                rpr = make_rpr(style=self.style_id("Hyperlink") if url else None,
                               bold=run.bold or bold, italic=run.italic, code=run.code)
                if run.text:
                    add_text_run(container, run.text, rpr)
                continue
            link_el = link_url = None
            if isinstance(run, LineBreak):
                add_break_run(p)
            elif isinstance(run, FootnoteRef):
                if previous_was_ref:  # keep neighbouring marks apart: 1,2 not 12
                    add_text_run(p, ",", make_rpr(style=self.style_id("footnote reference")))
                self.footnote_ref(p, run, loc, in_note)
            else:
                raise WriterError(f"cannot write {type(run).__name__}", **_where(loc))

    def hyperlink(self, p, url: str, part):
        link = sub(p, "w:hyperlink")
        if url.startswith("#"):
            link.set(qn("w:anchor"), bookmark_name(url[1:]))
        else:
            link.set(qn("r:id"), part.relate_to(url, RT.HYPERLINK, is_external=True))
        link.set(qn("w:history"), "1")
        return link

    def footnote_ref(self, p, ref: FootnoteRef, loc: Location, in_note: bool) -> None:
        note = self.src.footnotes.get(ref.label)
        if note is None:
            raise WriterError(f"footnote [^{ref.label}] is cited but not defined", **_where(loc))
        mark = make_rpr(style=self.style_id("footnote reference"))
        if ref.label in self.notes:  # cited before: cross-reference the existing note
            number, bookmark = self.notes[ref.label]
            add_field(p, f"NOTEREF {bookmark} \\f \\h", str(number), mark)
        elif in_note:  # Word notes cannot hold notes; show the number the model gave
            add_text_run(p, str(ref.number), mark)
        else:
            note_id, note_p = self.footnotes.add()
            bookmark = f"_RefNote{note_id}"
            self.notes[ref.label] = (note_id, bookmark)
            self.bookmarks += 1
            add_bookmark_start(p, self.bookmarks, bookmark)
            p.append(self.footnotes.reference_run(note_id))
            add_bookmark_end(p, self.bookmarks)
            self.inlines(note_p, note.inlines, note.loc, part=self.footnotes.part, in_note=True)

    # ------------------------------------------------------------ title, header, footer, properties

    def title_block(self) -> None:
        meta = self.src.meta
        title = clean_line(meta.get("title") or "")
        if not title:
            raise WriterError("the front matter has no title", file=self.src.source or None, key="title")
        add_text_run(self.para("Title")._p, title)
        if meta.get("subtitle"):
            add_text_run(self.para("Subtitle")._p, clean_line(meta["subtitle"]))
        info = [(display(meta.get(k)), k == "classification") for k in ("date_text", "author", "classification")]
        if not meta.get("date_text"):
            info[0] = (display(meta.get("date")), False)
        info = [(text, strong) for text, strong in info if text]
        if info:
            p = self.para("Document Info")._p
            for i, (text, strong) in enumerate(info):
                if i:
                    add_text_run(p, "  \u00b7  ")
                add_text_run(p, text, make_rpr(bold=strong))
        else:
            self.space_before_next = Pt(12)

    # ------------------------------------------------------------ blocks

    def visit_heading(self, h: Heading) -> None:
        level = min(max(h.level, 1), 9)
        p = self.para(f"Heading {level}")._p
        name = bookmark_name(h.attrs["id"]) if h.attrs.get("id") else None
        if name in self.anchors:  # bookmark names must be unique; the first heading wins
            name = None
        if name:  # `[text](#id)` links jump here
            self.anchors.add(name)
            self.bookmarks += 1
            bookmark_id = self.bookmarks
            add_bookmark_start(p, bookmark_id, name)
        self.inlines(p, h.inlines, h.loc)
        if name:
            add_bookmark_end(p, bookmark_id)

    def visit_paragraph(self, para: Paragraph) -> None:
        if not para.inlines:
            return
        self.inlines(self.para()._p, para.inlines, para.loc)

    def visit_list_block(self, lst: ListBlock) -> None:
        depth = self.list_depth
        suffix = "" if depth == 0 else f" {min(depth + 1, 3)}"
        style = self.style(("List Number" if lst.ordered else "List Bullet") + suffix)
        num_id = self.numbering.num_id(style, lst.ordered, depth, lst.start)
        for item in lst.items:
            blocks = list(item.blocks)
            if not blocks or not isinstance(blocks[0], Paragraph):
                blocks.insert(0, Paragraph((), item.loc))
            for i, block in enumerate(blocks):
                if isinstance(block, Paragraph):
                    p = self.para(style if i == 0 else "List Continue" + suffix)
                    if i == 0:
                        num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
                        num_pr.get_or_add_ilvl().val = 0
                        num_pr.get_or_add_numId().val = num_id
                    self.inlines(p._p, block.inlines, block.loc)
                elif isinstance(block, ListBlock):
                    self.list_depth += 1
                    try:
                        self.visit(block)
                    finally:
                        self.list_depth -= 1
                else:
                    self.visit(block)
        if depth == 0:
            self.space_before_next = Pt(6)

    def visit_table(self, t: Table) -> None:
        ncols = max([len(t.header), 1] + [len(r) for r in t.rows])
        aligns = list(t.aligns) + [None] * (ncols - len(t.aligns))
        if t.caption:
            self.tables += 1
            cap = self.para("Caption")
            cap.paragraph_format.keep_with_next = True
            self.caption_runs(cap._p, "Table", self.tables, t.caption)
        rows = ([t.header] if t.header else []) + list(t.rows)
        table = self.doc.add_table(rows=len(rows), cols=ncols, style=self.style("Table Grid"))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        widths = column_widths(rows, ncols, text_width(self.doc.sections[-1]))
        for c, w in enumerate(widths):
            table.columns[c].width = w
        tbl_w = table._tbl.tblPr.find(qn("w:tblW"))  # a fixed layout wants the total width
        tbl_w.set(qn("w:type"), "dxa")
        tbl_w.set(qn("w:w"), str(sum(w.twips for w in widths)))
        for r, row in enumerate(rows):
            header = bool(t.header) and r == 0
            tr_pr = table.rows[r]._tr.get_or_add_trPr()
            sub(tr_pr, "w:cantSplit")
            if header:
                sub(tr_pr, "w:tblHeader")
            for c in range(ncols):
                cell = table.cell(r, c)
                cell.width = widths[c]
                if header:
                    sub(cell._tc.get_or_add_tcPr(), "w:shd", val="clear", color="auto", fill=_HEADER_FILL)
                p = cell.paragraphs[0]
                fmt = p.paragraph_format
                fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(2), Pt(2), 1.0
                if aligns[c] in _ALIGN:
                    p.alignment = _ALIGN[aligns[c]]
                if header:
                    fmt.keep_with_next = True
                self.inlines(p._p, row[c] if c < len(row) else (), t.loc, bold=header)
        self.space_before_next = Pt(10)

    def caption_runs(self, p, label: str, number: int, text: str) -> None:
        add_text_run(p, f"{label} ")
        add_field(p, f"SEQ {label} \\* ARABIC", str(number))
        add_text_run(p, f": {clean_line(text)}")

    def visit_chart(self, chart: Chart) -> None:
        path = chart.images.get(self.profile)
        spec = chart.spec
        if path is None:
            raise WriterError(f"chart {spec.title!r} has no {self.profile!r} drawing", **_where(chart.loc))
        caption = spec.caption or spec.title
        # the drawing itself carries the source and note lines under the chart: no second copy here
        self.figure(Path(path), spec.alt or caption, caption, chart.loc, full_width=True)

    def visit_image(self, image: Image) -> None:
        self.figure(Path(image.path), image.alt or image.caption, image.caption, image.loc, full_width=False)

    def figure(self, path: Path, alt: str, caption: str, loc: Location, *, full_width: bool,
               source: str = "", note: str = "") -> None:
        if not path.is_file():
            raise WriterError(f"picture not found: {path}", **_where(loc))
        section = self.doc.sections[-1]
        max_w, max_h = min(Cm(16), text_width(section)), int(text_height(section) * 0.6)
        p = self.para("Normal")
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fmt = p.paragraph_format
        fmt.space_before, fmt.space_after, fmt.keep_with_next = Pt(6), Pt(2), bool(caption or source or note)
        try:
            shape = p.add_run().add_picture(str(path), width=max_w if full_width else None)
        except Exception as exc:  # python-docx raises several types for unreadable pictures
            raise WriterError(f"cannot read picture {path}: {exc}", **_where(loc)) from None
        scale = min(1.0, max_w / shape.width, max_h / shape.height)
        if scale < 1.0:
            shape.width, shape.height = Emu(int(shape.width * scale)), Emu(int(shape.height * scale))
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", clean_line(alt))
        if caption:
            self.figures += 1
            cap = self.para("Caption")
            cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
            cap.paragraph_format.keep_with_next = bool(source or note)
            self.caption_runs(cap._p, "Figure", self.figures, caption)
        if source or note:
            src = self.para("Source Note")._p
            if note:
                add_text_run(src, f"Note: {clean_line(note)}")
            if source:
                if note:
                    add_break_run(src)
                source = clean_line(source)
                add_text_run(src, source if source.lower().startswith("source") else f"Source: {source}")
        else:
            self.space_before_next = Pt(10)

    def visit_quote(self, quote: Quote) -> None:
        self.space_before_next = Pt(8)
        self.quote_depth += 1
        try:
            for block in quote.blocks:
                self.visit(block)
        finally:
            self.quote_depth -= 1
        if not quote.attribution:
            self.space_before_next = Pt(10)
            return
        last = self.doc.paragraphs[-1] if self.doc.paragraphs else None
        if last is not None:
            last.paragraph_format.keep_with_next = True
        runs = list(quote.attribution)
        if runs and isinstance(runs[0], Text):
            first = runs[0]
            stripped = first.text.lstrip().lstrip("\u2014\u2013-").lstrip()
            runs[0] = Text(stripped, first.bold, first.italic, first.code, first.link)
        p = self.para("Attribution")._p
        add_text_run(p, "\u2014 ")
        self.inlines(p, tuple(runs), quote.loc)

    def visit_notes(self, notes: Notes) -> None:
        """Speaker notes belong to decks."""

    def visit_slide_break(self, brk: SlideBreak) -> None:
        """Slide breaks mean nothing on a page."""
