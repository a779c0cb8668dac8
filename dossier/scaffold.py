"""`dossier new DIR [--from PROJECT]`: start a project that builds at once.

A new project gets the example's templates (with its theme) and schemas, a dossier.toml, and one
made-up subject (`data/fictional-example/`, every file a bilateral briefing reads, clearly marked
as fictional). `--from PROJECT` copies that project's dossier.toml, templates and schemas instead,
without its data, its subject list or its cross-checks (they name its data).
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import yaml

from dossier.errors import ConfigError, invalid_toml
from dossier.synthetic import starter_subject
from dossier.toml_statements import without

PACKAGE = Path(__file__).resolve().parent
#: The example's templates and schemas: the source checkout's (an editable install), else the copy a wheel ships.
EXAMPLE = PACKAGE.parent if (PACKAGE.parent / "templates" / "briefing.md.j2").is_file() else PACKAGE / "example"
STARTER = "fictional-example"

NEW_CONFIG = """\
# A dossier project: `dossier build` writes reports/<subject>/briefing.docx and deck.pptx.
[project]
title = "Bilateral relations (made-up example)"
locale = "en_GB"

[outputs.briefing]
template = "briefing.md.j2"
format = "docx"

[outputs.deck]
template = "deck.md.j2"
format = "pptx"
"""


def new_project(target: Path, source: Path | None = None) -> list[str]:
    """Create a project in `target` (missing or empty); return what was written, for the user."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ConfigError(f"{target} is not an empty folder; dossier new never overwrites: choose a new folder")
    origin = source if source is not None else EXAMPLE
    for part in ("templates", "schemas"):
        if not (origin / part).is_dir():
            raise ConfigError(f"{origin} has no {part}/ folder to copy", file=str(origin))
    if source is not None:  # read before anything is made: a dossier.toml that cannot be copied leaves no half project
        config = (source / "dossier.toml").read_text(encoding="utf-8") if (source / "dossier.toml").is_file() \
            else NEW_CONFIG
        config = without_data_settings(config, source)
    target.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for part in ("templates", "schemas"):
        shutil.copytree(origin / part, target / part, ignore=ignore)
    (target / "data").mkdir()
    if source is None:
        (target / "dossier.toml").write_text(NEW_CONFIG, encoding="utf-8")
        folder = target / "data" / STARTER
        folder.mkdir()
        for name, content in starter_subject().items():
            text = content if isinstance(content, str) else yaml.safe_dump(content, allow_unicode=True, sort_keys=False)
            (folder / name).write_text(text, encoding="utf-8")
        return ["dossier.toml", "templates/", "schemas/", f"data/{STARTER}/"]
    (target / "dossier.toml").write_text(config, encoding="utf-8")
    return ["dossier.toml", "templates/", "schemas/", "data/ (empty: add data/<subject>/)"]


def without_data_settings(config: str, source: Path | None = None) -> str:
    """Return a dossier.toml without its subject list and [[checks]] tables, which name the old project's
    data; every other setting and comment stays where it was."""
    try:
        return without(config, drop_table=lambda table: table[:1] == ("checks",),
                       drop_key=lambda key: key == ("project", "subjects"))
    except tomllib.TOMLDecodeError as exc:
        raise invalid_toml(exc, str(source / "dossier.toml") if source else "dossier.toml",
                           ": fix it before copying") from None
    except ValueError as exc:
        raise ConfigError(f"cannot copy it without its subjects and checks: {exc}; copy it by hand",
                          file=str(source / "dossier.toml") if source else "dossier.toml") from None
