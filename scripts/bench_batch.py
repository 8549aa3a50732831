"""Benchmark ``rasd batch``: articles per second on 1 and 2 workers, scaling, peak memory.

Builds plain JSONL of the corpus (../shared/corpus, 7,238 articles) repeated to ``--articles``
(200,000 by default, each copy with its own ids), then runs the batch job on a local Dask
cluster of each ``--workers`` count into a fresh output folder, and prints for each: wall
time (cluster start excluded; planning and loading the resources on the workers included),
articles per second, peak resident memory of each worker process (measured inside the
workers) and of the driver, and the scaling ratio against the first count. A measurement of
this machine, not a test; the full 200,000 takes about an hour on one worker here.

Example: ``python scripts/bench_batch.py --articles 20000 --workers 1,2``
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from rasd.batch import BatchReport, Target, dask_client, parse_size, run_batch
from rasd.config import Config, load_config
from rasd.resources import build_gazetteer_index, gazetteer_path

CORPUS = Path("corpus") / "news_ar_conflict.jsonl.gz"


def build_input(source: Path, path: Path, articles: int) -> int:
    """Write the corpus repeated to ``articles`` lines; ids get a ``~copy`` suffix."""
    written, copy = 0, 0
    with open(path, "w", encoding="utf-8") as out:
        while written < articles:
            with gzip.open(source, "rt", encoding="utf-8") as handle:
                for line in handle:
                    record = json.loads(line)
                    record["id"] = f"{record['id']}~{copy}"
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
                    written += 1
                    if written >= articles:
                        break
            copy += 1
    return written


def measure(path: Path, out: Path, workers: int, config: Config, size: int) -> dict[str, Any]:
    """One batch run on a fresh local cluster of ``workers`` processes."""
    started = time.perf_counter()
    with dask_client(workers=workers) as client:
        cluster_seconds = time.perf_counter() - started
        load_before = os.getloadavg()[0]
        report = run_batch([str(path)], Target(out), config, client=client, partition_bytes=size)
        load = (round(load_before, 1), round(os.getloadavg()[0], 1))
    return {**_figures(report, workers, cluster_seconds), "load_average_1min": load}


def _figures(report: BatchReport, workers: int, cluster_seconds: float) -> dict[str, Any]:
    return {
        "workers": workers,
        "partitions": report.partitions,
        "articles": report.articles,
        "events": report.events,
        "failed": len(report.failed),
        "cluster_start_s": round(cluster_seconds, 1),
        "seconds": round(report.seconds, 1),
        "articles_per_second": round(report.articles_per_second, 1),
        "task_seconds": round(report.task_seconds, 1),
        "task_cpu_seconds": round(report.task_cpu_seconds, 1),
        "articles_per_cpu_second": round(report.articles / report.task_cpu_seconds, 1)
        if report.task_cpu_seconds
        else 0.0,
        "worker_peak_mb": sorted(round(mb) for mb in report.worker_peak_mb.values()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=200_000)
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    parser.add_argument("--partition-size", default="8MB")
    parser.add_argument("--tmp", type=Path, default=None, help="where the input is built")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()
    config = load_config()
    if not gazetteer_path(config).is_file():  # build the index first, outside the timings
        build_gazetteer_index(config)
    folder = Path(tempfile.mkdtemp(prefix="rasd-bench-batch-", dir=args.tmp))
    try:
        runs = _run_all(args, config, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    _print(runs)
    if args.json:
        args.json.write_text(json.dumps(runs, indent=1), encoding="utf-8")


def _run_all(args: argparse.Namespace, config: Config, folder: Path) -> list[dict[str, Any]]:
    path = folder / "input.jsonl"
    started = time.perf_counter()
    count = build_input(config.require_data_dir() / CORPUS, path, args.articles)
    print(
        f"input: {count} articles, {path.stat().st_size / 1e6:.0f} MB of JSONL, built in "
        f"{time.perf_counter() - started:.0f} s",
        flush=True,
    )
    runs = []
    for workers in (int(n) for n in args.workers.split(",")):
        run = measure(
            path, folder / f"out-{workers}", workers, config, parse_size(args.partition_size)
        )
        run["driver_peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        print(json.dumps(run), flush=True)
        runs.append(run)
    return runs


def _print(runs: list[dict[str, Any]]) -> None:
    """A Markdown table; scaling is articles/s against the first run's."""
    base = runs[0]["articles_per_second"]
    print(
        "\n| workers | articles | wall s | articles/s | scaling | articles per CPU-s "
        "| load avg (1 min) | peak MB per worker |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for run in runs:
        ratio = run["articles_per_second"] / base if base else 0.0
        print(
            f"| {run['workers']} | {run['articles']} | {run['seconds']} | "
            f"{run['articles_per_second']} | {ratio:.2f} | {run['articles_per_cpu_second']} | "
            f"{run['load_average_1min']} | {run['worker_peak_mb']} |"
        )


if __name__ == "__main__":  # worker processes are spawned and re-import this file
    main()
