"""Where a build's time goes, per subject, once a process is warm.

    python benchmarks/build_phases.py [--subjects 4]

Makes synthetic subjects (benchmarks/make_subjects.py), builds the first one to warm the
process up (imports, fonts, LibreOffice's start), then builds the others with --jobs 1 in
this process, timing each step by wrapping the function that does it, and prints the
milliseconds per subject (briefing + deck) of each step and of the whole. The timeline chart
has the same events in every synthetic subject, so it is drawn once and then comes from the
cache; the other charts are drawn for every subject.
"""

from __future__ import annotations

import argparse
import collections
import functools
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_subjects import make_project  # noqa: E402

import dossier.build as build_module  # noqa: E402
import dossier.charts.render  # noqa: E402
import dossier.jobs as jobs_module  # noqa: E402
import dossier.markdown_reader as markdown_reader  # noqa: E402
import dossier.templating as templating  # noqa: E402
import dossier.validate as validate  # noqa: E402
import dossier.writers.docx.fields as docx_fields  # noqa: E402
import dossier.writers.docx.writer as docx_writer  # noqa: E402
import dossier.writers.pptx.writer as pptx_writer  # noqa: E402

spent: dict[str, float] = collections.defaultdict(float)


def timed(owner, name: str, label: str) -> None:
    """Replace ``owner.name`` by a wrapper that adds its time to ``spent[label]``."""
    original = getattr(owner, name)

    @functools.wraps(original)
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[label] += time.perf_counter() - started

    setattr(owner, name, wrapper)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--subjects", type=int, default=4)
    args = parser.parse_args()
    project = Path(tempfile.mkdtemp(prefix="dossier-phases-")) / "project"
    subjects = make_project(project, max(args.subjects, 2))

    timed(validate, "load_subject", "data: load and validate")
    timed(templating, "render_template", "templates: Jinja")
    timed(markdown_reader, "read_markdown", "Markdown to document model")
    timed(dossier.charts.render, "render_chart_png", "charts: draw and write PNG")
    timed(docx_fields, "layout_pages", "briefing: LibreOffice layout (the build's thread waits, not the job)")
    timed(docx_fields, "fill_page_fields", "briefing: fill in page numbers")
    timed(docx_writer.DocxWriter, "write", "briefing: Word writer (its charts and fonts included)")
    timed(pptx_writer.PptxWriter, "write", "deck: PowerPoint writer (its charts included)")
    timed(jobs_module.gc, "collect", "garbage collection")
    timed(jobs_module, "input_hashes", "manifest: input hashes")
    timed(docx_writer, "embed_fonts", "briefing: embed fonts")

    build_module.build(project, subjects[:1], jobs=1, force=True)
    spent.clear()
    started = time.perf_counter()
    result = build_module.build(project, subjects[1:], jobs=1, force=True)
    total = time.perf_counter() - started
    if result.failed:
        raise SystemExit("\n".join(r.error or "" for r in result.failed))
    count = len(subjects) - 1
    print(f"{total / count * 1000:8.0f} ms per subject (briefing + deck), {count} subjects, one warm process")
    for label, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"{seconds / count * 1000:8.0f} ms  {label}")


if __name__ == "__main__":
    main()
