"""Cutting settings out of a dossier.toml's text: everything else stays as written, or nothing is cut."""

from __future__ import annotations

import tomllib

import pytest

from dossier.toml_statements import statements, without

TEXT = '''# top comment

# the project
[project]
title = "A [b] 'c' # not a comment"
project.extra = 1
subjects = ["x", "y"]

[[checks]]
name = 'one'
parts = [
  ["a", "b"],  # ] not the end
  {x = "[[also not]]"},
]
note = """three
[[lines]] \\""" still inside
"""

[charts.colours]
"quoted.key" = { a = [1, 2] }
'''


def test_the_statements_joined_give_the_text_back_and_headers_are_only_headers() -> None:
    found = statements(TEXT)
    assert "".join(s.text for s in found) == TEXT
    headers = [s.table for s in found if s.kind == "header"]
    assert headers == [("project",), ("checks",), ("charts", "colours")]
    assert [s.key for s in found if s.kind == "key" and s.table == ("charts", "colours")] == [("quoted.key",)]
    assert [s.table for s in found[:3]] == [(), (), ("project",)]  # a comment right above a header is its table's


def test_dropping_a_table_and_a_key_keeps_the_rest_as_written() -> None:
    cut = without(TEXT, drop_table=lambda t: t[:1] == ("checks",), drop_key=lambda k: k == ("project", "subjects"))
    assert cut == ('# top comment\n\n# the project\n[project]\ntitle = "A [b] \'c\' # not a comment"\nproject.extra = 1\n\n'
                   '[charts.colours]\n"quoted.key" = { a = [1, 2] }\n')
    assert tomllib.loads(cut)["charts"] == tomllib.loads(TEXT)["charts"]


def test_a_dotted_key_at_the_root_is_found_by_its_full_path() -> None:
    cut = without('project.subjects = ["x"]\nproject.title = "T"\n', drop_table=lambda t: False,
                  drop_key=lambda k: k == ("project", "subjects"))
    assert cut == 'project.title = "T"\n'


def test_text_that_is_not_toml_is_refused() -> None:
    with pytest.raises(tomllib.TOMLDecodeError):
        without("[project\n", drop_table=lambda t: False, drop_key=lambda k: False)
