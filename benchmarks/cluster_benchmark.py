"""A Dask cluster against local workers, on the same machine and the same synthetic subjects.

    python benchmarks/cluster_benchmark.py [--subjects 200]

Makes N synthetic subjects (`make_subjects.py`) twice, builds one copy with `--jobs 2` and the
other on a `distributed.LocalCluster` of 2 worker processes (one thread each), each from cold
(no build/ folder), and prints both wall times, their ratio and whether every output is
byte-identical, with each side's CPU seconds (all its processes: on a shared machine, the wall
times also count others' load) and median job (its own seconds, where it ran). The cluster's
start-up is timed apart: a real cluster is already running.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from tempfile import TemporaryDirectory

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from make_subjects import make_project  # noqa: E402

from dossier.build import build  # noqa: E402


def outputs(project: Path) -> dict[str, bytes]:
    return {p.relative_to(project).as_posix(): p.read_bytes() for p in sorted((project / "reports").rglob("*.*x"))}


def cpu_seconds() -> float:
    """CPU seconds used so far by this process, its descendants alive now and the children each has reaped
    (local workers, LibreOffice, the cluster's nannies and workers): on a shared machine, what a build cost
    when its wall time also counts others' load."""
    import psutil

    def used(process) -> float:
        times = process.cpu_times()
        return times.user + times.system + times.children_user + times.children_system

    total = used(psutil.Process())
    for child in psutil.Process().children(recursive=True):
        try:
            total += used(child)
        except psutil.NoSuchProcess:
            pass
    return total


def per_job(result) -> str:
    """The median of the jobs' own seconds (as measured where they ran), and their sum."""
    seconds = [r.seconds for r in result.results if r.status == "built"]
    return f"jobs: median {statistics.median(seconds):.2f} s, sum {sum(seconds):.1f} s" if seconds else "no job built"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--subjects", type=int, default=200)
    parser.add_argument("--dask-profiler", action="store_true",
                        help="leave Dask's statistical profiler on in the workers (the README advises it off)")
    args = parser.parse_args()
    import dask
    from distributed import LocalCluster

    # The workers are started as the README advises: without the profiler sampling every job's stack.
    os.environ["DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED"] = str(args.dask_profiler)
    dask.config.set({"distributed.worker.profile.enabled": args.dask_profiler})

    with TemporaryDirectory(prefix="dossier-cluster-bench-") as folder:
        local, remote = Path(folder) / "local", Path(folder) / "cluster"
        make_project(local, args.subjects)
        make_project(remote, args.subjects)
        started, cpu = time.perf_counter(), cpu_seconds()
        local_result = build(local, jobs=2)
        local_s, local_cpu = time.perf_counter() - started, cpu_seconds() - cpu
        started = time.perf_counter()
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
            start_up_s = time.perf_counter() - started
            started, cpu = time.perf_counter(), cpu_seconds()
            cluster_result = build(remote, scheduler=cluster.scheduler_address)
            cluster_s, cluster_cpu = time.perf_counter() - started, cpu_seconds() - cpu
        same = outputs(local) == outputs(remote)
        print(f"subjects: {args.subjects}, outputs: {len(outputs(local))}, "
              f"Dask's worker profiler: {'on' if args.dask_profiler else 'off'}")
        print(f"--jobs 2: {local_s:.1f} s ({len(local_result.failed)} failed); CPU {local_cpu:.1f} s; "
              f"{per_job(local_result)}")
        print(f"LocalCluster, 2 workers: {cluster_s:.1f} s ({len(cluster_result.failed)} failed); "
              f"CPU {cluster_cpu:.1f} s; {per_job(cluster_result)}; cluster start-up {start_up_s:.1f} s, not counted")
        print(f"ratio --jobs 2 / cluster: {local_s / cluster_s:.2f} (target >= 0.9), "
              f"of CPU: {local_cpu / cluster_cpu:.2f}; byte-identical: {same}")


if __name__ == "__main__":
    main()
