"""Glyphs: Azerbaijani, Russian and Chinese render in every kind; a character no font has fails the build."""

from __future__ import annotations

import io
import re
import warnings

import pytest
from chart_checks import bar_spec, visible_texts
from matplotlib import cbook

from dossier.charts import draw_chart
from dossier.charts.fonts import (
    check_glyphs,
    describe_character,
    font_families,
    has_cjk_font,
    missing_character,
)
from dossier.charts.render import literal
from dossier.errors import ChartError
from dossier.model import ChartSeries, ChartSpec, TimelineEvent

BOTH = pytest.mark.parametrize("profile", ["page", "slide"])
AZ = "ğ ş ç ö ü ı ə Ə İ"
needs_cjk = pytest.mark.skipif(not has_cjk_font(), reason="no CJK font installed (apt-get install fonts-noto-cjk)")

MULTILINGUAL = {
    "bar": bar_spec(title="Ticarət dövriyyəsi — 贸易额 — Товарооборот", unit="mln. ABŞ dolları",
                    source="Dövlət Gömrük Komitəsi; 中国海关总署",
                    categories=("Çin 中国", "Rusiya Россия", "Türkiyə", "Gürcüstan"),
                    series=(ChartSeries(f"2024 — {AZ}", (4870.0, 4800.0, None, 1210.0)),)),
    "exports_imports": bar_spec(kind="exports_imports", title="İxrac və idxal — 进出口", categories=("2022", "2023", "2024", "2025"),
                                series=(ChartSeries("İxrac (出口)", (660.0, 720.0, None, 1040.0)),
                                        ChartSeries("İdxal (进口)", (2440.0, 3024.0, 3500.0, 3830.0)))),
    "line": ChartSpec(kind="line", title="中国 — Azərbaycan — Россия", unit=AZ, source="国家统计局",
                      categories=("一月", "二月", "Mart"), series=(ChartSeries("Çin 中国", (1.0, None, 3.0)),)),
    "ranked": bar_spec(kind="ranked", title="Əsas tərəfdaşlar — 主要伙伴",
                       categories=("Çin (中华人民共和国)", "Rusiya (Российская Федерация)", "Gürcüstan", "Şəki"),
                       series=(ChartSeries("Dövriyyə", (4870.0, 4800.0, 1210.0, None)),)),
    "share": bar_spec(kind="share", title="Pay — 份额 — Доля", categories=("Çin 中国", "Россия", "Türkiyə", "Digər"),
                      series=(ChartSeries("Pay", (4870.0, 4800.0, 7100.0, 900.0)),)),
    "timeline": ChartSpec(kind="timeline", title="丝绸之路 — İpək yolu", unit="", source="新华社; Azərtac",
                          events=(TimelineEvent("2013-09", "习近平 提出 丝绸之路经济带"), TimelineEvent("2015", "Bakı — İpək yolu"),
                                  TimelineEvent("2017-10", "Bakı–Tiflis–Qars dəmir yolu açıldı"),
                                  TimelineEvent("2022-09", "Самарканд: саммит ШОС"))),
}


def test_font_families_primary_first():
    families = font_families()
    assert families[0] == "DejaVu Sans"
    assert len(families) <= 2  # one CJK family at most: each family costs a lookup per text


@needs_cjk
@BOTH
@pytest.mark.parametrize("kind", sorted(MULTILINGUAL))
def test_chinese_azerbaijani_russian_render_without_missing_glyphs(kind, profile):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib's "Glyph … missing from font(s)" would fail here
        fig = draw_chart(MULTILINGUAL[kind], profile)
        fig.savefig(io.BytesIO(), format="png", metadata={"Software": None})
    shown = "".join(t.get_text() for t in visible_texts(fig))
    assert re.search("[\u4e00-\u9fff]", shown) and re.search("[əƏİğşı]", shown)


def test_latin_and_cyrillic_need_no_cjk_font():
    spec = bar_spec(title=f"Товарооборот — Ticarət dövriyyəsi ({AZ})", categories=("Rusiya", "Россия", "Şəki", "Gəncə"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        draw_chart(spec, "page").savefig(io.BytesIO(), format="png")
    assert missing_character(f"Товарооборот {AZ}", "bold") is None


@pytest.mark.parametrize("char", ["\U0001F9EA", "\U0010FFFD"])
@pytest.mark.parametrize("where", ["category", "title", "series", "event", "unit"])
def test_a_character_no_font_has_fails_naming_it_and_the_chart(char, where):
    title = "Trade turnover"
    if where == "event":
        spec = ChartSpec(kind="timeline", title=title, unit="", source="",
                         events=(TimelineEvent("2020", f"Lab test kits {char} delivered"),))
    elif where == "title":
        title = f"Trade {char} turnover"
        spec = bar_spec(title=title)
    elif where == "category":
        spec = bar_spec(categories=("2021", f"2022{char}", "2023", "2024"))
    elif where == "series":
        spec = bar_spec(kind="ranked", series=(ChartSeries(f"Turnover {char}", (1.0, 2.0, 3.0, 4.0)),))
    else:
        spec = bar_spec(kind="line", unit=f"USD {char}")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # our error comes before matplotlib's warning (and its empty box)
        with pytest.raises(ChartError) as err:
            draw_chart(spec, "page")
    message = str(err.value)
    assert f"'{char}' (U+{ord(char):04X}" in message
    assert repr(title) in message


def test_check_glyphs_covers_every_text_of_the_figure():
    fig = draw_chart(bar_spec(), "page")
    fig.axes[0].text(0, 0, "made up later \U0001F9EA")
    with pytest.raises(ChartError, match=r"U\+1F9EA TEST TUBE\) in 'made up later"):
        check_glyphs(fig, "Trade turnover")


def test_describe_character():
    assert describe_character("ə") == "'ə' (U+0259 LATIN SMALL LETTER SCHWA)"
    assert describe_character("\U0010FFFD") == "'\U0010FFFD' (U+10FFFD)"


def test_dollar_signs_stay_text():
    spec = bar_spec(title="US$ 4.9 bn in 2024 vs $3.7 bn", unit="US$ million", categories=("$1", "$2", "2023", "2024"))
    fig = draw_chart(spec, "slide")
    assert not any(cbook.is_math_text(t.get_text()) for t in visible_texts(fig))
    assert literal("a $b$ c") == r"a \$b\$ c"
