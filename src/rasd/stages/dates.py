"""Time expressions in Arabic news, resolved against the publication date.

Recognised (on normalised text): اليوم، أمس، البارحة، أول أمس; weekday names with and without
"يوم", parts of day (فجر، صباح، ظهر، عصر، مساء، ليل، ليلة الأحد على الاثنين) and
الماضي/الفائت/المقبل;
explicit dates with Gregorian, Syriac/Levantine and Maghrebi month names, in digits or ordinal
words ("الثامن من يوليو"); numeric dates (12/03/2021, 2021-03-12); Hijri dates (26 شوال 1436 هـ,
converted with hijridate); "الأسبوع الماضي" (time_precision 2, mid-week); months alone, "مطلع
الشهر", "الشهر الماضي" (time_precision 3); "منذ/قبل ثلاثة أيام"; bare years (history, not coded).

Resolution follows ../shared/ANNOTATION.md: a weekday is the latest such day on or before
``published`` (strictly before with "الماضي"); a day and month without a year take the latest
such date not after ``published``. A date that cannot exist (31 شباط) resolves to nothing, with
a warning, never to a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from hijridate import Hijri

from rasd.arabic import cores
from rasd.numbers import word_value
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
    )
}

PARTS_OF_DAY: dict[str, str] = {
    fold(w): p
    for w, p in (
        ("فجر", "dawn"),
        ("صباح", "morning"),
        ("ظهر", "noon"),
        ("ظهيرة", "noon"),
        ("عصر", "afternoon"),
        ("مساء", "evening"),
        ("ليل", "night"),
        ("ليلة", "night"),
        ("منتصف ليل", "night"),
        ("منتصف ليلة", "night"),
        ("فجر يوم", "dawn"),
        ("صباح يوم", "morning"),
        ("مساء يوم", "evening"),
        ("ظهر يوم", "noon"),
    )
}


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A resolved time expression; offsets are into the normalised text."""

    start: int
    end: int
    kind: str
    value: date | None
    precision: int
    alternatives: tuple[date, ...] = ()
    part_of_day: str = ""
    warning: str = ""
    future: bool = False


@dataclass(frozen=True, slots=True)
class DateChoice:
    """The date of an event with its precision and the expression that gave it."""

    value: date | None
    precision: int
    expression: TimeExpression | None = None
    alternatives: tuple[date, ...] = ()
    warnings: tuple[str, ...] = field(default_factory=tuple)


def _alt(words: Mapping[str, object]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_P = r"(?:^|(?<=[^\w]))(?:[وفب]|ل|بال|وبال|وال|فال|ال)?"  # proclitics before a date word
_END = r"(?![\w])"
_MONTH = _alt(MONTHS)
_HMONTH = _alt(HIJRI_MONTHS)
_ORD = _alt(ORDINALS)
_WD = _alt({w[2:]: 0 for w in WEEKDAYS})  # without the article
_POD = _alt(PARTS_OF_DAY)
_DAYNUM = r"(?P<day>[0-9]{1,2})"
_YEAR = r"(?P<year>(?:19|20)[0-9]{2})"

PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "hijri",
        re.compile(
            _P
            + _DAYNUM
            + r"\s*(?:من\s+)?(?:شهر\s+)?(?P<month>"
            + _HMONTH
            + r")\s+(?P<hyear>1[34][0-9]{2})"
            r"\s*(?:ه|هـ|هجري|للهجره)?" + _END
        ),
    ),
    (
        "numeric",
        re.compile(
            r"(?<![0-9/.-])(?P<day>[0-9]{1,2})\s*[/.-]\s*(?P<month>[0-9]{1,2})\s*[/.-]\s*"
            + _YEAR
            + r"(?![0-9])"
        ),
    ),
    ("iso", re.compile(r"(?<![0-9])" + _YEAR + r"-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})(?![0-9])")),
    (
        "explicit",
        re.compile(
            _P + r"(?:(?P<wd>" + _WD + r")\s+)?" + r"(?:" + _DAYNUM + r"|(?P<ord>" + _ORD + r"))"
            r"\s*(?:من\s+)?(?:شهر\s+)?(?P<month>" + _MONTH + r")(?:\s*/\s*(?:" + _MONTH + r"))?"
            r"(?:\s*(?:من\s+)?(?:عام|العام|سنه)?\s*" + _YEAR + r")?" + _END
        ),
    ),
    (
        "month",
        re.compile(
            r"(?:^|(?<=[^\w]))(?:[وفب])?(?:(?:(?P<edge>مطلع|اوايل|بدايه|اواسط|منتصف|اواخر|نهايه|اخر)"
            r"|في|خلال|منذ|حتي|شهر)\s+)+(?:شهر\s+)?"
            r"(?P<month>" + _MONTH + r")(?:\s*/\s*(?:" + _MONTH + r"))?"
            r"(?:\s*(?:من\s+)?(?:عام|العام)?\s*"
            + _YEAR
            + r")?(?P<past>\s+(?:الماضي|المنصرم|الفايت))?"
            + _END
        ),
    ),
    (
        "this_month",
        re.compile(
            _P + r"(?:(?P<edge>مطلع|اوايل|بدايه|اواسط|منتصف|اواخر|نهايه)\s+)?"
            r"الشهر\s+(?P<which>الماضي|المنصرم|الفايت|الحالي|الجاري)" + _END
        ),
    ),
    (
        "week",
        re.compile(
            _P
            + r"(?:خلال\s+)?(?:الاسبوع|الاسبوعين)\s+(?P<which>الماضي|المنصرم|الفايت|الحالي|الجاري"
            r"|الماضيين)" + _END
        ),
    ),
    (
        "ago",
        re.compile(
            r"(?:^|(?<=[^\w]))(?P<prep>منذ|قبل)\s+(?P<n>[0-9]+|[^\s]+)?\s*(?P<unit>يوم|يومين|ايام|اسبوع"
            r"|اسبوعين|اسابيع|شهر|شهرين|اشهر|شهور)" + _END
        ),
    ),
    (
        "weekday",
        re.compile(
            r"(?:^|(?<=[^\w]))(?:[وفبل])?(?:(?P<pod>"
            + _POD
            + r")\s+)?(?:يوم\s+)?ال(?P<wd>"
            + _WD
            + r")"
            r"(?:\s+(?:علي|الي)\s+ال(?:" + _WD + r"))?"
            r"(?P<rel>\s+(?:الماضي|الفايت|المنصرم|المقبل|القادم))?" + _END
        ),
    ),
    (
        "relative",
        re.compile(
            _P + r"(?:(?P<pod>" + _POD + r")\s+)?(?P<rel>اول\s+من\s+امس|اول\s+امس|امس|الامس|البارحه"
            r"|اليوم|الليله\s+الماضيه|هذا\s+الصباح|هذا\s+المساء|هذه\s+الليله)" + _END
        ),
    ),
    (
        "night",
        re.compile(_P + r"(?:خلال|طوال)\s+(?:الليل|ساعات\s+الليل|ساعات\s+الفجر|الليله)" + _END),
    ),
    (
        "span",
        re.compile(
            r"(?:^|(?<=[^\w]))(?:خلال|منذ|طوال|علي مدي|في)\s+(?:(?:ال)?(?:[0-9]+|[^\s]+)\s+)?"
            r"(?:(?:ال)?(?:اشهر|شهور|سنوات|اعوام|سنين|عقود)|(?:ال)?(?:سنه|عام|شهر)\s+(?:الماضي|الماضيه)"
            r"|(?:بدايه|بدء|انطلاق|اندلاع)\s+(?:ال)?(?:نزاع|حرب|ازمه|صراع|ثوره|مواجهات|معارك|عمليه|"
            r"هجوم|احتجاجات|تظاهرات|حمله|اشتباكات|عدوان|تدخل))" + _END
        ),
    ),
    ("year", re.compile(r"(?<![0-9/.:-])" + _YEAR + r"(?![0-9/:-])")),
)


KEYWORDS = frozenset(
    {w for name in (*MONTHS, *HIJRI_MONTHS, *WEEKDAYS, *PARTS_OF_DAY) for w in name.split()}
    | {
        fold(w)
        for w in (
            "أمس",
            "الأمس",
            "اليوم",
            "البارحة",
            "الليلة",
            "الليل",
            "الأسبوع",
            "الأسبوعين",
            "الشهر",
            "شهر",
            "منذ",
            "قبل",
            "خلال",
            "طوال",
            "مدى",
            "يوم",
            "يومين",
            "أيام",
            "أشهر",
            "شهور",
            "سنوات",
            "أعوام",
            "عام",
            "العام",
            "سنة",
            "الماضي",
            "هذا",
            "هذه",
            "بداية",
            "بدء",
            "اندلاع",
            "انطلاق",
            "مطلع",
            "أواخر",
            "أوائل",
            "منتصف",
            "نهاية",
            "أسبوع",
            "أسابيع",
            "سنين",
            "عقود",
        )
    }
)
_WINDOW_BEFORE, _WINDOW_AFTER = 45, 70


def _windows(normalized: str) -> list[tuple[int, int]]:
    """Stretches of text around date keywords and digits, where the patterns are tried.

    Running the patterns only there (not over the whole article) keeps this stage fast.
    """
    spots = [m.start() for m in _WORD.finditer(normalized) if _is_keyword(m.group())]
    spots += [m.start() for m in _DIGITS.finditer(normalized)]
    merged: list[tuple[int, int]] = []
    for spot in sorted(spots):
        start, end = max(0, spot - _WINDOW_BEFORE), min(len(normalized), spot + _WINDOW_AFTER)
        while end < len(normalized) and not normalized[end].isspace():
            end += 1  # never cut a word: "(?!\w)" must see what follows
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _is_keyword(word: str) -> bool:
    return word in KEYWORDS or not cores(word).isdisjoint(KEYWORDS)


_WORD = re.compile(r"[\u0621-\u064a]+")
_DIGITS = re.compile(r"[0-9]+")


def find_time_expressions(normalized: str, published: date | None) -> list[TimeExpression]:
    """All time expressions of a normalised text, resolved, left to right, non-overlapping."""
    found: list[TimeExpression] = []
    taken: list[tuple[int, int]] = []
    windows = _windows(normalized)
    for kind, pattern in PATTERNS:
        for start, end in windows:
            for match in pattern.finditer(normalized, start, end):
                span = (match.start(), match.end())
                if any(s < span[1] and span[0] < e for s, e in taken):
                    continue
                expression = _resolve(kind, match, published)
                if expression is not None:
                    found.append(expression)
                    taken.append(span)
    return sorted(found, key=lambda e: e.start)


def _resolve(kind: str, match: re.Match[str], published: date | None) -> TimeExpression | None:
    resolver = _RESOLVERS[kind]
    return resolver(match, published)


def _expression(
    match: re.Match[str], kind: str, value: date | None, precision: int, **extra: object
) -> TimeExpression:
    start = match.start()
    text = match.group()
    start += len(text) - len(text.lstrip())
    return TimeExpression(start, match.end(), kind, value, precision, **extra)  # type: ignore[arg-type]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _latest_not_after(month: int, day: int, published: date) -> date | None:
    for year in (published.year, published.year - 1):
        candidate = _safe_date(year, month, day)
        if candidate is not None and candidate <= published + timedelta(days=1):
            return candidate
    return None


def _explicit(match: re.Match[str], published: date | None) -> TimeExpression | None:
    groups = match.groupdict()
    day = int(groups["day"]) if groups.get("day") else ORDINALS.get(groups.get("ord") or "", 0)
    month = MONTHS.get(" ".join(groups["month"].split()), 0)
    if groups.get("year"):
        value = _safe_date(int(groups["year"]), month, day)
    elif published is not None:
        value = _latest_not_after(month, day, published)
    else:
        return _expression(
            match,
            "explicit",
            None,
            1,
            warning="day and month without a year and no publication date",
        )
    if value is None:
        return _expression(match, "explicit", None, 1, warning=f"impossible date: {match.group()}")
    return _expression(match, "explicit", value, 1)


def _numeric(match: re.Match[str], published: date | None) -> TimeExpression | None:
    groups = match.groupdict()
    value = _safe_date(int(groups["year"]), int(groups["month"]), int(groups["day"]))
    if value is None:
        return None
    return _expression(match, "explicit", value, 1)


def _hijri(match: re.Match[str], published: date | None) -> TimeExpression | None:
    groups = match.groupdict()
    month = HIJRI_MONTHS.get(" ".join(groups["month"].split()), 0)
    try:
        value = Hijri(int(groups["hyear"]), month, int(groups["day"])).to_gregorian()
    except (ValueError, OverflowError):
        return _expression(
            match, "hijri", None, 1, warning=f"impossible Hijri date: {match.group()}"
        )
    return _expression(match, "hijri", date(value.year, value.month, value.day), 1)


def _month(match: re.Match[str], published: date | None) -> TimeExpression | None:
    groups = match.groupdict()
    month = MONTHS.get(" ".join(groups["month"].split()), 0)
    if groups.get("year"):
        year = int(groups["year"])
    elif published is not None:
        year = published.year if month <= published.month else published.year - 1
    else:
        return None
    return _expression(match, "month", _month_point(year, month, groups.get("edge")), 3)


def _month_point(year: int, month: int, edge: str | None) -> date:
    """ACLED: mid-month, or the first/last day when the report says beginning/end."""
    if edge in ("مطلع", "اوايل", "بدايه"):
        return date(year, month, 1)
    if edge in ("اواخر", "نهايه", "اخر"):
        following = date(year + month // 12, month % 12 + 1, 1)
        return following - timedelta(days=1)
    return date(year, month, 15)


def _this_month(match: re.Match[str], published: date | None) -> TimeExpression | None:
    if published is None:
        return None
    groups = match.groupdict()
    reference = published
    if groups["which"] in ("الماضي", "المنصرم", "الفايت"):
        reference = published.replace(day=1) - timedelta(days=1)
    value = _month_point(reference.year, reference.month, groups.get("edge"))
    return _expression(match, "month", min(value, published), 3)


def _week(match: re.Match[str], published: date | None) -> TimeExpression | None:
    if published is None:
        return None
    which = match.group("which")
    if which == "الماضيين":  # "the past two weeks": only the month is known
        return _expression(match, "month", published - timedelta(days=7), 3)
    # ACLED weeks run Saturday to Friday; the middle is Tuesday/Wednesday
    week_start = published - timedelta(days=(published.weekday() - 5) % 7)
    if which not in ("الحالي", "الجاري"):
        week_start -= timedelta(days=7)
    # the gold conventions take the middle of the week as Wednesday (ANNOTATION.md)
    value = min(week_start + timedelta(days=4), published)
    return _expression(match, "week", value, 2)


def _ago(match: re.Match[str], published: date | None) -> TimeExpression | None:
    if published is None:
        return None
    groups = match.groupdict()
    unit = groups["unit"]
    count = 2 if unit in ("يومين", "اسبوعين", "شهرين") else 1
    if groups.get("n"):
        value = word_value(groups["n"])
        if value is None and unit in ("يومين", "اسبوعين", "شهرين", "يوم", "اسبوع", "شهر"):
            return None
        count = value or count
    days = count * (
        1
        if unit.startswith("يوم") or unit == "ايام"
        else 7
        if "سبوع" in unit or unit == "اسابيع"
        else 30
    )
    precision = 1 if days < 7 else 2 if days < 30 else 3
    return _expression(match, "ago", published - timedelta(days=days), precision)


def _weekday(match: re.Match[str], published: date | None) -> TimeExpression | None:
    groups = match.groupdict()
    weekday = WEEKDAYS["ال" + groups["wd"]]
    pod = PARTS_OF_DAY.get(" ".join((groups.get("pod") or "").split()), "")
    rel = (groups.get("rel") or "").strip()
    if rel in ("المقبل", "القادم"):
        return _expression(match, "weekday", None, 1, future=True)
    if published is None:
        return _expression(match, "weekday", None, 1, warning="weekday with no publication date")
    back = (published.weekday() - weekday) % 7
    if back == 0 and rel:
        back = 7
    value = published - timedelta(days=back)
    alternatives = (
        (value + timedelta(days=1),) if "علي" in match.group() or "الي" in match.group() else ()
    )
    return _expression(match, "weekday", value, 1, part_of_day=pod, alternatives=alternatives)


def _relative(match: re.Match[str], published: date | None) -> TimeExpression | None:
    if published is None:
        return None
    rel = " ".join(match.group("rel").split())
    pod = PARTS_OF_DAY.get(" ".join((match.group("pod") or "").split()), "")
    if rel in ("اول من امس", "اول امس"):
        return _expression(match, "relative", published - timedelta(days=2), 1, part_of_day=pod)
    if rel in ("امس", "الامس", "البارحه"):
        return _expression(match, "relative", published - timedelta(days=1), 1, part_of_day=pod)
    if rel == "الليله الماضيه":
        return _expression(
            match,
            "relative",
            published - timedelta(days=1),
            1,
            part_of_day="night",
            alternatives=(published,),
        )
    return _expression(match, "relative", published, 1, part_of_day=pod)


def _night(match: re.Match[str], published: date | None) -> TimeExpression | None:
    if published is None:
        return None
    return _expression(
        match,
        "relative",
        published - timedelta(days=1),
        1,
        part_of_day="night",
        alternatives=(published,),
    )


def _year(match: re.Match[str], published: date | None) -> TimeExpression | None:
    year = int(match.group("year"))
    if published is not None and year == published.year:
        return None  # "this year": says nothing about the day
    return _expression(match, "year", date(year, 7, 1), 4)


def _span(match: re.Match[str], published: date | None) -> TimeExpression | None:
    """A span of months or years ("خلال 3 أشهر", "منذ بدء النزاع"): totals, not one event."""
    return _expression(match, "span", published, 4)


_RESOLVERS = {
    "hijri": _hijri,
    "numeric": _numeric,
    "iso": _numeric,
    "explicit": _explicit,
    "month": _month,
    "this_month": _this_month,
    "week": _week,
    "ago": _ago,
    "weekday": _weekday,
    "relative": _relative,
    "night": _night,
    "year": _year,
    "span": _span,
}


def iter_dated(expressions: list[TimeExpression]) -> Iterator[TimeExpression]:
    """The expressions that resolved to a date usable for an event."""
    return (e for e in expressions if e.value is not None and e.precision <= 3 and not e.future)
