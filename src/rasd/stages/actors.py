"""Actors: neutral ACLED names from Arabic mentions, whatever the source calls them.

The dictionary (``rasd/data/actors.yaml``) maps aliases, country-conditional aliases
("التحالف" is the Saudi-led coalition in Yemen, the Global Coalition in Syria and Iraq),
framing labels ("الميليشيات الانفصالية") and nisba adjectives ("إسرائيلية") to one actor each.
Generic actors (Unidentified Armed Group, Civilians, Protesters, the country's military and
police) take the event's country; regime-dated names take the event's date; a state's forces
acting outside their country get ACLED's type 8 (External/Other forces).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rasd.acled import COUNTRIES
from rasd.arabic import Lexicon, LexiconMatch, Token, cores
from rasd.errors import DataError
from rasd.stages.normalize import fold, words
from rasd.types import Actor, ActorType

ADJECTIVE_ENDINGS = ("", "ه", "ا", "ين", "ون", "ان", "تين", "تان")
FOREIGN = {
    "RU": "Russia",
    "US": "United States",
    "IR": "Iran",
    "SA": "Saudi Arabia",
    "AE": "United Arab Emirates",
    "TR": "Turkey",
    "IL": "Israel",
}


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One actor of the dictionary."""

    id: str
    names: tuple[tuple[str, date | None], ...]
    """(ACLED name, valid until) pairs in date order; the last has no end."""
    inter: ActorType
    country: str
    generic: bool = False
    by_country: Mapping[str, str] = field(default_factory=dict)
    parent: str = ""
    source: str = ""
    pro_government: bool = False

    def name_on(self, day: date | None, country: str) -> str:
        """The ACLED name on ``day`` (latest name when undated) for an event in ``country``."""
        name = self.names[-1][0]
        if day is not None:
            name = next((n for n, until in self.names if until is None or day < until), name)
        if "{country}" in name:
            name = name.replace("{country}", COUNTRIES.get(country, (country or "Unknown",))[0])
        return name


@dataclass(frozen=True, slots=True)
class AliasSense:
    """What an alias means: an actor, optionally only in some countries, and how it names it."""

    actor_id: str
    countries: frozenset[str] = frozenset()
    framing: bool = False
    adjective: bool = False


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor alias found in the text (normalised token span)."""

    first: int
    last: int
    start: int
    end: int
    key: str
    senses: tuple[AliasSense, ...]

    # written out: mypyc compiles this one, not the one @dataclass generates (see rasd.types)
    def __init__(
        self, first: int, last: int, start: int, end: int, key: str, senses: tuple[AliasSense, ...]
    ) -> None:
        object.__setattr__(self, "first", first)
        object.__setattr__(self, "last", last)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "senses", senses)

    @property
    def is_adjective(self) -> bool:
        return all(s.adjective for s in self.senses)

    @property
    def is_framing(self) -> bool:
        return any(s.framing for s in self.senses)


class ActorDictionary:
    """The actor dictionary with its alias lexicon."""

    def __init__(
        self,
        entries: Sequence[ActorEntry],
        senses: list[tuple[str, AliasSense]],
        identities: Mapping[str, Sequence[str]] | None = None,
    ):
        self.entries = {e.id: e for e in entries}
        self.lexicon: Lexicon[AliasSense] = Lexicon(senses, enclitics=True, min_core=2)
        self.framing_labels = frozenset(fold(s) for s, sense in senses if sense.framing)
        self.identities: Lexicon[str] = Lexicon(
            ((form, english) for english, forms in (identities or {}).items() for form in forms),
            min_core=2,
        )

    @classmethod
    def from_yaml(cls, content: Mapping[str, Any]) -> ActorDictionary:
        """Build from the parsed ``actors.yaml``; a malformed entry raises DataError."""
        entries: list[ActorEntry] = []
        senses: list[tuple[str, AliasSense]] = []
        for raw in content.get("actors", []):
            try:
                entry = _entry(raw)
            except (KeyError, TypeError, ValueError) as exc:
                raise DataError(f"actors.yaml: bad entry {raw.get('id', raw)!r}: {exc}") from exc
            entries.append(entry)
            senses += _senses(raw, entry.id)
        dictionary = cls(entries, senses, content.get("identities") or {})
        dictionary.validate()
        return dictionary

    def coverage(self) -> dict[str, object]:
        """How much the dictionary covers: actors and aliases per country, framing labels."""
        by_country: dict[str, int] = {}
        for entry in self.entries.values():
            key = entry.country or "(any country)"
            by_country[key] = by_country.get(key, 0) + 1
        aliases = self.alias_counts()
        return {
            "actors": len(self.entries),
            "aliases": sum(aliases.values()),
            "framing_labels": len(self.framing_labels),
            "actors_per_country": dict(sorted(by_country.items())),
            "aliases_per_actor": dict(sorted(aliases.items(), key=lambda kv: (-kv[1], kv[0]))),
        }

    def alias_counts(self) -> dict[str, int]:
        """Number of alias phrases (all kinds) per actor id."""
        counts: dict[str, int] = dict.fromkeys(self.entries, 0)
        for senses in self.lexicon.values():
            for sense in senses:
                counts[sense.actor_id] += 1
        return counts

    def validate(self) -> None:
        """Every reference points at an entry; every actor type is ACLED's."""
        for entry in self.entries.values():
            targets = [*entry.by_country.values(), *([entry.parent] if entry.parent else [])]
            missing = [t for t in targets if t not in self.entries]
            if missing:
                raise DataError(f"actors.yaml: {entry.id} refers to unknown {missing}")

    def find(
        self, tokens: Sequence[Token], start: int = 0, end: int | None = None
    ) -> list[ActorMention]:
        """Actor aliases in tokens ``[start, end)``."""
        return self.mentions(self.lexicon.find(tokens, start, end))

    @staticmethod
    def mentions(matches: Sequence[LexiconMatch[AliasSense]]) -> list[ActorMention]:
        """Actor mentions of lexicon matches (from ``find`` or a LexiconSet)."""
        return [_mention(m) for m in matches]

    def resolve(self, mention: ActorMention, *, country: str, day: date | None) -> Actor | None:
        """The actor a mention names for an event in ``country`` on ``day``."""
        sense = pick_sense(mention.senses, country)
        if sense is None:
            return None
        return self.actor(sense.actor_id, country=country, day=day)

    def actor(self, actor_id: str, *, country: str, day: date | None) -> Actor:
        """The Actor value of a dictionary entry for an event in ``country`` on ``day``."""
        entry = self.entries[actor_id]
        if entry.generic and country in entry.by_country:
            entry = self.entries[entry.by_country[country]]
        inter = entry.inter
        if (
            inter == ActorType.STATE_FORCES
            and entry.country
            and country
            and entry.country != country
        ):
            inter = ActorType.EXTERNAL_OTHER
        return Actor(entry.name_on(day, country), inter, entry.country or country, entry.id)

    def parent_of(self, actor_id: str) -> str:
        """The larger actor of a sub-unit, or the actor itself."""
        return self.entries[actor_id].parent or actor_id


BELIEF_CUES = words(
    """
    يعتقد، يرجح، يشتبه، يعتقد أنهم، يرجح أنهم، يشتبه بأنهم، يعتقد أنه، يرجح أنه،
    يشتبه بانتمائهم، يعتقد انتماؤهم، يشتبه في أنهم
"""
)


BELIEF_VERBS = frozenset(fold(w) for w in ("يعتقد", "يرجح", "يشتبه"))


def believed_identity(
    tokens: Sequence[Token], first: int, last: int, dictionary: ActorDictionary
) -> str:
    """The English identity in a "believed to be ..." phrase inside tokens ``[first, last]``."""
    for i in range(first, last + 1):
        if tokens[i].text not in BELIEF_VERBS:
            continue
        window = tokens[i + 1 : min(last + 1, i + 9)]
        matches = dictionary.identities.find(window)
        if matches:
            return matches[0].values[0]
    return ""


def pick_sense(senses: Sequence[AliasSense], country: str) -> AliasSense | None:
    """The sense valid in ``country``: a country-specific one first, else a general one."""
    specific = [s for s in senses if country in s.countries]
    if specific:
        return specific[0]
    general = [s for s in senses if not s.countries]
    return general[0] if general else None


def _mention(match: LexiconMatch[AliasSense]) -> ActorMention:
    return ActorMention(match.first, match.last, match.start, match.end, match.key, match.values)


def _date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _entry(raw: Mapping[str, Any]) -> ActorEntry:
    if "names" in raw:
        names = tuple((str(n["name"]), _date(n.get("until"))) for n in raw["names"])
    else:
        names = ((str(raw["name"]), None),)
    inter = ActorType(int(raw["inter"]))
    return ActorEntry(
        id=str(raw["id"]),
        names=names,
        inter=inter,
        country=str(raw.get("country", "")),
        generic="{country}" in names[-1][0] or bool(raw.get("by_country")),
        by_country=dict(raw.get("by_country") or {}),
        pro_government=bool(raw.get("pro_government", False)),
        parent=str(raw.get("parent", "")),
        source=str(raw.get("source", "")),
    )


def _senses(raw: Mapping[str, Any], actor_id: str) -> list[tuple[str, AliasSense]]:
    senses = [(a, AliasSense(actor_id)) for a in raw.get("aliases") or []]
    for country, aliases in (raw.get("aliases_in") or {}).items():
        senses += [(a, AliasSense(actor_id, frozenset({country}))) for a in aliases]
    senses += [(a, AliasSense(actor_id, framing=True)) for a in raw.get("framing") or []]
    for adjective in raw.get("adjectives") or []:
        base = fold(adjective)
        senses += [(base + end, AliasSense(actor_id, adjective=True)) for end in ADJECTIVE_ENDINGS]
    return senses


ORGANISATION_HEADS = words(
    """
    تنظيم، جماعة، لواء، ألوية، كتائب، كتيبة، حركة، فصيل، ميليشيا، ميليشيات، مليشيا، سرايا، تجمع
"""
)
# "حركة المرور" (traffic), "حركة الملاحة": heads followed by these are not organisations
NOT_ORGANISATIONS = words("المرور، الملاحة، السير، النزوح، الاحتجاج، الاحتجاجات، التجارة، ما")
NOT_NAMES = words("التي، الذي، الذين، في، من، على، إلى، عن، مع، بين، أن، إن، قد، لم، وقد")


def unknown_organisations(
    tokens: Sequence[Token], known: ActorDictionary, first: int = 0, last: int | None = None
) -> list[tuple[int, int]]:
    """Token spans ``(first, last)`` that name an armed organisation rasd does not know.

    A head word ("تنظيم", "جماعة", "لواء", "كتائب", "حركة", "فصيل", "جبهة" ...) followed by a
    name (one word, and the words after it that carry the article: "لواء الفتح المبين"), where no
    dictionary actor covers the span. ``rasd actors --unknown`` reports them so the dictionary
    can grow; the pipeline keeps the actor as Unidentified Armed Group with the name in notes.
    """
    stop = len(tokens) - 1 if last is None else min(last, len(tokens) - 1)
    covered = {i for m in known.find(tokens, first, stop + 1) for i in range(m.first, m.last + 1)}
    spans = []
    for i in range(first, stop):
        head = tokens[i].text
        if i in covered or i + 1 in covered or head.startswith(("ال", "وال", "بال", "لل")):
            continue  # a definite head ("التنظيم المتشدد") describes a group already named
        if not cores(head) & ORGANISATION_HEADS:
            continue
        following = tokens[i + 1].text
        if following in NOT_NAMES | NOT_ORGANISATIONS or following.isdigit():
            continue
        end = i + 1
        while end + 1 <= stop and end - i < 3 and tokens[end + 1].text.startswith("ال"):
            if end + 1 in covered or tokens[end + 1].text in NOT_NAMES:
                break
            end += 1
        spans.append((i, end))
    return spans
