"""Fonts that travel: the briefing carries subsets of the fonts it names, so Word lays it out as it was laid out here.

A font the document names (its styles, runs and font table) that is installed here under that
very name — not a stand-in — and whose licence allows embedding (OS/2 ``fsType`` not "restricted")
is embedded in each of its styles (regular, bold, italic, bold italic) as ECMA-376 obfuscated
font parts (``word/fonts/fontN.odttf``, §17.8.1), subset with fontTools to the characters of the
document (plus digits, for page numbers). Fonts with PostScript outlines (Noto Sans CJK) are
converted to TrueType outlines first: Word embeds only TrueType. Fonts named but not installed
here (Consolas, Calibri: Office ships them) are left to the reader's Office.

The key that obfuscates a font is derived from the font's bytes, so the same document gives the
same file.
"""

from __future__ import annotations

import gc
import hashlib
import io
import json
import os
import subprocess
import unicodedata
import uuid
import zlib
from functools import lru_cache
from pathlib import Path

from docx.document import Document as WordDocument
from lxml import etree
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import qn

OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
FONT_TABLE = "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"
STYLES = {"embedRegular": "", "embedBold": ":bold", "embedItalic": ":italic", "embedBoldItalic": ":bold:italic"}
#: CT_Font's children after which the embed* elements come (schema order).
BEFORE_EMBED = ("altName", "panose1", "charset", "family", "notTrueType", "pitch", "sig")
#: CT_Settings' children before embedTrueTypeFonts (schema order).
BEFORE_EMBED_SETTING = ("writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
                        "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
                        "printFractionalCharacterWidth", "printFormsData")
ALWAYS = "0123456789 .,:;-–()/%"  # page numbers and the contents' lines are filled in after writing
LAYOUT_TABLES = ["GSUB", "GPOS", "GDEF", "BASE", "JSTF"]
FONT_ATTRIBUTES = tuple(qn(f"w:{name}") for name in ("ascii", "hAnsi", "eastAsia", "cs"))


def embed_fonts(document: WordDocument) -> list[str]:
    """Embed subsets of the installed fonts the document names; return the families embedded."""
    parts = [p for p in document.part.package.iter_parts() if isinstance(p, XmlPart)]
    named: dict[str, set[str]] = {}  # family → the attributes naming it (ascii, hAnsi, eastAsia, cs)
    for part in parts:
        for element in _NAMING_FONTS(part.element):
            for attribute in FONT_ATTRIBUTES:
                value = element.get(attribute)
                if value and _looks_like_family(value):
                    named.setdefault(value, set()).add(attribute.rpartition("}")[2])
    text = set(ALWAYS).union(*(_characters(part.element) for part in parts))
    font_table, fonts = _font_table(document)
    embedded = []
    for family in sorted(named):
        if not _draws_some_of(named[family], text):
            continue  # named for East Asian or complex-script text the document does not have
        files = {kind: found for kind, style in STYLES.items() if (found := installed_file(family, style))}
        if "embedRegular" not in files:
            continue
        entry = _font_entry(fonts, family)
        for kind, (path, index) in files.items():
            if files[kind] in [files[other] for other in STYLES if other in files][: list(files).index(kind)]:
                continue  # no own file for that style: Word makes it bold or slanted, as LibreOffice does here
            data = subset_font(path, index, "".join(sorted(text)))
            if data is None:
                continue
            key = "{" + str(uuid.UUID(bytes=hashlib.sha256(data).digest()[:16])).upper() + "}"
            name = PackURI(f"/word/fonts/font{len(embedded) + 1}.odttf")
            part = Part(name, OBFUSCATED_FONT, obfuscate(data, key), document.part.package)
            rid = font_table.relate_to(part, RT.FONT)
            _insert(entry, parse_xml(f'<w:{kind} xmlns:w="{_W}" xmlns:r="{_R}" r:id="{rid}" w:fontKey="{key}"/>'),
                    BEFORE_EMBED + tuple(STYLES)[: tuple(STYLES).index(kind)])
            embedded.append(f"{family}{STYLES[kind]}")
    if embedded:
        _save_font_table(font_table, fonts)
        settings = document.settings.element
        for name in ("embedTrueTypeFonts", "saveSubsetFonts"):
            if settings.find(qn(f"w:{name}")) is None:
                _insert(settings, parse_xml(f'<w:{name} xmlns:w="{_W}"/>'),
                        BEFORE_EMBED_SETTING + ("embedTrueTypeFonts", "embedSystemFonts"))
    return embedded


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#: The elements with a font attribute, found by lxml in C (a walk in Python over every element took ~20 ms a briefing).
_NAMING_FONTS = etree.XPath("descendant-or-self::*[@w:ascii or @w:hAnsi or @w:eastAsia or @w:cs]", namespaces={"w": _W})
#: The text of the runs and of the list bullets (``w:lvlText``), as one string per node.
_TEXT_NODES = etree.XPath("descendant-or-self::w:t/text() | descendant-or-self::w:lvlText/@w:val", namespaces={"w": _W})


def _characters(element) -> set[str]:
    """The characters of a part's runs and list bullets."""
    return set("".join(_TEXT_NODES(element)))


def obfuscate(data: bytes, key: str) -> bytes:
    """Return the font obfuscated as ECMA-376 §17.8.1 says: its first 32 bytes XORed with the key's 16, reversed."""
    digits = key.strip("{}").replace("-", "")
    key_bytes = bytes.fromhex(digits)[::-1]
    head = bytes(byte ^ key_bytes[i % 16] for i, byte in enumerate(data[:32]))
    return head + data[32:]


@lru_cache(maxsize=64)
def installed_file(family: str, style: str = "") -> tuple[str, int] | None:
    """Return (file, index in a collection) of `family` in `style` when it is installed under that name, else None."""
    try:
        found = subprocess.run(["fc-match", "-f", "%{file}\t%{index}\t%{family}", f"{family}{style}"],
                               capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    path, _, rest = found.partition("\t")
    index, _, names = rest.partition("\t")
    if not path or family.lower() not in (name.strip().lower() for name in names.split(",")):
        return None  # a stand-in, or nothing: not ours to embed
    return path, int(index or 0)


def subset_font(path: str, index: int, characters: str) -> bytes | None:
    """Return the font reduced to `characters`, with TrueType outlines; None when its licence forbids embedding.

    Keyed by the file's size and modification time too, so a font replaced in place is read again.
    """
    stat = os.stat(path)
    return _subset_font(path, index, characters, (stat.st_size, stat.st_mtime_ns))


@lru_cache(maxsize=64)
def _subset_font(path: str, index: int, characters: str, identity: tuple[int, int]) -> bytes | None:
    """`subset_font` for one version of the file, made from a small intermediate font rather than the font.

    Subsetting a font to a few characters costs about the size of the font (Noto Sans CJK: 65,000
    glyphs, 0.4 s; 1-2 s with its layout tables), and each document has its own characters. The
    subset is made from an intermediate instead — the font already subset to a superset of the
    characters — which gives the very same bytes (fontTools' subset of a subset keeps what the
    direct subset keeps; tests/writers/docx check it) in a tenth of the time.

    Intermediates are kept between builds in the user's cache folder (`kept_intermediate`), so
    a build, even of one briefing, starts from the one an earlier build made. Without a cache
    folder, the first document of a process is subset directly (an intermediate costs more than
    the direct subset it replaces: both read the whole font), and the intermediate is made for
    the second.
    """
    keep_layout = needs_shaping(characters)  # else Word sets the text without them: removed unread (1-5 s a font)
    first_use = (path, index, keep_layout, identity)
    if first_use not in _subset_once and not any(key[:3] == first_use[:3] for key in _intermediates) \
            and _kept_folder() is None:
        _subset_once.add(first_use)
        font = _open_font(path, index)
        return None if _restricted(font) else _finished(_subset(font, characters, keep_layout))
    source = _intermediate(path, index, identity, characters, keep_layout)
    if source is None:
        return None
    return _finished(_subset(_open_font(io.BytesIO(source), 0), characters, keep_layout))


#: Characters every intermediate holds, so that most documents need no new one: ASCII, Latin-1, punctuation.
COMMON = frozenset(ALWAYS + "".join(map(chr, [*range(0x20, 0x7F), *range(0xA0, 0x100), *range(0x2010, 0x2028),
                                              0x2212, 0x25E6])))
#: An intermediate that would hold more characters starts again from COMMON, so it stays small and fast.
INTERMEDIATE_LIMIT = 2000
#: Where a character brings only itself into an intermediate (CJK, Hangul: scripts of thousands);
#: elsewhere it brings its 128-character page, so that a script's next words need no new one.
SINGLE_CHARACTERS = ((0x2E80, 0xA4CF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0x20000, 0x10FFFF))
#: (file, index in a collection, with layout tables) → (file identity, characters held, font bytes or None when
#: restricted, characters known not to be in the font).
_intermediates: dict[tuple[str, int, bool], tuple[tuple[int, int], frozenset[str], bytes | None, frozenset[str]]] = {}
#: (file, index in a collection, with layout tables, file identity) subset directly once in this process.
_subset_once: set[tuple[str, int, bool, tuple[int, int]]] = set()
#: (file, index in a collection) → (file identity, bitmap of the characters the font maps, see `_mapped`).
_maps_of: dict[tuple[str, int], tuple[tuple[int, int], bytes]] = {}


def _intermediate(path: str, index: int, identity: tuple[int, int], characters: str, keep_layout: bool) -> bytes | None:
    """Return the font subset to a superset of `characters` (layout tables kept or not), made anew when it lacks some.

    One per font file in the process: a new one holds the old one's characters too, so that
    the characters of the subjects built so far are ready for the next, up to INTERMEDIATE_LIMIT.
    Characters the font does not map are left out of the comparison: they change no subset; which
    ones it maps comes from the font's seed record (`kept_seed`), so the font is not read for it.
    """
    key = (path, index, keep_layout)
    held = _held_intermediate(key, identity)
    if held is not None and held[2] is None:
        return None  # its licence forbids embedding
    if held is not None and set(characters) <= held[1] | held[3]:
        return held[2]
    mapped = _maps_of.get((path, index))
    if held is not None and mapped is not None and mapped[0] == identity:
        if {c for c in characters if _maps(mapped[1], c)} <= held[1]:
            return held[2]
    return _new_intermediate(key, identity, characters, held)


def _held_intermediate(key: tuple[str, int, bool], identity: tuple[int, int]):
    """The process's intermediate for this font file version, else the one kept on disk (then the process's), else None."""
    held = _intermediates.get(key)
    if held is not None and held[0] == identity:
        return held
    kept = kept_intermediate(*key, identity)
    if kept is None:
        return None
    held = _intermediates[key] = (identity, kept[0], kept[2], kept[1])
    return held


def _new_intermediate(key: tuple[str, int, bool], identity: tuple[int, int], characters: str, held) -> bytes | None:
    """Make, keep and return an intermediate holding `characters` (the ones the font maps) and what `held` held.

    It is subset from the font's seed when the seed holds its characters (a tenth of the font to
    read), else from the whole font. The seed record is made the first time this machine reads the
    font, with the map of its characters alone; its seed font, the second time (`_made_seed`).
    """
    path, index, keep_layout = key
    seed, font = kept_seed(path, index, keep_layout, identity), None
    if seed is None:
        seed, font = _made_seed(path, index, keep_layout, identity, seed_font_too=False)
    elif seed[3] is None and not seed[0] and _seed_font_worth_making(path):
        seed, font = _made_seed(path, index, keep_layout, identity, seed_font_too=True)
    restricted, drawn, seed_held, seed_font = seed
    _maps_of[(path, index)] = (identity, drawn)
    if restricted:
        _intermediates[key] = (identity, frozenset(), None, frozenset())
        return None
    wanted = {c for c in characters if _maps(drawn, c)}
    if held is not None and wanted <= held[1]:
        return held[2]
    carried = (held[1] if held is not None else frozenset()) | _kept_characters(key, identity)
    if seed_held is not None:  # a rare character outside the seed is not carried on: every later one would read the font
        carried = {c for c in carried if c in seed_held or not _maps(drawn, c)}
    union = COMMON.union(_widened(wanted), carried)
    if len(union) > INTERMEDIATE_LIMIT:
        union = COMMON.union(_widened(wanted))
    if font is None:
        from_seed = seed_font is not None and {c for c in union if _maps(drawn, c)} <= seed_held
        font = _open_font(io.BytesIO(seed_font), 0) if from_seed else _open_font(path, index)
    out = io.BytesIO()
    _subset(font, "".join(sorted(union)), keep_layout).save(out)
    del font
    unmapped = {c for c in set(characters) - union if not _maps(drawn, c)}
    _intermediates[key] = (identity, frozenset(union), out.getvalue(), frozenset(unmapped))
    keep_intermediate(path, index, keep_layout, identity, frozenset(union), frozenset(unmapped), out.getvalue())
    return out.getvalue()


def _kept_characters(key: tuple[str, int, bool], identity: tuple[int, int]) -> frozenset[str]:
    """The characters of the intermediate kept on disk (another worker's, maybe), so that workers' intermediates grow
    together instead of replacing each other's."""
    kept = kept_intermediate(*key, identity)
    return kept[0] if kept is not None else frozenset()


#: The first line of a kept intermediate's file; then a JSON line (characters held, characters the font lacks), then the font.
KEPT_HEADER = b"dossier intermediate font 1\n"


def _kept_folder() -> Path | None:
    """The folder intermediates are kept in between builds (`user_cache.user_cache_folder`), or None."""
    from dossier.user_cache import user_cache_folder

    return user_cache_folder("fonts")


def _kept_path(folder: Path, path: str, index: int, keep_layout: bool, identity: tuple[int, int]) -> Path:
    from fontTools import version

    name = f"{path}\t{index}\t{keep_layout}\t{identity}\tfontTools {version}"
    return folder / f"{hashlib.sha256(name.encode()).hexdigest()[:24]}.font"


def kept_intermediate(path: str, index: int, keep_layout: bool, identity: tuple[int, int]):
    """The intermediate an earlier build kept for this font file version: (characters held, characters the font
    lacks, font bytes), or None. A file that cannot be read or parsed counts as none."""
    folder = _kept_folder()
    if folder is None:
        return None
    try:
        data = _kept_path(folder, path, index, keep_layout, identity).read_bytes()
        if not data.startswith(KEPT_HEADER):
            return None
        header, _, font = data[len(KEPT_HEADER):].partition(b"\n")
        held, unmapped = json.loads(header)
        return frozenset(held), frozenset(unmapped), font
    except (OSError, ValueError, TypeError):
        return None


def keep_intermediate(path: str, index: int, keep_layout: bool, identity: tuple[int, int], held: frozenset[str],
                      unmapped: frozenset[str], font: bytes) -> None:
    """Keep an intermediate for the next builds (replaced whole, atomically); nothing when there is no cache folder."""
    folder = _kept_folder()
    if folder is None:
        return
    header = json.dumps(["".join(sorted(held)), "".join(sorted(unmapped))]).encode()
    _write_atomically(_kept_path(folder, path, index, keep_layout, identity), KEPT_HEADER + header + b"\n" + font)


#: The first line of a kept seed record; then a JSON line (licence restricted, characters of the seed, length of the
#: compressed bitmap of the characters the font maps), then that bitmap (zlib), then the seed font (none for small fonts).
SEED_HEADER = b"dossier font seed 1\n"


def kept_seed(path: str, index: int, keep_layout: bool, identity: tuple[int, int]):
    """This font file version's seed record, made by an earlier build on this machine: (licence restricted, bitmap
    of the characters the font maps, characters of the seed font or None, seed font or None), or None. A file that
    cannot be read or parsed counts as none."""
    folder = _kept_folder()
    if folder is None:
        return None
    try:
        data = _kept_path(folder, path, index, keep_layout, identity).with_suffix(".seed").read_bytes()
        if not data.startswith(SEED_HEADER):
            return None
        header, _, rest = data[len(SEED_HEADER):].partition(b"\n")
        restricted, held, map_length = json.loads(header)
        drawn = zlib.decompress(rest[:map_length])
        if len(drawn) != 0x110000 // 8 or not isinstance(restricted, bool):
            return None
        font = rest[map_length:]
        return restricted, drawn, frozenset(held) if held is not None and font else None, font if held is not None and font else None
    except (OSError, ValueError, TypeError, zlib.error):
        return None


def _seed_font_worth_making(path: str) -> bool:
    """Whether the font is large enough for a seed font (reading it whole costs far more than reading a seed)."""
    from dossier.writers.docx.font_seed import SEEDED_FONT_SIZE

    try:
        return os.stat(path).st_size > SEEDED_FONT_SIZE
    except OSError:
        return False


def _made_seed(path: str, index: int, keep_layout: bool, identity: tuple[int, int], *, seed_font_too: bool):
    """Make the font's seed record (`kept_seed`) from the whole font, keep it on disk and return it with the whole font
    read (None when it became the seed).

    With ``seed_font_too``, fonts larger than font_seed.SEEDED_FONT_SIZE get a seed font where it
    can be kept: the whole font read is subset to it, then freed. It is asked for the second time
    a machine reads the whole font, not the first: making it costs 8–25 CPU-s for Noto Sans CJK
    (a style), which a one-off build (the quick start's example) should not pay; a machine that
    builds briefings whose characters keep coming new pays it once.
    """
    from dossier.writers.docx.font_seed import seed_characters

    folder = _kept_folder()
    font = _open_font(path, index)
    restricted = _restricted(font)
    drawn = _mapped(font)
    held = seed = None
    if seed_font_too and folder is not None and not restricted and _seed_font_worth_making(path):
        held = seed_characters(drawn)
        out = io.BytesIO()
        font.recalcBBoxes = False  # half of the seed's time (every glyph drawn); each later save computes them anew
        _subset(font, "".join(sorted(COMMON | held)), keep_layout).save(out)
        held, seed, font = frozenset(COMMON | held), out.getvalue(), None
        gc.collect()  # the whole font's tables refer to each other: freed now, before the seed is read
    if folder is not None:
        compressed = zlib.compress(drawn)
        header = json.dumps([restricted, "".join(sorted(held)) if held is not None else None, len(compressed)])
        _write_atomically(_kept_path(folder, path, index, keep_layout, identity).with_suffix(".seed"),
                          SEED_HEADER + header.encode() + b"\n" + compressed + (seed or b""))
    return (restricted, drawn, held, seed), font


def _write_atomically(target: Path, data: bytes) -> None:
    """Replace the file whole (a reader sees the old one or the new one); nothing when it cannot be written."""
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        temp.write_bytes(data)
        os.replace(temp, target)
    except OSError:
        temp.unlink(missing_ok=True)


def _mapped(font) -> bytes:
    """Return a bitmap (one bit a code point) of the characters the font's Unicode cmaps name, variation selectors too."""
    bits = bytearray(0x110000 // 8)
    for table in font["cmap"].tables:
        if table.isUnicode():
            points = list(getattr(table, "cmap", {}))
            for selector, bases in getattr(table, "uvsDict", {}).items():
                points.append(selector)
                points.extend(base for base, _ in bases)
            for point in points:
                bits[point >> 3] |= 1 << (point & 7)
    return bytes(bits)


def _maps(drawn: bytes, character: str) -> bool:
    """Whether the font's cmaps name the character (see `_mapped`)."""
    point = ord(character)
    return bool(drawn[point >> 3] & (1 << (point & 7)))


def _widened(characters: set[str]) -> set[str]:
    """The characters with their 128-character pages, except in the scripts of thousands (SINGLE_CHARACTERS)."""
    wide = set(characters)
    for c in characters:
        point = ord(c)
        if not any(low <= point <= high for low, high in SINGLE_CHARACTERS):
            start = point & ~0x7F
            wide.update(chr(p) for p in range(start, start + 0x80) if not 0xD800 <= p <= 0xDFFF)
    return wide


def _open_font(source, index: int):
    """Open a font (a file or bytes) without touching its modification time: the same document, the same bytes."""
    from fontTools.ttLib import TTFont

    return TTFont(source, fontNumber=index, recalcTimestamp=False)


def _restricted(font) -> bool:
    """Whether the font's licence forbids embedding (OS/2 fsType "restricted licence embedding")."""
    return font["OS/2"].fsType & 0x000F == 0x0002


def _subset(font, characters: str, keep_layout: bool):
    """Reduce `font` in place to `characters`; without its layout tables unless `keep_layout`."""
    from fontTools import subset

    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    if not keep_layout:  # Word sets text that needs no shaping without the font's substitutions and positioning,
        for tag in LAYOUT_TABLES:  # and reading them is most of the time (1-5 s a font): removed unread
            if tag in font:
                del font[tag]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    return font


def _finished(font) -> bytes:
    """Return the subset font's bytes, with TrueType outlines (Word embeds only TrueType)."""
    if "CFF " in font:
        _to_truetype_outlines(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _draws_some_of(slots: set[str], text: set[str]) -> bool:
    """Whether a font named in these slots draws some of the text: Latin slots always, the others their scripts."""
    if slots & {"ascii", "hAnsi"}:
        return True
    if "eastAsia" in slots and any(unicodedata.east_asian_width(c) in ("W", "F") for c in text):
        return True
    return "cs" in slots and needs_shaping("".join(text))


def needs_shaping(characters: str) -> bool:
    """Whether the text needs the font's layout tables to be drawn: right-to-left scripts, combining marks, Indic."""
    return any(unicodedata.bidirectional(c) in ("R", "AL") or unicodedata.combining(c)
               or "\u0900" <= c <= "\u0dff" or "\u0e00" <= c <= "\u0eff" or "\u1000" <= c <= "\u109f"
               for c in characters)


def _to_truetype_outlines(font) -> None:
    """Replace the font's CFF outlines by quadratic TrueType ones (fontTools' otf2ttf recipe)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    for table in ("CFF ", "VORG"):
        if table in font:
            del font[table]
    glyf.compile(font)
    for name in order:
        glyph = glyf[name]
        width, _ = font["hmtx"][name]
        font["hmtx"][name] = (width, glyph.xMin if hasattr(glyph, "xMin") else 0)
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in ("maxZones",):
        setattr(maxp, field, 1)
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    maxp.compile(font)
    post = font["post"]
    post.formatType, post.extraNames, post.mapping, post.glyphOrder = 2.0, [], {}, order
    font.sfntVersion = "\000\001\000\000"


def _looks_like_family(value: str) -> bool:
    """A font attribute's value names a family (not a language tag like "zh-CN" in w:lang)."""
    return bool(value.strip()) and not (len(value) <= 6 and "-" in value)


def _font_table(document: WordDocument) -> tuple[Part, object]:
    """Return the document's font table part and its root element (both made when missing)."""
    for rel in document.part.rels.values():
        if rel.reltype == RT.FONT_TABLE and not rel.is_external:
            part = rel.target_part
            return part, part.element if isinstance(part, XmlPart) else parse_xml(part.blob)
    part = XmlPart(PackURI("/word/fontTable.xml"), FONT_TABLE, parse_xml(f'<w:fonts xmlns:w="{_W}"/>'),
                   document.part.package)
    document.part.relate_to(part, RT.FONT_TABLE)
    return part, part.element


def _save_font_table(part: Part, element) -> None:
    """Write the changed element back into a font table python-docx holds as bytes."""
    etree.cleanup_namespaces(element, top_nsmap={"r": _R})  # one xmlns:r on the root, not one per element
    if not isinstance(part, XmlPart):
        part._blob = etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True)


def _font_entry(font_table, family: str):
    """Return the font table's ``w:font`` for `family`, added when missing."""
    for font in font_table.findall(qn("w:font")):
        if font.get(qn("w:name")) == family:
            return font
    font = parse_xml(f'<w:font xmlns:w="{_W}"/>')
    font.set(qn("w:name"), family)
    font_table.append(font)
    return font


def _insert(parent, child, before: tuple[str, ...]) -> None:
    """Insert `child` after the last child of `parent` whose local name is in `before` (else first)."""
    position = 0
    for i, existing in enumerate(parent):
        if existing.tag.rpartition("}")[2] in before:
            position = i + 1
    parent.insert(position, child)
