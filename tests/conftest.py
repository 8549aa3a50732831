"""Shared fixtures, defined once here (no per-directory conftest files)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rasd.config import Config, load_config
from rasd.resources import Resources, load_resources
from rasd.types import Article
from samples import STORE_ARTICLES

REPO = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden expectations")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The reference data directory (../shared or RASD_DATA); tests need it."""
    config = load_config()
    if config.data_dir is None:
        pytest.skip("reference data (RASD_DATA or ../shared) not available")
    return config.data_dir


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One gazetteer cache per test session (built once, ~20 s)."""
    shared = os.environ.get("RASD_TEST_CACHE")
    return Path(shared) if shared else tmp_path_factory.mktemp("rasd-cache")


@pytest.fixture(scope="session")
def config(data_dir: Path, cache_dir: Path) -> Config:
    return load_config(data_dir=data_dir, cache_dir=cache_dir, timestamp=1_700_000_000)


@pytest.fixture(scope="session")
def resources(config: Config) -> Resources:
    return load_resources(config)


@pytest.fixture(scope="session")
def seed_article(data_dir: Path) -> Article:
    raw = json.loads((data_dir / "examples" / "seed-article.json").read_text(encoding="utf-8"))
    return Article(
        raw["id"],
        raw["text"],
        raw.get("title"),
        date.fromisoformat(raw["published"]),
        raw.get("source"),
        raw.get("url"),
    )


@pytest.fixture(scope="session")
def dev_gold(data_dir: Path) -> list[dict[str, Any]]:
    with open(data_dir / "dev" / "gold.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@pytest.fixture(scope="session")
def corpus_sample(data_dir: Path) -> list[Article]:
    """The first 300 corpus articles (real, unlabelled)."""
    from rasd.io import read_articles

    items = read_articles([str(data_dir / "corpus" / "news_ar_conflict.jsonl.gz")])
    articles: list[Article] = []
    for item in items:
        if isinstance(item, Article):
            articles.append(item)
        if len(articles) >= 300:
            break
    return articles


@pytest.fixture()
def tmp_cwd(tmp_path: Path) -> Iterator[Path]:
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(old)


# ------------------------------------------------------------------ store backends (issue 9)

STORE_BACKENDS = ("sqlite", "postgresql")
"""Every store test runs on each backend; ``-k sqlite`` or ``-k postgresql`` picks one."""

POSTGRES_SKIP = (
    "PostgreSQL tests need RASD_TEST_POSTGRES_URL (a superuser URL of a server with PostGIS); "
    "scripts/pg_test_cluster.sh COMMAND starts a throwaway one for COMMAND"
)


class PostgresServer:
    """The test server: a migrated template database, copied for every store a test opens.

    Copying a template takes about 0.1 s, migrating a new database about 0.3 s; each copy is
    dropped when its test ends.
    """

    def __init__(self, url: str):
        import psycopg
        from sqlalchemy.engine import make_url

        self.url = make_url(url)
        self.admin = psycopg.connect(
            self.url.set(drivername="postgresql").render_as_string(hide_password=False),
            autocommit=True,
        )
        # FILE_COPY (PostgreSQL 15) copies the small template faster than the WAL_LOG default.
        version = self.admin.info.server_version
        self.strategy = " STRATEGY FILE_COPY" if version >= 150000 else ""
        self.prefix = f"rasd_test_{os.getpid()}"
        self.count = 0
        self.bare = self._new(f"{self.prefix}_bare", "template0")
        with psycopg.connect(self.url_of(self.bare), autocommit=True) as conn:
            conn.execute("CREATE EXTENSION postgis")
        self._seal(self.bare)
        self.migrated = self._new(f"{self.prefix}_migrated", self.bare)
        from rasd.store.postgres import PostgresStore

        PostgresStore(self.url_of(self.migrated)).close()
        self._seal(self.migrated)

    def _seal(self, template: str) -> None:
        """No connections, autovacuum's included: a copy waits while anyone is connected."""
        self.admin.execute(f'ALTER DATABASE "{template}" IS_TEMPLATE true ALLOW_CONNECTIONS false')

    def url_of(self, database: str) -> str:
        return self.url.set(database=database).render_as_string(hide_password=False)

    def _new(self, name: str, template: str) -> str:
        self.admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"{self.strategy}')
        return name

    def create(self, *, migrated: bool = True, postgis: bool = True) -> str:
        """The URL of a new database: with rasd's tables, with PostGIS alone, or empty."""
        self.count += 1
        template = self.migrated if migrated else self.bare if postgis else "template0"
        return self.url_of(self._new(f"{self.prefix}_{self.count}", template))

    def drop(self, url: str) -> None:
        from sqlalchemy.engine import make_url

        self.admin.execute(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')

    def close(self) -> None:
        for name in (self.migrated, self.bare):
            self.admin.execute(f'ALTER DATABASE "{name}" IS_TEMPLATE false')
            self.admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.admin.close()


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """The PostgreSQL test server; skips the test without one."""
    url = os.environ.get("RASD_TEST_POSTGRES_URL")
    if not url:
        if os.environ.get("RASD_TEST_STRICT"):  # CI: a missing server is a failure, not a skip
            pytest.fail(POSTGRES_SKIP)
        pytest.skip(POSTGRES_SKIP)
    server = PostgresServer(url)
    yield server
    server.close()


def new_store_url(request: pytest.FixtureRequest, backend: str, folder: Path) -> str:
    """A new, empty store's URL on ``backend``, removed when the requesting fixture ends."""
    if backend == "sqlite":
        return f"sqlite:///{folder / 'rasd.sqlite'}"
    server: PostgresServer = request.getfixturevalue("postgres")
    url = server.create()
    request.addfinalizer(lambda: server.drop(url))
    return url


@pytest.fixture(params=STORE_BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty store for one test, on each backend in turn."""
    return new_store_url(request, request.param, tmp_path)


@pytest.fixture(scope="module", params=STORE_BACKENDS)
def module_store_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> str:
    """A new, empty store shared by a test module, on each backend in turn."""
    return new_store_url(request, request.param, tmp_path_factory.mktemp("store"))


# ------------------------------------------------------------------ web map and review (issue 8)

WEB_ARTICLES = (
    replace(STORE_ARTICLES[0], url="https://example.org/sky-1"),
    *STORE_ARTICLES[1:],
)
"""A shelling reported by two outlets (merged into one event) and an IED in Raqqa."""
LONG_FILLER = "وتناول التقرير في فقراته التالية أوضاع الأسواق والأسعار والخدمات في المنطقة. "
LONG_CHARS = 90_000


@pytest.fixture(scope="session")
def web_seed(
    tmp_path_factory: pytest.TempPathFactory,
    resources: Resources,
    config: Config,
    seed_article: Article,
) -> Path:
    """A SQLite store file for the web map's tests (copy it before writing to it).

    It holds the merged shelling of WEB_ARTICLES, the Raqqa IED, the founding example, an
    event without coordinates (``nocoord-1``) and an article of ~90,000 characters
    (``long-1``) whose event's evidence lies at its start.
    """

    from rasd.ingest import Ingestor, IngestReport
    from rasd.pipeline import PIPELINE_VERSION, extract
    from rasd.store.base import Provenance
    from rasd.store.sqlite import SQLiteStore

    path = tmp_path_factory.mktemp("web-seed") / "rasd.sqlite"
    store = SQLiteStore(path)
    ingestor = Ingestor(store, resources, config)
    report = IngestReport()
    for article in (*WEB_ARTICLES, seed_article):
        ingestor.store_article(article, "tests", report)
    provenance = Provenance(PIPELINE_VERSION, resources.data_version, "tests")
    unmapped = replace(WEB_ARTICLES[2], id="nocoord-1", source="Enab Baladi")
    events = [
        replace(e, latitude=None, longitude=None, location="", admin2="", geo_precision=3)
        for e in extract(unmapped, resources, config)
    ]
    store.save_extraction(unmapped, events, provenance=provenance)
    short = replace(WEB_ARTICLES[0], id="long-1", source="Al-Waqt", url=None)
    filler = LONG_FILLER * (LONG_CHARS // len(LONG_FILLER))
    long_article = replace(short, text=f"{short.text}\n{filler}")
    store.save_extraction(long_article, extract(short, resources, config), provenance=provenance)
    store.close()
    return path


@pytest.fixture()
def web_store_path(web_seed: Path, tmp_path: Path) -> Path:
    """A fresh copy of the web map's seeded store, for one test to change."""
    import shutil

    target = tmp_path / "web" / "rasd.sqlite"
    target.parent.mkdir()
    shutil.copyfile(web_seed, target)
    return target


@pytest.fixture(scope="session")
def web_articles() -> tuple[Article, ...]:
    """WEB_ARTICLES, for test modules (conftest is not imported by name)."""
    return WEB_ARTICLES
