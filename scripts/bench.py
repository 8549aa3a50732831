"""Benchmark: extraction speed and memory over the whole corpus (``make bench``).

Prints, for each of ``--repeat`` runs over ../shared/corpus (7,238 articles): articles per
second on one core, the slowest article, and at the end the resources' open time, the
language layer's speed (normalise + tokenise, tokens per second) and the peak memory (RSS) of
the process. Speed is measured by repeated runs and reported as the median; it is a
measurement of this machine, not a test.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import time
from pathlib import Path

import rasd
from rasd.arabic import tokenize
from rasd.config import load_config
from rasd.io import read_articles
from rasd.pipeline import extract
from rasd.resources import load_gazetteer, load_resources
from rasd.stages.normalize import normalize
from rasd.types import Article


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _articles(path: Path, limit: int | None) -> list[Article]:
    articles = [a for a in read_articles([str(path)]) if isinstance(a, Article)]
    return articles[:limit] if limit else articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    args = parser.parse_args()
    config = load_config()
    data = config.require_data_dir()
    load_gazetteer(config)  # build the index first if needed, outside the timings

    started = time.perf_counter()
    resources = load_resources(config)
    open_seconds = time.perf_counter() - started
    after_open_mb = _peak_mb()

    articles = _articles(data / "corpus" / "news_ar_conflict.jsonl.gz", args.limit)
    chars = sum(len(a.text) for a in articles)

    started = time.perf_counter()
    tokens = sum(len(tokenize(normalize(a.text).text)) for a in articles)
    layer_seconds = time.perf_counter() - started

    rates, slowest, events = [], (0.0, ""), 0
    for run in range(args.repeat):
        started = time.perf_counter()
        events = 0
        for article in articles:
            t0 = time.perf_counter()
            events += len(extract(article, resources, config))
            spent = time.perf_counter() - t0
            slowest = max(slowest, (spent, article.id))
        seconds = time.perf_counter() - started
        rates.append(len(articles) / seconds)
        print(
            f"run {run + 1}: {len(articles)} articles, {events} events in {seconds:.1f} s "
            f"= {rates[-1]:.0f} articles/s",
            flush=True,
        )

    report = {
        # `make compiled` installs the mypyc build: its modules are extension modules
        "build": "compiled (mypyc)" if rasd.compiled() else "pure Python",
        "articles": len(articles),
        "characters": chars,
        "events": events,
        "articles_per_second_median": round(statistics.median(rates), 1),
        "articles_per_second_runs": [round(r, 1) for r in rates],
        "slowest_article_seconds": round(slowest[0], 3),
        "slowest_article": slowest[1],
        "resources_open_seconds": round(open_seconds, 2),
        "rss_after_open_mb": round(after_open_mb, 1),
        "language_layer_tokens_per_second": round(tokens / layer_seconds),
        "peak_rss_mb": round(_peak_mb(), 1),
        "target": "≥ 300 articles/s on one core, ≤ 1 GB peak, resources open < 2 s",
    }
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
