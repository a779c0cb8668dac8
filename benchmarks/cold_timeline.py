"""The timeline of one cold build: what each process of the build did, when (wall-clock, from the command's start).

    python benchmarks/cold_timeline.py [PROJECT] [-- dossier build options]

Without PROJECT it copies the example into a temp folder; the build/ and reports/ folders are
removed first (a cold build). The build runs as ``python -m dossier build`` would, in a fresh
process, with probes added from outside (nothing in dossier is changed; `build_benchmark.py
--timeline` runs this): each process's heavy imports (a top-level package or a dossier module
taking 30 ms or more, outermost first), the phases of each job, the build's own steps,
LibreOffice's start (requested, and ready: the moment its macro opens the first document) and
each layout, the page-number pass, the writes, the exit. The probes cost a little (≈ 1 ms).
Printed per process: wall seconds from the command's start, the process's own CPU-seconds, the event
(a function's end shows its wall and CPU milliseconds). On a busy machine compare the CPU columns.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The probes, run inside the build's process (workers inherit them by fork). Events go to the file
# named by DOSSIER_TIMELINE_FILE as "seconds<TAB>pid<TAB>what", one write each (O_APPEND).
PROBES = r'''
import os, sys, time, functools, threading
_out = os.open(os.environ["DOSSIER_TIMELINE_FILE"], os.O_WRONLY | os.O_APPEND | os.O_CREAT)
def event(what):
    os.write(_out, f"{time.time():.6f}\t{os.getpid()}\t{time.process_time():.3f}\t{what}\n".encode())

def group_cpu(pgid):
    """CPU-seconds of the processes of a process group (LibreOffice's) still running."""
    total, tick = 0.0, os.sysconf("SC_CLK_TCK")
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                fields = open(f"/proc/{pid}/stat").read().rpartition(")")[2].split()
            except OSError:
                continue
            if int(fields[2]) == pgid:
                total += (int(fields[11]) + int(fields[12])) / tick
    return total
event("python up (probes in)")

WRAP = {  # module where the name is looked up: names (Class.method for a method)
    "dossier.build": ["load_project", "jobs_to_run", "layout_service", "executor_for", "record",
                      "remove_stale_temp_files", "remove_folders_of_ended_processes", "import_what_jobs_need", "load_ahead"],
    "dossier.jobs": ["execute_job", "load_subject_once", "run_job", "check_theme", "collect_garbage",
                     "input_hashes", "write_privately"],
    "dossier.templating": ["make_environment", "render_template"],
    "dossier.markdown_reader": ["read_markdown"],
    "dossier.chart_drawing": ["complete_charts", "ChartDrawer.__call__"],
    "dossier.writers.libreoffice_layout": ["LayoutService.__enter__", "LayoutService.__exit__", "layout_pages"],
    "dossier.page_finishing": ["finish", "PageFinisher._start"],
    "dossier.writers.docx.fields": ["refresh_docx_bytes"],
    "dossier.writers.package_check": ["check_written_package"],
    "dossier.executors.local_pool": ["LocalPool._start", "worker_main"],
    "dossier.manifest": ["Manifest.save", "Manifest.__init__"],
    "dossier.validate": ["load_subject"],
    "dossier.writers.docx.writer": ["DocxWriter.write"],
    "dossier.writers.pptx.writer": ["PptxWriter.write"],
}

def _wrapped(label, fn):
    @functools.wraps(fn)
    def probe(*args, **kwargs):
        if label == "worker_main":
            event("worker up (forked)")
        if label == "LayoutService.__exit__":
            event(f"LibreOffice: {group_cpu(args[0].process.pid):.2f} CPU-s in all")
        event(f"> {label}")
        try:
            return fn(*args, **kwargs)
        finally:
            event(f"< {label}")
    probe.__probed__ = True
    return probe

def _patch(module):
    for name in WRAP.get(module.__name__, []):
        owner, _, attr = name.rpartition(".")
        target = getattr(module, owner) if owner else module
        fn = getattr(target, attr, None)
        if fn is not None and not getattr(fn, "__probed__", False):
            setattr(target, attr, _wrapped(name, fn))

import importlib._bootstrap as _bootstrap
_find_and_load = _bootstrap._find_and_load
_depth = threading.local()
def _timed_find_and_load(name, import_):
    depth = getattr(_depth, "n", 0)
    _depth.n = depth + 1
    started = time.time()
    try:
        module = _find_and_load(name, import_)
    finally:
        _depth.n = depth
    took = time.time() - started
    if took >= 0.03 and ("." not in name or name.startswith("dossier.")):
        os.write(_out, f"{started:.6f}\t{os.getpid()}\t{time.process_time():.3f}\t"
                       f"import {name} ({took * 1000:.0f} ms, depth {depth})\n".encode())
    if name in WRAP:
        _patch(module)
    return module
_bootstrap._find_and_load = _timed_find_and_load

def _watch_libreoffice():
    """LibreOffice is ready when its macro opens the first request (its report's .part appears)."""
    seen_folder = None
    while True:
        service = os.environ.get("DOSSIER_LAYOUT_SERVICE", "")
        folder = service.partition("\t")[0]
        if folder and folder != seen_folder:
            seen_folder = folder
            module_seen = False
            while os.path.isdir(folder):
                try:
                    names = os.listdir(folder)
                except OSError:
                    break
                if not module_seen and os.path.exists(os.path.join(folder, "profile/user/basic/Standard/Module1.xba")):
                    module_seen = True
                    event("LibreOffice: profile ready, macro run starting")
                if any(n.endswith(".pages.part") for n in names):
                    pgid = int(service.partition("\t")[2] or 0)
                    event(f"LibreOffice: ready (macro opens the first request; {group_cpu(pgid):.2f} CPU-s so far)")
                    return
                time.sleep(0.005)
        time.sleep(0.005)
threading.Thread(target=_watch_libreoffice, daemon=True).start()

import atexit
atexit.register(lambda: event("exit"))
sys.argv = ["dossier"] + sys.argv[1:]
import dossier.cli
event("dossier.cli imported")
code = dossier.cli.main()
event("main returned")
sys.exit(code)
'''


def example_copy(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for part in ("dossier.toml", "data", "templates", "schemas", "queries"):
        if (ROOT / part).exists():
            (shutil.copytree if (ROOT / part).is_dir() else shutil.copy)(ROOT / part, folder / part)
    return folder


def run(project: Path, options: list[str], events_file: Path) -> float:
    """Build ``project`` cold with the probes; return the command's start (epoch seconds)."""
    shutil.rmtree(project / "build", ignore_errors=True)
    shutil.rmtree(project / "reports", ignore_errors=True)
    env = {**os.environ, "DOSSIER_TIMELINE_FILE": str(events_file), "PYTHONPATH": str(ROOT)}
    started = time.time()
    subprocess.run([sys.executable, "-c", PROBES, "build", "-q", "--project", str(project), *options],
                   env=env, check=True, cwd=ROOT)  # -c puts the working folder first on sys.path: this checkout's
    return started


def show(events_file: Path, started: float) -> None:
    rows = []
    for line in events_file.read_text().splitlines():
        stamp, pid, cpu, what = line.split("\t", 3)
        rows.append((float(stamp) - started, int(pid), float(cpu), what))
    rows.sort()
    pids = list(dict.fromkeys(pid for _, pid, _, _ in rows))
    names = {pid: ("build" if i == 0 else f"worker{i}") for i, pid in enumerate(pids)}
    for pid in pids:
        print(f"\n== {names[pid]} (pid {pid})")
        opened: dict[str, tuple[float, float]] = {}
        for t, p, cpu, what in rows:
            if p != pid:
                continue
            if what.startswith("> "):
                opened[what[2:]] = t, cpu
                print(f"{t:7.3f} {cpu:6.2f}  {what}")
            elif what.startswith("< "):
                t0, cpu0 = opened.pop(what[2:], (t, cpu))
                print(f"{t:7.3f} {cpu:6.2f}  {what}  ({(t - t0) * 1000:.0f} ms, {(cpu - cpu0) * 1000:.0f} ms CPU)")
            else:
                print(f"{t:7.3f} {cpu:6.2f}  {what}")
    end = max(t for t, _, _, _ in rows)
    cpu = {names[pid]: max(c for _, p, c, _ in rows if p == pid) for pid in pids}
    office = [float(what.split()[1]) for _, _, _, what in rows if what.endswith("CPU-s in all")]
    print(f"\nwall: {end:.2f} s (from the command's start to the build's exit); CPU-s: "
          + ", ".join(f"{name} {c:.2f}" for name, c in cpu.items())
          + (f", LibreOffice {office[0]:.2f}" if office else "")
          + f"; in all {sum(cpu.values()) + sum(office):.2f}")


def main() -> None:
    argv = sys.argv[1:]
    options = argv[argv.index("--") + 1:] if "--" in argv else []
    positional = argv[:argv.index("--")] if "--" in argv else argv
    work = Path(tempfile.mkdtemp(prefix="dossier-timeline-"))
    try:
        project = Path(positional[0]) if positional else example_copy(work / "example")
        events = work / "events.tsv"
        started = run(project, options, events)
        show(events, started)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
