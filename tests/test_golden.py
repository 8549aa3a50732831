"""Golden files: whole articles through the whole pipeline, compared with the records kept in
``tests/golden/``.

The articles are read from the reference data (the founding example and real corpus articles
from Syria, Yemen, Iraq, Turkey and Palestine, none of them in the development gold set). The
expected records are this project's own output when they were written, errors included: they
pin behaviour, they are not a gold standard (``rasd eval`` measures quality). A change to
extraction that alters any of them fails here until the new output is looked at and written
with ``pytest tests/test_golden.py --update-golden``; the diff of ``tests/golden/`` then shows
what changed, article by article.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from rasd.config import Config
from rasd.io import read_articles
from rasd.pipeline import extract
from rasd.resources import Resources
from rasd.types import Article, Event

GOLDEN = Path(__file__).parent / "golden"
ARTICLES = (
    "alwaqt-shuhayl",
    "SaudiNewsNet:2015-07-21:00074",
    "SaudiNewsNet:2015-07-21:00466",
    "SaudiNewsNet:2015-07-22:00037",
    "SaudiNewsNet:2015-07-23:00823",
    "SaudiNewsNet:2015-07-23:01019",
    "SaudiNewsNet:2015-07-24:00824",
)
FIELDS = (
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "inter1",
    "inter2",
    "civilian_targeting",
    "country",
    "admin1",
    "location",
    "geo_precision",
    "fatalities",
    "claim",
)


@pytest.fixture(scope="module")
def articles(data_dir: Path) -> dict[str, Article]:
    sources = [
        data_dir / "examples" / "seed-gold.jsonl",
        data_dir / "corpus" / "news_ar_conflict.jsonl.gz",
    ]
    wanted = set(ARTICLES)
    found = {}
    for item in read_articles(str(path) for path in sources):
        if isinstance(item, Article) and item.id in wanted:
            found[item.id] = item
    return found


def _record(event: Event) -> dict[str, Any]:
    """The fields an analyst reads, plus each field's evidence as the text says it."""
    record = {name: getattr(event, name) for name in FIELDS}
    record["event_date"] = event.event_date.isoformat() if event.event_date else None
    record["inter1"], record["inter2"] = event.inter1.name, event.inter2.name
    record["evidence"] = sorted({(e.field, e.text) for e in event.evidence})
    normalized: dict[str, Any] = json.loads(json.dumps(record, ensure_ascii=False, default=str))
    return normalized


def _golden_path(article_id: str) -> Path:
    return GOLDEN / (re.sub(r"[^A-Za-z0-9_-]+", "_", article_id) + ".json")


@pytest.mark.parametrize("article_id", ARTICLES)
def test_whole_article_matches_its_golden_file(
    article_id: str,
    articles: dict[str, Article],
    resources: Resources,
    config: Config,
    update_golden: bool,
) -> None:
    assert article_id in articles, f"{article_id} is not in the reference data"
    article = articles[article_id]
    records = [_record(event) for event in extract(article, resources, config)]
    for event in extract(article, resources, config):
        for evidence in event.evidence:  # every span points into the text as published
            assert article.text[evidence.start : evidence.end] == evidence.text
    path = _golden_path(article_id)
    if update_golden:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", "utf-8")
    expected = json.loads(path.read_text("utf-8"))
    assert records == expected, f"{article_id}: output differs from {path.name}"
