"""The compiled build against pure Python: same events, and how much faster.

Usage: python scripts/compare_builds.py COMPILED_PYTHON [--articles 2000] [--rounds 2]

COMPILED_PYTHON is the interpreter of an environment where rasd was installed compiled
(``make compiled`` makes .venv-compiled). Each build runs in its own process, from a scratch
directory so neither imports the source tree by accident: it extracts the first N corpus
articles and the development gold set's articles, hashes every event record (all fields but
the run's timestamp), then extracts the corpus articles again and times that pass (process
time, caches warm). Rounds alternate the order of the two builds; the ratio of each pair is
what a shared, noisy machine can compare. Prints one JSON object; exits non-zero when the
outputs differ or a build is not what it should be.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TypedDict

from rasd.config import load_config

CHILD = """
import hashlib, json, sys, time
import rasd
from rasd.config import load_config
from rasd.io import event_record, read_articles
from rasd.pipeline import extract
from rasd.resources import load_resources
from rasd.types import Article
config = load_config()
resources = load_resources(config)
data = config.require_data_dir()
def articles(path):
    return [a for a in read_articles([str(path)]) if isinstance(a, Article)]
corpus = articles(data / "corpus" / "news_ar_conflict.jsonl.gz")[: int(sys.argv[1])]
digest, events = hashlib.sha256(), 0
for article in corpus + articles(data / "dev" / "gold.jsonl"):
    for event in extract(article, resources, config):
        record = event_record(event)
        record.pop("timestamp", None)
        digest.update(json.dumps(record, ensure_ascii=False, sort_keys=True).encode())
        events += 1
start = time.process_time()
for article in corpus:
    extract(article, resources, config)
rate = len(corpus) / (time.process_time() - start)
compiled = rasd.compiled()
print(json.dumps({"digest": digest.hexdigest(), "events": events, "rate": rate,
                  "compiled": compiled}))
"""


class BuildRun(TypedDict):
    digest: str
    events: int
    rate: float
    compiled: bool


def run_child(python: str, articles: int, data: Path) -> BuildRun:
    """One build's digest, event count, warm rate and whether it is compiled."""
    with tempfile.TemporaryDirectory() as scratch:
        done = subprocess.run(
            [python, "-c", CHILD, str(articles)],
            cwd=scratch,
            env={**os.environ, "RASD_DATA": str(data)},
            capture_output=True,
            text=True,
            check=False,
        )
    if done.returncode != 0:
        sys.exit(f"compare_builds: extraction with {python} failed:\n{done.stderr.strip()}")
    result: BuildRun = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("compiled_python", help="interpreter of the compiled environment")
    parser.add_argument("--pure-python", default=sys.executable, help="default: this one")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    # absolute, not resolved: a venv's python is a symlink that must keep its venv
    args.compiled_python = str(Path(args.compiled_python).absolute())
    args.pure_python = str(Path(args.pure_python).absolute())
    if not Path(args.compiled_python).exists():
        sys.exit(f"compare_builds: no interpreter at {args.compiled_python} (run make compiled)")

    data = load_config().require_data_dir().resolve()
    ratios: list[float] = []
    results: list[dict[str, BuildRun]] = []
    for round_ in range(args.rounds):
        order = ["pure", "compiled"] if round_ % 2 == 0 else ["compiled", "pure"]
        pair = {
            build: run_child(
                args.pure_python if build == "pure" else args.compiled_python, args.articles, data
            )
            for build in order
        }
        results.append(pair)
        ratios.append(pair["compiled"]["rate"] / pair["pure"]["rate"])
    last = results[-1]
    problems = []
    if not last["compiled"]["compiled"]:
        problems.append(f"{args.compiled_python} runs pure Python, not the compiled build")
    if last["pure"]["compiled"]:
        problems.append(f"{args.pure_python} runs a compiled build")
    digests = {pair[build]["digest"] for pair in results for build in pair}
    if len(digests) != 1:
        problems.append("the two builds extract different events")
    print(
        json.dumps(
            {
                "articles": args.articles,
                "events": last["pure"]["events"],
                "same_output": len(digests) == 1,
                "rates_pure": [round(p["pure"]["rate"], 1) for p in results],
                "rates_compiled": [round(p["compiled"]["rate"], 1) for p in results],
                "compiled_over_pure": [round(r, 2) for r in ratios],
                "problems": problems,
            },
            indent=2,
        )
    )
    if problems:
        sys.exit(1)


if __name__ == "__main__":
    main()
