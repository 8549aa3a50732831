"""Reading articles (good and bad input) and writing JSONL, ACLED CSV and GeoJSON."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from rasd.acled import COLUMNS
from rasd.config import Config
from rasd.io import InputProblem, read_articles, write_acled_csv, write_geojson, write_jsonl
from rasd.pipeline import extract
from rasd.resources import Resources
from rasd.types import Article, Event

ARABIC = "قتل ثلاثة مدنيين بقصف على بلدة كفرنبل في ريف إدلب الجنوبي اليوم."


def _items(path: Path) -> list[Article | InputProblem]:
    return list(read_articles([str(path)]))


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "malformed JSON"),
        ('{"id": "x"}', "missing or empty 'text'"),
        ('{"id": "x", "text": ""}', "missing or empty 'text'"),
        ('["a list"]', "must be a JSON object"),
    ],
)
def test_io_bad_line_is_reported_and_the_rest_is_read(
    tmp_path: Path, line: str, message: str
) -> None:
    path = _write(tmp_path / "in.jsonl", [line, json.dumps({"id": "ok", "text": ARABIC})])
    items = _items(path)
    problems = [i for i in items if isinstance(i, InputProblem)]
    articles = [i for i in items if isinstance(i, Article)]
    assert [a.id for a in articles] == ["ok"]
    assert problems and message in problems[0].message
    assert problems[0].line == 1 and str(path) in str(problems[0])


def test_io_bad_date_keeps_the_article_with_a_warning(tmp_path: Path) -> None:
    record = {"id": "d", "text": ARABIC, "published": "2021-02-31"}
    items = _items(_write(tmp_path / "in.jsonl", [json.dumps(record)]))
    problem = next(i for i in items if isinstance(i, InputProblem))
    article = next(i for i in items if isinstance(i, Article))
    assert not problem.fatal and "bad date" in problem.message
    assert article.published is None


def test_io_empty_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_text("", encoding="utf-8")
    items = _items(tmp_path / "empty.jsonl")
    assert len(items) == 1 and isinstance(items[0], InputProblem)
    assert "empty" in items[0].message


def test_io_binary_text_file_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary")
    items = _items(tmp_path / "blob.txt")
    assert all(isinstance(i, InputProblem) for i in items)
    assert "binary" in str(items[0])


def test_io_non_arabic_text_is_processed_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "english.txt").write_text("Nothing in Arabic here.", encoding="utf-8")
    items = _items(tmp_path / "english.txt")
    assert any(isinstance(i, InputProblem) and not i.fatal for i in items)
    assert any(isinstance(i, Article) for i in items)


def test_io_windows_1256_text_is_decoded(tmp_path: Path) -> None:
    (tmp_path / "legacy.txt").write_bytes(ARABIC.encode("cp1256"))
    article = next(i for i in _items(tmp_path / "legacy.txt") if isinstance(i, Article))
    assert article.text == ARABIC


def test_io_txt_takes_id_from_stem_and_defaults(tmp_path: Path) -> None:
    (tmp_path / "report-7.txt").write_text(ARABIC, encoding="utf-8")
    items = list(
        read_articles([str(tmp_path / "report-7.txt")], published=date(2021, 3, 9), source="Test")
    )
    article = next(i for i in items if isinstance(i, Article))
    assert (article.id, article.published, article.source) == ("report-7", date(2021, 3, 9), "Test")


def test_io_corpus_field_names_are_accepted(tmp_path: Path) -> None:
    record = {"id": "c1", "text": ARABIC, "date": "2015-07-21", "outlet": "Okaz"}
    article = next(
        i
        for i in _items(_write(tmp_path / "c.jsonl", [json.dumps(record)]))
        if isinstance(i, Article)
    )
    assert article.published == date(2015, 7, 21) and article.source == "Okaz"


def test_io_stdin_plain_text_is_one_article() -> None:
    items = list(read_articles([], stdin=io.StringIO(ARABIC)))
    assert [i.id for i in items if isinstance(i, Article)] == ["stdin"]


def test_io_missing_file_is_reported() -> None:
    items = list(read_articles(["/no/such/file.jsonl"]))
    assert isinstance(items[0], InputProblem) and "no such file" in items[0].message


@pytest.fixture(scope="module")
def seed_events(seed_article: Article, resources: Resources, config: Config) -> list[Event]:
    return extract(seed_article, resources, config)


def test_io_acled_csv_has_acled_columns_and_reads_back(seed_events: list[Event]) -> None:
    buffer = io.StringIO()
    assert write_acled_csv(seed_events, buffer) == len(seed_events)
    frame = pd.read_csv(io.StringIO(buffer.getvalue()))
    assert tuple(frame.columns) == COLUMNS
    assert len(frame) == len(seed_events)
    assert set(frame["event_type"]) <= {e.event_type for e in seed_events}


def test_io_jsonl_record_has_the_contract_fields(seed_events: list[Event]) -> None:
    buffer = io.StringIO()
    write_jsonl(seed_events, buffer)
    records = [json.loads(line) for line in buffer.getvalue().splitlines()]
    for record in records:
        assert list(record)[:2] == ["article_id", "event_id"]
        assert set(COLUMNS) <= set(record)
        assert all({"field", "start", "end", "text"} <= set(e) for e in record["evidence"])


def test_io_numeric_inter_codes(seed_events: list[Event]) -> None:
    buffer = io.StringIO()
    write_jsonl(seed_events, buffer, numeric_inter=True)
    record = json.loads(buffer.getvalue().splitlines()[0])
    assert isinstance(record["inter1"], int) and isinstance(record["interaction"], int)


def test_io_geojson_is_a_feature_collection(seed_events: list[Event]) -> None:
    buffer = io.StringIO()
    write_geojson(seed_events, buffer)
    collection = json.loads(buffer.getvalue())
    assert collection["type"] == "FeatureCollection"
    for feature in collection["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
