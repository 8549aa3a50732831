"""Time expressions resolved against the publication date, with ACLED time precision."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.stages.dates import TimeExpression, find_time_expressions, iter_dated
from rasd.stages.normalize import normalize

TUESDAY = date(2021, 3, 9)
SATURDAY = date(2015, 8, 1)


def _all(text: str, published: date | None = TUESDAY) -> list[TimeExpression]:
    return find_time_expressions(normalize(text).text, published)


def _first(text: str, published: date | None = TUESDAY) -> TimeExpression:
    found = _all(text, published)
    assert found, f"no time expression in {text!r}"
    return found[0]


def _span(text: str, published: date | None = TUESDAY) -> str:
    normalized = normalize(text).text
    found = find_time_expressions(normalized, published)
    assert found, f"no time expression in {text!r}"
    return normalized[found[0].start : found[0].end]


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        # relative days
        ("قتل اليوم", date(2021, 3, 9), 1),
        ("قتل أمس", date(2021, 3, 8), 1),
        ("قتل البارحة", date(2021, 3, 8), 1),
        ("قتل أول أمس", date(2021, 3, 7), 1),
        ("قتل أول من أمس", date(2021, 3, 7), 1),
        ("قتل أمس الأول", date(2021, 3, 7), 1),
        ("وبالأمس قصفت الطائرات", date(2021, 3, 8), 1),
        ("قتل يوم أمس", date(2021, 3, 8), 1),
        ("فجر اليوم", date(2021, 3, 9), 1),
        ("صباح أمس", date(2021, 3, 8), 1),
        ("في الساعات الأولى من فجر اليوم", date(2021, 3, 9), 1),
        ("الساعة الثالثة من فجر اليوم", date(2021, 3, 9), 1),
        ("الليلة الماضية", date(2021, 3, 8), 1),
        ("ليلة أمس", date(2021, 3, 8), 1),
        ("قصفت لليوم الثالث على التوالي", date(2021, 3, 9), 1),
        # a relative day with a weekday: the weekday is the event's
        ("اليوم الثلاثاء", date(2021, 3, 9), 1),
        ("أمس الاثنين", date(2021, 3, 8), 1),
        ("اليوم (الثلاثاء)", date(2021, 3, 9), 1),
        ("مساء أمس الاثنين", date(2021, 3, 8), 1),
        # weekdays
        ("مساء الاثنين", date(2021, 3, 8), 1),
        ("فجر الخميس", date(2021, 3, 4), 1),
        ("يوم الثلاثاء", date(2021, 3, 9), 1),
        ("الثلاثاء الماضي", date(2021, 3, 2), 1),
        ("الأحد الفائت", date(2021, 3, 7), 1),
        ("الاثنين قبل الماضي", date(2021, 3, 1), 1),
        ("في وقت متأخر من مساء السبت", date(2021, 3, 6), 1),
        ("ليلة الأحد على الاثنين", date(2021, 3, 7), 1),
        ("ليل السبت - الأحد", date(2021, 3, 6), 1),
        # explicit dates
        ("في 12 آذار 2021", date(2021, 3, 12), 1),
        ("في 5 شباط", date(2021, 2, 5), 1),
        ("في الثامن من يوليو", date(2020, 7, 8), 1),
        ("في الخامس عشر من شهر آذار", date(2020, 3, 15), 1),
        ("في 3 مارس", date(2021, 3, 3), 1),
        ("في 15 مارس", date(2020, 3, 15), 1),
        ("في 2 جانفي 2021", date(2021, 1, 2), 1),
        ("في 12 كانون الأول", date(2020, 12, 12), 1),
        ("في 1 تشرين الثاني 2020", date(2020, 11, 1), 1),
        ("في 25 يناير (كانون الثاني) 2011", date(2011, 1, 25), 1),
        ("في مارس/آذار 2015", date(2015, 3, 15), 3),
        ("في 30 آذار/مارس 2018", date(2018, 3, 30), 1),
        ("نوفمبر2016وقتل", date(2016, 11, 15), 3),
        ("في 22 مارس الماضي", date(2020, 3, 22), 1),
        ("في 5 آذار الجاري", date(2021, 3, 5), 1),
        ("في 31 مارس من العام الماضي", date(2020, 3, 31), 1),
        ("الاثنين 8 آذار 2021", date(2021, 3, 8), 1),
        ("يوم الجمعة الموافق 5 آذار", date(2021, 3, 5), 1),
        ("في 12 من الشهر الجاري", date(2021, 3, 12), 1),
        ("الخامس من الشهر الماضي", date(2021, 2, 5), 1),
        ("بتاريخ 07/03/2021", date(2021, 3, 7), 1),
        ("2021-03-07", date(2021, 3, 7), 1),
        ("في ٢٠٢١/٠٣/٠٧", date(2021, 3, 7), 1),
        ("دمشق 5 - 3 (اف ب) - قتل", date(2021, 3, 5), 1),
        ("بين 3 و5 آذار", date(2021, 3, 3), 1),
        ("من 1 إلى 8 آذار 2021", date(2021, 3, 5), 2),
        # Hijri dates; a Gregorian date given with them wins
        ("26 شوال 1436 هـ", date(2015, 8, 11), 1),
        ("الجمعة 26 شوال 1436 هـ", date(2015, 8, 11), 1),
        ("في 26 شوال 1436 هـ الموافق 12 آب 2015", date(2015, 8, 12), 1),
        ("يوم الأحد (10 شوال 1436ه) الموافق (26 يوليو 2015)", date(2015, 7, 26), 1),
        ("في 17 رمضان الماضي", date(2020, 5, 10), 1),
        # numeric Hijri dates of Saudi statements
        ("بتاريخ 19/6/1436", date(2015, 4, 8), 1),
        ("الموافق 25 - 1 - 1427هـ", date(2006, 2, 24), 1),
        # weeks and months
        ("الأسبوع الماضي", date(2021, 3, 3), 2),
        ("مطلع الأسبوع", date(2021, 3, 7), 2),
        ("نهاية الأسبوع الماضي", date(2021, 3, 5), 2),
        ("خلال الأسبوعين الماضيين", date(2021, 3, 2), 3),
        ("الشهر الماضي", date(2021, 2, 15), 3),
        ("مطلع الشهر الماضي", date(2021, 2, 1), 3),
        ("مطلع الشهر", date(2021, 3, 1), 3),
        ("في أواخر يناير", date(2021, 1, 31), 3),
        ("نوفمبر الماضي", date(2020, 11, 15), 3),
        ("في مارس الماضي", date(2020, 3, 15), 3),
        ("سبتمبر 2014", date(2014, 9, 15), 3),
        # counted days
        ("منذ ثلاثة أيام", date(2021, 3, 6), 1),
        ("قبل يومين", date(2021, 3, 7), 1),
        ("قبل 48 ساعة", date(2021, 3, 7), 1),
        ("تشهد المدينة منذ أيام مواجهات", date(2021, 3, 9), 1),  # still going on
        ("قبل عدة أيام", date(2021, 3, 6), 2),
        ("قبل أيام", date(2021, 3, 6), 2),
        ("خلال الـ24 ساعة الماضية", date(2021, 3, 9), 1),
        ("خلال الأربع وعشرين ساعة الماضية", date(2021, 3, 9), 1),
        ("خلال اليومين الماضيين", date(2021, 3, 8), 1),
        ("خلال الأيام القليلة الماضية", date(2021, 3, 6), 2),
        # other digit systems
        ("١٢ آذار ٢٠٢١", date(2021, 3, 12), 1),
        ("في ۱۲ آذار", date(2020, 3, 12), 1),
        ("في １２ آذار ２０２１", date(2021, 3, 12), 1),
        ("في १२ آذار", date(2020, 3, 12), 1),
    ],
)
def test_dates_resolve(text: str, value: date, precision: int) -> None:
    found = _first(text)
    assert (found.value, found.precision) == (value, precision)


def test_dates_weekday_wins_over_a_relative_day_published_late() -> None:
    found = _first("قتل سبعة جنود اليوم الجمعة", SATURDAY)  # written Friday, published Saturday
    assert found.value == date(2015, 7, 31)
    assert found.alternatives == (SATURDAY,)


@pytest.mark.parametrize(
    ("text", "alternatives"),
    [
        ("ليلة الأحد على الاثنين", (date(2021, 3, 8),)),
        ("ليلة أمس", (date(2021, 3, 9),)),
        ("خلال الليل", (date(2021, 3, 9),)),
        ("خلال الـ24 ساعة الماضية", (date(2021, 3, 8),)),
        ("بين 3 و5 آذار", (date(2021, 3, 4), date(2021, 3, 5))),
        ("اليوم الجمعة", (date(2021, 3, 9),)),  # the relative reading, kept aside
    ],
)
def test_dates_alternatives(text: str, alternatives: tuple[date, ...]) -> None:
    assert _first(text).alternatives == alternatives


@pytest.mark.parametrize(
    ("text", "part_of_day"),
    [
        ("فجر اليوم", "dawn"),
        ("صباح أمس", "morning"),
        ("مساء الاثنين", "evening"),
        ("ليلة الأحد على الاثنين", "night"),
        ("ظهر اليوم", "noon"),
        ("عصر أمس", "afternoon"),
    ],
)
def test_dates_part_of_day(text: str, part_of_day: str) -> None:
    assert _first(text).part_of_day == part_of_day


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("قتل ثلاثة مساء الاثنين في إدلب", "مساء الاثنين"),
        ("قتل الاثنين 12 آذار 2021 في إدلب", "الاثنين 12 اذار 2021"),
        ("وفي 12 آذار قتل", "12 اذار"),
        ("وأمس قتل", "امس"),
        ("في 26 شوال 1436 هـ الموافق 11 آب 2015 قتل", "26 شوال 1436 ه الموافق 11 اب 2015"),
        ("قتلوا فجر أمس الخميس في", "فجر امس الخميس"),
        ("سقط في 1/3/2021 قتيل", "1/3/2021"),
        ("قتل&nbsp;أمس&nbsp;في", "امس"),
    ],
)
def test_dates_one_expression_per_phrase(text: str, span: str) -> None:
    assert _span(text) == span
    assert len(_all(text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "الأحد المقبل",
        "غدا",
        "بعد غد",
        "الأسبوع المقبل",
        "الشهر المقبل",
        "في 12 مارس المقبل",
        "بعد 40 عاما",
        "في السنوات القليلة المقبلة",
    ],
)
def test_dates_future_is_not_an_event_date(text: str) -> None:
    found = _first(text)
    assert found.future
    assert list(iter_dated([found])) == []


def test_dates_relative_without_publication_date_resolves_nothing() -> None:
    assert find_time_expressions(normalize("قتل أمس").text, None) == []


def test_dates_day_month_without_year_or_publication_date_warns() -> None:
    found = _first("في 12 آذار", None)
    assert found.value is None and found.warning


@pytest.mark.parametrize(
    "text",
    [
        "في عام 2014",
        "عام 1887",
        "2003م",
        "العام الماضي",
        "خلال السنوات الماضية",
        "منذ بدء النزاع",
        "منذ مطلع العام الجاري",
        "منذ خمسة وتسعين عاما",
        "قبل أكثر من عام",
        "صيف 2019",
        "خلال الشتاء الماضي",
        "في التسعينيات",
        "منذ ثمانينيات القرن الماضي",
        "الأسابيع الماضية",
        "في الأسابيع القليلة الماضية",
        "خلال الأشهر الأخيرة",
        "خلال أسبوعين",
        "على مدى ثلاثة أيام",
    ],
)
def test_dates_history_and_spans_have_no_day(text: str) -> None:
    assert _first(text).precision == 4


@pytest.mark.parametrize(
    "text",
    [
        "أحد المقرات",
        "مارس ضغوطا",
        "عشرات القتلى",
        "أب الضحية",
        "روسيا اليوم",
        "صحيفة اليوم السابع",
        "القرار 2254",
        "أكثر من 2000 مقاتل",
        "الربيع العربي",
        "في الخمسينات من العمر",
        "نيسان صني",
        "هذا العام",
    ],
)
def test_dates_common_words_are_not_dates(text: str) -> None:
    assert _all(text) == []


@pytest.mark.parametrize(
    "text", ["اليوم التالي", "في اليوم نفسه", "بعد يومين من الهجوم", "في 12 من الشهر نفسه"]
)
def test_dates_counted_from_another_event_are_not_resolved(text: str) -> None:
    found = _first(text)
    assert found.value is None and not found.warning


@pytest.mark.parametrize("text", ["في ذكرى ثورة 25 يناير", "بعد أحداث 11 سبتمبر", "حرب تموز"])
def test_dates_named_days_are_not_event_dates(text: str) -> None:
    assert list(iter_dated(_all(text))) == []


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        ("أعلنت السلطات الأردنية الأحد مقتل ثلاثة", True),
        ("وقالت غنيمات في بيان الأحد إنه تم العثور", True),
        ("وقال مصدر إن الطائرات قصفت الأحد", False),
        ("قصفت الطائرات الأحد", False),
        # what a paper or a monitor published that day
        ("وتناولت الصحف الصادرة اليوم مقتل خمسة", True),
        ("وأورد المرصد الأحد حصيلة القتلى ذاتها", True),
        # set off by commas, the date still follows the reporting word
        ("أعلن الجيش العراقي، الأحد، أن قواته قتلت خمسة", True),
        ("وقال مصدر إن خمسة قتلوا، الأحد، في الموصل", False),
    ],
)
def test_dates_statement_dates_are_marked(text: str, reported: bool) -> None:
    assert _first(text).reported is reported


def test_dates_weekday_disagreeing_with_the_date_keeps_the_date_with_a_warning() -> None:
    found = _first("الاثنين 12 آذار 2021")  # 12 March 2021 was a Friday
    assert found.value == date(2021, 3, 12) and "weekday" in found.warning


# ------------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "text",
    [
        "في 31 شباط 2021",
        "في 30 شباط",
        "في 0 آذار",
        "في 45 نيسان 2021",
        "بتاريخ 31/02/2021",
        "بتاريخ 12/13/2021",
        "30 محرم 1440 هـ",
        "بتاريخ 30/13/1436",  # a numeric Hijri date with no month 13
    ],
)
def test_dates_impossible_date_is_unresolved_with_a_warning(text: str) -> None:
    found = _first(text)
    assert found.value is None and "impossible" in found.warning
    assert list(iter_dated([found])) == []


@pytest.mark.parametrize(
    "text",
    [
        "Syrian forces shelled the town on Monday, 12 March 2021.",
        "昨天 叙利亚 2021年3月12日 Вчера в Сирии",
        "",
        "\x00\x00\x00",
        "قتل \ud800 أمس \udfff في",
        "&lt;b&gt;أمس&lt;/b&gt; &amp;nbsp; &#1575;&#x0627; &bogus",
        "منذ 99999999999 يوم وقبل 999999999 عام وبعد 10000 سنة",
        "في 99999999 آذار 99999",
        "ا1" * 5_000,
        "1/" * 5_000,
    ],
)
def test_dates_bad_input_does_not_crash(text: str) -> None:
    normalized = normalize(text).text
    for expression in find_time_expressions(normalized, TUESDAY):
        assert 0 <= expression.start < expression.end <= len(normalized)


def test_dates_mixed_latin_and_arabic() -> None:
    found = _all("Idlib: قتل 5 in Idlib أمس (AFP) 12/03/2021")
    assert [e.value for e in found] == [date(2021, 3, 8), date(2021, 3, 12)]


def test_dates_megabyte_line() -> None:
    line = ("قتل ثلاثة مدنيين في قصف على ريف إدلب مساء الاثنين 8 آذار 2021 " * 16_000)[:1_000_000]
    found = _all(line)
    assert len(found) > 10_000
    assert {e.value for e in found} == {date(2021, 3, 8)}


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("أمس اليوم الاثنين 12 آذار/2021-شوال هـ()&;\n"))))
def test_dates_offsets_stay_inside_the_text(text: str) -> None:
    normalized = normalize(text).text
    for expression in find_time_expressions(normalized, TUESDAY):
        assert 0 <= expression.start < expression.end <= len(normalized)
        assert not normalized[expression.start].isspace()


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("قتل 1450 مدنيا الأسابيع الماضية. وخلال نفس الفترة قتل 50", TUESDAY, 4),
        ("قتل ثلاثة أمس. وفي الفترة نفسها أصيب أربعة", date(2021, 3, 8), 1),
    ],
)
def test_dates_the_same_period_takes_the_period_named_before(
    text: str, value: date, precision: int
) -> None:
    same = _all(text)[-1]
    assert (same.kind, same.value, same.precision) == ("same_period", value, precision)


def test_dates_the_same_period_with_nothing_before_stays_unresolved() -> None:
    assert _first("خلال الفترة ذاتها قتل ثلاثة").value is None


@pytest.mark.parametrize(
    ("text", "precision"),
    [
        ("ومنذ أواخر مارس تشهد المنطقة مواجهات", 4),
        ("قتلت الهجمات أكثر من 1000 شخص منذ 18 فبراير الماضي", 4),
        ("المعتقل منذ يوم الجمعة", 1),
        ("منذ أمس", 1),
        ("منذ مارس/آذار 2015", 4),
    ],
)
def test_dates_since_a_date_weeks_back_is_a_span(text: str, precision: int) -> None:
    assert _first(text, date(2018, 4, 29)).precision == precision
