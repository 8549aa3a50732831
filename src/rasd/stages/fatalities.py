"""Fatalities by ACLED's rules: reported deaths in this event only, the lowest figure.

Counts a number only when a death word governs it ("مقتل 12", "12 قتيلا", "لقي 3 مصرعهم",
"أودى بحياة سبعة"), never an injury count ("إصابة 8", "20 جريحا") or a combined toll ("15 بين
قتيل وجريح" -> 0). Vague words take ACLED's figures (عدد من/قتلى -> 3, عشرات -> 12, مئات -> 100);
a single death noun counts one ("مقتل شخص", "قتيل"), a dual two ("قتيلين", "جنديين").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from rasd.arabic import Token, analyses, cores, entry_words
from rasd.numbers import DUAL_PEOPLE, read_number, word_value
from rasd.stages.classify import TriggerMention
from rasd.stages.dates import MONTHS, PARTS_OF_DAY, WEEKDAYS
from rasd.stages.normalize import fold, words

# one person, by role or by nationality ("قتل فلسطيني"; the accusative forms that are also
# country names, "سوريا", "تركيا", "ليبيا", are left out)
SINGULAR_VICTIMS = words(
    """
    شخص، شخصا، مدني، مدنيا، طفل، طفلا، امرأة، رجل، رجلا، جندي، جنديا، عنصر، عنصرا، مقاتل،
    مقاتلا، شاب، شابا، ضابط، ضابطا، قيادي، قياديا، مسلح، مسلحا، شرطي، شرطيا، عسكري، عسكريا،
    القيادي، الناشطة، الناشط، قتيل، قتيلا، العضو، القائد، قائد، المقاتلة، المقاتل، مواطن،
    مواطنا، قتيلة، طفلة، فتاة، سيدة، صحفي، صحفيا، ناشط، ناشطة، أحد، احد، مقيم، مقيما، عامل،
    عاملا، لاجئ، لاجئا، مسعف، مسعفا، مسعفة، طبيب، طبيبا، سائق، سائقا، معلم، معلما، راع، تاجر،
    أحدهما، أحدهم، إحداهما، إحداهن، أحدها، متظاهر، متظاهرا، محتج، محتجا،
    فلسطيني، فلسطينيا، سوري، عراقي، عراقيا، يمني، يمنيا، لبناني، لبنانيا، ليبي، مصري، مصريا،
    أردني، أردنيا، كردي، كرديا، إسرائيلي، إسرائيليا، تركي، سعودي، سعوديا، مستوطن، مستوطنا،
    فتى، صبي، صبيا، رضيع، رضيعا، مسن، مسنا، طالب، طالبا، مزارع، مزارعا، أسير، أسيرا، معتقل،
    معتقلا، سجين، سجينا
"""
)
# "واستشهد مساء الأحد الأسير": a time phrase may stand between the death verb and its victim
TIME_WORDS = words("يوم، أمس، اليوم، ليلة") | frozenset(PARTS_OF_DAY) | frozenset(WEEKDAYS)
TIME_GAP = 2
COMBINED = words(
    """
    بين قتيل وجريح، قتيل وجريح، قتيلا وجريحا، وجريح، وجريحا
"""
)
VAGUE_DEATHS = {
    fold(w): n
    for w, n in (
        ("قتلى", 3),
        ("القتلى", 3),
        ("ضحايا", 3),
        ("الضحايا", 3),
        ("شهداء", 3),
    )
}
DUAL_DEATHS = words("قتيلين، قتيلان، جثتين، جثتان، جثتي، جثتا")  # "جثتي شرطيين": two bodies
NOT_PEOPLE = words(
    """
    جريمة، جرائم، انتهاك، انتهاكات، قذيفة، قذائف، صاروخ، صواريخ، صاروخا، غارة، غارات، ضربة،
    ضربات، منزل، منازل، كلم، كيلومتر، كيلومترا، كيلومترات، متر، مترا، أمتار، عاما، عام، أعوام،
    سنة، سنوات، سنين، يوما، أيام، ساعة، ساعات، دقيقة، دقائق، شهرا، أشهر، أسبوعا، دولار، دولارا،
    مليون، مليار، طن، أطنان، برميل، براميل، حافلة، حافلات، سيارة، سيارات، مبنى، مباني، قرية،
    قرى، بلدة، بلدات، موقع، مواقع، نقطة، نقاط، هجوما، هجمات، عملية، عمليات، حالة، حالات، بالمئة،
    بالمائة، في المئة، درجة، ألف، آلاف، عبوة، عبوات، لغم، ألغام، طائرة، طائرات، نسمة، مشيع، مشيعين،
    مشيعون
"""
)
# people counted in crowds ("آلاف النازحين", "500 متظاهر"): a small number of them near a death
# word is a toll ("لقي ثلاثة لاجئين مصرعهم"), a large one a crowd
CROWD_NOUNS = words(
    """
    نازح، نازحين، نازحون، لاجئ، لاجئين، لاجئون، مهجر، مهجرين، متظاهر، متظاهرين، متظاهرون،
    محتج، محتجين، محتجون، معتقل، معتقلين، معتقلون، أسير، أسرى، مفقود، مفقودين
"""
)
SUBSET_WORDS = words("بينهم، منهم، بينهما، بينهن، ومنهم، وبينهم")
PASSIVE_SINGULAR = words("قتل، وقتل، استشهد، واستشهد")
PASSIVE_CAUSE_LINKS = words("في، جراء، إثر، اثر، بنيران، برصاص، خلال، بقصف، بغارة، بانفجار")
AT_ONCE = words("الفور، فورا، الحال")
THE_REST = words("الباقون، الباقين، البقية")
# "others" after the dead: people besides those a report already counted
OTHERS = words("آخر، آخرين، آخران، آخرون، أخرى، أخريات، آخرتين، أخريين")
OTHERS_REACH = 2
PARTITION_REACH = 12
YEAR_WORDS = words("عام، العام، سنة، السنة، لعام")
MAX_CROWD_TOLL = 50
VAGUE_THOUSANDS = words("آلاف، الآلاف، بالآلاف، ألوف")
# "سنة 1415هـ", "عام 2015م": the letter after the figure marks a year of an era
ERA_MARKS = frozenset({"ه", "م"})
MAX_TOLL = 5000  # larger figures in news are totals over months or years, not one event
WINDOW = 5
BACK_WINDOW = 8  # "ستة أشخاص من حلفاء النظام غير السوريين قتلوا"


@dataclass(frozen=True, slots=True)
class FatalityCount:
    """A death figure and the tokens that state it."""

    value: int
    first: int
    last: int
    vague: bool = False
    reported: int = 0
    """The toll as stated when it was divided over several places (else 0)."""
    places: int = 1
    more: bool = False
    """Counts others than a toll already told ("وقتل جنديان آخران"): added, not compared."""

    # written out: mypyc compiles this one, not the one @dataclass generates (see rasd.types)
    def __init__(
        self,
        value: int,
        first: int,
        last: int,
        vague: bool = False,
        reported: int = 0,
        places: int = 1,
        more: bool = False,
    ) -> None:
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "first", first)
        object.__setattr__(self, "last", last)
        object.__setattr__(self, "vague", vague)
        object.__setattr__(self, "reported", reported)
        object.__setattr__(self, "places", places)
        object.__setattr__(self, "more", more)


def split_toll(count: FatalityCount | None, places: int) -> list[FatalityCount | None]:
    """One toll reported for several places, divided evenly, the odd remainder to the first
    (ACLED): 7 dead in two towns are 4 and 3."""
    if count is None or places <= 1 or count.value == 0:
        return [count] * max(places, 1)
    share, rest = divmod(count.value, places)
    return [
        replace(count, value=share + (1 if k < rest else 0), reported=count.value, places=places)
        for k in range(places)
    ]


def _number_near(
    tokens: Sequence[Token], lo: int, hi: int, injuries: set[int]
) -> FatalityCount | None:
    """The first number in tokens ``[lo, hi]`` that no injury word claims, before "بينهم"
    ("سقوط قتلى بينهم أحد القادة": what follows counts part of the dead, not all) and before
    a wounded item joined by "و" ("مقتل جندي وإصابة عسكريين اثنين": the two are wounded)."""
    i = lo
    while i <= hi:
        if tokens[i].text in SUBSET_WORDS:
            return None
        if i > lo and i in injuries and tokens[i].text.startswith("و"):
            return None
        reading = read_number(tokens, i)
        if (
            reading is not None
            and not _is_injury_number(tokens, reading.first, reading.last, injuries)
            and _counts_people(tokens, reading.last, reading.value)
        ):
            return FatalityCount(reading.value, reading.first, reading.last, reading.vague)
        i = (reading.last + 1) if reading else i + 1
    return None


def _counts_people(tokens: Sequence[Token], last: int, value: int) -> bool:
    """Not "39537 جريمة", "20 قذيفة", "12 كلم", "27 عاما": a count of things, not of dead;
    not "الآلاف" alone, which news writes of crowds ("وشارك الآلاف في تشييع"); not a day of
    a month ("28 يونيو") or a year ("عام 2005")."""
    if value > MAX_TOLL or (value >= 1000 and tokens[last].text in VAGUE_THOUSANDS):
        return False
    following = tokens[last + 1].text if last + 1 < len(tokens) else ""
    before = tokens[last - 1].text if last > 0 else ""
    # "عملية سيناء 2018، التي": a year-like figure with no indefinite noun to count
    a_year = 1900 <= value <= 2100 and (
        before in YEAR_WORDS or before in MONTHS or following.startswith("ال") or not following
    )
    if following in MONTHS or following in ERA_MARKS or a_year:
        return False
    if cores(following) & CROWD_NOUNS:
        return value <= MAX_CROWD_TOLL
    return not (cores(following) & NOT_PEOPLE)


def _is_injury_number(tokens: Sequence[Token], first: int, last: int, injuries: set[int]) -> bool:
    """ "إصابة 12", "12 جريحا", "12 شخصا بجروح" count the wounded; in "مقتل 43 شخصا وإصابة 173"
    the "وإصابة" opens the next item, as "وجرح" does in "مقتل عسكريين اثنين وجرح أربعة"."""
    following = tokens[last + 1].text if last + 1 < len(tokens) else ""
    after = [] if following.startswith("و") else [last + 1]
    then = tokens[last + 2].text if last + 2 < len(tokens) else "و"
    if after and not then.startswith("و"):
        after.append(last + 2)
    near = first - 1 in injuries or any(j in injuries for j in after)
    return near and not any(j in injuries for j in range(first - 3, first - 1))


def count_fatalities(
    tokens: Sequence[Token],
    first: int,
    last: int,
    cues: Sequence[TriggerMention],
) -> FatalityCount | None:
    """Deaths stated in tokens ``[first, last]`` (a clause and its outcome clauses)."""
    deaths = [
        c
        for c in cues
        if "death" in c.groups
        and first <= c.first <= last
        and not _negated(tokens, first, c)
        and not _in_a_name(tokens, c)
        and not _eliminating_no_count(tokens, c)
    ]
    injuries = {j for c in cues if "injury" in c.groups for j in range(c.first, c.last + 1)}
    if not deaths:
        return None
    text = " ".join(t.text for t in tokens[first : last + 1])
    if any(phrase in text for phrase in COMBINED) and not _separate_tolls(text):
        return FatalityCount(0, deaths[0].first, deaths[0].last)
    joint = _one_figure_for_both(tokens, deaths)
    if joint is not None:
        return joint
    if _part_then_the_rest(tokens, first, last, deaths):
        # "قتلت 20 شخصا على الفور وقتل الباقون في وقت لاحق": a part of the toll stated
        # elsewhere; this clause states no total
        return None
    found: list[FatalityCount] = []
    for cue in deaths:
        # "قصفت سيارة في إحدى المزارع ما أسفر عن مقتل ثلاثة": after "resulted in" the toll
        # follows the death word; what stands before it is the act
        back = cue.first - 1 if not _resulted_in(tokens, cue.first) else first - 1
        number = _number_near(tokens, max(first, cue.first - BACK_WINDOW), back, injuries)
        number = number or _number_near(
            tokens, cue.last + 1, min(last, cue.last + WINDOW), injuries
        )
        if number is not None:
            # "لقي مصرعه مع 40 آخرين", "قتل مع اثنين من مرافقيه": the one named and the others
            along = number.first > 0 and tokens[number.first - 1].text in ALONG_WITH
            # "مقتل 3 مدنيين و2 من عناصر الشرطة", "اثنين من العاملين واثنين من المسلحين قتلوا"
            bound = cue.first - 1 if number.last < cue.first else last
            added, end = (0, number.last)
            if not (number.first > 0 and tokens[number.first - 1].text in BETWEEN):
                # ("بين 40 و70 قتيلا" is a range, not two counts)
                added, end = _joined_counts(tokens, number.last, bound, injuries)
            found.append(
                FatalityCount(
                    number.value + added + (1 if along and number.first > cue.last else 0),
                    min(number.first, cue.first),
                    max(end, cue.last),
                    number.vague,
                    more=_others_after(tokens, end, last, injuries),
                )
            )
            continue
        implied = _implied(tokens, cue, last, injuries)
        if implied is not None:
            found.append(replace(implied, more=_others_after(tokens, implied.last, last, injuries)))
    return _lowest_specific(found)


ALONG_WITH = words("مع")
COUNTED_NOUN_REACH = 4  # "من عناصر الشرطة" between one count and the next
BETWEEN = words("بين، مابين")  # the word right before the number ("ما بين 40 و70" ends in بين)


def _joined_counts(
    tokens: Sequence[Token], number_last: int, last: int, injuries: set[int]
) -> tuple[int, int]:
    """(sum, last token) of further counts of dead joined by "و" to the one ending at
    ``number_last``: "3 مدنيين و2 من عناصر الشرطة" adds 2. It stops at a count of wounded
    ("وإصابة 10"), at a part of the dead ("و3 منهم") and at anything not a count."""
    total, end = 0, number_last
    j = number_last + 1
    while j <= last:
        k = j
        while k <= last and k - j < COUNTED_NOUN_REACH and not tokens[k].text.startswith("و"):
            k += 1
        if k > last or not tokens[k].text.startswith("و") or k in injuries:
            break
        value, value_last = _and_count(tokens, k)
        following = tokens[value_last + 1].text if value_last + 1 < len(tokens) else ""
        if (
            value is None
            or following in SUBSET_WORDS
            or _is_injury_number(tokens, k, value_last, injuries)
            or not _counts_people(tokens, value_last, value)
        ):
            break
        total, end, j = total + value, value_last, value_last + 1
    return total, end


def _and_count(tokens: Sequence[Token], k: int) -> tuple[int | None, int]:
    """The count a "و" word opens: "و2", "واثنين", "وخمسة عشر", "وجنديين" (a dual)."""
    bare = tokens[k].text[1:]
    if bare.isdigit():
        return int(bare), k
    if bare in DUAL_PEOPLE:
        return 2, k
    reading = read_number(tokens, k)
    if reading is None or reading.vague:
        return None, k
    return reading.value, reading.last


PLURAL_PEOPLE = words(
    """
    مدنيين، مدنيون، أشخاص، أطفال، نساء، مواطنين، مواطنون، عناصر، جنود، مسلحين، مسلحون، مقاتلين،
    مقاتلون، عسكريين، أفراد، فلسطينيين، متظاهرين، محتجين
"""
)
PLURAL_DEATHS = 3
DUAL_MARKS = words("أحدهما، احداهما، إحداهما، كلاهما، كلتاهما")
DUAL_MARK_REACH = 3  # "وفاة فلسطينيين السبت أحدهما صحفي"
RESULTED = words("أسفر، أسفرت، يسفر، تسفر، أدى، أدت، يؤدي، تؤدي، أفضى، أفضت، نتج، نتجت")
RESULT_LINKS = words("عن، إلى، عنه، عنها")  # "طعنه بسلاح أبيض نتج عنه استشهاده"


def _resulted_in(tokens: Sequence[Token], cue: int) -> bool:
    """The death word follows "أسفر عن" or "أدى إلى"."""
    return (
        cue >= 2
        and tokens[cue - 1].text in RESULT_LINKS
        and bool(cores(tokens[cue - 2].text) & RESULTED)
    )


def _others_after(tokens: Sequence[Token], at: int, last: int, injuries: set[int]) -> bool:
    """ "جنديان آخران", "ثلاثة جنود آخرين": the figure counts more dead than told before.

    Not when a new item comes first ("مقتل شخص وإصابة آخرين", "قتل فلسطيني واعتقال آخر"), nor
    when the others are the rest of a total just divided ("مقتل 17، عشرة منهم في درعا، بينما
    قتل سبعة آخرون في الطيبة").
    """
    for j in range(at + 1, min(last, at + OTHERS_REACH) + 1):
        if j in injuries or tokens[j].text.startswith("و"):
            return False
        if tokens[j].text in OTHERS:
            return not any(
                tokens[k].text in SUBSET_WORDS for k in range(max(0, at - PARTITION_REACH), at)
            )
    return False


NEGATIONS = words("لم، ولم، لا، ولا، دون، بدون، عدم، ليس")
NO_LESS = words("يقل، تقل")  # "ما لا يقل عن 20 قتيلا" (no fewer than 20) states a toll
NEGATION_REACH = 5


# "لواء شهداء الإسلام", "كتائب شهداء الأقصى", "مستشفى الشهداء", "جمعة الشهداء": a name
NAME_HEADS = words(
    """
    لواء، ألوية، كتيبة، كتائب، سرايا، تجمع، فوج، مستشفى، مشفى، مقبرة، ساحة، شارع، جمعة،
    مدرسة، جسر، حي، دوار، ميدان، مسجد، جامع، قافلة
"""
)


ELIMINATING = frozenset(" ".join(entry_words(w)) for w in ("القضاء على", "قضت على", "قضى على"))


def _eliminating_no_count(tokens: Sequence[Token], cue: TriggerMention) -> bool:
    """ "القضاء على 12 عنصرا" counts the dead; "القضاء على المفاهيم المغلوطة" does not."""
    return cue.key in ELIMINATING and read_number(tokens, cue.last + 1) is None


MARTYRS = words("شهداء، شهيد")


def _in_a_name(tokens: Sequence[Token], cue: TriggerMention) -> bool:
    if cue.key not in MARTYRS or cue.first == 0:
        return False
    # the head of a name is indefinite: "الجمعة" before a death word is a day
    before = tokens[cue.first - 1].text
    return (
        any(a.core in NAME_HEADS for a in analyses(before) if not a.article) or before in NAME_HEADS
    )


def _negated(tokens: Sequence[Token], first: int, cue: TriggerMention) -> bool:
    """ "دون أن ترد تقارير بسقوط قتلى", "لم يسفر الهجوم عن مقتل أحد": no one was reported
    killed."""
    for j in range(max(first, cue.first - NEGATION_REACH), cue.first):
        if tokens[j].text in NEGATIONS:
            following = tokens[j + 1].text if j + 1 < len(tokens) else ""
            return following not in NO_LESS
    return False


def _part_then_the_rest(
    tokens: Sequence[Token], first: int, last: int, deaths: Sequence[TriggerMention]
) -> bool:
    """Some died at once, "the rest" died later: the figure given is only a part."""
    at_once = any(cores(tokens[j].text) & AT_ONCE for j in range(first, last + 1))
    rest = [j for j in range(first, last + 1) if tokens[j].text in THE_REST]
    return at_once and any(0 < j - d.last <= 2 for j in rest for d in deaths)


KILLED_AND_WOUNDED = words("جرحى، الجرحى، مصابين، المصابين")
THE_DEAD = words("قتلى، القتلى")


def _one_figure_for_both(
    tokens: Sequence[Token], deaths: Sequence[TriggerMention]
) -> FatalityCount | None:
    """ "سقوط عشرات القتلى والجرحى": one figure counts the dead and the wounded together, so it
    states no toll (the annotation's rule), unlike "5 قتلى و10 جرحى"."""
    for cue in deaths:
        if tokens[cue.first].text not in THE_DEAD:
            continue  # "33 قتيلا والجرحى بين 40 و50": the count is the dead's, the next item begins
        after = cue.last + 1
        joined = after < len(tokens) and tokens[after].text[1:] in KILLED_AND_WOUNDED
        before = tokens[cue.first - 1].text if cue.first else ""
        # "عدد القتلى والجرحى" (the number of...) is no figure; "عشرات القتلى والجرحى" is one
        figure = read_number(tokens, cue.first - 1) if before else None
        figure = None if cores(before) & COUNT_NOUNS else figure
        if joined and tokens[after].text.startswith("و") and figure is not None:
            return FatalityCount(0, cue.first, after)
    return None


def _separate_tolls(text: str) -> bool:
    return "قتلي" in text and ("جرحي" in text or "اصيب" in text) and "بين قتيل" not in text


def _implied(
    tokens: Sequence[Token], cue: TriggerMention, last: int, injuries: set[int]
) -> FatalityCount | None:
    """One death from a singular victim noun, 2 from a dual, 3 from a bare plural."""
    word = tokens[cue.first].text
    after = cue.last + 1
    while after <= min(last, cue.last + TIME_GAP) and cores(tokens[after].text) & TIME_WORDS:
        after += 1
    following = tokens[after].text if after <= last else ""
    core = following[1:] if following.startswith(("و", "ب", "ل")) else following
    # "مقتل الشاب محمد": one person named by the definite noun
    core = core[2:] if core.startswith("ال") and core[2:] in SINGULAR_VICTIMS else core
    if word in DUAL_DEATHS or following in DUAL_PEOPLE:
        return FatalityCount(2, cue.first, after if following else cue.last)
    # "محسن الفضلي قتل في ضربة جوية": the singular passive with no number is one death
    passive_one = (
        word in PASSIVE_SINGULAR
        and following in PASSIVE_CAUSE_LINKS
        # "وقتل في الغارات ... أكثر من 100 شخص": the number comes later
        and not any(read_number(tokens, j) for j in range(cue.last + 1, last + 1))
    )
    if (
        passive_one
        or following in SINGULAR_VICTIMS
        or core in SINGULAR_VICTIMS
        or (word in {"قتيل", "قتيلا"})
        or _one_killed_by(tokens, cue, last)
    ):
        companions = _and_companions(tokens, after + 1, last, injuries)
        if companions is not None:
            return FatalityCount(1 + companions[0], cue.first, companions[1])
        return FatalityCount(1, cue.first, after)
    # "سقوط قتلى": the vague word may close the phrase
    owned = _death_of_one_named_before(word) if _resulted_in(tokens, cue.first) else 0
    if owned:
        # "أطلق عليه أحد الجنود رصاصا أدى إلى مقتله": the act's outcome is his death, one
        # person ("مقتلهما": two); "لقي مصرعه" of a leader among "dozens" is no toll of its own
        return FatalityCount(owned, cue.first, cue.last)
    if core in PLURAL_PEOPLE:
        # "أسفر عن مقتل مدنيين": a plural of the dead with no number (ACLED: 3); the same
        # spelling is a dual when "أحدهما" (one of the two) follows
        stop = min(last, after + DUAL_MARK_REACH)
        if any(tokens[j].text in DUAL_MARKS for j in range(after + 1, stop + 1)):
            return FatalityCount(2, cue.first, after)
        return FatalityCount(PLURAL_DEATHS, cue.first, after, vague=True)
    vague = next((w for w in (word, tokens[cue.last].text) if w in VAGUE_DEATHS), None)
    if vague is not None and not _a_number_of(tokens, cue.first):
        return FatalityCount(VAGUE_DEATHS[vague], cue.first, cue.last, vague=True)
    return None


COUNT_NOUNS = words("عدد، حصيلة")
NOT_KNOWN = words("التحقق، يتحقق، معرفة، تعرف، يعرف، تتضح، يتضح، يتسن، يتسنى، التأكد")
NOT_KNOWN_REACH = 3


def _a_number_of(tokens: Sequence[Token], first: int) -> bool:
    """ "يجري التحقق من عدد الضحايا", "لم تعرف حصيلة القتلى": the number of the dead is not
    known, nor that anyone died (a rising "عدد القتلى" still tells of deaths)."""
    if first == 0 or not cores(tokens[first - 1].text) & COUNT_NOUNS:
        return False
    before = range(max(0, first - 1 - NOT_KNOWN_REACH), first - 1)
    return any(cores(tokens[j].text) & NOT_KNOWN for j in before)


# "قتل" and "اغتال" read passive or active; who is killed may follow in the accusative, after
# the killers ("قتل مسلحون مجهولون جنديا"): the roles stage reads the same words
KILLING_VERBS = words("قتل، وقتل، قتلت، وقتلت، قتلوا، وقتلوا، اغتال، واغتال، اغتالت، اغتالوا")
ONE_VICTIM_OBJECTS = words(
    """
    شخصا، مدنيا، طفلا، رجلا، جنديا، عنصرا، مقاتلا، شابا، ضابطا، قياديا، شرطيا، عسكريا،
    مواطنا، صحفيا، ناشطا، مرشحا، مسؤولا، موظفا، حارسا، طالبا، مزارعا، سائقا، قائدا
"""
)
KILLERS_REACH = 3


def _one_killed_by(tokens: Sequence[Token], cue: TriggerMention, last: int) -> bool:
    """ "اغتال مسلحون مجهولون مرشحا": the verb's object, after its subject, is one person."""
    if tokens[cue.first].text not in KILLING_VERBS or cue.last + 1 > last:
        return False
    if tokens[cue.last + 1].text.startswith("و"):
        return False  # "قتل وأصيب 55 عنصرا": a count of the killed and wounded follows
    stop = min(last, cue.last + KILLERS_REACH) + 1
    return any(
        tokens[j].text in ONE_VICTIM_OBJECTS and read_number(tokens, j - 1) is None
        for j in range(cue.last + 2, stop)
    )


DEATH_NOUNS = words("مقتل، مصرع، وفاة، استشهاد، اغتيال، لمقتل، بمقتل، ومقتل")
ONE_PERSON_SUFFIXES = {"ه": 1, "ها": 1, "هما": 2}


def _death_of_one_named_before(word: str) -> int:
    """Deaths a death noun with a personal pronoun counts: "مقتله" 1, "مقتلهما" 2, else 0."""
    for reading in analyses(word, enclitics=True):
        noun = reading.prefix + reading.core
        if reading.suffix in ONE_PERSON_SUFFIXES and noun in DEATH_NOUNS:
            return ONE_PERSON_SUFFIXES[reading.suffix]
    return 0


COMPANION_REACH = 3


def _and_companions(
    tokens: Sequence[Token], start: int, last: int, injuries: set[int]
) -> tuple[int, int] | None:
    """ "قيادي حوثي بارز و12 من مرافقيه": the number of those killed with the one named, and
    the token that ends the phrase (not past a wounded item: "قتل شخص وأصيبت زوجته واثنين من
    أبنائهما")."""
    for j in range(start, min(last, start + COMPANION_REACH) + 1):
        if j in injuries:
            return None
        word = tokens[j].text
        if not word.startswith("و") or j + 1 > last or tokens[j + 1].text != "من":
            continue
        value = word_value(word[1:])
        if value is not None and 0 < value <= MAX_TOLL:
            return int(value), j + 1
    return None


def _lowest_specific(found: Sequence[FatalityCount]) -> FatalityCount | None:
    """The clause's toll: a stated number beats a vague word; one toll per clause.

    Conflicting reports of one event across sentences are reduced to the lowest figure when
    the event's mentions are merged (see ``assemble``).
    """
    if not found:
        return None
    specific = [f for f in found if not f.vague]
    return max(specific or found, key=lambda f: f.value)
