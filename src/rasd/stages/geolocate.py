"""Geolocation: each place mention to one gazetteer entry, with a reason, then ACLED precision.

Disambiguation among same-name places (دوما in Rif Dimashq, Hama or the West Bank) uses, in
this order of weight: the admin words around the name ("محافظة", "ريف", "قرية"), the admin1
units and towns the same sentence and article name ("بلدة اللطامنة بريف حماة"), distance to the
article's unambiguous places, the countries the article is about, and the place's prior
importance (population, admin seat). Each choice keeps a one-line explanation.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from rasd.arabic import remember, strip_article
from rasd.gazetteer import Gazetteer, PlaceRecord
from rasd.gazetteer.index import SPECIFICITY
from rasd.stages.mentions import BARE_CAPITAL_KEY, TOWN_RANK, PlaceContext, PlaceMention
from rasd.stages.normalize import fold

# how likely a report in this corpus is about each country when nothing else says so
COUNTRY_PRIOR: Mapping[str, float] = {
    "SY": 1.0,
    "IQ": 0.7,
    "YE": 0.7,
    "LB": 0.5,
    "PS": 0.5,
    "LY": 0.5,
    "IL": 0.3,
    "TR": 0.3,
    "JO": 0.3,
    "EG": 0.3,
    "SA": 0.2,
}


CORE_COUNTRIES = frozenset({"SY", "IQ", "YE", "LB", "PS", "IL", "JO", "LY", "TR"})
MIN_FOCUS = 0.35
Votes = dict[
    tuple[str, str], float
]  # below this share of the top country's weight, minor places are misreadings


@dataclass(frozen=True, slots=True)
class ResolvedPlace:
    """A place mention resolved to a gazetteer entry."""

    mention: PlaceMention
    index: int
    """The gazetteer entry the text names."""
    coded_to: int
    """The entry whose point the event takes (the seat when a region is named)."""
    precision: int
    explanation: str

    # written out: mypyc compiles this one, not the one @dataclass generates (see rasd.types)
    def __init__(
        self, mention: PlaceMention, index: int, coded_to: int, precision: int, explanation: str
    ) -> None:
        object.__setattr__(self, "mention", mention)
        object.__setattr__(self, "index", index)
        object.__setattr__(self, "coded_to", coded_to)
        object.__setattr__(self, "precision", precision)
        object.__setattr__(self, "explanation", explanation)


def country_focus(
    mentions: Sequence[PlaceMention], gazetteer: Gazetteer, hints: Mapping[str, float]
) -> dict[str, float]:
    """How strongly the article is about each country (0..1)."""
    votes: dict[str, float] = defaultdict(float, {cc: w * 0.5 for cc, w in COUNTRY_PRIOR.items()})
    for cc, weight in hints.items():
        votes[cc] += weight
    repeats = Counter(mention.key for mention in mentions)
    rows = gazetteer.places.rows
    for mention in mentions:
        countries = {rows[i][_COUNTRY_CODE] for i in mention.candidates}
        strong = any(rows[i][_FEATURE] in ("country", "admin1") for i in mention.candidates)
        # an unambiguous name says much about the country, a name found in five countries little;
        # a bare name (no "قرية", "في", "ريف" before it) may be a word, and a name repeated
        # ten times is still one name
        weight = (2.0 if strong else 1.0) / len(countries) ** 2
        weight *= (1.0 if _introduced(mention) else 0.5) / math.sqrt(repeats[mention.key])
        for cc in countries:
            votes[cc] += weight
    top = max(votes.values()) if votes else 1.0
    return {cc: v / top for cc, v in votes.items()}


def _introduced(mention: PlaceMention) -> bool:
    """Whether words before the name say a place follows."""
    ctx = mention.context
    return (
        ctx.settlement
        or ctx.admin1
        or ctx.admin2
        or ctx.rural
        or ctx.near
        or ctx.direction
        or ctx.listed
        or ctx.district
        or ctx.destination
        or ctx.locative
    )


def _feature_fit(feature: str, ctx: PlaceContext) -> float:
    """How well the kind of place fits the words around its name."""
    if ctx.admin1 or ctx.rural:
        return 2.0 if feature == "admin1" else 0.5 if feature == "locality" else 0.0
    if ctx.admin2:
        return 2.0 if feature in ("admin2", "admin3") else 0.5
    if ctx.settlement or ctx.listed:
        return 2.0 if feature in ("locality", "neighbourhood", "site") else 0.2
    return {
        "locality": 1.5,
        "site": 1.5,
        "neighbourhood": 1.2,
        "admin2": 0.6,
        "admin3": 0.6,
        "admin1": 0.5,
        "country": 3.0,
    }.get(feature, 0.5)


def _score(
    row: tuple[Any, ...],
    ctx: PlaceContext,
    focus: Mapping[str, float],
    context_admin1: Votes,
    anchors: Sequence[tuple[float, float]],
) -> tuple[float, str]:
    """(score, the part that weighs most) of a gazetteer row for a mention with context ``ctx``.

    The parts are summed in this order, as floats, whatever the weights.
    """
    parts = (
        3.0 * _feature_fit(row[_FEATURE], ctx),
        3.0 * focus.get(row[_COUNTRY_CODE], 0.0),
        4.0 * min(1.0, context_admin1.get((row[_COUNTRY_CODE], row[_ADMIN1]), 0.0) / 2),
        2.0 * _proximity(row[_LATITUDE], row[_LONGITUDE], anchors),
        0.35 * row[_RANK],
        # a curated site was added for exactly this name: it beats a namesake's alias
        4.0 if row[_SOURCE].startswith("rasd sites") else 0.0,
    )
    return sum(parts), _PARTS[parts.index(max(parts))]


def _proximity(lat: float, lon: float, anchors: Sequence[tuple[float, float]]) -> float:
    """1.0 within 25 km of an anchor place, falling to 0 beyond 150 km (flat-earth distance,
    precise enough at these ranges)."""
    if not anchors:
        return 0.0
    nearest = _km_to_nearest(lat, lon, anchors)
    return 1.0 if nearest <= 25 else 0.6 if nearest <= 60 else 0.2 if nearest <= 150 else 0.0


# the parts of a score in the order they are summed (the first of equal parts names the reason)
_PARTS = ("fit", "country", "admin", "near", "prior", "curated")
# positions in a gazetteer row (rasd.gazetteer.index: the Place fields, then rank and source)
_COUNTRY_CODE, _ADMIN1, _LATITUDE, _LONGITUDE, _FEATURE, _RANK, _SOURCE = 4, 5, 8, 9, 10, 12, 15
_NAME_AR = 2


_REASONS = {
    "fit": "the words around the name fit this kind of place",
    "country": "the article is about this country",
    "admin": "the same governorate/province is named nearby",
    "near": "close to other places the article names",
    "prior": "the best-known place of that name",
    "curated": "a curated conflict site of that name",
}


def resolve_places(
    mentions: Sequence[PlaceMention],
    gazetteer: Gazetteer,
    *,
    country_hints: Mapping[str, float],
    focus: Mapping[str, float] | None = None,
) -> list[ResolvedPlace]:
    """Resolve every place mention of an article.

    1. a first pass chooses among candidates with the admin units and unambiguous places the
       article names; 2. the second pass repeats it with the first pass's choices as anchors,
       considering only plausible candidates (in a country the article is about; a minor place
       inside the governorate its own sentence names); a mention with none is dropped.

    focus: ``country_focus`` of the mentions, when the caller has it already.
    """
    if focus is None:
        focus = country_focus(mentions, gazetteer, country_hints)
    if any(m.key == BARE_CAPITAL_KEY for m in mentions):
        capital = _the_article_capital(mentions, gazetteer, focus)
        mentions = [
            replace(m, candidates=capital) if m.key == BARE_CAPITAL_KEY else m for m in mentions
        ]
    mentions = [m for m in mentions if m.candidates]
    article_admin = _admin_votes(mentions, gazetteer, by_sentence=False)
    sentence_admin = _admin_votes(mentions, gazetteer, by_sentence=True)
    anchors = _anchor_points(
        gazetteer, [m.candidates[0] for m in mentions if len(m.candidates) == 1]
    )
    # the hamlet filter depends on the mention alone: worked out once for both passes
    candidates = [_without_hamlet_namesakes(m, m.candidates, gazetteer) for m in mentions]
    first_pass = [
        _choose(
            m,
            own,
            gazetteer,
            focus,
            _sum(article_admin, sentence_admin.get(m.sentence, {})),
            anchors,
        )
        for m, own in zip(mentions, candidates, strict=True)
    ]
    confident = [r.index for r in first_pass if gazetteer.places.feature(r.index) != "country"]
    anchors = _anchor_points(gazetteer, confident)
    article_admin = _admin_votes(mentions, gazetteer, by_sentence=False, chosen=first_pass)
    sentence_admin = _admin_votes(mentions, gazetteer, by_sentence=True, chosen=first_pass)
    regions = _named_regions(first_pass, gazetteer)
    chosen_at = {r.mention.first: r.index for r in first_pass}
    resolved = []
    for mention, own in zip(mentions, candidates, strict=True):
        if mention.within in chosen_at:
            own = _inside(own, chosen_at[mention.within], mention.within_unit, gazetteer)
        if mention.context.district:
            own = _quarter_near_the_others(own, anchors, gazetteer)
        allowed = [
            i for i in own if _plausible(i, regions.get(mention.sentence, set()), gazetteer, focus)
        ]
        if allowed:
            votes = _sum(article_admin, sentence_admin.get(mention.sentence, {}))
            resolved.append(_choose(mention, tuple(allowed), gazetteer, focus, votes, anchors))
    return resolved


def _inside(
    candidates: tuple[int, ...], container: int, unit: bool, gazetteer: Gazetteer
) -> tuple[int, ...]:
    """The candidates that lie where the text says: in the country named right after
    ("سروج بجنوب شرقي تركيا"), or in the governorate of the unit named right after ("شبام
    بمديرية مناخة"). None may: the gazetteer lacks the place there, and the mention is dropped
    so that the act falls to the unit."""
    places = gazetteer.places
    record = places[container]
    if record.feature == "country":
        code = record.place.country_code
        return tuple(
            i
            for i in candidates
            if places.feature(i) == "country" or places[i].place.country_code == code
        )
    if not unit:
        return candidates
    # a town named as a unit ("ريف حماة") stands for its governorate
    if record.feature not in ("admin1", "admin2", "admin3") and record.rank < TOWN_RANK:
        # the unit was read as a village ("إقليم كردستان" as the hamlet Kurdistan) or as a
        # curated region that spans governorates: it says nothing of the governorate
        return candidates
    unit_key = (record.place.country_code, record.place.admin1)
    return tuple(
        i
        for i in candidates
        if places.feature(i) in ("country", "admin1")
        or (places[i].place.country_code, places[i].place.admin1) == unit_key
    )


QUARTER_REACH_KM = 60.0


def _quarter_near_the_others(
    candidates: tuple[int, ...],
    anchors: Sequence[tuple[int, tuple[float, float]]],
    gazetteer: Gazetteer,
) -> tuple[int, ...]:
    """ "اقتحمت القوات حي المغار" in a story about Derna: a quarter lies in a town the
    article names, not in a namesake village of another country. With other places named,
    only candidates near one of them remain (none: the act falls to the town)."""
    rows = gazetteer.places.rows
    own = set(candidates)
    points = [point for a, point in anchors if a not in own]
    if not points:
        return candidates
    return tuple(
        i
        for i in candidates
        if _km_to_nearest(rows[i][_LATITUDE], rows[i][_LONGITUDE], points) <= QUARTER_REACH_KM
    )


def _km_to_nearest(lat: float, lon: float, points: Sequence[tuple[float, float]]) -> float:
    """Distance to the nearest point (flat-earth, precise enough at these ranges)."""
    scale = math.cos(math.radians(lat))
    return min([math.hypot(lat - a, (lon - b) * scale) for a, b in points]) * 111.2


def _the_article_capital(
    mentions: Sequence[PlaceMention], gazetteer: Gazetteer, focus: Mapping[str, float]
) -> tuple[int, ...]:
    """ "اشتباكات في العاصمة": a capital the article names, or the capital of a country it
    names ("العراق"), the one it is most about; none when it names neither (the capital of
    a country the gazetteer lacks, "العاصمة هراري", must not become Damascus)."""
    rows = gazetteer.places.rows
    named = {i for m in mentions if m.key != BARE_CAPITAL_KEY for i in m.candidates}
    countries = {rows[i][_COUNTRY_CODE] for i in named if rows[i][_FEATURE] == "country"}
    capitals = [i for code, i in gazetteer.capitals.items() if i in named or code in countries]
    if not capitals:
        return ()
    return (max(capitals, key=lambda i: (focus.get(rows[i][_COUNTRY_CODE], 0.0), -i)),)


HAMLET_RANK = 3.0  # log10(1,000)


def _without_hamlet_namesakes(
    mention: PlaceMention, candidates: tuple[int, ...], gazetteer: Gazetteer
) -> tuple[int, ...]:
    """ "وفي الحديدة": a governorate's name, with no settlement word before it, is the
    governorate or its capital, not a hamlet of the same name elsewhere that a neighbouring
    hamlet could pull it to."""
    if mention.context.settlement:
        return candidates
    places = gazetteer.places
    governed = {places[i].place.country_code for i in candidates if places.feature(i) == "admin1"}
    if not governed:
        return candidates
    kept = tuple(
        i
        for i in candidates
        if not (
            places.feature(i) == "locality"
            and places[i].rank < HAMLET_RANK
            and places[i].place.country_code in governed
        )
    )
    return kept or candidates


def _named_regions(
    chosen: Sequence[ResolvedPlace], gazetteer: Gazetteer
) -> dict[int, set[tuple[str, str]]]:
    """Per sentence, the governorates named as regions ("ريف حماة", "محافظة إدلب")."""
    regions: dict[int, set[tuple[str, str]]] = defaultdict(set)
    for resolved in chosen:
        context = resolved.mention.context
        record = gazetteer.places[resolved.index]
        if context.rural or context.admin1 or record.feature == "admin1":
            regions[resolved.mention.sentence].add((record.place.country_code, record.place.admin1))
    return regions


def _plausible(
    index: int,
    regions: set[tuple[str, str]],
    gazetteer: Gazetteer,
    focus: Mapping[str, float],
) -> bool:
    """A minor place outside the governorate its own sentence names, or in a country the
    article is not about, is a misreading ("قرية جديد بكارة" is not "Jadidah" in Aleppo when
    the sentence is about rural Deir ez-Zor). Countries are always plausible."""
    record = gazetteer.places[index]
    if record.feature == "country":
        return True
    low_focus = focus.get(record.place.country_code, 0.0) < MIN_FOCUS
    if low_focus and record.place.country_code not in CORE_COUNTRIES:
        return False
    if record.rank >= 4.0 or record.feature not in ("locality", "neighbourhood"):
        return True
    if low_focus:
        return False
    return not regions or (record.place.country_code, record.place.admin1) in regions


def _sum(a: Votes, b: Votes) -> Votes:
    total: Votes = defaultdict(float, a)
    for key, value in b.items():
        total[key] += value
    return total


def _admin_votes(
    mentions: Sequence[PlaceMention],
    gazetteer: Gazetteer,
    *,
    by_sentence: bool,
    chosen: Sequence[ResolvedPlace] | None = None,
) -> Any:
    """Admin1 units named (or implied by a chosen place), per sentence or for the article.

    Returns ``{sentence: votes}`` when ``by_sentence`` is set, else one ``votes`` mapping.
    """
    per_sentence: dict[int, Votes] = defaultdict(lambda: defaultdict(float))
    article: Votes = defaultdict(float)
    rows = gazetteer.places.rows
    for k, mention in enumerate(mentions):
        indexes = [chosen[k].index] if chosen else list(mention.candidates)
        for i in indexes:
            row = rows[i]
            if row[10] in ("admin1", "admin2") or chosen:
                key = (row[4], row[5])
                per_sentence[mention.sentence][key] += 2.0 / len(indexes)
                article[key] += 0.7 / len(indexes)
    return per_sentence if by_sentence else article


MAX_CANDIDATES = 25
MAX_ANCHORS = 12


def _anchor_points(
    gazetteer: Gazetteer, anchors: Sequence[int]
) -> list[tuple[int, tuple[float, float]]]:
    """Distinct anchor places, in order, with their points."""
    rows = gazetteer.places.rows
    return [(a, (rows[a][_LATITUDE], rows[a][_LONGITUDE])) for a in dict.fromkeys(anchors)]


def _shortlist(
    candidates: Sequence[int], gazetteer: Gazetteer, focus: Mapping[str, float]
) -> Sequence[int]:
    """The candidates worth scoring: those in the article's countries, best known first."""
    if len(candidates) <= MAX_CANDIDATES:
        return candidates
    rows = gazetteer.places.rows
    ranked = sorted(candidates, key=lambda i: (-focus.get(rows[i][4], 0.0), -rows[i][12]))
    return ranked[:MAX_CANDIDATES]


def _choose(
    mention: PlaceMention,
    candidates: tuple[int, ...],
    gazetteer: Gazetteer,
    focus: Mapping[str, float],
    admin_votes: Votes,
    anchors: Sequence[tuple[int, tuple[float, float]]],
) -> ResolvedPlace:
    """The best of ``candidates`` (the mention's own, or the plausible ones among them)."""
    # anchors are the article's other places: not one of this mention's candidates
    own = frozenset(candidates) if len(candidates) > 8 else candidates
    points = [point for a, point in anchors if a not in own][:MAX_ANCHORS]
    rows = gazetteer.places.rows
    ctx = mention.context
    key = mention.key
    scored = [
        (*_primary_first(_score(rows[i], ctx, focus, admin_votes, points), rows[i], key), i)
        for i in _shortlist(candidates, gazetteer, focus)
    ]
    scored.sort(key=lambda s: (-s[0], rows[s[2]][0]))
    _, reason, index = scored[0]
    record = gazetteer.places[index]
    coded_to, precision = precision_of(index, mention, gazetteer)
    explanation = (
        f"{record.place.name} ({record.place.admin1 or record.place.country}) of "
        f"{len(candidates)} candidate(s): {_REASONS[reason]}"
    )
    return ResolvedPlace(mention, index, coded_to, precision, explanation)


PRIMARY_NAME_BONUS = 1.0


def _primary_first(scored: tuple[float, str], row: tuple[Any, ...], key: str) -> tuple[float, str]:
    """A place whose own Arabic name is the mention beats one that only lists it among its
    other names (the gazetteer gives «تعز» as another name of the Raymah governorate)."""
    score, reason = scored
    if _primary_key(row[_NAME_AR]) == key:
        return score + PRIMARY_NAME_BONUS, reason
    return score, reason


def _primary_key(name_ar: str) -> str:
    found = _PRIMARY_KEYS.get(name_ar)
    return found if found is not None else remember(_PRIMARY_KEYS, name_ar, _key_of(name_ar))


_PRIMARY_KEYS: dict[str, str] = {}  # memo: a gazetteer name's lexicon key


def _key_of(name_ar: str) -> str:
    words = fold(name_ar or "").split()
    if not words:
        return ""
    return " ".join([strip_article(words[0])[0], *words[1:]])


def precision_of(index: int, mention: PlaceMention, gazetteer: Gazetteer) -> tuple[int, int]:
    """(entry coded to, ACLED geo_precision) for a resolved mention."""
    record = gazetteer.places[index]
    ctx = mention.context
    if record.feature == "region":
        return index, max(record.precision, 2)  # curated regions carry their own point
    if record.feature == "admin1" or (ctx.rural and record.feature != "site"):
        return gazetteer.seat_of(gazetteer.admin1_of(index)), 3
    if record.feature in ("admin2", "admin3"):
        return gazetteer.seat_of(index), 2
    if record.feature == "country":
        return index, 3
    precision = 2 if (ctx.near or ctx.direction or ctx.road) else record.precision
    return index, precision


def specificity(record: PlaceRecord) -> int:
    """Lower is more specific (a village beats a district beats a governorate)."""
    return SPECIFICITY.get(record.feature, 3)
