"""Every number and date in the example's text comes from the data: change a value, and no stale copy is left."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from project_copies import EXAMPLE_PARTS, ROOT, run_dossier
from reader_view import read_briefing, read_deck

SUBJECT = "azerbaijan-china"
TEMPLATES = ROOT / "templates"

# (data file, text in it, its replacement, what the outputs said before, what they must say after, outputs)
EDITS = [
    ("figures.yaml", "  value: 2150\n", "  value: 2345\n", "2,150", "2,345", {"briefing"}),
    ("trade.csv", "2023,,,3100,about,43.5,", "2023,,,3100,about,47.1,", "+43.5%", "+47.1%", {"briefing"}),
    ("trade.csv", "2022,,,2159,", "2022,,,2222,", "2,159", "2,222", {"briefing"}),
    ("timeline.yaml", '  date: "1994-03"\n', '  date: "1994-05"\n', "March 1994", "May 1994", {"briefing", "deck"}),
    ("timeline.yaml", "  signed: 8\n", "  signed: 9\n", "8 agreements", "9 agreements", {"briefing", "deck"}),
    ("timeline.yaml", "  signed: 10\n", "  signed: 11\n", "10 documents", "11 documents", {"briefing", "deck"}),
    ("timeline.yaml", '  end: "1995-04-21"\n', '  end: "1995-04-22"\n', "21 April 1995", "22 April 1995",
     {"briefing"}),
    ("ranks.yaml", "rank: 3, since: 2016, until: 2022", "rank: 3, since: 2015, until: 2022", "from 2016 to 2022",
     "from 2015 to 2022", {"briefing"}),
    ("figures.yaml", "  value: 17.69\n", "  value: 18.25\n", "17.69%", "18.25%", {"briefing", "deck"}),
    ("trade_partial.csv", "2023 (article),2023,63.5,", "2023 (article),2023,64.5,", "63.5", "64.5",
     {"briefing", "deck"}),
    ("investment.yaml", "usd_million: 930.8,", "usd_million: 931.9,", "930.8", "931.9", {"briefing"}),
]


def texts(folder: Path) -> dict[str, str]:
    reports = folder / "reports" / SUBJECT
    return {"briefing": read_briefing(reports / "briefing.docx").all_text,
            "deck": read_deck(reports / "deck.pptx").all_text}


def normalised(text: str) -> str:
    return re.sub(r"\s", " ", text)  # Babel puts thin spaces in date ranges


@pytest.fixture(scope="module")
def edited_build(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("edited")
    for part in EXAMPLE_PARTS:
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target / part)
    for name, old, new, *_ in EDITS:
        path = target / "data" / SUBJECT / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{name}: {old!r} is not in the example data once"
        path.write_text(text.replace(old, new), encoding="utf-8")
    result = run_dossier("build", "--project", str(target))
    assert result.returncode == 0, result.stderr
    return target


@pytest.mark.parametrize("edit", EDITS, ids=[f"{e[0]}:{e[3]}" for e in EDITS])
def test_a_changed_value_leaves_no_stale_copy(edit, example_build: Path, edited_build: Path) -> None:
    _, _, _, before, after, outputs = edit
    original = {name: normalised(text) for name, text in texts(example_build).items()}
    changed = {name: normalised(text) for name, text in texts(edited_build).items()}
    for output in outputs:
        assert before in original[output], f"the example's {output} does not show {before!r}"
        assert after in changed[output], f"the edited {output} does not show {after!r}"
    for output, text in changed.items():
        assert before not in text, f"a stale {before!r} is left in the {output}"


def test_templates_type_no_digits() -> None:
    """Numbers and dates are data: the example's templates hold none in their text (only in tags),
    chart blocks' titles, sources and captions included."""
    typed = []
    for path in sorted(TEMPLATES.rglob("*.md.j2")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", "", line)
            if re.search(r"\d", text):
                typed.append(f"{path.relative_to(ROOT)}:{number}: {text.strip()}")
    assert not typed, "\n".join(typed)
