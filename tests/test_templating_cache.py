"""Templates compiled once per process: found again by their text, never stale, never hiding an error."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dossier.errors import TemplateError
from dossier.input_limits import InputLimits
from dossier.templating import COMPILED_TEMPLATES, CompiledTemplates, DossierEnvironment, make_environment, \
    render_template

ENDLESS = "# Title\n\n{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n"


def render(folder: Path, name: str = "t.md.j2", limits: InputLimits | None = None, **context) -> str:
    env = make_environment(folder, "templates", "en_GB", *([limits] if limits else []))
    return render_template(env, name, context, {}, "templates").markdown


@pytest.fixture
def no_compiling(monkeypatch):
    """Forbid compiling: what renders now comes from the compiled templates kept."""
    def compile_refused(*args, **kwargs):
        raise AssertionError("compiled again: the kept code was not used")

    return lambda: monkeypatch.setattr(DossierEnvironment, "compile", compile_refused)


def test_a_template_is_compiled_once_and_its_code_used_by_later_environments(tmp_path: Path, no_compiling) -> None:
    (tmp_path / "t.md.j2").write_text("{% include 'part.md.j2' %} and {{ x | num }}\n", encoding="utf-8")
    (tmp_path / "part.md.j2").write_text("part {{ x }}", encoding="utf-8")
    assert render(tmp_path, x=1234) == "part 1234 and 1,234\n"
    no_compiling()
    assert render(tmp_path, x=5) == "part 5 and 5\n"


def test_a_template_edited_on_disk_is_rendered_with_its_new_text(tmp_path: Path) -> None:
    template = tmp_path / "t.md.j2"
    template.write_text("old {{ x }}\n", encoding="utf-8")
    assert render(tmp_path, x=1) == "old 1\n"
    stat = template.stat()
    template.write_text("new {{ x }}\n", encoding="utf-8")  # same size, same times: only the text tells
    os.utime(template, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert render(tmp_path, x=1) == "new 1\n"


def test_an_edited_template_replaces_its_old_code(tmp_path: Path) -> None:
    template = tmp_path / "t.md.j2"
    kept = len(COMPILED_TEMPLATES)
    for version in range(5):
        template.write_text(f"version {version}\n", encoding="utf-8")
        assert render(tmp_path) == f"version {version}\n"
    assert len(COMPILED_TEMPLATES) <= kept + 1


def test_the_endless_loop_error_keeps_its_line_when_the_code_was_kept(tmp_path: Path, no_compiling) -> None:
    (tmp_path / "t.md.j2").write_text(ENDLESS, encoding="utf-8")
    limits = InputLimits(template_seconds=0.2)
    errors = []
    for build in range(3):
        with pytest.raises(TemplateError) as error:
            render(tmp_path, limits=limits)
        errors.append(str(error.value))
        no_compiling()
    assert errors == [errors[0]] * 3
    assert errors[0].startswith("templates/t.md.j2:3: rendering took longer than 0.2 s")


def test_a_runtime_error_keeps_its_line_and_expression_when_the_code_was_kept(tmp_path: Path, no_compiling) -> None:
    (tmp_path / "t.md.j2").write_text("fine\n{{ missing.value }}\n", encoding="utf-8")
    errors = []
    for build in range(2):
        with pytest.raises(TemplateError) as error:
            render(tmp_path)
        errors.append(str(error.value))
        no_compiling()
    assert errors[0] == errors[1] and errors[0].startswith("templates/t.md.j2:2: undefined:")
    assert errors[0].endswith("in {{ missing.value }}")


def test_a_template_that_does_not_compile_fails_every_time_and_is_not_kept(tmp_path: Path) -> None:
    (tmp_path / "t.md.j2").write_text("fine\n{% for x in %}\n", encoding="utf-8")
    kept = len(COMPILED_TEMPLATES)
    errors = []
    for build in range(2):
        with pytest.raises(TemplateError) as error:
            render(tmp_path)
        errors.append(str(error.value))
    assert errors[0] == errors[1] and errors[0].startswith("templates/t.md.j2:2: template syntax:")
    assert len(COMPILED_TEMPLATES) == kept


def test_the_same_template_in_another_folder_names_its_own_file(tmp_path: Path) -> None:
    """Code says which file it was compiled from (where an error's line is looked up): it is kept per file."""
    for project in ("a", "b"):
        (tmp_path / project).mkdir()
        (tmp_path / project / "t.md.j2").write_text("fine\n{{ missing.value }}\n", encoding="utf-8")
        with pytest.raises(TemplateError) as error:
            render(tmp_path / project)
        assert str(error.value).startswith("templates/t.md.j2:2: undefined:")


def test_an_environment_without_a_filter_never_gets_code_compiled_with_it(tmp_path: Path) -> None:
    (tmp_path / "t.md.j2").write_text("{{ 3 | num }}\n", encoding="utf-8")
    assert render(tmp_path) == "3\n"
    env = make_environment(tmp_path, "templates", "en_GB")
    del env.filters["num"]
    with pytest.raises(TemplateError, match="No filter named 'num'"):
        render_template(env, "t.md.j2", {}, {}, "templates")


def test_the_kept_code_is_bounded_least_recently_used_first(tmp_path: Path) -> None:
    kept = CompiledTemplates(size=2)
    for name in ("a", "b", "a", "c"):
        (tmp_path / f"{name}.md.j2").write_text(name, encoding="utf-8")
        env = make_environment(tmp_path, "templates", "en_GB")
        env.bytecode_cache = kept
        assert render_template(env, f"{name}.md.j2", {}, {}, "templates").markdown == name
    assert len(kept) == 2 and [key[1] for key in kept._code] == ["a.md.j2", "c.md.j2"]
