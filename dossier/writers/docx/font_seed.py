"""What a large font's seed holds: the font subset once per machine to the characters documents are likely to bring.

Reading a whole CJK font (Noto Sans CJK: 65,000 glyphs, 20 MB) to subset it costs a worker about
70 MB of memory; its cmap alone 33 MB. A seed is made from the whole font once per machine and kept
on disk (`embedded_fonts.kept_seed`) with the bitmap of the characters the font maps: a worker then
makes its intermediates from the seed (about 10 MB) and knows without reading the font which of a
document's characters it draws. A character outside the seed still gets embedded: the whole font is
read for it, as before.

A seed holds every character the font maps outside the blocks of thousands (Latin, Greek, Cyrillic,
kana, CJK punctuation, fullwidth forms: about 3,400 in Noto Sans CJK) and, inside them, the
common-use ones: GB2312 (levels 1 and 2, 6,763 hanzi), Big5's frequent characters (5,401), JIS X
0208 level 1 (2,965 kanji) and KS X 1001's 2,350 Hangul syllables, found with Python's codecs.
"""

from __future__ import annotations

from functools import lru_cache

#: Fonts whose file is larger than this (bytes) get a seed; smaller ones are read whole, which costs little.
SEEDED_FONT_SIZE = 4 * 2**20
#: Blocks of thousands of characters (CJK ideographs and their extensions, Hangul syllables, compatibility
#: ideographs, the supplementary planes) of which a seed holds only the common-use ones.
LARGE_BLOCKS = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0x20000, 0x10FFFF))


def seed_characters(mapped: bytes) -> frozenset[str]:
    """The characters a seed holds, of those in `mapped` (a bitmap, one bit a code point, see `embedded_fonts._mapped`)."""
    common = common_use()
    held = set()
    for byte_index, byte in enumerate(mapped):
        if byte:
            for bit in range(8):
                if byte & (1 << bit):
                    point = byte_index * 8 + bit
                    if not 0xD800 <= point <= 0xDFFF and (not in_large_block(point) or chr(point) in common):
                        held.add(chr(point))
    return frozenset(held)


def in_large_block(point: int) -> bool:
    """Whether the code point is in one of LARGE_BLOCKS."""
    return any(low <= point <= high for low, high in LARGE_BLOCKS)


@lru_cache(maxsize=1)
def common_use() -> frozenset[str]:
    """The common-use CJK characters and Hangul syllables of the national standards (see the module's docstring)."""
    found = set()
    for point in range(0x4E00, 0xA000):
        character = chr(point)
        if _two_bytes(character, "gb2312") \
                or _lead_byte_between(character, "big5", 0xA4, 0xC6) and character.encode("big5") < b"\xc6\xa1" \
                or _lead_byte_between(character, "euc_jp", 0xB0, 0xCF):
            found.add(character)
    found.update(chr(point) for point in range(0xAC00, 0xD7A4) if _two_bytes(chr(point), "euc_kr"))
    return frozenset(found)


def _two_bytes(character: str, codec: str) -> bytes | None:
    """The character's two bytes in `codec` (a double-byte standard's own code point), else None."""
    try:
        encoded = character.encode(codec)
    except UnicodeEncodeError:
        return None
    return encoded if len(encoded) == 2 else None


def _lead_byte_between(character: str, codec: str, low: int, high: int) -> bool:
    """Whether the character is a double-byte code in `codec` whose first byte is in [low, high] (a standard's level)."""
    encoded = _two_bytes(character, codec)
    return encoded is not None and low <= encoded[0] <= high
