"""Review writes and map queries over SQLAlchemy Core, shared by every SQL backend (issue 8).

Each function runs inside the caller's transaction (:class:`rasd.store.sql.SqlStore` opens
it). A review write:

1. resolves the merged event (an anchor or a member id) and bumps the anchor's
   ``review_version`` only if it still holds the version the reviewer read -- a
   compare-and-set ``UPDATE``, so two reviewers can never both win, on SQLite (whose write
   transactions are serialised) and on PostgreSQL (whose row lock makes the second ``UPDATE``
   see the first one's version) alike; otherwise :class:`ReviewConflict`;
2. freezes the merged fatalities into the anchor's record (a reviewed event keeps the
   figure its reviewer saw, :func:`rasd.dedup.merged_record`);
3. writes the change and marks every report of the event reviewed, so re-extraction keeps it;
4. records an ``audit`` row: who, when, the action and the previous values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    and_,
    case,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)

from rasd.store.base import (
    DEFAULT_REVIEW_FILTER,
    REVIEW_EDITED,
    REVIEW_FILTERS,
    REVIEW_MACHINE,
    REVIEW_STATUSES,
    AuditEntry,
    EventFilter,
    EventNotFound,
    EventPoint,
    Review,
    ReviewConflict,
    ReviewRefused,
)
from rasd.store.schema import audit, events, merge_links

_fatality_members = events.alias("fm")
_point_members = events.alias("pm")
_audit_members = events.alias("am")

COLUMN_FIELDS = (
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
)
"""Record fields the ``events`` table also holds in an indexed column of the same name."""


# ----------------------------------------------------------------------------- reading


def merged_fatalities() -> ColumnElement[int]:
    """The merged event's fatalities in SQL, as :func:`rasd.dedup.merged_record` computes them:
    the anchor's figure once reviewed, else the lowest figure any report gave (0 if none)."""
    lowest = (
        select(func.min(_fatality_members.c.fatalities))
        .where(
            _fatality_members.c.group_id == events.c.event_id,
            _fatality_members.c.fatalities > 0,
        )
        .scalar_subquery()
    )
    return case(
        (events.c.review_status != REVIEW_MACHINE, events.c.fatalities),
        else_=func.coalesce(lowest, 0),
    )


def review_conditions(query: EventFilter) -> list[ColumnElement[bool]]:
    """The filter's review status (default: all but rejected) and fatality bounds."""
    statuses: tuple[str, ...]
    if query.review_status is None:
        statuses = DEFAULT_REVIEW_FILTER
    elif query.review_status in REVIEW_FILTERS:
        statuses = REVIEW_FILTERS[query.review_status]
    else:
        raise ValueError(f"review_status must be one of {', '.join(REVIEW_FILTERS)}")
    where: list[ColumnElement[bool]] = []
    if set(statuses) != set(REVIEW_STATUSES):
        where.append(events.c.review_status.in_(statuses))
    if query.fatalities_min is not None:
        where.append(merged_fatalities() >= query.fatalities_min)
    if query.fatalities_max is not None:
        where.append(merged_fatalities() <= query.fatalities_max)
    return where


def point_rows(conn: Connection, where: Sequence[ColumnElement[bool]]) -> list[EventPoint]:
    """Every merged event matching ``where`` (anchor conditions) as a map point, newest first.

    Two queries: the anchors, then every report of them (outlet and fatalities), from which
    the merged fatalities are computed as :func:`merged_fatalities` does in SQL (a correlated
    subquery per row costs more than the whole second query).
    """
    query = (
        select(*(events.c[name] for name in _POINT_COLUMNS), events.c.fatalities)
        .where(*where)
        .order_by(events.c.event_date.desc().nulls_last(), events.c.event_id)
    )
    rows = conn.execute(query).all()
    reports = _reports_of(conn, where)
    return [_point(row, reports.get(row.event_id, [])) for row in rows]


_POINT_COLUMNS = (  # EventPoint's fields in order, up to review_version; fatalities apart
    "event_id",
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "assoc_actors",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "review_status",
    "review_version",
)


def _reports_of(
    conn: Connection, where: Sequence[ColumnElement[bool]]
) -> dict[str, list[tuple[str, int]]]:
    """Each selected merged event's reports as (outlet, fatalities), first report first."""
    selected = select(events.c.event_id).where(*where)
    query = (
        select(_point_members.c.group_id, _point_members.c.source, _point_members.c.fatalities)
        .where(_point_members.c.group_id.in_(selected))
        .order_by(_point_members.c.extracted_at, _point_members.c.event_id)
    )
    found: dict[str, list[tuple[str, int]]] = {}
    for group, source, fatalities in conn.execute(query):
        found.setdefault(group, []).append((source, fatalities))
    return found


def _point(row: Any, reports: list[tuple[str, int]]) -> EventPoint:
    """A point from a row of ``_POINT_COLUMNS`` + the anchor's fatalities (by position:
    50,000 rows are built in a fraction of the time attribute access takes)."""
    (*place, status, version, anchor_fatalities) = row
    if status == REVIEW_MACHINE:
        fatalities = min((f for _, f in reports if f > 0), default=0)
    else:
        fatalities = int(anchor_fatalities or 0)
    outlets = tuple(dict.fromkeys(source for source, _ in reports if source))
    fields = [*place, fatalities, status, version, outlets, max(1, len(reports))]
    return EventPoint(*fields)


def audit_entries(conn: Connection, entity_id: str | None, limit: int) -> list[AuditEntry]:
    """Audit entries, newest first: all, or those of a merged event, its reports and their
    articles (ingest and re-extraction)."""
    query = select(audit).order_by(audit.c.at.desc(), audit.c.audit_id.desc()).limit(limit)
    if entity_id is not None:
        group = _group_of(conn, entity_id) or entity_id
        members = select(_audit_members.c.event_id).where(_audit_members.c.group_id == group)
        articles = select(_audit_members.c.article_id).where(_audit_members.c.group_id == group)
        query = query.where(
            or_(
                and_(
                    audit.c.entity == "event",
                    or_(audit.c.entity_id == group, audit.c.entity_id.in_(members)),
                ),
                and_(audit.c.entity == "article", audit.c.entity_id.in_(articles)),
            )
        )
    return [_entry(row) for row in conn.execute(query)]


def _entry(row: Any) -> AuditEntry:
    return AuditEntry(
        at=row.at,
        actor=row.actor,
        action=row.action,
        entity=row.entity,
        entity_id=row.entity_id,
        detail=dict(row.detail or {}),
    )


# ----------------------------------------------------------------------------- locking


def _group_of(conn: Connection, event_id: str) -> str | None:
    found = conn.scalar(select(events.c.group_id).where(events.c.event_id == event_id))
    return None if found is None else str(found)


def lock(conn: Connection, event_id: str, review: Review) -> tuple[str, int]:
    """The merged event's id and its new version, once the version the reviewer read is
    confirmed current and bumped (compare-and-set); else EventNotFound or ReviewConflict."""
    group = _group_of(conn, event_id)
    if group is None:
        raise EventNotFound(f"no event {event_id!r}")
    bumped = conn.execute(
        update(events)
        .where(events.c.event_id == group, events.c.review_version == review.version)
        .values(review_version=events.c.review_version + 1)
    )
    if bumped.rowcount != 1:
        current = int(
            conn.scalar(select(events.c.review_version).where(events.c.event_id == group)) or 0
        )
        raise ReviewConflict(group, review.version, current, last_change(conn, group))
    return group, review.version + 1


def last_change(conn: Connection, group: str) -> AuditEntry | None:
    """The newest review of a merged event."""
    row = conn.execute(
        select(audit)
        .where(audit.c.entity == "event", audit.c.entity_id == group)
        .order_by(audit.c.at.desc(), audit.c.audit_id.desc())
        .limit(1)
    ).first()
    return None if row is None else _entry(row)


# ----------------------------------------------------------------------------- writing


def write_edit(
    conn: Connection, event_id: str, changes: Mapping[str, Any], review: Review, at: datetime
) -> str:
    """Set record fields of a merged event (validated by :mod:`rasd.review`); its id."""
    group, version = lock(conn, event_id, review)
    record = _frozen_record(conn, group)
    previous = {name: record.get(name) for name in changes}
    edited = sorted({*record.get("edited_fields", []), *changes})
    record.update(changes, edited_fields=edited, timestamp=int(at.timestamp()))
    _write_anchor(conn, group, record, REVIEW_EDITED)
    detail = {
        "version": version,
        "changes": {name: {"from": previous[name], "to": changes[name]} for name in changes},
    }
    _audit(conn, at, review, "review.edit", group, detail)
    return group


def write_status(conn: Connection, event_id: str, status: str, review: Review, at: datetime) -> str:
    """Confirm or reject a merged event; its id."""
    group, version = lock(conn, event_id, review)
    before = str(conn.scalar(select(events.c.review_status).where(events.c.event_id == group)))
    _write_anchor(conn, group, _frozen_record(conn, group), status)
    detail = {"version": version, "changes": {"review_status": {"from": before, "to": status}}}
    _audit(conn, at, review, f"review.{status}", group, detail)
    return group


def write_split(
    conn: Connection, event_id: str, member_ids: Sequence[str], review: Review, at: datetime
) -> tuple[str, str]:
    """Move reports out of a merged event into a new one: (its id, the new event's id)."""
    group, version = lock(conn, event_id, review)
    members = _members(conn, group)
    moved = _reports_to_move(group, members, member_ids)
    new_group = moved[0]
    _regroup(conn, moved, new_group, f"split off by {review.reviewer}", at)
    conn.execute(
        update(events)
        .where(events.c.event_id == new_group)
        .values(review_version=events.c.review_version + 1)
    )
    _write_anchor(conn, group, _frozen_record(conn, group), REVIEW_EDITED)
    split_off = _frozen_record(conn, new_group) | {"fatalities": _lowest(conn, new_group)}
    _write_anchor(conn, new_group, split_off, REVIEW_EDITED)
    detail = {"version": version, "moved": list(moved), "new_event": new_group, "from": group}
    _audit(conn, at, review, "review.split", group, detail)
    _audit(conn, at, review, "review.split_from", new_group, detail)
    return group, new_group


def write_merge(
    conn: Connection,
    event_id: str,
    other_id: str,
    review: Review,
    other_version: int,
    at: datetime,
) -> str:
    """Move every report of another merged event into this one; its id."""
    group = _group_of(conn, event_id)
    other = _group_of(conn, other_id)
    if group is not None and group == other:
        raise ReviewRefused(f"{event_id} and {other_id} are already one event")
    group, version = lock(conn, event_id, review)
    other_review = Review(review.reviewer, other_version, review.comment)
    other, _ = lock(conn, other_id, other_review)
    moved = [row.event_id for row in _members(conn, other)]
    _regroup(conn, moved, group, f"merged by {review.reviewer}", at, keep_anchor=False)
    _write_anchor(conn, group, _frozen_record(conn, group), REVIEW_EDITED)
    detail = {"version": version, "merged": other, "moved": moved, "into": group}
    _audit(conn, at, review, "review.merge", group, detail)
    _audit(conn, at, review, "review.merged_into", other, detail)
    return group


def _members(conn: Connection, group: str) -> list[Any]:
    return list(
        conn.execute(
            select(events.c.event_id, events.c.review_status)
            .where(events.c.group_id == group)
            .order_by(events.c.extracted_at, events.c.event_id)
        )
    )


def _reports_to_move(group: str, members: Sequence[Any], member_ids: Sequence[str]) -> list[str]:
    """The reports to split off, in report order; splitting off the anchor keeps it and
    moves the others (the same two events)."""
    ids = [row.event_id for row in members]
    unknown = sorted(set(member_ids) - set(ids))
    if unknown:
        raise ReviewRefused(f"not reports of event {group}: {', '.join(unknown)}")
    chosen = set(member_ids)
    if group in chosen:
        chosen = set(ids) - chosen
    if not chosen or len(chosen) == len(ids):
        raise ReviewRefused("a split needs at least one report on each side")
    return [i for i in ids if i in chosen]


def _regroup(
    conn: Connection,
    moved: Sequence[str],
    anchor: str,
    rule: str,
    at: datetime,
    *,
    keep_anchor: bool = True,
) -> None:
    """Make ``anchor`` the merged event of ``moved``, with a merge link for each."""
    conn.execute(delete(merge_links).where(merge_links.c.event_id.in_(list(moved))))
    conn.execute(update(events).where(events.c.event_id.in_(list(moved))).values(group_id=anchor))
    linked = [i for i in moved if i != anchor or not keep_anchor]
    if linked:
        rows = [{"event_id": i, "group_id": anchor, "rule": rule, "linked_at": at} for i in linked]
        conn.execute(insert(merge_links), rows)


def _frozen_record(conn: Connection, group: str) -> dict[str, Any]:
    """The anchor's record with the merged fatalities written into it."""
    row = conn.execute(
        select(events.c.record, merged_fatalities().label("merged")).where(
            events.c.event_id == group
        )
    ).one()
    record = dict(row.record)
    record["fatalities"] = int(row.merged or 0)
    return record


def _lowest(conn: Connection, group: str) -> int:
    """The lowest fatality figure a report of the merged event gave (0 if none gave one)."""
    lowest = conn.scalar(
        select(func.min(events.c.fatalities)).where(
            events.c.group_id == group, events.c.fatalities > 0
        )
    )
    return int(lowest or 0)


def _write_anchor(conn: Connection, group: str, record: dict[str, Any], status: str) -> None:
    """Store the anchor's record and indexed columns; mark every report of the event."""
    columns = {name: _column_value(name, record.get(name)) for name in COLUMN_FIELDS}
    assoc = (record.get("assoc_actor_1") or "", record.get("assoc_actor_2") or "")
    columns["assoc_actors"] = "; ".join(a for a in assoc if a)
    conn.execute(update(events).where(events.c.event_id == group).values(record=record, **columns))
    conn.execute(update(events).where(events.c.group_id == group).values(review_status=status))


def _column_value(name: str, value: Any) -> Any:
    if name == "event_date":
        return date.fromisoformat(value) if value else None
    if name in ("time_precision", "geo_precision", "fatalities"):
        return int(value or 0)
    if name in ("latitude", "longitude"):
        return None if value in (None, "") else float(value)
    return "" if value is None else str(value)


def _audit(
    conn: Connection,
    at: datetime,
    review: Review,
    action: str,
    group: str,
    detail: dict[str, Any],
) -> None:
    if review.comment:
        detail = {**detail, "comment": review.comment}
    conn.execute(
        insert(audit).values(
            at=at,
            actor=review.reviewer,
            action=action,
            entity="event",
            entity_id=group,
            detail=detail,
        )
    )
