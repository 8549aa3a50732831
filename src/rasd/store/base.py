"""The store's contract, backend-neutral: the :class:`Store` protocol and the values it passes.

Every backend (SQLite now, PostgreSQL/PostGIS later) takes and returns these frozen values;
nothing here knows SQL. Errors, in one place::

    RasdError
    └── StoreError              the store cannot be opened, migrated, read or written
        ├── StoreVersionError   the database was migrated by a newer rasd
        ├── ArticleConflict     an article id already holds a different text
        ├── EventNotFound       a review names an event the store does not hold
        ├── ReviewConflict      a review read an older version of the event (HTTP 409)
        └── ReviewRefused       a review the event's state does not allow (HTTP 422)
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Generic, Protocol, TypeVar

from rasd.errors import RasdError
from rasd.store.text import normalized_words
from rasd.types import Article, Event

T = TypeVar("T")

MAX_PAGE = 1000
"""The most items one page of a listing returns."""

REVIEW_MACHINE = "machine"
"""``review_status`` of an event as the pipeline wrote it; a re-extraction may replace it.
Any other status (issue 8: ``confirmed``, ``edited``, ``rejected``) is never overwritten."""


class StoreError(RasdError):
    """The store cannot be opened, migrated, read or written."""


class StoreVersionError(StoreError):
    """The database holds migrations this version of rasd does not know."""


class ArticleConflict(StoreError):
    """An article id already holds a different text (the caller stores a revision)."""


@dataclass(frozen=True, slots=True)
class BBox:
    """A bounding box in degrees; ``west > east`` crosses the antimeridian."""

    west: float
    south: float
    east: float
    north: float

    @classmethod
    def parse(cls, text: str) -> BBox:
        """``"west,south,east,north"`` (GeoJSON order), or ValueError saying what is wrong."""
        parts = text.split(",")
        if len(parts) != 4:
            raise ValueError("bbox must be four numbers: west,south,east,north")
        try:
            west, south, east, north = (float(p) for p in parts)
        except ValueError:
            raise ValueError("bbox must be four numbers: west,south,east,north") from None
        box = cls(west, south, east, north)
        box.validate()
        return box

    def validate(self) -> None:
        """Raise ValueError when a coordinate is out of range or south > north."""
        values = (self.west, self.south, self.east, self.north)
        if not all(math.isfinite(v) for v in values):
            raise ValueError("bbox coordinates must be finite numbers")
        if not (-180 <= self.west <= 180 and -180 <= self.east <= 180):
            raise ValueError("bbox longitudes must be within -180..180")
        if not (-90 <= self.south <= self.north <= 90):
            raise ValueError("bbox latitudes must be within -90..90 with south <= north")


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which merged events to list. Every field narrows; None means no condition.

    Text filters match exactly (``actor`` also matches inside the associated actors); ``q``
    is a full-text search over the reporting articles; ``source`` matches any member's outlet.
    """

    date_from: date | None = None
    date_to: date | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    location: str | None = None
    source: str | None = None
    bbox: BBox | None = None
    q: str | None = None
    review_status: str | None = None
    """One of :data:`REVIEW_FILTERS` (``reviewed``: confirmed or edited; ``any``); None lists
    every event but the rejected ones."""
    fatalities_min: int | None = None
    fatalities_max: int | None = None
    """Bounds on the merged event's fatalities (the lowest reported, or the reviewed figure)."""
    limit: int = 100
    offset: int = 0


@dataclass(frozen=True, slots=True)
class ArticleQuery:
    """Which articles to list; ``q`` is a full-text search over normalised Arabic."""

    q: str | None = None
    source: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    limit: int = 20
    offset: int = 0


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a listing and the number of items in the whole listing."""

    items: tuple[T, ...]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True, slots=True)
class Provenance:
    """What produced a stored extraction."""

    pipeline_version: str
    data_version: str
    origin: str = ""
    """Where the article came from: a file path, a feed URL, ``api``."""


class SaveStatus(StrEnum):
    """What saving an article did."""

    NEW = "new"
    DUPLICATE = "duplicate"
    """Same id (or revision id) and same text already stored: nothing changed."""
    REVISION = "revision"
    """The id held another text: this text was stored under ``<id>@<hash>``."""
    REEXTRACTED = "reextracted"
    """Already stored; its machine events were replaced by a new extraction."""


@dataclass(frozen=True, slots=True)
class SaveResult:
    """The outcome of saving one article and its events."""

    article_id: str
    status: SaveStatus
    events: int = 0
    merged: int = 0
    """Events of this article linked into an event reported by another article."""
    near_duplicate_of: str | None = None
    extract_error: str | None = None
    """Set when extraction failed: the article is stored without events."""


@dataclass(frozen=True, slots=True)
class Member:
    """One article's report of a merged event."""

    event_id: str
    article_id: str
    source: str
    source_scale: str
    title: str | None
    published: date | None
    url: str | None
    record: dict[str, Any]
    """The member's own JSONL record (``rasd.io.event_record``), evidence included."""
    link_reason: str = ""
    """Why it was merged into the group; empty for the group's anchor."""
    review_status: str = REVIEW_MACHINE
    provenance: str = ""
    """``pipeline_version/data_version`` of the extraction that coded it."""


@dataclass(frozen=True, slots=True)
class MergedEvent:
    """An event with every article that reports it; its id is the anchor member's id."""

    event_id: str
    record: dict[str, Any]
    """The merged JSONL record: ``source`` lists every outlet, ``source_scale`` combined."""
    members: tuple[Member, ...]
    review_status: str = REVIEW_MACHINE
    """The anchor's status: the merged event's."""
    review_version: int = 0
    """How many reviews changed it (optimistic concurrency: a review names the one it read)."""


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article as stored; ``text`` is None in listings."""

    article_id: str
    title: str | None
    published: date | None
    source: str
    url: str | None
    origin: str
    ingested_at: datetime | None
    event_ids: tuple[str, ...] = ()
    revision_of: str | None = None
    near_duplicate_of: str | None = None
    extract_error: str | None = None
    snippet: str = ""
    text: str | None = None


@dataclass(frozen=True, slots=True)
class FeedState:
    """What ``rasd watch`` remembers about a feed between rounds and restarts."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    last_polled: datetime | None = None
    last_status: int | None = None
    last_error: str | None = None
    failures: int = 0


@dataclass(frozen=True, slots=True)
class EventKey:
    """The fields cross-source de-duplication compares (see :mod:`rasd.dedup`)."""

    event_id: str
    article_id: str
    event_type: str
    sub_event_type: str
    event_date: date | None
    time_precision: int
    latitude: float | None
    longitude: float | None
    geo_precision: int
    location: str
    admin1: str
    actors: frozenset[str] = field(default_factory=frozenset)
    words: frozenset[str] = field(default_factory=frozenset)
    """Normalised words of the clause that reports the event (its ``notes`` evidence)."""

    @classmethod
    def of(cls, event: Event) -> EventKey:
        """The key of a freshly extracted event."""
        clauses = [(e.field, e.text) for e in event.evidence]
        return cls(
            event_id=event.event_id,
            article_id=event.article_id,
            event_type=event.event_type,
            sub_event_type=event.sub_event_type,
            event_date=event.event_date,
            time_precision=event.time_precision,
            latitude=event.latitude,
            longitude=event.longitude,
            geo_precision=event.geo_precision,
            location=event.location,
            admin1=event.admin1,
            actors=frozenset(a for a in (event.actor1, event.actor2) if a),
            words=clause_words(clauses),
        )


def clause_words(evidence: Iterable[tuple[str, str]]) -> frozenset[str]:
    """Normalised words of the ``notes`` evidence spans among ``(field, text)`` pairs."""
    return frozenset(
        word for name, text in evidence if name == "notes" for word in normalized_words(text)
    )


class Matcher(Protocol):
    """Decides whether two events from different articles are one event."""

    @property
    def max_days(self) -> int:
        """Candidates lie at most this many days from the new event."""
        ...

    @property
    def max_km(self) -> float:
        """Candidates lie at most this far from the new event."""
        ...

    def reason(self, new: EventKey, old: EventKey, *, near_duplicate: bool) -> str | None:
        """Why ``new`` is the same event as ``old``, or None when it is not."""
        ...


def content_hash(article: Article) -> str:
    """sha256 of the article text: an article is the same when its text is the same."""
    return hashlib.sha256(article.text.encode("utf-8")).hexdigest()


def revision_id(article: Article) -> str:
    """The id a different text under an existing id is stored as."""
    return f"{article.id}@{content_hash(article)[:12]}"


class Store(Protocol):
    """What every backend offers. Writes are transactions: all of an article or nothing."""

    url: str

    def resolve(self, article: Article) -> tuple[str, SaveStatus]:
        """The id to store ``article`` under, and NEW, REVISION or DUPLICATE."""
        ...

    def save_extraction(
        self,
        article: Article,
        events: Sequence[Event],
        *,
        provenance: Provenance,
        source_scale: str = "",
        matcher: Matcher | None = None,
        replace: bool = False,
        extract_error: str | None = None,
    ) -> SaveResult:
        """Store an article, its events and evidence, and merge its events across sources.

        With ``replace`` an already stored article keeps its text and gets these events
        instead of its machine-coded ones (reviewed events are kept). Raises ArticleConflict
        when ``article.id`` already holds a different text.
        """
        ...

    def events(self, query: EventFilter) -> Page[MergedEvent]:
        """One page of merged events, newest first."""
        ...

    def iter_events(self, query: EventFilter) -> Iterator[MergedEvent]:
        """Every merged event the filter selects (``limit``/``offset`` ignored)."""
        ...

    def event(self, event_id: str) -> MergedEvent | None:
        """The merged event holding ``event_id`` (an anchor or a member id)."""
        ...

    def articles(self, query: ArticleQuery) -> Page[StoredArticle]:
        """One page of articles, best search match (or newest) first, with snippets."""
        ...

    def article(self, article_id: str) -> StoredArticle | None:
        """One article with its text and event ids."""
        ...

    def feed_state(self, url: str) -> FeedState:
        """What was remembered about a feed (an empty state for a new feed)."""
        ...

    def save_feed_state(self, state: FeedState) -> None:
        """Remember a feed's validators and last outcome."""
        ...

    def unseen_items(self, feed_url: str, item_ids: Sequence[str]) -> list[str]:
        """The item ids of a feed not stored yet, in the given order."""
        ...

    def mark_seen(self, feed_url: str, item_id: str, article_id: str) -> None:
        """Record that a feed item was stored as ``article_id``."""
        ...

    def counts(self) -> dict[str, int]:
        """Rows per kind: articles, events, merged_events, sources, feeds."""
        ...

    def check(self) -> list[str]:
        """Integrity problems found; empty when the store is sound."""
        ...

    def close(self) -> None:
        """Release connections."""
        ...

    # ---- review (issue 8): every write checks the version the reviewer read, is audited with
    # who, when and the previous values, and marks every report of the event reviewed, so a
    # re-extraction never replaces it.

    def points(self, query: EventFilter) -> list[EventPoint]:
        """Every merged event of the filter as a light map point (no paging, newest first)."""
        ...

    def edit_event(self, event_id: str, changes: dict[str, Any], review: Review) -> MergedEvent:
        """Set fields of a merged event's record (already validated); status ``edited``."""
        ...

    def set_review_status(self, event_id: str, status: str, review: Review) -> MergedEvent:
        """Confirm, reject or reopen (``machine``) a merged event."""
        ...

    def split_event(
        self, event_id: str, member_ids: Sequence[str], review: Review
    ) -> tuple[MergedEvent, MergedEvent]:
        """Move some reports of a merged event into a new one: (what is left, the new one)."""
        ...

    def merge_events(
        self, event_id: str, other_id: str, review: Review, other_version: int
    ) -> MergedEvent:
        """Move every report of ``other_id`` into ``event_id``'s merged event."""
        ...

    def audit_log(self, entity_id: str | None = None, limit: int = 1000) -> list[AuditEntry]:
        """Audit entries, newest first; of one merged event (and its reports) when given."""
        ...


SCALE_ORDER = (
    "Local partner",
    "Local",
    "Subnational",
    "National",
    "Regional",
    "International",
    "New media",
    "Other",
)


def combine_scales(scales: Sequence[str]) -> str:
    """ACLED's combined source_scale, e.g. ``["International", "National"]`` gives
    ``"National-International"``."""
    parts = {part.strip() for scale in scales for part in scale.split("-") if part.strip()}
    rank = {name: i for i, name in enumerate(SCALE_ORDER)}
    return "-".join(sorted(parts, key=lambda p: (rank.get(p, len(rank)), p)))


# ----------------------------------------------------------------------------- review (issue 8)

REVIEW_CONFIRMED = "confirmed"
REVIEW_EDITED = "edited"
REVIEW_REJECTED = "rejected"
REVIEW_STATUSES = (REVIEW_MACHINE, REVIEW_CONFIRMED, REVIEW_EDITED, REVIEW_REJECTED)
REVIEW_FILTERS: dict[str, tuple[str, ...]] = {
    **{status: (status,) for status in REVIEW_STATUSES},
    "reviewed": (REVIEW_CONFIRMED, REVIEW_EDITED),
    "any": REVIEW_STATUSES,
}
"""``EventFilter.review_status`` values and the statuses each selects."""
DEFAULT_REVIEW_FILTER = (REVIEW_MACHINE, REVIEW_CONFIRMED, REVIEW_EDITED)
"""What a filter without ``review_status`` lists: every event but the rejected ones."""


class EventNotFound(StoreError):
    """A review names an event the store does not hold."""


class ReviewRefused(StoreError):
    """A review the event's state does not allow (e.g. splitting off every report)."""


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One change: who made it, when, to what, and the previous values (``detail``)."""

    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    detail: dict[str, Any]


class ReviewConflict(StoreError):
    """A reviewer read version ``expected`` but the event is at ``current`` now."""

    def __init__(self, event_id: str, expected: int, current: int, last: AuditEntry | None):
        who = f" by {last.actor} at {last.at:%Y-%m-%d %H:%M} UTC ({last.action})" if last else ""
        super().__init__(
            f"event {event_id} was changed{who} after you opened it (you read version "
            f"{expected}, it is now at version {current}); nothing was saved: reload it and "
            "apply your change again"
        )
        self.event_id = event_id
        self.expected = expected
        self.current = current
        self.last = last


@dataclass(frozen=True, slots=True)
class Review:
    """Who reviews, the version of the event they read, and why."""

    reviewer: str
    version: int
    comment: str = ""


@dataclass(frozen=True, slots=True)
class EventPoint:
    """What the web map needs of a merged event: place, type, actors, size, review state."""

    event_id: str
    event_date: date | None
    event_type: str
    sub_event_type: str
    actor1: str
    actor2: str
    assoc_actors: str
    country: str
    admin1: str
    admin2: str
    location: str
    latitude: float | None
    longitude: float | None
    geo_precision: int
    fatalities: int
    review_status: str
    review_version: int
    sources: tuple[str, ...]
    reports: int
