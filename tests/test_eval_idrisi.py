"""The pure helpers of scripts/eval_idrisi.py (span matching, scope, distances, reading)."""

from __future__ import annotations

import io
import json
import random
import sys
import tarfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

import eval_idrisi as ev

COVERED = frozenset({"LB", "KW", "JO"})


def gold(start: int, end: int, type_: str = "CITY", country: str = "") -> ev.GoldMention:
    return ev.GoldMention(start, end, "x" * (end - start), type_, country)


def pred(start: int, end: int, *, kept: bool = True, feature: str = "locality") -> ev.Predicted:
    point = (33.9, 35.5) if kept else None
    return ev.Predicted(start, end, "x" * (end - start), kept, point, feature=feature)


def tweet(*mentions: ev.GoldMention, text: str = "") -> ev.Tweet:
    return ev.Tweet("1", "beirut_explosion_2020", text or "x" * 200, None, mentions)


def test_strict_match_needs_the_same_span() -> None:
    assert ev.match_spans([gold(0, 5)], [pred(0, 5)], strict=True) == [(0, 0)]
    assert ev.match_spans([gold(0, 5)], [pred(0, 4)], strict=True) == []


def test_relaxed_match_is_one_to_one() -> None:
    # one prediction over two gold mentions matches one of them
    assert ev.match_spans([gold(0, 3), gold(4, 8)], [pred(0, 8)], strict=False) == [(1, 0)]


def test_relaxed_match_prefers_the_nested_gold_of_the_same_span() -> None:
    # "مرفأ بيروت" (0-10) holds the gold "بيروت" (5-10): rasd's "بيروت" pairs with the latter
    port, city = gold(0, 10, "HPOI"), gold(5, 10)
    assert ev.match_spans([port, city], [pred(5, 10)], strict=False) == [(1, 0)]


def test_count_and_ratios() -> None:
    counts = ev.count([gold(0, 5), gold(10, 15)], [pred(0, 5), pred(11, 15), pred(20, 25)])
    assert counts == ev.Counts(gold=2, predicted=3, strict=1, relaxed=2)
    summary = ev.ratios(counts)
    assert summary["strict"] == {"precision": 0.333, "recall": 0.5, "f1": 0.4}
    assert summary["relaxed"]["recall"] == 1.0
    assert ev.ratios(ev.Counts())["relaxed"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_counts_add() -> None:
    assert ev.Counts(1, 2, 3, 4) + ev.Counts(1, 1, 1, 1) == ev.Counts(2, 3, 4, 5)


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        (gold(0, 5, "CITY"), True),
        (gold(0, 5, "PROV", "KW"), True),
        (gold(0, 5, "CITY", "BR"), False),
        (gold(0, 5, "CTRY", "LB"), False),
        (gold(0, 5, "HPOI", "LB"), False),
        (gold(0, 5, "ST"), False),
    ],
)
def test_in_scope(mention: ev.GoldMention, expected: bool) -> None:
    assert ev.in_scope(mention, COVERED) is expected


def test_scope_view_sets_aside_out_of_scope_matches_and_countries() -> None:
    golds = [gold(0, 5, "CTRY"), gold(10, 15, "CITY")]
    preds = [
        pred(0, 5),  # only on a country: set aside
        pred(10, 15),  # on the city: counted
        pred(20, 25, feature="country"),  # no gold, read as a country: set aside
        pred(30, 35),  # no gold, a village: counted (spurious)
        replace(pred(40, 45), abroad=True),  # no gold, read as a place abroad: set aside
    ]
    inside, kept = ev.scope_view(golds, preds, COVERED)
    assert inside == [golds[1]]
    assert [(p.start, p.end) for p in kept] == [(10, 15), (30, 35)]


def test_views_outside_hashtags_drop_both_sides() -> None:
    text = "سيول في الكويت #امطار_الكويت"
    hashtag = text.index("الكويت", 15)
    t = tweet(ev.GoldMention(8, 14, "الكويت", "CITY"), text=text)
    preds = [pred(8, 14), pred(hashtag, hashtag + 6)]
    views = ev.views(t, preds, COVERED)
    assert len(views["all"][1]) == 2
    assert [p.start for p in views["all_outside_hashtags"][1]] == [8]


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [
        ("#امطار_الكويت", 7, True),
        ("#الكويت", 1, True),
        ("في الكويت", 3, False),
        ("(#الكويت)", 2, False),
    ],
)
def test_in_hashtag(text: str, start: int, expected: bool) -> None:
    assert ev.in_hashtag(text, start) is expected


def test_haversine() -> None:
    beirut, damascus = (33.8938, 35.5018), (33.5138, 36.2765)
    assert ev.haversine_km(beirut, beirut) == 0.0
    assert 80 < ev.haversine_km(beirut, damascus) < 85


def test_outcome_statuses() -> None:
    point = ev.GoldMention(5, 10, "بيروت", "CITY", "LB", (33.8938, 35.5018))
    t = tweet(point)
    resolved = ev.outcome(t, point, [pred(0, 4), pred(5, 10)])
    assert resolved.status == "resolved"
    assert resolved.error_km is not None and resolved.error_km < 5
    assert ev.outcome(t, point, [pred(5, 10, kept=False)]).status == "dropped"
    assert ev.outcome(t, point, [pred(20, 25)]).status == "missed"


def test_resolution_summary() -> None:
    point = ev.GoldMention(0, 5, "x", "CITY", "LB", (0.0, 0.0))
    t = tweet(point)
    outcomes = [
        ev.Outcome(t, point, "resolved", error_km=2.0),
        ev.Outcome(t, point, "resolved", error_km=100.0),
        ev.Outcome(t, point, "resolved", error_km=500.0),
        ev.Outcome(t, point, "missed"),
    ]
    summary = ev.resolution_summary(outcomes)
    assert summary["acc_10km_of_gold"] == 0.25
    assert summary["acc_161km_of_gold"] == 0.5
    assert summary["acc_161km_of_resolved"] == 0.667
    assert summary["median_error_km_of_resolved"] == 100.0
    assert ev.resolution_summary([])["median_error_km_of_resolved"] is None


def test_median() -> None:
    assert ev.median([3.0, 1.0, 2.0]) == 2.0
    assert ev.median([1.0, 2.0, 3.0, 4.0]) == 2.5
    assert ev.median([]) is None


def test_lmd_mention_reads_osm_point_and_type() -> None:
    raw = {
        "text": "بيروت",
        "type": "City/town",
        "start_offset": 3,
        "end_offset": 8,
        "osm_json": {
            "lat": "33.88",
            "lon": "35.50",
            "display_name": "بيروت, لبنان",
            "address": {"country_code": "lb"},
        },
    }
    mention = ev.lmd_mention(raw)
    assert mention == ev.GoldMention(3, 8, "بيروت", "CITY", "LB", (33.88, 35.5), "بيروت, لبنان")


def test_tweet_of_drops_mismatched_and_repeated_spans() -> None:
    record = {
        "tweet_id": "7",
        "text": "في بيروت @0000",
        "created_at": "Tue Aug 04 20:30:45 +0000 2020",
        "location_mentions": [
            {"text": "بيروت", "type": "CITY", "startIdx": 3, "endIdx": 8},
            {"text": "بيروت", "type": "CITY", "startIdx": 3, "endIdx": 8},
            {"text": "صيدا", "type": "CITY", "startIdx": 9, "endIdx": 13},
        ],
    }
    t, bad = ev.tweet_of(record, "beirut_explosion_2020", ev.lmr_mention, "random/dev")
    assert bad == 1
    assert [(m.start, m.end) for m in t.mentions] == [(3, 8)]
    assert t.published == date(2020, 8, 4)
    assert t.splits == ("random/dev",)


def test_published_tolerates_bad_values() -> None:
    assert ev.published("not a date") is None


def test_sample_is_fixed_and_limited() -> None:
    tweets = [ev.Tweet(str(i), "e", "", None, ()) for i in range(10)]
    first = ev.sample(tweets, 3)
    assert len(first) == 3
    assert first == ev.sample(list(reversed(tweets)), 3)
    assert len(ev.sample(tweets, None)) == 10


def _add(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))


def test_read_archive_stops_cleanly_at_a_cut(tmp_path: Path) -> None:
    lmd = json.dumps({"tweet_id": "1", "text": "", "location_mentions": []}).encode() + b"\n"
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        _add(tar, "IDRISI_arabic/LMD/data/AR/kuwait_floods_2018/dev.jsonl", lmd)
        _add(
            tar,
            "IDRISI_arabic/LMR/data/AR/silver-random-json/big.jsonl",
            random.Random(0).randbytes(50_000),
        )
    path = tmp_path / "cut.tar.gz"
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) * 2 // 3])
    archive = ev.read_archive(path)
    assert list(archive.files) == ["IDRISI_arabic/LMD/data/AR/kuwait_floods_2018/dev.jsonl"]
    assert archive.damaged


def test_wanted_members() -> None:
    assert ev.wanted("IDRISI_arabic/LMR/data/AR/gold-random-json/covid_2019/train.jsonl")
    assert ev.wanted("IDRISI_arabic/LMD/data/AR/covid_2019/dev.jsonl")
    assert ev.wanted("IDRISI_arabic/LMD/README.md")
    assert not ev.wanted("IDRISI_arabic/LMR/data/AR/gold-random-bilou/covid_2019/dev.txt")
    assert not ev.wanted("IDRISI_arabic/LMR/data/AR/silver-random-json/aden_floods_2020.jsonl")
