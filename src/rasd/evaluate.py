"""Scoring against a gold file in the format of ../shared/dev/gold.jsonl.

The rules are those of ../shared/tools/score.py, which the held-out evaluation uses unchanged
(a test runs both on the same predictions and compares): within an article a prediction pairs
with the nearest unmatched gold event of the same event type (or whose alternative sub-types
hold the predicted one) within 50 km, or in the same admin1 when a side lacks coordinates;
among candidates, the same day and then the same sub-type are preferred. Optional gold events
(``required: false``) count neither as misses nor, when found, as false positives.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FIELDS = (
    "sub_event_type",
    "actor1",
    "actor2",
    "admin1",
    "location_10km",
    "event_date",
    "fatalities",
)
MATCH_KM = 50.0
ADMIN1_ALIASES = {
    "idleb": "idlib",
    "dara": "daraa",
    "lattakia": "latakia",
    "tartous": "tartus",
    "ruraldamascus": "rifdimashq",
    "damascuscountryside": "rifdimashq",
    "hasakeh": "hasakah",
    "hasaka": "hasakah",
    "sweida": "suwayda",
    "suwaida": "suwayda",
    "dayrazzawr": "deirezzor",
    "deirazzor": "deirezzor",
}


@dataclass
class Score:
    """Event-level counts and per-field accuracy over matched events."""

    articles: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    field_good: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    field_total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    lines: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def field_accuracy(self, name: str) -> float | None:
        total = self.field_total[name]
        return self.field_good[name] / total if total else None

    def as_dict(self) -> dict[str, Any]:
        """The same keys and rounding as score.py prints."""
        out: dict[str, Any] = {
            "articles": self.articles,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "matched": self.field_total[FIELDS[0]],
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
        }
        for name in FIELDS:
            accuracy = self.field_accuracy(name)
            out[name] = None if accuracy is None else round(accuracy, 3)
        return out


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in kilometres."""
    (la1, lo1), (la2, lo2) = a, b
    p = math.pi / 180
    h = (
        math.sin((la2 - la1) * p / 2) ** 2
        + math.cos(la1 * p) * math.cos(la2 * p) * math.sin((lo2 - lo1) * p / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(h))


def norm_actor(name: str | None) -> str:
    """An actor name without bracketed dates or an ``ACRONYM:`` prefix, lower-cased."""
    if not name:
        return ""
    name = re.sub(r"\([^)]*\)", "", name)
    if ":" in name:
        name = name.split(":", 1)[1]
    return re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()


def actor_ok(predicted: str | None, gold: Sequence[str]) -> bool:
    """Whether a predicted actor matches one of the acceptable gold names."""
    p = norm_actor(predicted)
    options = {norm_actor(n) for n in gold if n}
    if not options:
        return not p
    return any(p == g or (g and p.startswith(g + " ")) for g in options)


def norm_admin(name: str | None) -> str:
    """Admin1 name folded for comparison ("Al-Hasakah" == "hasakah")."""
    s = re.sub(r"^(al|el|ad|ar|as|ash|at|az|an)[ -]", "", (name or "").lower().replace("'", ""))
    s = re.sub(r"[^a-z]", "", s)
    return ADMIN1_ALIASES.get(s, s)


def as_list(value: Any) -> list[Any]:
    """A value as a list (None -> [])."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def coords(event: Mapping[str, Any]) -> tuple[float, float] | None:
    """(latitude, longitude) of an event, or None."""
    try:
        return float(event.get("latitude")), float(event.get("longitude"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def closeness(pred: Mapping[str, Any], gold: Mapping[str, Any]) -> float | None:
    """A distance-like cost of pairing, or None where the pair may not match."""
    same_type = pred.get("event_type") == gold.get("event_type")
    if not same_type and pred.get("sub_event_type") not in as_list(gold.get("alt_sub_event_types")):
        return None
    tie = (0 if pred.get("event_date") in as_list(gold.get("event_date")) else 100) + (
        0 if pred.get("sub_event_type") == gold.get("sub_event_type") else 50
    )
    pc, gc = coords(pred), coords(gold)
    if pc and gc:
        distance = km(pc, gc)
        return distance + tie if distance <= MATCH_KM else None
    if gold.get("admin1") and norm_admin(pred.get("admin1")) == norm_admin(gold.get("admin1")):
        return 49.0 + tie
    return None


def score(
    gold_articles: Sequence[Mapping[str, Any]],
    predictions: Iterable[Mapping[str, Any]],
    *,
    show: bool = False,
) -> Score:
    """Score predicted event records against gold articles."""
    by_article: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for prediction in predictions:
        by_article[str(prediction.get("article_id"))].append(prediction)
    result = Score(articles=len(gold_articles))
    for article in gold_articles:
        _score_article(article, by_article.get(str(article["id"]), []), result, show)
    return result


def _score_article(
    article: Mapping[str, Any], preds: Sequence[Mapping[str, Any]], result: Score, show: bool
) -> None:
    golds = article.get("events", [])
    pairs = sorted(
        (cost, i, j)
        for i, p in enumerate(preds)
        for j, g in enumerate(golds)
        if (cost := closeness(p, g)) is not None
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    matched = []
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            matched.append((preds[i], golds[j]))
    for i, p in enumerate(preds):
        if i not in used_p:
            result.fp += 1
            if show:
                result.lines.append(
                    f"FP {article['id']}: {p.get('event_type')}/"
                    f"{p.get('sub_event_type')} {p.get('location')}"
                )
    for j, g in enumerate(golds):
        if j not in used_g and g.get("required", True):
            result.fn += 1
            if show:
                result.lines.append(
                    f"FN {article['id']}: {g.get('event_type')}/"
                    f"{g.get('sub_event_type')} {g.get('location')}"
                )
    for p, g in matched:
        if g.get("required", True):
            result.tp += 1
        for name, ok in _field_checks(p, g).items():
            result.field_good[name] += int(ok)
            result.field_total[name] += 1
            if show and not ok:
                key = "location" if name == "location_10km" else name
                result.lines.append(
                    f"  {article['id']} {name}: pred={p.get(key)!r} gold={g.get(key)!r}"
                )


def _field_checks(p: Mapping[str, Any], g: Mapping[str, Any]) -> dict[str, bool]:
    pc, gc = coords(p), coords(g)
    return {
        "sub_event_type": p.get("sub_event_type")
        in [g.get("sub_event_type"), *as_list(g.get("alt_sub_event_types"))],
        "actor1": actor_ok(p.get("actor1"), as_list(g.get("actor1"))),
        "actor2": actor_ok(p.get("actor2"), as_list(g.get("actor2"))),
        "admin1": norm_admin(p.get("admin1")) == norm_admin(g.get("admin1")),
        "location_10km": bool(pc and gc and km(pc, gc) <= 10),
        "event_date": p.get("event_date") in as_list(g.get("event_date")),
        "fatalities": int(p.get("fatalities") or 0) == int(g.get("fatalities") or 0),
    }


def read_gold(path: Path) -> list[dict[str, Any]]:
    """Gold articles, one JSON object a line."""
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def format_table(result: Score) -> str:
    """The score as a Markdown table (what the README quotes)."""
    rows = [
        ("articles", str(result.articles)),
        ("gold events found / missed (required)", f"{result.tp} / {result.fn}"),
        ("false positives", str(result.fp)),
        ("event precision", f"{result.precision:.3f}"),
        ("event recall", f"{result.recall:.3f}"),
        ("event F1", f"{result.f1:.3f}"),
        ("matched events (incl. optional)", str(result.field_total[FIELDS[0]])),
    ]
    for name in FIELDS:
        accuracy = result.field_accuracy(name)
        rows.append((f"{name} (share correct)", "n/a" if accuracy is None else f"{accuracy:.3f}"))
    width = max(len(r[0]) for r in rows)
    lines = [f"| {'measure'.ljust(width)} | value |", f"|{'-' * (width + 2)}|-------|"]
    lines += [f"| {name.ljust(width)} | {value} |" for name, value in rows]
    return "\n".join(lines)
