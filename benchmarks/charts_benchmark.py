"""Measure the charts: import cost, and milliseconds per chart per kind per profile.

    python benchmarks/charts_benchmark.py [--runs 7] [--imports 7]

Import cost is the median over fresh Python processes (each times its own import with
``time.perf_counter``, so interpreter start-up is not counted), after one warm-up process
(bytecode and matplotlib's font cache written). It compares:

- ``import dossier.charts``: the package alone (matplotlib is imported lazily);
- ``from dossier.charts import render_chart_png``: everything a drawing needs;
- ``import matplotlib.pyplot``: what a pyplot-based module would pay;
- first chart: the second line plus drawing one bar chart and writing its PNG
  (fonts opened and read for the first time).

Per chart: the median over ``--runs`` runs of ``draw_chart`` (the Figure, laid out) and
of ``render_chart_png`` (drawn and written as a PNG) for every sample in
``dossier.charts.samples`` (the example project's kinds of data), in both profiles, in
this process, after one warm-up run each. Prints Markdown tables and the machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

IMPORTS = {
    "import dossier.charts": "import dossier.charts",
    "from dossier.charts import render_chart_png": "from dossier.charts import render_chart_png",
    "import matplotlib.pyplot": "import matplotlib.pyplot",
    "first chart (import + draw + PNG)": (
        "from dossier.charts import render_chart_png, samples\n"
        "render_chart_png(samples.TURNOVER, 'page', __import__('pathlib').Path(OUT) / 'first.png')"
    ),
}


def time_import(code: str, runs: int, out: str) -> float:
    """Return the median seconds ``code`` takes in a fresh process (``runs`` processes after one warm-up)."""
    program = (
        "import time\n"
        f"OUT = {out!r}\n"
        "start = time.perf_counter()\n"
        f"{code}\n"
        "print(time.perf_counter() - start)\n"
    )
    times = []
    for i in range(runs + 1):
        result = subprocess.run([sys.executable, "-c", program], cwd=REPO, capture_output=True, text=True, check=True)
        if i:  # the first process is a warm-up
            times.append(float(result.stdout.strip().splitlines()[-1]))
    return statistics.median(times)


def time_charts(runs: int) -> list[tuple[str, str, str, float, float]]:
    """Return (sample, kind, profile, median ms to draw, median ms to draw and write the PNG) per chart."""
    from dossier.charts import draw_chart, render_chart_png, samples

    rows = []
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "chart.png"
        for name, spec in samples.ALL.items():
            for profile in samples.sample_profiles(name):
                render_chart_png(spec, profile, target)  # warm-up
                draw, render = [], []
                for _ in range(runs):
                    start = time.perf_counter()
                    draw_chart(spec, profile)
                    draw.append(time.perf_counter() - start)
                    start = time.perf_counter()
                    render_chart_png(spec, profile, target)
                    render.append(time.perf_counter() - start)
                rows.append((name, spec.kind, profile, statistics.median(draw) * 1000, statistics.median(render) * 1000))
    return rows


def machine() -> str:
    """Return one line naming the machine: cores, CPU model, Python and matplotlib versions."""
    import matplotlib

    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor() or model
    return (f"nproc {os.cpu_count()}, {model}, Python {platform.python_version()}, "
            f"matplotlib {matplotlib.__version__}, {platform.system()} {platform.machine()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per chart (median; at least 5)")
    parser.add_argument("--imports", type=int, default=7, help="fresh processes per import (median; at least 5)")
    args = parser.parse_args(argv)
    runs, imports = max(args.runs, 5), max(args.imports, 5)

    print(f"Machine: {machine()}\n")
    print(f"Import cost, median of {imports} fresh processes:\n")
    print("| what | ms |")
    print("|---|---:|")
    with tempfile.TemporaryDirectory() as out:
        for label, code in IMPORTS.items():
            print(f"| `{label}` | {time_import(code, imports, out) * 1000:.0f} |", flush=True)

    rows = time_charts(runs)
    print(f"\nPer chart, median of {runs} runs (draw = `draw_chart`; PNG = `render_chart_png`, drawing included):\n")
    print("| sample | kind | page draw | page PNG | slide draw | slide PNG |")
    print("|---|---|---:|---:|---:|---:|")
    by_name: dict[str, dict[str, tuple[float, float]]] = {}
    kinds = {}
    for name, kind, profile, draw, render in rows:
        by_name.setdefault(name, {})[profile] = (draw, render)
        kinds[name] = kind
    for name, profiles in by_name.items():
        page, slide = profiles["page"], profiles["slide"]
        print(f"| {name} | {kinds[name]} | {page[0]:.0f} | {page[1]:.0f} | {slide[0]:.0f} | {slide[1]:.0f} |")
    total = sum(r[4] for r in rows)
    print(f"\nAll {len(rows)} PNGs: {total:.0f} ms in one process.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
