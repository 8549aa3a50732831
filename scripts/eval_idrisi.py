"""Score rasd's Arabic geoparsing on IDRISI: location mentions in disaster tweets.

Usage: ``RASD_CACHE=... .venv/bin/python scripts/eval_idrisi.py [--archive PATH] [--limit N]
[--show N]``

The archive (``../shared/corpora/geo/IDRISI_AR.tar.gz``, the Arabic part of rsuwaileh/IDRISI)
is read member by member with ``tarfile``; nothing is extracted to disk. Its last member (a
silver file this script does not use) is cut short, so reading stops at the first damaged
member and the summary says where.

Two gold sets, both human-labelled (test partitions are not released, so train and dev are
used; rasd was never tuned on them):

- LMR (recognition): ``LMR/data/AR/gold-{random,timebased}-json/<event>/{train,dev}.jsonl``.
  The two setups hold the same annotation for the tweets they share, so their union (one
  record per tweet id) is scored. Mentions carry a span (``startIdx``/``endIdx``) and a type:
  CTRY, PROV (state/governorate), CITY, DIST (district), NBHD, ST (street/road), HPOI and NPOI
  (human-made and natural points of interest), OTHR.
- LMD (resolution): ``LMD/data/AR/<event>/{train,dev}.jsonl``. Mentions carry the annotator's
  OpenStreetMap object with Nominatim's ``lat``/``lon``: these are the gold coordinates (an
  OSM point or Nominatim's representative point of a polygon). Repeated tweet records and
  repeated spans are kept once.

Recognition runs rasd's mention finder and resolver on each tweet text (no preprocessing:
hashtags, URLs and "@000" user placeholders are left as they are) and compares the place spans
with the gold spans, one-to-one: strict (the same character span) and relaxed (overlapping
spans, most overlap first). It is scored for the places rasd finds (``found``) and for those
it keeps after its plausibility check (``kept``: what the pipeline uses).

Resolution: each LMD gold mention is paired with the kept rasd place whose span matches it
(else overlaps it most); the error is the great-circle distance from the gazetteer entry rasd
chose to the gold point (one rasd place may serve two nested gold mentions, "مرفأ بيروت" and
"بيروت"). Acc@10 and Acc@161 are given over all gold mentions (a mention rasd missed or
dropped counts as wrong) and over those rasd resolved, with the median error.

In-scope subset. rasd's gazetteer holds countries, admin units, towns, villages and
neighbourhoods of 25 countries (those with a country entry in the gazetteer), plus a few
curated conflict sites. A gold mention is in scope when its type is PROV, CITY, DIST or NBHD
and its country (known for LMD mentions, and for LMR mentions the LMD annotation links) is one
of the covered countries. Countries (CTRY) are left out because a country is never an event
location, streets and points of interest because the gazetteer does not hold them. In the
subset a prediction is set aside (neither right nor wrong) when it overlaps only out-of-scope
gold, or overlaps no gold and rasd read it as a country.

Hashtags. The annotators labelled most places written as a hashtag of their own ("#الكويت")
but few inside compound hashtags ("#امطار_الكويت"): of the places rasd keeps inside compound
hashtags only about one in seven overlaps a gold span. Recognition is therefore also given
``outside_hashtags``: gold and predicted spans that start inside a hashtag are left out on
both sides. Acc@10 means little for areas (CTRY, PROV): the gold point is Nominatim's, rasd's
is its gazetteer's, and they can be tens of km apart for the same area.

The JSON summary goes to standard output; ``--show N`` writes the N most frequent patterns of
each error kind (in-scope gold missed, kept places with no gold outside hashtags, resolutions
more than 161 km off), one example each, to standard error. The output is deterministic;
``--limit N`` scores a fixed sample of N tweets of each gold set.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import math
import re
import sys
import tarfile
import time
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from rasd.config import load_config
from rasd.gazetteer import Gazetteer
from rasd.pipeline import actor_country_hints
from rasd.resources import Resources, gazetteer_path, load_resources
from rasd.stages.geolocate import resolve_places
from rasd.stages.mentions import find_mentions
from rasd.stages.segment import segment
from rasd.types import Article

ARCHIVE = Path("corpora/geo/IDRISI_AR.tar.gz")
"""The archive, relative to the reference data directory (RASD_DATA, default ../shared)."""
LMR_MEMBER = re.compile(r"/LMR/data/AR/gold-(random|timebased)-json/([^/]+)/(train|dev)\.jsonl$")
LMD_MEMBER = re.compile(r"/LMD/data/AR/([^/]+)/(train|dev)\.jsonl$")
LMD_TYPES = {
    "Country": "CTRY",
    "Province": "PROV",
    "City/town": "CITY",
    "District": "DIST",
    "Neighborhood": "NBHD",
    "Road/street": "ST",
    "Human-made Point-of-Interest": "HPOI",
    "Natural Point-of-Interest": "NPOI",
    "Other locations": "OTHR",
}
SCOPE_TYPES = frozenset({"PROV", "CITY", "DIST", "NBHD"})
NEAR_KM = 10.0
ACC_KM = 161.0  # 100 miles, the usual geoparsing threshold
EARTH_KM = 6371.0088
SNIPPET = 45


@dataclass(frozen=True, slots=True)
class GoldMention:
    """A gold location mention: offsets into the tweet text."""

    start: int
    end: int
    text: str
    type: str
    """LMR type code (CTRY, PROV, CITY, DIST, NBHD, ST, HPOI, NPOI, OTHR)."""
    country: str = ""
    """ISO code from the OSM annotation, upper case; empty when unknown."""
    point: tuple[float, float] | None = None
    """Gold (latitude, longitude), LMD only."""
    label: str = ""
    """OSM display name, LMD only."""


@dataclass(frozen=True, slots=True)
class Tweet:
    """One annotated tweet."""

    tweet_id: str
    event: str
    text: str
    published: date | None
    mentions: tuple[GoldMention, ...]
    splits: tuple[str, ...] = ()
    """Where the tweet appears, e.g. ``random/train``, ``timebased/dev``."""


@dataclass(frozen=True, slots=True)
class Predicted:
    """A place rasd found, by offsets into the tweet text, with its resolution if kept."""

    start: int
    end: int
    text: str
    kept: bool
    point: tuple[float, float] | None = None
    name: str = ""
    country: str = ""
    feature: str = ""
    """Feature of the chosen entry; for a place not kept, of its best-known candidate."""
    explanation: str = ""
    abroad: bool = False
    """Resolved to a place outside the covered region (abroad.yaml), which rasd never codes."""


@dataclass(frozen=True, slots=True)
class Counts:
    """Recognition counts, summable over tweets."""

    gold: int = 0
    predicted: int = 0
    strict: int = 0
    relaxed: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.gold + other.gold,
            self.predicted + other.predicted,
            self.strict + other.strict,
            self.relaxed + other.relaxed,
        )


@dataclass(frozen=True, slots=True)
class Outcome:
    """What rasd made of one gold mention that has coordinates."""

    tweet: Tweet
    gold: GoldMention
    status: str
    """``resolved``, ``dropped`` (found, then rejected as implausible) or ``missed``."""
    predicted: Predicted | None = None
    error_km: float | None = None


@dataclass
class Archive:
    """The members of the archive this script reads, by name."""

    files: dict[str, bytes] = field(default_factory=dict)
    damaged: str = ""
    """Why reading stopped early, if it did."""


# --- reading the archive -------------------------------------------------------------------


def wanted(name: str) -> bool:
    """Members the evaluation reads: the READMEs and the gold JSONL files."""
    return (
        name.endswith("README.md")
        or LMR_MEMBER.search(name) is not None
        or LMD_MEMBER.search(name) is not None
    )


def read_archive(path: Path) -> Archive:
    """Read the wanted members, stopping cleanly where the archive is cut short."""
    archive = Archive()
    last = ""
    try:
        with tarfile.open(path, "r|gz") as tar:
            for member in tar:
                last = member.name
                if member.isfile() and wanted(member.name):
                    handle = tar.extractfile(member)
                    if handle is not None:
                        archive.files[member.name] = handle.read()
    except (tarfile.ReadError, EOFError, zlib.error, OSError) as exc:
        archive.damaged = f"reading stopped at or after {last!r}: {exc}"
    return archive


def jsonl(data: bytes) -> Iterable[dict[str, Any]]:
    """Records of a JSONL file."""
    for line in io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"):
        if line.strip():
            yield json.loads(line)


def published(created_at: str) -> date | None:
    """The day of a Twitter ``created_at`` value ("Tue Aug 04 20:30:45 +0000 2020")."""
    try:
        return datetime.strptime(created_at, "%a %b %d %H:%M:%S %z %Y").date()
    except (TypeError, ValueError):
        return None


def unique_spans(mentions: Iterable[GoldMention]) -> tuple[GoldMention, ...]:
    """Mentions with one entry per span (the first), in text order."""
    seen: dict[tuple[int, int], GoldMention] = {}
    for mention in mentions:
        seen.setdefault((mention.start, mention.end), mention)
    return tuple(sorted(seen.values(), key=lambda m: (m.start, m.end)))


def lmr_mention(raw: Mapping[str, Any]) -> GoldMention:
    """A gold mention from an LMR record."""
    return GoldMention(int(raw["startIdx"]), int(raw["endIdx"]), str(raw["text"]), str(raw["type"]))


def lmd_mention(raw: Mapping[str, Any]) -> GoldMention:
    """A gold mention with coordinates from an LMD record."""
    osm = raw.get("osm_json") or {}
    point = None
    if osm.get("lat") not in (None, "") and osm.get("lon") not in (None, ""):
        point = (float(osm["lat"]), float(osm["lon"]))
    country = str((osm.get("address") or {}).get("country_code") or "").upper()
    return GoldMention(
        int(raw["start_offset"]),
        int(raw["end_offset"]),
        str(raw["text"]),
        LMD_TYPES.get(str(raw["type"]), "OTHR"),
        country,
        point,
        str(osm.get("display_name") or ""),
    )


def tweet_of(
    record: Mapping[str, Any],
    event: str,
    make: Callable[[Mapping[str, Any]], GoldMention],
    split: str = "",
) -> tuple[Tweet, int]:
    """A Tweet and how many of its gold mentions were dropped for a span/text mismatch."""
    text = str(record["text"])
    mentions = [make(m) for m in record.get("location_mentions") or []]
    good = [m for m in mentions if text[m.start : m.end] == m.text]
    tweet = Tweet(
        str(record["tweet_id"]),
        event,
        text,
        published(str(record.get("created_at", ""))),
        unique_spans(good),
        (split,) if split else (),
    )
    return tweet, len(mentions) - len(good)


def load_lmr(archive: Archive, notes: Counter[str]) -> list[Tweet]:
    """The LMR gold tweets: random and time-based setups, one record per tweet id."""
    tweets: dict[str, Tweet] = {}
    for name in sorted(archive.files):
        found = LMR_MEMBER.search(name)
        if found is None:
            continue
        setup, event, part = found.groups()
        for record in jsonl(archive.files[name]):
            tweet, bad = tweet_of(record, event, lmr_mention, f"{setup}/{part}")
            known = tweets.get(tweet.tweet_id)
            if known is None:
                tweets[tweet.tweet_id] = tweet
                notes["lmr_mentions_text_mismatch"] += bad
            else:
                notes["lmr_records_in_both_setups"] += 1
                tweets[tweet.tweet_id] = replace(known, splits=known.splits + tweet.splits)
    return list(tweets.values())


def load_lmd(archive: Archive, notes: Counter[str]) -> list[Tweet]:
    """The LMD gold tweets (repeated records kept once)."""
    tweets: dict[str, Tweet] = {}
    for name in sorted(archive.files):
        found = LMD_MEMBER.search(name)
        if found is None:
            continue
        event, part = found.groups()
        for record in jsonl(archive.files[name]):
            raw_count = len(record.get("location_mentions") or [])
            tweet, bad = tweet_of(record, event, lmd_mention, part)
            if tweet.tweet_id in tweets:
                notes["lmd_repeated_records"] += 1
                continue
            tweets[tweet.tweet_id] = tweet
            notes["lmd_mentions_text_mismatch"] += bad
            notes["lmd_repeated_spans"] += raw_count - bad - len(tweet.mentions)
    return list(tweets.values())


def link_countries(lmr: Sequence[Tweet], lmd: Sequence[Tweet]) -> list[Tweet]:
    """LMR tweets whose mentions take the country of the LMD mention with the same span."""
    countries = {(t.tweet_id, m.start, m.end): m.country for t in lmd for m in t.mentions}
    return [
        replace(
            t,
            mentions=tuple(
                replace(m, country=countries.get((t.tweet_id, m.start, m.end), ""))
                for m in t.mentions
            ),
        )
        for t in lmr
    ]


def sample(tweets: Sequence[Tweet], limit: int | None) -> list[Tweet]:
    """Tweets in a fixed pseudo-random order (by a hash of the id), the first ``limit``."""
    ordered = sorted(tweets, key=lambda t: hashlib.sha256(t.tweet_id.encode()).hexdigest())
    return ordered if limit is None else ordered[:limit]


# --- running rasd --------------------------------------------------------------------------


def geoparse(tweet: Tweet, resources: Resources) -> list[Predicted]:
    """rasd's places in a tweet: mention finding, then resolution as the pipeline does it."""
    gazetteer = resources.gazetteer
    article = Article(tweet.tweet_id, tweet.text, published=tweet.published)
    found = find_mentions(
        article,
        segment(tweet.text),
        gazetteer=gazetteer,
        actors=resources.actors,
        triggers=resources.triggers,
        reporters=resources.reporters,
        lexicons=resources.lexicons,
    )
    hints = actor_country_hints(found, resources.actors)
    resolved = {
        (r.mention.first, r.mention.last): r
        for r in resolve_places(found.places, gazetteer, country_hints=hints)
    }
    predictions = []
    for mention in found.places:
        start, end = found.normalized.span_to_original(mention.start, mention.end)
        choice = resolved.get((mention.first, mention.last))
        best = max(mention.candidates, key=lambda i: gazetteer.places[i].rank)
        predicted = Predicted(
            start,
            end,
            tweet.text[start:end],
            kept=choice is not None,
            feature=gazetteer.places[best].feature,
        )
        if choice is not None:
            place = gazetteer.places[choice.index].place
            predicted = replace(
                predicted,
                point=(place.latitude, place.longitude),
                name=place.name,
                country=place.country_code,
                feature=place.feature,
                explanation=choice.explanation,
                abroad=gazetteer.places.abroad(choice.index),
            )
        predictions.append(predicted)
    return predictions


def covered_countries(gazetteer: Gazetteer) -> frozenset[str]:
    """Countries the gazetteer holds as countries (the ones rasd covers; not those abroad)."""
    places = gazetteer.places
    return frozenset(
        places[i].place.country_code
        for i in range(len(places))
        if places.feature(i) == "country" and not places.abroad(i)
    )


# --- scoring -------------------------------------------------------------------------------


def overlap(a: GoldMention | Predicted, b: GoldMention | Predicted) -> int:
    """Characters two spans share."""
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def match_spans(
    gold: Sequence[GoldMention], predicted: Sequence[Predicted], *, strict: bool
) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs: equal spans; or, relaxed, overlapping
    spans paired greedily, equal spans first, then the largest overlap, then the closest
    lengths (so "بيروت" pairs with the gold "بيروت" nested in "مرفأ بيروت", not the port)."""
    pairs = sorted(
        (_pair_rank(g, p), i, j)
        for i, g in enumerate(gold)
        for j, p in enumerate(predicted)
        if ((g.start, g.end) == (p.start, p.end) if strict else overlap(g, p) > 0)
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    matched = []
    for _, i, j in pairs:
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            matched.append((i, j))
    return sorted(matched)


def _pair_rank(gold: GoldMention, predicted: Predicted) -> tuple[bool, int, int]:
    """Sort key of a candidate pair: lower pairs first."""
    exact = (gold.start, gold.end) == (predicted.start, predicted.end)
    length_gap = abs((gold.end - gold.start) - (predicted.end - predicted.start))
    return not exact, -overlap(gold, predicted), length_gap


def count(gold: Sequence[GoldMention], predicted: Sequence[Predicted]) -> Counts:
    """Recognition counts for one tweet."""
    return Counts(
        len(gold),
        len(predicted),
        len(match_spans(gold, predicted, strict=True)),
        len(match_spans(gold, predicted, strict=False)),
    )


def in_scope(mention: GoldMention, covered: frozenset[str]) -> bool:
    """The subset rule: a settlement or admin type, in a covered country when known."""
    return mention.type in SCOPE_TYPES and (not mention.country or mention.country in covered)


def scope_view(
    gold: Sequence[GoldMention], predicted: Sequence[Predicted], covered: frozenset[str]
) -> tuple[list[GoldMention], list[Predicted]]:
    """In-scope gold, and the predictions not set aside: a prediction is set aside when it
    overlaps only out-of-scope gold, or no gold and rasd read it as a country or as a place
    outside the region."""
    inside = [g for g in gold if in_scope(g, covered)]
    outside = [g for g in gold if not in_scope(g, covered)]

    def counted(p: Predicted) -> bool:
        if any(overlap(g, p) for g in inside):
            return True
        return not any(overlap(g, p) for g in outside) and p.feature != "country" and not p.abroad

    return inside, [p for p in predicted if counted(p)]


def views(
    tweet: Tweet, predicted: Sequence[Predicted], covered: frozenset[str]
) -> dict[str, tuple[list[GoldMention], list[Predicted]]]:
    """(gold, predicted) of a tweet in each view: all mentions, the in-scope subset, and
    both without spans that start inside a hashtag (where the gold is sparse)."""

    def plain(spans: Sequence[Any]) -> list[Any]:
        return [s for s in spans if not in_hashtag(tweet.text, s.start)]

    scoped = scope_view(tweet.mentions, predicted, covered)
    return {
        "all": (list(tweet.mentions), list(predicted)),
        "in_scope": scoped,
        "all_outside_hashtags": (plain(tweet.mentions), plain(predicted)),
        "in_scope_outside_hashtags": (plain(scoped[0]), plain(scoped[1])),
    }


def ratios(counts: Counts) -> dict[str, Any]:
    """Precision, recall and F1, strict and relaxed."""
    result: dict[str, Any] = {"gold": counts.gold, "predicted": counts.predicted}
    for name, matched in (("strict", counts.strict), ("relaxed", counts.relaxed)):
        precision = matched / counts.predicted if counts.predicted else 0.0
        recall = matched / counts.gold if counts.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[name] = {
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1": round(f1, 3),
        }
    return result


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def outcome(tweet: Tweet, gold: GoldMention, predicted: Sequence[Predicted]) -> Outcome:
    """Pair a gold mention with rasd's place for the same (else the most overlapping) span."""
    touching = sorted(
        (p for p in predicted if overlap(gold, p)),
        key=lambda p: ((p.start, p.end) != (gold.start, gold.end), -overlap(gold, p), p.start),
    )
    kept = [p for p in touching if p.kept and p.point is not None]
    if kept and gold.point is not None:
        assert kept[0].point is not None
        return Outcome(tweet, gold, "resolved", kept[0], haversine_km(gold.point, kept[0].point))
    if touching:
        return Outcome(tweet, gold, "dropped", touching[0])
    return Outcome(tweet, gold, "missed")


def median(values: Sequence[float]) -> float | None:
    """The median, or None for no values."""
    ordered = sorted(values)
    if not ordered:
        return None
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def resolution_summary(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    """Acc@10, Acc@161 and median error over all gold mentions and over resolved ones."""
    errors = [o.error_km for o in outcomes if o.error_km is not None]
    statuses = Counter(o.status for o in outcomes)

    def share(limit: float, total: int) -> float:
        return round(sum(e <= limit for e in errors) / total, 3) if total else 0.0

    middle = median(errors)
    return {
        "gold": len(outcomes),
        "resolved": statuses["resolved"],
        "dropped": statuses["dropped"],
        "missed": statuses["missed"],
        "acc_10km_of_gold": share(NEAR_KM, len(outcomes)),
        "acc_161km_of_gold": share(ACC_KM, len(outcomes)),
        "acc_10km_of_resolved": share(NEAR_KM, len(errors)),
        "acc_161km_of_resolved": share(ACC_KM, len(errors)),
        "median_error_km_of_resolved": None if middle is None else round(middle, 1),
    }


# --- putting the summary together ----------------------------------------------------------


@dataclass
class Recognition:
    """Recognition counts per group (``all``, events, splits), for places found and kept, in
    each view (see :func:`views`); recall of kept places per gold type."""

    counts: dict[tuple[str, str, str], Counts] = field(default_factory=lambda: defaultdict(Counts))
    by_type: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))

    def add(self, tweet: Tweet, predicted: Sequence[Predicted], covered: frozenset[str]) -> None:
        """Count one tweet: every view overall, the first two per event and split."""
        groups = [f"event:{tweet.event}", *(f"split:{s}" for s in tweet.splits)]
        kept = [p for p in predicted if p.kept]
        for which, preds in (("found", predicted), ("kept", kept)):
            for view, (gold, chosen) in views(tweet, preds, covered).items():
                tweet_counts = count(gold, chosen)
                self.counts[("all", which, view)] += tweet_counts
                if which == "kept" and view in ("all", "in_scope"):
                    for group in groups:
                        self.counts[(group, which, view)] += tweet_counts
        self._add_types(tweet.mentions, kept)

    def _add_types(self, gold: Sequence[GoldMention], kept: Sequence[Predicted]) -> None:
        strict = {i for i, _ in match_spans(gold, kept, strict=True)}
        relaxed = {i for i, _ in match_spans(gold, kept, strict=False)}
        for i, mention in enumerate(gold):
            tally = self.by_type[mention.type]
            tally["gold"] += 1
            tally["strict"] += i in strict
            tally["relaxed"] += i in relaxed

    def summary(self) -> dict[str, Any]:
        """The recognition part of the JSON summary."""
        result: dict[str, Any] = {}
        for (group, which, scope), counts in sorted(self.counts.items()):
            if group == "all":
                result.setdefault(scope, {})[which] = ratios(counts)
            else:
                kind, name = group.split(":", 1)
                result.setdefault(f"by_{kind}", {}).setdefault(name, {})[scope] = ratios(counts)
        result["kept_recall_by_type"] = {
            kind: {
                "gold": tally["gold"],
                "strict": round(tally["strict"] / tally["gold"], 3),
                "relaxed": round(tally["relaxed"] / tally["gold"], 3),
            }
            for kind, tally in sorted(self.by_type.items())
        }
        return result


def resolution(outcomes: Sequence[Outcome], covered: frozenset[str]) -> dict[str, Any]:
    """The resolution part of the JSON summary."""
    scoped = [o for o in outcomes if in_scope(o.gold, covered)]
    groups: dict[str, dict[str, list[Outcome]]] = {
        "by_event": defaultdict(list),
        "by_type": defaultdict(list),
    }
    for o in outcomes:
        groups["by_event"][o.tweet.event].append(o)
        groups["by_type"][o.gold.type].append(o)
    result: dict[str, Any] = {
        "all": resolution_summary(outcomes),
        "in_scope": resolution_summary(scoped),
    }
    for name, grouped in groups.items():
        result[name] = {k: resolution_summary(v) for k, v in sorted(grouped.items())}
    return result


def in_hashtag(text: str, start: int) -> bool:
    """The span starts inside a hashtag ("#انفجار_بيروت")."""
    word_start = start
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    return text.startswith("#", word_start)


def miss_cause(mention: GoldMention, gazetteer: Gazetteer) -> str:
    """Why rasd did not find a gold mention: is the name in the gazetteer at all?"""
    return "name in gazetteer" if gazetteer.lookup(mention.text) else "name not in gazetteer"


@dataclass(frozen=True, slots=True)
class Errors:
    """Error cases: missed in-scope gold, spurious kept places, far-off resolutions."""

    missed: list[tuple[Tweet, GoldMention, str]]
    spurious: list[tuple[Tweet, Predicted]]
    far: list[Outcome]


def collect_errors(
    lmr: Sequence[tuple[Tweet, list[Predicted]]],
    outcomes: Sequence[Outcome],
    gazetteer: Gazetteer,
    covered: frozenset[str],
) -> Errors:
    """Missed in-scope LMR mentions (with a cause), spurious kept places, and resolved LMD
    mentions more than 161 km off."""
    missed: list[tuple[Tweet, GoldMention, str]] = []
    spurious: list[tuple[Tweet, Predicted]] = []
    for tweet, predicted in lmr:
        kept = [p for p in predicted if p.kept]
        found = {i for i, _ in match_spans(tweet.mentions, kept, strict=False)}
        for i, gold in enumerate(tweet.mentions):
            if i not in found and in_scope(gold, covered):
                dropped = any(overlap(gold, p) for p in predicted if not p.kept)
                cause = "found, then dropped" if dropped else miss_cause(gold, gazetteer)
                missed.append((tweet, gold, cause))
        matched = {j for _, j in match_spans(tweet.mentions, kept, strict=False)}
        spurious += [(tweet, p) for j, p in enumerate(kept) if j not in matched]
    far = [o for o in outcomes if o.error_km is not None and o.error_km > ACC_KM]
    return Errors(missed, spurious, far)


def missed_label(item: tuple[Tweet, GoldMention, str]) -> str:
    """Error pattern of a missed mention: its text and cause."""
    return f"{item[1].text} ({item[2]})"


def spurious_label(item: tuple[Tweet, Predicted]) -> str:
    """Error pattern of a spurious place: its text and rasd's reading."""
    return f"{item[1].text} -> {item[1].name} ({item[1].country}, {item[1].feature})"


def far_label(item: Outcome) -> str:
    """Error pattern of a far-off resolution: the gold text and rasd's reading."""
    assert item.predicted is not None
    return f"{item.gold.text} -> {item.predicted.name} ({item.predicted.country})"


def plain_spurious(errors: Errors) -> list[tuple[Tweet, Predicted]]:
    """Spurious places outside hashtags (inside them the gold is sparse)."""
    return [(t, p) for t, p in errors.spurious if not in_hashtag(t.text, p.start)]


def error_summary(errors: Errors) -> dict[str, Any]:
    """Counts of the error classes and their most frequent patterns."""
    plain = plain_spurious(errors)
    return {
        "missed_in_scope": len(errors.missed),
        "missed_in_scope_by_cause": dict(Counter(c for _, _, c in errors.missed).most_common()),
        "missed_in_scope_top": Counter(map(missed_label, errors.missed)).most_common(15),
        "spurious_kept": len(errors.spurious),
        "spurious_kept_outside_hashtags": len(plain),
        "spurious_outside_hashtags_top": Counter(map(spurious_label, plain)).most_common(15),
        "far_off_161km": len(errors.far),
        "far_off_top": Counter(map(far_label, errors.far)).most_common(15),
    }


def snippet(text: str, start: int, end: int) -> str:
    """The text around a span, the span in brackets, on one line."""
    left = text[max(0, start - SNIPPET) : start]
    right = text[end : end + SNIPPET]
    return " ".join(f"{left}⟦{text[start:end]}⟧{right}".split())


def patterns(
    items: Sequence[Any], label: Callable[[Any], str], key: Callable[[Any], str]
) -> list[tuple[str, int, Any]]:
    """(pattern, count, one example) by pattern, most frequent first; the example is fixed
    by a hash of ``key``."""
    counts = Counter(map(label, items))
    examples: dict[str, Any] = {}
    for item in sorted(items, key=lambda x: hashlib.sha256(key(x).encode()).hexdigest()):
        examples.setdefault(label(item), item)
    return [
        (name, n, examples[name])
        for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def show(errors: Errors, n: int) -> None:
    """Write the ``n`` most frequent patterns of each error kind, one example each, to
    standard error."""
    out = sys.stderr
    print(f"== missed: in-scope gold rasd did not keep ({len(errors.missed)})", file=out)
    for name, k, (tweet, gold, _) in patterns(errors.missed, missed_label, _key3)[:n]:
        print(f"  {k}x {gold.type} {name}: {snippet(tweet.text, gold.start, gold.end)}", file=out)
    plain = plain_spurious(errors)
    print(f"== spurious: kept places with no gold, outside hashtags ({len(plain)})", file=out)
    for name, k, (tweet, p) in patterns(plain, spurious_label, _key2)[:n]:
        print(f"  {k}x {name}: {snippet(tweet.text, p.start, p.end)}", file=out)
    print(f"== far off: more than {ACC_KM:.0f} km ({len(errors.far)})", file=out)
    for name, k, o in patterns(errors.far, far_label, _key_outcome)[:n]:
        assert o.predicted is not None and o.error_km is not None
        print(
            f"  {k}x {name}, {o.error_km:.0f} km; gold {o.gold.type} {o.gold.label[:60]}; "
            f"rasd: {o.predicted.explanation}\n      "
            f"{snippet(o.tweet.text, o.gold.start, o.gold.end)}",
            file=out,
        )


def _key3(item: tuple[Tweet, GoldMention, str]) -> str:
    """Where a missed mention is (fixes which example is shown)."""
    return f"{item[0].tweet_id}:{item[1].start}"


def _key2(item: tuple[Tweet, Predicted]) -> str:
    """Where a spurious place is."""
    return f"{item[0].tweet_id}:{item[1].start}"


def _key_outcome(item: Outcome) -> str:
    """Where a resolved gold mention is."""
    return f"{item.tweet.tweet_id}:{item.gold.start}"


def data_notes(
    archive: Archive,
    path: Path,
    notes: Counter[str],
    lmr: Sequence[Tweet],
    lmd: Sequence[Tweet],
    lmd_all: Sequence[Tweet],
) -> dict[str, Any]:
    """Where the gold came from and what was dropped on reading (LMR mentions have
    coordinates when the LMD annotation of their tweet has the same span)."""
    lmd_spans = {(t.tweet_id, m.start, m.end) for t in lmd_all for m in t.mentions}
    lmr_total = sum(len(t.mentions) for t in lmr)
    linked = sum((t.tweet_id, m.start, m.end) in lmd_spans for t in lmr for m in t.mentions)
    return {
        "archive": str(path),
        "archive_sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "archive_damaged": archive.damaged,
        "lmr_tweets": len(lmr),
        "lmr_tweets_without_mentions": sum(not t.mentions for t in lmr),
        "lmr_mentions": lmr_total,
        "lmr_mentions_without_coordinates": lmr_total - linked,
        "lmd_tweets": len(lmd),
        "lmd_mentions": sum(len(t.mentions) for t in lmd),
        "lmd_mentions_without_coordinates": sum(m.point is None for t in lmd for m in t.mentions),
        "gold_coordinates": "LMD osm_json lat/lon (Nominatim point of the annotator's OSM object)",
        **dict(sorted(notes.items())),
    }


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--archive", type=Path, help=f"default: RASD_DATA/{ARCHIVE}")
    parser.add_argument("--limit", type=int, help="score only N tweets of each gold set")
    parser.add_argument("--show", type=int, default=0, metavar="N", help="N examples per error")
    return parser.parse_args(argv)


def score(
    lmr: Sequence[Tweet], lmd: Sequence[Tweet], resources: Resources
) -> tuple[dict[str, Any], Errors]:
    """Run rasd once per tweet; recognition (LMR), resolution (LMD) and error summaries."""
    covered = covered_countries(resources.gazetteer)
    parsed: dict[str, list[Predicted]] = {}
    for tweet in [*lmr, *lmd]:
        if tweet.tweet_id not in parsed:
            parsed[tweet.tweet_id] = geoparse(tweet, resources)
    recognition = Recognition()
    for tweet in lmr:
        recognition.add(tweet, parsed[tweet.tweet_id], covered)
    outcomes = [
        outcome(t, m, parsed[t.tweet_id]) for t in lmd for m in t.mentions if m.point is not None
    ]
    errors = collect_errors(
        [(t, parsed[t.tweet_id]) for t in lmr], outcomes, resources.gazetteer, covered
    )
    summary = {
        "rasd": {"data_version": resources.data_version, "covered_countries": sorted(covered)},
        "recognition": recognition.summary(),
        "resolution": resolution(outcomes, covered),
        "errors": error_summary(errors),
    }
    return summary, errors


def main(argv: Sequence[str] | None = None) -> None:
    """Read the gold, run rasd on every tweet, print the summary (and examples)."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    config = load_config()
    path = args.archive or config.require_data_dir() / ARCHIVE
    started = time.perf_counter()
    archive = read_archive(path)
    notes: Counter[str] = Counter()
    lmd_all = load_lmd(archive, notes)
    lmr = sample(link_countries(load_lmr(archive, notes), lmd_all), args.limit)
    lmd = sample(lmd_all, args.limit)
    if not lmr or not lmd:
        sys.exit(f"no IDRISI gold read from {path} ({archive.damaged or 'no matching members'})")
    summary, errors = score(lmr, lmd, load_resources(config))
    summary["rasd"]["gazetteer"] = gazetteer_path(config).name
    if args.show:
        show(errors, args.show)
    data = data_notes(archive, path, notes, lmr, lmd, lmd_all)
    print(json.dumps({"data": data, **summary}, ensure_ascii=False, indent=1))
    print(
        f"{len(lmr)} + {len(lmd)} tweets in {time.perf_counter() - started:.1f} s", file=sys.stderr
    )


if __name__ == "__main__":
    main()
