"""The analyst's web map and its review API, added to the HTTP API by :func:`add_web_routes`.

Paths::

    GET   /                         the web map (src/rasd/web/index.html)
    GET   /static/...               its scripts, styles and vendored libraries
    GET   /map/points               every merged event of the filter, columnar and compact
    GET   /map/boundaries/{level}   country (0), governorate (1), district (2) outlines
    GET   /map/meta                 ACLED's taxonomy, actor types, editable fields, countries
    GET   /places                   gazetteer places by name (Arabic or English), as one types
    PATCH /events/{id}              edit fields (validated against ACLED's schema, the gazetteer)
    POST  /events/{id}/confirm      confirm it as coded
    POST  /events/{id}/reject       reject it (kept, hidden from listings and exports)
    POST  /events/{id}/split        move some of its reports into a new event
    POST  /events/{id}/merge        move another event's reports into it
    GET   /events/{id}/history      its audit trail: who, when, what, the previous values
    GET   /audit, /audit.csv        the whole audit trail

Every review names the reviewer and the ``version`` of the event they read; a review of an
older version is refused with 409 and the name of who changed it, so no edit is lost
silently. A reviewed event is never replaced by a re-extraction (see :mod:`rasd.store.sql`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request, Response
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, JSONResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from rasd import acled
from rasd.api import FilterDep, ServicesDep, error_response
from rasd.basemap import LEVELS, BasemapError, basemap_layer
from rasd.export import event_view, member_view
from rasd.places import place_view
from rasd.review import DERIVED, EDITABLE, INTER_OPTIONS, EditInvalid, validate_edit
from rasd.store.base import (
    REVIEW_CONFIRMED,
    REVIEW_FILTERS,
    REVIEW_REJECTED,
    AuditEntry,
    EventNotFound,
    EventPoint,
    MergedEvent,
    Review,
    ReviewConflict,
    ReviewRefused,
)

WEB = Path(str(importlib_resources.files("rasd") / "web"))
EPOCH = date(1970, 1, 1)
EventId = Annotated[str, PathParam(max_length=64)]


# ----------------------------------------------------------------------------- models


class ReviewIn(BaseModel):
    """Who reviews and the version of the event they read (from GET /events/{id})."""

    reviewer: str = Field(min_length=1, max_length=100, pattern=r"\S")
    version: int = Field(ge=0, le=1_000_000)
    comment: str = Field(default="", max_length=2000)


class EditIn(ReviewIn):
    """Fields to change: ACLED column -> new value; ``place_id`` picks a gazetteer place."""

    changes: dict[str, Any] = Field(max_length=40)


class SplitIn(ReviewIn):
    """The reports (member event ids) to move into a new event."""

    members: list[str] = Field(min_length=1, max_length=500)


class MergeIn(ReviewIn):
    """The event whose reports move into this one, and the version of it the reviewer read."""

    other: str = Field(min_length=1, max_length=64)
    other_version: int = Field(ge=0, le=1_000_000)


class ReviewedEvent(BaseModel):
    """The event after a review, as GET /events/{id} returns it."""

    ok: bool = True
    event: dict[str, Any]
    members: list[dict[str, Any]]


class SplitOut(BaseModel):
    """The two events a split leaves."""

    ok: bool = True
    event: dict[str, Any]
    new_event: dict[str, Any]


class AuditOut(BaseModel):
    """Audit entries, newest first."""

    ok: bool = True
    entries: list[dict[str, Any]]


class PointsOut(BaseModel):
    """Merged events as columns; text columns hold indexes into ``values``."""

    ok: bool = True
    count: int
    columns: dict[str, list[Any]]
    values: dict[str, list[str]]


class PlacesOut(BaseModel):
    """Gazetteer places, best first."""

    ok: bool = True
    places: list[dict[str, Any]]


# ----------------------------------------------------------------------------- helpers


def reviewed(event: MergedEvent) -> ReviewedEvent:
    """The response body of a review (and its ETag is the event's version)."""
    return ReviewedEvent(event=event_view(event), members=[member_view(m) for m in event.members])


def etag(event: MergedEvent) -> str:
    """The event's entity tag: its id and review version."""
    return f'"{event.event_id}-v{event.review_version}"'


def _review(body: ReviewIn) -> Review:
    return Review(body.reviewer.strip(), body.version, body.comment.strip())


def entry_view(entry: AuditEntry) -> dict[str, Any]:
    """An audit entry as JSON."""
    return {
        "at": entry.at.isoformat(),
        "actor": entry.actor,
        "action": entry.action,
        "entity": entry.entity,
        "entity_id": entry.entity_id,
        "detail": entry.detail,
    }


class Dictionary:
    """Dictionary encoding of a text column: each distinct value once, rows hold indexes."""

    def __init__(self) -> None:
        self.values: list[str] = []
        self._index: dict[str, int] = {}

    def code(self, value: str) -> int:
        """The index of ``value`` (added on first sight)."""
        found = self._index.get(value)
        if found is None:
            found = self._index[value] = len(self.values)
            self.values.append(value)
        return found


TEXT_COLUMNS = {
    "event_type": "event_type",
    "sub_event_type": "sub_event_type",
    "actor1": "actor",
    "actor2": "actor",
    "assoc_actors": "actor",
    "country": "country",
    "admin1": "admin1",
    "admin2": "admin2",
    "location": "location",
    "review_status": "review_status",
}
"""Point field -> the dictionary its values are coded in (actors share one)."""


def points_columns(points: Sequence[EventPoint]) -> PointsOut:
    """Points as columns: numbers as they are, text as indexes into shared dictionaries."""
    dictionaries: dict[str, Dictionary] = {name: Dictionary() for name in TEXT_COLUMNS.values()}
    dictionaries["source"] = Dictionary()
    columns: dict[str, list[Any]] = {
        "event_id": [p.event_id for p in points],
        "day": [(p.event_date - EPOCH).days if p.event_date else None for p in points],
        "latitude": [p.latitude for p in points],
        "longitude": [p.longitude for p in points],
        "fatalities": [p.fatalities for p in points],
        "geo_precision": [p.geo_precision for p in points],
        "review_version": [p.review_version for p in points],
        "reports": [p.reports for p in points],
    }
    for name, dictionary in TEXT_COLUMNS.items():
        codes = dictionaries[dictionary]
        columns[name] = [codes.code(getattr(p, name) or "") for p in points]
    columns["sources"] = [[dictionaries["source"].code(s) for s in p.sources] for p in points]
    values = {name: d.values for name, d in dictionaries.items()}
    return PointsOut(count=len(points), columns=columns, values=values)


def audit_csv(entries: Sequence[AuditEntry]) -> Iterator[str]:
    """The audit trail as CSV: one line per change, its detail as JSON."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["at", "actor", "action", "entity", "entity_id", "detail"])
    for entry in entries:
        view = entry_view(entry)
        view["detail"] = json.dumps(entry.detail, ensure_ascii=False, sort_keys=True)
        writer.writerow(view.values())
    yield buffer.getvalue()


def meta() -> dict[str, Any]:
    """What the page needs to offer valid choices: taxonomy, actor types, fields."""
    return {
        "ok": True,
        "taxonomy": [
            {"event_type": e, "sub_event_type": s, "disorder_type": d} for e, s, d in acled.TAXONOMY
        ],
        "event_types": list(acled.EVENT_TYPES),
        "inter_labels": list(INTER_OPTIONS),
        "countries": sorted(acled.COUNTRY_CODE_OF_NAME),
        "editable": list(EDITABLE),
        "derived": DERIVED,
        "columns": list(acled.COLUMNS),
        "review_filters": list(REVIEW_FILTERS),
    }


# ----------------------------------------------------------------------------- errors


def _install_review_errors(app: FastAPI) -> None:
    async def conflict(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ReviewConflict)
        last = entry_view(exc.last) if exc.last else None
        details = [{"current_version": exc.current, "your_version": exc.expected, "last": last}]
        return error_response(409, str(exc), details)

    async def not_found(_: Request, exc: Exception) -> JSONResponse:
        return error_response(404, str(exc))

    async def refused(_: Request, exc: Exception) -> JSONResponse:
        return error_response(422, str(exc))

    async def invalid(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, EditInvalid)
        details = [
            {"loc": ["body", "changes", p.field], "field": p.field, "message": p.message}
            for p in exc.problems
        ]
        return error_response(422, f"the edit breaks the event's schema: {exc}", details)

    async def no_basemap(_: Request, exc: Exception) -> JSONResponse:
        return error_response(503, f"no basemap: {exc}")

    app.add_exception_handler(ReviewConflict, conflict)
    app.add_exception_handler(EventNotFound, not_found)
    app.add_exception_handler(ReviewRefused, refused)
    app.add_exception_handler(EditInvalid, invalid)
    app.add_exception_handler(BasemapError, no_basemap)


# ----------------------------------------------------------------------------- routes


def _add_page_routes(app: FastAPI) -> None:
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> HTMLResponse:
        html = (WEB / "index.html").read_text(encoding="utf-8")
        return HTMLResponse(html, headers={"Cache-Control": "no-cache"})

    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")


def _add_map_routes(app: FastAPI) -> None:
    @app.get("/map/points", response_model=PointsOut, tags=["map"])
    def map_points(services: ServicesDep, query: FilterDep) -> Response:
        """Every merged event of the filter (default: every review status) for the map."""
        status = query.review_status or "any"
        points = points_columns(services.store.points(replace(query, review_status=status)))
        # serialised by pydantic directly: 50,000 events in 0.1 s instead of 1 s
        return Response(points.model_dump_json(), media_type="application/json")

    @app.get("/map/boundaries/{level}", tags=["map"])
    def boundaries(services: ServicesDep, level: Annotated[int, PathParam(ge=0, le=2)]) -> Response:
        """Simplified admin outlines of one level (0 country, 1 governorate, 2 district)."""
        assert level in LEVELS
        data = basemap_layer(services.config, level)
        headers = {"Cache-Control": "public, max-age=86400"}
        return Response(data, media_type="application/geo+json", headers=headers)

    @app.get("/map/meta", tags=["map"])
    def map_meta() -> dict[str, Any]:
        """ACLED's taxonomy, actor types, the editable and derived fields, the countries."""
        return meta()

    @app.get("/places", response_model=PlacesOut, tags=["map"])
    def places(
        services: ServicesDep,
        q: Annotated[str, Query(min_length=1, max_length=200)],
        limit: Annotated[int, Query(ge=1, le=50)] = 10,
    ) -> PlacesOut:
        """Gazetteer places named ``q`` or whose name starts with it (Arabic or English)."""
        found = services.places().search(q.replace("\x00", ""), limit)
        return PlacesOut(places=[place_view(r) for r in found])


def _add_review_routes(app: FastAPI) -> None:
    @app.patch("/events/{event_id}", response_model=ReviewedEvent, tags=["review"])
    def edit(services: ServicesDep, event_id: EventId, body: EditIn) -> ReviewedEvent:
        """Edit fields of an event; 422 lists every field that breaks the schema."""
        current = services.store.event(event_id)
        if current is None:
            raise EventNotFound(f"no event {event_id!r}")
        needs_places = {"place_id", "country", "admin1", "admin2", "admin3"} & set(body.changes)
        places = services.places() if needs_places else None
        changes = validate_edit(current.record, body.changes, places)
        if not changes:
            raise ReviewRefused("nothing to change: every value is the event's already")
        return reviewed(services.store.edit_event(event_id, changes, _review(body)))

    @app.post("/events/{event_id}/confirm", response_model=ReviewedEvent, tags=["review"])
    def confirm(services: ServicesDep, event_id: EventId, body: ReviewIn) -> ReviewedEvent:
        """Confirm an event as coded (or restore a rejected one)."""
        return reviewed(services.store.set_review_status(event_id, REVIEW_CONFIRMED, _review(body)))

    @app.post("/events/{event_id}/reject", response_model=ReviewedEvent, tags=["review"])
    def reject(services: ServicesDep, event_id: EventId, body: ReviewIn) -> ReviewedEvent:
        """Reject an event: kept with its audit trail, left out of listings and exports."""
        return reviewed(services.store.set_review_status(event_id, REVIEW_REJECTED, _review(body)))

    @app.post("/events/{event_id}/split", response_model=SplitOut, tags=["review"])
    def split(services: ServicesDep, event_id: EventId, body: SplitIn) -> SplitOut:
        """Move the named reports of an event into a new event."""
        left, new = services.store.split_event(event_id, body.members, _review(body))
        return SplitOut(event=event_view(left), new_event=event_view(new))

    @app.post("/events/{event_id}/merge", response_model=ReviewedEvent, tags=["review"])
    def merge(services: ServicesDep, event_id: EventId, body: MergeIn) -> ReviewedEvent:
        """Move every report of another event into this one."""
        merged = services.store.merge_events(
            event_id, body.other, _review(body), body.other_version
        )
        return reviewed(merged)


def _add_audit_routes(app: FastAPI) -> None:
    @app.get("/events/{event_id}/history", response_model=AuditOut, tags=["review"])
    def history(services: ServicesDep, event_id: EventId) -> AuditOut:
        """The event's audit trail (and its articles' ingestion), newest first."""
        if services.store.event(event_id) is None:
            raise EventNotFound(f"no event {event_id!r}")
        entries = services.store.audit_log(event_id)
        return AuditOut(entries=[entry_view(e) for e in entries])

    @app.get("/audit", response_model=AuditOut, tags=["review"])
    def audit_json(
        services: ServicesDep, limit: Annotated[int, Query(ge=1, le=100_000)] = 1000
    ) -> AuditOut:
        """The audit trail, newest first."""
        return AuditOut(entries=[entry_view(e) for e in services.store.audit_log(None, limit)])

    @app.get(
        "/audit.csv",
        response_class=StreamingResponse,
        responses={200: {"content": {"text/csv": {}}}},
        tags=["review"],
    )
    def audit_file(
        services: ServicesDep, limit: Annotated[int, Query(ge=1, le=1_000_000)] = 100_000
    ) -> StreamingResponse:
        """The audit trail as CSV (the detail of each change as JSON)."""
        lines = audit_csv(services.store.audit_log(None, limit))
        headers = {"Content-Disposition": 'attachment; filename="audit.csv"'}
        return StreamingResponse(lines, media_type="text/csv; charset=utf-8", headers=headers)


def add_web_routes(app: FastAPI) -> None:
    """The web map, its data and the review API."""
    _install_review_errors(app)
    _add_map_routes(app)
    _add_review_routes(app)
    _add_audit_routes(app)
    _add_page_routes(app)
