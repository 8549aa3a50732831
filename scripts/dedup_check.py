"""Merge check: how many events merge across sources on a store, and merges to check by hand.

Run on the store ``scripts/bench_store.py --database PATH`` leaves (the whole corpus):

    python scripts/dedup_check.py --database /tmp/bench.sqlite --sample 30

Prints the counts (events, merged events, groups by size, links by outlet, near-duplicate
articles) and, for a seeded random sample of merged events with two or more reports, each
report's outlet, date, place, actors, link reason and evidence, for the table in
docs/dedup_check.md.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import text

from rasd.store.base import MergedEvent
from rasd.store.sqlite import SQLiteStore

GROUP_SIZES = """
SELECT group_id, COUNT(*) AS size, COUNT(DISTINCT source) AS outlets
FROM events GROUP BY group_id HAVING COUNT(*) > 1
"""
SAME_OUTLET_LINKS = """
SELECT COUNT(*) FROM merge_links l JOIN events m ON m.event_id = l.event_id
JOIN events a ON a.event_id = l.group_id WHERE m.source = a.source
"""
COPY_LINKS = "SELECT COUNT(*) FROM merge_links WHERE rule LIKE '%near-duplicate%'"


def statistics(store: SQLiteStore) -> tuple[dict[str, Any], list[str]]:
    """Counts of the merges, and the ids of merged events with two or more reports."""
    with store.engine.connect() as conn:
        groups = conn.execute(text(GROUP_SIZES)).all()
        same_outlet = conn.scalar(text(SAME_OUTLET_LINKS))
        copies = conn.scalar(text(COPY_LINKS))
    counts = store.counts()
    sizes = Counter(min(row.size, 6) for row in groups)
    figures = {
        **counts,
        "merged_events_with_2_or_more_reports": len(groups),
        "reports_in_them": sum(row.size for row in groups),
        "with_2_or_more_outlets": sum(1 for row in groups if row.outlets > 1),
        "group_sizes (6 = 6 or more)": dict(sorted(sizes.items())),
        "links_within_one_outlet": same_outlet,
        "links_between_near_duplicate_articles": copies,
    }
    return figures, sorted(row.group_id for row in groups)


def describe(store: SQLiteStore, event: MergedEvent) -> str:
    """One merged event and its reports, for reading."""
    record = event.record
    lines = [
        f"## {event.event_id}: {record['sub_event_type']} | {record['location']} "
        f"({record['admin1']}, {record['country']}) | {record['event_date']}",
        f"sources: {record['source']} | scale: {record['source_scale']}",
    ]
    for member in event.members:
        own = member.record
        article = store.article(member.article_id)
        title = (article.title or "") if article else ""
        lines.append(
            f"- {member.article_id} [{member.source}, published {member.published}] "
            f"date {own['event_date']} prec {own['time_precision']}, {own['location']} "
            f"geo {own['geo_precision']}, actors {own['actor1']!r} / {own['actor2']!r}, "
            f"fat {own['fatalities']}; {member.link_reason or 'anchor'}"
        )
        lines.append(f"  title: {title}")
        for span in own.get("evidence", []):
            lines.append(f"  {span['field']}: {span['text']}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", type=Path, required=True)
    parser.add_argument("--sample", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    store = SQLiteStore(args.database)
    figures, groups = statistics(store)
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    for group_id in random.Random(args.seed).sample(groups, min(args.sample, len(groups))):
        event = store.event(group_id)
        if event is not None:
            print(describe(store, event), end="\n\n")
    store.close()


if __name__ == "__main__":
    main()
