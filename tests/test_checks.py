"""Cross-checks: figures that should agree are compared, and a disagreement names both figures and sources."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dossier.checks import run_checks
from dossier.errors import ConfigError
from project_copies import EXAMPLE_PARTS, ROOT, run_dossier

CONTEXT = {
    "trade": [
        {"year": 2020, "exports": 432.7, "imports": 1400.0, "turnover": 1800.0, "side": "AZ", "source": "az-2020"},
        {"year": 2023, "exports": None, "imports": None, "turnover": 3100.0, "side": "AZ", "source": "trend"},
        {"year": 2017, "exports": 577.0, "imports": 387.0, "turnover": 1300.0, "side": "CN", "source": "cn-2017"},
    ],
    "figures": [{"id": "total-imports", "value": 17.2, "source": "trend-total"},
                {"id": "share", "value": 15.4, "source": "article"}],
}


def test_row_sums_flag_only_rows_that_disagree() -> None:
    check = {"name": "parts", "kind": "sum", "data": "trade", "parts": ["exports", "imports"], "total": "turnover"}
    (warning,) = run_checks([check], CONTEXT, lines=[12])
    assert warning == ("dossier.toml:12: check 'parts': trade[year=2017, side=CN].exports 577 (cn-2017) + "
                       "trade[year=2017, side=CN].imports 387 (cn-2017) = 964, but "
                       "trade[year=2017, side=CN].turnover is 1,300 (cn-2017): they differ by -25.8%")


def test_share_names_both_figures_and_their_sources() -> None:
    check = {"name": "share", "kind": "share", "part": "trade[year=2020].imports",
             "whole": "figures[id=total-imports].value * 1000", "percent": "figures[id=share].value"}
    (warning,) = run_checks([check], CONTEXT)
    assert "states 15.4% (article)" in warning and "1,400 (az-2020)" in warning
    assert "17,200 (trend-total)" in warning and "is 8.1%" in warning


def test_agreeing_figures_give_no_warning() -> None:
    check = {"kind": "sum", "parts": ["trade[year=2020].exports", "trade[year=2020].imports"],
             "total": "trade[year=2020].turnover", "tolerance": 0.05}
    assert run_checks([check], CONTEXT) == []


@pytest.mark.parametrize("check,message", [
    ({"kind": "ratio"}, "unknown check kind 'ratio'"),
    ({"kind": "sum", "parts": ["trade[year=1999].exports"], "total": "trade[year=2020].turnover"},
     "matches 0 rows"),
    ({"kind": "sum", "parts": ["trade[side=AZ].exports"], "total": "trade[year=2020].turnover"}, "matches 2 rows"),
    ({"kind": "sum", "parts": ["trade[year=2023].exports"], "total": "trade[year=2020].turnover"}, "is None"),
])
def test_bad_checks_are_config_errors(check: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        run_checks([check], CONTEXT)


def test_example_build_warns_about_the_articles_2023_figures(tmp_path: Path) -> None:
    for part in EXAMPLE_PARTS:
        (shutil.copytree if (ROOT / part).is_dir() else shutil.copy)(ROOT / part, tmp_path / part)
    result = run_dossier("check", "--project", str(tmp_path))
    assert result.returncode == 0
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: dossier.toml:")]
    assert len(warnings) == 2
    assert "63.5 (article-2024)" in warnings[0] and "3,100 (trend-3920004)" in warnings[0]
    assert "15.4% (article-2024)" in warnings[1]
    config = (tmp_path / "dossier.toml").read_text(encoding="utf-8").splitlines()
    for warning in warnings:  # each at the line of its [[checks]] entry
        assert config[int(warning.split(":")[2]) - 1] == "[[checks]]"
    strict = run_dossier("check", "--strict", "--project", str(tmp_path))
    assert strict.returncode == 1 and "63.5 (article-2024)" in strict.stderr
