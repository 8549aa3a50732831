"""The store on every backend (SQLite, and PostgreSQL/PostGIS when RASD_TEST_POSTGRES_URL is
set): migrations, idempotent saves, revisions, re-extraction, merges, filters, Arabic full-text
search, injection, atomic writes and concurrent writers; and what is SQLite's own."""

from __future__ import annotations

import multiprocessing
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text as sql_text

from rasd.config import Config, load_config
from rasd.dedup import MergeRules
from rasd.pipeline import extract
from rasd.resources import Resources
from rasd.store import default_database_url, open_store, open_url
from rasd.store.base import (
    ArticleConflict,
    ArticleQuery,
    BBox,
    EventFilter,
    FeedState,
    Provenance,
    SaveStatus,
    StoreError,
    StoreVersionError,
)
from rasd.store.sql import SqlStore
from rasd.store.sqlite import SQLiteStore
from rasd.types import Article, Event
from samples import STORE_ARTICLES

PROVENANCE = Provenance("rasd-test", "data-test", "tests")
RULES = MergeRules()

ARTICLES = (
    *STORE_ARTICLES,
    Article(
        "okaz-3",
        "قالت مصادر محلية إن عبوة ناسفة انفجرت صباح اليوم وسط مدينة وبالرقة وأسفرت عن مقتل "
        "شخصين وإصابة آخرين.",
        None,
        date(2021, 3, 10),
        "Okaz",
    ),
)

Extracted = list[tuple[Article, list[Event]]]


@pytest.fixture(scope="module")
def extracted(resources: Resources, config: Config) -> Extracted:
    return [(a, extract(a, resources, config)) for a in ARTICLES]


def _open(url: str) -> SqlStore:
    opened = open_url(url)
    assert isinstance(opened, SqlStore)
    return opened


@pytest.fixture()
def store(store_url: str) -> Iterator[SqlStore]:
    opened = _open(store_url)
    yield opened
    opened.close()


def _save_all(store: SqlStore, extracted: Extracted) -> None:
    for article, events in extracted:
        store.save_extraction(article, events, provenance=PROVENANCE, matcher=RULES)


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


def _query(store: SqlStore, statement: str, **params: object) -> list[tuple[object, ...]]:
    """Raw SQL on the store's own database, whatever the backend (rows, or [] for a write)."""
    with store.engine.begin() as conn:
        result = conn.execute(sql_text(statement), params)
        return [tuple(row) for row in result] if result.returns_rows else []


# ------------------------------------------------------------------ opening and migrations


def test_store_is_created_on_first_use_with_its_migrations(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "folder" / "rasd.sqlite"
    open_url(f"sqlite:///{path}").close()
    names = [row[0] for row in _rows(path, "SELECT name FROM rasd_migrations ORDER BY name")]
    assert names == ["0001_initial", "0002_sqlite_fts5", "0003_review_version"]
    assert _rows(path, "PRAGMA journal_mode") == [("wal",)]
    SQLiteStore(path).close()  # opening again applies nothing twice
    assert len(_rows(path, "SELECT name FROM rasd_migrations")) == 3


def test_a_database_from_a_newer_rasd_is_refused(store_url: str) -> None:
    store = _open(store_url)
    _query(store, "INSERT INTO rasd_migrations VALUES ('0099_future', '2030-01-01')")
    store.close()
    with pytest.raises(StoreVersionError, match="0099_future"):
        open_url(store_url)


def test_default_store_is_in_the_user_data_dir_never_the_working_dir(
    tmp_cwd: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_cwd / "xdg"))
    assert default_database_url() == f"sqlite:///{tmp_cwd / 'xdg' / 'rasd' / 'rasd.sqlite'}"
    open_store(load_config(env={})).close()
    assert (tmp_cwd / "xdg" / "rasd" / "rasd.sqlite").is_file()
    assert [p.name for p in tmp_cwd.iterdir()] == ["xdg"]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgresql://rasd:secret@127.0.0.1:1/rasd", "127.0.0.1.*port 1 failed"),
        ("postgresql+asyncpg://rasd:secret@db/rasd", "through psycopg"),
        ("mysql://db/rasd", "unsupported"),
        ("not a url", "not a database URL"),
    ],
)
def test_unusable_urls_are_clear_errors(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message) as caught:
        open_url(url)
    assert "secret" not in str(caught.value)


def test_unwritable_location_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot create the folder"):
        SQLiteStore(blocker / "sub" / "rasd.sqlite")


# ------------------------------------------------------------------ saving


def test_saved_event_keeps_record_evidence_and_provenance(
    store: SqlStore, extracted: Extracted
) -> None:
    article, events = extracted[0]
    result = store.save_extraction(article, events, provenance=PROVENANCE, matcher=RULES)
    assert result.status is SaveStatus.NEW and result.events == len(events) > 0
    merged = store.event(events[0].event_id)
    assert merged is not None
    record = merged.record
    assert record["sub_event_type"] == events[0].sub_event_type
    for span in record["evidence"]:
        assert article.text[span["start"] : span["end"]] == span["text"]
    rows = _query(store, "SELECT pipeline_version, data_version, review_status FROM events")
    assert set(rows) == {("rasd-test", "data-test", "machine")}
    evidence = _query(store, 'SELECT field, start, "end", text FROM evidence')
    assert len(evidence) == sum(len(e.evidence) for e in events)


def test_saving_the_same_article_again_changes_nothing(
    store: SqlStore, extracted: Extracted
) -> None:
    _save_all(store, extracted)
    before = store.counts()
    article, events = extracted[0]
    again = store.save_extraction(article, events, provenance=PROVENANCE, matcher=RULES)
    assert again.status is SaveStatus.DUPLICATE
    assert store.resolve(article) == (article.id, SaveStatus.DUPLICATE)
    assert store.counts() == before


def test_same_id_with_another_text_is_kept_as_a_revision(
    store: SqlStore, extracted: Extracted, resources: Resources, config: Config
) -> None:
    article, events = extracted[2]
    store.save_extraction(article, events, provenance=PROVENANCE, matcher=RULES)
    changed = replace(article, text=article.text + " وأصيب ثلاثة آخرون.")
    with pytest.raises(ArticleConflict):
        store.save_extraction(changed, [], provenance=PROVENANCE)
    target, status = store.resolve(changed)
    assert status is SaveStatus.REVISION and target.startswith(article.id + "@")
    revised = replace(changed, id=target)
    result = store.save_extraction(
        revised, extract(revised, resources, config), provenance=PROVENANCE, matcher=RULES
    )
    assert result.status is SaveStatus.REVISION
    assert store.resolve(changed) == (target, SaveStatus.DUPLICATE)
    stored = store.article(target)
    assert stored is not None and stored.revision_of == article.id
    original = store.article(article.id)
    assert original is not None and original.text == article.text


def test_reextraction_replaces_machine_events_and_keeps_reviewed_ones(
    store: SqlStore, extracted: Extracted
) -> None:
    _save_all(store, extracted)
    article, events = extracted[0]
    confirm = "UPDATE events SET review_status = 'confirmed' WHERE event_id = :event_id"
    _query(store, confirm, event_id=events[0].event_id)
    before = store.counts()
    result = store.save_extraction(
        article, events, provenance=PROVENANCE, matcher=RULES, replace=True
    )
    assert result.status is SaveStatus.REEXTRACTED
    assert result.events == len(events) - 1  # the reviewed one was kept, not re-inserted
    assert store.counts() == before
    statuses = _query(
        store, "SELECT review_status FROM events WHERE article_id = :id", id=article.id
    )
    assert sorted(str(s) for (s,) in statuses)[0] == "confirmed"
    assert store.check() == []


def test_reports_of_one_event_from_two_outlets_merge(store: SqlStore, extracted: Extracted) -> None:
    _save_all(store, extracted)
    counts = store.counts()
    assert counts["merge_links"] >= 2
    page = store.events(EventFilter(admin1="Idlib"))
    shelling = [e for e in page.items if e.record["sub_event_type"].startswith("Shelling")]
    assert len(shelling) == 1
    merged = shelling[0]
    assert merged.record["source"] == "Sky News Arabia; BBC Arabic"
    assert merged.record["source_scale"] == "International"
    assert [m.article_id for m in merged.members] == ["sky-1", "bbc-1"]
    assert merged.members[1].link_reason.startswith("same Shelling")
    raqqa = store.events(EventFilter(admin1="Raqqa")).items
    assert len(raqqa) == 1 and raqqa[0].record["source_scale"] == "Regional"
    assert store.check() == []


def test_deleting_an_anchor_on_reextraction_regroups_its_members(
    store: SqlStore, extracted: Extracted
) -> None:
    _save_all(store, extracted)
    article, _ = extracted[0]
    store.save_extraction(article, [], provenance=PROVENANCE, matcher=RULES, replace=True)
    page = store.events(EventFilter(admin1="Idlib"))
    assert all(m.article_id != "sky-1" for e in page.items for m in e.members)
    assert any(e.members[0].article_id == "bbc-1" for e in page.items)
    assert store.check() == []


def test_a_failed_write_leaves_nothing_behind(store: SqlStore, extracted: Extracted) -> None:
    article, events = extracted[0]
    store.save_extraction(article, events, provenance=PROVENANCE, matcher=RULES)
    before = store.counts()
    clash = Article("clash", "نص آخر عن قصف مدفعي على بلدة معرة النعمان.", None, None, "X")
    same_ids = [replace(e, article_id="clash") for e in events]  # event ids already stored
    with pytest.raises(StoreError):
        store.save_extraction(clash, same_ids, provenance=PROVENANCE, matcher=RULES)
    assert store.counts() == before
    assert store.article("clash") is None
    assert store.articles(ArticleQuery(q="آخر")).total == 0
    assert store.check() == []


def test_near_duplicate_article_is_marked(
    store: SqlStore, resources: Resources, config: Config
) -> None:
    body = " ".join(a.text for a in ARTICLES) * 2
    first = Article("wire-1", body, None, date(2021, 3, 10), "AFP")
    copy = Article("copy-1", "(أ ف ب) - " + body + " المصدر: وكالات.", None, None, "Al-Riyadh")
    for article in (first, copy):
        store.save_extraction(
            article, extract(article, resources, config), provenance=PROVENANCE, matcher=RULES
        )
    stored = store.article("copy-1")
    assert stored is not None and stored.near_duplicate_of == "wire-1"
    assert store.counts()["near_duplicate_articles"] == 1


# ------------------------------------------------------------------ reading


@pytest.fixture()
def filled(store: SqlStore, extracted: Extracted) -> SqlStore:
    _save_all(store, extracted)
    return store


@pytest.mark.parametrize(
    ("query", "admin1s"),
    [
        (EventFilter(), {"Idlib", "Raqqa"}),
        (EventFilter(date_from=date(2021, 3, 10)), {"Raqqa"}),
        (EventFilter(date_to=date(2021, 3, 9)), {"Idlib"}),
        (EventFilter(sub_event_type="Remote explosive/landmine/IED"), {"Raqqa"}),
        (EventFilter(event_type="Battles"), set()),
        (EventFilter(actor="Civilians (Syria)"), {"Idlib", "Raqqa"}),
        (EventFilter(country="Syria", admin1="Idlib"), {"Idlib"}),
        (EventFilter(source="Okaz"), {"Raqqa"}),
        (EventFilter(bbox=BBox(36.0, 35.0, 37.0, 36.0)), {"Idlib"}),
        (EventFilter(bbox=BBox(170.0, -10.0, -170.0, 10.0)), set()),
        (EventFilter(q="الرقة"), {"Raqqa"}),
        (EventFilter(q="المرصد السوري"), {"Idlib"}),
    ],
)
def test_event_filters(filled: SqlStore, query: EventFilter, admin1s: set[str]) -> None:
    found = {e.record["admin1"] for e in filled.iter_events(query)}
    assert found == admin1s


def test_event_paging(filled: SqlStore) -> None:
    everything = filled.events(EventFilter(limit=1000))
    first = filled.events(EventFilter(limit=2))
    second = filled.events(EventFilter(limit=2, offset=2))
    assert first.total == everything.total == len(everything.items)
    ids = [e.event_id for e in first.items + second.items]
    assert ids == [e.event_id for e in everything.items][:4]
    assert filled.event("no such id") is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("الرقة", {"waqt-2", "okaz-3"}),  # "وبالرقة" in okaz-3
        ("ادلب", {"sky-1", "bbc-1"}),  # written إدلب
        ("قُتِلَ", {"sky-1"}),  # diacritics folded
        ("قتل", {"sky-1"}),
        ("مقتل", {"sky-1", "bbc-1", "waqt-2", "okaz-3"}),  # sky-1 in its title
        ("معره النعمان", {"sky-1", "bbc-1"}),
        ("حلب", set()),
    ],
)
def test_search_over_normalised_arabic(filled: SqlStore, query: str, expected: set[str]) -> None:
    page = filled.articles(ArticleQuery(q=query))
    assert {a.article_id for a in page.items} == expected
    assert all(a.snippet for a in page.items)


INJECTIONS = [
    "'; DROP TABLE events; --",
    '" OR 1=1 --',
    'NEAR("a" "b")',
    "* ^ : ( ) AND OR NOT",
    '"unbalanced',
    "<script>alert(1)</script>",
    "%_\\",
    "\x00",
    "",
    "الرقة & !حلب | 'x':* <-> (",  # PostgreSQL tsquery syntax
    "'); SELECT pg_sleep(5); --",
    "ST_MakeEnvelope(0,0,1,1)",
]


@pytest.mark.parametrize("text", INJECTIONS)
def test_search_and_filter_strings_cannot_inject(filled: SqlStore, text: str) -> None:
    before = filled.counts()
    filled.articles(ArticleQuery(q=text, source=text))
    for name in ("q", "actor", "source", "admin1", "location", "event_type"):
        list(filled.iter_events(EventFilter(**{name: text})))  # type: ignore[arg-type]
    assert filled.counts() == before
    assert filled.check() == []


def test_article_listing_and_one_article(filled: SqlStore) -> None:
    page = filled.articles(ArticleQuery(source="Okaz"))
    assert [a.article_id for a in page.items] == ["okaz-3"]
    assert page.items[0].text is None and page.items[0].event_ids
    one = filled.article("okaz-3")
    assert one is not None and one.text is not None and "عبوة" in one.text
    assert filled.article("nope") is None


# ------------------------------------------------------------------ feeds


def test_feed_state_and_seen_items_survive_reopening(store_url: str) -> None:
    first = _open(store_url)
    first.save_feed_state(FeedState("http://x/feed", etag='"v1"', last_modified="Tue"))
    first.mark_seen("http://x/feed", "item-1", "item-1")
    first.close()
    second = _open(store_url)
    state = second.feed_state("http://x/feed")
    assert (state.etag, state.last_modified) == ('"v1"', "Tue")
    assert second.unseen_items("http://x/feed", ["item-1", "item-2", "item-2"]) == ["item-2"]
    assert second.feed_state("http://other").etag is None
    second.close()


# ------------------------------------------------------------------ concurrent writers


def _writer(url: str, batch: Extracted) -> None:
    store = _open(url)
    for article, events in batch:
        store.save_extraction(article, events, provenance=PROVENANCE, matcher=RULES)
    store.close()


def test_two_processes_writing_at_once_neither_corrupt_nor_duplicate(
    store_url: str, extracted: Extracted
) -> None:
    _open(store_url).close()
    context = multiprocessing.get_context("fork")
    batch = extracted * 5  # each process stores every article five times, in its own order
    batches = (batch, batch[::-1])
    workers = [context.Process(target=_writer, args=(store_url, b)) for b in batches]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert [w.exitcode for w in workers] == [0, 0]
    serial = _open("sqlite://")
    _save_all(serial, extracted)
    store = _open(store_url)
    counts = store.counts()
    assert counts["articles"] == len(ARTICLES)
    assert counts["events"] == sum(len(events) for _, events in extracted)
    # writers took turns: each saw the other's events, so reports merged as in one process
    assert counts["merged_events"] == serial.counts()["merged_events"]
    serial.close()
    assert store.check() == []
    store.close()
