"""The [limits] settings, the YAML/JSON structure bounds and the template budgets, checked in-process."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from dossier.data import load_json, load_yaml
from dossier.errors import ConfigError, DataError, TemplateError
from dossier.input_limits import DEFAULT_LIMITS, InputLimits
from dossier.project import load_project
from dossier.templating import make_environment, render_template
from project_copies import PROJECTS, copy_project


@pytest.mark.parametrize("table, message", [
    ("data_file_mb = -1", "limits.data_file_mb: must be a number greater than 0"),
    ("xlsx_rows = 10.5", "limits.xlsx_rows: must be a whole number greater than 0"),
    ("template_seconds = true", "limits.template_seconds: must be a number greater than 0"),
    ("nesting_depth = 5000", "limits.nesting_depth: must be at most 200: deeper data overflows the parsers"),
    ('allow_outside = ["/etc"]', "limits.allow_outside: must be a list of folder settings among: data, templates, "
                                 "schemas, theme, build, reports"),
    ('allow_symlinks_outside = "yes"', "limits.allow_symlinks_outside: must be true or false"),
])
def test_a_wrong_limit_is_named_with_its_line(tmp_path: Path, table: str, message: str) -> None:
    project = copy_project(PROJECTS / "minimal", tmp_path / "project")
    config = project / "dossier.toml"
    config.write_text(config.read_text(encoding="utf-8") + f"\n[limits]\n{table}\n", encoding="utf-8")
    line = len(config.read_text(encoding="utf-8").splitlines())
    with pytest.raises(ConfigError) as error:
        load_project(project)
    assert str(error.value) == f"dossier.toml:{line}: {message}"


def test_limits_are_read_from_the_project(tmp_path: Path) -> None:
    project = copy_project(PROJECTS / "minimal", tmp_path / "project")
    config = project / "dossier.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n[limits]\nxlsx_rows = 500\ndata_file_mb = 2.5\n",
                      encoding="utf-8")
    limits = load_project(project).limits
    assert (limits.xlsx_rows, limits.data_file_bytes, limits.alias_nodes) == (500, int(2.5 * 1024 * 1024), 10_000)


def test_anchors_used_as_people_use_them_load() -> None:
    text = ("defaults: &defaults {unit: USD million, source: customs}\n"
            "rows:\n" + "".join(f"  - {{<<: *defaults, year: {2000 + i}}}\n" for i in range(300)))
    rows = load_yaml(text, "trade.yaml").value["rows"]
    assert len(rows) == 300 and rows[-1] == {"unit": "USD million", "source": "customs", "year": 2299}


def test_alias_expansion_is_counted_through_nested_anchors() -> None:
    text = "a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nb: &b [*a, *a, *a, *a, *a]\nc: [*b, *b]\n"
    assert load_yaml(text, "x.yaml", InputLimits(alias_nodes=200)).value["c"][1][4][9] == 10
    with pytest.raises(DataError) as error:
        load_yaml(text, "x.yaml", InputLimits(alias_nodes=100))
    assert str(error.value).startswith("x.yaml:3: aliases (*b and the others) repeat more than 100 values")


def test_nesting_within_the_limit_loads_and_one_deeper_fails_with_its_line() -> None:
    ok = "[" * 100 + "]" * 100
    value = load_json(ok, "x.json").value
    for _ in range(99):
        value = value[0]
    assert value == []
    assert load_yaml("v: " + "[" * 99 + "]" * 99, "x.yaml").value["v"][0][0] is not None  # the mapping is level 1
    with pytest.raises(DataError) as error:
        load_json("{\n\"v\":\n" + "[" * 101 + "]" * 101 + "}", "x.json")
    assert str(error.value).startswith("x.json:3: nested more than 100 levels deep")


def render(tmp_path: Path, source: str, limits: InputLimits = DEFAULT_LIMITS) -> str:
    (tmp_path / "t.md.j2").write_text(source, encoding="utf-8")
    env = make_environment(tmp_path, "templates", "en_GB", limits)
    return render_template(env, "t.md.j2", {"rows": list(range(1000))}, {}, "templates").markdown


@pytest.mark.parametrize("source, message", [
    ("{{ 'x' * 10**9 }}", "templates/t.md.j2:1: str * 1000000000 would make 1,000,000,000 items, over the limit"),
    ("{{ [1] * 10**8 }}", "templates/t.md.j2:1: list * 100000000 would make 100,000,000 items, over the limit"),
    ("{{ 2 ** (10**10) }}", "templates/t.md.j2:1: 2 ** 10000000000 is too large a number to compute"),
    ("{{ '%099999999d' % 1 }}", "templates/t.md.j2:1: a %-format asks for a field 99,999,999 characters wide"),
    ("{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}{% endfor %}",
     "templates/t.md.j2:1: an expression made a value of 16,777,216 items, over the limit"),
    ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(1) }}",
     "templates/t.md.j2:1: calls nest deeper than Python allows: a macro that calls itself without end?"),
    ("{{ range(10**9) | list }}", "templates/t.md.j2:1: Range too big."),
])
def test_a_template_over_a_budget_is_one_line_at_its_line(tmp_path: Path, source: str, message: str) -> None:
    with pytest.raises(TemplateError) as error:
        render(tmp_path, source)
    assert str(error.value).startswith(message)


def test_a_silent_endless_loop_stops_at_the_time_budget(tmp_path: Path) -> None:
    started = time.monotonic()
    with pytest.raises(TemplateError) as error:
        render(tmp_path, "{% for a in rows %}{% for b in rows %}{% for c in rows %}{% endfor %}{% endfor %}{% endfor %}",
               InputLimits(template_seconds=0.5))
    assert time.monotonic() - started < 10
    assert "rendering took longer than 0.5 s ([limits] template_seconds)" in str(error.value)


def test_output_past_its_budget_stops(tmp_path: Path) -> None:
    with pytest.raises(TemplateError) as error:
        render(tmp_path, "{% for a in rows %}{% for b in rows %}some words {% endfor %}{% endfor %}",
               InputLimits(template_output_mb=1))
    assert str(error.value) == ("templates/t.md.j2: the template produced more than 1 MB of Markdown "
                                "([limits] template_output_mb)")


def test_a_template_within_its_budgets_renders_as_before(tmp_path: Path) -> None:
    assert render(tmp_path, "{{ rows | length * 2 }} {{ 'ab' * 3 }} {{ '%d%%' % 7 }} {{ 2 ** 10 }}") == \
        "2000 ababab 7% 1024"
