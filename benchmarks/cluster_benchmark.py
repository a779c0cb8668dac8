"""A Dask cluster against local workers, on the same machine and the same synthetic subjects.

    python benchmarks/cluster_benchmark.py [--subjects 200]

Makes N synthetic subjects (`make_subjects.py`) twice, builds one copy with `--jobs 2` and the
other on a `distributed.LocalCluster` of 2 worker processes (one thread each), each from cold
(no build/ folder), and prints both wall times, their ratio and whether every output is
byte-identical. The cluster's start-up is timed apart: a real cluster is already running.
"""

from __future__ import annotations

import argparse
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--subjects", type=int, default=200)
    args = parser.parse_args()
    from distributed import LocalCluster

    with TemporaryDirectory(prefix="dossier-cluster-bench-") as folder:
        local, remote = Path(folder) / "local", Path(folder) / "cluster"
        make_project(local, args.subjects)
        make_project(remote, args.subjects)
        started = time.perf_counter()
        local_result = build(local, jobs=2)
        local_s = time.perf_counter() - started
        started = time.perf_counter()
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
            start_up_s = time.perf_counter() - started
            started = time.perf_counter()
            cluster_result = build(remote, scheduler=cluster.scheduler_address)
            cluster_s = time.perf_counter() - started
        same = outputs(local) == outputs(remote)
        print(f"subjects: {args.subjects}, outputs: {len(outputs(local))}")
        print(f"--jobs 2: {local_s:.1f} s ({len(local_result.failed)} failed)")
        print(f"LocalCluster, 2 workers: {cluster_s:.1f} s ({len(cluster_result.failed)} failed); "
              f"cluster start-up {start_up_s:.1f} s, not counted")
        print(f"ratio --jobs 2 / cluster: {local_s / cluster_s:.2f} (target >= 0.9); byte-identical: {same}")


if __name__ == "__main__":
    main()
