"""A build stays inside its project: symbolic links that leave it, folders outside it, subject names that are paths,
and a cleanup that removes only dossier's own temp files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dossier.errors import ConfigError
from dossier.manifest import remove_stale_temp_files
from dossier.project import load_project
from dossier.safe_paths import subject_name_problem
from dossier.temp_files import temp_path_for
from project_copies import PROJECTS, copy_project, run_dossier


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(PROJECTS / "minimal", tmp_path / "project")


def secret_outside(tmp_path: Path) -> Path:
    secret = tmp_path / "outside" / "secret.yaml"
    secret.parent.mkdir()
    secret.write_text("password: hunter2\n", encoding="utf-8")
    return secret


@pytest.mark.parametrize("link", ["data/demo/secret.yaml", "templates/partials", "schemas/secret.schema.json"])
def test_a_symlink_leaving_the_project_is_refused_naming_the_link(project: Path, tmp_path: Path, link: str) -> None:
    secret = secret_outside(tmp_path)
    (project / link).parent.mkdir(parents=True, exist_ok=True)
    (project / link).symlink_to(secret.parent if link.endswith("partials") else secret)

    result = run_dossier("check", "--project", str(project))

    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"{link}: a symbolic link to {os.path.realpath(secret.parent if link.endswith('partials') else secret)}, "
        "outside the project: not followed; replace it with the file, or set [limits] allow_symlinks_outside = true"]
    assert "hunter2" not in result.stdout + result.stderr


def test_symlinks_inside_the_project_and_declared_ones_are_followed(project: Path, tmp_path: Path) -> None:
    (project / "shared").mkdir()
    (project / "shared" / "extra.yaml").write_text("a: 1\n", encoding="utf-8")
    (project / "data" / "demo" / "extra.yaml").symlink_to(project / "shared" / "extra.yaml")
    load_project(project)  # inside: fine

    (project / "data" / "demo" / "outside.yaml").symlink_to(secret_outside(tmp_path))
    with pytest.raises(ConfigError):
        load_project(project)
    with open(project / "dossier.toml", "a", encoding="utf-8") as config:
        config.write("\n[limits]\nallow_symlinks_outside = true\n")
    assert load_project(project).limits.allow_symlinks_outside


def test_reports_outside_the_project_when_declared(project: Path, tmp_path: Path) -> None:
    shared = tmp_path / "shared-reports"
    text = (project / "dossier.toml").read_text(encoding="utf-8")
    (project / "dossier.toml").write_text(
        text.replace('locale = "en_GB"\n', f'locale = "en_GB"\nreports = "{shared}"\n')
        + '\n[limits]\nallow_outside = ["reports"]\n', encoding="utf-8")
    assert load_project(project).reports_dir == shared


@pytest.mark.parametrize("name, allowed", [
    ("azerbaijan-china", True), ("kz_ru.2024", True), ("азербайджан-китай", True), ("中国", True),
    ("..", False), (".", False), ("../../escape", False), ("/etc", False), ("a/b", False), (".hidden", False),
    ("", False), ("a\\b", False), ("x" * 101, False), ("a b", False),
])
def test_a_subject_is_one_folder_name(name: str, allowed: bool) -> None:
    assert (subject_name_problem(name) is None) == allowed


def test_cleanup_removes_only_dossiers_own_temp_files_of_ended_builds(project: Path, tmp_path: Path) -> None:
    config = project / "dossier.toml"
    shared = tmp_path / "shared"
    config.write_text(config.read_text(encoding="utf-8").replace('locale = "en_GB"\n', f'locale = "en_GB"\nreports = "{shared}"\n')
                      + '\n[limits]\nallow_outside = ["reports"]\n', encoding="utf-8")
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(ended.stdout)
    folder = shared / "demo"
    folder.mkdir(parents=True)
    left_by_killed_build = folder / f".briefing.docx.dossier-{dead_pid}.tmp"
    theirs = [folder / ".notes.txt.swp", folder / ".draft.docx.tmp", folder / f".deck.pptx.{dead_pid}.tmp",
              shared / ".x.tmp", folder / f".briefing.docx.dossier-{dead_pid}.tmp.bak"]
    running = temp_path_for(folder / "deck.pptx")  # this process is alive: a build still writing it
    for path in [left_by_killed_build, running, *theirs]:
        path.write_text("x", encoding="utf-8")

    remove_stale_temp_files(load_project(project))

    assert not left_by_killed_build.exists()
    assert running.exists() and all(path.exists() for path in theirs)
