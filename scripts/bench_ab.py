"""Compare the extraction speed of two versions of rasd on this machine, in alternation.

Usage: python scripts/bench_ab.py OLD_COMMIT [--articles 2000] [--rounds 2] [--compiled]

The old commit is checked out as a temporary git worktree and imported through PYTHONPATH;
the working tree is the new version. With ``--compiled`` both versions are first built with
mypyc into temporary directories (as ``make compiled`` does; run it with an interpreter that
has mypy, e.g. ``.venv-compiled/bin/python``, a few minutes per build) and those are timed.
Each round runs both, in turn (old then new, and new then old in the next round), each in a
fresh process that extracts the first N corpus articles twice and times the second pass
(process time, caches warm). A shared, noisy machine changes speed by a third from one run to
the next; alternating and reporting the ratio of each pair is what makes two versions
comparable. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# runs inside the child process: extract N articles twice, time the second pass
CHILD = """
import json, sys, time
from rasd.config import load_config
from rasd.io import read_articles
from rasd.pipeline import extract
from rasd.resources import load_resources
from rasd.types import Article
config = load_config()
resources = load_resources(config)
path = config.require_data_dir() / "corpus" / "news_ar_conflict.jsonl.gz"
articles = [a for a in read_articles([str(path)]) if isinstance(a, Article)][: int(sys.argv[1])]
for a in articles:
    extract(a, resources, config)
start = time.process_time()
for a in articles:
    extract(a, resources, config)
rate = len(articles) / (time.process_time() - start)
import rasd
print(json.dumps({"rate": rate, "compiled": rasd.compiled()}))
"""


def _rate(src: Path, articles: int, compiled: bool) -> float:
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(articles)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"bench_ab: extraction with {src} failed:\n{done.stderr.strip()}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if result["compiled"] != compiled:
        sys.exit(f"bench_ab: the rasd imported from {src} is not the build asked for")
    return float(result["rate"])


def _compiled_build(source: Path, into: Path) -> Path:
    """rasd from the tree ``source`` compiled with mypyc into the directory ``into``."""
    done = subprocess.run(
        [
            *(sys.executable, "-m", "pip", "install", "-q", "--no-build-isolation", "--no-deps"),
            *("--target", str(into), str(source)),
        ],
        env={**os.environ, "RASD_COMPILE": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"bench_ab: the compiled build of {source} failed:\n{done.stderr.strip()}")
    return into


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("old", help="the commit to compare the working tree against")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument(
        "--compiled", action="store_true", help="build both versions with mypyc and time those"
    )
    args = parser.parse_args()
    pairs: list[dict[str, float]] = []
    orders: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        old_tree = Path(tmp) / "old"
        added = subprocess.run(
            ["git", "-C", str(REPO), "worktree", "add", "-q", "--detach", str(old_tree), args.old],
            capture_output=True,
            text=True,
            check=False,
        )
        if added.returncode != 0:
            sys.exit(f"bench_ab: cannot check out {args.old!r}: {added.stderr.strip()}")
        try:
            sources = (
                {
                    "old": _compiled_build(old_tree, Path(tmp) / "old-build"),
                    "new": _compiled_build(REPO, Path(tmp) / "new-build"),
                }
                if args.compiled
                else {"old": old_tree / "src", "new": REPO / "src"}
            )
            for round_ in range(args.rounds):
                order = ("old", "new") if round_ % 2 == 0 else ("new", "old")
                rates = {}
                for which in order:
                    rates[which] = _rate(sources[which], args.articles, args.compiled)
                pairs.append({k: round(v, 1) for k, v in rates.items()})
                orders.append(order)
        finally:
            subprocess.run(
                ["git", "-C", str(REPO), "worktree", "remove", "--force", str(old_tree)],
                check=False,
            )
    ratios = [round(p["new"] / p["old"], 2) for p in pairs]
    print(
        json.dumps(
            {
                "old": args.old,
                "build": "compiled (mypyc)" if args.compiled else "pure Python",
                "articles": args.articles,
                "pairs": [{**p, "first": o[0]} for p, o in zip(pairs, orders, strict=True)],
                "new_over_old": ratios,
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
