"""Shared fixtures, defined once here (no per-directory conftest files)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rasd.config import Config, load_config
from rasd.resources import Resources, load_resources
from rasd.types import Article

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
