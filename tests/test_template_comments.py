"""Templates use what the README shows: pandoc attributes pass through Jinja; errors name the template once."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document as open_docx

from dossier.build import build
from dossier.errors import TemplateError
from dossier.templating import make_environment, render_template
from project_copies import PROJECTS, copy_project, run_dossier


def render(tmp_path: Path, body: str) -> str:
    (tmp_path / "t.md.j2").write_text(body, encoding="utf-8")
    env = make_environment(tmp_path, "templates", "en_GB")
    return render_template(env, "t.md.j2", {"x": 1}, {}, "templates").markdown


@pytest.mark.parametrize("attributes", ["{#tbl-trade}", "{#fig-trade}", "{.unnumbered}", "{#intro .note lang=az}"])
def test_pandoc_attributes_pass_through(tmp_path: Path, attributes: str) -> None:
    body = f"## Heading {attributes}\n\nTable: Caption {{{{ x }}}} {attributes}\n"
    assert render(tmp_path, body) == f"## Heading {attributes}\n\nTable: Caption 1 {attributes}\n"


def test_comments_are_double_hashes(tmp_path: Path) -> None:
    assert render(tmp_path, "{##- a comment {#tbl-x} -##}\nText {## another ##}.\n") == "Text .\n"


def test_jinjas_own_comment_is_an_error_saying_what_to_write(tmp_path: Path) -> None:
    with pytest.raises(TemplateError) as caught:
        render(tmp_path, "Text\n{# an old comment #}\n")
    assert str(caught.value).startswith("templates/t.md.j2:2: a comment is {## … ##} in dossier templates")


def test_table_and_figure_ids_from_a_template_make_cross_references(tmp_path: Path) -> None:
    project = copy_project(PROJECTS / "minimal", tmp_path / "project")
    template = project / "templates" / "briefing.md.j2"
    text = template.read_text(encoding="utf-8")
    text = text.replace("Table: Trade by year", "Table: Trade by year {#tbl-trade}")
    text = text.replace("source: Customs\n", "source: Customs\nid: fig-trade\n")
    text = text.replace("# Trade\n", "# Trade\n\nSee [the table](#tbl-trade) and [the chart](#fig-trade).\n")
    template.write_text(text, encoding="utf-8")
    outcome = build(project, ["demo"])
    assert not outcome.failed, [r.error for r in outcome.failed]
    paragraphs = [p.text for p in open_docx(project / "reports" / "demo" / "briefing.docx").paragraphs]
    assert "See Table 1 and Figure 1." in paragraphs
    assert not any("{#" in p for p in paragraphs)


@pytest.mark.parametrize("where", ["absolute --project", "relative --project", "inside the project"])
def test_template_error_path_is_relative_to_the_project_and_never_doubled(tmp_path: Path, where: str) -> None:
    project = copy_project(PROJECTS / "minimal", tmp_path / "project")
    template = project / "templates" / "briefing.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\n{## a comment that never ends\n", encoding="utf-8")
    line = len(template.read_text(encoding="utf-8").splitlines())
    args, cwd = {
        "absolute --project": (["--project", str(project)], tmp_path),
        "relative --project": (["--project", "project"], tmp_path),
        "inside the project": ([], project),
    }[where]
    result = run_dossier("check", *args, cwd=cwd)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"templates/briefing.md.j2:{line}: template syntax: Missing end of comment tag"]
