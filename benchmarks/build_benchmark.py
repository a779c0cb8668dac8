"""Measure build speed and memory, against a plain script doing the same work, in one run.

    python benchmarks/build_benchmark.py [--runs 5] [--subjects 50]

Prints medians (of --runs runs) of: a cold build of the example (no build/ folder, charts not
cached) with dossier and with benchmarks/plain_build.py; a no-op rebuild; N synthetic subjects
with --jobs 1 and --jobs 2 (one run each: they take minutes), and the plain script making the
same N subjects' files in one process and split over two; the peak memory of each worker.
Each measured build runs in a fresh process, so import costs count.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from make_subjects import make_project  # noqa: E402

PYTHON = sys.executable
PEAK_MEMORY = (
    "import json, sys; from dossier.build import build; r = build(sys.argv[1], jobs=int(sys.argv[2]), force=True); "
    "peaks = {}; [peaks.__setitem__(x.pid, max(peaks.get(x.pid, 0), x.peak_memory_mb)) for x in r.results]; "
    "print(json.dumps({'failed': len(r.failed), 'peaks': sorted(peaks.values())}))"
)


def timed(command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env={**os.environ, **(env or {})})
    return time.perf_counter() - started


def example_copy(folder: Path) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for part in ("dossier.toml", "data", "templates", "schemas"):
        (shutil.copytree if (ROOT / part).is_dir() else shutil.copy)(ROOT / part, folder / part)
    return folder


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return f"{os.cpu_count()} cores, {cpu}; Python {platform.python_version()}; {platform.system()}"


def plain_subjects(project: Path, out: Path, count: int) -> tuple[float, float]:
    """Seconds the plain script takes for the project's subjects: in one process, and split over two at once."""
    subjects = sorted(p.name for p in (project / "data").iterdir() if p.is_dir())[:count]
    script = [PYTHON, str(ROOT / "benchmarks" / "plain_build.py"), str(project), str(out)]
    one = timed(script + subjects)
    started = time.perf_counter()
    halves = [subprocess.Popen(script + subjects[i::2], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
              for i in range(2)]
    if any(process.wait() for process in halves):
        raise SystemExit("the plain script failed")
    return one, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--subjects", type=int, default=50)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="dossier-bench-"))
    dossier = [PYTHON, "-m", "dossier", "build", "-q"]
    print(f"machine: {machine()}")

    cold, cold_parallel, cold_unnumbered, plain, noop = [], [], [], [], []
    for run in range(args.runs):
        project = example_copy(work / "example")
        cold.append(timed(dossier + ["--jobs", "1", "--project", str(project)]))
        noop.append(timed(dossier + ["--project", str(project)]))
        project = example_copy(work / "example")
        cold_parallel.append(timed(dossier + ["--project", str(project)]))
        project = example_copy(work / "example")
        cold_unnumbered.append(timed(dossier + ["--project", str(project)], env={"DOSSIER_REFRESH_FIELDS": "0"}))
        plain.append(timed([PYTHON, str(ROOT / "benchmarks" / "plain_build.py"), str(project), str(work / "plain")]))
    median = statistics.median
    print(f"cold example build, --jobs 1:     {median(cold):6.2f} s")
    print(f"cold example build, --jobs {os.cpu_count()}:     {median(cold_parallel):6.2f} s")
    print(f"  the same, no LibreOffice pass:  {median(cold_unnumbered):6.2f} s  (contents without page numbers)")
    print(f"plain python-docx/pptx/pyplot:    {median(plain):6.2f} s")
    print(f"  ratio dossier/plain (jobs 1):   {median(cold) / median(plain):6.2f}x  (target <= 0.8x)")
    print(f"  ratio dossier/plain (jobs {os.cpu_count()}):   {median(cold_parallel) / median(plain):6.2f}x  (target <= 0.8x)")
    print(f"no-op rebuild:                    {median(noop):6.3f} s  (target <= 0.1 s)")

    if args.subjects:
        many = work / "many"
        make_project(many, args.subjects)
        one = timed(dossier + ["--jobs", "1", "--project", str(many)])
        shutil.rmtree(many / "build")
        shutil.rmtree(many / "reports")
        two = timed(dossier + ["--jobs", "2", "--project", str(many)])
        files = args.subjects * 2
        for jobs, seconds in ((1, one), (2, two)):
            print(f"{args.subjects} subjects, --jobs {jobs}:          {seconds:6.1f} s  ({seconds / args.subjects:.2f} s per "
                  f"report, briefing + deck; {seconds / files:.2f} s per file; target <= 0.1 s per report)")
        print(f"  speed-up jobs 2 over jobs 1:    {one / two:6.2f}x  (target >= 1.7x)")
        plain_one, plain_two = plain_subjects(many, work / "plain-many", args.subjects)
        for processes, seconds, ours in ((1, plain_one, one), (2, plain_two, two)):
            print(f"plain script, {processes} process{'es' if processes > 1 else ''}:       {seconds:6.1f} s  "
                  f"({seconds / args.subjects:.2f} s per report); dossier/plain {ours / seconds:.2f}x")
        for count in sorted({2, min(10, args.subjects), args.subjects}):
            small = work / f"mem{count}"
            make_project(small, count)
            out = subprocess.run([PYTHON, "-c", PEAK_MEMORY, str(small), "2"], capture_output=True, text=True,
                                 check=True).stdout
            peaks = json.loads(out.strip().splitlines()[-1])["peaks"]
            print(f"peak memory per worker, {count:3d} subjects: {', '.join(f'{p:.0f}' for p in peaks)} MB "
                  f"(target <= 150 MB, flat)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
