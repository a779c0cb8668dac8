"""An organisation's Office templates work under their own extension: templates/theme/reference.dotx and
reference.potx are taken when no reference.docx / reference.pptx is there (issue 19)."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

from docx import Document as open_docx
from pptx import Presentation as open_pptx

from tests.project_copies import copy_example, run_dossier

THEMES = Path(__file__).parent


def test_dotx_and_potx_named_as_templates_are_the_theme(tmp_path: Path) -> None:
    (tmp_path / "example").mkdir()
    project = copy_example(tmp_path / "example", outputs=("briefing", "deck"))
    theme = project / "templates" / "theme"
    (theme / "reference.docx").unlink()
    (theme / "reference.pptx").unlink()
    shutil.copy(THEMES / "word" / "gongwen-template.dotx", theme / "reference.dotx")
    shutil.copy(THEMES / "sol-eng-template.potx", theme / "reference.potx")

    result = run_dossier("build", "--project", str(project), env={"DOSSIER_REFRESH_FIELDS": "0"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "reference.dotx" in result.stderr  # the supplied-styles warning names the file it used

    reports = project / "reports" / "azerbaijan-china"
    deck = open_pptx(str(reports / "deck.pptx"))
    with zipfile.ZipFile(theme / "reference.potx") as potx:  # python-pptx opens no template: read its parts
        size = re.search(r'<p:sldSz cx="(\d+)" cy="(\d+)"', potx.read("ppt/presentation.xml").decode())
        layouts = {re.search(r'<p:cSld name="([^"]*)"', potx.read(name).decode()).group(1)
                   for name in potx.namelist() if re.fullmatch(r"ppt/slideLayouts/slideLayout\d+\.xml", name)}
    assert (deck.slide_width, deck.slide_height) == (int(size.group(1)), int(size.group(2)))
    assert {layout.name for layout in deck.slide_layouts} == layouts
    with zipfile.ZipFile(theme / "reference.dotx") as dotx:
        dotx_styles = set(re.findall(r'<w:style [^>]*w:styleId="([^"]+)"', dotx.read("word/styles.xml").decode()))
    briefing_styles = {s.style_id for s in open_docx(str(reports / "briefing.docx")).styles}
    assert dotx_styles <= briefing_styles

    manifest = json.loads((project / "build" / "manifest.json").read_text(encoding="utf-8"))
    inputs = {path for output in manifest.get("outputs", manifest).values() if isinstance(output, dict)
              for path in output.get("inputs", {})}
    assert {"templates/theme/reference.dotx", "templates/theme/reference.potx"} <= inputs  # a change rebuilds
