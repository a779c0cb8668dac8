"""The built-in briefing look, as WordprocessingML: every style the DOCX writer uses.

This module is the look's single source: ``docx_reference`` packs it into
``templates/theme/reference.docx`` (and into the in-memory reference used when a
project has none). Fonts, sizes, colours and spacing live here and nowhere else;
the writer itself only names styles.

Units: sizes in points, spacing in points, indents in twips (567 twips = 1 cm).
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

#: Latin, Latin Extended (Azerbaijani ə, ğ, ı, ş), Greek and Cyrillic; its figures are
#: tabular (all digits share one advance), so right-aligned numbers line up.
BODY_FONT = "Noto Sans"
#: Chinese characters (``w:eastAsia``); drawn to match Noto Sans.
CJK_FONT = "Noto Sans CJK SC"
#: Inline code. Ships with Office; fontconfig substitutes DejaVu Sans Mono for it.
MONO_FONT = "Consolas"
#: Language of runs nobody tagged otherwise; Chinese and right-to-left defaults beside it.
LANGUAGE = ("en-GB", "zh-CN", "ar-SA")

NAVY, SLATE, INK, GREY, RULE, TINT = "1F3A5F", "4F6D8F", "262626", "595959", "BFBFBF", "DCE6F1"

#: A4 with 2.2 cm margins; the header and footer sit 1.1 and 0.9 cm from the edge.
PAGE = {"width": 11906, "height": 16838, "margin": 1247, "header": 624, "footer": 510}
TEXT_WIDTH = PAGE["width"] - 2 * PAGE["margin"]  # twips
LIST_INDENT = 340  # twips per list level; the bullet hangs this far left of the text

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# ---------------------------------------------------------------- property helpers


def spacing(before: float = 0, after: float = 0, line: float | None = None) -> str:
    """``w:spacing``: before/after in points, ``line`` as a multiple of single spacing."""
    rule = f' w:line="{round(line * 240)}" w:lineRule="auto"' if line else ""
    return f'<w:spacing w:before="{round(before * 20)}" w:after="{round(after * 20)}"{rule}/>'


def ind(left: int = 0, right: int = 0, hanging: int = 0) -> str:
    """``w:ind`` in twips."""
    return f'<w:ind w:left="{left}" w:right="{right}" w:hanging="{hanging}"/>'


def border(side: str, size_eighths: int, color: str, space: int) -> str:
    """One paragraph border line (``w:pBdr`` child)."""
    return f'<w:{side} w:val="single" w:sz="{size_eighths}" w:space="{space}" w:color="{color}"/>'


def font(size: float | None = None, *, bold: bool = False, italic: bool = False, color: str | None = None,
         face: str | None = None) -> str:
    """Run properties in schema order; ``face`` sets the Latin and complex-script slots."""
    out = ""
    if face:
        out += f'<w:rFonts w:ascii="{face}" w:hAnsi="{face}" w:cs="{face}"/>'
    if bold:
        out += "<w:b/><w:bCs/>"
    if italic:
        out += "<w:i/><w:iCs/>"
    if color:
        out += f'<w:color w:val="{color}"/>'
    if size:
        out += f'<w:sz w:val="{round(size * 2)}"/><w:szCs w:val="{round(size * 2)}"/>'
    return out


KEEP_NEXT, KEEP_LINES = "<w:keepNext/>", "<w:keepLines/>"
TOC_TABS = f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>'


@dataclass(frozen=True)
class StyleDef:
    """One ``w:style``: UI name, type, parent, follower and property XML (pPr/rPr/tblPr children)."""

    name: str
    style_id: str
    kind: str = "paragraph"
    based_on: str | None = "Normal"
    next_id: str | None = None
    ppr: str = ""
    rpr: str = ""
    extra: str = ""  # tblPr, tblStylePr ... for table styles
    custom: bool = False
    default: bool = False

    def xml(self) -> str:
        attrs = f' w:type="{self.kind}" w:styleId="{self.style_id}"'
        attrs += ' w:default="1"' if self.default else ""
        attrs += ' w:customStyle="1"' if self.custom else ""
        body = f"<w:name w:val={quoteattr(self.name)}/>"
        body += f'<w:basedOn w:val="{self.based_on}"/>' if self.based_on else ""
        body += f'<w:next w:val="{self.next_id}"/>' if self.next_id else ""
        body += "<w:qFormat/>"
        body += f"<w:pPr>{self.ppr}</w:pPr>" if self.ppr else ""
        body += f"<w:rPr>{self.rpr}</w:rPr>" if self.rpr else ""
        return f"<w:style{attrs}>{body}{self.extra}</w:style>"


def _p(name: str, style_id: str, **kw) -> StyleDef:
    return StyleDef(name, style_id, **kw)


def _num(num_id: int) -> str:
    return f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'


_TABLE = (
    '<w:tblPr><w:tblBorders>'
    f'<w:top w:val="single" w:sz="8" w:space="0" w:color="{NAVY}"/>'
    f'<w:bottom w:val="single" w:sz="8" w:space="0" w:color="{NAVY}"/>'
    f'<w:insideH w:val="single" w:sz="4" w:space="0" w:color="{RULE}"/></w:tblBorders>'
    '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
    '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr>'
    '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/>'
    f'<w:color w:val="{NAVY}"/></w:rPr><w:tcPr><w:tcBorders>'
    f'<w:bottom w:val="single" w:sz="8" w:space="0" w:color="{NAVY}"/></w:tcBorders>'
    f'<w:shd w:val="clear" w:color="auto" w:fill="{TINT}"/></w:tcPr></w:tblStylePr>'
)

#: Every style, in the order styles.xml lists them. Names are Word's built-in ones where
#: Word has one ("heading 1", "footnote text", "toc 1", ...), pandoc's where pandoc has one.
STYLES: tuple[StyleDef, ...] = (
    _p("Normal", "Normal", based_on=None, default=True, ppr="<w:widowControl/>" + spacing(0, 0, 1.1)),
    _p("Body Text", "BodyText", next_id="BodyText", ppr=spacing(5, 0, 1.05)),
    # a table has no space after it of its own: the paragraph below brings it
    _p("After Table", "AfterTable", based_on="BodyText", next_id="BodyText", custom=True, ppr=spacing(11, 0)),
    # cover block
    _p("Title", "Title", next_id="Subtitle", ppr=KEEP_NEXT + spacing(0, 3, 1.0), rpr=font(24, color=NAVY)),
    _p("Subtitle", "Subtitle", next_id="BodyText", ppr=KEEP_NEXT + spacing(0, 2), rpr=font(13, color=SLATE)),
    _p("Document Info", "DocumentInfo", next_id="BodyText", custom=True,
       ppr=f"<w:pBdr>{border('bottom', 6, NAVY, 6)}</w:pBdr>" + spacing(6, 12), rpr=font(9.5, color=GREY)),
    _p("TOC Heading", "TOCHeading", next_id="Normal",
       ppr=KEEP_NEXT + KEEP_LINES + spacing(0, 2) + '<w:outlineLvl w:val="9"/>', rpr=font(11, bold=True, color=NAVY)),
    _p("toc 1", "TOC1", next_id="Normal", ppr=TOC_TABS + spacing(1, 0)),
    _p("toc 2", "TOC2", next_id="Normal", ppr=TOC_TABS + spacing(0, 0) + ind(left=284),
       rpr=font(9.5, color=INK)),
    # headings: air above, none below (the next paragraph brings its own), kept with what follows
    _p("heading 1", "Heading1", next_id="BodyText", ppr=KEEP_NEXT + KEEP_LINES + spacing(14, 0, 1.0)
       + '<w:outlineLvl w:val="0"/>', rpr=font(15, bold=True, color=NAVY)),
    _p("heading 2", "Heading2", next_id="BodyText", ppr=KEEP_NEXT + KEEP_LINES + spacing(10, 0, 1.0)
       + '<w:outlineLvl w:val="1"/>', rpr=font(12, bold=True, color=NAVY)),
    _p("heading 3", "Heading3", next_id="BodyText", ppr=KEEP_NEXT + KEEP_LINES + spacing(8, 0, 1.0)
       + '<w:outlineLvl w:val="2"/>', rpr=font(10.5, bold=True, color=INK)),
    # lists: the numbering definitions (numbering.xml) hold the indents
    _p("List Bullet", "ListBullet", ppr=_num(1) + spacing(2.5, 0, 1.05)),
    _p("List Bullet 2", "ListBullet2", ppr=_num(2) + spacing(2, 0, 1.05)),
    _p("List Bullet 3", "ListBullet3", ppr=_num(3) + spacing(2, 0, 1.05)),
    _p("List Number", "ListNumber", ppr=_num(4) + spacing(1.5, 0, 1.05)),
    _p("List Number 2", "ListNumber2", ppr=_num(5) + spacing(2, 0, 1.05)),
    _p("List Number 3", "ListNumber3", ppr=_num(6) + spacing(2, 0, 1.05)),
    _p("List Continue", "ListContinue", ppr=spacing(3, 0, 1.05) + ind(left=LIST_INDENT)),
    _p("List Continue 2", "ListContinue2", ppr=spacing(2, 0, 1.05) + ind(left=2 * LIST_INDENT)),
    _p("List Continue 3", "ListContinue3", ppr=spacing(2, 0, 1.05) + ind(left=3 * LIST_INDENT)),
    # quotes: upright (slanted Chinese is synthetic), indented, a rule on the left, never parted
    # from their attribution (or, without one, from the first lines after them)
    _p("Quote", "Quote", next_id="BodyText", ppr=KEEP_NEXT + KEEP_LINES
       + f"<w:pBdr>{border('left', 18, 'A6A6A6', 8)}</w:pBdr>" + spacing(6, 0, 1.05) + ind(left=567, right=567),
       rpr=font(color=INK)),
    _p("Attribution", "Attribution", next_id="BodyText", custom=True,
       ppr=KEEP_LINES + spacing(3, 6) + ind(left=567, right=567) + '<w:jc w:val="right"/>',
       rpr=font(9.5, color=GREY)),
    # figures and tables
    _p("Figure", "Figure", next_id="Caption", custom=True,
       ppr=KEEP_NEXT + spacing(8, 2, 1.0) + '<w:jc w:val="center"/>'),
    _p("caption", "Caption", next_id="BodyText", ppr=spacing(2, 6, 1.0), rpr=font(9, bold=True, color=NAVY)),
    _p("Table Caption", "TableCaption", based_on="Caption", next_id="Normal", custom=True,
       ppr=KEEP_NEXT + KEEP_LINES + spacing(10, 3, 1.0)),
    _p("Source Note", "SourceNote", next_id="BodyText", custom=True, ppr=spacing(0, 8, 1.0), rpr=font(8, color=GREY)),
    _p("Table Text", "TableText", custom=True, ppr=spacing(1.5, 1.5, 1.0), rpr=font(9)),
    _p("Table Heading", "TableHeading", based_on="TableText", custom=True, ppr=KEEP_NEXT),
    # notes, header, footer
    _p("footnote text", "FootnoteText", ppr=spacing(0, 1, 1.0) + ind(left=170, hanging=170), rpr=font(8)),
    _p("header", "Header", ppr=f"<w:pBdr>{border('bottom', 4, RULE, 3)}</w:pBdr>" + spacing(2, 0, 1.0),
       rpr=font(8, color=GREY)),
    _p("footer", "Footer", ppr=spacing(0, 2, 1.0) + '<w:jc w:val="right"/>', rpr=font(8, color=GREY)),
    _p("Classification", "Classification", custom=True, ppr=spacing(0, 0, 1.0) + '<w:jc w:val="center"/>',
       rpr=font(8.5, bold=True, color="404040")),
    # characters
    StyleDef("Default Paragraph Font", "DefaultParagraphFont", "character", None, default=True),
    StyleDef("Hyperlink", "Hyperlink", "character", "DefaultParagraphFont",
             rpr='<w:color w:val="1F5FA8"/><w:u w:val="single"/>'),
    StyleDef("footnote reference", "FootnoteReference", "character", "DefaultParagraphFont",
             rpr='<w:vertAlign w:val="superscript"/>'),
    StyleDef("Verbatim Char", "VerbatimChar", "character", "DefaultParagraphFont", custom=True,
             rpr=font(9.5, face=MONO_FONT)),
    # tables
    StyleDef("Normal Table", "TableNormal", "table", None, default=True,
             extra='<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
                   '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
                   '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>'),
    StyleDef("Table", "Table", "table", "TableNormal", custom=True, extra=_TABLE),
)


def styles_xml() -> str:
    """Return ``word/styles.xml``: document defaults (fonts, size, languages) and :data:`STYLES`."""
    latin, east_asian, bidi = LANGUAGE
    defaults = (
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        f'<w:rFonts w:ascii="{BODY_FONT}" w:eastAsia="{CJK_FONT}" w:hAnsi="{BODY_FONT}" w:cs="{BODY_FONT}"/>'
        '<w:sz w:val="20"/><w:szCs w:val="20"/>'
        f'<w:lang w:val="{latin}" w:eastAsia="{east_asian}" w:bidi="{bidi}"/>'
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
    )
    body = "".join(style.xml() for style in STYLES)
    return f'<w:styles xmlns:w="{W_NS}">{defaults}{body}</w:styles>'


#: numId → (format, text) of each list style's single-level definition; the order matches STYLES.
_LISTS = (("bullet", "\u2022"), ("bullet", "\u2013"), ("bullet", "\u25e6"),
          ("decimal", "%1."), ("lowerLetter", "%1."), ("lowerRoman", "%1."))


def numbering_xml() -> str:
    """Return ``word/numbering.xml``: one single-level definition per list style and depth.

    The writer gives every numbered list its own ``w:num`` over these definitions, so each
    list restarts; the indents here are the list styles' indents.
    """
    abstract, nums = [], []
    for index, (fmt, text) in enumerate(_LISTS):
        depth = index % 3
        abstract.append(
            f'<w:abstractNum w:abstractNumId="{index}"><w:multiLevelType w:val="singleLevel"/>'
            f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
            f'<w:lvlJc w:val="left"/><w:pPr>{ind(left=LIST_INDENT * (depth + 1), hanging=LIST_INDENT)}</w:pPr>'
            "</w:lvl></w:abstractNum>"
        )
        nums.append(f'<w:num w:numId="{index + 1}"><w:abstractNumId w:val="{index}"/></w:num>')
    return f'<w:numbering xmlns:w="{W_NS}">{"".join(abstract)}{"".join(nums)}</w:numbering>'


def fonts_xml() -> str:
    """Return ``word/fontTable.xml``: substitutes Word picks when a face is not installed."""
    entries = (
        (BODY_FONT, "Arial", "swiss", "variable", "020B0502040504020204"),
        (CJK_FONT, "Microsoft YaHei", "swiss", "variable", "020B0500000000000000"),
        (MONO_FONT, "Courier New", "modern", "fixed", "020B0609020204030204"),
    )
    body = "".join(
        f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:panose1 w:val="{panose}"/>'
        f'<w:charset w:val="00"/><w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>'
        for name, alt, family, pitch, panose in entries
    )
    return f'<w:fonts xmlns:w="{W_NS}">{body}</w:fonts>'


def section_xml() -> str:
    """Return the ``w:sectPr`` of the reference body: A4 portrait, margins, header/footer distances."""
    p = PAGE
    return (
        f'<w:sectPr><w:pgSz w:w="{p["width"]}" w:h="{p["height"]}"/>'
        f'<w:pgMar w:top="{p["margin"]}" w:right="{p["margin"]}" w:bottom="{p["margin"]}" w:left="{p["margin"]}"'
        f' w:header="{p["header"]}" w:footer="{p["footer"]}" w:gutter="0"/><w:cols w:space="720"/></w:sectPr>'
    )
