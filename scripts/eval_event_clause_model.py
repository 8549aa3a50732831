"""Dev-set effect of the event-clause model: drafts it finds unlikely are dropped.

Usage:
    RASD_CACHE=/tmp/rasd-cache python scripts/eval_event_clause_model.py \
        [GOLD.jsonl] [--model PATH] [--thresholds 0.1,0.2,...] [--show 0.3]

assemble.py is not changed: ``rasd.pipeline.build_drafts`` is wrapped for the run so that a
draft whose window has a probability below the threshold is left out (the integration this
measures is one line in ``assemble.build_drafts``). Prints ``rasd.evaluate.score`` for the
baseline and each threshold, the model's load time and its cost per draft; ``--show T`` lists
the drafts dropped at threshold T with their window, for a reader to judge.

The dev set is for choosing one threshold only: nothing here is trained on it.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

from rasd import pipeline
from rasd.config import Config, load_config
from rasd.evaluate import FIELDS, Score, read_gold, score
from rasd.io import event_record, read_articles
from rasd.resources import Resources, data_path, load_resources
from rasd.stages.assemble import Context, Draft, build_drafts
from rasd.stages.mentions import ArticleMentions, Clause
from rasd.stages.relevance import EventClauseModel, read_model
from rasd.types import Article

DEFAULT_MODEL = "models/event_clause-v1.json"
DEFAULT_THRESHOLDS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
BuildDrafts = Callable[[Context], list[Draft]]


@dataclass(frozen=True, slots=True)
class Dropped:
    """A draft the model left out."""

    article_id: str
    probability: float
    sub_event_type: str
    window: str


def filtered(
    build: BuildDrafts, model: EventClauseModel, threshold: float, dropped: list[Dropped]
) -> BuildDrafts:
    """``build`` keeping only drafts whose window the model scores at ``threshold`` or more;
    the others are appended to ``dropped``."""

    def build_filtered(ctx: Context) -> list[Draft]:
        kept = []
        for draft in build(ctx):
            p = model.clause_probability(ctx.mentions, draft.clause)
            if p >= threshold:
                kept.append(draft)
            else:
                dropped.append(_dropped(ctx, draft, p))
        return kept

    return build_filtered


def _dropped(ctx: Context, draft: Draft, probability: float) -> Dropped:
    start, end = ctx.mentions.original_span(draft.clause.first, draft.clause.last)
    return Dropped(
        ctx.mentions.article.id,
        probability,
        draft.classification.sub_event_type,
        ctx.mentions.article.text[start:end],
    )


@contextmanager
def drafts_built_by(build: BuildDrafts) -> Iterator[None]:
    """Run ``pipeline.extract`` with another draft builder (restored on exit)."""
    with mock.patch.object(pipeline, "build_drafts", build):
        yield


def extract_all(articles: Sequence[Article], resources: Resources, config: Config) -> list[Any]:
    """Event records of every article, as ``rasd eval`` writes them."""
    return [event_record(e) for a in articles for e in pipeline.extract(a, resources, config)]


def run(
    articles: Sequence[Article],
    gold: Sequence[dict[str, Any]],
    resources: Resources,
    config: Config,
    build: BuildDrafts,
) -> Score:
    with drafts_built_by(build):
        return score(gold, extract_all(articles, resources, config), show=True)


def changes(baseline: Score, result: Score) -> list[str]:
    """Misses and false positives that differ from the baseline ("+" new, "-" gone)."""
    before = {line for line in baseline.lines if line[:2] in ("FN", "FP")}
    after = {line for line in result.lines if line[:2] in ("FN", "FP")}
    return sorted(f"+ {x}" for x in after - before) + sorted(f"- {x}" for x in before - after)


def row(name: str, result: Score) -> str:
    """One Markdown table row: counts, P/R/F1 and field accuracies."""
    fields = [result.field_accuracy(f) for f in FIELDS]
    cells = [
        name,
        str(result.tp),
        str(result.fp),
        str(result.fn),
        f"{result.precision:.3f}",
        f"{result.recall:.3f}",
        f"{result.f1:.3f}",
        *("n/a" if a is None else f"{a:.3f}" for a in fields),
    ]
    return "| " + " | ".join(cells) + " |"


def header() -> str:
    names = ["threshold", "tp", "fp", "fn", "P", "R", "F1", *FIELDS]
    return "| " + " | ".join(names) + " |\n|" + "---|" * len(names)


def scored_windows(
    articles: Sequence[Article], resources: Resources, config: Config
) -> list[tuple[ArticleMentions, Clause]]:
    """The windows of every draft extraction builds (what the model would score)."""
    found: list[tuple[ArticleMentions, Clause]] = []

    def collect(ctx: Context) -> list[Draft]:
        drafts = pipeline_build(ctx)
        found.extend((ctx.mentions, d.clause) for d in drafts)
        return drafts

    with drafts_built_by(collect):
        extract_all(articles, resources, config)
    return found


def cost_per_window(
    windows: Sequence[tuple[ArticleMentions, Clause]], model: EventClauseModel, passes: int = 3
) -> tuple[float, float]:
    """Mean microseconds to score one window: first pass (cold word cache), best later pass."""
    times = []
    for _ in range(passes + 1):
        started = time.perf_counter()
        for mentions, clause in windows:
            model.clause_probability(mentions, clause)
        times.append(1e6 * (time.perf_counter() - started) / max(1, len(windows)))
    return times[0], min(times[1:])


pipeline_build: BuildDrafts = build_drafts  # what pipeline.extract calls unpatched


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", nargs="?", type=Path, default=None)
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument(
        "--thresholds", default=",".join(map(str, DEFAULT_THRESHOLDS)), help="comma-separated"
    )
    parser.add_argument("--show", type=float, default=None, help="list drafts dropped here")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    config = load_config()
    gold_path = args.gold or config.require_data_dir() / "dev" / "gold.jsonl"
    started = time.perf_counter()
    model = read_model(args.model or data_path(DEFAULT_MODEL))
    loaded_ms = 1e3 * (time.perf_counter() - started)
    resources = load_resources(config)
    gold = read_gold(gold_path)
    articles = [a for a in read_articles([str(gold_path)]) if isinstance(a, Article)]
    print(f"model {model.info.version} ({model.info.created}, {len(model.weights)} weights)")
    print(header())
    baseline = run(articles, gold, resources, config, pipeline_build)
    print(row("baseline", baseline))
    dropped: dict[float, list[Dropped]] = {}
    changed: dict[float, list[str]] = {}
    for threshold in (float(t) for t in args.thresholds.split(",")):
        build = filtered(pipeline_build, model, threshold, dropped.setdefault(threshold, []))
        result = run(articles, gold, resources, config, build)
        changed[threshold] = changes(baseline, result)
        print(row(f"{threshold:.2f} ({len(dropped[threshold])} dropped)", result))
    windows = scored_windows(articles, resources, config)
    cold, warm = cost_per_window(windows, model)
    print(
        f"\nmodel load {loaded_ms:.1f} ms; {len(windows)} drafts scored, "
        f"{cold:.0f} µs each on the first pass, {warm:.0f} µs after"
    )
    if args.show is not None:
        show(dropped.get(args.show, []), changed.get(args.show, []))


def show(dropped: Sequence[Dropped], changed: Sequence[str]) -> None:
    """The drafts dropped at one threshold, and how misses and false positives changed."""
    print("\ndrafts dropped:")
    for item in dropped:
        print(f"- {item.article_id} p={item.probability:.2f} {item.sub_event_type}: {item.window}")
    print("\nchanges against the baseline (+ new, - gone):")
    for line in changed:
        print(line)


if __name__ == "__main__":
    main()
