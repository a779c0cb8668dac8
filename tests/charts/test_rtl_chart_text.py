"""Charts draw Arabic and Hebrew shaped (joined letter forms) and right to left, in both profiles.

Asserted on the glyphs matplotlib lays out for the Figure's own tick label (its text layout,
libraqm since matplotlib 3.11), not on pixels.
"""

from __future__ import annotations

import pytest
from chart_checks import bar_spec
from matplotlib import font_manager
from matplotlib.ft2font import LoadFlags

from dossier.charts import draw_chart

ARABIC, HEBREW = "باكو", "חיפה"


def _laid_out(fig, label: str):
    text = next(t for ax in fig.axes for t in ax.get_xticklabels() if t.get_text() == label)
    font = font_manager.get_font(font_manager.fontManager._find_fonts_by_props(text.get_fontproperties()))
    font.set_size(12, 72)
    return font, font._layout(label, LoadFlags.NO_HINTING)


@pytest.mark.parametrize("profile", ["page", "slide"])
def test_arabic_and_hebrew_labels_are_shaped_and_right_to_left(profile):
    fig = draw_chart(bar_spec(categories=(ARABIC, HEBREW, "2023", "2024")), profile)
    font, items = _laid_out(fig, ARABIC)
    assert "".join(item.char for item in items) == ARABIC[::-1]  # drawn from the right: last letter leftmost
    isolated = {item.ft_object.get_char_index(ord(item.char)) for item in items}
    assert {item.glyph_index for item in items} != isolated  # joined forms, not the letters' isolated ones
    _, hebrew = _laid_out(fig, HEBREW)
    assert "".join(item.char for item in hebrew) == HEBREW[::-1]
