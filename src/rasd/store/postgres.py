"""The store on PostgreSQL with PostGIS (``RASD_DATABASE_URL=postgresql://...``), for a server.

The tables, queries and behaviour are those of :mod:`rasd.store.sql`; PostgreSQL specifics live
here and nowhere else:

- the driver is psycopg 3 (``pip install 'rasd[postgres]'``); ``postgresql://`` URLs are opened
  with it, a lost connection is noticed on the next checkout (``pool_pre_ping``);
- writers take turns, as SQLite's ``BEGIN IMMEDIATE`` makes them: every write transaction
  first takes one transaction-level advisory lock, then runs in READ COMMITTED, so each
  statement sees what the previous writer committed (de-duplication reads the events stored so
  far, and two writers cannot both insert the same article). Extraction runs outside the
  transaction, so the lock is held for milliseconds. Reads are REPEATABLE READ and read-only:
  one consistent snapshot per request, never blocked by writers (MVCC);
- points are a PostGIS ``geometry(Point, 4326)`` column generated from latitude/longitude (so
  it is in sync on every write, whoever writes) with a GiST index; the bounding-box filter and
  the search for merge candidates use it;
- the full-text index is a ``tsvector`` per article (``simple`` configuration, GIN index) over
  the same terms as SQLite's FTS5 index (:mod:`rasd.store.text`): the terms are letters and
  digits, which PostgreSQL's parser keeps whole and ``simple`` only lowercases (a test checks
  the lexemes are the terms), so "الرقة" finds "وبالرقة" here exactly as there;
- NUL characters, which PostgreSQL text cannot hold, are sent as U+FFFD, the replacement
  :func:`rasd.ingest.clean_article` already makes when it stores an article: a filter or a
  write that works on SQLite works here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache, partial
from typing import Any, ClassVar

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    Select,
    Table,
    bindparam,
    create_engine,
    event,
    exists,
    func,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.postgresql.base import ischema_names
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.expression import Executable
from sqlalchemy.types import UserDefinedType

from rasd.store import sql
from rasd.store.base import BBox, StoreError
from rasd.store.schema import CORE_MIGRATIONS, Migration, Migrations, articles
from rasd.store.text import index_terms

DRIVER = "postgresql+psycopg"
WRITE_LOCK = 0x72617364
"""The advisory lock key every write transaction holds ("rasd" in ASCII)."""
LOCK_TIMEOUT_MS = 30_000
"""How long a statement waits for a lock, like SQLite's busy timeout."""
CONNECT_TIMEOUT_S = 10
MAX_INDEX_CHARS = 200_000
"""Above this, an article's body is indexed by its distinct terms (a tsvector holds 1 MB)..."""
MAX_INDEX_BYTES = 700_000
"""... as many as fit in this (a term costs its UTF-8 bytes and about 12 more)."""
SRID = 4326


class Geometry(UserDefinedType[Any]):
    """PostGIS ``geometry`` as SQLAlchemy sees it: a name for DDL and for reflection."""

    cache_ok = True

    def __init__(self, *_modifiers: Any) -> None:
        """Reflection passes the column's modifiers ("Point", "4326"); they are always those."""
        super().__init__()

    def get_col_spec(self, **_kw: Any) -> str:
        return f"geometry(Point, {SRID})"


# Reflection (a migration's ``inspect(conn).get_columns("events")``) then knows the column
# instead of warning about an unknown type.
ischema_names.setdefault("geometry", Geometry)

geom = literal_column("events.geom", Geometry())
"""The events' generated point (not in the shared metadata: SQLite has no such column)."""

_search_metadata = MetaData()
articles_fts = Table(
    "articles_fts",
    _search_metadata,
    Column("pk", Integer, ForeignKey(articles.c.pk), primary_key=True),
    Column("document", TSVECTOR, nullable=False),
)
"""One tsvector per article: its title's terms weighted A, its body's B."""


def create_search(conn: Connection) -> None:
    """Migration 0002: the full-text index table and its GIN index."""
    articles_fts.create(conn, checkfirst=True)
    conn.execute(
        text(
            "CREATE INDEX IF NOT EXISTS ix_articles_fts_document "
            "ON articles_fts USING gin (document)"
        )
    )


def create_points(conn: Connection) -> None:
    """Migration 0002: PostGIS, the events' generated point column and its GiST index."""
    _require_postgis(conn)
    conn.execute(
        text(
            "ALTER TABLE events ADD COLUMN IF NOT EXISTS geom geometry(Point, 4326) "
            "GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)) STORED"
        )
    )
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_events_geom ON events USING gist (geom)"))


def _require_postgis(conn: Connection) -> None:
    """Create the extension if missing; say what to install or ask for when that fails."""
    if conn.scalar(text("SELECT 1 FROM pg_extension WHERE extname = 'postgis'")):
        return
    if not conn.scalar(text("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'")):
        raise StoreError(
            "PostGIS is not installed on the database server "
            "(Debian: apt-get install postgresql-15-postgis-3)"
        )
    database = conn.scalar(text("SELECT current_database()"))
    try:
        with conn.begin_nested():  # a failure must not abort the migration's transaction
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS postgis"))
    except DBAPIError as exc:
        raise StoreError(
            f"PostGIS is not enabled in database {database!r} and this user may not enable "
            f"it ({exc.orig}): ask an administrator to run CREATE EXTENSION postgis there"
        ) from exc


MIGRATIONS = Migrations(
    (
        *CORE_MIGRATIONS,
        Migration("0002_postgres_fts", create_search),
        Migration("0002_postgis", create_points),
    )
)

_LOCK = select(func.pg_advisory_xact_lock(WRITE_LOCK))
_CANDIDATES = sql.SqlStore._candidates_query.where(
    geom.bool_op("&&")(
        func.ST_MakeEnvelope(
            bindparam("west"), bindparam("south"), bindparam("east"), bindparam("north"), SRID
        )
    )
)
"""The shared merge-candidate query, narrowed through the GiST index first."""


class PostgresStore(sql.SqlStore):
    """The store in a PostgreSQL database with PostGIS."""

    _candidates_query: ClassVar[Select[Any]] = _CANDIDATES

    def __init__(self, url: str):
        engine = postgres_engine(postgres_url(url))
        try:
            super().__init__(engine, make_url(url).render_as_string(hide_password=True), MIGRATIONS)
        except BaseException:
            engine.dispose()  # close the connection a failed migration leaves in the pool
            raise

    # ------------------------------------------------------------- transactions

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with super()._write() as conn:
            conn.execute(_LOCK)
            yield conn

    def _prepare_read(self, conn: Connection) -> None:
        conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)

    # ------------------------------------------------------------- dialect hooks

    def _insert_ignore(self, table: Table, values: dict[str, Any]) -> Executable:
        return pg_insert(table).values(**values).on_conflict_do_nothing()

    def _index_article(self, conn: Connection, pk: int, title: list[str], body: list[str]) -> None:
        document = func.setweight(_vector(index_terms(title)), literal_column("'A'")).op("||")(
            func.setweight(_vector(_fitting(index_terms(body))), literal_column("'B'"))
        )
        conn.execute(articles_fts.insert().values(pk=pk, document=document))

    def _search(self, terms: list[str]) -> Select[tuple[int, float]]:
        query = func.plainto_tsquery(literal_column("'simple'"), " ".join(terms))
        document = articles_fts.c.document
        return select(
            articles_fts.c.pk.label("pk"), (-func.ts_rank(document, query)).label("rank")
        ).where(document.bool_op("@@")(query))

    def _bbox_condition(self, box: BBox) -> ColumnElement[bool]:
        if box.west <= box.east:
            return _in_box(box.west, box.south, box.east, box.north)
        return or_(  # across the antimeridian: two boxes
            _in_box(box.west, box.south, 180.0, box.north),
            _in_box(-180.0, box.south, box.east, box.north),
        )

    # ------------------------------------------------------------- health

    def check(self) -> list[str]:
        """The merge links' checks, and articles missing from the full-text index."""
        problems = super().check()
        unindexed = (
            select(func.count())
            .select_from(articles)
            .where(~exists().where(articles_fts.c.pk == articles.c.pk))
        )
        with self._read() as conn:
            missing = int(conn.scalar(unindexed) or 0)
        if missing:
            problems.append(f"articles missing from the full-text index: {missing}")
        return problems


def _fitting(terms: str) -> str:
    """The terms, or for a huge text (SQLite takes any) the distinct ones a tsvector can hold:
    the text is stored whole, words past the limit are not found in it."""
    if len(terms) <= MAX_INDEX_CHARS:
        return terms
    kept, size = [], 0
    for term in dict.fromkeys(terms.split()):
        size += len(term.encode("utf-8")) + 12
        if size > MAX_INDEX_BYTES:
            break
        kept.append(term)
    return " ".join(kept)


def _vector(terms: str) -> ColumnElement[Any]:
    return func.to_tsvector(literal_column("'simple'"), terms)


def _in_box(west: float, south: float, east: float, north: float) -> ColumnElement[bool]:
    return geom.bool_op("&&")(func.ST_MakeEnvelope(west, south, east, north, SRID))


# ----------------------------------------------------------------- engine


def postgres_url(url: str) -> URL:
    """The URL with psycopg 3 as its driver; StoreError for another driver."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        return parsed.set(drivername=DRIVER)
    if parsed.drivername != DRIVER:
        shown = parsed.render_as_string(hide_password=True)
        raise StoreError(f"{shown}: rasd talks to PostgreSQL through psycopg; use postgresql://")
    return parsed


def postgres_engine(url: URL) -> Engine:
    """An engine with rasd's timeouts, JSON and NUL handling; StoreError without psycopg."""
    try:
        dumpers = _nul_safe_dumpers()
    except ImportError as exc:
        raise StoreError(
            "the PostgreSQL store needs psycopg: pip install 'rasd[postgres]'"
        ) from exc
    connect_args: dict[str, Any] = {"application_name": "rasd"}
    if "connect_timeout" not in url.query:
        connect_args["connect_timeout"] = CONNECT_TIMEOUT_S
    if "options" not in url.query:
        connect_args["options"] = f"-c lock_timeout={LOCK_TIMEOUT_MS}"
    engine = create_engine(
        url,
        pool_pre_ping=True,
        isolation_level="READ COMMITTED",
        json_serializer=_json_dumps,
        connect_args=connect_args,
    )
    # Many rows (marks, events, evidence) in one multi-row INSERT, as SQLAlchemy does for
    # psycopg2, rather than psycopg's pipeline of one INSERT per row.
    engine.dialect.use_insertmanyvalues_wo_returning = True
    event.listen(engine, "connect", partial(_on_connect, dumpers))
    return engine


def _json_dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _on_connect(dumpers: tuple[type[Any], ...], dbapi_connection: Any, _record: object) -> None:
    """Strings go out without NUL characters (see the module docstring)."""
    for dumper in dumpers:
        dbapi_connection.adapters.register_dumper(str, dumper)


@cache
def _nul_safe_dumpers() -> tuple[type[Any], ...]:
    """psycopg's text-format string dumpers, in its registration order, replacing NUL."""
    import psycopg.types.string as string  # imports psycopg itself first: ImportError if absent

    def safe(base: type[Any]) -> type[Any]:
        def dump(self: Any, obj: str) -> Any:
            return base.dump(self, obj.replace("\x00", "\ufffd"))

        return type(f"NulSafe{base.__name__}", (base,), {"dump": dump})

    bases = (string.StrDumperVarchar, string.StrDumper, string.StrDumperUnknown)
    return tuple(safe(base) for base in bases)
