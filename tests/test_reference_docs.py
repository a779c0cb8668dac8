"""The README's reference names every helper, filter, chart key and front-matter key dossier has, and no other."""

from __future__ import annotations

import re

from dossier.chart_blocks import KNOWN as CHART_KEYS
from dossier.derived import HELPERS
from dossier.formatting import filters_for
from dossier.lookups import Rows
from project_copies import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
PACKAGE = ROOT / "dossier"


def documented(kind: str) -> set[str]:
    """Return the names in the README's `<!-- reference: kind -->` block: those in each table row's first cell
    (`from`, `to`), or every `name` of a list."""
    block = re.search(rf"<!-- reference: {kind} -->\n(.*?)<!-- /reference -->", README, re.S)
    assert block, f"the README has no reference block for {kind}"
    text = block.group(1)
    if text.lstrip().startswith("|"):
        cells = [m.group(1) for m in re.finditer(r"^\|([^|]*)\|", text, re.M)]
        return {name for cell in cells for name in re.findall(r"`([^`]+)`", cell)}
    return set(re.findall(r"`([^`]+)`", text))


def context_functions() -> set[str]:
    """Return the functions render_template gives every template (cite, source_list, …)."""
    source = (PACKAGE / "templating.py").read_text(encoding="utf-8")
    call = re.search(r"dict\(\s*context, (.*?)\)\)", source, re.S).group(1)  # render_within_budget(…, dict(context, …))
    return set(re.findall(r"(\w+)=", call))


def row_lookups() -> set[str]:
    names = {f"rows.{name}" for name, value in vars(Rows).items() if callable(value) and not name.startswith("_")}
    return names | {'rows["id"]'}


def front_matter_keys() -> set[str]:
    """Return every front-matter key the package reads (`meta.get("x")`, `meta["x"]`, `_meta("x")`)."""
    pattern = re.compile(r'(?<!node\.)\b(?:_meta\(|meta(?:\.get\(|\[))"([\w-]+)"')
    keys: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        keys |= set(pattern.findall(path.read_text(encoding="utf-8")))
    return keys


def test_helpers_are_documented_and_exist() -> None:
    assert documented("helpers") == set(HELPERS) | context_functions() | row_lookups()


def test_filters_are_documented_and_exist() -> None:
    assert documented("filters") == set(filters_for("en_GB")) | {"md", "yaml"}


def test_chart_keys_are_documented_and_exist() -> None:
    assert documented("chart-keys") == CHART_KEYS


def test_front_matter_keys_are_documented_and_read() -> None:
    assert documented("front-matter") == front_matter_keys()
