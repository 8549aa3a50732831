"""Time expressions in Arabic news, resolved against the publication date.

Recognised on normalised text (see ``normalize.py``: alef/hamza folded, ى -> ي, ة -> ه, digits to
0-9; patterns are written in that folded form and also accept other Unicode decimal digits):

- relative days: اليوم، أمس، البارحة، أول أمس، أمس الأول، غدا، بعد غد; with parts of day
  ("فجر اليوم"، "صباح أمس"، "ليلة أمس"); with a weekday ("اليوم الجمعة"، "مساء أمس السبت": the
  weekday is taken, the relative day kept as an alternative); "خلال الـ24 ساعة الماضية";
- weekdays with and without "يوم", parts of day and الماضي/الفائت/المقبل/قبل الماضي;
  "ليلة الأحد على الاثنين" (the first day, the second as an alternative);
- explicit dates with Gregorian, Syriac/Levantine and Maghrebi month names, in digits or ordinal
  words ("الثامن من شهر يوليو"), with a doubled month ("يناير (كانون الثاني)", "مارس/آذار"), a
  weekday ("الاثنين 12 آذار 2021" is one expression), a year or "من العام الماضي", a day range
  ("بين 3 و5 آذار"), "12 من الشهر الجاري"; numeric dates (12/03/2021, 2021-03-12) and datelines
  ("دمشق 15 - 7 (اف ب)"); Hijri dates converted with hijridate, the Gregorian date winning when
  both are given ("... 1442 هـ الموافق 12 آذار 2021");
- weeks (time_precision 2: "الأسبوع الماضي", "مطلع الأسبوع", "نهاية الأسبوع الماضي", "قبل
  أيام", "خلال الأيام الماضية"), months (time_precision 3: "في آذار", "نوفمبر الماضي", "الشهر
  الماضي", "مطلع الشهر"); "منذ/قبل ثلاثة أيام"; "تشهد منذ أيام" and "لليوم الثالث على التوالي"
  (still going on: the report's day);
- history, time_precision 4, never an event date: years ("عام 2014", "العام الماضي"), seasons
  ("صيف 2019"), decades, centuries, spans ("خلال السنوات الماضية", "منذ بدء النزاع", "منذ مطلع
  العام"); a yearless date that names a past event ("ثورة 25 يناير", "هجمات 11 سبتمبر") gets no
  date at all.

Resolution follows ../shared/ANNOTATION.md: a weekday is the latest such day on or before
``published`` (strictly before with "الماضي"); a day and month without a year take the latest
such date not after ``published``. Expressions about the future keep their date with
``future=True``. A date that cannot exist (31 شباط) resolves to nothing with a warning, never to
a guess. "اليوم التالي" and "بعد يومين من" count from another event: recognised, not resolved.
A date right after a reporting word ("أعلنت السبت", "في بيان الأحد") is marked ``reported``.
Input is taken as it comes: HTML entities ("&nbsp;") count as spaces and digits of any script as
digits, without moving an offset.

Speed: each rule runs only in short windows around its own anchor words or digits
(:func:`_windows`), found with one scan of the article's words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from hijridate import Gregorian, Hijri

from rasd.arabic import PROCLITICS, tokenize
from rasd.numbers import read_number
from rasd.stages.normalize import fold

WEEKDAYS = {
    fold(w): i
    for i, w in enumerate(("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"))
}  # fmt: skip  (Python's weekday(): Monday = 0)

MONTHS: dict[str, int] = {
    fold(w): m
    for w, m in (
        ("يناير", 1),
        ("فبراير", 2),
        ("مارس", 3),
        ("أبريل", 4),
        ("إبريل", 4),
        ("ابريل", 4),
        ("مايو", 5),
        ("يونيو", 6),
        ("يونيه", 6),
        ("يوليو", 7),
        ("يوليه", 7),
        ("أغسطس", 8),
        ("اغسطس", 8),
        ("سبتمبر", 9),
        ("أكتوبر", 10),
        ("اكتوبر", 10),
        ("نوفمبر", 11),
        ("ديسمبر", 12),
        ("دجنبر", 12),
        ("نونبر", 11),
        ("شتنبر", 9),
        ("غشت", 8),
        ("يوليوز", 7),
        ("كانون الثاني", 1),
        ("شباط", 2),
        ("آذار", 3),
        ("نيسان", 4),
        ("أيار", 5),
        ("حزيران", 6),
        ("تموز", 7),
        ("آب", 8),
        ("أيلول", 9),
        ("تشرين الأول", 10),
        ("تشرين الثاني", 11),
        ("كانون الأول", 12),
        ("جانفي", 1),
        ("فيفري", 2),
        ("أفريل", 4),
        ("ماي", 5),
        ("جوان", 6),
        ("جويلية", 7),
        ("أوت", 8),
    )
}
# month names that are also common words ("مارس" practised, "أب" father, "نيسان" the car):
# a month only with a day, a year, "في/منذ/مطلع..." before or "الماضي/المقبل" after
AMBIGUOUS_MONTHS = frozenset(fold(w) for w in ("مارس", "ماي", "آب", "نيسان", "أوت"))

HIJRI_MONTHS: dict[str, int] = {
    fold(w): m
    for w, m in (
        ("محرم", 1),
        ("صفر", 2),
        ("ربيع الأول", 3),
        ("ربيع الثاني", 4),
        ("ربيع الآخر", 4),
        ("جمادى الأولى", 5),
        ("جمادى الأول", 5),
        ("جمادى الآخرة", 6),
        ("جمادى الثانية", 6),
        ("رجب", 7),
        ("شعبان", 8),
        ("رمضان", 9),
        ("شوال", 10),
        ("ذو القعدة", 11),
        ("ذي القعدة", 11),
        ("ذو الحجة", 12),
        ("ذي الحجة", 12),
    )
}

ORDINALS: dict[str, int] = {
    fold(w): n
    for w, n in (
        ("الأول", 1),
        ("الثاني", 2),
        ("الثالث", 3),
        ("الرابع", 4),
        ("الخامس", 5),
        ("السادس", 6),
        ("السابع", 7),
        ("الثامن", 8),
        ("التاسع", 9),
        ("العاشر", 10),
        ("الحادي عشر", 11),
        ("الثاني عشر", 12),
        ("الثالث عشر", 13),
        ("الرابع عشر", 14),
        ("الخامس عشر", 15),
        ("السادس عشر", 16),
        ("السابع عشر", 17),
        ("الثامن عشر", 18),
        ("التاسع عشر", 19),
        ("العشرين", 20),
        ("الحادي والعشرين", 21),
        ("الواحد والعشرين", 21),
        ("الثاني والعشرين", 22),
        ("الثالث والعشرين", 23),
        ("الرابع والعشرين", 24),
        ("الخامس والعشرين", 25),
        ("السادس والعشرين", 26),
        ("السابع والعشرين", 27),
        ("الثامن والعشرين", 28),
        ("التاسع والعشرين", 29),
        ("الثلاثين", 30),
        ("الحادي والثلاثين", 31),
        ("الواحد والثلاثين", 31),
    )
}

PARTS_OF_DAY: dict[str, str] = {
    fold(w): p
    for w, p in (
        ("فجر", "dawn"),
        ("صباح", "morning"),
        ("ضحى", "morning"),
        ("ظهر", "noon"),
        ("ظهيرة", "noon"),
        ("عصر", "afternoon"),
        ("مساء", "evening"),
        ("ليل", "night"),
        ("ليلة", "night"),
    )
}

SEASONS: dict[str, int] = {  # the month at the middle of the season
    fold(w): m for w, m in (("ربيع", 4), ("صيف", 7), ("خريف", 10), ("شتاء", 1))
}
DECADES: dict[str, int] = {
    fold(w): d
    for w, d in (
        ("عشرين", 2),
        ("ثلاثين", 3),
        ("أربعين", 4),
        ("خمسين", 5),
        ("ستين", 6),
        ("سبعين", 7),
        ("ثمانين", 8),
        ("تسعين", 9),
    )
}
PAST = ("الماضي", "الماضيه", "المنصرم", "المنصرمه", "الفايت", "الفايته", "السابق")
CURRENT = ("الحالي", "الجاري", "الحاليه", "الجاريه")
NEXT = ("المقبل", "القادم", "المقبله", "القادمه")


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A resolved time expression; offsets are into the normalised text.

    ``precision`` is ACLED's time_precision (1 day, 2 week, 3 month) or 4 for a year or a span
    (history, not an event date). ``value`` is None when the expression cannot be resolved
    (then ``warning`` says why) or counts from another event ("اليوم التالي"). ``reported``
    marks the date of a statement ("أعلنت السبت مقتل ...", "في بيان الأحد"): when the clause
    gives another date, that one is the event's.
    """

    start: int
    end: int
    kind: str
    value: date | None
    precision: int
    alternatives: tuple[date, ...] = ()
    part_of_day: str = ""
    warning: str = ""
    future: bool = False
    reported: bool = False

    # written out: mypyc compiles this one, not the one @dataclass generates (see rasd.types)
    def __init__(
        self,
        start: int,
        end: int,
        kind: str,
        value: date | None,
        precision: int,
        alternatives: tuple[date, ...] = (),
        part_of_day: str = "",
        warning: str = "",
        future: bool = False,
        reported: bool = False,
    ) -> None:
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "precision", precision)
        object.__setattr__(self, "alternatives", alternatives)
        object.__setattr__(self, "part_of_day", part_of_day)
        object.__setattr__(self, "warning", warning)
        object.__setattr__(self, "future", future)
        object.__setattr__(self, "reported", reported)


@dataclass(frozen=True, slots=True)
class DateChoice:
    """The date of an event with its precision and the expression that gave it."""

    value: date | None
    precision: int
    expression: TimeExpression | None = None
    alternatives: tuple[date, ...] = ()
    warnings: tuple[str, ...] = ()

    # written out: mypyc compiles this one, not the one @dataclass generates (see rasd.types)
    def __init__(
        self,
        value: date | None,
        precision: int,
        expression: TimeExpression | None = None,
        alternatives: tuple[date, ...] = (),
        warnings: tuple[str, ...] = (),
    ) -> None:
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "precision", precision)
        object.__setattr__(self, "expression", expression)
        object.__setattr__(self, "alternatives", alternatives)
        object.__setattr__(self, "warnings", warnings)


# --------------------------------------------------------------------------- pattern pieces


def _alt(words: Mapping[str, object] | tuple[str, ...]) -> str:
    """A regex alternation of the words, longest first, spaces matching any whitespace."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in ordered)


# proclitics (و ف ب ل ك) stay outside the expression's span; "لل" keeps its ل
_P = r"(?<!\w)(?P<pro>[وف]?[بكل]?)"
_ART = r"(?:ال|(?<=ل)ل)"  # the article, also inside "لل"
_END = r"(?:(?!\w)|(?<=\d)(?!\d))"  # a word ends; "نوفمبر2016وقتل" lacks the space
_MONTH = _alt(MONTHS)
_HMONTH = _alt(HIJRI_MONTHS)
_ORD = _alt(ORDINALS)
_WD = _alt(tuple(w[2:] for w in WEEKDAYS))  # without the article
_PAST, _CURRENT, _NEXT = _alt(PAST), _alt(CURRENT), _alt(NEXT)
_REL_WORD = rf"(?:{_PAST}|{_CURRENT}|{_NEXT})"
_POD_MOD = (
    r"(?:(?:في\s+)?(?:ساعات|الساعات\s+الاولي\s+من|ساعه\s+متاخره\s+من|ساعات\s+متاخره\s+من"
    r"|وقت\s+متاخر\s+من|وقت\s+مبكر\s+من|منتصف|قبيل|بعيد|بعد|قبل)\s+)"
)
_POD = rf"(?:{_POD_MOD}?(?P<pod>{_alt(PARTS_OF_DAY)})\s+(?:يوم\s+)?)"
_DAY = r"(?P<day>\d{1,2})(?!\d)"
_YEAR_DIGITS = r"(?:1[5-9]\d\d|20\d\d)"
# a year after a month: "2021", "عام 2021م", "من العام الماضي", "من هذا العام"
_YEAR_Q = (
    rf"(?:\s*,?\s*(?:من\s+)?(?:(?:ال)?(?:عام|سنه)\s+)?(?P<year>{_YEAR_DIGITS})(?!\d)"
    rf"(?:\s*(?:م|ميلادي|ميلاديه)(?!\w))?"
    rf"|\s+(?:من\s+)?(?P<yrel>هذا\s+العام|هذه\s+السنه|(?:ال)?(?:عام|سنه)\s+{_REL_WORD}))"
)
_ALT_MONTH = rf"(?:\s*[/(-]\s*(?:{_MONTH})\s*\)?)"
_HIJRI_SUFFIX = r"(?:\s*(?:ه|هجري|هجريه|للهجره)(?!\w))"
_HIJRI_TAIL = (  # "... الموافق 28 رجب 1442 هـ" after a Gregorian date: kept in the span
    rf"(?:\s*[,(-]?\s*(?:الموافق\s+(?:ل\s*)?)?\d{{1,2}}\s*(?:من\s+)?(?:شهر\s+)?(?:{_HMONTH})"
    rf"(?:\s+1[34]\d\d)?{_HIJRI_SUFFIX}?\s*\)?)"
)


# ------------------------------------------------------------------------------- the rules

Resolver = Callable[[re.Match[str], date | None], TimeExpression | None]


@dataclass(frozen=True, slots=True)
class Rule:
    """One kind of time expression: its pattern, where to try it, how it resolves.

    ``anchors`` names the classes of words (``ANCHOR_CLASSES``) or digits around which the
    pattern is tried, from ``before`` characters before an anchor to ``after`` characters
    after it: the longest stretch an expression of this kind spans on either side of its
    anchor word.
    """

    kind: str
    pattern: re.Pattern[str]
    anchors: str
    resolve: Resolver
    before: int
    after: int
    cues: tuple[str, ...] = ()  # when given, a window must contain one of these strings


def _make(
    match: re.Match[str],
    kind: str,
    value: date | None,
    precision: int,
    *,
    alternatives: tuple[date, ...] = (),
    part_of_day: str = "",
    warning: str = "",
    future: bool = False,
) -> TimeExpression:
    """The expression over the match, without proclitics and leading prepositions."""
    start = _span_start(match)
    return TimeExpression(
        start,
        match.end(),
        kind,
        value,
        precision,
        tuple(a for a in alternatives if a != value),
        part_of_day,
        warning,
        future,
    )


def _span_start(match: re.Match[str]) -> int:
    """Where the expression starts: after leading prepositions ("في") and proclitics."""
    groups = match.re.groupindex
    start = match.start()
    if "lead" in groups and match.group("lead"):
        start = match.end("lead")
    elif "pro" in groups and match.group("pro"):
        start = match.end("pro")
        if match.string[start - 1 : start + 1] == "لل":
            start -= 1  # "للشهر": ل + ال, the ل of the article stays
    text = match.string
    while start < match.end() and text[start].isspace():
        start += 1
    return start


def _text(match: re.Match[str]) -> str:
    """The expression's text (for warnings): the match without leading prepositions."""
    return match.string[_span_start(match) : match.end()]


def _group(match: re.Match[str], name: str) -> str:
    """A named group with its whitespace collapsed ("" when it did not take part)."""
    return " ".join((match.group(name) or "").split()) if name in match.re.groupindex else ""


def _safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when it cannot exist (31 February, month 13, year 0)."""
    try:
        return date(year, month, day)
    except (ValueError, OverflowError):
        return None


def _latest_not_after(month: int, day: int, published: date) -> date | None:
    """The latest such day not after ``published`` (a day of slack for late publication).

    29 February looks back to the last leap year; a day that no year has is None.
    """
    back = 8 if (month, day) == (2, 29) else 2
    for year in range(published.year, published.year - back, -1):
        candidate = _safe_date(year, month, day)
        if candidate is not None and candidate <= published + timedelta(days=1):
            return candidate
    return None


def _day_month(
    day: int, month: int, match: re.Match[str], published: date | None
) -> tuple[date | None, str, bool]:
    """A day and month resolved with the year words around them: (value, warning, future)."""
    year = _group(match, "year")
    yrel = _group(match, "yrel")
    rel = _group(match, "rel")
    if year:
        value = _safe_date(int(year), month, day)
    elif published is None:
        return None, "day and month without a year and no publication date", False
    elif yrel or rel in CURRENT:
        value = _safe_date(published.year + _year_shift(yrel), month, day)
    elif rel in NEXT:
        value = _next_day_month(month, day, published)
    else:
        value = _latest_not_after(month, day, published)
        if value is not None and rel in PAST and value >= published:
            value = _safe_date(value.year - 1, month, day)
    if value is None:
        return None, f"impossible date: {_text(match)}", False
    return value, "", published is not None and value > published + timedelta(days=1)


def _year_shift(words: str) -> int:
    """-1 for "العام الماضي", +1 for "العام المقبل", 0 for "هذا العام" (or nothing)."""
    last = words.split()[-1] if words else ""
    return -1 if last in PAST else 1 if last in NEXT else 0


def _next_day_month(month: int, day: int, published: date) -> date | None:
    """The first such day after ``published`` ("12 مارس المقبل")."""
    for year in (published.year, published.year + 1):
        candidate = _safe_date(year, month, day)
        if candidate is not None and candidate > published:
            return candidate
    return None


def _month_number(text: str) -> int:
    """The month of a (normalised) month name, whitespace collapsed."""
    return MONTHS.get(" ".join(text.split()), 0)


def _day_value(match: re.Match[str]) -> int:
    """The day of the month, in digits or as an ordinal word ("الثامن")."""
    if match.group("day"):
        return int(match.group("day"))
    return ORDINALS.get(_group(match, "ord"), 0)


# -- explicit dates


def _explicit(match: re.Match[str], published: date | None) -> TimeExpression | None:
    """A day and month, with a weekday, a year, a range and a Hijri date around them."""
    day = _day_value(match)
    month = _month_number(match.group("month"))
    value, warning, future = _day_month(day, month, match, published)
    if _names_an_event(match) and (value is None or _long_before(value, published)):
        return _make(match, "name", None, 4)
    if value is None:
        return _make(match, "explicit", None, 1, warning=warning)
    precision = 1
    alternatives: tuple[date, ...] = ()
    if _group(match, "day2"):
        value, precision, alternatives, warning = _range(value, int(match.group("day2")))
    if _group(match, "wd") and not warning and value.weekday() != WEEKDAYS["ال" + match["wd"]]:
        warning = f"the weekday does not match the date: {_text(match)}"
    pod = PARTS_OF_DAY.get(_group(match, "pod"), "")
    return _make(
        match,
        "explicit",
        value,
        precision,
        alternatives=alternatives,
        part_of_day=pod,
        warning=warning,
        future=future,
    )


# nouns that make "ثورة 25 يناير", "هجمات 11 سبتمبر", "حرب تموز" a name, not a date
_EVENT_NOUNS = frozenset(
    fold(w) for w in ("ثورة", "انتفاضة", "أحداث", "هجمات", "حرب", "حركة", "ذكرى")
)


def _names_an_event(match: re.Match[str]) -> bool:
    """Whether a date without a year follows a noun that makes it a name ("ثورة 25 يناير")."""
    if any(_group(match, name) for name in ("year", "yrel", "lead", "rel")):
        return False
    before = match.string[max(0, match.start() - 16) : match.start()].split()
    if not before:
        return False
    word = before[-1]
    return word in _EVENT_NOUNS or (word[:1] in "وبلف" and word[1:] in _EVENT_NOUNS)


def _long_before(value: date, published: date | None) -> bool:
    """More than a month before publication: a named day is then history, not this news."""
    return published is None or (published - value).days > 31


def _range(first: date, last_day: int) -> tuple[date, int, tuple[date, ...], str]:
    """A range "بين 3 و5 آذار": the first day and the others (a week or more is vaguer)."""
    last = _safe_date(first.year, first.month, last_day)
    if last is None or last < first:
        return first, 1, (), "unreadable day range"
    days = (last - first).days + 1
    if days <= 3:
        return first, 1, tuple(first + timedelta(days=i) for i in range(1, days)), ""
    middle = first + timedelta(days=days // 2)
    return middle, 2 if days <= 10 else 3, (), ""


_WD_PREFIX = (  # "مساء الاثنين 12 آذار", "يوم الجمعة الموافق 12 آذار", "اليوم 19 مارس"
    rf"(?:(?:(?:اليوم|امس)[\s(]*)?(?:{_POD}?(?:يوم\s+)?ال(?P<wd>{_WD}))?[\s,()-]*"
    r"(?:الموافق\s+(?:ل\s*)?)?)"
)
_EXPLICIT = re.compile(
    _P
    + r"(?P<lead>(?:(?:في|منذ|حتي|بتاريخ|تاريخ|بين|من|مع)\s+)?(?:(?:يوم|يومي)\s+(?=\d))?)"
    + _WD_PREFIX
    + r"?(?:اليوم\s+)?"
    + rf"(?:{_DAY}|(?P<ord>{_ORD}))"
    + r"(?:\s*(?:و|-|الي|حتي|لغايه)\s*(?P<day2>\d{1,2})(?!\d))?"
    + rf"\s*(?:من\s+)?(?:شهر\s+)?(?P<month>{_MONTH}){_ALT_MONTH}?"
    + rf"{_YEAR_Q}?(?:\s+(?P<rel>{_REL_WORD}))?{_HIJRI_TAIL}?"
    + _END
)


# -- Hijri dates


def _hijri(match: re.Match[str], published: date | None) -> TimeExpression | None:
    """A Hijri date; the Gregorian date beside it ("الموافق 12 آذار 2021") wins."""
    if match.group("gmonth"):
        gregorian = _gregorian_tail(match, published)
        if gregorian is not None:
            return gregorian
    month = HIJRI_MONTHS.get(_group(match, "hmonth"), 0)
    day = int(match.group("day"))
    if match.group("hyear"):
        value = _hijri_to_date(int(match.group("hyear")), month, day)
    elif published is not None and (match["hsuffix"] or match["hshahr"] or match["hrel"]):
        value = _latest_hijri(month, day, published)
    else:
        return None  # "5 رجب" with nothing that says Hijri: a name as often as a date
    if value is None:
        return _make(match, "hijri", None, 1, warning=f"impossible Hijri date: {_text(match)}")
    future = published is not None and value > published + timedelta(days=1)
    return _make(match, "hijri", value, 1, future=future)


def _gregorian_tail(match: re.Match[str], published: date | None) -> TimeExpression | None:
    """The Gregorian date given beside a Hijri one, if it can exist."""
    month = _month_number(match.group("gmonth"))
    day = int(match.group("gday"))
    year = match.group("gyear")
    if year:
        value = _safe_date(int(year), month, day)
    elif published is not None:
        value = _latest_not_after(month, day, published)
    else:
        return None
    if value is None:
        return None
    future = published is not None and value > published + timedelta(days=1)
    return _make(match, "explicit", value, 1, future=future)


def _hijri_to_date(year: int, month: int, day: int) -> date | None:
    """The Gregorian day of a Hijri date (hijridate; None outside 1343-1500 or impossible)."""
    try:
        value = Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return date(value.year, value.month, value.day)


def _latest_hijri(month: int, day: int, published: date) -> date | None:
    """The latest such Hijri day not after ``published`` ("17 رمضان الماضي")."""
    try:
        year = Gregorian(published.year, published.month, published.day).to_hijri().year
    except (ValueError, OverflowError):
        return None
    for candidate_year in (year, year - 1):
        value = _hijri_to_date(candidate_year, month, day)
        if value is not None and value <= published + timedelta(days=1):
            return value
    return None


_HIJRI = re.compile(
    _P
    + r"(?:(?P<lead>في|منذ|حتي|بتاريخ|تاريخ)\s+)?"
    + rf"(?:(?:يوم\s+)?ال(?:{_WD})\s*[,(-]?\s*)?"
    + r"(?P<day>\d{1,2})(?!\d)\s*(?:من\s+)?(?P<hshahr>شهر\s+)?"
    + rf"(?P<hmonth>{_HMONTH})(?:\s+(?P<hyear>1[34]\d\d)(?!\d))?(?P<hsuffix>{_HIJRI_SUFFIX})?"
    + rf"(?:\s+(?P<hrel>{_PAST}|{_CURRENT}))?"
    + r"(?:[\s,()/-]{0,6}(?:الموافق\s+(?:ل\s*)?)?\(?\s*(?P<gday>\d{1,2})\s*(?:من\s+)?(?:شهر\s+)?"
    + rf"(?P<gmonth>{_MONTH}){_ALT_MONTH}?(?:\s*(?:من\s+)?(?:(?:ال)?عام\s+)?"
    + rf"(?P<gyear>{_YEAR_DIGITS})(?!\d))?(?:\s*(?:م|ميلادي)(?!\w))?\s*\)?)?"
    + _END
)


# -- numeric dates and datelines


def _numeric(match: re.Match[str], published: date | None) -> TimeExpression | None:
    """12/03/2021, 2021-03-12: day first unless the year leads."""
    if match.group("year2"):
        year, month, day = match["year2"], match["month2"], match["day2"]
    else:
        year, month, day = match["year"], match["month"], match["day"]
    if int(year) < HIJRI_YEARS_END:
        # "بتاريخ 19/6/1436" (Saudi statements): a Hijri year, converted like a named one
        value = _hijri_to_date(int(year), int(month), int(day))
        kind = "hijri"
    else:
        value = _safe_date(int(year), int(month), int(day))
        kind = "explicit"
    if value is None:
        return _make(match, kind, None, 1, warning=f"impossible date: {_text(match)}")
    future = published is not None and value > published + timedelta(days=1)
    return _make(match, kind, value, 1, future=future)


HIJRI_YEARS_END = 1500  # numeric years 1300-1499 are Hijri (1500 AH falls in 2076)


_NUMERIC_YEAR = r"(?:1[3-9]\d\d|20\d\d)"  # Gregorian, or Hijri 1300-1499
_NUMERIC = re.compile(
    r"(?<![\d/.-])(?:(?P<day>\d{1,2})\s*(?P<sep>[/.-])\s*(?P<month>\d{1,2})\s*(?P=sep)\s*"
    rf"(?P<year>{_NUMERIC_YEAR})|(?P<year2>{_NUMERIC_YEAR})(?P<sep2>[/-])(?P<month2>\d{{1,2}})"
    r"(?P=sep2)(?P<day2>\d{1,2}))(?![\d/.-])"
)


def _dateline(match: re.Match[str], published: date | None) -> TimeExpression | None:
    """A dateline's day and month: "دمشق 15 - 7 (اف ب)"."""
    day, month = int(match["day"]), int(match["month"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    value, warning, future = _day_month(day, month, match, published)
    return _make(match, "explicit", value, 1, warning=warning, future=future)


_DATELINE = re.compile(
    r"(?<![\d/.:-])" + _DAY + r"\s*[-/]\s*(?P<month>\d{1,2})(?![\d/.:-])(?=\s*\()"
)


def _of_this_month(match: re.Match[str], published: date | None) -> TimeExpression | None:
    """ "12 من الشهر الجاري", "الخامس من الشهر الماضي" ("من الشهر نفسه": another month)."""
    if match.group("same"):
        return _make(match, "anaphoric", None, 1)
    if published is None:
        return None
    reference = published
    if _group(match, "which") in PAST:
        reference = published.replace(day=1) - timedelta(days=1)
    value = _safe_date(reference.year, reference.month, _day_value(match))
    if value is None:
        return _make(match, "explicit", None, 1, warning=f"impossible date: {_text(match)}")
    return _make(match, "explicit", value, 1, future=value > published + timedelta(days=1))


_OF_THIS_MONTH = re.compile(
    _P
    + r"(?:(?P<lead>في|منذ|حتي|بتاريخ|تاريخ)\s+)?(?:(?:يوم|اليوم)\s+)?"
    + rf"(?:{_DAY}|(?P<ord>{_ORD}))\s*(?:من\s+)?(?:هذا\s+)?الشهر"
    + rf"(?:\s+(?P<which>{_PAST}|{_CURRENT})|\s+(?P<same>نفسه|ذاته))?"
    + _END
    + r"(?!\s+(?:الفضيل|المبارك|الكريم))"  # "التاسع من الشهر الفضيل": Ramadan
)


# -- months and weeks


def _month(match: re.Match[str], published: date | None) -> TimeExpression | None:
    """A month, with the words that make a month name a date ("في آذار", "نوفمبر الماضي")."""
    month = _month_number(match.group("month"))
    context = match.group("lead") or match.group("edge") or match.group("shahr")
    rel = _group(match, "rel")
    if _group(match, "month") in AMBIGUOUS_MONTHS and not (context or rel or _group(match, "year")):
        return None
    if _names_an_event(match):
        return _make(match, "name", None, 4)
    year, future = _month_year(month, match, published)
    if year is None:
        return None
    edge = _group(match, "edge")
    return _make(match, "month", _month_point(year, month, edge), 3, future=future)


def _month_year(
    month: int, match: re.Match[str], published: date | None
) -> tuple[int | None, bool]:
    """The year of a month named without a day, and whether it is still to come."""
    year, yrel, rel = _group(match, "year"), _group(match, "yrel"), _group(match, "rel")
    if year:
        value = int(year)
        future = published is not None and (value, month) > (published.year, published.month)
        return value, future
    if published is None:
        return None, False
    current = (published.year, published.month)
    if yrel:
        value = published.year + _year_shift(yrel)
        return value, (value, month) > current
    if rel in NEXT:
        value = published.year if month > published.month else published.year + 1
        return value, True
    if rel in PAST:
        return (published.year if month < published.month else published.year - 1), False
    return (published.year if month <= published.month else published.year - 1), False


def _month_point(year: int, month: int, edge: str | None) -> date:
    """ACLED: mid-month, or the first/last day when the report says beginning/end."""
    if edge in ("مطلع", "اوايل", "بدايه"):
        return date(year, month, 1)
    if edge in ("اواخر", "نهايه", "اخر"):
        following = date(year + month // 12, month % 12 + 1, 1)
        return following - timedelta(days=1)
    return date(year, month, 15)


_EDGE = r"(?P<edge>مطلع|اوايل|بدايه|اواسط|منتصف|اواخر|نهايه|اخر)"
_MONTH_RE = re.compile(
    _P
    + r"(?:(?P<lead>في|خلال|منذ|حتي|قبل|بعد|من|الي|بحلول|مع|طيله|طوال)\s+)?"
    + rf"(?:{_EDGE}\s+)?(?P<shahr>شهر\s+)?"
    + rf"(?P<month>{_MONTH}){_ALT_MONTH}?{_YEAR_Q}?(?:\s+(?P<rel>{_REL_WORD}))?"
    + _END
)


def _this_month(match: re.Match[str], published: date | None) -> TimeExpression | None:
    """ "الشهر الماضي", "مطلع الشهر", "نهاية الشهر الجاري": time_precision 3."""
    if published is None:
        return None
    which = _group(match, "which")
    edge = _group(match, "edge")
    if not which and not edge and not match.group("this"):
        return None
    reference = published
    if which in PAST:
        reference = published.replace(day=1) - timedelta(days=1)
    elif which in NEXT:
        reference = (published.replace(day=1) + timedelta(days=32)).replace(day=1)
    value = _month_point(reference.year, reference.month, edge)
    future = value > published + timedelta(days=1)
    if not future and which not in NEXT:
        value = min(value, published)
    return _make(match, "month", value, 3, future=future)


_THIS_MONTH = re.compile(
    _P
    + rf"(?:(?P<lead>في|خلال|منذ|حتي)\s+)?(?:{_EDGE}\s+)?(?P<this>هذا\s+)?"
    + rf"{_ART}شهر(?:\s+(?P<which>{_REL_WORD}))?"
    + r"(?!\s+(?:من|الفضيل|المبارك|الكريم))"
    + _END
)


def _week(match: re.Match[str], published: date | None) -> TimeExpression | None:
    """ "الأسبوع الماضي" (mid-week), "مطلع الأسبوع", "نهاية الأسبوع الماضي": time_precision 2."""
    if published is None:
        return None
    which = _group(match, "which")
    edge = _group(match, "edge")
    if which == "الماضيين":  # "the past two weeks": only the month is known
        return _make(match, "month", published - timedelta(days=7), 3)
    if not which and not edge and not match.group("this"):
        return None
    # ACLED weeks run Saturday to Friday; the gold takes the middle as Wednesday
    week_start = published - timedelta(days=(published.weekday() - 5) % 7)
    if which in PAST:
        week_start -= timedelta(days=7)
    elif which in NEXT:
        week_start += timedelta(days=7)
    offset = {"start": 1, "end": 6}.get(_EDGES.get(edge, ""), 4)
    value = week_start + timedelta(days=offset)
    if not which and value > published:  # "مطلع الأسبوع" on a Saturday: the one just past
        value -= timedelta(days=7)
    future = value > published + timedelta(days=1)
    if not future and which not in NEXT:
        value = min(value, published)
    return _make(match, "week", value, 2, future=future)


_EDGES = {
    "مطلع": "start",
    "اوايل": "start",
    "بدايه": "start",
    "اواخر": "end",
    "نهايه": "end",
    "اخر": "end",
    "عطله نهايه": "end",
}
_WEEK = re.compile(
    _P
    + r"(?:(?P<lead>في|خلال|منذ|حتي)\s+)?"
    + r"(?:(?P<edge>مطلع|اوايل|بدايه|اواسط|منتصف|اواخر|نهايه|اخر|عطله\s+نهايه)\s+)?"
    + rf"(?P<this>هذا\s+)?{_ART}(?:اسبوع|اسبوعين)"
    + rf"(?:\s+(?P<which>الماضيين|{_REL_WORD}))?"
    + _END
)


# -- counted spans: "منذ ثلاثة أيام", "خلال الـ24 ساعة الماضية"

_UNITS = {
    "day": ("يوم", "يوما", "يومين", "يومان", "ايام"),
    "week": ("اسبوع", "اسبوعا", "اسبوعين", "اسابيع"),
    "month": ("شهر", "شهرا", "شهرين", "اشهر", "شهور"),
    "year": ("عام", "عاما", "عامين", "اعوام", "سنه", "سنتين", "سنوات", "سنين"),
    "hour": ("ساعه", "ساعتين", "ساعات"),
}
_UNIT_OF = {word: unit for unit, forms in _UNITS.items() for word in forms}
_DAYS_PER = {"day": 1, "week": 7, "month": 30, "year": 365, "hour": 0}
_QUALIFIER = (
    r"(?:اكثر|اقل|نحو|حوالي|قرابه|زهاء|ما\s+يقارب|ما\s+يزيد|ما\s+لا\s+يقل)\s+(?:(?:من|عن)\s+)?"
)
_NUMBER = r"(?:\d+|[^\W\d_]+(?:\s+و[^\W\d_]+)?)"


def _ago(match: re.Match[str], published: date | None) -> TimeExpression | None:
    """ "منذ ثلاثة أيام", "قبل أسبوعين", "قبل أيام" (a week), "بعد 40 عاما" (the future)."""
    unit_word = _group(match, "unit")
    unit = _UNIT_OF[unit_word]
    count, vague = _count(_group(match, "n"), unit_word)
    if count is None:
        return None
    if match.group("of") is not None:
        return _make(match, "anaphoric", None, 1)
    if published is None:
        return None
    days = count * _DAYS_PER[unit] if unit != "hour" else count // 24
    if vague and unit == "day":
        if _group(match, "prep") == "منذ":  # "تشهد منذ أيام": still going on when reported
            earlier = tuple(published - timedelta(days=i) for i in range(1, 4))
            return _make(match, "ago", published, 1, alternatives=earlier)
        days = 3  # "قبل أيام": some day of the past week
    sign = 1 if _group(match, "prep") == "بعد" else -1
    value = _shift(published, unit, sign * count, sign * days)
    if value is None:
        return None
    precision = _span_precision(days, unit, vague)
    return _make(match, "ago", value, precision, future=sign > 0)


def _shift(published: date, unit: str, count: int, days: int) -> date | None:
    """``published`` moved by ``count`` calendar months or years, else by ``days`` days."""
    if unit not in ("month", "year"):
        try:
            return published + timedelta(days=days)
        except OverflowError:
            return None
    months = published.year * 12 + published.month - 1 + count * (12 if unit == "year" else 1)
    year, month = divmod(months, 12)
    return _safe_date(year, month + 1, published.day) or _safe_date(year, month + 1, 28)


def _count(number: str, unit_word: str) -> tuple[int | None, bool]:
    """How many units, and whether the number is vague ("عدة", "بضعة", none with a plural)."""
    implied = (
        2 if unit_word in ("يومين", "يومان", "اسبوعين", "شهرين", "عامين", "سنتين", "ساعتين") else 1
    )
    if not number:
        plural = unit_word in ("ايام", "اسابيع", "اشهر", "شهور", "اعوام", "سنوات", "سنين", "ساعات")
        return (3 if plural else implied), plural
    reading = read_number(tokenize(number), 0)
    if reading is None or implied == 2:
        return None, False
    return reading.value, reading.vague


def _span_precision(days: int, unit: str, vague: bool) -> int:
    """ACLED's time_precision for a day counted back: a day, a week, a month, or history."""
    if unit == "year" or days > 62:
        return 4
    if days >= 28 or (vague and unit in ("week", "month")):
        return 3
    return 2 if days >= 7 or vague else 1


_AGO = re.compile(
    r"(?<!\w)(?P<pro>[وف]?)(?P<prep>منذ|قبل|بعد)\s+(?:"
    + _QUALIFIER
    + r")?(?:(?P<n>"
    + _NUMBER
    + r")\s*)?(?P<unit>"
    + _alt(tuple(_UNIT_OF))
    + r")"
    + _END
    + r"(?!\s*\d)"  # "منذ عام 2004" is a year
    + r"(?P<of>(?=\s+من\s+(?!الان)))?"  # "بعد يومين من الهجوم": from another event
)


def _last_hours(match: re.Match[str], published: date | None) -> TimeExpression | None:
    """ "خلال الـ24 ساعة الماضية", "اليومين الماضيين": the days covered; "الأيام الماضية"."""
    if published is None:
        return None
    if match.group("few"):  # "خلال الأيام الماضية": some day of the past week
        return _make(match, "relative", published - timedelta(days=3), 2)
    days = 2 if match.group("two") else 1
    if match.group("hours"):
        reading = read_number(tokenize(match.group("hours")), 0)
        if reading is None or reading.vague:
            return None
        days = max(1, reading.value // 24)
    covered = tuple(published - timedelta(days=i) for i in range(days + 1))
    value = covered[days // 2]
    return _make(match, "relative", value, 1 if days <= 2 else 2, alternatives=covered)


_LAST_HOURS = re.compile(
    _P
    + r"(?:(?P<lead>خلال|في|طوال|علي\s+مدي|علي\s+مدار)\s+)?"
    + r"(?:(?:ال\s*)?(?P<hours>\d+|[^\W\d_]+(?:\s+و[^\W\d_]+)?)\s+ساعه|الساعات"
    + r"|(?P<two>اليومين)|(?P<few>الايام))"
    + r"\s+(?:القليله\s+)?(?:الماضيه|الاخيره|الماضيين|الاخيرين|المنصرمه|الفايته)"
    + _END
)


# -- weekdays and relative days


def _weekday(match: re.Match[str], published: date | None) -> TimeExpression | None:
    """ "مساء الاثنين", "الثلاثاء الماضي", "ليلة الأحد على الاثنين", "الأحد المقبل"."""
    weekday = WEEKDAYS["ال" + match.group("wd")]
    pod = PARTS_OF_DAY.get(_group(match, "pod"), "")
    rel = _group(match, "rel")
    if published is None:
        return _make(match, "weekday", None, 1, warning="weekday with no publication date")
    if rel in NEXT:
        ahead = (weekday - published.weekday()) % 7 or 7
        return _make(match, "weekday", published + timedelta(days=ahead), 1, future=True)
    second = match.group("wd2")
    if second:
        return _two_weekdays(match, weekday, WEEKDAYS["ال" + second], published, pod)
    back = (published.weekday() - weekday) % 7
    if back == 0 and rel:
        back = 7
    if rel.startswith("قبل"):
        back += 7
    value = published - timedelta(days=back)
    return _make(
        match, "weekday", value, 1, part_of_day=pod, alternatives=_night_alternatives(match, value)
    )


def _two_weekdays(
    match: re.Match[str], first: int, second: int, published: date, pod: str
) -> TimeExpression:
    """ "ليلة الأحد على الاثنين", "الجمعة والسبت": the first day, the second an alternative."""
    last = published - timedelta(days=(published.weekday() - second) % 7)
    value = last - timedelta(days=(second - first) % 7 or 7)
    return _make(match, "weekday", value, 1, part_of_day=pod, alternatives=(last,))


def _night_alternatives(match: re.Match[str], value: date) -> tuple[date, ...]:
    """ "ليلة الأحد" may be the eve of Sunday; "ليل الأحد" may run past midnight."""
    pod = _group(match, "pod")
    if pod == "ليله":
        return (value - timedelta(days=1),)
    return ()


_WEEKDAY = re.compile(
    _P
    + r"(?:(?P<lead>في|منذ|حتي)\s+)?"
    + _POD
    + r"?(?:يوم\s+)?ال(?P<wd>"
    + _WD
    + r")(?:\s*(?:علي|الي|-|/)\s*ال(?P<wd2>"
    + _WD
    + r"))?(?:\s+(?P<rel>قبل\s+الماضي|"
    + _PAST
    + "|"
    + _NEXT
    + r"))?"
    + _END
)

_RELATIVE_DAYS = {
    "اليوم": 0,
    "امس": -1,
    "الامس": -1,
    "البارحه": -1,
    "يوم امس": -1,
    "اول امس": -2,
    "اول من امس": -2,
    "امس الاول": -2,
    "غدا": 1,
    "الغد": 1,
    "يوم غد": 1,
    "بعد غد": 2,
}


def _relative_weekday(match: re.Match[str], published: date | None) -> TimeExpression | None:
    """ "اليوم الجمعة", "مساء أمس السبت": the weekday is taken, the relative day kept aside."""
    if published is None:
        return None
    anchor = published + timedelta(days=_RELATIVE_DAYS[_group(match, "rel")])
    weekday = WEEKDAYS["ال" + match.group("wd")]
    if anchor > published:
        value = anchor + timedelta(days=(weekday - anchor.weekday()) % 7)
    else:
        value = anchor - timedelta(days=(anchor.weekday() - weekday) % 7)
    warning = "" if value == anchor else f"weekday and relative day disagree: {_text(match)}"
    return _make(
        match,
        "relative",
        value,
        1,
        alternatives=(anchor,),
        part_of_day=PARTS_OF_DAY.get(_group(match, "pod"), ""),
        warning=warning,
        future=value > published,
    )


_REL = _alt(tuple(_RELATIVE_DAYS))
_RELATIVE_WEEKDAY = re.compile(
    _P + _POD + rf"?(?P<rel>{_REL})\s*[(,-]?\s*(?:يوم\s+)?ال(?P<wd>{_WD})\s*\)?" + _END
)


def _relative(match: re.Match[str], published: date | None) -> TimeExpression | None:
    """ "اليوم", "أمس", "فجر اليوم", "ليلة أمس", "الليلة الماضية", "غدا" (the future)."""
    if published is None:
        return None
    rel = _group(match, "rel")
    pod = PARTS_OF_DAY.get(_group(match, "pod"), "")
    if rel == "الليله الماضيه" or (pod == "night" and _RELATIVE_DAYS.get(rel) == -1):
        value = published - timedelta(days=1)
        return _make(match, "relative", value, 1, part_of_day="night", alternatives=(published,))
    offset = _RELATIVE_DAYS.get(rel, 0)
    value = published + timedelta(days=offset)
    return _make(match, "relative", value, 1, part_of_day=pod, future=offset > 0)


_RELATIVE = re.compile(
    _P
    + r"(?:(?P<lead>في|منذ|حتي)\s+)?"
    + _POD
    + rf"?(?P<rel>{_REL}|الليله\s+الماضيه|هذا\s+الصباح|هذا\s+المساء|هذه\s+الليله)"
    + _END
)


def _running(match: re.Match[str], published: date | None) -> TimeExpression | None:
    """ "لليوم الثالث على التوالي": the report's day, the days before it as alternatives."""
    if published is None:
        return None
    ordinal = _group(match, "rord")
    digits = ordinal.removeprefix("ال").strip()
    days = int(digits) if digits.isdigit() else ORDINALS.get(ordinal, 1)
    earlier = tuple(published - timedelta(days=i) for i in range(1, min(days, 7)))
    return _make(match, RUNNING, published, 1, alternatives=earlier)


RUNNING = "running"
_RUNNING = re.compile(
    r"(?<!\w)(?P<pro>[وف]?)لليوم\s+(?P<rord>" + _ORD + r"|ال\s*\d{1,3})(?:\s+علي\s+التوالي)?" + _END
)


def _anaphoric(match: re.Match[str], published: date | None) -> TimeExpression | None:
    """ "اليوم التالي", "في اليوم نفسه": a day counted from another event, not resolved."""
    return _make(match, "anaphoric", None, 1)


_ANAPHORIC = re.compile(
    _P
    + r"(?:(?P<lead>في|منذ|حتي)\s+)?"
    + rf"(?:{_ART}يوم\s+(?:التالي|السابق|نفسه|ذاته|الاخير|{_ORD})(?!\s+(?:من\s+)?(?:{_MONTH}))"
    + r"|(?:ذات|نفس|مثل\s+هذا|هذا)\s+اليوم|صبيحه\s+اليوم\s+التالي)"
    + _END
)

# names that contain a time word and are not time expressions: outlets, observances
_BLOCK = re.compile(
    r"(?<!\w)(?:[وفبل]?(?:روسيا|فلسطين|عين|المصري|تركيا|الجزاير)\s+اليوم|اليوم\s+السابع"
    r"|اليوم\s+(?:العالمي|الوطني|الدولي)|يوم\s+(?:الارض|القدس|النكبه|النكسه|الشهيد|عاشوراء"
    r"|عرفه|الغضب)|ليله\s+القدر|الربيع\s+العربي|ربيع\s+(?:دمشق|براغ|العربي))" + _END
)


def _night(match: re.Match[str], published: date | None) -> TimeExpression | None:
    """ "خلال الليل": the night before a morning report, or the day itself."""
    if published is None:
        return None
    value = published - timedelta(days=1)
    return _make(match, "relative", value, 1, part_of_day="night", alternatives=(published,))


_NIGHT = re.compile(
    r"(?<!\w)(?P<pro>[وف]?)(?P<lead>خلال|طوال)\s+(?:الليل|ساعات\s+الليل|ساعات\s+الفجر|الليله)"
    + _END
)


# -- history: seasons, decades, spans, years


def _season(match: re.Match[str], published: date | None) -> TimeExpression | None:
    """ "صيف 2019", "خلال الشتاء الماضي": vaguer than a month, so history (precision 4)."""
    middle = SEASONS[_group(match, "season")]
    context = match.group("lead") or match.group("edge") or match.group("fasl")
    rel, year = _group(match, "rel"), _group(match, "year")
    if not (context or rel or year):
        return None
    if year:
        value = date(int(year), middle, 15)
    elif published is None:
        return None
    else:
        value = _season_of(middle, rel, published)
    future = published is not None and value > published + timedelta(days=45)
    return _make(match, "season", value, 4, future=future)


def _season_of(middle: int, rel: str, published: date) -> date:
    """The season's most recent middle (or the next one after "المقبل")."""
    value = date(published.year, middle, 15)
    if rel in NEXT:
        return value if value > published + timedelta(days=45) else value.replace(value.year + 1)
    if value > published + timedelta(days=45) or (
        rel in PAST and value > published - timedelta(days=45)
    ):
        return value.replace(value.year - 1)
    return value


_SEASON = re.compile(
    _P
    + r"(?:(?P<lead>في|خلال|منذ|حتي|طيله|طوال|قبل|بعد)\s+)?"
    + r"(?:(?P<edge>مطلع|اوايل|بدايه|اواسط|منتصف|اواخر|نهايه)\s+)?(?P<fasl>فصل\s+)?"
    + r"(?:ال)?(?P<season>ربيع|صيف|خريف|شتاء)(?!\s+(?:الاول|الثاني|الاخر|العربي))"
    + rf"(?:\s+(?P<rel>{_REL_WORD})|\s*(?:(?:ال)?عام\s+)?(?P<year>{_YEAR_DIGITS})(?!\d))?"
    + _END
)


def _decade(match: re.Match[str], published: date | None) -> TimeExpression | None:
    """ "الستينيات", "القرن الماضي", "القرن التاسع عشر": history."""
    if match.group("decade"):
        decade = DECADES[match.group("decade")]
        century = 1800 if _group(match, "century") == "التاسع عشر" else 1900
        return _make(match, "span", date(century + 10 * decade + 5, 1, 1), 4)
    start = _CENTURIES.get(_group(match, "which"))
    if start is None:
        return None
    return _make(match, "span", date(start + 50, 1, 1), 4)


_CENTURIES = {"الماضي": 1900, "المنصرم": 1900, "العشرين": 1900, "التاسع عشر": 1800}


_DECADE = re.compile(
    _P
    + r"(?:(?P<lead>في|خلال|منذ|حتي)\s+)?(?:(?:مطلع|اوايل|بدايه|اواسط|منتصف|اواخر|نهايه)\s+)?"
    + rf"(?:{_ART}?(?P<decade>{_alt(DECADES)})(?:يات|ات)(?:\s+(?:من\s+)?القرن\s+"
    + r"(?P<century>الماضي|العشرين|التاسع\s+عشر|المنصرم))?"
    + r"|القرن\s+(?P<which>الماضي|العشرين|التاسع\s+عشر|الثامن\s+عشر))"
    + _END
    + r"(?!\s+من\s+(?:ال)?عمر)"  # "في الخمسينات من العمر" is an age
)


def _span(match: re.Match[str], published: date | None) -> TimeExpression | None:
    """A span of months or years ("خلال 3 أشهر", "منذ بدء النزاع"): totals, not one event."""
    ahead = "ahead" in match.re.groupindex and match.group("ahead") is not None
    return _make(match, "span", published, 4, future=ahead)


_SPAN = re.compile(
    r"(?<!\w)(?P<pro>[وف]?)(?:خلال|منذ|طوال|طيله|علي\s+مدي|علي\s+مدار|في)\s+"
    r"(?:(?:ال)?(?:\d+|[^\W\d_]+)\s+)?"
    r"(?:(?:ال)?(?:اشهر|شهور|سنوات|اعوام|سنين|عقود|الشهرين)(?:\s+(?:الماضيه|الاخيره|الماضيين"
    r"|الاخيرين|القليله\s+الماضيه|(?P<ahead>(?:القليله\s+)?(?:المقبله|القادمه))))?"
    r"|(?:بدايه|بدء|انطلاق|اندلاع)\s+(?:ال)?(?:نزاع|حرب|ازمه|صراع|ثوره|مواجهات|معارك|عمليه|"
    r"هجوم|احتجاجات|تظاهرات|حمله|اشتباكات|عدوان|تدخل))" + _END
)


# "الأسابيع الماضية", "خلال الأشهر الأخيرة": totals over several weeks or more, not one event
_PAST_PERIODS = re.compile(
    r"(?<!\w)(?P<pro>[وف]?)(?:(?:خلال|منذ|طوال|في)\s+)?"
    r"ال(?:اسابيع|اشهر|شهور|سنوات|اعوام)\s+(?:القليله\s+)?(?:الماضيه|الاخيره|المنصرمه)" + _END
)


SAME_PERIOD = "same_period"
# "خلال أسبوعين", "على مدى ثلاثة أيام": a toll or campaign over several days, not one day's act
_OVER_DAYS = re.compile(
    r"(?<!\w)(?P<pro>[وف]?)(?:خلال|طوال|طيله|علي\s+مدي|علي\s+مدار|في\s+غضون)\s+"
    r"(?:(?:\d+|[^\W\d_]+)\s+)?(?:ايام|يومين|اسابيع|اسبوعين)(?!\s+(?:الماضيه|الاخيره|المقبله))"
    + _END
)


# "خلال الفترة نفسها": the period the text named just before ("قتل 1450 مدنيا الأسابيع
# الماضية ... وخلال نفس الفترة قتل 50"); it takes that expression's date and precision
_SAME_PERIOD = re.compile(
    r"(?<!\w)(?P<pro>[وف]?)(?:(?:خلال|في|طوال)\s+)?"
    r"(?:نفس\s+(?:الفتره|المده)|(?:الفتره|المده)\s+(?:نفسها|ذاتها|عينها))" + _END
)


def _same_period(match: re.Match[str], published: date | None) -> TimeExpression | None:
    return _make(match, SAME_PERIOD, None, 4)


def _resolve_same_periods(found: list[TimeExpression]) -> list[TimeExpression]:
    """Each "same period" takes the date of the resolved expression before it (sorted input)."""
    resolved: list[TimeExpression] = []
    previous: TimeExpression | None = None
    for expression in found:
        if expression.kind == SAME_PERIOD and previous is not None:
            expression = replace(
                expression,
                value=previous.value,
                precision=previous.precision,
                alternatives=previous.alternatives,
            )
        elif expression.value is not None:
            previous = expression
        resolved.append(expression)
    return resolved


# "منذ مطلع العام": totals since the start of the year or month, not one event
_SINCE_START = re.compile(
    r"(?<!\w)(?P<pro>[وف]?)(?:منذ|خلال)\s+(?:بدايه|مطلع|اوايل|بدء)\s+(?:هذا\s+|هذه\s+)?"
    r"(?:العام|السنه|الشهر)(?:\s+(?:الجاري|الحالي|الجاريه|الحاليه))?" + _END
)


def _year(match: re.Match[str], published: date | None) -> TimeExpression | None:
    """A year ("عام 2014", "2003م", "العام الماضي"): history, not an event date."""
    yrel = _group(match, "yrel")
    if yrel:
        shift = _year_shift(yrel)
        if published is None or shift == 0:
            return None  # "this year" says nothing about the day
        value = date(published.year + shift, 7, 1)
        return _make(match, "year", value, 4, future=shift > 0)
    year = int(match.group("year") or match.group("bare"))
    if match.group("bare") and not _bare_year(match):
        return None
    if published is not None and year == published.year:
        return None  # "this year": says nothing about the day
    return _make(
        match, "year", date(year, 7, 1), 4, future=published is not None and year > published.year
    )


_NOT_YEAR_BEFORE = frozenset(
    fold(w)
    for w in (
        "القرار",
        "قرار",
        "رقم",
        "الرقم",
        "ميراج",
        "نحو",
        "حوالي",
        "قرابة",
        "زهاء",
        "يقارب",
        "أكثر",
        "أقل",
        "بلغ",
        "عدد",
        "طراز",
        "موديل",
    )
)
_COUNTED = re.compile(
    r"\s+(?:من\s+)?(?:ال)?(?:شخص|قتيل|مقاتل|عنصر|جندي|مدني|طفل|امراه|نساء|نازح|لاجي|عايله|اسره|منزل"
    r"|مبني|غاره|صاروخ|قذيفه|برميل|طن|كيلو|متر|كم|دولار|يورو|ليره|دينار|ريال|مسلح|معتقل|سجين|اسير"
    r"|جريح|مصاب|ضحيه|شهيد|عسكري|حاله|موظف|عامل|طالب|مواطن|سوري|عراقي|يمني|ليبي)"
)


def _bare_year(match: re.Match[str]) -> bool:
    """Whether a bare 4-digit number reads as a year (not "القرار 2254" or "2000 مقاتل")."""
    text = match.string
    before = text[max(0, match.start() - 20) : match.start()].split()
    if before and before[-1] in _NOT_YEAR_BEFORE:
        return False
    if len(before) > 1 and before[-1] == "من" and before[-2] in _NOT_YEAR_BEFORE:
        return False
    return _COUNTED.match(text, match.end()) is None


_YEAR = re.compile(
    _P
    + r"(?:(?P<lead>في|خلال|منذ|حتي|قبل|بعد)\s+)?"
    + r"(?:(?:ال)?(?:عام|سنه)\s+(?P<year>1\d\d\d|20\d\d)(?!\d)"
    + rf"|(?P<yrel>هذا\s+العام|هذه\s+السنه|{_ART}(?:عام|سنه)\s+{_REL_WORD})"
    + r"|(?<![\d/.:-])(?P<bare>(?:19|20)\d\d)(?![\d/:-]|\.\d))"
    + r"(?:\s*(?:م|ميلادي|ميلاديه)(?!\w))?"
    + _END
)


_REL_CUES = ("امس", "اليوم", "البارحه", "غد")
RULES: tuple[Rule, ...] = (
    Rule("hijri", _HIJRI, "H", _hijri, 50, 80),
    Rule("numeric", _NUMERIC, "N", _numeric, 1, 30),
    Rule("explicit", _EXPLICIT, "M", _explicit, 75, 80),
    Rule("of_this_month", _OF_THIS_MONTH, "T", _of_this_month, 45, 20),
    Rule("dateline", _DATELINE, "N", _dateline, 1, 20),
    Rule("month", _MONTH_RE, "M", _month, 30, 50),
    Rule("since_start", _SINCE_START, "AT", _span, 30, 25),
    Rule("this_month", _THIS_MONTH, "T", _this_month, 25, 20),
    Rule("week", _WEEK, "K", _week, 30, 20),
    Rule("last_hours", _LAST_HOURS, "O", _last_hours, 40, 30),
    Rule("ago", _AGO, "U", _ago, 45, 20, ("منذ", "قبل", "بعد")),
    Rule(RUNNING, _RUNNING, "R", _running, 15, 30, ("لليوم",)),
    Rule("anaphoric", _ANAPHORIC, "R", _anaphoric, 15, 25, ("ليوم", "ذات", "نفس")),
    Rule("relative_weekday", _RELATIVE_WEEKDAY, "W", _relative_weekday, 55, 12, _REL_CUES),
    Rule("weekday", _WEEKDAY, "W", _weekday, 50, 30),
    Rule("relative", _RELATIVE, "RP", _relative, 45, 25),
    Rule("night", _NIGHT, "P", _night, 20, 25),
    Rule("season", _SEASON, "S", _season, 30, 25),
    Rule("decade", _DECADE, "C", _decade, 30, 40),
    Rule("span", _SPAN, "L", _span, 30, 40),
    Rule("past_periods", _PAST_PERIODS, "L", _span, 30, 40),
    Rule("over_days", _OVER_DAYS, "D", _span, 30, 20),
    Rule(SAME_PERIOD, _SAME_PERIOD, "F", _same_period, 20, 20),
    Rule("year", _YEAR, "YA", _year, 20, 20),
)


# ------------------------------------------------------------------------------- anchors


def _with_article(words: set[str]) -> set[str]:
    """The words with and without the definite article."""
    return words | {"ال" + w for w in words}


ANCHOR_CLASSES: dict[str, set[str]] = {
    "M": {w for name in MONTHS for w in name.split()} - {"الاول", "الثاني"},  # months
    "H": {w for name in HIJRI_MONTHS for w in name.split()}  # Hijri months
    - {"الاول", "الثاني", "الاخر", "الاولي", "الاخره", "الثانيه", "ذو", "ذي"},
    "W": set(WEEKDAYS),
    "R": {"امس", "الامس", "البارحه", "اليوم", "غدا", "الغد", "غد"},  # relative days
    "P": set(PARTS_OF_DAY) | {"الليله", "الليل", "الصباح", "المساء", "الفجر"},  # parts of day
    "T": {"الشهر"},  # this month
    "K": _with_article({"اسبوع", "اسبوعين"}),  # weeks
    "O": {"ساعه", "ساعات", "الساعات", "اليومين", "الايام"},  # the last hours and days
    "U": _with_article(set(_UNIT_OF)),  # counted units
    "A": {"عام", "العام", "سنه", "السنه"},  # years by name
    "F": {"الفتره", "المده"},  # "the same period"
    "D": {"ايام", "يومين", "اسابيع", "اسبوعين"},  # several days
    "L": _with_article({"اشهر", "شهور", "سنوات", "اعوام", "سنين", "عقود", "الشهرين", "اسابيع"})
    | {"بدايه", "بدء", "انطلاق", "اندلاع"},  # spans
    "S": _with_article(set(SEASONS)),
    "C": {"القرن"} | {p + d + s for p in ("", "ال") for d in DECADES for s in ("يات", "ات")},
}


def _anchor_words() -> dict[str, str]:
    """Every word form (with proclitics) that anchors a rule, with its anchor classes."""
    table: dict[str, str] = {}
    for anchor, words in ANCHOR_CLASSES.items():
        for word in words:
            for form in _with_proclitics(word):
                table[form] = table.get(form, "") + anchor
    return table


def _with_proclitics(word: str) -> set[str]:
    """The word behind every proclitic chain news attaches ("امس" -> "وامس", "بالامس", ...)."""
    if word.startswith("ال"):
        base = word[2:]
        return {word} | {chain + base for chain, article in PROCLITICS if article}
    return {chain + word for chain, article in PROCLITICS if not article}


ANCHOR_WORDS = _anchor_words()
_ANCHOR_SET = frozenset(ANCHOR_WORDS)
_WORD = re.compile(r"[\u0621-\u064a]+")
_DIGITS = re.compile(r"\d+")
_DATE_SEPARATOR = re.compile(r"\s*[/.-]\s*\d")
_ENTITY = re.compile(r"&(?:amp;)?(?:[a-zA-Z]{2,8}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")
_WORD_SLACK = 40
_NOT_SPACE = re.compile(r"\S*")


def _anchor_spots(text: str) -> dict[str, list[int]]:
    """Offsets of every anchor word or digit group, by anchor class."""
    spots: dict[str, list[int]] = {}
    for word in _ANCHOR_SET.intersection(_WORD.findall(text)):
        classes = ANCHOR_WORDS[word]
        for at in _word_offsets(text, word):
            for anchor in classes:
                spots.setdefault(anchor, []).append(at)
    for match in _DIGITS.finditer(text):
        if len(match.group()) == 4:
            spots.setdefault("Y", []).append(match.start())
        if _DATE_SEPARATOR.match(text, match.end()):
            spots.setdefault("N", []).append(match.start())
        if not match.group().isascii():
            spots["X"] = []  # digits of another script: translated before matching
    return spots


def _word_offsets(text: str, word: str) -> Iterator[int]:
    """Offsets of ``word`` as a whole word of ``text``."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not _is_letter(text[at - 1])) and (
            end == len(text) or not _is_letter(text[end])
        ):
            yield at
        at = text.find(word, end)


def _is_letter(char: str) -> bool:
    """An Arabic letter (of the normalised text)."""
    return "\u0621" <= char <= "\u064a"


def _windows(text: str, spots: list[int], before: int, after: int) -> list[tuple[int, int]]:
    """Stretches of text around anchor spots, where a rule's pattern is tried.

    Running the patterns only there (not over the whole article) keeps this stage fast. A
    window neither starts nor ends inside a word (``(?!\\w)`` must see what follows) unless
    the word is implausibly long.
    """
    merged: list[tuple[int, int]] = []
    for spot in sorted(spots):
        start, end = max(0, spot - before), min(len(text), spot + after)
        if merged and start <= merged[-1][1] + _WORD_SLACK:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return [_whole_words(text, start, end) for start, end in merged]


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """The window widened to word boundaries (by at most ``_WORD_SLACK`` on each side)."""
    floor, limit = max(0, start - _WORD_SLACK), min(len(text), end + _WORD_SLACK)
    if start > 0 and not text[start - 1].isspace():
        start = max(text.rfind(" ", floor, start), text.rfind("\n", floor, start)) + 1 or floor
    word_end = _NOT_SPACE.match(text, end, limit)
    return start, word_end.end() if word_end else end


class _AsciiDigits(dict[int, str]):
    """A ``str.translate`` table: any decimal digit to its ASCII digit, else unchanged."""

    def __missing__(self, code: int) -> str:
        value = unicodedata.decimal(chr(code), None)
        if value is None:
            raise LookupError(code)
        return str(value)


_ASCII_DIGITS = _AsciiDigits()


def _clean(normalized: str) -> str:
    """HTML entities ("&nbsp;") blanked to spaces of the same length, so offsets hold."""
    if "&" not in normalized:
        return normalized
    return _ENTITY.sub(lambda m: " " * len(m.group()), normalized)


def find_time_expressions(normalized: str, published: date | None) -> list[TimeExpression]:
    """All time expressions of a normalised text, resolved, left to right, non-overlapping.

    Rules run in order (the more specific first); a later rule never takes text an earlier
    one took. Names such as "روسيا اليوم" are taken first and yield nothing.
    """
    text = _clean(normalized)
    spots = _anchor_spots(text)
    if "X" in spots:
        text = text.translate(_ASCII_DIGITS)  # one digit for one: offsets hold
    taken = bytearray(len(text))  # 1 where an earlier rule (or a blocked name) took the text
    if "R" in spots or "P" in spots or "S" in spots:
        for match in _BLOCK.finditer(text):
            _take(taken, match)
    found: list[TimeExpression] = []
    for rule in RULES:
        rule_spots = [at for anchor in rule.anchors for at in spots.get(anchor, ())]
        for start, end in _windows(text, rule_spots, rule.before, rule.after):
            if rule.cues and not any(cue in text[start:end] for cue in rule.cues):
                continue
            for match in rule.pattern.finditer(text, start, end):
                if taken.find(1, match.start(), match.end()) >= 0:
                    continue
                expression = _resolve(rule, match, published)
                if expression is not None:
                    found.append(expression)
                    _take(taken, match)
    found = [_since_span(text, _mark_reported(text, e), published) for e in found]
    return _resolve_same_periods(sorted(found, key=lambda e: e.start))


REPORTING = frozenset(
    fold(w)
    for w in (
        "أعلن",
        "أعلنت",
        "أعلنوا",
        "قال",
        "قالت",
        "قالوا",
        "أفاد",
        "أفادت",
        "ذكر",
        "ذكرت",
        "أكد",
        "أكدت",
        "أوضح",
        "أوضحت",
        "صرح",
        "صرحت",
        "نقل",
        "نقلت",
        "أشار",
        "أشارت",
        "أضاف",
        "أضافت",
        "كشف",
        "كشفت",
        "نشر",
        "نشرت",
        "بيان",
        "البيان",
        "بيانا",
        "تصريح",
        "تصريحات",
        "مؤتمر",
        # what a paper or channel published or aired: "الصحف الصادرة اليوم", "أوردته أمس"
        "الصادرة",
        "الصادر",
        "أورد",
        "أوردت",
        "أوردته",
        "أوردها",
        "نشرته",
        "نشرتها",
        "بثت",
        "بثته",
    )
)
_COMPLEMENTISERS = frozenset(("ان", "انه", "انها", "انهم", "بان", "بانه", "فان", "لان"))
_CLAUSE_BREAK = re.compile(r"[.,;:!?\"()\n]")


SINCE = re.compile(r"(?<!\w)[وف]?منذ\s*$")  # "منذ" just before the expression
SINCE_OPENING = re.compile(r"[وف]?منذ\s")  # or opening it
SINCE_SPAN_DAYS = 7


def _since_span(text: str, expression: TimeExpression, published: date | None) -> TimeExpression:
    """ "منذ أواخر مارس": a date more than a week back that something has gone on since is a
    span (totals and campaigns), not the day of one act; "منذ الجمعة" keeps its day."""
    if expression.value is None or published is None or expression.precision > 3:
        return expression
    opening = text[expression.start : expression.start + 8]
    before = text[max(0, expression.start - 8) : expression.start]
    since = SINCE.search(before) is not None or SINCE_OPENING.match(opening) is not None
    if since and (published - expression.value).days > SINCE_SPAN_DAYS:
        return replace(expression, kind="span", precision=4)
    return expression


def _mark_reported(text: str, expression: TimeExpression) -> TimeExpression:
    """Mark a date that follows a reporting word of its clause ("أعلنت السلطات الأحد")."""
    before = text[max(0, expression.start - 50) : expression.start]
    pieces = _CLAUSE_BREAK.split(before)
    if len(pieces) > 1 and not pieces[-1].strip():
        pieces.pop()  # "أعلن الجيش، الأحد، أن": the date set off by commas
    words = pieces[-1].split()[-4:] if pieces else []
    for word in reversed(words):
        if word in _COMPLEMENTISERS:
            return expression
        if word in REPORTING or (word[:1] in "وف" and word[1:] in REPORTING):
            return replace(expression, reported=True)
    return expression


def _resolve(rule: Rule, match: re.Match[str], published: date | None) -> TimeExpression | None:
    """The rule's reading of the match; a date beyond the calendar (year 10000) is a warning."""
    try:
        return rule.resolve(match, published)
    except (ValueError, OverflowError):
        return _make(match, rule.kind, None, 1, warning=f"date out of range: {_text(match)}")


def _take(taken: bytearray, match: re.Match[str]) -> None:
    """Mark the match's characters as taken."""
    taken[match.start() : match.end()] = b"\x01" * (match.end() - match.start())


def iter_dated(expressions: list[TimeExpression]) -> Iterator[TimeExpression]:
    """The expressions that resolved to a date usable for an event."""
    return (e for e in expressions if e.value is not None and e.precision <= 3 and not e.future)
