"""Read a reference document's styles as Word resolves them: find a style, follow its ``basedOn`` chain.

Plain lxml on ``word/styles.xml`` (and the theme part for theme fonts and colours), so the
same code serves the writer (python-docx's styles element is an lxml element) and the
``--merge`` command (which edits the part inside the zip).

Finding a style. Word writes the *English* built-in name in ``w:name`` whatever the language
of its interface ("heading 1", "footnote text", "Title"), and localises only the style id
(``berschrift1`` in German, ``1`` or ``a3`` in Chinese, ``Titre1`` in French); LibreOffice
capitalises ("Heading 1"). So a style is found by its name without regard to case or
spacing, then by an alias (``w:aliases``), then by an id equal to the name without spaces.
Some tools write localised names ("标题 1", "Überschrift 1"): a heading is also found as
the paragraph style at the heading's outline level whose name ends in its number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
_OFF = {"0", "false", "off"}
#: Word's size when neither style nor defaults give one (ECMA-376: 10 pt); its face is Times New Roman.
WORD_DEFAULT_SIZE, WORD_DEFAULT_FACE = 10.0, "Times New Roman"


def w(tag: str) -> str:
    """Return the Clark name of a ``w:`` tag."""
    return f"{{{W_NS}}}{tag}"


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


def style_name(style) -> str:
    name = style.find(w("name"))
    return name.get(w("val"), "") if name is not None else ""


def find_style(styles_el, name: str, kind: str = "paragraph"):
    """Return the ``w:style`` element of built-in or custom style ``name`` (of type ``kind``), or None."""
    candidates = [s for s in styles_el.findall(w("style")) if (s.get(w("type")) or "paragraph") == kind]
    wanted = _key(name)
    for test in (
        lambda s: _key(style_name(s)) == wanted,
        lambda s: any(_key(a) == wanted for a in _aliases(s)),
        lambda s: _key(s.get(w("styleId")) or "") == wanted,
    ):
        found = next((s for s in candidates if test(s)), None)
        if found is not None:
            return found
    heading = re.fullmatch(r"heading ([1-9])", name.lower())
    if heading and kind == "paragraph":
        level = int(heading.group(1))
        for s in candidates:
            outline = s.find(f"{w('pPr')}/{w('outlineLvl')}")
            if outline is not None and outline.get(w("val")) == str(level - 1) \
                    and re.search(rf"(?<!\d){level}$", style_name(s).strip()):
                return s
    return None


def _aliases(style) -> list[str]:
    aliases = style.find(w("aliases"))
    return (aliases.get(w("val"), "") if aliases is not None else "").split(",") if aliases is not None else []


def style_by_id(styles_el, style_id: str | None):
    if not style_id:
        return None
    return next((s for s in styles_el.findall(w("style")) if s.get(w("styleId")) == style_id), None)


def default_style(styles_el, kind: str = "paragraph"):
    """Return the default style of a type (Normal, Normal Table ...), whatever its id."""
    for s in styles_el.findall(w("style")):
        if (s.get(w("type")) or "paragraph") == kind and s.get(w("default")) in ("1", "true", "on"):
            return s
    return find_style(styles_el, "Normal" if kind == "paragraph" else "Normal Table", kind)


def chain(styles_el, style) -> list:
    """Return ``style`` and the styles it is based on, nearest first (cycles cut)."""
    out, seen = [], set()
    while style is not None and id(style) not in seen:
        seen.add(id(style))
        out.append(style)
        based = style.find(w("basedOn"))
        style = style_by_id(styles_el, based.get(w("val"))) if based is not None else None
    return out


def _run_properties(styles_el, style) -> list:
    """The ``w:rPr`` elements that apply to a style's text, nearest first, document defaults last."""
    found = [s.find(w("rPr")) for s in chain(styles_el, style)] if style is not None else []
    defaults = styles_el.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
    return [r for r in found + [defaults] if r is not None]


def _on(element) -> bool:
    return element is not None and (element.get(w("val")) or "1").lower() not in _OFF


def is_hidden(styles_el, style) -> bool:
    """Whether text in ``style`` is hidden (``w:vanish`` on it or on a style it is based on)."""
    for rpr in _run_properties(styles_el, style):
        vanish = rpr.find(w("vanish"))
        if vanish is not None:
            return _on(vanish)
    return False


@dataclass(frozen=True)
class ThemeLook:
    """What the theme part gives: its fonts (Latin and East Asian, major and minor) and colours by name."""

    fonts: dict[str, str]
    colors: dict[str, str]

    @classmethod
    def parse(cls, theme_xml: bytes | None) -> "ThemeLook":
        if not theme_xml:
            return cls({}, {})
        try:
            root = etree.fromstring(theme_xml)
        except etree.XMLSyntaxError:
            return cls({}, {})
        ns = {"a": _A_NS}
        fonts = {}
        for scheme in ("major", "minor"):
            for script, slot in (("latin", "HAnsi"), ("ea", "EastAsia"), ("cs", "Bidi")):
                face = root.xpath(f"//a:fontScheme/a:{scheme}Font/a:{script}/@typeface", namespaces=ns)
                if face and face[0]:
                    fonts[f"{scheme}{slot}"] = str(face[0])
            hans = root.xpath(f"//a:fontScheme/a:{scheme}Font/a:font[@script='Hans']/@typeface", namespaces=ns)
            if hans and f"{scheme}EastAsia" not in fonts:
                fonts[f"{scheme}EastAsia"] = str(hans[0])
        fonts.update({k.replace("HAnsi", "Ascii"): v for k, v in list(fonts.items()) if k.endswith("HAnsi")})
        colors = {}
        for el in root.xpath("//a:clrScheme/*", namespaces=ns):
            value = el.xpath("./a:srgbClr/@val | ./a:sysClr/@lastClr", namespaces=ns)
            if value:
                colors[etree.QName(el).localname] = str(value[0]).upper()
        return cls(fonts, colors)

    def color(self, theme_color: str) -> str | None:
        """Return the hex of a ``w:themeColor`` value (``accent1``, ``text2`` ...)."""
        alias = {"text1": "dk1", "text2": "dk2", "background1": "lt1", "background2": "lt2",
                 "dark1": "dk1", "dark2": "dk2", "light1": "lt1", "light2": "lt2"}
        return self.colors.get(alias.get(theme_color, theme_color))


@dataclass(frozen=True)
class RunLook:
    """The font, size, weight and colour text in a style gets, as Word resolves them."""

    latin: str
    east_asian: str
    size: float  # points
    bold: bool
    color: str | None  # hex, None = automatic


def run_look(styles_el, style, theme: ThemeLook) -> RunLook:
    """Return how text in ``style`` (None: the document defaults) looks."""
    rprs = _run_properties(styles_el, style)

    def first(tag: str):
        return next((r.find(w(tag)) for r in rprs if r.find(w(tag)) is not None), None)

    def face(slot: str, theme_slot: str, fallback: str) -> str:
        for rpr in rprs:
            fonts = rpr.find(w("rFonts"))
            if fonts is None:
                continue
            themed = fonts.get(w(theme_slot))
            if themed and theme.fonts.get(themed):
                return theme.fonts[themed]
            if fonts.get(w(slot)):
                return fonts.get(w(slot))
        return fallback

    size = first("sz")
    try:
        points = int(size.get(w("val"))) / 2 if size is not None else WORD_DEFAULT_SIZE
    except (TypeError, ValueError):
        points = WORD_DEFAULT_SIZE
    latin = face("ascii", "asciiTheme", WORD_DEFAULT_FACE)
    return RunLook(latin, face("eastAsia", "eastAsiaTheme", latin), points or WORD_DEFAULT_SIZE,
                   _on(first("b")), _color(first("color"), theme))


def _color(element, theme: ThemeLook) -> str | None:
    if element is None:
        return None
    themed = element.get(w("themeColor"))
    if themed and theme.color(themed):
        return theme.color(themed)
    value = (element.get(w("val")) or "").upper()
    return value if re.fullmatch(r"[0-9A-F]{6}", value) else None


def text_width_twips(document_xml_root) -> int | None:
    """Return the width between the margins of the body's last section, in twips (None if not given)."""
    sect = document_xml_root.find(f"{w('body')}/{w('sectPr')}")
    size = sect.find(w("pgSz")) if sect is not None else None
    margins = sect.find(w("pgMar")) if sect is not None else None
    try:
        return int(size.get(w("w"))) - int(margins.get(w("left"))) - int(margins.get(w("right")))
    except (AttributeError, TypeError, ValueError):
        return None
