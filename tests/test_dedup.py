"""Cross-source de-duplication rules, near-duplicate marks and merged records."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from rasd.dedup import (
    MergeRules,
    actors_agree,
    containment,
    haversine_km,
    lowest_reported,
    marks,
    merged_record,
)
from rasd.store.base import EventKey, Member, combine_scales
from rasd.store.text import normalized_words

MAARRA = (35.6478, 36.6733)

BASE = EventKey(
    event_id="e1",
    article_id="a1",
    event_type="Explosions/Remote violence",
    sub_event_type="Shelling/artillery/missile attack",
    event_date=date(2021, 3, 8),
    time_precision=1,
    latitude=MAARRA[0],
    longitude=MAARRA[1],
    geo_precision=1,
    location="Ma`arrat an Nu`man",
    admin1="Idlib",
    actors=frozenset({"Military Forces of Syria (2000-2024)", "Civilians (Syria)"}),
    words=frozenset(["قصف", "مدفعي", "استهدف", "بلده", "معره", "النعمان", "بريف", "ادلب"]),
)
OTHER = replace(BASE, event_id="e2", article_id="a2")
RULES = MergeRules()


def test_same_event_in_two_articles_merges() -> None:
    reason = RULES.reason(OTHER, BASE, near_duplicate=False)
    assert reason is not None and "0 d and 0.0 km" in reason


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"article_id": "a1"}, "same article"),
        ({"event_type": "Battles", "sub_event_type": "Armed clash"}, "other type"),
        ({"sub_event_type": "Air/drone strike"}, "other sub-event type"),
        ({"event_date": date(2021, 3, 10)}, "two days apart"),
        ({"event_date": None}, "no date"),
        ({"latitude": 35.93, "longitude": 36.63}, "Idlib city is 32 km away"),
        ({"latitude": None}, "no place"),
        ({"actors": frozenset({"Hayat Tahrir al-Sham"})}, "other actors"),
    ],
)
def test_different_events_do_not_merge(change: dict[str, object], why: str) -> None:
    assert RULES.reason(replace(OTHER, **change), BASE, near_duplicate=False) is None, why  # type: ignore[arg-type]


def test_one_day_apart_merges_when_worded_alike_and_copies_get_one_more_day() -> None:
    next_day = replace(OTHER, event_date=date(2021, 3, 9))
    assert RULES.reason(next_day, BASE, near_duplicate=False) is not None
    reworded = replace(next_day, words=frozenset(["تجدد", "القصف", "على", "المدينه", "اليوم"]))
    assert RULES.reason(reworded, BASE, near_duplicate=False) is None
    short = replace(next_day, words=frozenset(["قصف", "مدفعي", "النعمان"]))  # inside BASE's
    assert RULES.reason(short, BASE, near_duplicate=False) is None
    assert RULES.reason(replace(reworded, event_date=BASE.event_date), BASE, near_duplicate=False)
    assert RULES.reason(reworded, BASE, near_duplicate=True) is not None
    two_days = replace(OTHER, event_date=date(2021, 3, 10))
    assert RULES.reason(two_days, BASE, near_duplicate=True) is not None


def test_coarse_dates_and_places_must_be_equal() -> None:
    month = replace(OTHER, time_precision=3)
    assert RULES.reason(month, BASE, near_duplicate=False) is None
    both_month = replace(BASE, time_precision=3)
    assert RULES.reason(month, both_month, near_duplicate=False) is not None
    nearby_region = replace(OTHER, geo_precision=2, latitude=35.66, location="Kafr Nabl")
    assert RULES.reason(nearby_region, BASE, near_duplicate=False) is None
    same_centroid = replace(OTHER, geo_precision=2)
    assert RULES.reason(same_centroid, BASE, near_duplicate=False) is not None


def test_actors_agree_when_one_set_holds_the_other() -> None:
    assert actors_agree(frozenset(), frozenset({"X"}))
    assert actors_agree(frozenset({"X"}), frozenset({"X", "Y"}))
    assert not actors_agree(frozenset({"X", "Z"}), frozenset({"X", "Y"}))
    # one outlet names the attacker, the other leaves it unidentified
    unknown = frozenset({"Unidentified Armed Group (Syria)", "Civilians (Syria)"})
    named = frozenset({"Military Forces of Syria (2000-2024)", "Civilians (Syria)"})
    assert actors_agree(unknown, named)
    assert not actors_agree(named, frozenset({"Hezbollah", "Civilians (Syria)"}))


def test_haversine() -> None:
    assert haversine_km(*MAARRA, *MAARRA) == 0
    assert 70 < haversine_km(*MAARRA, 36.2021, 37.1343) < 80  # Aleppo


@pytest.mark.parametrize(
    ("scales", "combined"),
    [
        (["International", "National"], "National-International"),
        (["Regional", "International", "Regional"], "Regional-International"),
        (["", "National"], "National"),
        (["Subnational-National", "Local partner"], "Local partner-Subnational-National"),
        ([], ""),
    ],
)
def test_combine_scales_like_acled(scales: list[str], combined: str) -> None:
    assert combine_scales(scales) == combined


def test_lowest_reported_fatalities() -> None:
    assert lowest_reported([0, 5, 3]) == 3
    assert lowest_reported([0, 0]) == 0


TEXT = (
    "قتل ثلاثة مدنيين وأصيب خمسة آخرون مساء الاثنين في قصف مدفعي استهدف بلدة معرة النعمان "
    "بريف إدلب الجنوبي، بحسب ما أفاد المرصد السوري لحقوق الإنسان. وقال مصدر عسكري إن "
    "الطائرات الحربية شنت غارات على مواقع لتنظيم داعش قرب الموصل في 12 آذار 2021. "
)


def test_marks_find_syndicated_copies_not_other_texts() -> None:
    original = marks(normalized_words(TEXT * 6))
    copy = marks(normalized_words("عاجل: " + TEXT * 6 + " المصدر: وكالات"))
    other = marks(normalized_words("انفجرت عبوة ناسفة في مدينة الرقة صباح اليوم. " * 20))
    shared = len(original & copy)
    assert containment(shared, len(original), len(copy)) >= 0.8
    assert containment(len(original & other), len(original), len(other)) < 0.8
    assert all(-(2**31) <= mark < 2**31 for mark in original)


def test_containment_needs_enough_marks() -> None:
    assert containment(2, 2, 100) == 0.0


def _member(event_id: str, source: str, scale: str, fatalities: int) -> Member:
    record = {"event_id": event_id, "source": source, "fatalities": fatalities, "timestamp": 1}
    return Member(event_id, f"art-{event_id}", source, scale, None, None, None, record)


def test_merged_record_lists_every_outlet_once() -> None:
    members = [
        _member("e1", "BBC Arabic", "International", 0),
        _member("e2", "Okaz", "Regional", 4),
        _member("e3", "BBC Arabic", "International", 3),
    ]
    record = merged_record(members)
    assert record["source"] == "BBC Arabic; Okaz"
    assert record["source_scale"] == "Regional-International"
    assert record["fatalities"] == 3
    assert record["event_id"] == "e1"
