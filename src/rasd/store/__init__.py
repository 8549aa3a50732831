"""Where articles, events, evidence, sources and merge links are kept.

``open_store(config)`` opens the store named by ``RASD_DATABASE_URL`` (``Config.database_url``):
``sqlite:///PATH`` (the default is ``rasd.sqlite`` in the user's data directory, never the
working directory) or ``postgresql://...`` (:mod:`rasd.store.postgres`, PostGIS required).
Every backend implements :class:`rasd.store.base.Store`.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from rasd.config import Config
from rasd.store.base import (
    ArticleQuery,
    BBox,
    EventFilter,
    MergedEvent,
    Page,
    Provenance,
    SaveResult,
    SaveStatus,
    Store,
    StoreError,
)

__all__ = [
    "ArticleQuery",
    "BBox",
    "EventFilter",
    "MergedEvent",
    "Page",
    "Provenance",
    "SaveResult",
    "SaveStatus",
    "Store",
    "StoreError",
    "database_url",
    "default_database_url",
    "open_store",
]


def default_database_url() -> str:
    """``sqlite:///<user data dir>/rasd.sqlite`` (e.g. ~/.local/share/rasd/rasd.sqlite)."""
    return f"sqlite:///{Path(platformdirs.user_data_dir('rasd')) / 'rasd.sqlite'}"


def database_url(config: Config) -> str:
    """The configured store URL, or the default one."""
    return config.database_url or default_database_url()


def open_store(config: Config) -> Store:
    """Open (and on first use create and migrate) the configured store."""
    return open_url(database_url(config))


def open_url(url: str) -> Store:
    """Open the store at a URL: ``sqlite:///PATH``, ``sqlite://`` (in memory) or
    ``postgresql://USER:PASSWORD@HOST:PORT/DATABASE`` (PostgreSQL with PostGIS, issue 9)."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"RASD_DATABASE_URL {url!r} is not a database URL") from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        from rasd.store.sqlite import SQLiteStore

        database = parsed.database
        path = Path(database).expanduser() if database and database != ":memory:" else None
        return SQLiteStore(path)
    if backend in ("postgresql", "postgres"):
        from rasd.store.postgres import PostgresStore

        return PostgresStore(url)
    shown = parsed.render_as_string(hide_password=True)
    raise StoreError(f"{shown}: unsupported store; use sqlite:///PATH or postgresql://...")
