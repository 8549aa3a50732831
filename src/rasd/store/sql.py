"""The store over SQLAlchemy Core, shared by every SQL backend.

:class:`SqlStore` holds every query that is the same on SQLite and PostgreSQL; a backend
subclass supplies what differs (:meth:`SqlStore._insert_ignore`, the full-text index
and search, the bounding-box condition, how a write transaction starts, integrity checks).

Every write is one transaction: an article, its marks, its index entry, its events, their
evidence and merge links are stored together or not at all.
"""

from __future__ import annotations

import hashlib
import logging
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, ClassVar

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Row,
    Select,
    Table,
    and_,
    bindparam,
    delete,
    exists,
    false,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.sql.expression import Executable

from rasd import dedup
from rasd.io import event_record
from rasd.store import reviews, schema
from rasd.store.base import (
    MAX_PAGE,
    REVIEW_CONFIRMED,
    REVIEW_MACHINE,
    REVIEW_REJECTED,
    ArticleConflict,
    ArticleQuery,
    AuditEntry,
    BBox,
    EventFilter,
    EventKey,
    EventPoint,
    FeedState,
    Matcher,
    Member,
    MergedEvent,
    Page,
    Provenance,
    Review,
    ReviewRefused,
    SaveResult,
    SaveStatus,
    StoredArticle,
    StoreError,
    content_hash,
    revision_id,
)
from rasd.store.schema import (
    article_marks,
    articles,
    audit,
    events,
    evidence,
    feed_items,
    feeds,
    merge_links,
    now,
    sources,
)
from rasd.store.text import normalized_words, search_terms, snippet
from rasd.types import Article, Event

log = logging.getLogger(__name__)

AnyRow = Row[*tuple[Any, ...]]

EXPORT_BATCH = 500
members_alias = events.alias("m")
member_articles = articles.alias("ma")

_KEY_COLUMNS = (
    events.c.event_id,
    events.c.article_id,
    events.c.event_type,
    events.c.sub_event_type,
    events.c.event_date,
    events.c.time_precision,
    events.c.latitude,
    events.c.longitude,
    events.c.geo_precision,
    events.c.location,
    events.c.admin1,
    events.c.actor1,
    events.c.actor2,
    events.c.clause_words,
)
"""What :func:`_key_of` reads."""

_CANDIDATES = select(*_KEY_COLUMNS).where(
    events.c.event_id == events.c.group_id,
    events.c.event_type == bindparam("event_type"),
    events.c.event_date.between(bindparam("date_from"), bindparam("date_to")),
    events.c.latitude.between(bindparam("south"), bindparam("north")),
    events.c.longitude.between(bindparam("west"), bindparam("east")),
    events.c.event_id != bindparam("event_id"),
    ~exists().where(
        members_alias.c.group_id == events.c.event_id,
        members_alias.c.article_id == bindparam("article_id"),
    ),
)
"""Anchors of merged events near a new event (built once; parameters per call)."""


def _near_duplicates_query() -> Select[Any]:
    shared = (
        select(article_marks.c.article_pk, func.count().label("shared"))
        .where(article_marks.c.mark.in_(bindparam("marks", expanding=True)))
        .group_by(article_marks.c.article_pk)
        .having(func.count() >= dedup.MIN_MARKS * dedup.CONTAINMENT)
        .subquery()
    )
    sizes = (
        select(article_marks.c.article_pk, func.count().label("size"))
        .where(article_marks.c.article_pk.in_(select(shared.c.article_pk)))
        .group_by(article_marks.c.article_pk)
        .subquery()
    )
    return (
        select(articles.c.article_id, articles.c.near_duplicate_of, shared.c.shared, sizes.c.size)
        .join(shared, shared.c.article_pk == articles.c.pk)
        .join(sizes, sizes.c.article_pk == articles.c.pk)
        .order_by(articles.c.pk)
    )


_NEAR_DUPLICATES = _near_duplicates_query()
"""Stored articles sharing enough sampled marks with a new text, oldest first."""


@dataclass(frozen=True, slots=True)
class _Saving:
    """What one save carries through its transaction."""

    article: Article
    events: tuple[Event, ...]
    provenance: Provenance
    matcher: Matcher | None
    at: datetime
    words: list[str]
    """The article's normalised words (computed before the transaction takes the lock)."""
    marks: frozenset[int]
    """Its near-duplicate marks (:func:`rasd.dedup.marks`)."""


class SqlStore:
    """A :class:`rasd.store.base.Store` over a SQLAlchemy engine."""

    _candidates_query: ClassVar[Select[Any]] = _CANDIDATES
    """Anchors near a new event (PostGIS narrows it through its spatial index)."""

    def __init__(self, engine: Engine, url: str, migrations: schema.Migrations):
        self.engine = engine
        self.url = url
        with self._write() as conn:
            migrations.apply(conn)

    # ------------------------------------------------------------- backend hooks

    def _insert_ignore(self, table: Table, values: dict[str, Any]) -> Executable:
        """INSERT ... ON CONFLICT DO NOTHING (each dialect has its own construct)."""
        raise NotImplementedError

    def _index_article(self, conn: Connection, pk: int, title: list[str], body: list[str]) -> None:
        """Add an article to the full-text index, given its normalised words."""
        raise NotImplementedError

    def _search(self, terms: list[str]) -> Select[tuple[int, float]]:
        """(article pk, rank) of articles holding every term, best first."""
        raise NotImplementedError

    def _prepare_write(self, conn: Connection) -> None:
        """Make the next transaction on ``conn`` a write transaction."""

    def _prepare_read(self, conn: Connection) -> None:
        """Make the next transaction on ``conn`` a read of one snapshot (SQLite's BEGIN is)."""

    def _bbox_condition(self, box: BBox) -> ColumnElement[bool]:
        """Events inside the box (plain latitude/longitude ranges; PostGIS overrides)."""
        lat = events.c.latitude.between(box.south, box.north)
        if box.west <= box.east:
            return and_(lat, events.c.longitude.between(box.west, box.east))
        return and_(lat, or_(events.c.longitude >= box.west, events.c.longitude <= box.east))

    # ------------------------------------------------------------- transactions

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self._errors(), self.engine.connect() as conn:
            self._prepare_write(conn)
            with conn.begin():
                yield conn

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self._errors(), self.engine.connect() as conn:
            self._prepare_read(conn)
            with conn.begin():
                yield conn

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except SQLAlchemyError as exc:
            log.error("store %s: %s", self.url, exc)
            cause = str(getattr(exc, "orig", None) or exc).strip()
            if isinstance(exc, DBAPIError) and exc.connection_invalidated:
                # the server went away: its transaction is gone, the next call reconnects
                raise StoreError(
                    f"store error: lost the connection to the database ({cause}); "
                    "nothing of this write was kept, it can be retried"
                ) from exc
            raise StoreError(f"store error: {cause}") from exc

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()

    # ------------------------------------------------------------- saving

    def resolve(self, article: Article) -> tuple[str, SaveStatus]:
        """The id to store ``article`` under, and NEW, REVISION or DUPLICATE."""
        digest = content_hash(article)
        alternative = revision_id(article)
        with self._read() as conn:
            rows = conn.execute(
                select(articles.c.article_id, articles.c.content_hash).where(
                    articles.c.article_id.in_([article.id, alternative])
                )
            ).all()
        held = {row.article_id: row.content_hash for row in rows}
        if held.get(article.id, digest) == digest:
            status = SaveStatus.DUPLICATE if article.id in held else SaveStatus.NEW
            return article.id, status
        if alternative in held:
            return alternative, SaveStatus.DUPLICATE
        return alternative, SaveStatus.REVISION

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
        """Store an article with its events and merge them (see the Store protocol)."""
        words = normalized_words(article.text)
        marks = dedup.marks(words)
        saving = _Saving(article, _unique(events), provenance, matcher, now(), words, marks)
        with self._write() as conn:
            row = conn.execute(select(articles).where(articles.c.article_id == article.id)).first()
            if row is None:
                return self._insert_new(conn, saving, source_scale, extract_error)
            if row.content_hash != content_hash(article):
                raise ArticleConflict(f"article {article.id!r} already holds a different text")
            if not replace:
                return SaveResult(article.id, SaveStatus.DUPLICATE)
            return self._reextract(conn, saving, extract_error)

    def _insert_new(
        self, conn: Connection, saving: _Saving, scale: str, extract_error: str | None
    ) -> SaveResult:
        article = saving.article
        found = saving.marks
        near = self._near_duplicate(conn, found)
        pk = self._insert_article(conn, saving, scale, near, extract_error)
        if found:
            conn.execute(article_marks.insert(), [{"article_pk": pk, "mark": m} for m in found])
        self._index_article(conn, pk, normalized_words(article.title), saving.words)
        merged = self._insert_events(conn, saving, saving.events, near)
        self._audit(conn, "ingest", article.id, {"events": len(saving.events), "merged": merged})
        status = SaveStatus.REVISION if _revision_of(article) else SaveStatus.NEW
        return SaveResult(article.id, status, len(saving.events), merged, near, extract_error)

    def _insert_article(
        self,
        conn: Connection,
        saving: _Saving,
        scale: str,
        near: str | None,
        extract_error: str | None,
    ) -> int:
        article, provenance = saving.article, saving.provenance
        values = {
            "article_id": article.id,
            "source_id": self._source_id(conn, article.source, scale),
            "title": article.title,
            "published": article.published,
            "url": article.url,
            "text": article.text,
            "content_hash": content_hash(article),
            "revision_of": _revision_of(article),
            "near_duplicate_of": near,
            "origin": provenance.origin,
            "ingested_at": saving.at,
            "pipeline_version": provenance.pipeline_version,
            "data_version": provenance.data_version,
            "extracted_at": saving.at,
            "extract_error": extract_error,
        }
        result = conn.execute(articles.insert().values(**values).returning(articles.c.pk))
        return int(result.scalar_one())

    def _source_id(self, conn: Connection, name: str | None, scale: str) -> int | None:
        if not name:
            return None
        conn.execute(self._insert_ignore(sources, {"name": name, "scale": scale}))
        if scale:
            conn.execute(
                update(sources)
                .where(sources.c.name == name, sources.c.scale == "")
                .values(scale=scale)
            )
        return conn.scalar(select(sources.c.source_id).where(sources.c.name == name))

    def _near_duplicate(self, conn: Connection, found: frozenset[int]) -> str | None:
        """The earliest stored article this text is a copy of, if any."""
        if len(found) < dedup.MIN_MARKS:
            return None
        for row in conn.execute(_NEAR_DUPLICATES, {"marks": sorted(found)}):
            if dedup.containment(row.shared, len(found), row.size) >= dedup.CONTAINMENT:
                return str(row.near_duplicate_of or row.article_id)
        return None

    def _insert_events(
        self, conn: Connection, saving: _Saving, new: Sequence[Event], near: str | None
    ) -> int:
        if not new:
            return 0
        keys = [EventKey.of(e) for e in new]
        conn.execute(
            events.insert(), [_event_row(e, k, saving) for e, k in zip(new, keys, strict=True)]
        )
        spans = [_evidence_row(e, item) for e in new for item in e.evidence]
        if spans:
            conn.execute(evidence.insert(), spans)
        if saving.matcher is None:
            return 0
        copies = self._copies_of(conn, saving.article.id, near)
        return sum(self._merge(conn, key, saving.matcher, copies, saving.at) for key in keys)

    def _copies_of(self, conn: Connection, article_id: str, near: str | None) -> set[str]:
        """Articles that are near-duplicates of this one (sharing its original)."""
        if near is None:
            return set()
        rows = conn.scalars(
            select(articles.c.article_id).where(
                or_(articles.c.article_id == near, articles.c.near_duplicate_of == near)
            )
        )
        return set(rows) - {article_id}

    def _merge(
        self,
        conn: Connection,
        key: EventKey,
        matcher: Matcher,
        copies: set[str],
        at: datetime,
    ) -> int:
        """Link the event into the best matching merged event; 1 when it was linked."""
        best: tuple[tuple[int, float], str, str] | None = None
        for candidate in self._candidates(conn, key, matcher, bool(copies)):
            old = _key_of(candidate)
            reason = matcher.reason(key, old, near_duplicate=old.article_id in copies)
            if reason is not None:
                rank = _closeness(key, old)
                if best is None or rank < best[0]:
                    best = (rank, old.event_id, reason)
        if best is None:
            return 0
        _, group, reason = best
        conn.execute(update(events).where(events.c.event_id == key.event_id).values(group_id=group))
        conn.execute(
            merge_links.insert().values(
                event_id=key.event_id, group_id=group, rule=reason, linked_at=at
            )
        )
        return 1

    def _candidates(
        self, conn: Connection, key: EventKey, matcher: Matcher, wider: bool
    ) -> Sequence[AnyRow]:
        """Anchors of merged events near the new event in type, date and place."""
        if key.event_date is None or key.latitude is None or key.longitude is None:
            return []
        days = timedelta(days=matcher.max_days + (1 if wider else 0))
        lat, lon = key.latitude, key.longitude
        dlat, dlon = _degrees(matcher.max_km, lat)
        values = {
            "event_type": key.event_type,
            "date_from": key.event_date - days,
            "date_to": key.event_date + days,
            "south": lat - dlat,
            "north": lat + dlat,
            "west": lon - dlon,
            "east": lon + dlon,
            "event_id": key.event_id,
            "article_id": key.article_id,
        }
        return conn.execute(self._candidates_query, values).all()

    def _reextract(
        self, conn: Connection, saving: _Saving, extract_error: str | None
    ) -> SaveResult:
        article_id = saving.article.id
        rows = conn.execute(
            select(events.c.event_id, events.c.review_status).where(
                events.c.article_id == article_id
            )
        ).all()
        machine = [r.event_id for r in rows if r.review_status == REVIEW_MACHINE]
        kept = {r.event_id for r in rows} - set(machine)
        self._delete_events(conn, machine, saving)
        new = [e for e in saving.events if e.event_id not in kept]
        near = conn.scalar(
            select(articles.c.near_duplicate_of).where(articles.c.article_id == article_id)
        )
        merged = self._insert_events(conn, saving, new, near)
        conn.execute(
            update(articles)
            .where(articles.c.article_id == article_id)
            .values(
                pipeline_version=saving.provenance.pipeline_version,
                data_version=saving.provenance.data_version,
                extracted_at=saving.at,
                extract_error=extract_error,
            )
        )
        self._audit(conn, "reextract", article_id, {"replaced": len(machine), "events": len(new)})
        return SaveResult(article_id, SaveStatus.REEXTRACTED, len(new), merged, near, extract_error)

    def _delete_events(self, conn: Connection, event_ids: list[str], saving: _Saving) -> None:
        """Delete events; members of merged events they anchored are merged afresh."""
        if not event_ids:
            return
        orphans = conn.execute(
            select(events)
            .where(events.c.group_id.in_(event_ids), events.c.event_id.not_in(event_ids))
            .order_by(events.c.extracted_at, events.c.event_id)
        ).all()
        for table, column in (
            (evidence, evidence.c.event_id),
            (merge_links, merge_links.c.event_id),
        ):
            conn.execute(delete(table).where(column.in_(event_ids)))
        conn.execute(delete(events).where(events.c.event_id.in_(event_ids)))
        orphan_ids = [row.event_id for row in orphans]
        if not orphan_ids:
            return
        conn.execute(delete(merge_links).where(merge_links.c.event_id.in_(orphan_ids)))
        conn.execute(
            update(events)
            .where(events.c.event_id.in_(orphan_ids))
            .values(group_id=events.c.event_id)
        )
        if saving.matcher is not None:
            for row in orphans:
                self._merge(conn, _key_of(row), saving.matcher, set(), saving.at)

    def _audit(
        self, conn: Connection, action: str, article_id: str, detail: dict[str, Any]
    ) -> None:
        conn.execute(
            audit.insert().values(
                at=now(),
                actor="rasd",
                action=action,
                entity="article",
                entity_id=article_id,
                detail=detail,
            )
        )

    # ------------------------------------------------------------- events

    def events(self, query: EventFilter) -> Page[MergedEvent]:
        """One page of merged events, newest first."""
        limit, offset = _page(query.limit, query.offset)
        where = self._event_conditions(query)
        with self._read() as conn:
            total = int(conn.scalar(select(func.count()).select_from(events).where(*where)) or 0)
            ids = list(
                conn.scalars(
                    _ordered(select(events.c.event_id).where(*where)).limit(limit).offset(offset)
                )
            )
            items = self._merged(conn, ids)
        return Page(tuple(items), total, limit, offset)

    def iter_events(self, query: EventFilter) -> Iterator[MergedEvent]:
        """Every merged event the filter selects, in batches, from one snapshot."""
        where = self._event_conditions(query)
        with self._read() as conn:
            ids = list(conn.scalars(_ordered(select(events.c.event_id).where(*where))))
            for start in range(0, len(ids), EXPORT_BATCH):
                yield from self._merged(conn, ids[start : start + EXPORT_BATCH])

    def event(self, event_id: str) -> MergedEvent | None:
        """The merged event that holds ``event_id``."""
        with self._read() as conn:
            group = conn.scalar(select(events.c.group_id).where(events.c.event_id == event_id))
            if group is None:
                return None
            found = self._merged(conn, [group])
        return found[0] if found else None

    def _merged(self, conn: Connection, group_ids: list[str]) -> list[MergedEvent]:
        if not group_ids:
            return []
        query = (
            select(
                events.c.event_id,
                events.c.article_id,
                events.c.group_id,
                events.c.source,
                events.c.source_scale,
                events.c.record,
                events.c.review_status,
                events.c.review_version,
                events.c.extracted_at,
                events.c.pipeline_version,
                events.c.data_version,
                articles.c.title,
                articles.c.published,
                articles.c.url,
                merge_links.c.rule,
            )
            .join(articles, articles.c.article_id == events.c.article_id)
            .outerjoin(merge_links, merge_links.c.event_id == events.c.event_id)
            .where(events.c.group_id.in_(group_ids))
            .order_by(events.c.extracted_at, events.c.event_id)
        )
        groups: dict[str, list[Member]] = defaultdict(list)
        versions: dict[str, int] = {}
        for row in conn.execute(query):
            groups[row.group_id].append(_member(row))
            versions[row.event_id] = row.review_version
        return [
            replace(_merged_event(gid, groups[gid]), review_version=versions.get(gid, 0))
            for gid in group_ids
            if gid in groups
        ]

    def _event_conditions(self, query: EventFilter) -> list[ColumnElement[bool]]:
        where: list[ColumnElement[bool]] = [events.c.event_id == events.c.group_id]
        if query.date_from is not None:
            where.append(events.c.event_date >= query.date_from)
        if query.date_to is not None:
            where.append(events.c.event_date <= query.date_to)
        for name in (
            "event_type",
            "sub_event_type",
            "country",
            "admin1",
            "admin2",
            "admin3",
            "location",
        ):
            value = getattr(query, name)
            if value is not None:
                where.append(events.c[name] == value)
        if query.actor is not None:
            where.append(_actor_condition(query.actor))
        if query.source is not None:
            where.append(self._member_condition(members_alias.c.source == query.source))
        if query.bbox is not None:
            where.append(self._bbox_condition(query.bbox))
        if query.q is not None:
            where.append(self._text_condition(query.q))
        return where + reviews.review_conditions(query)

    def _member_condition(self, condition: ColumnElement[bool]) -> ColumnElement[bool]:
        """Merged events with a member meeting ``condition`` (a subquery evaluated once)."""
        return events.c.event_id.in_(select(members_alias.c.group_id).where(condition))

    def _text_condition(self, q: str) -> ColumnElement[bool]:
        terms = search_terms(q)
        if not terms:
            return false()
        hits = self._search(terms).subquery()
        found = select(member_articles.c.article_id).where(
            member_articles.c.pk.in_(select(hits.c.pk))
        )
        return self._member_condition(members_alias.c.article_id.in_(found))

    # ------------------------------------------------------------- review (issue 8)

    def points(self, query: EventFilter) -> list[EventPoint]:
        """Every merged event of the filter as a light map point (no paging, newest first)."""
        with self._read() as conn:
            return reviews.point_rows(conn, self._event_conditions(query))

    def edit_event(self, event_id: str, changes: dict[str, Any], review: Review) -> MergedEvent:
        """Set validated record fields of a merged event (see :mod:`rasd.store.reviews`)."""
        with self._write() as conn:
            group = reviews.write_edit(conn, event_id, changes, review, now())
        return self._reviewed(group)

    def set_review_status(self, event_id: str, status: str, review: Review) -> MergedEvent:
        """Confirm or reject a merged event."""
        if status not in (REVIEW_CONFIRMED, REVIEW_REJECTED):
            raise ReviewRefused(f"a review sets {REVIEW_CONFIRMED} or {REVIEW_REJECTED}")
        with self._write() as conn:
            group = reviews.write_status(conn, event_id, status, review, now())
        return self._reviewed(group)

    def split_event(
        self, event_id: str, member_ids: Sequence[str], review: Review
    ) -> tuple[MergedEvent, MergedEvent]:
        """Move some reports of a merged event into a new one: (what is left, the new one)."""
        with self._write() as conn:
            group, new_group = reviews.write_split(conn, event_id, member_ids, review, now())
        return self._reviewed(group), self._reviewed(new_group)

    def merge_events(
        self, event_id: str, other_id: str, review: Review, other_version: int
    ) -> MergedEvent:
        """Move every report of ``other_id`` into ``event_id``'s merged event."""
        with self._write() as conn:
            group = reviews.write_merge(conn, event_id, other_id, review, other_version, now())
        return self._reviewed(group)

    def audit_log(self, entity_id: str | None = None, limit: int = 1000) -> list[AuditEntry]:
        """Audit entries, newest first; of one merged event (and its reports) when given."""
        with self._read() as conn:
            return reviews.audit_entries(conn, entity_id, max(1, limit))

    def _reviewed(self, group: str) -> MergedEvent:
        found = self.event(group)
        if found is None:  # written in the transaction just committed
            raise StoreError(f"event {group} vanished after its review")
        return found

    # ------------------------------------------------------------- articles

    def articles(self, query: ArticleQuery) -> Page[StoredArticle]:
        """One page of articles: best search match first, or newest first."""
        limit, offset = _page(query.limit, query.offset)
        terms = search_terms(query.q)
        if query.q is not None and not terms:
            return Page((), 0, limit, offset)
        base, order = self._article_select(query, terms)
        with self._read() as conn:
            total = int(conn.scalar(select(func.count()).select_from(base.subquery())) or 0)
            rows = conn.execute(base.order_by(*order).limit(limit).offset(offset)).all()
            ids = _event_ids(conn, [row.article_id for row in rows])
        items = tuple(
            _stored_article(row, ids.get(row.article_id, ()), snippet(row.text, terms))
            for row in rows
        )
        return Page(items, total, limit, offset)

    def _article_select(
        self, query: ArticleQuery, terms: list[str]
    ) -> tuple[Select[Any], list[Any]]:
        columns = [*articles.c, sources.c.name.label("source_name")]
        base = select(*columns).outerjoin(sources, sources.c.source_id == articles.c.source_id)
        order: list[Any] = [articles.c.published.desc().nulls_last(), articles.c.pk.desc()]
        if terms:
            hits = self._search(terms).subquery()
            base = base.add_columns(hits.c.rank).join(hits, hits.c.pk == articles.c.pk)
            order = [hits.c.rank, articles.c.pk]
        if query.source is not None:
            base = base.where(sources.c.name == query.source)
        if query.date_from is not None:
            base = base.where(articles.c.published >= query.date_from)
        if query.date_to is not None:
            base = base.where(articles.c.published <= query.date_to)
        return base, order

    def article(self, article_id: str) -> StoredArticle | None:
        """One article with its text and event ids."""
        query = (
            select(*articles.c, sources.c.name.label("source_name"))
            .outerjoin(sources, sources.c.source_id == articles.c.source_id)
            .where(articles.c.article_id == article_id)
        )
        with self._read() as conn:
            row = conn.execute(query).first()
            if row is None:
                return None
            ids = _event_ids(conn, [article_id]).get(article_id, ())
        return replace(_stored_article(row, ids, ""), text=row.text)

    # ------------------------------------------------------------- feeds

    def feed_state(self, url: str) -> FeedState:
        """What was remembered about a feed (an empty state for a new one)."""
        with self._read() as conn:
            row = conn.execute(select(feeds).where(feeds.c.url == url)).first()
        if row is None:
            return FeedState(url)
        return FeedState(
            url=url,
            etag=row.etag,
            last_modified=row.last_modified,
            last_polled=row.last_polled,
            last_status=row.last_status,
            last_error=row.last_error,
            failures=row.failures,
        )

    def save_feed_state(self, state: FeedState) -> None:
        """Remember a feed's validators and its last outcome."""
        values = {
            "etag": state.etag,
            "last_modified": state.last_modified,
            "last_polled": state.last_polled,
            "last_status": state.last_status,
            "last_error": state.last_error,
            "failures": state.failures,
        }
        with self._write() as conn:
            conn.execute(self._insert_ignore(feeds, {"url": state.url}))
            conn.execute(update(feeds).where(feeds.c.url == state.url).values(**values))

    def unseen_items(self, feed_url: str, item_ids: Sequence[str]) -> list[str]:
        """The item ids of a feed not stored yet, in the given order."""
        keys = {_item_key(i): i for i in item_ids}
        with self._read() as conn:
            seen = set(
                conn.scalars(
                    select(feed_items.c.item_key).where(
                        feed_items.c.feed_url == feed_url, feed_items.c.item_key.in_(list(keys))
                    )
                )
            )
        return [i for i in dict.fromkeys(item_ids) if _item_key(i) not in seen]

    def mark_seen(self, feed_url: str, item_id: str, article_id: str) -> None:
        """Record that a feed item was stored as ``article_id``."""
        values = {
            "feed_url": feed_url,
            "item_key": _item_key(item_id),
            "item_id": item_id,
            "article_id": article_id,
            "seen_at": now(),
        }
        with self._write() as conn:
            conn.execute(self._insert_ignore(feed_items, values))

    # ------------------------------------------------------------- health

    def counts(self) -> dict[str, int]:
        """Rows per kind."""
        queries: dict[str, Select[Any]] = {
            "articles": select(func.count()).select_from(articles),
            "events": select(func.count()).select_from(events),
            "merged_events": select(func.count())
            .select_from(events)
            .where(events.c.event_id == events.c.group_id),
            "merge_links": select(func.count()).select_from(merge_links),
            "near_duplicate_articles": select(func.count())
            .select_from(articles)
            .where(articles.c.near_duplicate_of.is_not(None)),
            "sources": select(func.count()).select_from(sources),
            "feeds": select(func.count()).select_from(feeds),
        }
        with self._read() as conn:
            return {name: int(conn.scalar(q) or 0) for name, q in queries.items()}

    def check(self) -> list[str]:
        """Problems in the merge links (a backend adds its own integrity checks)."""
        anchor = events.alias("anchor")
        dangling = (
            select(func.count())
            .select_from(events)
            .where(~exists().where(anchor.c.event_id == events.c.group_id))
        )
        nested = (
            select(func.count())
            .select_from(events)
            .join(anchor, anchor.c.event_id == events.c.group_id)
            .where(anchor.c.group_id != anchor.c.event_id)
        )
        with self._read() as conn:
            problems = {
                "events whose merged event is missing": conn.scalar(dangling),
                "events linked to a non-anchor event": conn.scalar(nested),
            }
        return [f"{name}: {count}" for name, count in problems.items() if count]


# ----------------------------------------------------------------- row helpers


def _unique(new: Sequence[Event]) -> tuple[Event, ...]:
    by_id: dict[str, Event] = {}
    for event in new:
        if event.event_id in by_id:
            log.warning(
                "article %s: event id %s twice, kept once", event.article_id, event.event_id
            )
        by_id.setdefault(event.event_id, event)
    return tuple(by_id.values())


def _revision_of(article: Article) -> str | None:
    base, _, suffix = article.id.rpartition("@")
    return base if base and suffix == content_hash(article)[:12] else None


def _event_row(event: Event, key: EventKey, saving: _Saving) -> dict[str, Any]:
    return {
        "clause_words": " ".join(sorted(key.words)),
        "event_id": event.event_id,
        "article_id": saving.article.id,
        "group_id": event.event_id,
        "event_date": event.event_date,
        "time_precision": event.time_precision,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1,
        "actor2": event.actor2,
        "assoc_actors": "; ".join(a for a in (event.assoc_actor_1, event.assoc_actor_2) if a),
        "country": event.country,
        "admin1": event.admin1,
        "admin2": event.admin2,
        "admin3": event.admin3,
        "location": event.location,
        "latitude": event.latitude,
        "longitude": event.longitude,
        "geo_precision": event.geo_precision,
        "fatalities": event.fatalities,
        "source": event.source,
        "source_scale": event.source_scale,
        "record": event_record(event),
        "review_status": REVIEW_MACHINE,
        "pipeline_version": saving.provenance.pipeline_version,
        "data_version": saving.provenance.data_version,
        "extracted_at": saving.at,
    }


def _evidence_row(event: Event, item: Any) -> dict[str, Any]:
    return {
        "event_id": event.event_id,
        "field": item.field,
        "start": item.start,
        "end": item.end,
        "text": item.text,
    }


def _key_of(row: AnyRow) -> EventKey:
    return EventKey(
        event_id=row.event_id,
        article_id=row.article_id,
        event_type=row.event_type,
        sub_event_type=row.sub_event_type,
        event_date=row.event_date,
        time_precision=row.time_precision,
        latitude=row.latitude,
        longitude=row.longitude,
        geo_precision=row.geo_precision,
        location=row.location,
        admin1=row.admin1,
        actors=frozenset(a for a in (row.actor1, row.actor2) if a),
        words=frozenset(row.clause_words.split()),
    )


def _closeness(a: EventKey, b: EventKey) -> tuple[int, float]:
    days = abs((a.event_date - b.event_date).days) if a.event_date and b.event_date else 99
    km = 0.0
    if None not in (a.latitude, a.longitude, b.latitude, b.longitude):
        km = dedup.haversine_km(
            a.latitude or 0, a.longitude or 0, b.latitude or 0, b.longitude or 0
        )
    return days, km


def _degrees(km: float, latitude: float) -> tuple[float, float]:
    """Degrees of latitude and longitude spanning ``km`` at ``latitude`` (with margin)."""
    cos = max(0.05, abs(math.cos(math.radians(latitude))))
    return km / 110.0 + 0.01, km / (111.0 * cos) + 0.01


def _actor_condition(actor: str) -> ColumnElement[bool]:
    return or_(
        events.c.actor1 == actor,
        events.c.actor2 == actor,
        events.c.assoc_actors.contains(actor, autoescape=True),
    )


def _ordered(query: Select[Any]) -> Select[Any]:
    return query.order_by(events.c.event_date.desc().nulls_last(), events.c.event_id)


def _page(limit: int, offset: int) -> tuple[int, int]:
    return max(1, min(limit, MAX_PAGE)), max(0, offset)


def _member(row: AnyRow) -> Member:
    return Member(
        event_id=row.event_id,
        article_id=row.article_id,
        source=row.source,
        source_scale=row.source_scale,
        title=row.title,
        published=row.published,
        url=row.url,
        record=dict(row.record),
        link_reason=row.rule or "",
        review_status=row.review_status,
        provenance=f"{row.pipeline_version}/{row.data_version}",
    )


def _merged_event(group_id: str, members: list[Member]) -> MergedEvent:
    anchor = [m for m in members if m.event_id == group_id]
    ordered = anchor + [m for m in members if m.event_id != group_id]
    status = ordered[0].review_status if anchor else REVIEW_MACHINE
    return MergedEvent(group_id, dedup.merged_record(ordered), tuple(ordered), status)


def _event_ids(conn: Connection, article_ids: Iterable[str]) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = defaultdict(list)
    query = (
        select(events.c.article_id, events.c.event_id)
        .where(events.c.article_id.in_(list(article_ids)))
        .order_by(events.c.event_id)
    )
    for row in conn.execute(query):
        found[row.article_id].append(row.event_id)
    return {key: tuple(value) for key, value in found.items()}


def _stored_article(row: AnyRow, event_ids: tuple[str, ...], text_snippet: str) -> StoredArticle:
    return StoredArticle(
        article_id=row.article_id,
        title=row.title,
        published=row.published,
        source=row.source_name or "",
        url=row.url,
        origin=row.origin,
        ingested_at=row.ingested_at,
        event_ids=event_ids,
        revision_of=row.revision_of,
        near_duplicate_of=row.near_duplicate_of,
        extract_error=row.extract_error,
        snippet=text_snippet,
    )


def _item_key(item_id: str) -> str:
    return hashlib.sha256(item_id.encode("utf-8")).hexdigest()
