"""Data errors that teach: the expected type and its fix, the length limit."""

from __future__ import annotations

from pathlib import Path

from project_copies import copy_example, run_dossier


def test_an_unquoted_date_and_an_overlong_label_say_how_to_fix_them(tmp_path: Path) -> None:
    project = tmp_path / "p"
    project.mkdir()
    copy_example(project)
    timeline = project / "data" / "azerbaijan-china" / "timeline.yaml"
    text = timeline.read_text(encoding="utf-8")
    text = text.replace('  date: "2001"\n', "  date: 2001-06-15\n", 1)
    text = text.replace('  label: "Sumgait–Chuzhou twinning"', '  label: "' + "x" * 70 + '"', 1)
    timeline.write_text(text, encoding="utf-8")
    result = run_dossier("check", "--project", str(project))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    date_line = next(line for line in lines if "2001-06-15" in line)
    assert date_line.startswith("data/azerbaijan-china/timeline.yaml:")
    assert 'quote it, "2001-06-15"' in date_line and "datetime" not in date_line
    long_line = next(line for line in lines if "too long" in line)
    assert "70 characters, at most 60" in long_line


def test_a_broken_schema_fails_every_time_though_good_ones_are_checked_once(tmp_path: Path) -> None:
    from types import SimpleNamespace

    import pytest

    from dossier.errors import ConfigError
    from dossier.validate import load_schemas

    (tmp_path / "schemas").mkdir()
    schema = tmp_path / "schemas" / "trade.schema.json"
    project = SimpleNamespace(schemas_dir=tmp_path / "schemas", relative=lambda path: f"schemas/{path.name}")
    good, broken = '{"type": "array"}', '{\n  "type": "array",\n  "minItems": "two"\n}'
    for text, fails in ((good, False), (broken, True), (broken, True), (good, False), (broken, True)):
        schema.write_text(text, encoding="utf-8")
        if fails:
            with pytest.raises(ConfigError, match=r"^schemas/trade.schema.json:3: minItems: not a valid JSON Schema"):
                load_schemas(project)
        else:
            assert load_schemas(project) == {"trade": {"type": "array"}}
