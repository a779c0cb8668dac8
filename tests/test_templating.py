"""Templates: strict, sandboxed, every value literal, citations become footnotes."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.errors import TemplateError
from dossier.templating import make_environment, render_template

SOURCES = {"s1": {"id": "s1", "publisher": "Trend", "title": "Trade *review*", "date": "2019",
                  "url": "https://en.trend.az/x"}}


def render(tmp_path: Path, body: str, **context) -> str:
    (tmp_path / "t.md.j2").write_text(body, encoding="utf-8")
    env = make_environment(tmp_path, "templates", "en_GB")
    return render_template(env, "t.md.j2", context, SOURCES, "templates").markdown


def test_values_are_escaped_and_markdown_filter_is_not(tmp_path: Path) -> None:
    out = render(tmp_path, "{{ a }} {{ b | md }}", a="*x* # <y> | {{z}}", b="**bold**")
    assert out == "\\*x\\* \\# \\<y\\> \\| \\{\\{z\\}\\} **bold**"


def test_none_prints_not_reported(tmp_path: Path) -> None:
    assert render(tmp_path, "{{ a }} {{ a | usd_m }}", a=None) == "Not reported not reported"  # a paragraph's start


def test_cite_adds_footnote_definitions_once_in_order(tmp_path: Path) -> None:
    out = render(tmp_path, "A{{ cite('s1') }} B{{ cite('s1') }}")
    assert out.startswith("A[^s1] B[^s1]")
    assert out.count("[^s1]:") == 1
    assert "[^s1]: Trend, *Trade \\*review\\**, 2019. [https\\://en\\.trend\\.az/x](<https://en.trend.az/x>)" in out


def test_undefined_name_names_template_line(tmp_path: Path) -> None:
    with pytest.raises(TemplateError) as caught:
        render(tmp_path, "line one\n{{ missing.value }}\n")
    assert str(caught.value).startswith("templates/t.md.j2:2: undefined:")


def test_sandbox_blocks_attribute_escapes(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="templates/t.md.j2:1"):
        render(tmp_path, "{{ a.__class__.__mro__ }}", a="x")


def test_chart_fence_is_tagged_with_template_line(tmp_path: Path) -> None:
    out = render(tmp_path, "text\n\n```chart\nkind: bar\n```\n")
    assert "```chart @templates/t.md.j2:3" in out


@pytest.mark.parametrize("url", ["https://a.org/x> **x** [y](https://z)", "javascript:alert(1)", "not a url", ""])
def test_a_link_target_from_data_is_a_web_address_or_an_error(tmp_path: Path, url: str) -> None:
    with pytest.raises(TemplateError, match="is not a web address"):
        render(tmp_path, "[link]({{ u }})", u=url)
    sources = {"s1": {**SOURCES["s1"], "url": url or " "}}
    (tmp_path / "c.md.j2").write_text("A{{ cite('s1') }}", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"is not a web address|is not an http\(s\) address"):
        render_template(make_environment(tmp_path, "templates", "en_GB"), "c.md.j2", {}, sources, "templates")


def test_a_link_target_from_data_is_percent_encoded(tmp_path: Path) -> None:
    out = render(tmp_path, "[link]({{ u }}) [page](https://example.org/{{ p }})",
                 u="https://example.org/a(b)<c>", p="x y/(z)")
    assert out == "[link](https://example.org/a%28b%29%3Cc%3E) [page](https://example.org/x%20y%2F%28z%29)"


@pytest.mark.parametrize("value,expected", [
    ("Exports: total", {"title": "Exports: total"}), ('"quoted', {"title": '"quoted'}), ("yes", {"title": "yes"}),
    ("1e3", {"title": "1e3"}), ("# hash", {"title": "# hash"}), ("*alias", {"title": "*alias"}),
    ("[a, b]", {"title": "[a, b]"}), ("a\\_b", {"title": "a\\_b"}),
])
def test_a_value_in_a_chart_block_is_a_yaml_string(tmp_path: Path, value: str, expected: dict) -> None:
    import yaml

    out = render(tmp_path, "```chart\ntitle: {{ v }}\n```\n", v=value)
    assert yaml.safe_load(out.split("\n", 1)[1].rsplit("```", 1)[0]) == expected


def test_a_number_in_a_chart_block_stays_a_number_and_text_around_values_stays(tmp_path: Path) -> None:
    import yaml

    out = render(tmp_path, "```chart\nwhere: {year: {{ y }}}\ntitle: Trade with {{ p }} in {{ y }}\n```\n",
                 y=2023, p="A: B")
    assert yaml.safe_load(out.split("\n", 1)[1].rsplit("```", 1)[0]) == {
        "where": {"year": 2023}, "title": "Trade with A: B in 2023"}


def test_an_attribute_from_data_is_an_identifier_or_an_error(tmp_path: Path) -> None:
    assert render(tmp_path, "## Trade {#{{ i }}}\n", i="tbl-trade_2.x") == "## Trade {#tbl-trade_2.x}\n"
    with pytest.raises(TemplateError, match="cannot be part of an attribute"):
        render(tmp_path, "## Trade {#{{ i }}}\n", i="x .evil key=v")
