"""What is PostgreSQL's own in the store (the shared behaviour runs on both backends in
test_sqlite.py): migrations with PostGIS, the generated point and its GiST index, the tsvector
index, writers taking turns, a connection lost mid-write, NUL characters. Skipped without
RASD_TEST_POSTGRES_URL (scripts/pg_test_cluster.sh provides one)."""

from __future__ import annotations

import random
import sys
import threading
import time
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

import psycopg
import pytest
from sqlalchemy import Connection, Select, inspect, select, text
from sqlalchemy.engine import make_url

from rasd.config import Config
from rasd.dedup import MergeRules
from rasd.ingest import Ingestor
from rasd.pipeline import extract
from rasd.resources import Resources
from rasd.store import open_url
from rasd.store import postgres as postgres_module
from rasd.store.base import (
    ArticleQuery,
    BBox,
    EventFilter,
    Provenance,
    SaveStatus,
    StoreError,
)
from rasd.store.postgres import MIGRATIONS, WRITE_LOCK, Geometry, PostgresStore
from rasd.store.schema import events
from rasd.store.sql import SqlStore
from rasd.store.text import index_terms, normalized_words
from rasd.types import Article, Event
from samples import STORE_ARTICLES

if TYPE_CHECKING:
    from conftest import PostgresServer

PROVENANCE = Provenance("rasd-test", "data-test", "tests")
RULES = MergeRules()

ARTICLES = STORE_ARTICLES

Extracted = list[tuple[Article, list[Event]]]


@pytest.fixture(scope="module")
def extracted(resources: Resources, config: Config) -> Extracted:
    return [(a, extract(a, resources, config)) for a in ARTICLES]


@pytest.fixture()
def pg_url(postgres: PostgresServer) -> Iterator[str]:
    url = postgres.create()
    yield url
    postgres.drop(url)


@pytest.fixture()
def store(pg_url: str) -> Iterator[PostgresStore]:
    opened = PostgresStore(pg_url)
    yield opened
    opened.close()


def _save_all(store: SqlStore, extracted: Extracted) -> None:
    for article, found in extracted:
        store.save_extraction(article, found, provenance=PROVENANCE, matcher=RULES)


def _query(store: SqlStore, statement: str, **params: object) -> list[tuple[Any, ...]]:
    with store.engine.begin() as conn:
        result = conn.execute(text(statement), params)
        return [tuple(row) for row in result] if result.returns_rows else []


# ------------------------------------------------------------------ opening and migrations


def test_a_new_database_gets_postgis_the_indexes_and_every_migration(
    postgres: PostgresServer,
) -> None:
    url = postgres.create(migrated=False, postgis=False)
    try:
        store = PostgresStore(url)
        names = {name for (name,) in _query(store, "SELECT name FROM rasd_migrations")}
        assert names == {step.name for step in MIGRATIONS.steps}
        assert {"0002_postgis", "0002_postgres_fts"} <= names
        column = _query(
            store, "SELECT type, srid FROM geometry_columns WHERE f_table_name = 'events'"
        )
        assert column == [("POINT", 4326)]
        indexes = dict(
            _query(
                store,
                "SELECT indexname, indexdef FROM pg_indexes "
                "WHERE indexname IN ('ix_events_geom', 'ix_articles_fts_document')",
            )
        )
        assert "USING gist (geom)" in indexes["ix_events_geom"]
        assert "USING gin (document)" in indexes["ix_articles_fts_document"]
        with store.engine.connect() as conn:  # a later migration may reflect the table
            reflected = {c["name"]: c["type"] for c in inspect(conn).get_columns("events")}
        assert isinstance(reflected["geom"], Geometry)
        store.close()
        again = PostgresStore(url)  # opening again applies nothing twice
        assert len(_query(again, "SELECT name FROM rasd_migrations")) == len(names)
        again.close()
    finally:
        postgres.drop(url)


def test_a_user_who_may_not_enable_postgis_is_told_what_to_ask_for(
    postgres: PostgresServer,
) -> None:
    role = f"{postgres.prefix}_limited"
    postgres.admin.execute(f'CREATE ROLE "{role}" LOGIN')
    url = postgres.create(migrated=False, postgis=False)
    database = make_url(url).database
    postgres.admin.execute(f'ALTER DATABASE "{database}" OWNER TO "{role}"')
    limited = make_url(url).set(username=role).render_as_string(hide_password=False)
    try:
        with pytest.raises(StoreError, match="ask an administrator to run CREATE EXTENSION"):
            PostgresStore(limited)
        with psycopg.connect(url) as conn:  # the whole migration was rolled back
            tables = conn.execute("SELECT to_regclass('rasd_migrations')").fetchone()
        assert tables == (None,)
    finally:
        postgres.drop(url)
        postgres.admin.execute(f'DROP ROLE "{role}"')


def test_urls_postgres_scheme_and_hidden_password(pg_url: str) -> None:
    with_password = make_url(pg_url).set(drivername="postgres", password="secret")
    store = open_url(with_password.render_as_string(hide_password=False))
    try:
        assert isinstance(store, PostgresStore)
        assert "secret" not in store.url and store.url.startswith("postgres://")
    finally:
        store.close()


def test_without_psycopg_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    """Needs no server: the driver is looked for before connecting."""
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg now raises ImportError
    postgres_module._nul_safe_dumpers.cache_clear()
    try:
        with pytest.raises(StoreError, match=r"pip install 'rasd\[postgres\]'"):
            open_url("postgresql://rasd@127.0.0.1:1/rasd")
    finally:
        postgres_module._nul_safe_dumpers.cache_clear()


# ------------------------------------------------------------------ PostGIS and search


def test_points_follow_latitude_and_longitude_on_every_write(
    store: PostgresStore, extracted: Extracted
) -> None:
    _save_all(store, extracted)
    placed = _query(
        store,
        "SELECT count(*) FROM events WHERE ST_SRID(geom) = 4326 "
        "AND ST_X(geom) = longitude AND ST_Y(geom) = latitude",
    )
    located = _query(store, "SELECT count(*) FROM events WHERE latitude IS NOT NULL")
    assert placed == located and located[0][0] > 0
    (anchor,) = [e.event_id for e in store.events(EventFilter(admin1="Raqqa")).items]
    _query(
        store,
        "UPDATE events SET latitude = 10.5, longitude = 20.5 WHERE event_id = :id",
        id=anchor,
    )
    moved = store.events(EventFilter(bbox=BBox(20.0, 10.0, 21.0, 11.0))).items
    assert [e.event_id for e in moved] == [anchor]
    _query(store, "UPDATE events SET latitude = NULL WHERE event_id = :id", id=anchor)
    assert _query(store, "SELECT geom FROM events WHERE event_id = :id", id=anchor) == [(None,)]
    assert store.events(EventFilter(bbox=BBox(20.0, 10.0, 21.0, 11.0))).total == 0


def test_a_bbox_across_the_antimeridian_means_the_same_on_both_backends(
    store_url: str, extracted: Extracted
) -> None:
    store = open_url(store_url)
    assert isinstance(store, SqlStore)
    try:
        _save_all(store, extracted)
        (anchor,) = [e.event_id for e in store.events(EventFilter(admin1="Raqqa")).items]
        _query(
            store,
            "UPDATE events SET latitude = 0.5, longitude = 179.5 WHERE event_id = :id",
            id=anchor,
        )
        across = store.events(EventFilter(bbox=BBox(170.0, -1.0, -170.0, 1.0))).items
        assert [e.event_id for e in across] == [anchor]
        assert store.events(EventFilter(bbox=BBox(-170.0, -1.0, 170.0, 1.0))).total == 0
        assert store.events(EventFilter(bbox=BBox(179.5, 0.5, 179.5, 0.5))).total == 1
    finally:
        store.close()


def _plan(conn: Connection, query: Select[Any]) -> str:
    compiled = query.compile(dialect=conn.dialect)
    return "\n".join(row[0] for row in conn.exec_driver_sql(f"EXPLAIN {compiled}", compiled.params))


def test_spatial_and_text_queries_can_use_their_indexes(store: PostgresStore) -> None:
    """On a nearly empty table the planner scans it; without that option, the index must do."""
    bbox = select(events.c.event_id).where(store._bbox_condition(BBox(36.0, 35.0, 37.0, 36.0)))
    nearby = store._candidates_query.params(
        event_type="Battles",
        date_from=date(2021, 1, 1),
        date_to=date(2021, 1, 2),
        south=35.0,
        north=36.0,
        west=36.0,
        east=37.0,
        event_id="e",
        article_id="a",
    )
    search = store._search(["رقه", "الرقه"])
    with store.engine.begin() as conn:
        conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
        conn.exec_driver_sql("SET LOCAL enable_indexscan = off")  # bitmap scans only: no btree
        assert "ix_events_geom" in _plan(conn, bbox)
        assert "ix_events_geom" in _plan(conn, nearby)
        assert "ix_articles_fts_document" in _plan(conn, search)


def test_search_terms_are_exactly_the_lexemes_postgresql_indexes(
    store: PostgresStore, corpus_sample: list[Article]
) -> None:
    """The 'simple' parser keeps rasd's terms whole, so both backends match the same words."""
    with store.engine.connect() as conn:
        for article in corpus_sample:
            terms = index_terms(normalized_words(article.title) + normalized_words(article.text))
            lexemes = conn.scalar(
                text("SELECT tsvector_to_array(to_tsvector('simple', :terms))"), {"terms": terms}
            )
            assert sorted(lexemes) == sorted(set(terms.split())), article.id


def test_a_huge_article_is_stored_and_its_first_words_found(store: PostgresStore) -> None:
    """80,000 distinct words: more terms than a tsvector holds (SQLite takes them all)."""
    letters = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    rng = random.Random(9)
    words = ["".join(rng.choices(letters, k=rng.randint(4, 9))) for _ in range(80_000)]
    article = Article("huge", " ".join(words), None, None, "X")
    assert store.save_extraction(article, [], provenance=PROVENANCE).status is SaveStatus.NEW
    stored = store.article("huge")
    assert stored is not None and stored.text == article.text
    found = store.articles(ArticleQuery(q=words[0]))
    assert [a.article_id for a in found.items] == ["huge"]


# ------------------------------------------------------------------ concurrency


def test_writers_take_turns_and_readers_do_not_wait(
    store: PostgresStore, pg_url: str, extracted: Extracted
) -> None:
    article, found = extracted[0]
    done: list[SaveStatus] = []

    def save() -> None:
        done.append(store.save_extraction(article, found, provenance=PROVENANCE).status)

    with psycopg.connect(pg_url) as other:  # another writer, mid-transaction
        other.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
        writer = threading.Thread(target=save)
        writer.start()
        time.sleep(0.5)
        assert writer.is_alive() and not done
        assert store.counts()["articles"] == 0  # a reader is not blocked
        other.commit()
    writer.join(timeout=10)
    assert done == [SaveStatus.NEW]


# ------------------------------------------------------------------ the database going away


def _terminate(postgres: PostgresServer, conn: Connection) -> None:
    pid = conn.connection.driver_connection.info.backend_pid  # type: ignore[union-attr]
    postgres.admin.execute("SELECT pg_terminate_backend(%s)", (pid,))


def test_a_connection_lost_mid_write_keeps_nothing_and_the_rerun_completes(
    store: PostgresStore,
    postgres: PostgresServer,
    resources: Resources,
    config: Config,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    original = PostgresStore._insert_events

    def dying(self: PostgresStore, conn: Connection, saving: Any, *rest: Any) -> int:
        merged = original(self, conn, saving, *rest)
        if saving.article.id == "bbc-1":  # events, evidence and merge links are written
            _terminate(postgres, conn)
        return merged

    monkeypatch.setattr(PostgresStore, "_insert_events", dying)
    items = [("test", article) for article in ARTICLES]
    ingestor = Ingestor(store, resources, config)
    first = ingestor.run(items)
    assert first.new == 2 and len(first.failed) == 1
    assert first.failed[0].source.startswith("test: bbc-1")
    assert "lost the connection to the database" in first.failed[0].reason
    assert store.article("bbc-1") is None
    orphans = _query(store, "SELECT count(*) FROM events WHERE article_id = 'bbc-1'")
    assert orphans == [(0,)] and store.check() == []

    monkeypatch.setattr(PostgresStore, "_insert_events", original)
    second = ingestor.run(items)
    assert (second.new, second.duplicates, second.failed) == (1, 2, [])
    assert store.counts()["articles"] == len(ARTICLES) and store.check() == []
    sky = store.event(next(e for e in store.article("sky-1").event_ids))  # type: ignore[union-attr]
    assert sky is not None and {m.article_id for m in sky.members} == {"sky-1", "bbc-1"}


def test_connections_killed_while_idle_are_replaced(
    store: PostgresStore, postgres: PostgresServer
) -> None:
    assert store.counts()["articles"] == 0
    database = make_url(store.url).database
    killed = postgres.admin.execute(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = %s",
        (database,),
    ).fetchone()
    assert killed is not None and killed[0] >= 1
    assert store.counts()["articles"] == 0  # the pool noticed and reconnected


# ------------------------------------------------------------------ NUL characters


def test_nul_characters_are_stored_as_replacement_characters(store: PostgresStore) -> None:
    article = Article("nul\x00id", "نص\x00فيه صفر", "عنوان\x00", None, "مصدر\x00")
    result = store.save_extraction(article, [], provenance=PROVENANCE)
    assert result.status is SaveStatus.NEW
    stored = store.article("nul\x00id")
    assert stored is not None and stored.article_id == "nul\ufffdid"
    assert stored.text == "نص\ufffdفيه صفر" and stored.source == "مصدر\ufffd"
    again = store.save_extraction(article, [], provenance=PROVENANCE)
    assert again.status is SaveStatus.DUPLICATE and store.counts()["articles"] == 1
