"""Benchmark: the cost of the PostgreSQL/PostGIS store relative to SQLite (``make bench``).

Extracts the first ``--limit`` corpus articles once (timed, reported, not part of the store
figures), then runs ``--rounds`` rounds. Each round ingests the same articles into a new
SQLite store and a new PostgreSQL database exactly as ``rasd ingest`` does (resolve, store
with evidence and full-text index, merge across sources), with extraction replaced by a look-up
of the events extracted beforehand, so that the rate measures the store alone; the backends
swap order every round. Then the filtered queries of ``scripts/bench_store.py`` run on both
stores through the store API, interleaved query by query so that the shared machine's noise
falls on both alike.

Printed as JSON: per backend the ingest rate (median over rounds) and each query's median and
95th-percentile latency; the ratios PostgreSQL / SQLite (for ingest the median of the per-round
ratios with its range; for queries the median over rounds of the per-round median ratio), the
end-to-end ingest ratio once extraction is added back, and the load average (the machine is
shared: a ratio from one quiet round says little).

Needs a server with PostGIS whose user may create databases: ``RASD_BENCH_POSTGRES_URL`` or
``RASD_TEST_POSTGRES_URL``. For a fair comparison keep PostgreSQL on the disk SQLite writes to,
with fsync on (SQLite runs WAL with synchronous=NORMAL; PostgreSQL's default fsync=on with
synchronous_commit=on is stricter, so the ratio is a pessimistic one for PostgreSQL)::

    PG_TEST_DIR=/tmp PG_TEST_FSYNC=on scripts/pg_test_cluster.sh \\
        .venv/bin/python scripts/bench_postgres.py --limit 2000 --rounds 3
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy.engine import make_url

import rasd.ingest
from rasd.config import Config, load_config
from rasd.ingest import Ingestor, read_inputs
from rasd.pipeline import extract
from rasd.resources import Resources, load_resources
from rasd.store import open_url
from rasd.store.base import ArticleQuery, BBox, EventFilter, Store
from rasd.types import Article, Event

BACKENDS = ("sqlite", "postgresql")

QUERIES: dict[str, Callable[[Store], object]] = {
    "filtered events": lambda s: s.events(
        EventFilter(
            country="Syria",
            event_type="Explosions/Remote violence",
            date_from=date(2015, 1, 1),
            date_to=date(2018, 12, 31),
            limit=100,
        )
    ),
    "events in a bbox": lambda s: s.events(EventFilter(bbox=BBox(35.5, 35.0, 38.5, 37.0))),
    "events by search": lambda s: s.events(EventFilter(q="حلب", limit=100)),
    "article search": lambda s: s.articles(ArticleQuery(q="الرقة", limit=20)),
}
"""The queries of scripts/bench_store.py, called on the store (no HTTP in between)."""


def read_corpus(config: Config, limit: int) -> list[Article]:
    corpus = config.require_data_dir() / "corpus" / "news_ar_conflict.jsonl.gz"
    items = (item for _, item in read_inputs([str(corpus)]))
    return list(itertools.islice((i for i in items if isinstance(i, Article)), limit))


def extract_all(
    articles: list[Article], resources: Resources, config: Config
) -> tuple[dict[str, list[Event]], float]:
    """Every article's events, and the extraction time in seconds."""
    started = time.perf_counter()
    found = {a.id: extract(a, resources, config) for a in articles}
    return found, time.perf_counter() - started


@contextmanager
def looked_up(found: dict[str, list[Event]]) -> Iterator[None]:
    """Ingestion with extraction replaced by a look-up (the store's cost alone)."""
    module = vars(rasd.ingest)  # the name _save_as calls
    real = module["extract"]

    def lookup(article: Article, resources: Resources, config: Config) -> list[Event]:
        return found[article.id] if article.id in found else real(article, resources, config)

    module["extract"] = lookup
    try:
        yield
    finally:
        module["extract"] = real


class Databases:
    """New PostgreSQL databases on the benchmark server, dropped at the end."""

    def __init__(self, url: str):
        self.url = make_url(url).set(drivername="postgresql")
        self.admin = psycopg.connect(
            self.url.render_as_string(hide_password=False), autocommit=True
        )
        self.names: list[str] = []

    def new(self) -> str:
        name = f"rasd_bench_{os.getpid()}_{len(self.names)}"
        self.admin.execute(f'CREATE DATABASE "{name}"')
        self.names.append(name)
        return self.url.set(database=name).render_as_string(hide_password=False)

    def settings(self) -> dict[str, str]:
        names = ("server_version", "fsync", "synchronous_commit", "shared_buffers")
        return {n: str(self.admin.execute(f"SHOW {n}").fetchone()[0]) for n in names}  # type: ignore[index]

    def close(self) -> None:
        for name in self.names:
            self.admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.admin.close()


def ingest_rate(
    store: Store, articles: list[Article], resources: Resources, config: Config
) -> float:
    """Articles per second through the ingest path (extraction looked up)."""
    ingestor = Ingestor(store, resources, config)
    started = time.perf_counter()
    report = ingestor.run(("bench", a) for a in articles)
    seconds = time.perf_counter() - started
    if report.failed:
        raise SystemExit(f"ingest failed: {report.failed[:3]}")
    return report.read / seconds


def time_queries(stores: dict[str, Store], repeats: int) -> dict[str, dict[str, list[float]]]:
    """Milliseconds per call of each query on each backend, alternating backends per call."""
    times: dict[str, dict[str, list[float]]] = {q: {b: [] for b in stores} for q in QUERIES}
    for name, query in QUERIES.items():
        for store in stores.values():
            query(store)  # warm-up: caches and plans
        for _ in range(repeats):
            for backend, store in stores.items():
                started = time.perf_counter()
                query(store)
                times[name][backend].append((time.perf_counter() - started) * 1000)
    return times


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[int(0.95 * (len(ordered) - 1))]


def run_round(
    number: int,
    articles: list[Article],
    databases: Databases,
    folder: Path,
    resources: Resources,
    config: Config,
    repeats: int,
) -> dict[str, Any]:
    """One round: both backends ingest the articles (order swapped each round), then query."""
    urls = {
        "sqlite": f"sqlite:///{folder / f'round{number}.sqlite'}",
        "postgresql": databases.new(),
    }
    order = BACKENDS if number % 2 == 0 else BACKENDS[::-1]
    stores = {backend: open_url(urls[backend]) for backend in order}
    try:
        rates = {b: ingest_rate(stores[b], articles, resources, config) for b in order}
        counts = {b: stores[b].counts() for b in order}
        if counts["sqlite"] != counts["postgresql"]:
            raise SystemExit(f"the backends stored different things: {counts}")
        times = time_queries(stores, repeats)
    finally:
        for store in stores.values():
            store.close()
    return {"rates": rates, "times": times, "counts": counts["sqlite"], "order": order}


def summarise(
    rounds: list[dict[str, Any]], extract_seconds: float, articles: int
) -> dict[str, Any]:
    rates = {b: [r["rates"][b] for r in rounds] for b in BACKENDS}
    ratios = [r["rates"]["postgresql"] / r["rates"]["sqlite"] for r in rounds]
    per_article = {b: 1 / statistics.median(rates[b]) for b in BACKENDS}
    extract_each = extract_seconds / articles
    end_to_end = (extract_each + per_article["sqlite"]) / (extract_each + per_article["postgresql"])
    queries: dict[str, Any] = {}
    for name in QUERIES:
        pooled = {b: [t for r in rounds for t in r["times"][name][b]] for b in BACKENDS}
        per_round = [
            statistics.median(r["times"][name]["postgresql"])
            / statistics.median(r["times"][name]["sqlite"])
            for r in rounds
        ]
        queries[name] = {
            **{f"{b}_median_ms": round(statistics.median(pooled[b]), 2) for b in BACKENDS},
            **{f"{b}_p95_ms": round(p95(pooled[b]), 2) for b in BACKENDS},
            "median_ratio": round(statistics.median(per_round), 2),
            "median_ratio_range": [round(min(per_round), 2), round(max(per_round), 2)],
            "p95_ratio": round(p95(pooled["postgresql"]) / p95(pooled["sqlite"]), 2),
        }
    return {
        "ingest_articles_per_second": {b: round(statistics.median(rates[b]), 1) for b in BACKENDS},
        "ingest_rate_ratio_postgresql_to_sqlite": round(statistics.median(ratios), 2),
        "ingest_rate_ratio_range": [round(min(ratios), 2), round(max(ratios), 2)],
        "extraction_articles_per_second": round(articles / extract_seconds, 1),
        "end_to_end_ingest_rate_ratio": round(end_to_end, 3),
        "queries": queries,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=2000, help="corpus articles (default 2000)")
    parser.add_argument("--rounds", type=int, default=3, help="ingest rounds per backend")
    parser.add_argument("--repeats", type=int, default=30, help="calls per query per round")
    args = parser.parse_args()
    url = os.environ.get("RASD_BENCH_POSTGRES_URL") or os.environ.get("RASD_TEST_POSTGRES_URL")
    if not url:
        parser.error("set RASD_BENCH_POSTGRES_URL (or run under scripts/pg_test_cluster.sh)")
    config = load_config()
    resources = load_resources(config)
    articles = read_corpus(config, args.limit)
    found, extract_seconds = extract_all(articles, resources, config)
    load = [round(os.getloadavg()[0], 1)]
    databases = Databases(url)
    rounds = []
    try:
        with tempfile.TemporaryDirectory() as folder, looked_up(found):
            for number in range(args.rounds):
                rounds.append(
                    run_round(
                        number, articles, databases, Path(folder), resources, config, args.repeats
                    )
                )
                load.append(round(os.getloadavg()[0], 1))
        figures = {
            "articles": len(articles),
            "rounds": args.rounds,
            "query_calls_per_round": args.repeats,
            "stored": rounds[-1]["counts"],
            "postgresql": databases.settings(),
            "sqlite_folder": tempfile.gettempdir(),
            "load_average_1min": load,
            **summarise(rounds, extract_seconds, len(articles)),
            "per_round_ingest_articles_per_second": [
                {b: round(r["rates"][b], 1) for b in r["order"]} for r in rounds
            ],
        }
    finally:
        databases.close()
    print(json.dumps(figures, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
