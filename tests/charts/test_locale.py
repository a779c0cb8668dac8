"""Charts speak the job's locale: numbers, dates, the missing-value mark and their own words (issue 11, rule 10)."""

from __future__ import annotations

import pytest
from chart_checks import by_gid, drawn, figure_texts, main_axes, visible_texts

from dossier.formatting import filters_for
from dossier.model import ChartSeries, ChartSpec, TimelineEvent

NBSP = "\N{NO-BREAK SPACE}"
MINUS = "\N{MINUS SIGN}"


def trade(locale: str) -> ChartSpec:
    return ChartSpec(
        kind="bar", title="Товарооборот", unit="млн долл. США", source="Госкомстат",
        categories=("2021", "2022", "2023", "2024"),
        series=(ChartSeries("Экспорт", (12500.0, 40000.0, None, 27250.0)),),
        locale=locale,
    )


@pytest.mark.parametrize("profile", ["page", "slide"])
def test_ru_tick_and_value_labels_are_russian(profile):
    fig = drawn(trade("ru"), profile)
    ax = main_axes(fig)
    ticks = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert f"40{NBSP}000" in ticks or f"20{NBSP}000" in ticks, ticks
    assert all("," not in t for t in ticks), ticks  # no English thousands separator
    values = [t.get_text() for t in visible_texts(fig) if t.get_gid() not in ("not-reported",)]
    assert f"40{NBSP}000" in values and f"12{NBSP}500" in values and f"27{NBSP}250" in values
    assert [t.get_text() for t in by_gid(fig, "not-reported")] == ["н/д"]
    footer = figure_texts(fig)[0]
    assert footer.startswith("Источник: Госкомстат.") and "н/д: нет данных" in footer, footer
    # the same number the text filter prints
    assert filters_for("ru")["num"](40000) == f"40{NBSP}000"


def test_ru_dates_and_negative_values():
    spec = ChartSpec(kind="timeline", title="", unit="", source="", locale="ru",
                     events=(TimelineEvent("1992-01-03", "Признание"), TimelineEvent("1994-03", "Визит"),
                             TimelineEvent("2015", "Декларация")))
    dates = sorted(t.get_text() for t in visible_texts(drawn(spec, "slide")) if str(t.get_gid()).endswith("-date"))
    assert dates == ["2015", "3 янв. 1992\u202fг.", "март 1994\u202fг."]
    balance = ChartSpec(kind="bar", title="", unit="млн", source="", locale="ru", categories=("2022", "2023"),
                        series=(ChartSeries("Сальдо", (-1500.5, 2.25)),))
    texts = [t.get_text() for t in visible_texts(drawn(balance, "page"))]
    assert f"{MINUS}1{NBSP}500" in texts or f"{MINUS}1{NBSP}500,5" in texts, texts
    assert "2,25" in texts


def test_english_default_unchanged():
    fig = drawn(trade("en_GB"), "page")
    texts = [t.get_text() for t in visible_texts(fig)]
    assert any("," in t and t.replace(",", "").isdigit() for t in texts)
    assert "n/r" in texts or any("n/r" in t for t in figure_texts(fig))


@pytest.mark.parametrize("profile", ["page", "slide"])
def test_ru_qualifier_note_and_rest_slice_are_russian(profile):
    counts = ChartSpec(kind="bar", title="", unit="компаний", source="Сборник", locale="ru", categories=("2023", "2024"),
                       series=(ChartSeries("Компании", (200.0, 300.0), qualifiers=(">", "~")),))
    footer = figure_texts(drawn(counts, profile))[0]
    assert "> нижняя граница" in footer and "~ приблизительно" in footer and "lower bound" not in footer, footer
    shares = ChartSpec(kind="share", title="", unit="%", source="Сборник", locale="ru", categories=("Китай", "Россия"),
                       series=(ChartSeries("Доля", (20.8, 15.2)),))
    texts = [t.get_text() for t in visible_texts(drawn(shares, profile))]
    assert any("Остальное / не указано" in t for t in texts), texts
