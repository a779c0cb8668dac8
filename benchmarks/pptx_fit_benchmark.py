"""Measure what fitting text costs the deck writer, per slide, on the stress deck.

    python benchmarks/pptx_fit_benchmark.py [--runs 7]

The stress project (tests/projects/stress: 60 events as a chart and a list, a 40-row table,
12 long sentences, a 900-character quote, three scripts, editable charts) is rendered and
parsed once, its charts drawn once (in the first write, for their boxes); then, each run in this process:

- **plan, cold**: grouping, content units and the layout plan (measuring, fitting, splitting)
  of every slide, with the measurement caches emptied first (font files stay open);
- **plan, warm**: the same with the caches as the previous run left them (a second deck in
  the same worker process);
- **write**: ``PptxWriter.write`` of the whole deck (template, plan, shapes, charts, notes, save).

Prints the median of --runs runs (at least 5) in milliseconds per physical slide, and in
total; the first run of each measurement is a warm-up and not counted.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dossier.chart_drawing import complete_charts
from dossier.jobs import load_subject_once
from dossier.project import load_project

STRESS = ROOT / "tests" / "projects" / "stress"


def stress_document(folder: Path):
    """Return the stress deck's document model, charts completed (drawn when placed), from a copy of the project in ``folder``."""
    from dossier.chart_blocks import resolve_chart
    from dossier.markdown_reader import read_markdown
    from dossier.templating import make_environment, render_template

    project_dir = folder / "stress"
    shutil.copytree(STRESS, project_dir)
    project = load_project(project_dir)
    context, _ = load_subject_once(project, "stress")
    env = make_environment(project.templates_dir, "templates", project.locale)
    sources = {str(s.get("id")): s for s in context.get("sources", [])}
    rendered = render_template(env, "deck.md.j2", context, sources, "templates")
    document = read_markdown(rendered.markdown, "deck.md", lambda text, loc: resolve_chart(text, loc, context))
    return complete_charts(document)


def plan_deck(document) -> int:
    """Plan every slide of the document on the built-in template; return the number of physical slides."""
    from dossier.writers.pptx.boxes import Sizes
    from dossier.writers.pptx.fonts import use_fonts
    from dossier.writers.pptx.layout import plan
    from dossier.writers.pptx.slides import group_slides
    from dossier.writers.pptx.template import Template
    from dossier.writers.pptx.units import content_units
    from dossier.writers.pptx.writer import _Deck

    template = Template(None)
    slides = 1  # the title slide
    with use_fonts(template.fonts):
        deck = _Deck(template, document, Sizes())
        for ls in group_slides(document.blocks):
            if ls.kind == "section":
                slides += 1
                continue
            units = content_units(ls.blocks)
            info = template.named(ls.layout, ls.loc) if ls.layout else template.for_role(deck._role(ls, units))
            slides += len(plan(units, info.area, Sizes(), sources=ls.is_sources, columns=info.columns))
    return slides + (1 if document.meta.get("closing") else 0)


def clear_caches() -> None:
    from dossier.writers.pptx import wrap as pptx_wrap

    pptx_wrap._flatten_with.cache_clear()
    pptx_wrap._line_count.cache_clear()


def median_ms(action, runs: int, before=None) -> float:
    times = []
    for _ in range(runs + 1):
        if before:
            before()
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times[1:])


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return f"{os.cpu_count()} cores, {cpu}; Python {platform.python_version()}; {platform.system()}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = max(5, parser.parse_args().runs)
    from dossier.chart_drawing import ChartDrawer
    from dossier.writers.pptx.writer import PptxWriter

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        document = stress_document(folder)
        slides = plan_deck(document)
        cold = median_ms(lambda: plan_deck(document), runs, before=clear_caches)
        warm = median_ms(lambda: plan_deck(document), runs)
        writer = PptxWriter(draw_chart=ChartDrawer(folder / "charts"))  # charts drawn once (the first run), then cached
        write = median_ms(lambda: writer.write(document, folder / "deck.pptx"), runs, before=clear_caches)
    print(f"machine: {machine()}")
    print(f"stress deck: {slides} slides; median of {runs} runs")
    print(f"{'step':<14}{'ms total':>10}{'ms/slide':>10}")
    for name, ms in (("plan, cold", cold), ("plan, warm", warm), ("write", write)):
        print(f"{name:<14}{ms:>10.0f}{ms / slides:>10.1f}")


if __name__ == "__main__":
    main()
