"""A printed value fitted to its sentence: one full stop after a date that ends with one, a capital where a
value begins a bullet; the template's own words untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.citations import source_entry
from dossier.templating import make_environment, render_template


def render(tmp_path: Path, body: str, locale: str, **context) -> str:
    (tmp_path / "t.md.j2").write_text(body, encoding="utf-8")
    env = make_environment(tmp_path, "templates", locale)
    markdown = render_template(env, "t.md.j2", context, {}, "templates", locale=locale).markdown
    return markdown.replace("\N{NARROW NO-BREAK SPACE}", " ")  # Babel's space before `г.`


def test_a_date_before_a_full_stop_is_not_doubled(tmp_path: Path) -> None:
    out = render(tmp_path, "Relations began on {{ d | date }}. Then {{ d | date }}, and {{ d | date }}...", "ru",
                 d="1992-01-03")
    assert out == "Relations began on 3 января 1992 г\\. Then 3 января 1992 г\\., and 3 января 1992 г\\...."
    assert ".." not in render(tmp_path, "In {{ d | date }}.", "de", d="1992-01")  # `Januar 1992.`: one stop kept
    assert render(tmp_path, "In {{ d | date }}.", "en_GB", d="1992-01") == "In January 1992."


@pytest.mark.parametrize(("locale", "first"), [("ru", "- Март 1994 г\\.: "), ("kk", "- 1994 ж\\. наурыз: "),
                                               ("de", "- März 1994: "), ("en_GB", "- March 1994: ")])
def test_a_value_that_begins_a_bullet_starts_with_a_capital(tmp_path: Path, locale: str, first: str) -> None:
    out = render(tmp_path, "- {{ d | date }}: {{ what }}\n1. **{{ n | num }}** new\n", locale,
                 d="1994-03", what="visit", n=None)
    lines = out.splitlines()
    assert lines[0] == first + "visit"  # the second value is inside the sentence: as it is
    assert lines[1].startswith("1. **") and lines[1][5].isupper()  # "Not reported", "Нет данных"


def test_only_values_are_capitalised(tmp_path: Path) -> None:
    out = render(tmp_path, "- iPhone sales in {{ d | date }}\n- {{ d | date }}: {{ w }}\n", "az", d="1994-06", w="iqtisadçı")
    assert out.splitlines() == ["- iPhone sales in iyun 1994", "- İyun 1994: iqtisadçı"]  # az: dotted capital İ


def test_a_source_whose_date_ends_with_a_full_stop_gets_one() -> None:
    entry = source_entry({"id": "s", "publisher": "ТАСС", "date": "1992-01-03", "url": "https://tass.ru/x"}, "ru")
    assert entry.replace("\N{NARROW NO-BREAK SPACE}", " ").startswith("ТАСС, 3 января 1992 г\\. [")


def test_a_value_that_begins_a_heading_or_a_paragraph_starts_with_a_capital(tmp_path: Path) -> None:
    out = render(tmp_path, "## {{ d | date }}\n\n{{ d | date }} brought a visit\n{{ d | date }} again\n", "ru", d="1994-03")
    assert out.splitlines() == ["## Март 1994 г\\.", "", "Март 1994 г\\. brought a visit", "март 1994 г\\. again"]


def test_data_and_template_text_keep_their_case(tmp_path: Path) -> None:
    out = render(tmp_path, "- {{ url }}\n\n{{ name }} said\n", "en_GB", url="https://example.org", name="e-commerce")
    assert out.splitlines() == ["- https\\://example\\.org", "", "e\\-commerce said"]
