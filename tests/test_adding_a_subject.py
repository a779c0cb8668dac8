"""The README's "Adding a subject", followed literally for a made-up subject, builds both files."""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document as open_docx
from pptx import Presentation as open_pptx

from project_copies import ROOT, copy_example, run_dossier


def readme_files() -> dict[str, str]:
    """Return the files the README's "Adding a subject" writes: {path in the project: text}."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Adding a subject"):readme.index("## Reference")]
    blocks = re.findall(r"```yaml\n(.*?)```", section.replace("\n   ", "\n"), re.S)
    files = {}
    for block in blocks:
        first, _, rest = block.partition("\n")
        files[first.removeprefix("# ").strip()] = rest
    return files


def test_the_readme_recipe_builds_a_made_up_subject(tmp_path: Path) -> None:
    project = copy_example(tmp_path, outputs=("briefing", "deck"))
    files = readme_files()
    assert set(files) == {"data/valdoria-ostrava/report.yaml", "data/valdoria-ostrava/sources.yaml"}
    for name, text in files.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")
    config = project / "dossier.toml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        'subjects = ["azerbaijan-china"]', 'subjects = ["azerbaijan-china", "valdoria-ostrava"]', 1), encoding="utf-8")
    checked = run_dossier("check", "--project", str(project), "valdoria-ostrava")
    assert checked.returncode == 0, checked.stderr
    built = run_dossier("build", "--project", str(project), "valdoria-ostrava", env={"DOSSIER_REFRESH_FIELDS": "0"})
    assert built.returncode == 0, built.stderr
    reports = project / "reports" / "valdoria-ostrava"
    doc = open_docx(reports / "briefing.docx")
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Summary", "Outlook: what to watch", "Sources"] or headings == ["Summary", "Sources"]
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Valdoria" in text and "Ostrava Minor" in text and "None" not in text
    assert open_pptx(str(reports / "deck.pptx")).slides
