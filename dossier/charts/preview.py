"""Render the sample charts for looking at them: page and slide drawing of each.

    python -m dossier.charts.preview [OUTDIR]     (default /tmp/charts-preview)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from dossier.charts.describe import describe_chart
from dossier.charts.render import render_chart_png
from dossier.charts.samples import ALL, sample_profiles


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0]) if argv else Path("/tmp/charts-preview")
    out.mkdir(parents=True, exist_ok=True)
    for name, spec in ALL.items():
        for profile in sample_profiles(name):
            start = time.perf_counter()
            target = out / f"{name}-{profile}.png"
            render_chart_png(spec, profile, target)
            print(f"{target}  {time.perf_counter() - start:.2f}s")
        print(f"  alt: {describe_chart(spec)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
