"""The HTTP API: thin over the store and the ingestor (``rasd serve``).

``create_app(config, resources=None, store=None)`` builds a new app each call; nothing lives at
module level. Paths::

    GET  /health            the store's counts and versions
    GET  /events            merged events, filtered by query parameters, paged (JSON)
    GET  /events.geojson    every event of the filter as a GeoJSON FeatureCollection
    GET  /events.csv        every event of the filter in ACLED's 31 columns
    GET  /events/{id}       one merged event with its articles and evidence spans
    GET  /articles          article search (normalised Arabic) and listing, paged
    GET  /articles/{id}     one article with its text
    POST /articles          ingest posted articles (at most 5 MB per request)
    GET  /openapi.json      the OpenAPI document

and, from :mod:`rasd.webapp`, the web map at ``/`` with its data and the review API.

Every error has one shape: ``{"ok": false, "error": {"status", "code", "message", "details"}}``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Path, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rasd import __version__
from rasd.config import Config
from rasd.errors import RasdError
from rasd.export import article_view, csv_lines, event_view, geojson_chunks, member_view
from rasd.ingest import Ingestor, IngestReport
from rasd.pipeline import PIPELINE_VERSION
from rasd.places import PlaceFinder
from rasd.resources import Resources, load_resources
from rasd.store import open_store
from rasd.store.base import (
    MAX_PAGE,
    ArticleQuery,
    BBox,
    EventFilter,
    Store,
    StoreError,
)
from rasd.types import Article

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 5 * 1024 * 1024
MAX_POSTED_ARTICLES = 500
MAX_TEXT_PARAM = 200
ERROR_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_body",
    500: "internal_error",
    503: "unavailable",
}


# ----------------------------------------------------------------------------- models


class ErrorDetail(BaseModel):
    """What went wrong."""

    status: int
    code: str
    message: str
    details: list[dict[str, Any]] = []


class ErrorBody(BaseModel):
    """The one shape of every error response."""

    ok: Literal[False] = False
    error: ErrorDetail


class EventsPage(BaseModel):
    """A page of merged events: ACLED columns plus ``sources``, ``articles``, ``members``."""

    ok: bool = True
    total: int
    limit: int
    offset: int
    events: list[dict[str, Any]]


class EventDetail(BaseModel):
    """One merged event and every article's report of it, with evidence spans."""

    ok: bool = True
    event: dict[str, Any]
    members: list[dict[str, Any]]


class ArticlesPage(BaseModel):
    """A page of articles (search results best first)."""

    ok: bool = True
    total: int
    limit: int
    offset: int
    articles: list[dict[str, Any]]


class ArticleOut(BaseModel):
    """One article with its text."""

    ok: bool = True
    article: dict[str, Any]


class ArticleIn(BaseModel):
    """An article to ingest: the JSONL article format of ``rasd extract``."""

    id: str = Field(min_length=1, max_length=300)
    text: str = Field(min_length=1, max_length=MAX_BODY_BYTES)
    title: str | None = Field(default=None, max_length=2000)
    published: date | None = None
    source: str | None = Field(default=None, max_length=300)
    url: str | None = Field(default=None, max_length=2000)


class IngestRequest(BaseModel):
    """Articles to ingest."""

    articles: list[ArticleIn] = Field(min_length=1, max_length=MAX_POSTED_ARTICLES)


class IngestResponse(BaseModel):
    """What ingesting did: counts and reasons, and each article's outcome."""

    ok: bool = True
    report: dict[str, Any]
    articles: list[dict[str, Any]]


class Health(BaseModel):
    """The service is up; what the store holds."""

    ok: bool = True
    status: str
    version: str
    pipeline_version: str
    store: dict[str, int]


# ----------------------------------------------------------------------------- errors


class BadParameter(Exception):
    """A query parameter the type system accepted but rasd cannot use."""

    def __init__(self, name: str, message: str):
        super().__init__(f"{name}: {message}")
        self.name = name


def error_response(
    status: int,
    message: str,
    details: list[dict[str, Any]] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """The one error shape."""
    detail = ErrorDetail(
        status=status,
        code=ERROR_CODES.get(status, "error"),
        message=message,
        details=details or [],
    )
    body = ErrorBody(error=detail).model_dump()
    return JSONResponse(body, status_code=status, headers=headers)


def _validation_details(exc: RequestValidationError) -> list[dict[str, Any]]:
    return [
        {"loc": [str(part) for part in error.get("loc", ())], "message": str(error.get("msg"))}
        for error in exc.errors()
    ]


def _install_error_handlers(app: FastAPI) -> None:
    async def http_error(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        return error_response(exc.status_code, str(exc.detail), headers=exc.headers)

    async def validation_error(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        details = _validation_details(exc)
        in_body = any(d["loc"][:1] == ["body"] for d in details)
        status = 422 if in_body else 400
        return error_response(status, "the request is not valid", details)

    async def bad_parameter(_: Request, exc: Exception) -> JSONResponse:
        return error_response(400, str(exc))

    async def store_error(_: Request, exc: Exception) -> JSONResponse:
        log.error("store error: %s", exc)
        return error_response(500, "the store could not answer; see the server log")

    async def rasd_error(_: Request, exc: Exception) -> JSONResponse:
        log.error("rasd error: %s", exc)
        return error_response(503, f"cannot serve this now: {exc}")

    async def internal_error(_: Request, exc: Exception) -> JSONResponse:
        log.error("internal error: %r", exc)
        return error_response(500, "internal error; see the server log")

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(BadParameter, bad_parameter)
    app.add_exception_handler(StoreError, store_error)
    app.add_exception_handler(RasdError, rasd_error)
    app.add_exception_handler(Exception, internal_error)


class BodyLimit:
    """ASGI middleware: a request body over ``limit`` bytes gets 413 before the app reads it."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length", b"0")
        if not declared.isdigit():
            await error_response(400, "Content-Length is not a number")(scope, receive, send)
            return
        body = await _read_body(receive, self.limit) if int(declared) <= self.limit else None
        if body is None:
            too_large = f"request body larger than {self.limit} bytes"
            await error_response(413, too_large)(scope, receive, send)
            return
        await self.app(scope, _replay(body), send)


async def _read_body(receive: Receive, limit: int) -> bytes | None:
    """The whole request body, or None as soon as it grows past ``limit`` bytes."""
    body = bytearray()
    more = True
    while more:
        message = await receive()
        body += message.get("body", b"")
        if len(body) > limit:
            return None
        more = bool(message.get("more_body")) and message["type"] == "http.request"
    return bytes(body)


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


# ----------------------------------------------------------------------------- services


class Services:
    """What the routes use: the store, and the resources loaded on first ingest."""

    def __init__(self, config: Config, store: Store, resources: Resources | None):
        self.config = config
        self.store = store
        self._resources = resources
        self._places: PlaceFinder | None = None
        self._lock = threading.Lock()

    def ingestor(self) -> Ingestor:
        """An ingestor over the store (loads the resources once, on first use)."""
        with self._lock:
            if self._resources is None:
                self._resources = load_resources(self.config)
            return Ingestor(self.store, self._resources, self.config)

    def places(self) -> PlaceFinder:
        """The gazetteer for reviewers' place look-ups (loads the resources once)."""
        with self._lock:
            if self._resources is None:
                self._resources = load_resources(self.config)
            if self._places is None:
                self._places = PlaceFinder(self._resources.gazetteer)
            return self._places


def _services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


def _text(name: str, value: str | None) -> str | None:
    if value is not None and "\x00" in value:
        raise BadParameter(name, "must not contain NUL characters")
    return value


TextParam = Annotated[str | None, Query(max_length=MAX_TEXT_PARAM)]
ReviewFilter = Literal["machine", "confirmed", "edited", "rejected", "reviewed", "any"]


def event_filter(
    date_from: Annotated[date | None, Query(description="first event date, YYYY-MM-DD")] = None,
    date_to: Annotated[date | None, Query(description="last event date, YYYY-MM-DD")] = None,
    event_type: TextParam = None,
    sub_event_type: TextParam = None,
    actor: Annotated[
        str | None, Query(max_length=MAX_TEXT_PARAM, description="actor1, actor2 or associated")
    ] = None,
    country: TextParam = None,
    admin1: TextParam = None,
    admin2: TextParam = None,
    admin3: TextParam = None,
    location: TextParam = None,
    source: Annotated[
        str | None, Query(max_length=MAX_TEXT_PARAM, description="an outlet reporting it")
    ] = None,
    bbox: Annotated[
        str | None, Query(max_length=MAX_TEXT_PARAM, description="west,south,east,north")
    ] = None,
    q: Annotated[
        str | None, Query(max_length=500, description="words in a reporting article")
    ] = None,
    review_status: Annotated[
        ReviewFilter | None, Query(description="review status; default: all but rejected")
    ] = None,
    fatalities_min: Annotated[int | None, Query(ge=0, le=1_000_000)] = None,
    fatalities_max: Annotated[int | None, Query(ge=0, le=1_000_000)] = None,
) -> EventFilter:
    """The event filter of the query parameters (shared by /events, .geojson and .csv)."""
    return EventFilter(
        date_from=date_from,
        date_to=date_to,
        event_type=_text("event_type", event_type),
        sub_event_type=_text("sub_event_type", sub_event_type),
        actor=_text("actor", actor),
        country=_text("country", country),
        admin1=_text("admin1", admin1),
        admin2=_text("admin2", admin2),
        admin3=_text("admin3", admin3),
        location=_text("location", location),
        source=_text("source", source),
        bbox=_bbox(bbox),
        q=_text("q", q),
        review_status=review_status,
        fatalities_min=fatalities_min,
        fatalities_max=fatalities_max,
    )


def _bbox(value: str | None) -> BBox | None:
    if value is None:
        return None
    try:
        return BBox.parse(value)
    except ValueError as exc:
        raise BadParameter("bbox", str(exc)) from exc


class Paging(BaseModel):
    """limit and offset of a listing."""

    limit: int
    offset: int


def paging(
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> Paging:
    """The page asked for."""
    return Paging(limit=limit, offset=offset)


# ----------------------------------------------------------------------------- routes


ServicesDep = Annotated[Services, Depends(_services)]
FilterDep = Annotated[EventFilter, Depends(event_filter)]
PagingDep = Annotated[Paging, Depends(paging)]


def _add_event_routes(app: FastAPI) -> None:
    @app.get("/events", response_model=EventsPage, tags=["events"])
    def list_events(services: ServicesDep, query: FilterDep, page: PagingDep) -> EventsPage:
        """Merged events matching the filters, newest first."""
        found = services.store.events(_paged(query, page))
        items = [event_view(e) for e in found.items]
        return EventsPage(total=found.total, limit=found.limit, offset=found.offset, events=items)

    @app.get(
        "/events.geojson",
        response_class=StreamingResponse,
        responses={200: {"content": {"application/geo+json": {}}}},
        tags=["events"],
    )
    def events_geojson(services: ServicesDep, query: FilterDep) -> StreamingResponse:
        """Every merged event of the filter as GeoJSON (no paging)."""
        chunks = geojson_chunks(services.store.iter_events(query))
        return StreamingResponse(chunks, media_type="application/geo+json")

    @app.get(
        "/events.csv",
        response_class=StreamingResponse,
        responses={200: {"content": {"text/csv": {}}}},
        tags=["events"],
    )
    def events_csv(services: ServicesDep, query: FilterDep) -> StreamingResponse:
        """Every merged event of the filter in ACLED's 31 columns (no paging)."""
        lines = csv_lines(services.store.iter_events(query))
        headers = {"Content-Disposition": 'attachment; filename="events.csv"'}
        return StreamingResponse(lines, media_type="text/csv; charset=utf-8", headers=headers)

    @app.get("/events/{event_id}", response_model=EventDetail, tags=["events"])
    def get_event(
        services: ServicesDep, event_id: Annotated[str, Path(max_length=64)], response: Response
    ) -> EventDetail:
        """One merged event (by its id or any member's id) with every report and its evidence.

        Its ETag and ``review_version`` name the version a review must say it read.
        """
        found = services.store.event(event_id)
        if found is None:
            raise StarletteHTTPException(404, f"no event {event_id!r}")
        response.headers["ETag"] = f'"{found.event_id}-v{found.review_version}"'
        return EventDetail(event=event_view(found), members=[member_view(m) for m in found.members])


def _paged(query: EventFilter, page: Paging) -> EventFilter:
    return replace(query, limit=page.limit, offset=page.offset)


def _add_article_routes(app: FastAPI) -> None:
    @app.get("/articles", response_model=ArticlesPage, tags=["articles"])
    def list_articles(
        services: ServicesDep,
        page: PagingDep,
        q: Annotated[str | None, Query(max_length=500, description="words to find")] = None,
        source: TextParam = None,
        date_from: date | None = None,
        date_to: date | None = None,
    ) -> ArticlesPage:
        """Articles matching a full-text search over normalised Arabic (best first), or all."""
        query = ArticleQuery(
            q=_text("q", q),
            source=_text("source", source),
            date_from=date_from,
            date_to=date_to,
            limit=page.limit,
            offset=page.offset,
        )
        found = services.store.articles(query)
        items = [article_view(a) for a in found.items]
        return ArticlesPage(
            total=found.total, limit=found.limit, offset=found.offset, articles=items
        )

    @app.get("/articles/{article_id:path}", response_model=ArticleOut, tags=["articles"])
    def get_article(
        services: ServicesDep, article_id: Annotated[str, Path(max_length=400)]
    ) -> ArticleOut:
        """One article with its text and the ids of its events."""
        found = services.store.article(article_id)
        if found is None:
            raise StarletteHTTPException(404, f"no article {article_id[:100]!r}")
        return ArticleOut(article=article_view(found))

    @app.post("/articles", response_model=IngestResponse, tags=["articles"])
    def post_articles(services: ServicesDep, body: IngestRequest) -> IngestResponse:
        """Ingest articles: store, extract and merge them (idempotent; at most 5 MB)."""
        ingestor = services.ingestor()
        report = IngestReport()
        outcomes = []
        for posted in body.articles:
            article = Article(**posted.model_dump())
            result = ingestor.store_article(article, "api", report)
            outcome = {"id": posted.id, "stored_as": None, "status": "failed", "events": 0}
            if result is not None:
                outcome |= {"stored_as": result.article_id, "status": str(result.status)}
                outcome["events"] = result.events
            outcomes.append(outcome)
        return IngestResponse(report=report.as_dict(), articles=outcomes)


def _add_health_route(app: FastAPI) -> None:
    @app.get("/health", response_model=Health, tags=["service"])
    def health(services: ServicesDep) -> Health:
        """The service is up and the store answers."""
        counts = services.store.counts()
        return Health(
            status="ok", version=__version__, pipeline_version=PIPELINE_VERSION, store=counts
        )


def create_app(
    config: Config, resources: Resources | None = None, store: Store | None = None
) -> FastAPI:
    """A new API app over ``store`` (default: the configured store, opened now).

    ``resources`` are loaded on the first POST /articles when not given.
    """
    error_responses: dict[int | str, dict[str, Any]] = {
        status: {"model": ErrorBody} for status in (400, 404, 422, 500)
    }
    app = FastAPI(
        title="rasd",
        version=__version__,
        description="Arabic conflict news as ACLED-style, geolocated, evidence-linked events.",
        responses=error_responses,
    )
    app.state.services = Services(config, store or open_store(config), resources)
    _install_error_handlers(app)
    _add_health_route(app)
    _add_event_routes(app)
    _add_article_routes(app)
    from rasd.webapp import add_web_routes  # the web map's module builds on this one

    add_web_routes(app)
    app.add_middleware(GZipMiddleware, minimum_size=2048, compresslevel=5)
    app.add_middleware(BodyLimit, limit=MAX_BODY_BYTES)
    return app
