"""Benchmark: ingest + extract + store of the whole corpus, then API latency (``make bench``).

Ingests ../shared/corpus (7,238 articles) into a new SQLite store in a temporary folder (or
``--database PATH``) exactly as ``rasd ingest`` does: read, extract, store with evidence and
full-text index, merge across sources. Prints articles per second, the peak memory (RSS) of
the process, the store's size and counts, then serves the API with uvicorn on localhost and
reports the median and 95th-percentile latency of filtered queries. A measurement of this
machine, not a test.
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import socket
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from rasd.api import create_app
from rasd.config import Config, load_config
from rasd.ingest import Ingestor, read_inputs
from rasd.resources import Resources, load_resources
from rasd.store.sqlite import SQLiteStore

QUERIES = {
    "filtered events": "/events?country=Syria&event_type=Explosions/Remote%20violence"
    "&date_from=2015-01-01&date_to=2018-12-31&limit=100",
    "events in a bbox": "/events?bbox=35.5,35.0,38.5,37.0&limit=100",
    "events by search": "/events?q=%D8%AD%D9%84%D8%A8&limit=100",
    "article search": "/articles?q=%D8%A7%D9%84%D8%B1%D9%82%D8%A9&limit=20",
}
"""Each query of the latency measurement (q=حلب, q=الرقة)."""


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ingest_corpus(
    store: SQLiteStore, resources: Resources, config: Config, limit: int | None
) -> dict[str, Any]:
    """Ingest the corpus (timed) and return the figures."""
    corpus = config.require_data_dir() / "corpus" / "news_ar_conflict.jsonl.gz"
    items = itertools.islice(read_inputs([str(corpus)]), limit)
    started = time.perf_counter()
    report = Ingestor(store, resources, config).run(items)
    seconds = time.perf_counter() - started
    return {
        "articles": report.read,
        "seconds": round(seconds, 1),
        "articles_per_second": round(report.read / seconds, 1),
        "report": report.summary(),
        "failed": len(report.failed),
    }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(store: SQLiteStore, resources: Resources, config: Config) -> Iterator[str]:
    """The API on a free localhost port, in a thread, for the duration of the block."""
    app = create_app(config, resources=resources, store=store)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join()


def latency(base: str, requests: int) -> dict[str, Any]:
    """Median and 95th percentile (ms) of each query, after one warm-up request."""
    figures: dict[str, Any] = {}
    with httpx.Client(base_url=base, timeout=60) as client:
        for name, path in QUERIES.items():
            first = client.get(path)
            first.raise_for_status()
            times = []
            for _ in range(requests):
                started = time.perf_counter()
                client.get(path).raise_for_status()
                times.append((time.perf_counter() - started) * 1000)
            times.sort()
            figures[name] = {
                "path": path,
                "total_matches": first.json()["total"],
                "median_ms": round(statistics.median(times), 1),
                "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
            }
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--requests", type=int, default=50, help="requests per query")
    parser.add_argument("--database", type=Path, help="store here (kept) instead of a temp dir")
    args = parser.parse_args()
    config = load_config()
    resources = load_resources(config)  # builds the gazetteer first if needed, outside timings
    with tempfile.TemporaryDirectory() as folder:
        path = args.database or Path(folder) / "bench.sqlite"
        if path.exists():
            parser.error(f"{path} exists; the benchmark needs a new store")
        store = SQLiteStore(path)
        figures = ingest_corpus(store, resources, config, args.limit)
        figures["peak_rss_mb"] = round(_peak_mb(), 1)
        figures["store_mb"] = round(path.stat().st_size / 2**20, 1)
        figures["counts"] = store.counts()
        with serving(store, resources, config) as base:
            figures["api_latency"] = latency(base, args.requests)
        store.close()
    print(json.dumps(figures, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
