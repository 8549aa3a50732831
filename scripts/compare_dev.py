"""Side-by-side gold and predicted events per article (a development aid).

Usage: python scripts/compare_dev.py GOLD.jsonl PRED.jsonl [ARTICLE_ID_SUBSTRING ...]
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict


def _short(event: dict[str, object], gold: bool) -> str:
    actor1 = event.get("actor1")
    actor2 = event.get("actor2")
    if gold:
        actor1 = (actor1 or [""])[0]  # type: ignore[index]
        actor2 = (actor2 or [""])[0] if actor2 else ""  # type: ignore[index]
    req = "" if not gold else (" req" if event.get("required", True) else " opt")
    return (
        f"{event.get('event_date')} {event.get('sub_event_type')} | {actor1} | {actor2} | "
        f"{event.get('location')} p{event.get('geo_precision')} | F{event.get('fatalities')}{req}"
    )


def main() -> None:
    gold_path, pred_path, *filters = sys.argv[1:]
    preds: dict[str, list[dict[str, object]]] = defaultdict(list)
    with open(pred_path, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            preds[str(record["article_id"])].append(record)
    with open(gold_path, encoding="utf-8") as handle:
        for line in handle:
            article = json.loads(line)
            if filters and not any(f in article["id"] for f in filters):
                continue
            print(f"=== {article['id']} ({article.get('published')})")
            for event in article.get("events", []):
                print("  G", _short(event, True))
            for event in preds.get(article["id"], []):
                evidence: list[dict[str, str]] = event.get("evidence", [])  # type: ignore[assignment]
                where = [
                    e["text"] for e in evidence if e["field"] in ("sub_event_type", "location")
                ]
                print("  P", _short(event, False), where[:4])


if __name__ == "__main__":
    main()
