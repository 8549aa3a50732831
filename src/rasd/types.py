"""The typed values that flow between pipeline stages.

Every offset is a character offset into ``Article.text`` as published (never into the
normalised text), so ``article.text[m.start:m.end] == m.text`` holds for every Mention and
Evidence.

The values built hundreds of times per article (sentences, actors, evidence here; mentions,
places and clauses in the stages) write their ``__init__`` out. The one ``@dataclass``
generates is built at run time, so the mypyc build runs it interpreted, far slower than a
compiled one (mypyc/mypyc#671); equality, hashing, ``repr``, ``replace`` and
frozenness still come from the dataclass. ``tests/test_types.py`` checks every written-out
``__init__`` takes exactly the fields, with their defaults.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum, StrEnum


class MentionKind(StrEnum):
    """What a span of text names."""

    PLACE = "place"
    ACTOR = "actor"
    DATE = "date"
    NUMBER = "number"
    TRIGGER = "trigger"
    CUE = "cue"


class ActorType(IntEnum):
    """ACLED's actor types (the ``inter`` codes)."""

    NONE = 0
    STATE_FORCES = 1
    REBEL_GROUP = 2
    POLITICAL_MILITIA = 3
    IDENTITY_MILITIA = 4
    RIOTERS = 5
    PROTESTERS = 6
    CIVILIANS = 7
    EXTERNAL_OTHER = 8


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from input."""

    id: str
    text: str
    title: str | None = None
    published: date | None = None
    source: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the article; ``text == article.text[start:end]``."""

    index: int
    start: int
    end: int
    text: str
    role: str = "body"
    """``body``, ``dateline`` (where the report was filed), ``heading`` (a section title or a
    link to another story) or ``title``."""

    # written out: mypyc compiles this one, not the one @dataclass generates (see rasd.types)
    def __init__(self, index: int, start: int, end: int, text: str, role: str = "body") -> None:
        object.__setattr__(self, "index", index)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "role", role)


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the article that names something a stage cares about."""

    kind: MentionKind
    text: str
    start: int
    end: int
    sentence: int
    key: str = ""
    """The lexicon entry or normalised value the span was matched to."""


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer place with its admin units."""

    place_id: str
    name: str
    name_ar: str
    country: str
    country_code: str
    admin1: str
    admin2: str
    admin3: str
    latitude: float
    longitude: float
    feature: str
    """locality, site, admin1, admin2, region, country ..."""
    population: int = 0


@dataclass(frozen=True, slots=True)
class Actor:
    """An ACLED-style actor."""

    name: str
    inter: ActorType
    country: str = ""
    actor_id: str = ""

    # written out: mypyc compiles this one, not the one @dataclass generates (see rasd.types)
    def __init__(self, name: str, inter: ActorType, country: str = "", actor_id: str = "") -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "inter", inter)
        object.__setattr__(self, "country", country)
        object.__setattr__(self, "actor_id", actor_id)


@dataclass(frozen=True, slots=True)
class Evidence:
    """The words that support one field of an event."""

    field: str
    start: int
    end: int
    text: str

    # written out: mypyc compiles this one, not the one @dataclass generates (see rasd.types)
    def __init__(self, field: str, start: int, end: int, text: str) -> None:
        object.__setattr__(self, "field", field)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "text", text)


@dataclass(frozen=True, slots=True)
class Event:
    """One ACLED event record, with its evidence.

    Field names are ACLED's column names; ``inter1``/``inter2`` are kept as codes and rendered
    as ACLED's text labels (or numbers) when written.
    """

    article_id: str
    event_id: str
    event_date: date | None
    time_precision: int
    disorder_type: str
    event_type: str
    sub_event_type: str
    actor1: str
    assoc_actor_1: str
    inter1: ActorType
    actor2: str
    assoc_actor_2: str
    inter2: ActorType
    civilian_targeting: str
    iso: int
    region: str
    country: str
    admin1: str
    admin2: str
    admin3: str
    location: str
    latitude: float | None
    longitude: float | None
    geo_precision: int
    source: str
    source_scale: str
    notes: str
    fatalities: int
    tags: str
    timestamp: int
    event_id_cnty: str = ""
    evidence: tuple[Evidence, ...] = ()
    claim: str = ""
    """Who reports the event (attribution as given by the article), in English."""
    warnings: tuple[str, ...] = field(default_factory=tuple)
    """Problems the pipeline met while coding this event (e.g. an unresolvable date)."""
    why: tuple[tuple[str, str], ...] = ()
    """(field, reason) pairs: why each field has its value (``rasd explain``)."""

    @property
    def year(self) -> int | None:
        """ACLED's ``year`` column."""
        return self.event_date.year if self.event_date else None
