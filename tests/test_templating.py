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
    assert render(tmp_path, "{{ a }} {{ a | usd_m }}", a=None) == "not reported not reported"


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
