"""The face both writers name for right-to-left letters (Word's ``w:rFonts w:cs``, PowerPoint's ``a:cs``).

The body fonts (Noto Sans, Calibri/Carlito) have no Arabic or Hebrew letters, and a complex-script
slot that names such a font leaves the choice to each office suite's fallback. Noto's faces for
the two scripts come with Debian's ``fonts-noto-core``, which the install already needs.
"""

from __future__ import annotations

ARABIC_FONT, HEBREW_FONT = "Noto Sans Arabic", "Noto Sans Hebrew"


def complex_script_font(tag: str) -> str:
    """The family for right-to-left letters in language ``tag`` ("ar-SA", "fa-IR", "he-IL")."""
    return HEBREW_FONT if tag.startswith(("he", "yi")) else ARABIC_FONT
