"""Measure build speed, CPU and memory against a plain script doing the same work, in one run.

    python benchmarks/build_benchmark.py [--runs 5] [--subjects 50] [--skip-memory] [--only example]
                                         [--baseline CHECKOUT] [--timeline]

Every figure is taken in this one run, each dossier build beside the plain script
(`benchmarks/plain_build.py`: python-docx, python-pptx and pyplot called directly), so the ratios
compare like with like on whatever the machine is doing. Each build runs in a fresh process, so
import costs count. Printed:

- the example, cold (no build/ folder, so every chart is drawn): `--jobs 1`, default jobs (with
  the page numbers LibreOffice lays out), and the plain script; medians of --runs; the no-op
  rebuild after a cold one;
- N synthetic subjects (`make_subjects.py`), cold: `--jobs 1`, `--jobs 2`, `--jobs 2` with
  `[charts] native = true`, and the plain script making the same files in one process and split
  over two; wall time and CPU time per report (a report is one subject's briefing and deck);
- the peak memory (max RSS) of each worker for 2, 10 and N subjects, each a fresh project;
- the targets of issue 16, each as a ratio from this run, met or not.

``--only example`` measures the example alone (no synthetic subjects, no memory). ``--baseline
CHECKOUT`` also builds the example cold with another checkout's dossier (e.g. the main branch),
interleaved run by run with this one's, so that a change is measured before/after in one run on
a shared machine. ``--timeline`` prints the timeline of one cold default-jobs build of the
example (`cold_timeline.py`) and stops.

CPU time is the whole machine's busy time while the command ran (/proc/stat), so LibreOffice and
every worker count, whatever reaps them: run on an otherwise quiet machine. The CPU time of the
command's own process tree (as `wait4` reports it) is printed beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from make_subjects import make_project  # noqa: E402

PYTHON = sys.executable
PLAIN = [PYTHON, str(ROOT / "benchmarks" / "plain_build.py")]
DOSSIER = [PYTHON, "-m", "dossier", "build", "-q"]
PEAK_MEMORY = (
    "import json, sys; from dossier.build import build; r = build(sys.argv[1], jobs=int(sys.argv[2]), force=True); "
    "peaks = {}; [peaks.__setitem__(x.pid, max(peaks.get(x.pid, 0), x.peak_memory_mb)) for x in r.results]; "
    "print(json.dumps({'failed': len(r.failed), 'peaks': sorted(peaks.values())}))"
)
TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # busy CPU-seconds of the whole machine meanwhile
    tree_cpu: float  # CPU-seconds of the process and the descendants it waited for


def machine_busy() -> float:
    """The machine's busy CPU-seconds since boot (every core)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
    return (user + nice + system + irq + softirq + steal) / TICKS


def measured(*commands: list[str], env: dict[str, str] | None = None, checkout: Path = ROOT) -> Run:
    """Run the commands at once (each in a fresh process, with ``checkout``'s dossier) and wait for all; their wall
    and CPU time. (``python -m`` puts the working folder first on sys.path, before PYTHONPATH: it is the checkout.)"""
    busy, started = machine_busy(), time.perf_counter()
    env = {**os.environ, **(env or {}), "PYTHONPATH": str(checkout)}
    processes = [subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=checkout)
                 for c in commands]
    tree = 0.0
    for process in processes:
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            raise SystemExit(f"failed: {' '.join(process.args)}\n{process.stderr.read().decode()}")
        tree += usage.ru_utime + usage.ru_stime
    return Run(time.perf_counter() - started, machine_busy() - busy, tree)


def example_copy(folder: Path) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for part in ("dossier.toml", "data", "templates", "schemas", "queries"):
        if (ROOT / part).exists():
            (shutil.copytree if (ROOT / part).is_dir() else shutil.copy)(ROOT / part, folder / part)
    return folder


def clean(project: Path) -> Path:
    """The project as before its first build (no charts drawn, no reports)."""
    shutil.rmtree(project / "build", ignore_errors=True)
    shutil.rmtree(project / "reports", ignore_errors=True)
    return project


def with_native_charts(project: Path) -> Path:
    config = project / "dossier.toml"
    text = config.read_text(encoding="utf-8")
    if "[charts]" in text:
        text = text.replace("[charts]", "[charts]\nnative = true", 1)
    else:
        text += "\n[charts]\nnative = true\n"
    config.write_text(text, encoding="utf-8")
    return project


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return (f"{os.cpu_count()} cores, {cpu}; Python {platform.python_version()}; {platform.system()}; "
            f"load average before: {os.getloadavg()[0]:.2f}")


def medians(runs: list[Run]) -> Run:
    return Run(*(statistics.median(getattr(r, f) for r in runs) for f in ("wall", "cpu", "tree_cpu")))


def line(label: str, run: Run, reports: int = 0) -> None:
    per = f"; per report {run.wall / reports:5.2f} s wall, {run.cpu / reports:5.2f} CPU-s" if reports else ""
    print(f"{label:46s} {run.wall:7.2f} s wall, {run.cpu:7.2f} CPU-s (own tree {run.tree_cpu:6.2f}){per}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--subjects", type=int, default=50)
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--only", choices=["example"], help="measure the example alone")
    parser.add_argument("--baseline", type=Path, metavar="CHECKOUT",
                        help="also build the example cold with this checkout's dossier, interleaved")
    parser.add_argument("--timeline", action="store_true", help="print a cold example build's timeline and stop")
    args = parser.parse_args()
    if args.timeline:
        subprocess.run([PYTHON, str(ROOT / "benchmarks" / "cold_timeline.py")], check=True)
        return
    if args.only == "example":
        args.subjects = 0
    work = Path(tempfile.mkdtemp(prefix="dossier-bench-"))
    print(f"machine: {machine()}")
    targets: list[tuple[str, float, str, bool]] = []

    # The example, cold, each variant beside the plain script, interleaved run by run.
    cold1, cold, plain, noop, base = [], [], [], [], []
    example = example_copy(work / "example")
    measured(DOSSIER + ["--project", str(example)])  # warm the page cache and the prepared LibreOffice profile
    for _ in range(args.runs):
        cold1.append(measured(DOSSIER + ["--jobs", "1", "--project", str(clean(example))]))
        cold.append(measured(DOSSIER + ["--project", str(clean(example))]))
        if args.baseline:
            base.append(measured(DOSSIER + ["--project", str(clean(example))], checkout=args.baseline.resolve()))
        noop.append(measured(DOSSIER + ["--project", str(example)]))
        plain.append(measured(PLAIN + [str(example), str(work / "plain")]))
    cold1, cold, plain, noop = map(medians, (cold1, cold, plain, noop))
    print(f"\nthe example, cold, medians of {args.runs}:")
    line("dossier --jobs 1", cold1)
    line(f"dossier, default jobs ({os.cpu_count()}), page numbers", cold)
    if base:
        base = medians(base)
        line(f"baseline {args.baseline}, default jobs", base)
    line("plain python-docx/pptx/pyplot script", plain)
    line("no-op rebuild", noop)
    targets.append(("cold example, default jobs, wall / plain", cold.wall / plain.wall, "<= 1.0", cold.wall <= plain.wall))
    if base:
        print(f"this checkout / baseline, cold example: wall {cold.wall / base.wall:.2f}, "
              f"machine CPU {cold.cpu / base.cpu:.2f}, own tree CPU {cold.tree_cpu / base.tree_cpu:.2f}; "
              f"baseline wall / plain {base.wall / plain.wall:.2f}")
    targets.append(("no-op / cold build, wall", noop.wall / cold.wall, "<= 0.05", noop.wall <= 0.05 * cold.wall))

    if args.subjects:
        count = args.subjects
        many = work / "many"
        make_project(many, count)
        one = measured(DOSSIER + ["--jobs", "1", "--project", str(clean(many))])
        two = measured(DOSSIER + ["--jobs", "2", "--project", str(clean(many))])
        subjects = sorted(p.name for p in (many / "data").iterdir() if p.is_dir())[:count]
        script = PLAIN + [str(many), str(work / "plain-many")]
        plain_one = measured(script + subjects)
        plain_two = measured(script + subjects[0::2], script + subjects[1::2])
        native = work / "native"
        make_project(native, count)
        with_native_charts(native)
        two_native = measured(DOSSIER + ["--jobs", "2", "--project", str(native)])
        print(f"\n{count} synthetic subjects, cold, one run each:")
        line("dossier --jobs 1", one, count)
        line("dossier --jobs 2", two, count)
        line("dossier --jobs 2, [charts] native = true", two_native, count)
        line("plain script, one process", plain_one, count)
        line("plain script, two processes", plain_two, count)
        targets.append((f"CPU per report, {count} subjects, 2 workers / plain", two.cpu / plain_one.cpu, "<= 1.0",
                        two.cpu <= plain_one.cpu))
        targets.append((f"native charts: CPU per report / plain", two_native.cpu / plain_one.cpu, "<= 0.3",
                        two_native.cpu <= 0.3 * plain_one.cpu))
        targets.append((f"native charts: wall per report (2 workers) / plain (2 processes)",
                        two_native.wall / plain_two.wall, "<= 0.3", two_native.wall <= 0.3 * plain_two.wall))
        targets.append(("speed-up --jobs 2 over --jobs 1", one.wall / two.wall, ">= 1.8", one.wall / two.wall >= 1.8))

        if not args.skip_memory:
            print()
            worst: list[float] = []
            for n in sorted({2, min(10, count), count}):
                small = work / f"mem{n}"
                make_project(small, n)
                out = subprocess.run([PYTHON, "-c", PEAK_MEMORY, str(small), "2"], capture_output=True, text=True,
                                     check=True, cwd=ROOT).stdout
                peaks = json.loads(out.strip().splitlines()[-1])["peaks"]
                worst.append(max(peaks))
                print(f"peak memory per worker, {n:3d} subjects: {', '.join(f'{p:.0f}' for p in peaks)} MB")
            targets.append(("peak memory per worker, MB (largest)", max(worst), "<= 150, flat",
                            max(worst) <= 150 and worst[-1] - worst[0] <= 15))

    print("\ntargets (issue 16), from this run:")
    for label, value, target, met in targets:
        print(f"  {label:62s} {value:7.2f}  target {target:12s} {'met' if met else 'NOT MET'}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
