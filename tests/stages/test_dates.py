"""Time expressions resolved against the publication date, with ACLED time precision."""

from __future__ import annotations

from datetime import date

import pytest

from rasd.stages.dates import find_time_expressions
from rasd.stages.normalize import normalize

TUESDAY = date(2021, 3, 9)


def _first(text: str, published: date | None = TUESDAY):  # type: ignore[no-untyped-def]
    found = find_time_expressions(normalize(text).text, published)
    assert found, f"no time expression in {text!r}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("قتل اليوم", date(2021, 3, 9), 1),
        ("قتل أمس", date(2021, 3, 8), 1),
        ("قتل البارحة", date(2021, 3, 8), 1),
        ("قتل أول أمس", date(2021, 3, 7), 1),
        ("قتل أول من أمس", date(2021, 3, 7), 1),
        ("مساء الاثنين", date(2021, 3, 8), 1),
        ("فجر الخميس", date(2021, 3, 4), 1),
        ("يوم الثلاثاء", date(2021, 3, 9), 1),
        ("الثلاثاء الماضي", date(2021, 3, 2), 1),
        ("الأحد الفائت", date(2021, 3, 7), 1),
        ("في 12 آذار 2021", date(2021, 3, 12), 1),
        ("في 5 شباط", date(2021, 2, 5), 1),
        ("في الثامن من يوليو", date(2020, 7, 8), 1),
        ("في 3 مارس", date(2021, 3, 3), 1),
        ("في 15 مارس", date(2020, 3, 15), 1),
        ("في 2 جانفي 2021", date(2021, 1, 2), 1),
        ("في 12 كانون الأول", date(2020, 12, 12), 1),
        ("في 1 تشرين الثاني 2020", date(2020, 11, 1), 1),
        ("بتاريخ 07/03/2021", date(2021, 3, 7), 1),
        ("26 شوال 1436 هـ", date(2015, 8, 11), 1),
        ("الأسبوع الماضي", date(2021, 3, 3), 2),
        ("الشهر الماضي", date(2021, 2, 15), 3),
        ("مطلع الشهر الماضي", date(2021, 2, 1), 3),
        ("في أواخر يناير", date(2021, 1, 31), 3),
        ("منذ ثلاثة أيام", date(2021, 3, 6), 1),
        ("قبل يومين", date(2021, 3, 7), 1),
        ("الليلة الماضية", date(2021, 3, 8), 1),
    ],
)
def test_dates_resolve(text: str, value: date, precision: int) -> None:
    found = _first(text)
    assert (found.value, found.precision) == (value, precision)


def test_dates_impossible_date_is_unresolved_with_a_warning() -> None:
    found = _first("في 31 شباط 2021")
    assert found.value is None and "impossible" in found.warning


def test_dates_future_weekday_is_not_an_event_date() -> None:
    assert _first("الأحد المقبل").future


def test_dates_relative_without_publication_date_resolves_nothing() -> None:
    assert find_time_expressions(normalize("قتل أمس").text, None) == []


@pytest.mark.parametrize("text", ["في عام 2014", "خلال السنوات الماضية", "منذ بدء النزاع"])
def test_dates_history_and_spans_have_no_day(text: str) -> None:
    assert _first(text).precision == 4


@pytest.mark.parametrize("text", ["أحد المقرات", "مارس ضغوطا", "عشرات القتلى"])
def test_dates_common_words_are_not_dates(text: str) -> None:
    assert find_time_expressions(normalize(text).text, TUESDAY) == []


def test_dates_offsets_are_normalised_spans() -> None:
    text = normalize("قتل ثلاثة مساء الاثنين في إدلب").text
    found = find_time_expressions(text, TUESDAY)[0]
    assert text[found.start : found.end] == "مساء الاثنين"
