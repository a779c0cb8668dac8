"""Parse rendered Markdown into the document model (markdown-it-py + plugins, pandoc conventions)."""

from __future__ import annotations

import re
from typing import Any, Callable

import yaml
from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from dossier.errors import TemplateError
from dossier.markdown_text import strip_forbidden
from dossier.model import (
    Block, Chart, Document, Footnote, FootnoteRef, Heading, Inline, LineBreak, ListBlock, ListItem,
    Location, Notes, Paragraph, Quote, SlideBreak, Table, Text,
)

HEADING_ATTRS = re.compile(r"(?<!\\)\{([^{}]*)\}\s*$")
TRAILING_NOTES = re.compile(r"(?:\[\^[^\]\s]+\]\s*)+$")  # footnote marks after a caption's attributes
ATTRIBUTION = re.compile(r"^\s*(—|--|―)\s*")
CHART_INFO = re.compile(r"^chart(?:\s+@(?P<file>.+):(?P<line>\d+))?\s*$")

ChartResolver = Callable[[str, Location], Chart]


def make_parser() -> MarkdownIt:
    """Return the Markdown parser: CommonMark without raw HTML, plus tables, front matter, footnotes, notes."""
    return (
        MarkdownIt("commonmark", {"html": False})
        .enable("table")
        .use(front_matter_plugin)
        .use(footnote_plugin)
        .use(container_plugin, name="notes")
    )


class MarkdownReader:
    """Turn one rendered Markdown text into a `Document`; `source` names it in locations."""

    def __init__(self, source: str, resolve_chart: ChartResolver) -> None:
        self.source = source
        self.resolve_chart = resolve_chart
        self.footnote_numbers: dict[str, int] = {}

    def read(self, text: str) -> Document:
        tree = SyntaxTreeNode(make_parser().parse(text))
        meta: dict[str, Any] = {}
        footnote_nodes: list[SyntaxTreeNode] = []
        body: list[SyntaxTreeNode] = []
        for node in tree.children:
            if node.type == "front_matter":
                meta = self._front_matter(node)
            elif node.type == "footnote_block":
                footnote_nodes.extend(node.children)
            else:
                body.append(node)
        blocks = self._blocks(body)
        footnotes = {}
        for node in footnote_nodes:
            label = node.meta["label"]
            inlines: list[Inline] = []
            for child in node.children:
                if child.type == "paragraph":
                    inlines.extend(self._inlines(child.children[0]))
            number = self.footnote_numbers.get(label, len(self.footnote_numbers) + 1)
            loc = self._loc(node.children[0] if node.children else node)
            footnotes[label] = Footnote(label, number, tuple(inlines), loc)
        return Document(meta=meta, blocks=tuple(blocks), footnotes=footnotes, source=self.source)

    # ------------------------------------------------------------ helpers

    def _loc(self, node: SyntaxTreeNode) -> Location:
        line = None
        current: SyntaxTreeNode | None = node
        while current is not None and line is None:
            if not current.is_root and current.map:
                line = current.map[0] + 1
            current = current.parent if not current.is_root else None
        return Location(self.source, line)

    def _front_matter(self, node: SyntaxTreeNode) -> dict[str, Any]:
        try:
            meta = yaml.safe_load(node.content) or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 2 if mark else 1
            raise TemplateError(f"front matter is not valid YAML: {exc}", file=self.source, line=line) from None
        if not isinstance(meta, dict):
            raise TemplateError("front matter must be a mapping (key: value lines)", file=self.source, line=1)
        return {key: strip_forbidden(value)[0] if isinstance(value, str) else value for key, value in meta.items()}

    def _blocks(self, nodes: list[SyntaxTreeNode]) -> list[Block]:
        blocks: list[Block] = []
        for node in nodes:
            if node.type == "paragraph" and blocks and isinstance(blocks[-1], Table):
                caption = _table_caption(node)
                if caption is not None:
                    table_id = ""
                    # Attributes as the source writes them: an escaped \{…\} (from data) is text.
                    match = HEADING_ATTRS.search(TRAILING_NOTES.sub("", node.children[0].content))
                    if match and caption.endswith(match.group(0).strip()):
                        table_id = _parse_attrs(match.group(1)).get("id", "")
                        caption = caption[: -len(match.group(0).strip())].rstrip()
                    table = blocks[-1]
                    blocks[-1] = Table(table.header, table.rows, table.aligns, table.loc, caption, table_id)
                    continue
            block = self._block(node)
            if block is not None:
                blocks.append(block)
        return blocks

    def _block(self, node: SyntaxTreeNode) -> Block | None:
        loc = self._loc(node)
        kind = node.type
        if kind == "heading":
            return self._heading(node, loc)
        if kind == "paragraph":
            return Paragraph(tuple(self._inlines(node.children[0])), loc)
        if kind in ("bullet_list", "ordered_list"):
            items = tuple(ListItem(tuple(self._blocks(item.children)), self._loc(item)) for item in node.children)
            start = int(node.attrs.get("start", 1)) if kind == "ordered_list" else 1
            return ListBlock(kind == "ordered_list", items, loc, start)
        if kind == "table":
            return self._table(node, loc)
        if kind == "blockquote":
            return self._quote(node, loc)
        if kind == "container_notes":
            return Notes(tuple(self._blocks(node.children)), loc)
        if kind == "hr":
            return SlideBreak(loc)
        if kind == "fence":
            match = CHART_INFO.match(node.info.strip())
            if match:
                if match.group("file"):
                    loc = Location(match.group("file"), int(match.group("line")))
                return self.resolve_chart(node.content, loc)
            return Paragraph((Text(node.content.rstrip("\n"), code=True),), loc)
        if kind == "code_block":
            return Paragraph((Text(node.content.rstrip("\n"), code=True),), loc)
        raise TemplateError(f"Markdown element {kind!r} is not supported", file=loc.file, line=loc.line)

    def _heading(self, node: SyntaxTreeNode, loc: Location) -> Heading:
        inline = node.children[0]
        inlines = self._inlines(inline)
        attrs: dict[str, str] = {}
        match = HEADING_ATTRS.search(inline.content)
        if match and inlines and isinstance(inlines[-1], Text) and inlines[-1].text.rstrip().endswith("}"):
            attrs = _parse_attrs(match.group(1))
            last = inlines[-1]
            trimmed = last.text.rstrip()[: -len(match.group(0).rstrip())].rstrip()
            inlines[-1] = Text(trimmed, last.bold, last.italic, last.code, last.link)
        return Heading(int(node.tag[1]), tuple(inlines), loc, attrs)

    def _table(self, node: SyntaxTreeNode, loc: Location) -> Table:
        header: tuple = ()
        rows: list[tuple] = []
        aligns: list[str | None] = []
        for section in node.children:
            for row in section.children:
                cells = tuple(tuple(self._inlines(cell.children[0])) if cell.children else () for cell in row.children)
                if section.type == "thead":
                    header = cells
                    for cell in row.children:
                        style = str(cell.attrs.get("style", ""))
                        aligns.append(style.split(":", 1)[1] if style.startswith("text-align:") else None)
                else:
                    rows.append(cells)
        return Table(header, tuple(rows), tuple(aligns), loc)

    def _quote(self, node: SyntaxTreeNode, loc: Location) -> Quote:
        blocks = self._blocks(node.children)
        attribution: tuple[Inline, ...] = ()
        last_source = node.children[-1].children[0].content if node.children[-1].type == "paragraph" else ""
        if len(blocks) > 1 and isinstance(blocks[-1], Paragraph) and ATTRIBUTION.match(last_source):
            # the dash as the source writes it: a dash from data is escaped (\-\-, &#8212;) and stays text
            first = blocks[-1].inlines[0] if blocks[-1].inlines else None
            if isinstance(first, Text) and ATTRIBUTION.match(first.text):
                stripped = Text(ATTRIBUTION.sub("", first.text, count=1), first.bold, first.italic, first.code, first.link)
                attribution = (stripped,) + blocks[-1].inlines[1:]
                blocks = blocks[:-1]
        return Quote(tuple(blocks), loc, attribution)

    def _inlines(self, inline: SyntaxTreeNode) -> list[Inline]:
        runs: list[Inline] = []
        self._walk_inline(inline.children, runs, bold=False, italic=False, link=None)
        return _merge_runs(runs)

    def _walk_inline(self, nodes, runs: list[Inline], bold: bool, italic: bool, link: str | None) -> None:
        for node in nodes:
            kind = node.type
            if kind == "text":
                runs.append(Text(strip_forbidden(node.content)[0], bold, italic, False, link))
            elif kind == "softbreak":
                runs.append(Text(" ", bold, italic, False, link))
            elif kind == "hardbreak":
                runs.append(LineBreak())
            elif kind == "code_inline":
                runs.append(Text(strip_forbidden(node.content)[0], bold, italic, True, link))
            elif kind == "strong":
                self._walk_inline(node.children, runs, True, italic, link)
            elif kind == "em":
                self._walk_inline(node.children, runs, bold, True, link)
            elif kind == "link":
                self._walk_inline(node.children, runs, bold, italic, str(node.attrs.get("href", "")))
            elif kind == "footnote_ref":
                label = node.meta["label"]
                number = self.footnote_numbers.setdefault(label, len(self.footnote_numbers) + 1)
                runs.append(FootnoteRef(label, number))
            elif kind == "image":
                alt = node.content or "".join(c.content for c in node.children)
                runs.append(Text(alt, bold, italic, False, link))
            elif kind == "footnote_anchor":
                continue
            else:
                runs.append(Text(node.content, bold, italic, False, link))


def _merge_runs(runs: list[Inline]) -> list[Inline]:
    """Join neighbouring text runs that look the same."""
    merged: list[Inline] = []
    for run in runs:
        previous = merged[-1] if merged else None
        if (isinstance(run, Text) and isinstance(previous, Text)
                and (run.bold, run.italic, run.code, run.link) == (previous.bold, previous.italic, previous.code, previous.link)):
            merged[-1] = Text(previous.text + run.text, run.bold, run.italic, run.code, run.link)
        else:
            merged.append(run)
    return merged


def _table_caption(node: SyntaxTreeNode) -> str | None:
    content = node.children[0].content if node.children else ""
    if content.startswith("Table:"):
        inline = node.children[0]
        text = "".join(child.content for child in inline.children if child.type in ("text", "code_inline"))
        return text[len("Table:"):].strip() if text.startswith("Table:") else content[6:].strip()
    return None


def _parse_attrs(text: str) -> dict[str, str]:
    """Parse pandoc attributes `#id .class key=value key="v w"` into a dict (classes under "class")."""
    attrs: dict[str, str] = {}
    classes = []
    for token in re.findall(r'[^\s"]+="[^"]*"|\S+', text):
        if token.startswith("#"):
            attrs["id"] = token[1:]
        elif token.startswith("."):
            classes.append(token[1:])
        elif "=" in token:
            key, value = token.split("=", 1)
            attrs[key] = value.strip('"')
    if classes:
        attrs["class"] = " ".join(classes)
    return attrs


def read_markdown(text: str, source: str, resolve_chart: ChartResolver) -> Document:
    """Return the document model of a rendered Markdown text."""
    return MarkdownReader(source, resolve_chart).read(text)
