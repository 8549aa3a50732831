"""The default, embedded store: one SQLite file, created on first use.

SQLite specifics live here and nowhere else:

- pragmas on every connection: WAL journal (readers never block the writer), a 30 s busy
  timeout, foreign keys on, ``synchronous=NORMAL`` (durable at checkpoints, safe with WAL);
- write transactions start with ``BEGIN IMMEDIATE``, so two processes ingesting at once take
  turns instead of failing half-way on a lock upgrade; reads use plain ``BEGIN``, one
  consistent snapshot per request;
- the full-text index is an FTS5 table (``unicode61`` over the terms of
  :mod:`rasd.store.text`, contentless: the text itself stays in ``articles``), created by the
  migration ``0002_sqlite_fts5``;
- ``INSERT ... ON CONFLICT DO NOTHING`` and ``PRAGMA integrity_check``.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Float,
    Integer,
    MetaData,
    Select,
    Table,
    Text,
    create_engine,
    event,
    literal_column,
    select,
    text,
)
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.pool import StaticPool
from sqlalchemy.sql.expression import Executable

from rasd.store.base import StoreError
from rasd.store.schema import CORE_MIGRATIONS, Migration, Migrations
from rasd.store.sql import SqlStore
from rasd.store.text import index_terms

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 30_000
WRITE_OPTION = "rasd_write"

_fts_metadata = MetaData()
articles_fts = Table(
    "articles_fts",
    _fts_metadata,
    Column("rowid", Integer, primary_key=True),
    Column("title", Text),
    Column("body", Text),
    Column("rank", Float),
)
"""The FTS5 virtual table as SQLAlchemy sees it (created by a migration, not create_all)."""
_INDEX = articles_fts.insert()


def create_fts(conn: Connection) -> None:
    """Migration 0002: the contentless FTS5 index over articles' search terms."""
    conn.exec_driver_sql(
        "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
        "title, body, content='', tokenize='unicode61 remove_diacritics 0')"
    )


MIGRATIONS = Migrations((*CORE_MIGRATIONS, Migration("0002_sqlite_fts5", create_fts)))


class SQLiteStore(SqlStore):
    """The store in one SQLite file (or in memory, for tests)."""

    def __init__(self, path: Path | None):
        self.path = path
        url = f"sqlite:///{path}" if path is not None else "sqlite://"
        super().__init__(sqlite_engine(path), url, MIGRATIONS)

    def _insert_ignore(self, table: Table, values: dict[str, Any]) -> Executable:
        return sqlite_insert(table).values(**values).on_conflict_do_nothing()

    def _prepare_write(self, conn: Connection) -> None:
        conn.execution_options(**{WRITE_OPTION: True})

    def _index_article(self, conn: Connection, pk: int, title: list[str], body: list[str]) -> None:
        values = {"rowid": pk, "title": index_terms(title), "body": index_terms(body)}
        conn.execute(_INDEX, values)

    def _search(self, terms: list[str]) -> Select[tuple[int, float]]:
        match = " ".join(f'"{term}"' for term in terms)
        return select(articles_fts.c.rowid.label("pk"), articles_fts.c.rank.label("rank")).where(
            literal_column("articles_fts").op("MATCH")(match)
        )

    def check(self) -> list[str]:
        """SQLite's integrity and foreign-key checks, the FTS index's, and the merge links'."""
        problems = super().check()
        with self._read() as conn:
            integrity = [row[0] for row in conn.exec_driver_sql("PRAGMA integrity_check")]
            foreign = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
        if integrity != ["ok"]:
            problems += [f"integrity_check: {line}" for line in integrity]
        problems += [f"foreign_key_check: {tuple(row)}" for row in foreign]
        with self._write() as conn:
            conn.execute(text("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')"))
        return problems


def sqlite_engine(path: Path | None) -> Engine:
    """An engine with rasd's pragmas and transaction handling; creates the folder."""
    if path is None:
        engine = create_engine(
            "sqlite+pysqlite://",
            poolclass=StaticPool,
            connect_args={"check_same_thread": False},
            json_serializer=_json_dumps,
        )
    else:
        _make_parent(path)
        engine = create_engine(
            f"sqlite+pysqlite:///{path}",
            connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
            json_serializer=_json_dumps,
        )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def _make_parent(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the folder of the store {path}: {exc}") from exc


def _json_dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    """Pragmas, and hand transaction control to :func:`_on_begin`."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in (
        f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
        "PRAGMA journal_mode = WAL",
        "PRAGMA synchronous = NORMAL",
        "PRAGMA foreign_keys = ON",
    ):
        cursor.execute(pragma)
    cursor.close()


def _on_begin(conn: Connection) -> None:
    immediate = conn.get_execution_options().get(WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
