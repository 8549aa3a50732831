"""Event typing: ACLED's hierarchy, modality, and which words may stand for an act."""

from __future__ import annotations

from typing import Any

import pytest

from rasd.arabic import tokenize
from rasd.errors import DataError
from rasd.resources import read_yaml
from rasd.stages.classify import (
    TriggerLexicon,
    TriggerMention,
    classify,
    read_impacts,
    read_in_context,
    read_releases,
    verb_forms,
)
from rasd.stages.normalize import normalize


@pytest.fixture(scope="module")
def triggers() -> TriggerLexicon:
    return TriggerLexicon.from_yaml(read_yaml("triggers.yaml"))


def _groups(triggers: TriggerLexicon, text: str) -> set[str]:
    normalized = normalize(text)
    found = triggers.mentions(
        triggers.lexicon.find(tokenize(normalized.text)),
        lambda offset: text[normalized.to_original(offset)] == "ة",
    )
    return {g for t in found for g in t.groups}


def _decided(
    groups: set[str],
    *,
    civilian_victims: bool = False,
    armed_sides: int = 1,
    state_agent: bool = False,
    deaths: bool = False,
    armed_victims: bool = False,
) -> tuple[str, str] | None:
    return classify(
        groups,
        civilian_victims=civilian_victims,
        armed_sides=armed_sides,
        state_agent=state_agent,
        deaths=deaths,
        armed_victims=armed_victims,
    )


def _sub(groups: set[str], **flags: Any) -> str | None:
    decided = _decided(groups, **flags)
    return decided[0] if decided else None


def test_verb_forms_cover_past_and_present() -> None:
    forms = verb_forms("قصف")
    assert {"قصفت", "قصفوا", "يقصف", "تقصف"} <= set(forms)
    assert "يقصف" not in verb_forms("قصف", present=False)


def test_hierarchy_air_strike_absorbs_shelling() -> None:
    assert _sub({"airstrike", "shelling"}) == "Air/drone strike"
    assert _sub({"clash", "airstrike"}, armed_sides=2) == "Armed clash"
    assert _sub({"chemical", "airstrike"}) == "Chemical weapon"


def test_an_attack_with_rockets_is_shelling_unless_two_sides_fight() -> None:
    # "المطار الذي تعرض لهجوم بصواريخ"
    assert _sub({"assault", "artillery", "passive"}, armed_sides=0) == (
        "Shelling/artillery/missile attack"
    )
    assert _sub({"assault", "artillery"}, armed_sides=2) == "Armed clash"
    # "قتل جنديان في هجوم بصواريخ على موقع للجيش": deaths from one side's rockets
    assert _sub({"assault", "artillery"}, armed_sides=1, deaths=True) == (
        "Shelling/artillery/missile attack"
    )


def test_an_attack_with_a_bomb_is_an_explosion_not_a_fight() -> None:
    # "قتل جنديان في هجوم بعبوة ناسفة", "هجوم بسيارة مفخخة على حاجز للجيش"
    for sides in (1, 2):
        assert _sub({"assault", "explosion", "device"}, armed_sides=sides, deaths=True) == (
            "Remote explosive/landmine/IED"
        )


def test_a_hand_grenade_is_a_grenade_attack() -> None:
    # "هجوما بقنبلة يدوية على دورية للحوثيين": not a fight, though the side hit is armed
    assert _sub({"attack_verb", "assault", "grenade"}, armed_sides=2) == "Grenade"
    # "ألقى مسلحون قنبلة يدوية": thrown, not dropped from the air
    assert _sub({"airstrike", "grenade"}, armed_sides=1) == "Grenade"
    assert _sub({"airstrike", "grenade", "air"}, armed_sides=1) == "Air/drone strike"
    # a fight named as one stays a fight
    assert _sub({"clash", "grenade"}, armed_sides=2) == "Armed clash"


def test_general_fighting_words_need_two_sides_or_deaths() -> None:
    assert _sub({"assault"}, armed_sides=1) is None
    assert _sub({"assault"}, armed_sides=2) == "Armed clash"
    assert _sub({"assault"}, armed_sides=1, deaths=True) == "Armed clash"
    # "قتل 37 شخصا في هجوم استهدف فندقين": the dead are civilians, no second side fights
    assert _sub({"assault"}, armed_sides=1, deaths=True, civilian_victims=True) == "Attack"
    assert _sub({"assault", "kill"}, armed_sides=1, deaths=True, civilian_victims=True) == (
        "Attack"
    )
    assert _sub({"assault"}, armed_sides=2, deaths=True, civilian_victims=True) == "Armed clash"


def test_killing_is_violence_against_civilians_only_for_civilians() -> None:
    assert _sub({"kill"}, civilian_victims=True) == "Attack"
    assert _sub({"kill"}, armed_sides=1) == "Armed clash"


def test_armed_men_shot_dead_is_an_act_not_only_an_outcome() -> None:
    # "عثر على الشرطيين اللذين قتلا برصاصة في الرأس"
    shot = _decided({"kill", "smallarms"}, deaths=True, armed_victims=True)
    assert shot == ("Armed clash", "combatants shot dead")
    # when the dead are not armed men the shooting is no fight of its own
    unknown = _decided({"kill", "smallarms"}, deaths=True)
    assert unknown is not None and unknown[1] != "combatants shot dead"


def test_capture_by_state_or_non_state() -> None:
    assert _sub({"capture"}, state_agent=True) == "Government regains territory"
    assert _sub({"capture"}) == "Non-state actor overtakes territory"


def test_verbs_are_not_read_in_nouns(triggers: TriggerLexicon) -> None:
    # "سيطرة" folds to "سيطره", which would also read as the verb "سيطر" + the pronoun "ه"
    assert "capture" not in _groups(triggers, "تحدي سيطرة الحوثيين على المدينة")
    assert "capture" not in _groups(triggers, "بعد السيطرة على المدينة")
    assert "capture" in _groups(triggers, "سيطر المقاتلون على المدينة")


@pytest.mark.parametrize(
    ("text", "group", "found"),
    [
        # a taa marbuta on a verbal noun makes another word
        ("تحرير المدينة من قبضة الميليشيا", "arrest", False),
        ("إلقاء القبض على مطلوب", "arrest", True),
        ("قالت إن القتلة فروا", "kill", False),
        ("وتتعلق القضية بهجوم على كنيسة", "death", False),
        # on a participle or an adjective it is the same word, feminine
        ("أرديت قتيلة بالرصاص", "death", True),
        ("عثر على الفتاة المخطوفة", "abduction", True),
    ],
)
def test_a_feminine_ending_keeps_only_participles(
    triggers: TriggerLexicon, text: str, group: str, found: bool
) -> None:
    assert (group in _groups(triggers, text)) is found


def test_article_is_not_stripped_from_three_letter_verbs(triggers: TriggerLexicon) -> None:
    # "ألقى" (dropped) folds to "القي"; "بقية" must not read as its stem "قي" + "ه"
    assert "airstrike" in _groups(triggers, "ألقى الطيران المروحي برميلين متفجرين")
    assert not _groups(triggers, "ملاحقة بقية العناصر")


def test_deaths_from_shells_are_shelling() -> None:
    assert _sub({"kill", "artillery"}, civilian_victims=True) == "Shelling/artillery/missile attack"
    assert _sub({"kill", "artillery", "smallarms"}, civilian_victims=True) == "Attack"


def _release_groups(triggers: TriggerLexicon, text: str) -> set[str]:
    tokens = tokenize(normalize(text).text)
    found = read_releases(triggers.find(tokens), tokens, [0] * len(tokens))
    return {g for t in found for g in t.groups}


@pytest.mark.parametrize(
    ("text", "release"),
    [
        ("وأطلقت حركة أحرار الشام قبل خروجها من حرستا سراح 13 عسكريا ومدنيا", True),
        ("إن الفصيل أطلق أمس 28 مخطوفا كانوا محتجزين لديه", True),
        ("أطلقت قوات النظام صواريخ على المعتقلين", False),
        ("أطلقت الفصائل قذائف على مواقع الجيش", False),
    ],
)
def test_a_release_is_not_fire(triggers: TriggerLexicon, text: str, release: bool) -> None:
    groups = _release_groups(triggers, text)
    assert ("agreement" in groups) is release
    assert ("attack_verb" in groups) is not release


@pytest.mark.parametrize(
    ("text", "fire"),
    [
        ("أطلق كثير من الناشطين اليمنيين حملة إلكترونية لدعم المقاومة", False),
        ("أطلقت الوزارة مبادرة جديدة", False),
        ("أطلق مسلحون النار على حاجز للجيش", True),
        ("وقالت وسائل إعلام إن الصاروخ أطلقه الحوثيون، ونشرت قناة العربية مقطعا", True),
    ],
)
def test_a_campaign_launched_is_not_fire(triggers: TriggerLexicon, text: str, fire: bool) -> None:
    assert ("attack_verb" in _release_groups(triggers, text)) is fire


@pytest.mark.parametrize(
    ("text", "shelling"),
    [
        ("وقالت الوكالة إن القذيفة الصاروخية سقطت على سوق مزدحم", True),
        ("سقطت ثلاث قذائف هاون على الحي", True),
        ("وسقط 20 قتيلا على الأقل في البلدة", False),
        ("سقطت المدينة بيد التنظيم بعد معارك", False),
    ],
)
def test_shells_that_fell_are_shelling(triggers: TriggerLexicon, text: str, shelling: bool) -> None:
    tokens = tokenize(normalize(text).text)
    found = read_impacts(triggers.find(tokens), [0] * len(tokens))
    assert ("shelling" in {g for t in found for g in t.groups}) is shelling


def _read_in_context(triggers: TriggerLexicon, text: str) -> list[TriggerMention]:
    tokens = tokenize(normalize(text).text)
    return read_in_context(triggers.find(tokens), tokens)


@pytest.mark.parametrize(
    ("text", "warplane"),
    [
        ("قصفت الفصائل المقاتلة بالقذائف حي الميدان", False),
        ("أمطرت فصائل مقاتلة البلدة بالصواريخ", False),
        ("أكدت الوحدات مصرع المقاتلة البريطانية آنا كامبل في قصف تركي", False),
        ("قصفت مقاتلة روسية بلدة كفرنبل", True),
        ("رصد اختراق المقاتلة السورية للأجواء", True),
    ],
)
def test_a_fighter_is_a_warplane_only_where_no_group_or_death_owns_it(
    triggers: TriggerLexicon, text: str, warplane: bool
) -> None:
    fighters = [t for t in _read_in_context(triggers, text) if t.key == "مقاتله"]
    assert any("air" in t.groups for t in fighters) is warplane


@pytest.mark.parametrize(
    ("text", "clash"),
    [
        ("وبحث الوزير في بغداد مواجهة تنظيم داعش", False),
        ("تتطلب هزيمته مواجهته في سورية ومواجهة الفكر المنحرف", False),
        ("ترفض استخدام القوة في مواجهة المسيرات السلمية", False),
        ("اندلعت مواجهة مسلحة بين الجيش والمسلحين في البلدة", True),
        ("قتل ثلاثة في مواجهة مع قوات الأمن", True),
        ("وقتل جنديان خلال المواجهة", True),
    ],
)
def test_confronting_something_is_no_clash(
    triggers: TriggerLexicon, text: str, clash: bool
) -> None:
    found = _read_in_context(triggers, text)
    assert ("clash" in {g for t in found for g in t.groups}) is clash


@pytest.mark.parametrize(
    ("text", "chemical"),
    [
        ("فتحت منظمة حظر الأسلحة الكيميائية تحقيقا في الغوطة", False),
        ("استهدفت الضربات مواقع يشتبه باحتوائها على أسلحة كيميائية", False),
        ("اتهمت واشنطن النظام بشن هجوم بالأسلحة الكيماوية في دوما", True),
        ("قتل عشرة مدنيين باستخدام غازات سامة في دوما", True),
        ("وقع هجوم كيماوي على البلدة", True),
    ],
)
def test_chemical_weapons_named_as_things_are_no_attack(
    triggers: TriggerLexicon, text: str, chemical: bool
) -> None:
    found = _read_in_context(triggers, text)
    assert ("chemical" in {g for t in found for g in t.groups}) is chemical


def test_killing_at_a_protest_is_excessive_force_and_dispersal_an_intervention() -> None:
    # "قتل متظاهران برصاص قوات الأمن خلال احتجاجات"
    assert _sub({"kill", "smallarms", "protest", "at_protest"}, armed_sides=1, deaths=True) == (
        "Excessive force against protesters"
    )
    # "أعدمت 19 سجينا ضمن حملة قمع المظاهرات": told with protests, not at one
    assert _sub({"kill", "protest"}, armed_sides=1, deaths=True) != (
        "Excessive force against protesters"
    )
    # "أطلقت الشرطة الغاز المسيل للدموع على آلاف تجمعوا للتظاهر"
    assert _sub({"attack_verb", "disperse", "protest"}, armed_sides=1, civilian_victims=True) == (
        "Protest with intervention"
    )


@pytest.mark.parametrize(
    ("text", "disrupted"),
    [
        ("اعترضت الدفاعات الجوية السعودية صاروخا باليستيا أطلقه الحوثيون", True),
        ("وقال التحالف إن الدفاع الجوي تمكن من اعتراضه وتدميره", True),
        ("وتولت فرقة مختصة تفكيك ثلاثة عبوات ناسفة يدوية الصنع", True),
        # objecting, dismantling cells, the foilers' own pronoun, a ground attack repelled
        ("أبدى الوزير اعتراضه على القرار", False),
        ("واستطاع رجال الأمن أن يفككوا خلايا الإرهاب", False),
        ("بالمستوى الذي ظهر عليه رجال الأمن في إحباطهم مثل هذه الخلايا", False),
        ("وأحبطت المقاومة أمس هجوما شنه مسلحون حوثيون", False),
    ],
)
def test_interception_and_defusal_words_are_disrupted_weapons_use_when_a_weapon_is_stopped(
    triggers: TriggerLexicon, text: str, disrupted: bool
) -> None:
    groups = {g for m in _read_in_context(triggers, text) for g in m.groups}
    assert ("disrupted" in groups) == disrupted


@pytest.mark.parametrize(
    ("text", "air"),
    [
        ("ألقت الشرطة القبض على مسلحين", False),
        ("ألقت الجهات الأمنية يوم الأحد القبض على مطلوب", False),
        ("أُلقي القبض على المتهم", False),
        ("ألقت في نفس اليوم فرقة الأبحاث والتفتيش للحرس الوطني بزغوان القبض على عنصرين", False),
        ("ألقت طائرات التحالف قنابل على مواقع الحوثيين", True),
    ],
)
def test_an_arrest_is_not_bombs_dropped(triggers: TriggerLexicon, text: str, air: bool) -> None:
    assert ("airstrike" in {g for m in _read_in_context(triggers, text) for g in m.groups}) is air


def test_a_trigger_group_of_an_unknown_kind_is_a_data_error_naming_it() -> None:
    bad = {"groups": {"idiom": {"kind": "phrase", "forms": ["قواعد الاشتباك"]}}}
    with pytest.raises(DataError, match=r"triggers.yaml: group 'idiom'"):
        TriggerLexicon.from_yaml(bad)
    # a cue group needs no sub-event type: its words only keep others from reading as acts
    good = {"groups": {"idiom": {"kind": "cue", "forms": ["قواعد الاشتباك"]}}}
    lexicon = TriggerLexicon.from_yaml(good)
    (found,) = lexicon.find(tokenize(normalize("ملتزمة بقواعد الاشتباك").text))
    assert found.groups == frozenset({"idiom"}) and not found.is_event


def test_a_destroyed_drone_is_disrupted_weapons_use(triggers: TriggerLexicon) -> None:
    groups = _groups(triggers, "تمكن العسكريون من تدمير طائرتين دون طيار أطلقتا نحو القاعدة")
    assert "disrupted" in groups
    assert _sub(groups) == "Disrupted weapons use"


def test_a_repelled_incursion_is_a_fight(triggers: TriggerLexicon) -> None:
    groups = _groups(triggers, "تصدت القوات المشتركة لمحاولات تسلل يائسة للحوثيين")
    assert "assault" in groups
    assert _sub(groups, armed_sides=2) == "Armed clash"
