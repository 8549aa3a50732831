"""The store's tables (SQLAlchemy Core, shared by every backend) and the project's migrations.

Tables::

    sources        outlets and their ACLED source_scale
    articles       every article as ingested (text never changes; a new text is a revision)
    article_marks  sampled word-shingle hashes, to find near-duplicate (syndicated) articles
    events         every event of every article: indexed filter columns + the JSONL record;
                   ``group_id`` names the merged event (its anchor's event_id);
                   ``clause_words`` the normalised words of its clause (for de-duplication)
    evidence       (event_id, field, start, end, text) spans, offsets into the article text
    merge_links    why a member joined its merged event (rule, distance, days)
    feeds          conditional-request validators and last outcome per watched feed
    feed_items     feed items already stored
    audit          who changed what (ingest, re-extraction, reviews: who, when, previous value)
    rasd_migrations  applied migrations

Migrations are owned by a :class:`Migrations` object (as in sqlite-utils): each has a name and
a function run inside the write transaction that applies it, and is recorded in
``rasd_migrations``. ``0001_initial`` creates the tables of ``metadata`` as they are now, so a
later migration changes ``metadata`` and alters an existing table only where the change is
missing (``inspect(conn)``): a fresh database passes through it unchanged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    inspect,
    select,
    text,
)

from rasd.store.base import REVIEW_MACHINE, StoreVersionError

log = logging.getLogger(__name__)

metadata = MetaData()

sources = Table(
    "sources",
    metadata,
    Column("source_id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(300), nullable=False, unique=True),
    Column("scale", String(80), nullable=False, default=""),
)

articles = Table(
    "articles",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(400), nullable=False, unique=True),
    Column("source_id", Integer, ForeignKey("sources.source_id"), nullable=True),
    Column("title", Text),
    Column("published", Date, index=True),
    Column("url", Text),
    Column("text", Text, nullable=False),
    Column("content_hash", String(64), nullable=False, index=True),
    Column("revision_of", String(400)),
    Column("near_duplicate_of", String(400)),
    Column("origin", Text, nullable=False, default=""),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("pipeline_version", String(40), nullable=False, default=""),
    Column("data_version", String(40), nullable=False, default=""),
    Column("extracted_at", DateTime(timezone=True)),
    Column("extract_error", Text),
)

article_marks = Table(
    "article_marks",
    metadata,
    Column("article_pk", Integer, ForeignKey("articles.pk"), primary_key=True),
    Column("mark", Integer, primary_key=True),
    Index("ix_article_marks_mark", "mark"),
)

events = Table(
    "events",
    metadata,
    Column("event_id", String(40), primary_key=True),
    Column("article_id", String(400), ForeignKey("articles.article_id"), nullable=False),
    Column("group_id", String(40), nullable=False),
    Column("event_date", Date),
    Column("time_precision", Integer, nullable=False, default=1),
    Column("event_type", String(60), nullable=False),
    Column("sub_event_type", String(80), nullable=False),
    Column("actor1", String(300), nullable=False, default=""),
    Column("actor2", String(300), nullable=False, default=""),
    Column("assoc_actors", Text, nullable=False, default=""),
    Column("country", String(80), nullable=False, default=""),
    Column("admin1", String(200), nullable=False, default=""),
    Column("admin2", String(200), nullable=False, default=""),
    Column("admin3", String(200), nullable=False, default=""),
    Column("location", String(300), nullable=False, default=""),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("geo_precision", Integer, nullable=False, default=3),
    Column("fatalities", Integer, nullable=False, default=0),
    Column("source", String(300), nullable=False, default=""),
    Column("source_scale", String(80), nullable=False, default=""),
    Column("record", JSON, nullable=False),
    Column("clause_words", Text, nullable=False, default=""),
    Column("review_status", String(20), nullable=False, default=REVIEW_MACHINE),
    Column("pipeline_version", String(40), nullable=False, default=""),
    Column("data_version", String(40), nullable=False, default=""),
    Column("extracted_at", DateTime(timezone=True), nullable=False),
    Column("seq", Integer, nullable=False, default=0),
    Index("ix_events_type_date", "event_type", "event_date"),
    Index("ix_events_date", "event_date"),
    Index("ix_events_group", "group_id"),
    Index("ix_events_article", "article_id"),
    Index("ix_events_latlon", "latitude", "longitude"),
    Index("ix_events_admin1", "admin1"),
    Index("ix_events_actor1", "actor1"),
    Index("ix_events_actor2", "actor2"),
    Index("ix_events_source", "source"),
)

evidence = Table(
    "evidence",
    metadata,
    Column("evidence_id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(40), ForeignKey("events.event_id"), nullable=False, index=True),
    Column("field", String(40), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
)

merge_links = Table(
    "merge_links",
    metadata,
    Column("event_id", String(40), ForeignKey("events.event_id"), primary_key=True),
    Column("group_id", String(40), nullable=False, index=True),
    Column("rule", Text, nullable=False),
    Column("linked_at", DateTime(timezone=True), nullable=False),
)

feeds = Table(
    "feeds",
    metadata,
    Column("url", String(2000), primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_polled", DateTime(timezone=True)),
    Column("last_status", Integer),
    Column("last_error", Text),
    Column("failures", Integer, nullable=False, default=0),
)

feed_items = Table(
    "feed_items",
    metadata,
    Column("feed_url", String(2000), nullable=False),
    Column("item_key", String(64), nullable=False),
    Column("item_id", Text, nullable=False),
    Column("article_id", String(400), nullable=False),
    Column("seen_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("feed_url", "item_key", name="uq_feed_items"),
)

audit = Table(
    "audit",
    metadata,
    Column("audit_id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("action", String(60), nullable=False),
    Column("entity", String(40), nullable=False),
    Column("entity_id", String(400), nullable=False),
    Column("detail", JSON),
)

migrations_table = Table(
    "rasd_migrations",
    metadata,
    Column("name", String(200), primary_key=True),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)


def now() -> datetime:
    """The current time, timezone-aware UTC (what every timestamp column holds)."""
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Migration:
    """One named step from one schema version to the next."""

    name: str
    apply: Callable[[Connection], None]


class Migrations:
    """An ordered list of migrations, applied once each and recorded in ``rasd_migrations``."""

    def __init__(self, steps: Sequence[Migration]):
        names = [step.name for step in steps]
        if len(set(names)) != len(names):
            raise ValueError(f"duplicate migration names in {names}")
        self.steps = tuple(steps)

    def applied(self, conn: Connection) -> list[str]:
        """Names of the migrations recorded in the database (none for a fresh one)."""
        if not inspect(conn).has_table(migrations_table.name):
            return []
        return list(conn.scalars(select(migrations_table.c.name)))

    def apply(self, conn: Connection) -> list[str]:
        """Bring the schema up to date inside the caller's transaction; the names applied."""
        done = self.applied(conn)
        unknown = sorted(set(done) - {step.name for step in self.steps})
        if unknown:
            raise StoreVersionError(
                f"the database was migrated by a newer rasd ({', '.join(unknown)}); "
                "upgrade rasd or use another RASD_DATABASE_URL"
            )
        pending = [step for step in self.steps if step.name not in done]
        for step in pending:
            log.info("store: applying migration %s", step.name)
            step.apply(conn)
            conn.execute(migrations_table.insert().values(name=step.name, applied_at=now()))
        return [step.name for step in pending]


def create_tables(conn: Connection) -> None:
    """Migration 0001: every table of ``metadata`` (idempotent on a fresh database)."""
    metadata.create_all(conn, checkfirst=True)


# ----------------------------------------------------------------------------- review (issue 8)

events.append_column(Column("review_version", Integer, nullable=False, default=0))
"""Optimistic concurrency for reviewers: a merged event's anchor row counts its reviews; a
review names the version it read and fails (409) when another review came first."""


def add_review_version(conn: Connection) -> None:
    """Migration 0003: ``events.review_version`` on stores created before it existed."""
    present = {column["name"] for column in inspect(conn).get_columns("events")}
    if "review_version" not in present:
        conn.execute(
            text("ALTER TABLE events ADD COLUMN review_version INTEGER NOT NULL DEFAULT 0")
        )


CORE_MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_initial", create_tables),
    Migration("0003_review_version", add_review_version),
)
"""Backend-neutral migrations; a backend appends its own (e.g. SQLite's FTS5 table)."""
