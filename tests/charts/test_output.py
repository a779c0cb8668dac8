"""PNG output: byte-identical across runs (processes), the profile's pixel size, no pyplot, no global state;
and every sample of every kind fits inside its figure."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import matplotlib
import pytest
from chart_checks import assert_inside, bar_spec, figure_texts, sample_figure
from PIL import Image

from dossier.charts import KINDS, PROFILES, draw_chart, render_chart_png, samples

REPO = Path(__file__).resolve().parents[2]
BOTH = pytest.mark.parametrize("profile", ["page", "slide"])

RENDER_ALL = """
import sys
from pathlib import Path
from dossier.charts import render_chart_png, samples
out = Path(sys.argv[1])
for name, profile in samples.DRAWINGS:
    render_chart_png(samples.ALL[name], profile, out / f"{name}-{profile}.png")
print("pyplot" if "matplotlib.pyplot" in sys.modules else "no pyplot")
"""


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory) -> tuple[Path, Path, str]:
    """Render every sample in both profiles here and, at the same time, in a fresh Python process."""
    here, there = tmp_path_factory.mktemp("here"), tmp_path_factory.mktemp("there")
    child = subprocess.Popen([sys.executable, "-c", RENDER_ALL, str(there)], cwd=REPO,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for name, profile in samples.DRAWINGS:
        render_chart_png(samples.ALL[name], profile, here / f"{name}-{profile}.png")
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    return here, there, out.strip()


def test_samples_cover_every_kind():
    assert {spec.kind for spec in samples.ALL.values()} == set(KINDS)


@pytest.mark.parametrize("name, profile", samples.DRAWINGS)
def test_png_is_byte_identical_across_runs(two_runs, name, profile):
    here, there, _ = two_runs
    data = (here / f"{name}-{profile}.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data == (there / f"{name}-{profile}.png").read_bytes()
    assert b"Software" not in data and b"matplotlib" not in data.lower()


def test_png_is_byte_identical_within_a_run(tmp_path):
    spec = samples.EXPORTS_IMPORTS
    render_chart_png(spec, "slide", tmp_path / "a.png")
    render_chart_png(spec, "slide", tmp_path / "b.png")
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()


def test_pyplot_is_never_imported(two_runs):
    assert two_runs[2] == "no pyplot"
    for path in (REPO / "dossier" / "charts").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import matplotlib.pyplot" not in text and "from matplotlib import pyplot" not in text, path


@BOTH
def test_png_pixel_size(two_runs, profile):
    here, _, _ = two_runs
    with Image.open(here / f"turnover_bar-{profile}.png") as img:
        assert img.size == PROFILES[profile].size_px  # 1259 × 629 on a page, 1725 × 750 on a slide


def test_parent_folders_are_made(tmp_path):
    target = tmp_path / "sub" / "dir" / "chart.png"
    render_chart_png(bar_spec(), "slide", target)
    assert target.is_file()


def test_global_rcparams_untouched():
    before = dict(matplotlib.rcParams)
    draw_chart(samples.PARTNERS, "slide")
    assert dict(matplotlib.rcParams) == before


@pytest.mark.parametrize("name, profile", samples.DRAWINGS)
def test_samples_fit_inside_the_figure(name, profile):
    spec = samples.ALL[name]
    fig = sample_figure(name, profile)
    assert_inside(fig)
    assert spec.title not in figure_texts(fig)
    assert any(t.startswith("Source: " + spec.source) for t in figure_texts(fig))
