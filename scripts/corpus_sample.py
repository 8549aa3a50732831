"""Sample corpus articles, extract, and print a review sheet (issue 6's hand check).

Usage: python scripts/corpus_sample.py [--size 300] [--review 30] [--seed 7]

Prints the share of sampled articles that yield at least one event, events per article, the
event types, and, for ``--review`` of the articles with events, each event with the words
that support it, for a reader to judge.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter

from rasd.config import load_config
from rasd.io import read_articles
from rasd.pipeline import extract
from rasd.resources import load_resources
from rasd.types import Article, Event


def _sample(size: int, seed: int) -> list[Article]:
    config = load_config()
    path = config.require_data_dir() / "corpus" / "news_ar_conflict.jsonl.gz"
    articles = [a for a in read_articles([str(path)]) if isinstance(a, Article)]
    return random.Random(seed).sample(articles, size)


def _quote(event: Event, name: str) -> str:
    return " | ".join(dict.fromkeys(e.text for e in event.evidence if e.field == name))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=300)
    parser.add_argument("--review", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    config = load_config()
    resources = load_resources(config)
    results = [(a, extract(a, resources, config)) for a in _sample(args.size, args.seed)]
    with_events = [(a, e) for a, e in results if e]
    types = Counter(f"{x.event_type}/{x.sub_event_type}" for _, events in results for x in events)
    summary = {
        "sampled": len(results),
        "articles_with_events": len(with_events),
        "share_with_events": round(len(with_events) / len(results), 3),
        "events": sum(len(e) for _, e in results),
        "types": dict(types.most_common()),
    }
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    for article, events in with_events[: args.review]:
        print(f"\n### {article.id} ({article.published}, {article.source}) {article.title or ''}")
        for event in events:
            print(
                f"- {event.event_date} {event.sub_event_type} | {event.actor1} | {event.actor2} "
                f"| {event.location} ({event.admin1}) p{event.geo_precision} | F{event.fatalities}"
            )
            print(
                f"  trigger: {_quote(event, 'sub_event_type')} | place: {_quote(event, 'location')}"
            )
            print(f"  window: {_quote(event, 'notes')[:300]}")


if __name__ == "__main__":
    main()
