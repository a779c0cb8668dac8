"""The command-line contract: each problem printed once, cross-checks at their dossier.toml line, exit codes."""

from __future__ import annotations

from pathlib import Path

from project_copies import PROJECTS, copy_project, run_dossier

FAILING_CHECK = '''
[[checks]]
name = "2021 exports equal imports"
kind = "sum"
parts = ["trade[year=2021].exports"]
total = "trade[year=2021].imports"
'''


def project_with_a_failing_check(tmp_path: Path) -> tuple[Path, int]:
    project = copy_project(PROJECTS / "minimal", tmp_path / "project")
    config = project / "dossier.toml"
    text = config.read_text(encoding="utf-8") + FAILING_CHECK
    config.write_text(text, encoding="utf-8")
    return project, text.splitlines().index("[[checks]]") + 1


def test_unknown_subject_is_a_bad_command_line(tmp_path: Path) -> None:
    project = copy_project(PROJECTS / "minimal", tmp_path / "project")
    for command in ("check", "build"):
        result = run_dossier(command, "nosuch", "--project", str(project))
        assert result.returncode == 2
        assert result.stderr.strip().splitlines() == [
            f"dossier {command}: error: unknown subject 'nosuch'; subjects: demo"]
    assert not (project / "reports").exists()


def test_failed_check_is_one_line_at_its_dossier_toml_entry(tmp_path: Path) -> None:
    project, line = project_with_a_failing_check(tmp_path)
    result = run_dossier("check", "--project", str(project))
    assert result.returncode == 0
    assert result.stderr.strip().splitlines() == [
        f"warning: dossier.toml:{line}: check '2021 exports equal imports': trade[year=2021].exports 12 (src-b) = 12, "
        f"but trade[year=2021].imports is 30 (src-b): they differ by -60.0%"]


def test_strict_changes_the_exit_code_not_the_message_count(tmp_path: Path) -> None:
    project, line = project_with_a_failing_check(tmp_path)
    for command in ("check", "build"):
        relaxed = run_dossier(command, "--project", str(project))
        strict = run_dossier(command, "--strict", "--project", str(project))
        assert (relaxed.returncode, strict.returncode) == (0, 1)
        relaxed_lines, strict_lines = relaxed.stderr.strip().splitlines(), strict.stderr.strip().splitlines()
        assert len(strict_lines) == len(relaxed_lines) == 1
        assert strict_lines[0].startswith(f"dossier.toml:{line}: check '2021 exports equal imports': ")
        assert relaxed_lines[0] == "warning: " + strict_lines[0]


def test_strict_build_that_fails_writes_no_report(tmp_path: Path) -> None:
    project, _ = project_with_a_failing_check(tmp_path)
    result = run_dossier("build", "--strict", "--project", str(project))
    assert result.returncode == 1
    assert not list((project / "reports").rglob("*.*")) if (project / "reports").exists() else True


def test_unknown_check_kind_names_its_entry_line(tmp_path: Path) -> None:
    project, line = project_with_a_failing_check(tmp_path)
    config = project / "dossier.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('kind = "sum"', 'kind = "ratio"'), encoding="utf-8")
    result = run_dossier("check", "--project", str(project))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"dossier.toml:{line}: checks[0].kind: unknown check kind 'ratio'; known: sum, share"]
