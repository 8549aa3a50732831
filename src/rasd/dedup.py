"""Cross-source de-duplication: one event reported by many articles is one event.

GDELT's best-known failure is counting one event hundreds of times, once per story. rasd keeps
every article's event (with its evidence) and links the reports of one event into a *merged
event*, whose ACLED ``source`` lists every outlet and whose ``source_scale`` combines theirs.

Two events of different articles are one event (:meth:`MergeRules.reason`) when they have
1. the same event type and sub-event type (ACLED codes an air strike and shelling of one town
   on one day as two events),
2. the same date, or dates ``max_days`` apart when both are exact to the day and the two
   clauses that report the event are worded alike (Jaccard similarity of their words at least
   ``same_wording``: measured, one-day merges of differently worded reports were mostly
   fighting on consecutive days, which ACLED codes as one event per day, and a short clause
   contained in a longer one let such merges through; see docs/dedup_check.md); a date at a
   coarser precision must be equal at the same precision,
3. places at most ``max_km`` apart when both are exact (geo_precision 1), else the same coded
   location (the same admin centroid) in the same admin1,
4. compatible actors: the named actors of one are a subset of the other's.

A new event is compared with the *anchor* of each merged event (its first report), never with
later members, so a group cannot drift one day or one town at a time.

Near-duplicate articles (syndicated copies) are found by sampled word 5-gram hashes
(:func:`marks`): when most of the smaller article's marks occur in the other, it is a copy.
Their events merge with a date window one day wider (a copy published a day later resolves
"yesterday" one day later).
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rasd.store.base import REVIEW_MACHINE, EventKey, Member, combine_scales

SHINGLE_WORDS = 5
SAMPLE_EVERY = 8
"""Keep a shingle hash when it is divisible by this: about one shingle in eight."""
MIN_MARKS = 4
"""Articles with fewer sampled marks are too short to call near-duplicates."""
CONTAINMENT = 0.8
"""Share of the smaller article's marks found in the other that makes it a copy."""


@dataclass(frozen=True, slots=True)
class MergeRules:
    """The merge rules, with their windows (see the module docstring)."""

    max_days: int = 1
    max_km: float = 10.0
    same_wording: float = 0.5

    def reason(self, new: EventKey, old: EventKey, *, near_duplicate: bool) -> str | None:
        """Why ``new`` and ``old`` are one event, or None when they are not."""
        if new.article_id == old.article_id or not _same_type(new, old):
            return None
        days = days_apart(new, old, self.max_days + (1 if near_duplicate else 0))
        if days is None:
            return None
        if days and not near_duplicate and jaccard(new.words, old.words) < self.same_wording:
            return None
        km = place_distance(new, old, self.max_km)
        if km is None or not actors_agree(new.actors, old.actors):
            return None
        copy = "; near-duplicate articles" if near_duplicate else ""
        return f"same {new.sub_event_type}, {days} d and {km:.1f} km apart, actors agree{copy}"


def _same_type(a: EventKey, b: EventKey) -> bool:
    return a.event_type == b.event_type and a.sub_event_type == b.sub_event_type


def days_apart(a: EventKey, b: EventKey, max_days: int) -> int | None:
    """Days between two events' dates when within the window, else None."""
    if a.event_date is None or b.event_date is None:
        return None
    days = abs((a.event_date - b.event_date).days)
    if a.time_precision == 1 and b.time_precision == 1:
        return days if days <= max_days else None
    same = days == 0 and a.time_precision == b.time_precision
    return 0 if same else None


def place_distance(a: EventKey, b: EventKey, max_km: float) -> float | None:
    """Kilometres between two events' places when they agree (see rule 3), else None."""
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return None
    km = haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)
    if a.geo_precision == 1 and b.geo_precision == 1:
        return km if km <= max_km else None
    same_place = a.location == b.location and a.admin1 == b.admin1 and km <= 1.0
    return km if same_place else None


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared words over all words of two clauses (0 when both are empty)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def actors_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    """Named actors of one report are a subset of the other's (unnamed agrees with any, and
    so does ACLED's "Unidentified Armed Group": one outlet names the shelling's attacker, the
    other does not)."""
    a, b = _named(a), _named(b)
    return a <= b or b <= a


UNIDENTIFIED = "Unidentified Armed Group"


def _named(actors: frozenset[str]) -> frozenset[str]:
    return frozenset(a for a in actors if not a.startswith(UNIDENTIFIED))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def marks(words: Sequence[str]) -> frozenset[int]:
    """Sampled hashes of a text's normalised word 5-grams (each fits a signed 32-bit int).

    Example: ``marks(normalized_words(article.text))``
    """
    found = set()
    for i in range(max(0, len(words) - SHINGLE_WORDS + 1)):
        value = zlib.crc32(" ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8"))
        if value % SAMPLE_EVERY == 0:
            found.add(value // SAMPLE_EVERY)
    return frozenset(found)


def containment(shared: int, size_a: int, size_b: int) -> float:
    """Share of the smaller mark set found in the other (0 when either is too small)."""
    smaller = min(size_a, size_b)
    return shared / smaller if smaller >= MIN_MARKS else 0.0


def lowest_reported(counts: Sequence[int]) -> int:
    """ACLED's rule for conflicting fatality reports: the lowest figure that was reported."""
    reported = [count for count in counts if count > 0]
    return min(reported) if reported else 0


def merged_record(members: Sequence[Member]) -> dict[str, Any]:
    """The JSONL record of a merged event: the anchor's record, with every source's outlet.

    ``source`` lists the outlets ("; "-joined, first report first), ``source_scale`` combines
    their scales the ACLED way ("National-International"), ``fatalities`` is the lowest
    reported figure (a reviewed event keeps the figure its reviewer saw or set) and
    ``timestamp`` the latest.
    """
    record = dict(members[0].record)
    outlets = dict.fromkeys(m.source for m in members if m.source)
    record["source"] = "; ".join(outlets)
    record["source_scale"] = combine_scales([m.source_scale for m in members])
    if members[0].review_status == REVIEW_MACHINE:
        counts = [int(m.record.get("fatalities") or 0) for m in members]
        record["fatalities"] = lowest_reported(counts)
    record["timestamp"] = max(int(m.record.get("timestamp") or 0) for m in members)
    return record
