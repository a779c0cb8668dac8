"""Citation marks: one numbering, merged groups in ascending order, the locale's side of punctuation, one entry text."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.citations import Numbering, number_citations, source_entry
from dossier.data_text import fill_data_text
from dossier.derived import DerivedFigureError
from dossier.errors import TemplateError
from dossier.formatting import filters_for, format_and_list, format_date_range
from dossier.templating import make_environment, render_template

SOURCES = {
    "a": {"id": "a", "publisher": "Trend", "title": "Review", "date": "2009-09-08", "url": "https://trend.az/1"},
    "b": {"id": "b", "publisher": "AzerNews", "title": "Trade"},
    "c": {"id": "c", "publisher": "Xinhua", "title": "Visit", "date": "2015"},
}


def render(tmp_path: Path, body: str, locale: str = "en_GB", numbering: Numbering | None = None, **context):
    (tmp_path / "t.md.j2").write_text(body, encoding="utf-8")
    env = make_environment(tmp_path, "templates", locale)
    return render_template(env, "t.md.j2", context, SOURCES, "templates", locale=locale, numbering=numbering)


def body(markdown: str) -> str:
    return markdown.split("\n\n[^")[0]


def test_marks_at_one_place_are_merged_ascending_and_once() -> None:
    numbering = Numbering()
    text, cited = number_citations("X[^b] y[^c][^b][^c][^a] z", numbering, "en_GB")
    assert text == "X[^b] y[^b][^c][^a] z"  # b is 1 (known), then the new ones in order: c 2, a 3
    assert cited == ["b", "c", "a"]


@pytest.mark.parametrize("locale, expected", [
    ("en_GB", "Belt.[^a] Then 2023,[^b] and x\\.[^c] End"),
    ("de", "Belt.[^a] Then 2023,[^b] and x\\.[^c] End"),
    ("fr", "Belt[^a]. Then 2023[^b], and x[^c]\\. End"),
    ("ru", "Belt[^a]. Then 2023[^b], and x[^c]\\. End"),
])
def test_marks_sit_on_the_locales_side_of_punctuation(locale: str, expected: str) -> None:
    source = "Belt[^a]. Then 2023,[^b] and x\\.[^c] End"
    assert number_citations(source, Numbering(), locale)[0] == expected


def test_decimal_points_and_escaped_brackets_are_not_moved_or_read() -> None:
    text, cited = number_citations("USD 1[^a].5 and \\[^b\\] data", Numbering(), "en_GB")
    assert text == "USD 1[^a].5 and \\[^b\\] data"
    assert cited == ["a"]


def test_a_second_output_keeps_the_first_outputs_numbers(tmp_path: Path) -> None:
    first = render(tmp_path, "A{{ cite('a') }} B{{ cite('b') }}")
    second = render(tmp_path, "C{{ cite('c') }} B{{ cite('b') }}\n\n{{ source_list() }}", numbering=first.numbering)
    assert [second.numbering.number(s) for s in ("a", "b", "c")] == [1, 2, 3]
    assert "- \\[2\\] AzerNews, *Trade*\n- \\[3\\] Xinhua, *Visit*, 2015" in second.markdown


def test_the_list_and_the_footnotes_print_one_entry_text(tmp_path: Path) -> None:
    out = render(tmp_path, "Z{{ cite('c') }} Y{{ cite('a') }}.\n\n# Sources\n\n{{ source_list() }}\n").markdown
    entry = source_entry(SOURCES["a"], "en_GB")
    assert entry == ("Trend, *Review*, 8 September 2009. "
                     "[https\\://trend\\.az/1](<https://trend.az/1>)")
    assert f"1. {source_entry(SOURCES['c'], 'en_GB')}\n2. {entry}" in out
    assert f"[^a]: {entry}" in out
    assert "Y.[^a]" in out


def test_entry_dates_follow_the_locale() -> None:
    assert "8 сентября 2009" in source_entry(SOURCES["a"], "ru")


def test_a_url_that_is_not_http_is_never_written_as_a_link(tmp_path: Path) -> None:
    bad = {**SOURCES, "a": {**SOURCES["a"], "url": "javascript:alert(1)"}}
    (tmp_path / "t.md.j2").write_text("A{{ cite('a') }}", encoding="utf-8")
    env = make_environment(tmp_path, "templates", "en_GB")
    with pytest.raises(TemplateError, match="not an http"):
        render_template(env, "t.md.j2", {}, bad, "templates")


def test_date_ranges_and_lists_come_from_babel() -> None:
    assert format_date_range("1999-12-20", "1999-12-21", locale="en_GB").replace("\u2009", " ") == "20 – 21 December 1999"
    assert format_date_range("2019-04-25", "2019-05-02", locale="ru") == "25 апреля — 2 мая 2019\u202fг."
    assert format_date_range("1994-03", None, locale="en_GB") == "March 1994"
    assert format_and_list([2017, 2020, 2021], locale="az") == "2017, 2020 və 2021"
    with pytest.raises(ValueError, match="ends before"):
        format_date_range("2020-01-02", "2020-01-01", locale="en_GB")


CONTEXT = {
    "trade": [{"year": 2023, "side": "AZ", "turnover": 3100.0}, {"year": 2023, "side": "CN", "turnover": 2900.0}],
    "investment": {"since": 1995},
}


def fill(text: str) -> str:
    return fill_data_text(text, CONTEXT, filters_for("en_GB"), str)


def test_data_text_quotes_data_values_and_keeps_the_rest_literal() -> None:
    assert fill("*Turnover* {trade[year=2023, side=AZ].turnover | usd_m} since {investment.since}.") == \
        "\\*Turnover\\* US$3.1bn since 1995\\."
    assert fill("{trade[year=2023, side=CN].turnover | num(1)}") == "2,900.0"


@pytest.mark.parametrize("text, message", [
    ("{trade[year=2023].turnover}", "2 rows match"),
    ("{trade[year=1999, side=AZ].turnover}", "0 rows match"),
    ("{trade[year=2023, side=AZ].exports}", "no field"),
    ("{nothing.here}", "no data"),
    ("{investment.since | shout}", "no filter"),
])
def test_data_text_names_what_it_cannot_find(text: str, message: str) -> None:
    with pytest.raises(DerivedFigureError, match=message):
        fill(text)


def test_front_matter_and_fenced_blocks_are_not_read_for_marks() -> None:
    markdown = '---\ntitle: "x[^a]."\n---\n\nText[^b].\n\n```chart\ncaption: "y[^a]."\n```\n\nMore[^c] [^zz].\n'
    text, cited = number_citations(markdown, Numbering(), "en_GB", {"a", "b", "c"})
    assert cited == ["b", "c"]
    assert 'title: "x[^a]."' in text and 'caption: "y[^a]."' in text
    assert "Text.[^b]" in text and "More[^c] [^zz]." in text  # [^zz] was not written by cite(): left alone
