"""Point a template error at the expression that raised it, not only its line."""

from __future__ import annotations

import re
from pathlib import Path

#: A Jinja tag: `{{ … }}` or `{% … %}` (no nesting across lines: the line is what the error names).
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
#: Names a Jinja message quotes: 'x' has no attribute 'y', 'z' is undefined, pick(a=1): …
QUOTED = re.compile(r"'([^']+)'|([A-Za-z_][\w.]*)\(")
LONGEST = 120


def offending_expression(template_line: str, message: str) -> str | None:
    """Return the tag on `template_line` the error `message` is about: the one naming what the message
    quotes, else the only tag on the line; None when the line has no tag."""
    tags = TAG.findall(template_line)
    if not tags:
        return None
    named = [name for pair in QUOTED.findall(message) for name in pair if name]
    for name in reversed(named):  # the attribute or function, named last, is the most precise
        leaf = name.split(".")[-1]
        hits = [tag for tag in tags if re.search(rf"(?<![\w-]){re.escape(leaf)}(?![\w-])", tag)]
        if len(hits) >= 1:
            return _short(hits[0])
    return _short(tags[0]) if len(tags) == 1 else None


def _short(tag: str) -> str:
    return tag if len(tag) <= LONGEST else tag[: LONGEST - 1] + "…"


def with_expression(message: str, templates_dir: Path, shown_folder: str, file: str | None, line: int | None) -> str:
    """Return `message` followed by `in {{ … }}` when the template line shows which expression failed."""
    if not file or not line or not file.startswith(f"{shown_folder}/"):
        return message
    path = templates_dir / file[len(shown_folder) + 1:]
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return message
    if not 1 <= line <= len(lines):
        return message
    expression = offending_expression(lines[line - 1], message)
    return f"{message}, in {expression}" if expression else message
