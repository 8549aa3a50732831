"""Fatality counts: people only, lowest figure, injuries apart."""

from __future__ import annotations

import pytest

from rasd.arabic import tokenize
from rasd.resources import read_yaml
from rasd.stages.classify import TriggerLexicon
from rasd.stages.fatalities import FatalityCount, count_fatalities, split_toll
from rasd.stages.normalize import normalize


@pytest.fixture(scope="module")
def triggers() -> TriggerLexicon:
    return TriggerLexicon.from_yaml(read_yaml("triggers.yaml"))


def _deaths(triggers: TriggerLexicon, text: str) -> int | None:
    tokens = tokenize(normalize(text).text)
    found = count_fatalities(tokens, 0, len(tokens) - 1, triggers.find(tokens))
    return None if found is None else found.value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قتل ثلاثة مدنيين بقصف على البلدة", 3),
        ("مقتل 43 شخصا وإصابة 173 آخرين", 43),
        # the injury word right after the number opens the next item
        ("مقتل عسكريين تركيين اثنين وجرح أربعة آخرين", 2),
        ("قتل نحو 30 وأصيب العشرات من المتمردين", 30),
        # "a number of" dead is ACLED's "several"; "ذهب ضحيته" says who died
        ("أدى إلى استشهاد عدد من منتسبي قوات الطوارئ وإصابة آخرين", 3),
        ("التفجير الذي ذهب ضحيته عدد من رجال الأمن", 3),
        ("القصف الصاروخي الذي راح ضحيته 12 شخصا", 12),
        ("أسفر القصف عن مقتل العشرات", 12),
        ("قتل جنديان في الهجوم", 2),
        # a nisba's dual ("-يان") names two people
        ("استشهد فلسطينيان برصاص الجيش", 2),
        ("قتل حوثيان في الغارة", 2),
        ("قتل مستوطن في عملية طعن", 1),
        # the figure after a wounded item joined by "و" counts the wounded
        ("أدى إلى مقتل ضابط صف وإصابة عسكريين اثنين", 1),
        ("قتل شخص وأصيبت زوجته واثنين من أبنائهما بجروح", 1),
        # a figure written against its noun is still a count; a year of an era is not
        ("قتل ما لا يقل عن 17حوثيا في المواجهات", 17),
        ("قتل كثير من الناس بعد فتوى سنة 1415هـ", 3),  # "many" (ACLED: 3), not 1415
        # duals whose plural is another word, after the verb and before it
        ("قتل مدنيان في قصف على البلدة", 2),
        # "one of the two" is one death
        ("تعرض شرطيا مرور لهجوم مسلح أسفر عن مقتل أحدهما وإصابة الآخر", 1),
        ("وقالت وسائل الإعلام إن امرأتين قتلتا في الانفجار", 2),
        # a plural "dead" with no figure is ACLED's 3; the leader "among them" is part of it
        ("ضربات استهدفت مواقع للجماعة ما أسفر عن سقوط قتلى، بينهم أحد قادة الجماعة", 3),
        ("أكدت المقاومة سقوط قتلى وجرحى في صفوف الميليشيا", 3),
        ("أسفر الهجوم عن مقتل 12 شخصا بينهم 5 أطفال", 12),
        # the one named and those killed with him
        ("لقي قيادي حوثي بارز و12 من مرافقيه مصرعهم يوم الأحد", 13),
        # one person named by nationality
        ("أعلن الجيش الإسرائيلي قتل فلسطيني واعتقال آخر", 1),
        # an execution done counts
        ("أعلن مصدر أمني أن تنظيم داعش أعدم 11 شابا بعد اختطافهم", 11),
        # a day of a month and a year are not tolls
        ("18 سبتمبر 2016: مقتل ثلاثة على الأقل من أفراد ميليشيا", 3),
        ("منذ نهاية حرب غزة عام 2014، وقد قتل شاب في المواجهات", 1),
        # a year in a name: "عملية سيناء 2018، التي ... مقتل 52"
        ('للعملية الشاملة "سيناء 2018"، التي ينفذها منذ فبراير، معلنا مقتل "52 تكفيريا"', 52),
        # martyrs in a name: a brigade, a square; "الجمعة" before the word is a day
        ("قال لواء شهداء الإسلام إنه سيطر على أبنية في داريا", None),
        ("تظاهر المئات في ساحة الشهداء وسط المدينة", None),
        ("وسقط يوم الجمعة شهداء في القصف", 3),
        # the singular passive is one death, unless a number follows
        ("أن القيادي في جماعة خراسان محسن الفضلي قتل في ضربة جوية أمريكية", 1),
        # after "resulted in" the toll follows the death word; "one of the farms" is no toll
        ("قصفت الطائرات سيارة في إحدى المزارع بمدينة رفح ما أسفر عن مقتل ثلاثة عناصر", 3),
        ("تفجير قرب سوق في منطقة سبع البور أدى إلى مقتل شخص واحد، وإصابة سبعة آخرين", 1),
        # the outcome is his (their two) death
        ("أطلق عليه أحد الجنود رصاصا حيا أدى إلى مقتله", 1),
        ("استهدفت الغارة سيارتهما ما أدى إلى مقتلهما على الفور", 2),
        ("طعن رجل أمن بسلاح أبيض نتج عنه استشهاده", 1),
        ("عثرت الشرطة على جثتي شرطيين مقتولين برصاص في منزلهما", 2),
        # the one named and the others killed with him
        ("قتل القيادي الحوثي مع 13 آخرين من عناصر الميليشيات", 14),
        # a plural of the dead with no number is ACLED's 3; the same spelling read as a dual
        ("قصفت الطائرات سوقا في هجوم أسفر عن مقتل مدنيين", 3),
        ("أعلنت الوزارة وفاة فلسطينيين السبت أحدهما صحفي", 2),
        # one figure for the dead and the wounded together is casualties, no toll (ACLED: 0)
        ("أسفرت المعارك عن سقوط عشرات القتلى والجرحى في صفوفهم", 0),
        ("أسفرت المعارك عن سقوط 5 قتلى و10 جرحى", 5),
        ("تراوحت تقديرات عدد القتلى بين 22 إلى 33 قتيلا والجرحى بين 40 إلى 50 جريحا", 22),
        # a communiqué's "eliminating" with a count; without one it is no toll
        ("أعلن الجيش القضاء على 12 عنصرا تكفيريا خلال تبادل إطلاق النار", 12),
        ("دعوا إلى عدة محاور للقضاء على المفاهيم المغلوطة", None),
        # one person by a definite noun, or a youth
        ("ما أدى إلى مقتل الشاب محمد وإصابة والده", 1),
        ("وقتل فتى فلسطيني برصاص الجيش", 1),
        # the verb's object after its subject is one death; "killed and wounded" with one
        # figure is no toll (ANNOTATION), and not one death either
        ("اغتال مسلحون مجهولون مرشحا للانتخابات", 1),
        ("قتل وأصيب 55 عنصرا من الميليشيات", None),
        # "many" is ACLED's lowest vague figure
        ("قتل كثيرون بينهم نساء وأطفال", 3),
        ("وقتلت القوات عددا من المتشددين", 3),
        ("أدى القصف إلى مقتل الكثير من المدنيين", 3),
        # a prisoner is one person; a time phrase may stand between the verb and its victim
        ("واستشهد مساء الأحد الأسير الفلسطيني المحرر برصاص قوات الاحتلال", 1),
        ("قتل اليوم القيادي ابو يحي الحوثي في منطقة العلم", 1),
        ("قالت الوزارة إن قوات الأمن قتلت اليوم الجمعة مسلحا واعتقلت آخرين", 1),
    ],
)
def test_counts_deaths(triggers: TriggerLexicon, text: str, expected: int | None) -> None:
    assert _deaths(triggers, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "سقطت 20 قذيفة على البلدة دون أن تقتل أحدا",
        "المرصد وثق مقتل 39537 جريمة منذ بداية الحرب",
        "قتل رجل يبلغ 27 عاما",
        # "50 ألف" is fifty thousand (a war's total), not one thousand
        "الحرب السابقة التي راح ضحيتها نحو 50 ألف شخص",
    ],
)
def test_numbers_of_things_are_not_deaths(triggers: TriggerLexicon, text: str) -> None:
    assert (_deaths(triggers, text) or 0) < 20


def test_injuries_are_not_deaths(triggers: TriggerLexicon) -> None:
    assert (_deaths(triggers, "أصيب 12 شخصا بجروح في القصف") or 0) == 0


@pytest.mark.parametrize(
    "text",
    [
        "شارك آلاف المشيعين في تشييع جثامين القتلى",
        "يحتجز التنظيم 50 ألف نسمة كدروع بشرية بعد مقتل قائده",
        "أفرج عن 200 معتقل بعد مقتل الحارس",
    ],
)
def test_crowds_near_death_words_are_not_deaths(triggers: TriggerLexicon, text: str) -> None:
    assert (_deaths(triggers, text) or 0) < 50


def test_thousands_alone_are_crowds(triggers: TriggerLexicon) -> None:
    assert (_deaths(triggers, "وشارك الآلاف في تشييع القتلى الذين سقطوا") or 0) < 1000


def test_a_singular_resident_is_one_death(triggers: TriggerLexicon) -> None:
    assert _deaths(triggers, "أعلنت السلطات مقتل مقيم يمني") == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("لقي ثلاثة لاجئين فلسطينيين مصرعهم بقصف على بلدة المزاريب", 3),
        ("مقتل خمسة متظاهرين برصاص قوات الأمن", 5),
    ],
)
def test_a_few_refugees_or_protesters_killed_are_a_toll(
    triggers: TriggerLexicon, text: str, expected: int
) -> None:
    assert _deaths(triggers, text) == expected


def test_a_toll_for_several_places_is_divided_evenly_the_remainder_first() -> None:
    shares = split_toll(FatalityCount(7, 3, 4), 2)
    assert [s.value for s in shares if s] == [4, 3]
    assert all(s is not None and (s.reported, s.places) == (7, 2) for s in shares)
    assert [s.value for s in split_toll(FatalityCount(2, 0, 1), 3) if s] == [1, 1, 0]
    assert split_toll(None, 2) == [None, None]


def test_a_singular_passive_with_a_number_later_is_not_one_death(triggers: TriggerLexicon) -> None:
    text = "وقتل في الغارات الجوية والقصف المدفعي الاثنين على المنطقة أكثر من 100 شخص"
    assert _deaths(triggers, text) != 1


def test_those_killed_at_once_are_a_part_when_the_rest_died_later(triggers: TriggerLexicon) -> None:
    part = "وأشارت إلى أن القذيفة قتلت 20 شخصا على الفور وقتل الباقون في وقت لاحق متأثرين بإصاباتهم"
    assert _deaths(triggers, part) is None
    # the rest wounded: the figure is the whole toll
    assert _deaths(triggers, "قتل 3 أشخاص على الفور وأصيب الباقون بجروح") == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("طاردتهما قوات الأمن ولكن دون أن ترد تقارير بسقوط قتلى", 0),
        ("لم يسفر الهجوم عن مقتل أحد", 0),
        ("استهدفت منطقة الشيفونية، دون تقديم تفاصيل عن سقوط ضحايا", 0),
        # "no fewer than" states a toll
        ("أسفر القصف عن سقوط ما لا يقل عن 20 قتيلا", 20),
    ],
)
def test_a_negated_death_is_no_toll(triggers: TriggerLexicon, text: str, expected: int) -> None:
    assert (_deaths(triggers, text) or 0) == expected


@pytest.mark.parametrize(
    ("text", "more"),
    [
        ("وقتل جنديان آخران عندما أرسلت الحكومة تعزيزات", True),
        ("وقتل جراء القصف أيضا 4 مدنيين آخرين", True),
        ("وأعلن عن استشهاد جندي آخر في المعارك", True),
        # "others" of a new item, and the rest of a total just divided
        ("أعلن الجيش قتل فلسطيني واعتقال آخر", False),
        ("أدى القصف إلى مقتل شخص وإصابة آخرين", False),
        ("مقتل 17 مدنيا عشرة منهم جراء غارات على درعا بينما قتل سبعة آخرون", False),
    ],
)
def test_a_toll_of_others_is_marked_to_be_added(
    triggers: TriggerLexicon, text: str, more: bool
) -> None:
    tokens = tokenize(normalize(text).text)
    found = count_fatalities(tokens, 0, len(tokens) - 1, triggers.find(tokens))
    assert found is not None
    assert found.more is more


def test_a_leader_who_met_his_death_is_no_toll_of_his_own(triggers: TriggerLexicon) -> None:
    assert _deaths(triggers, "بينهم القيادي أبو مقتدى الذي لقي مصرعه في جبهة مزوية") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أسفر الهجوم عن مقتل 3 مدنيين و2 من عناصر الشرطة", 5),
        ("أسفر الهجوم عن مقتل اثنين من العاملين واثنين من المسلحين", 4),
        ("أسفر الهجوم عن مقتل 3 مدنيين وجنديين", 5),
        ("قتل 9 من مسلحي الحوثيين و6 من مقاتلي المقاومة", 15),
        # a wounded item, a part of the dead, things and a range end the list
        ("أسفر الهجوم عن مقتل 5 أشخاص وإصابة 10 آخرين", 5),
        ("أسفر الهجوم عن مقتل 5 أشخاص و10 جرحى", 5),
        ("قتل 10 أشخاص و3 منهم أطفال", 10),
        ("أسفر القصف عن مقتل 5 مدنيين وتدمير 3 منازل", 5),
        ("تراوحت الحصيلة بين 40 و70 قتيلا", 40),
    ],
)
def test_counts_joined_by_and_add_up(triggers: TriggerLexicon, text: str, expected: int) -> None:
    assert _deaths(triggers, text) == expected


@pytest.mark.parametrize("text", ["مقتل 3 مدنيين و", "مقتل 3 مدنيين وإصابة", "مقتل 3 مدنيين و من"])
def test_a_list_cut_short_keeps_the_count_before_it(triggers: TriggerLexicon, text: str) -> None:
    assert _deaths(triggers, text) == 3
