"""Assembling events: which clauses become events, and how mentions of one act merge."""

from __future__ import annotations

from datetime import date

import pytest

from rasd.config import Config
from rasd.pipeline import extract
from rasd.resources import Resources
from rasd.types import Article, Event


def _events(resources: Resources, config: Config, text: str) -> list[Event]:
    return extract(Article("t", text, published=date(2015, 7, 21)), resources, config)


@pytest.mark.parametrize(
    "text",
    [
        # backing air strikes, with the ground act only attempted
        "قال سكان إن مقاتلين يمنيين تدعمهم الضربات الجوية يحاولون استعادة الأحياء الشمالية من عدن.",
        # control described in a relative clause, and as a purpose
        "واكتسب متشددون موالون لتنظيم الدولة الإسلامية الذي سيطر على مناطق واسعة في سوريا "
        "موطئ قدم في سرت.",
        "حيث تتقاتل حكومتان وبرلمانان للسيطرة على البلاد بعد سقوط القذافي في طرابلس.",
        # arrests as a purpose: sought, not made
        "وأكدت الشرطة أن عمليات البحث والتحري جارية في البصرة للقبض على المتورطين.",
        "واستحدثت ميليشيات الحوثي نقاط تفتيش في ذمار لاعتقال عناصرها الفارين من الجبهات.",
        # an act drawn near, not done
        "اقتربت القوات الأمنية العراقية المشتركة كثيرا من تحرير مدينة الرمادي يوم السبت.",
        # general fighting words with one side and no deaths
        "فتح الهجوم التركي على مدينة عفرين شمالي سوريا جبهة جديدة في الحرب السورية.",
        # a habit, with no day, whatever the distance from the act
        "وتشن الميليشيات حملة قصف عشوائي بالقذائف والصواريخ بشكل يومي على أحياء مدينة تعز.",
        "أكدت الحكومة رفضها الاعتداءات المتكررة من قبل المليشيات الحوثية التي تستهدف الملاحة "
        "قرب مدينة الحديدة.",
        # a toll since a takeover or a year is a total over many days
        "وأعدم تنظيم داعش أكثر من 2000 شخص في مدينة الموصل منذ سيطرته على المدينة.",
        "وقتلت قوات النظام أكثر من 300 مدني في مدينة دوما منذ مطلع عام 2015.",
        "وتفيد تقديرات بأن 709 مدنيين قتلوا في الغوطة الشرقية منذ تكثيف القوات الحكومية حملتها.",
    ],
)
def test_background_clauses_make_no_event(resources: Resources, config: Config, text: str) -> None:
    assert _events(resources, config, text) == []


def test_fighter_deaths_attach_to_the_act(resources: Resources, config: Config) -> None:
    text = (
        "نصبت المقاومة الشعبية كمينا لمسلحي الحوثي في مديرية قعطبة بمحافظة الضالع يوم الاثنين. "
        "وقتل قيادي حوثي بارز في الضالع."
    )
    events = _events(resources, config, text)
    assert len(events) == 1
    assert events[0].sub_event_type == "Armed clash"


def test_fighting_with_two_sides_is_a_clash(resources: Resources, config: Config) -> None:
    text = "دارت معارك عنيفة بين قوات النظام وتنظيم داعش في بلدة الحجر الأسود جنوب دمشق أمس."
    events = _events(resources, config, text)
    assert [e.sub_event_type for e in events] == ["Armed clash"]
    assert {events[0].actor1, events[0].actor2} == {
        "Military Forces of Syria (2000-2024)",
        "Islamic State (Syria)",
    }


def test_battle_takes_its_other_side_from_the_next_sentence(
    resources: Resources, config: Config
) -> None:
    text = (
        "خاضت قوات النظام اشتباكات عنيفة في بلدة الحجر الأسود جنوب دمشق أمس. "
        "ويتحصن مقاتلو تنظيم داعش في أحياء البلدة."
    )
    events = _events(resources, config, text)
    assert len(events) == 1
    assert {events[0].actor1, events[0].actor2} == {
        "Military Forces of Syria (2000-2024)",
        "Islamic State (Syria)",
    }
    assert "other side" in dict(events[0].why)["actor2"]


@pytest.mark.parametrize(
    "text",
    [
        # the adjective on the intercepted weapon names its owner, not the verb's subject
        "قال مصدر عسكري إن الدفاعات الجوية السورية واجهت ودمرت صاروخين إسرائيليين "
        "في الكسوة بريف دمشق.",
        # the air defences after a verbal noun, and the owner before another verb
        "أعلنت وكالة سانا تصدي الدفاعات الجوية لصاروخين إسرائيليين في منطقة الكسوة بريف دمشق.",
        "أفادت الوكالة بأن الدفاعات الجوية دمرت صاروخين إسرائيليين استهدفا منطقة الكسوة بريف دمشق.",
    ],
)
def test_interceptor_is_actor1_and_the_missiles_owner_actor2(
    resources: Resources, config: Config, text: str
) -> None:
    events = _events(resources, config, text)
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [
        (
            "Disrupted weapons use",
            "Military Forces of Syria (2000-2024)",
            "Military Forces of Israel (2009-)",
        )
    ]


def test_a_bomb_near_a_named_force_makes_that_force_the_target(
    resources: Resources, config: Config
) -> None:
    # nothing says the coalition acted: the bomb's maker is unknown, the coalition was hit
    text = (
        "انفجرت عبوة ناسفة بسيارة عسكرية على الطريق إلى قاعدة تتمركز فيها قوات التحالف الدولي "
        "قرب بلدة عين عيسى شمال الرقة."
    )
    events = _events(resources, config, text)
    assert [e.sub_event_type for e in events] == ["Remote explosive/landmine/IED"]
    assert events[0].actor1 == "Unidentified Armed Group (Syria)"
    assert events[0].actor2 == "Global Coalition Against Daesh"


def test_a_time_set_off_by_commas_keeps_the_clause_whole(
    resources: Resources, config: Config
) -> None:
    text = (
        "قال المرصد إن الجيش الإسرائيلي شن، مساء الأربعاء، هجوما صاروخيا استهدف مواقع "
        "قوات النظام قرب مدينة البعث في ريف القنيطرة."
    )
    events = _events(resources, config, text)
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [
        (
            "Shelling/artillery/missile attack",
            "Military Forces of Israel (2009-)",
            "Military Forces of Syria (2000-2024)",
        )
    ]


def test_a_subject_a_few_words_before_its_verb_acts(resources: Resources, config: Config) -> None:
    text = (
        "قال المتحدث باسم الجيش الإسرائيلي إن قوات إيرانية على الجانب السوري من مرتفعات "
        "الجولان أطلقت نحو 20 صاروخا على أهداف إسرائيلية."
    )
    events = _events(resources, config, text)
    assert [(e.actor1, e.actor2) for e in events] == [
        ("Military Forces of Iran (1989-)", "Military Forces of Israel (2009-)")
    ]


def test_explosions_under_aircraft_are_an_air_strike_and_a_car_bomb_is_not(
    resources: Resources, config: Config
) -> None:
    heard = "هزت انفجارات عنيفة بلدة الميادين شرق دير الزور وسط تحليق لطائرات حربية."
    bomb = "انفجرت سيارة مفخخة في بلدة الميادين شرق دير الزور وسط تحليق لطائرات حربية."
    assert [e.sub_event_type for e in _events(resources, config, heard)] == ["Air/drone strike"]
    assert [e.sub_event_type for e in _events(resources, config, bomb)] == [
        "Remote explosive/landmine/IED"
    ]


def test_a_coalition_strike_and_the_us_strike_reported_after_it_are_one_event(
    resources: Resources, config: Config
) -> None:
    text = (
        "قال التحالف الدولي إنه نفذ غارة جوية على قرية السوسة شرق دير الزور. "
        "واستهدفت الغارة الأمريكية تجمعا في مصنع للثلج في قرية السوسة."
    )
    events = _events(resources, config, text)
    assert [e.sub_event_type for e in events] == ["Air/drone strike"]


@pytest.mark.parametrize(
    "text",
    [
        # an operation named as a purpose, under a condition
        "وأوردت وسائل إعلام أن قوات النظام وجهت قواتها في الغوطة لشن عملية ضخمة في دوما "
        "ما لم يوافق جيش الإسلام على الخروج منها.",
        "وقال إن الاجتماع كان مخصصا للتنسيق مع فصائل أخرى للبدء بعملية عسكرية ضد تنظيم داعش "
        "في ريف حلب الشمالي.",
        # the fighting that did not happen
        "وتتركز المفاوضات على إيجاد صيغة لتسليم مدينة دوما دون معارك.",
        # terms of art with the word for a clash in them
        "وأكد المتحدث أن قواته ملتزمة بقواعد الاشتباك في محافظة الحديدة.",
        "وانتشرت القوات الدولية على خط فض الاشتباك في هضبة الجولان أمس.",
        # what a side will not do
        "وقال الجيش الإسرائيلي إنه لن يوقف التصعيد في قطاع غزة.",
    ],
)
def test_purposes_conditions_and_battles_avoided_make_no_event(
    resources: Resources, config: Config, text: str
) -> None:
    assert _events(resources, config, text) == []


def test_protesters_clashing_with_police_are_a_violent_demonstration(
    resources: Resources, config: Config
) -> None:
    events = _events(
        resources, config, "اندلعت مواجهات عنيفة بين متظاهرين وقوات الأمن في مدينة البصرة أمس."
    )
    assert [(e.sub_event_type, e.actor1) for e in events] == [
        ("Violent demonstration", "Rioters (Iraq)")
    ]


def test_an_attacker_named_in_a_lead_without_a_place_carries_to_the_report_after_it(
    resources: Resources, config: Config
) -> None:
    text = (
        "أمطرت الفصائل المعارضة أربع بلدات محاصرة في شمال سوريا بالقذائف الصاروخية والمدفعية. "
        "وأفاد المرصد عن مقتل سبعة أشخاص في قذائف صاروخية سقطت على بلدة الفوعة في محافظة إدلب."
    )
    events = _events(resources, config, text)
    assert [(e.sub_event_type, e.actor1) for e in events] == [
        ("Shelling/artillery/missile attack", "Opposition Rebels (Syria)")
    ]
    assert "earlier" in dict(events[0].why)["actor1"]


def test_an_attack_weeks_before_dates_the_act_and_is_not_its_type(
    resources: Resources, config: Config
) -> None:
    text = (
        "شن سلاح الجو التركي الجمعة أولى غاراته على مواقع لتنظيم داعش قرب مدينة كيليس "
        "وذلك بعد أربعة أيام على هجوم انتحاري دام."
    )
    events = _events(resources, config, text)
    assert [(e.sub_event_type, e.actor1) for e in events] == [
        ("Air/drone strike", "Military Forces of Turkey (2016-)")
    ]


def test_villages_a_clause_lists_stay_separate_events_even_when_near(
    resources: Resources, config: Config
) -> None:
    text = (
        "تستمر الاشتباكات العنيفة في محيط قريتي المشيك والبحصة وأطراف بلدة المنصورة بسهل الغاب "
        "في ريف حماة الشمالي الغربي، بين قوات النظام والمعارضة."
    )
    events = _events(resources, config, text)
    assert sorted(e.location for e in events) == ["Al Bahsah", "Al Mansurah"]
    assert {e.sub_event_type for e in events} == {"Armed clash"}


def test_each_city_drawn_from_a_plural_is_an_event(resources: Resources, config: Config) -> None:
    text = "تصاعدت أمس التظاهرات الشعبية في مدن عراقية عدة منها البصرة والنجف وكربلاء."
    events = _events(resources, config, text)
    assert sorted(e.location for e in events) == ["An Najaf", "Basrah", "Kerbela"]
    assert {e.sub_event_type for e in events} == {"Peaceful protest"}


def test_a_raid_is_an_arrest_only_when_someone_is_taken(
    resources: Resources, config: Config
) -> None:
    sweep = "نفذت وحدات من الجيش اللبناني يوم أمس عمليات دهم في بلدة بريتال في البقاع."
    assert _events(resources, config, sweep) == []
    taken = "داهمت قوة من الجيش اللبناني يوم أمس بلدة بريتال في البقاع واعتقلت أربعة أشخاص."
    assert [e.sub_event_type for e in _events(resources, config, taken)] == ["Arrests"]


def test_an_advance_is_fighting_not_a_capture(resources: Resources, config: Config) -> None:
    advance = "وأحرز الجيش اليمني أمس تقدما جديدا في جبهة ميدي الساحلية شمال غرب محافظة حجة."
    assert "Government regains territory" not in {
        e.sub_event_type for e in _events(resources, config, advance)
    }
    repelled = (
        "وقتل أكثر من عشرة عناصر من الميليشيات الإيرانية خلال تصدي فصائل المعارضة لمحاولة "
        "تقدم على جبهة خلصة في ريف حلب الجنوبي."
    )
    assert [e.sub_event_type for e in _events(resources, config, repelled)] == ["Armed clash"]


def test_deaths_during_a_protest_after_a_comma_are_force_on_it(
    resources: Resources, config: Config
) -> None:
    text = (
        "قتل ثلاثة فلسطينيين وأصيب أكثر من 400 آخرين، برصاص الجيش الإسرائيلي، خلال تظاهرات "
        "قرب الشريط الحدودي بين قطاع غزة وإسرائيل."
    )
    events = _events(resources, config, text)
    assert [e.sub_event_type for e in events] == ["Excessive force against protesters"]
    assert events[0].actor2 == "Military Forces of Israel (2009-)"


def test_unnamed_gunmen_in_an_arrest_are_the_ones_taken(
    resources: Resources, config: Config
) -> None:
    text = (
        "وأوضح بيان لوزارة الداخلية التونسية اليوم أن وحداتها بمدينة مارث من محافظة قابس ألقت "
        "القبض على عنصر إرهابي اعترف أنه ينوي التسلل نحو بلد مجاور للالتحاق بإحدى التنظيمات "
        "الإرهابية بمساعدة عنصر إرهابي آخر ينتمي إلى إحدى الجماعات المسلحة."
    )
    events = _events(resources, config, text)
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [
        ("Arrests", "Police Forces of Tunisia", "Unidentified Armed Group (Tunisia)")
    ]


def test_who_confirms_an_act_with_its_own_doer_did_not_do_it(
    resources: Resources, config: Config
) -> None:
    text = (
        "أكد التحالف العربي لدعم الشرعية في اليمن تقدم الجيش الوطني اليمني في جبهات محافظة "
        "صعدة أمس ومقتل 20 حوثيا."
    )
    events = _events(resources, config, text)
    assert [(e.actor1, e.actor2) for e in events] == [
        ("Military Forces of Yemen (2012-)", "Houthi Movement")
    ]


def test_naming_a_new_formation_is_not_firing(resources: Resources, config: Config) -> None:
    text = (
        "أعلن عدد من الفصائل في ريف إدلب اندماجهم في تشكيل جديد أطلق عليه الجبهة الوطنية للتحرير."
    )
    assert [e.sub_event_type for e in _events(resources, config, text)] != ["Armed clash"]


def test_a_demand_opening_the_clause_governs_its_whole_list(
    resources: Resources, config: Config
) -> None:
    text = (
        "وفي وقت سابق طالبت اللجان مجلس المحافظة ببناء سد البصرة وإكمال مشروع ميناء الفاو "
        "وإيجاد فرص عمل للعاطلين بالإضافة إلى إطلاق سراح المعتقلين."
    )
    assert _events(resources, config, text) == []


def test_security_forces_dispersing_a_sit_in_is_a_protest_with_intervention(
    resources: Resources, config: Config
) -> None:
    events = _events(resources, config, "الأمن يفض اعتصام متظاهري البصرة.")
    assert [e.sub_event_type for e in events] == ["Protest with intervention"]


def test_a_clause_opened_by_where_happens_at_the_place_before_it(
    resources: Resources, config: Config
) -> None:
    text = (
        "واتسعت رقعة المظاهرات ووصلت إلى الناصرية والديوانية وكربلاء جنوبا، وامتدت قبل أيام "
        "إلى العاصمة بغداد، حيث واجهت قوات الأمن المتظاهرين بالقوة، مما أدى إلى مقتل 4 أشخاص "
        "الجمعة."
    )
    events = _events(resources, config, text)
    forced = [e for e in events if e.sub_event_type == "Excessive force against protesters"]
    assert [(e.location, e.fatalities) for e in forced] == [("Baghdad", 4)]


def test_a_member_killed_makes_his_group_the_target_unless_he_only_speaks(
    resources: Resources, config: Config
) -> None:
    killed = (
        "أفادت وزارة الدفاع الأمريكية أن القيادي في جماعة خراسان محسن الفضلي قتل في ضربة "
        "جوية أمريكية قرب بلدة سرمدا في ريف إدلب."
    )
    spoke = (
        "وذكر القيادي في المقاومة الشعبية أن طائرات التحالف شنت غارات على مواقع الحوثيين "
        "في مدينة زنجبار."
    )
    assert [e.actor2 for e in _events(resources, config, killed)] == ["Khorasan Group"]
    assert [e.actor2 for e in _events(resources, config, spoke)] == ["Houthi Movement"]


def test_no_event_outside_a_battle_has_one_actor_on_both_sides(
    resources: Resources, config: Config
) -> None:
    # "تابعة للتحالف" reads like a target phrase; the default attacker is the same coalition
    text = "شنت مقاتلات تابعة للتحالف العربي أمس غارات جوية استهدفت قاعدة العند الجوية بمحافظة لحج."
    events = _events(resources, config, text)
    assert events and all(e.actor1 != e.actor2 for e in events)


def test_an_exchange_of_artillery_fire_is_a_clash_and_residents_who_speak_are_not_hit(
    resources: Resources, config: Config
) -> None:
    text = (
        "قال سكان إن جماعة الحوثي وحلفاءها في الجيش تبادلت إطلاق نيران المدفعية مع القوات "
        "المدعومة من السعودية في منطقة دار سعد بمدينة عدن اليوم."
    )
    events = _events(resources, config, text)
    assert [e.sub_event_type for e in events] == ["Armed clash"]
    assert "Civilians (Yemen)" not in (events[0].actor1, events[0].actor2)


def test_an_ally_named_to_describe_the_target_does_not_act(
    resources: Resources, config: Config
) -> None:
    text = "قصفت طائرات حربية عربية الجماعة المتحالفة مع إيران في مدينة عدن اليوم."
    events = _events(resources, config, text)
    assert [e.sub_event_type for e in events] == ["Air/drone strike"]
    assert events[0].actor1 != "Military Forces of Iran (1989-)"


def test_who_holds_the_place_does_not_take_part_by_being_named(
    resources: Resources, config: Config
) -> None:
    text = "قال مسعفون إن عشرات الأشخاص قتلوا في هجوم على بلدة دوما الخاضعة لسيطرة المعارضة."
    events = _events(resources, config, text)
    assert events and all("Opposition" not in e.actor1 for e in events)


def test_strikes_detailed_near_the_place_of_a_named_attacker_are_his_on_his_day(
    resources: Resources, config: Config
) -> None:
    text = (
        "قال بيان للقيادة المشتركة اليوم الجمعة إن الولايات المتحدة وحلفاءها نفذوا 41 ضربة جوية "
        "ضد تنظيم داعش أمس الخميس وإن الهجمات ركزت على مدينة دير الزور. "
        "وأضاف أن 17 ضربة جوية نفذت قرب دير الزور واستهدفت جسورا ونقاط تفتيش."
    )
    events = _events(resources, config, text)
    assert [(e.sub_event_type, e.actor1, e.event_date) for e in events] == [
        ("Air/drone strike", "Military Forces of the United States (2009-2017)", date(2015, 7, 16))
    ]


def test_fire_from_a_forces_positions_makes_it_the_attacker(
    resources: Resources, config: Config
) -> None:
    text = (
        "سقط عدد من الضحايا في صفوف المدنيين في مخيم درعا جنوب سوريا نتيجة القصف العنيف الذي "
        "تعرض له المخيم من مواقع قوات الأسد."
    )
    events = _events(resources, config, text)
    assert [(e.actor1, e.actor2) for e in events] == [
        ("Military Forces of Syria (2000-2024)", "Civilians (Syria)")
    ]


def test_any_attack_in_a_denial_is_no_act(resources: Resources, config: Config) -> None:
    text = (
        "وأكد مسهور أن محافظة عدن لم تشهد خلال اليومين الأخيرين أي عملية استهداف صاروخي "
        "من الحوثيين، مشيرا إلى نجاح ما تقوم به قوات النخبة السعودية عبر تأمين مطار عدن."
    )
    assert _events(resources, config, text) == []


def test_a_warning_named_as_a_time_does_not_govern_the_clause(
    resources: Resources, config: Config
) -> None:
    text = (
        "وأضافت الصحيفة أنه بعد التحذير الاستخباراتي شرعت قوات الأمن في عمليات في مدينة "
        "إزمير واعتقلت 97 شخصا."
    )
    assert [e.sub_event_type for e in _events(resources, config, text)] == ["Arrests"]


def test_a_place_said_to_be_near_a_town_is_not_read_as_a_namesake_far_away(
    resources: Resources, config: Config
) -> None:
    # the gazetteer's "المزاريب" is in Lebanon; the text says it is near Daraa
    text = (
        "لقي ثلاثة لاجئين فلسطينيين مصرعهم بقصف قوات النظام السوري بصواريخ أرض أرض اليوم "
        "بلدة المزاريب قرب مدينة درعا جنوب سوريا."
    )
    events = _events(resources, config, text)
    assert [(e.country, e.admin1) for e in events] == [("Syria", "Daraa")]


def test_a_link_to_another_story_makes_no_event(resources: Resources, config: Config) -> None:
    text = (
        "قال المرصد السوري إن قوات النظام سيطرت على بلدة حرستا أمس.\n"
        "مقتل 23 من مسلحي أحرار الشام في هجوم انتحاري بحلب\n"
        "وأضاف المرصد أن الاشتباكات ما زالت مستمرة."
    )
    places = {e.location for e in _events(resources, config, text)}
    assert "Aleppo" not in places and any("Harast" in p or "Ḩarast" in p for p in places)


def test_a_suburb_east_of_the_capital_is_coded_to_the_suburb_the_report_names(
    resources: Resources, config: Config
) -> None:
    text = (
        "قتل 35 شخصا في سقوط قذيفة صاروخية على ضاحية شرقي العاصمة السورية دمشق. "
        "وقالت وكالة سانا إن القذيفة الصاروخية سقطت على سوق مزدحم في جرمانا بضاحية شرقي دمشق. "
        "وتسببت الغارات الأسابيع الماضية في مقتل 1450 مدنيا، وخلال نفس الفترة قتل 50 مدنيا في "
        "دمشق بسبب القذائف."
    )
    events = _events(resources, config, text)
    assert [(e.location, e.admin1, e.event_date) for e in events] == [
        ("Jaramana", "Rif Dimashq", date(2015, 7, 21))
    ]


def test_an_evacuation_is_coded_where_people_leave_not_where_they_go(
    resources: Resources, config: Config
) -> None:
    text = (
        "ولا يزال إجلاء أعضاء جيش الإسلام وعائلاتهم من دوما عبر ممر مخيم الوافدين مستمرا أمس، "
        "وستكون الوجهة النهائية هي مدينة جرابلس في محافظة حلب."
    )
    events = _events(resources, config, text)
    assert [(e.sub_event_type, e.location) for e in events] == [("Agreement", "Douma")]


def test_a_lone_namesake_abroad_does_not_make_the_article_foreign(
    resources: Resources, config: Config
) -> None:
    # the gazetteer knows "المزاريب" only in Lebanon; the article is about Daraa in Syria
    text = (
        "بيروت 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس\n"
        "قتل ثلاثة لاجئين بقصف قوات النظام السوري بصواريخ أرض أرض اليوم بلدة المزاريب قرب مدينة "
        "درعا.\nوتعرضت المناطق المحيطة بالبلدة لقصف ببراميل متفجرة أدى إلى سقوط قتلى."
    )
    events = _events(resources, config, text)
    assert events and {e.country for e in events} == {"Syria"}


def test_the_force_that_helps_is_not_the_one_that_acts(
    resources: Resources, config: Config
) -> None:
    helped = _events(
        resources,
        config,
        "وأفاد مصدر بأن وحدات حماية الشعب الكردية وبغطاء من طيران التحالف الدولي تمكنت أمس من "
        "السيطرة على منطقة الفيلات الحمر جنوب شرق الحسكة بعد اشتباكات مع مقاتلي تنظيم داعش.",
    )
    assert helped and helped[0].actor1.startswith("YPG")
    # "لدعم X": X is the one helped, and it may be the one fighting
    supported = _events(
        resources,
        config,
        "وقالت المصادر إن العربات كانت في طريقها أمس لدعم مقاتلي الحوثي الذين يخوضون معارك "
        "عنيفة ضد المقاومة الشعبية في مدينة تعز.",
    )
    assert supported and "Houthi Movement" in {supported[0].actor1, supported[0].actor2}


def test_a_deal_has_two_parties_and_the_evacuated_are_not_one(
    resources: Resources, config: Config
) -> None:
    text = (
        "بدأ مسلحو جيش الإسلام أمس تسليم أسلحتهم للحكومة السورية في دوما.\n"
        "ولا يزال إجلاء أعضاء جيش الإسلام وعائلاتهم من دوما مستمرا أمس بموجب الاتفاق، "
        "وخرج مئات المدنيين."
    )
    deals = [e for e in _events(resources, config, text) if e.sub_event_type == "Agreement"]
    assert deals and all(e.actor2 == "Military Forces of Syria (2000-2024)" for e in deals)


def test_territory_is_taken_from_an_armed_side_not_from_civilians(
    resources: Resources, config: Config
) -> None:
    text = (
        "وبعد حملة عسكرية أسفرت عن سقوط قتلى من المدنيين، سيطرت القوات التركية أمس على مدينة "
        "عفرين ذات الغالبية الكردية إثر انسحاب المقاتلين الأكراد منها."
    )
    taken = [e for e in _events(resources, config, text) if "territory" in e.sub_event_type]
    assert [e.actor2 for e in taken] == ["YPG: Peoples Protection Units"]


def test_a_fight_that_absorbs_a_shelling_keeps_the_fight_s_sides(
    resources: Resources, config: Config
) -> None:
    text = (
        "وقالت مصادر في المعارضة إن قصفا حكوميا على بلدة دوما الاثنين قد أسفر عن إصابة تسعة "
        "أشخاص، فيما دارت اشتباكات بين القوات الحكومية وجيش الإسلام على أطراف دوما."
    )
    events = _events(resources, config, text)
    assert [(e.sub_event_type, e.actor2) for e in events] == [("Armed clash", "Jaish al Islam")]


def test_storming_a_home_is_a_raid_not_a_clash(resources: Resources, config: Config) -> None:
    text = "وأصيب نجلاه بجراح خلال اقتحام منزل عائلته فجر أمس في بلدة بيت أمر شمال مدينة الخليل."
    assert [e.sub_event_type for e in _events(resources, config, text)] == ["Arrests"]


def test_an_adjective_after_a_base_or_position_names_the_side_hit(
    resources: Resources, config: Config
) -> None:
    hit = _events(
        resources,
        config,
        "وقالت إسرائيل إن صواريخ أطلقت من سوريا أمس على قواعد عسكرية إسرائيلية في مرتفعات الجولان.",
    )
    assert hit and hit[0].actor2 == "Military Forces of Israel (2009-)"
    # "مصادر عسكرية يمنية" are the sources, not a side
    sourced = _events(
        resources,
        config,
        "وأفادت مصادر عسكرية يمنية بمقتل 9 مسلحين من ميليشيات الحوثي في غارة لطائرات التحالف "
        "أمس في جبهة صرواح بمحافظة مأرب.",
    )
    assert sourced and sourced[0].actor2 == "Houthi Movement"


def test_a_part_of_the_city_named_before_is_coded_to_that_city(
    resources: Resources, config: Config
) -> None:
    # the gazetteer's only "القصور" is a village in Raqqa; here it is a quarter of Idlib
    quarter = _events(
        resources,
        config,
        "لقي 7 أشخاص مصرعهم أمس من جراء انفجار استهدف مستشفى إدلب والقصر العدلي بمنطقة القصور "
        "وسط المدينة.",
    )
    assert [e.location for e in quarter] == ["Idlib"]
    # a suburb resolved in the same city stays itself
    suburb = _events(
        resources,
        config,
        "أما في عدن، فقد قتل 57 مدنيا أمس في قصف شنه المتمردون على ضاحية دار سعد شمالي المدينة.",
    )
    assert [e.location for e in suburb] == ["Dar Saad (Aden)"]


def test_a_big_city_after_a_direction_word_places_the_others(
    resources: Resources, config: Config
) -> None:
    text = (
        "وأضافت المصادر أن الاشتباكات مستمرة أمس بين مسلحي تنظيم داعش وقوات النظام السوري في "
        "مخيم اليرموك جنوبي العاصمة دمشق."
    )
    assert [e.location for e in _events(resources, config, text)] == ["Mukhayyam al Yarmuk"]


def test_one_toll_for_two_listed_towns_is_split_and_the_note_says_so(
    resources: Resources, config: Config
) -> None:
    text = (
        "وأفاد المرصد أمس عن مقتل سبعة أشخاص في أكثر من 300 قذيفة صاروخية سقطت على بلدتي "
        "الفوعة وكفريا في محافظة ادلب."
    )
    events = _events(resources, config, text)
    assert [(e.location, e.fatalities) for e in events] == [("Al Fu`ah", 4), ("Kafraya", 3)]
    assert "7 reported for 2 places, divided evenly" in events[0].notes


def test_arrests_and_abductions_carry_no_deaths(resources: Resources, config: Config) -> None:
    taken = _events(
        resources,
        config,
        "وقال المصدر إن تنظيم داعش اختطف أمس 18 شابا من ناحية حمام العليل. وأشار إلى أن داعش "
        "سلم نحو 11 جثة من هؤلاء الشباب للطب العدلي.",
    )
    abductions = [e for e in taken if e.sub_event_type == "Abduction/forced disappearance"]
    assert abductions and all(e.fatalities == 0 for e in abductions)
    text = (
        "وأشار البيان إلى أن قوات الأمن داهمت أمس وكر اختباء المتورطين في مدينة السلط واعتقلت "
        "خمسة منهم، مما أسفر عن مصرع 6 أشخاص."
    )
    arrests = [e for e in _events(resources, config, text) if e.sub_event_type == "Arrests"]
    assert arrests and all(e.fatalities == 0 for e in arrests)


def test_each_village_of_a_list_with_an_unknown_name_is_an_event(
    resources: Resources, config: Config
) -> None:
    text = "ألقى الطيران المروحي براميل متفجرة على قرى اللطامنة والقرنفوشة ومورك في ريف حماة"
    events = _events(resources, config, text)
    assert sorted(e.location for e in events) == ["Al Lataminah", "Murak"]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # two scenes joined by "و" after "في": one event each
        (
            "قصفت فصائل المعارضة مواقع للجيش في نبل والزهراء بريف حلب الشمالي",
            ["Az Zahra'", "Nubul"],
        ),
        ("شنت الطائرات الحربية غارات على مواقع في دوما وحرستا", ["Douma", "Ḩarastā"]),
        # a comparison and a stretch between two towns are not scenes
        ("اندلعت اشتباكات عنيفة في شوارع تعز، ثالث أكبر مدينة في اليمن بعد صنعاء وعدن", ["Ta‘izz"]),
        ("هاجم مسلحون قافلة على الطريق بين الفلوجة والرمادي", ["Al Fallūjah"]),
    ],
)
def test_two_places_joined_after_in_are_two_scenes(
    resources: Resources, config: Config, text: str, places: list[str]
) -> None:
    assert sorted(e.location for e in _events(resources, config, text)) == places


def test_an_assault_that_kills_only_civilians_is_an_attack(
    resources: Resources, config: Config
) -> None:
    text = "قتل 10 أشخاص على الأقل في هجمات على فندقين في مقديشو."
    events = _events(resources, config, text)
    assert [(e.sub_event_type, e.actor2, e.fatalities) for e in events] == [
        ("Attack", "Civilians (Somalia)", 10)
    ]


def test_the_act_a_strike_answers_lends_it_neither_type_nor_toll(
    resources: Resources, config: Config
) -> None:
    text = (
        "أطلقت الولايات المتحدة أكثر من 100 صاروخ على مطار الشعيرات فجر السبت ردا على هجوم "
        "كيميائي مفترض في دوما أوقع أكثر من أربعين قتيلا."
    )
    events = _events(resources, config, text)
    assert [(e.sub_event_type, e.location, e.fatalities) for e in events] == [
        ("Shelling/artillery/missile attack", "Shayrat airbase", 0)
    ]
    # with no place of its own, the strike is not placed where the act it answers was
    unplaced = text.replace("على مطار الشعيرات", "على مواقع سورية")
    assert [e.location for e in _events(resources, config, unplaced)] == []


def test_what_captives_are_charged_with_is_not_the_arrest(
    resources: Resources, config: Config
) -> None:
    text = "اعتقلت الشرطة ثلاثة أشخاص بتهمة تنفيذ تفجير انتحاري في مدينة العريش أمس."
    events = _events(resources, config, text)
    assert [(e.sub_event_type, e.actor1) for e in events] == [
        ("Arrests", "Police Forces of Egypt (2014-)")
    ]


def test_palestinians_hit_in_jerusalem_are_palestinian_civilians(
    resources: Resources, config: Config
) -> None:
    text = "قتل فلسطيني برصاص الجيش الإسرائيلي في القدس اليوم."
    events = _events(resources, config, text)
    assert [(e.sub_event_type, e.actor2, e.fatalities) for e in events] == [
        ("Attack", "Civilians (Palestine)", 1)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "وفي مدينة تعز قصفت الميليشيات حي الروضة أمس.",
        # the items of a list of districts are districts too
        "وفي تعز، قصفت الميليشيات المنازل في أحياء التحرير الأسفل وضبوعة والروضة أمس.",
    ],
)
def test_a_district_of_the_town_named_first_is_coded_to_the_town(
    resources: Resources, config: Config, text: str
) -> None:
    # "الروضة" is also a district of Sana'a province; here it is a part of Taiz
    assert [e.location for e in _events(resources, config, text)] == ["Ta‘izz"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an object after the name makes "قتل" active: the gunmen killed, they were not killed
        (
            "قتل مسلحون مجهولون جنديا في مدينة درعا أمس.",
            ("Armed clash", "Unidentified Armed Group (Syria)", "Military Forces of Syria", 1),
        ),
        (
            "اغتال مسلحون مجهولون مرشحا للانتخابات البرلمانية في مدينة الموصل أمس.",
            ("Attack", "Unidentified Armed Group (Iraq)", "Civilians (Iraq)", 1),
        ),
        (
            "قتل الجيش ثلاثة مسلحين في درعا أمس.",
            ("Armed clash", "Military Forces of Syria", "Unidentified Armed Group (Syria)", 3),
        ),
        (
            "قتل حوثي مسلح مواطنا في مدينة إب أمس.",
            ("Attack", "Houthi Movement", "Civilians (Yemen)", 1),
        ),
        # the feminine and plural verbs too
        (
            "قتلت قوات الأمن ثلاثة مسلحين من داعش في مدينة الموصل فجر اليوم.",
            ("Armed clash", "Police Forces of Iraq", "Islamic State", 3),
        ),
        (
            "قتلوا بدم بارد مواطنا في مدينة الحديدة أمس، وقالت مصادر إن الحوثيين هم القتلة.",
            ("Attack", "", "Civilians (Yemen)", 1),
        ),
        # a death "at the hands of" a named side
        (
            "لقي مواطن حتفه على يد مسلحين مجهولين في مدينة صنعاء أمس.",
            ("Attack", "Unidentified Armed Group (Yemen)", "Civilians (Yemen)", 1),
        ),
        (
            "لقي 12 حوثيا مصرعهم على يد المقاومة الشعبية في محافظة الضالع يوم الأحد.",
            ("Armed clash", "Popular Resistance", "Houthi Movement", 12),
        ),
    ],
)
def test_a_killing_with_its_killer_named_is_an_event(
    resources: Resources, config: Config, text: str, expected: tuple[str, str, str, int]
) -> None:
    (event,) = _events(resources, config, text)
    sub, actor1, actor2, fatalities = expected
    assert event.sub_event_type == sub and event.fatalities == fatalities
    assert event.actor1.startswith(actor1) and event.actor2.startswith(actor2)


def test_a_count_after_the_name_counts_it_the_name_is_not_the_killer(
    resources: Resources, config: Config
) -> None:
    # "اثنين" follows what it counts: the terrorists are the dead, the US forces the killers
    text = "نفذت القوات الأمريكية غارة جوية قرب مدينة أوباري أمس وقتلت إرهابيين اثنين."
    (event,) = _events(resources, config, text)
    assert event.actor1.startswith("Military Forces of the United States")
    assert event.fatalities == 2


def test_civilians_killed_in_confrontations_with_one_side_are_attacked(
    resources: Resources, config: Config
) -> None:
    text = "وقتل فتى فلسطيني برصاص الجيش الإسرائيلي خلال مواجهات قرب السياج شرق غزة أمس."
    events = _events(resources, config, text)
    assert [(e.sub_event_type, e.actor2, e.fatalities) for e in events] == [
        ("Attack", "Civilians (Palestine)", 1)
    ]


def test_a_consulate_is_not_its_country_s_forces(resources: Resources, config: Config) -> None:
    text = "أطلق مسلحون النار على حرس القنصلية الأمريكية في إسطنبول أمس."
    events = _events(resources, config, text)
    assert events and all("United States" not in e.actor2 for e in events)


def test_a_ministry_of_defence_quoted_is_not_the_air_defence_that_intercepts(
    resources: Resources, config: Config
) -> None:
    text = (
        "نقلت وكالة الإعلام الروسية عن وزارة الدفاع قولها إن الجيش الروسي أسقط طائرة مجهولة "
        "بدون طيار بعد اقترابها من قاعدته الجوية في حميميم بسوريا."
    )
    events = _events(resources, config, text)
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [
        ("Disrupted weapons use", "Military Forces of Russia (2000-)", "")
    ]


def test_strikes_near_a_list_of_towns_are_one_event_each(
    resources: Resources, config: Config
) -> None:
    text = "شنت طائرات التحالف الدولي غارات جوية قرب كركوك والفلوجة وتلعفر أمس."
    locations = [e.location for e in _events(resources, config, text)]
    assert sorted(locations) == ["Al Fallūjah", "Kirkuk", "Tall 'Afar"]


def test_a_big_city_after_near_only_says_where_the_area_lies(
    resources: Resources, config: Config
) -> None:
    text = "قصفت قوات النظام بلدات في الغوطة الشرقية، قرب دمشق، أمس ما أدى إلى مقتل 5 مدنيين."
    assert [e.location for e in _events(resources, config, text)] == ["Eastern Ghouta"]


def test_who_planted_the_mine_is_its_actor_not_its_victim(
    resources: Resources, config: Config
) -> None:
    text = "قتل طفلان وأصيب ثالث بانفجار لغم زرعه الحوثيون في قرية الجراحي أمس."
    events = _events(resources, config, text)
    assert [(e.actor1, e.actor2, e.fatalities) for e in events] == [
        ("Houthi Movement", "Civilians (Yemen)", 2)
    ]


def test_a_quarter_of_a_big_city_keeps_its_name_though_far_from_the_centre(
    resources: Resources, config: Config
) -> None:
    # New Baghdad lies 15 km from Baghdad's point: a quarter of the city, not a namesake
    text = "انفجرت سيارة ملغومة في حي بغداد الجديدة شمال شرق بغداد، ما أدى إلى مقتل 16 شخصا."
    assert [e.location for e in _events(resources, config, text)] == ["New Baghdad"]


def test_an_event_in_the_capital_of_a_named_nation_is_coded_there(
    resources: Resources, config: Config
) -> None:
    text = "قتل ثلاثة أشخاص في انفجار سيارة مفخخة في العاصمة العراقية اليوم."
    events = _events(resources, config, text)
    assert [(e.location, e.admin1) for e in events] == [("Baghdad", "Baghdad")]
    (location,) = [ev for ev in events[0].evidence if ev.field == "location"]
    assert location.text == "العاصمة العراقية"
    # the capital of a country outside the covered region is not coded
    assert _events(resources, config, "قتل ثلاثة أشخاص في هجوم في العاصمة الفرنسية أمس.") == []


def test_a_governorate_named_after_its_district_only_says_where_it_lies(
    resources: Resources, config: Config
) -> None:
    # "البيضاء" names the governorate Rada' lies in, not the town of Al Bayda, 90 km away
    text = "شنت طائرات التحالف غارات على جبل الثعالب بمديرية رداع، كبرى المديريات في البيضاء أمس."
    assert [e.location for e in _events(resources, config, text)] == ["Rada`"]


def test_what_a_side_is_able_to_do_is_no_event(resources: Resources, config: Config) -> None:
    able = "قال المسؤول إن النظام السوري ما يزال قادرا على شن هجمات كيميائية في دوما أمس."
    assert _events(resources, config, able) == []
    # a name ("عبد القادر علي") is no statement of ability
    did = "وقال عبد القادر علي إن مسلحين هاجموا موكبا عسكريا في منطقة أفجوي أمس."
    assert _events(resources, config, did)


def test_the_owner_of_an_armed_attack_is_its_actor(resources: Resources, config: Config) -> None:
    text = "قتل ثلاثة حوثيين في هجوم مسلح للمقاومة على نقطة تابعة للمتمردين في مدينة باجل أمس."
    events = _events(resources, config, text)
    assert [(e.actor1, e.actor2) for e in events] == [("Popular Resistance", "Houthi Movement")]


def test_a_dual_nationality_noun_is_two_civilians(resources: Resources, config: Config) -> None:
    text = "استشهد فلسطينيان برصاص الجيش الإسرائيلي في مدينة الخليل اليوم."
    events = _events(resources, config, text)
    assert [(e.sub_event_type, e.actor2, e.fatalities) for e in events] == [
        ("Attack", "Civilians (Palestine)", 2)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "قتل 12 مدنيا في هجمات جديدة لقوات النظام على بلدة كفرنبل",
        "قتل مدنيان في كفرنبل من جراء القصف المكثف لقوات النظام",
    ],
)
def test_the_owner_of_an_attack_follows_its_adjective(
    resources: Resources, config: Config, text: str
) -> None:
    events = _events(resources, config, text)
    assert events and {e.actor1 for e in events} == {"Military Forces of Syria (2000-2024)"}


def test_a_generic_actor_has_no_words_and_a_moved_actor_keeps_its_own(
    resources: Resources, config: Config
) -> None:
    # the civilians are read first, as if they acted; the attacker is unnamed
    text = "أصيب 96 شخصا بينهم امرأتان وطفل، فيما قتل 8 أشخاص في أماكن متفرقة في عدن"
    events = _events(resources, config, text)
    assert [(e.actor1, e.actor2) for e in events] == [
        ("Unidentified Armed Group (Yemen)", "Civilians (Yemen)")
    ]
    spans = {ev.field: ev.text for ev in events[0].evidence}
    assert "actor1" not in spans
    assert spans["actor2"] in {"امرأتان", "أشخاص", "شخصا"}


def test_strikes_said_to_come_with_the_fight_fold_into_it(
    resources: Resources, config: Config
) -> None:
    text = (
        "تدور اشتباكات عنيفة بين قوات النظام وتنظيم داعش في بلدة مورك بريف حماة. "
        "وتتزامن هذه الاشتباكات مع قصف جوي تشنه مقاتلات حربية على الأحياء السكنية في مورك."
    )
    events = _events(resources, config, text)
    assert [(e.sub_event_type, e.location) for e in events] == [("Armed clash", "Murak")]


def test_an_act_placed_in_time_by_came_is_not_a_new_event(
    resources: Resources, config: Config
) -> None:
    text = (
        "قصفت مدفعية الجيش مواقع للمسلحين في مدينة صعدة صباح الأحد. "
        "ويأتي القصف بعد ساعات من تهديد المسلحين بمهاجمة مدينة الحديدة."
    )
    events = _events(resources, config, text)
    assert [e.location for e in events] == ["Şa‘dah"]


def test_one_battle_told_from_both_sides_keeps_two_sides(
    resources: Resources, config: Config
) -> None:
    text = (
        "قتل خمسة جنود عندما هاجم مقاتلو تنظيم الدولة الإسلامية نقطة تفتيش خارج مدينة أجدابيا. "
        "وقالت مصادر إن مسلحين اشتبكوا مع عناصر التنظيم قرب أجدابيا."
    )
    events = _events(resources, config, text)
    assert [(e.sub_event_type, e.actor1) for e in events] == [
        ("Armed clash", "Islamic State (Libya)")
    ]
    assert events[0].actor2 not in ("", events[0].actor1)


@pytest.mark.parametrize(
    ("text", "actor1", "actor2"),
    [
        # soldiers named as people are their army, and mostly the ones hit
        (
            "قتل 16 جنديا عراقيا في كمين لداعش جنوب الرمادي",
            "Islamic State (Iraq)",
            "Military Forces of Iraq (2014-2018)",
        ),
        (
            "وأضافت المصادر أن الجنود قتلوا عندما سقطت عدة قذائف مورتر على نقاط التفتيش في العريش",
            "Unidentified Armed Group (Egypt)",
            "Military Forces of Egypt (2014-)",
        ),
        # the nationality of soldiers killed names the side hit, not the bomber
        (
            "أعلنت مصادر رسمية مقتل عسكريين تركيين اثنين مساء السبت في انفجار سيارة مفخخة "
            "استهدف قافلة عسكرية في محافظة دياربكر",
            "Unidentified Armed Group (Turkey)",
            "Military Forces of Turkey (2016-)",
        ),
    ],
)
def test_soldiers_are_their_army_on_the_side_hit(
    resources: Resources, config: Config, text: str, actor1: str, actor2: str
) -> None:
    events = _events(resources, config, text)
    assert [(e.actor1, e.actor2) for e in events] == [(actor1, actor2)]


def test_arrests_by_the_forces_that_struck_are_part_of_the_act(
    resources: Resources, config: Config
) -> None:
    # the army kills one and arrests the other: one act, the arrest in its notes
    text = (
        "أعلن الجيش الإسرائيلي قتل فلسطيني قرب خان يونس جنوب قطاع غزة الأحد. وقال الجيش إن "
        "جنوده أطلقوا النار على فلسطينيين يحاولان التسلل فقتلوا أحدهما فيما اعتقل الثاني."
    )
    events = _events(resources, config, text)
    assert [(e.sub_event_type, e.actor1) for e in events] == [
        ("Attack", "Military Forces of Israel (2009-)")
    ]
    # the police who arrest a killer did not kill: the killing keeps an unknown perpetrator
    text = (
        "أقدم شاب مساء الثلاثاء على قتل ثلاثة أشخاص بإطلاق النار عليهم في مدينة أبها. "
        "وقبضت الشرطة على الجاني مساء الثلاثاء."
    )
    attacks = [e.actor1 for e in _events(resources, config, text) if e.sub_event_type == "Attack"]
    assert attacks == ["Unidentified Armed Group (Saudi Arabia)"]


@pytest.mark.parametrize(
    "text",
    [
        "قال مسؤول إن حصيلة القتلى منذ بدء المواجهات بين الحوثيين والمقاومة في تعز بلغت ألفا.",
        "ويتركز القصف على المخيم منذ سيطرة الجيش على مدينة دوما هذا الشهر.",
    ],
)
def test_an_act_a_count_or_a_period_starts_from_is_not_reported(
    resources: Resources, config: Config, text: str
) -> None:
    events = _events(resources, config, text)
    assert not any(e.event_type == "Battles" for e in events)


def test_a_strike_with_no_place_told_with_a_fight_is_part_of_it(
    resources: Resources, config: Config
) -> None:
    text = (
        "اندلعت اشتباكات عنيفة بين الحوثيين والمقاومة الشعبية في حي كريتر بمدينة عدن يوم الثلاثاء، "
        "فيما قصفت طائرات حربية عربية مواقع الجماعة."
    )
    events = _events(resources, config, text)
    assert [e.sub_event_type for e in events] == ["Armed clash"]


def test_bare_strikes_after_air_strikes_are_more_of_them(
    resources: Resources, config: Config
) -> None:
    text = (
        "قال بيان اليوم الجمعة إن الولايات المتحدة نفذت 20 ضربة جوية ضد تنظيم داعش أمس "
        "الخميس قرب مدينة الرقة. وتابع أن سبع ضربات نفذت قرب منبج واستهدفت مواقع قتالية."
    )
    events = _events(resources, config, text)
    assert {(e.sub_event_type, e.location) for e in events} >= {("Air/drone strike", "Manbij")}
    manbij = next(e for e in events if e.location == "Manbij")
    assert manbij.actor1.startswith("Military Forces of the United States")
    assert manbij.actor2 == "Islamic State (Syria)"  # the same strikes' enemy


def test_a_repeated_preposition_opens_a_second_scene(resources: Resources, config: Config) -> None:
    text = (
        "دارت اشتباكات بين القوات الحكومية وجيش الإسلام على أطراف مدينة دوما "
        "وعلى بلدة مسرابا يوم الاثنين."
    )
    events = _events(resources, config, text)
    assert sorted(e.location for e in events) == ["Douma", "Misraba"]


def test_an_act_something_came_after_is_not_reported_again(
    resources: Resources, config: Config
) -> None:
    text = (
        "أيد قائد عسكري سابق ضرب القواعد الجوية، في تعليق يأتي بعد تقارير هجوم كيماوي "
        "في مدينة إدلب."
    )
    assert _events(resources, config, text) == []


def test_who_reports_one_sided_fire_did_not_fire(resources: Resources, config: Config) -> None:
    text = (
        "وسقطت ثلاث قذائف هاون داخل المنطقة الخضراء في بغداد يوم الجمعة، لكنها لم تتسبب "
        "في وقوع إصابات، بحسب الجيش العراقي."
    )
    events = _events(resources, config, text)
    assert [(e.sub_event_type, e.actor1) for e in events] == [
        ("Shelling/artillery/missile attack", "Unidentified Armed Group (Iraq)")
    ]


@pytest.mark.parametrize(
    ("text", "deaths"),
    [
        # deaths with no place, then the act, then its place in the next sentence
        (
            "وقتل 54 شخصا، بينهم 28 مدنيا، جراء غارة جوية أمريكية قرب الحدود. "
            "واستهدفت الضربة الأمريكية تجمعا في قرية السوسة بريف دير الزور يوم الخميس.",
            54,
        ),
        # deaths in the sentence of a fresh act whose place is named
        ("قتل ثلاثة في تفجير سيارة مفخخة عند نقطة تفتيش في منطقة الطارمية شمال بغداد.", 3),
    ],
)
def test_deaths_with_no_place_go_to_the_act_they_came_from(
    resources: Resources, config: Config, text: str, deaths: int
) -> None:
    events = _events(resources, config, text)
    assert [e.fatalities for e in events] == [deaths]


def test_an_act_a_demand_says_must_stop_is_not_reported(
    resources: Resources, config: Config
) -> None:
    text = "وقال منسق الأمم المتحدة إن استهداف المدنيين في مدينة إدلب يجب أن يتوقف حالا."
    assert _events(resources, config, text) == []


def test_police_attacked_and_one_killed_is_a_clash_with_the_police_hit(
    resources: Resources, config: Config
) -> None:
    text = "وفي ديار بكر تعرض شرطيا مرور لهجوم مسلح، أمس، أسفر عن مقتل أحدهما وإصابة الآخر."
    events = _events(resources, config, text)
    assert [(e.sub_event_type, e.actor2, e.fatalities) for e in events] == [
        ("Armed clash", "Police Forces of Turkey (2016-)", 1)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "وكانت المقاومة في عدن قد تمكنت يوم أمس الأحد من السيطرة على حي التواهي غربا.",
        "وأعلنت المقاومة أنها تمكنت من تحرير منطقة النخيلة بالمسيمير في لحج يوم الأحد.",
    ],
)
def test_managing_to_take_a_place_is_a_capture(
    resources: Resources, config: Config, text: str
) -> None:
    events = _events(resources, config, text)
    assert [e.event_type for e in events] == ["Battles"]
    assert events[0].sub_event_type in (
        "Government regains territory",
        "Non-state actor overtakes territory",
    )


def test_a_name_lies_inside_the_district_named_after_it(
    resources: Resources, config: Config
) -> None:
    # «الرصيفة» alone is Russeifa in Jordan; here the district and governorate contain it
    text = "سيطرت قوات الجيش الوطني على جبال الرصيفة في مديرية كتاف بمحافظة صعدة"
    events = _events(resources, config, text)
    assert [(e.country, e.location) for e in events] == [("Yemen", "Kitaf")]


def test_a_district_named_in_full_with_its_town_is_coded_to_the_town(
    resources: Resources, config: Config
) -> None:
    # «حي الميدان» is one gazetteer name, a district of Damascus; this one is in Aleppo
    text = (
        "قصفت الفصائل المقاتلة بالقذائف حي الميدان في مدينة حلب يوم الأحد ما أدى إلى مقتل "
        "ثلاثة مدنيين."
    )
    events = _events(resources, config, text)
    assert [(e.location, e.fatalities) for e in events] == [("Aleppo", 3)]
    damascus = _events(resources, config, "قتل ثلاثة مدنيين في قصف على حي الميدان بدمشق.")
    assert [e.location for e in damascus] == ["Al-Midan (Damascus)"]


def test_the_people_an_outcome_counts_are_the_side_a_strike_hit(
    resources: Resources, config: Config
) -> None:
    lead = "قال التحالف إنه نفذ ضربة جوية شرق سوريا يوم الخميس. "
    place = (
        "جراء غارة جوية أمريكية بالقرب من الحدود العراقية مع سوريا. واستهدفت الضربة "
        "الأمريكية تجمعا في قرية السوسة السورية على الحدود مع العراق."
    )
    named = _events(resources, config, lead + "وقتل 54 شخصا، بينهم 28 مدنيا، " + place)
    assert [(e.actor2, e.fatalities, e.civilian_targeting) for e in named] == [
        ("Civilians (Syria)", 54, "Civilians targeted")
    ]
    assert [x.text for x in named[0].evidence if x.field == "actor2"] == ["مدنيا"]
    # "persons" say nothing of who was hit
    unnamed = _events(resources, config, lead + "وقتل 54 شخصا، " + place)
    assert [(e.actor2, e.fatalities) for e in unnamed] == [("", 54)]


def test_a_strike_whose_toll_is_told_with_it_hit_the_side_its_outcome_names(
    resources: Resources, config: Config
) -> None:
    # the toll reaches the strike before its own clause is read as an outcome; that clause
    # still names who died
    text = (
        "أعلن الجيش التركي، السبت، أن ضربات لطائرات حربية تركية، أسفرت عن مقتل 15 على "
        "الأقل من المنتمين لحزب العمال الكردستاني في تونجلي بشرق تركيا."
    )
    events = _events(resources, config, text)
    assert [(e.actor1, e.actor2, e.fatalities) for e in events] == [
        ("Military Forces of Turkey (2016-)", "PKK: Kurdistan Workers Party", 15)
    ]


def test_a_missile_fired_and_intercepted_is_one_interception(
    resources: Resources, config: Config
) -> None:
    # ACLED: intercepted missiles go to Disrupted weapons use; who fired is actor2
    text = (
        "أطلقت جماعة الحوثي يوم السبت صاروخا باليستيا باتجاه مدينة جازان، وتمكنت قوات الدفاع "
        "الجوي السعودي من اعتراضه."
    )
    events = _events(resources, config, text)
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [
        ("Disrupted weapons use", "Military Forces of Saudi Arabia (2015-)", "Houthi Movement")
    ]
    assert "جماعة الحوثي" in [x.text for x in events[0].evidence if x.field == "actor2"]
    # one that killed is an attack of its own, and a state's strike is seldom all stopped
    deadly = text.replace("جازان،", "جازان ما أدى إلى مقتل مدنيين اثنين،")
    assert len(_events(resources, config, deadly)) == 2
    state = (
        "أطلقت القوات الإسرائيلية صواريخ على مواقع في بلدة الكسوة جنوب دمشق يوم الثلاثاء، "
        "واعترضت الدفاعات الجوية السورية صواريخ منها."
    )
    assert sorted(e.sub_event_type for e in _events(resources, config, state)) == [
        "Disrupted weapons use",
        "Shelling/artillery/missile attack",
    ]


def test_a_killing_with_no_act_told_before_it_is_the_act(
    resources: Resources, config: Config
) -> None:
    # "الهجوم" refers to an attack the article never tells: the deaths are the news
    text = "قتل 14 جنديا في الهجوم على مدينة درنة يوم الاثنين."
    events = _events(resources, config, text)
    assert [(e.location, e.fatalities) for e in events] == [("Darnah", 14)]
    # with no day of its own, it may be a total or old news
    assert _events(resources, config, "قتل 14 جنديا في الهجوم على مدينة درنة.") == []


def test_the_gunmen_a_fight_names_beat_a_group_named_once_sentences_away(
    resources: Resources, config: Config
) -> None:
    fight = "اشتبكت قوات الأمن مع المسلحين في مبنى المؤسسة الوطنية للنفط في طرابلس يوم الاثنين. "
    rest = (
        "ولم يتضح بعد من الذي نفذ الهجوم. وشهدت المدينة هدوءا. وكانت الحكومة قد أعلنت خطة "
        "أمنية. وفي مايو الماضي، أعلن تنظيم الدولة الإسلامية مسؤوليته عن هجوم في طرابلس."
    )
    events = _events(resources, config, fight + rest)
    assert [(e.actor1, e.actor2) for e in events] == [
        ("Police Forces of Libya", "Unidentified Armed Group (Libya)")
    ]


def test_an_act_given_only_a_month_is_told_in_passing(resources: Resources, config: Config) -> None:
    background = (
        "وبدأت المظاهرات السلمية في مدينة البصرة جنوبي العراق مطلع يوليو الجاري للمطالبة "
        "بتحسين الخدمات."
    )
    assert _events(resources, config, background) == []
    reported = (
        "وخرجت مظاهرات سلمية في مدينة البصرة جنوبي العراق يوم الجمعة للمطالبة بتحسين الخدمات."
    )
    assert [e.sub_event_type for e in _events(resources, config, reported)] == ["Peaceful protest"]


def test_an_attack_in_words_is_no_battle(resources: Resources, config: Config) -> None:
    text = (
        "واشتعلت الاحتجاجات الغاضبة في البصرة يوم الجمعة. كما هاجموا إيران بشدة وحملوها "
        "مسؤولية تردي الأوضاع في البصرة."
    )
    events = _events(resources, config, text)
    assert [e.event_type for e in events] == ["Protests"]


def test_the_patron_a_group_belongs_to_is_not_the_actor(
    resources: Resources, config: Config
) -> None:
    text = (
        "وقال المتحدث باسم التحالف إن قوات الدفاع الجوي رصدت يوم الجمعة صاروخا باليستيا أطلقته "
        "المليشيا الحوثية التابعة لإيران من محافظة صعدة باتجاه جازان."
    )
    events = _events(resources, config, text)
    assert [e.actor1 for e in events] == ["Houthi Movement"]
    assert all("Iran" not in e.actor2 for e in events)
    # a force named by its kind is the asset of the one it belongs to
    asset = "قصف الطيران المروحي التابع لقوات النظام بلدة كفرنبل يوم الجمعة ما أدى إلى مقتل مدنيين."
    assert [e.actor1 for e in _events(resources, config, asset)] == [
        "Military Forces of Syria (2000-2024)"
    ]


def test_a_bomb_defused_is_disrupted_weapons_use_told_once(
    resources: Resources, config: Config
) -> None:
    text = (
        "أبطل خبراء متفجرات أتراك يوم الاثنين مفعول عبوة ناسفة كانت موضوعة داخل صندوق قرب مبنى "
        "الحزب الحاكم في العاصمة التركية أنقرة. وهرعت الشرطة التركية إلى المنطقة يوم الاثنين "
        "وأبطلت مفعول العبوة قرب المبنى في أنقرة."
    )
    events = _events(resources, config, text)
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [
        ("Disrupted weapons use", "Military Forces of Turkey (2016-)", "")
    ]


def test_a_capture_finished_before_a_next_step_is_not_reported(
    resources: Resources, config: Config
) -> None:
    text = (
        "وقال اللواء إنه بعد الانتهاء من تحرير كامل محافظتي لحج وعدن من الميليشيات "
        "ستتجه القوات إلى محافظة تعز."
    )
    assert not any(e.event_type == "Battles" for e in _events(resources, config, text))


def test_protesters_killed_at_a_protest_are_excessive_force_by_the_side_that_fired(
    resources: Resources, config: Config
) -> None:
    killed = _events(
        resources,
        config,
        "قتل متظاهران برصاص قوات الأمن خلال احتجاجات في مدينة البصرة يوم الجمعة.",
    )
    assert [(e.sub_event_type, e.actor1, e.actor2, e.fatalities) for e in killed] == [
        (
            "Excessive force against protesters",
            "Protesters (Iraq)",
            "Police Forces of Iraq (2014-2018)",
            2,
        )
    ]
    # the shooting told in the next sentence is the same event, and names who fired
    told_twice = _events(
        resources,
        config,
        "أعلنت وزارة الصحة مقتل 3 فلسطينيين وجرح 611 بالرصاص في مظاهرات غزة اليوم. "
        "وأطلقت القوات الإسرائيلية الرصاص الحي على المحتجين الفلسطينيين في غزة.",
    )
    assert [(e.sub_event_type, e.actor2, e.fatalities) for e in told_twice] == [
        ("Excessive force against protesters", "Military Forces of Israel (2009-)", 3)
    ]


def test_a_killing_a_protest_is_held_against_is_not_its_toll(
    resources: Resources, config: Config
) -> None:
    text = "خرج المئات في مظاهرة في مدينة البصرة يوم الجمعة احتجاجا على مقتل شاب برصاص الشرطة."
    events = _events(resources, config, text)
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Peaceful protest", 0)]


def test_a_protest_dispersed_with_tear_gas_is_an_intervention_not_an_attack(
    resources: Resources, config: Config
) -> None:
    text = (
        "وفي وقت لاحق أمس، أطلقت الشرطة التركية الغاز المسيل للدموع على عدة آلاف من الأشخاص "
        "تجمعوا في إسطنبول للتظاهر احتجاجا على التفجير الدامي."
    )
    events = _events(resources, config, text)
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [
        ("Protest with intervention", "Protesters (Turkey)", "Police Forces of Turkey (2016-)")
    ]


def test_a_toll_counted_since_something_began_is_a_total_not_an_event(
    resources: Resources, config: Config
) -> None:
    total = "قتل 40 فلسطينيا برصاص القوات الإسرائيلية على الحدود في غزة، منذ أن بدأت الاحتجاجات."
    assert _events(resources, config, total) == []
    first = "قتل 40 شخصا في قصف على مدينة دوما يوم الاثنين في أعنف هجوم منذ بدء الحرب."
    assert [e.fatalities for e in _events(resources, config, first)] == [40]


def test_an_interception_has_the_interceptor_first_and_who_fired_second(
    resources: Resources, config: Config
) -> None:
    text = (
        "اعترضت الدفاعات الجوية السعودية صاروخا باليستيا أطلقه الحوثيون باتجاه مدينة جازان "
        "مساء الخميس."
    )
    events = _events(resources, config, text)
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [
        ("Disrupted weapons use", "Military Forces of Saudi Arabia (2015-)", "Houthi Movement")
    ]
    # passive: the state's army intercepts
    passive = "وتم اعتراض صاروخ باليستي فوق مدينة جازان مساء الخميس."
    assert [e.actor1 for e in _events(resources, config, passive)] == [
        "Military Forces of Saudi Arabia (2015-)"
    ]


def test_the_west_coast_is_a_region_and_a_media_centre_is_a_source(
    resources: Resources, config: Config
) -> None:
    coast = _events(
        resources, config, "شنت القوات هجوما واسعا على الحوثيين بالساحل الغربي يوم الأحد."
    )
    assert [(e.location, e.admin1, e.geo_precision) for e in coast] == [
        ("Yemen's west coast (Tihama coast)", "Al Hudaydah", 3)
    ]
    # the districts named on the coast are the places, not the coast or As Sahil
    districts = _events(
        resources,
        config,
        "شنت القوات هجوما واسعا على الحوثيين في مديريتي الجراحي وزبيد بالساحل الغربي يوم الأحد.",
    )
    assert "Zabid" in [e.location for e in districts]
    sourced = _events(
        resources,
        config,
        "قتل 45 شخصا في قصف على الغوطة الشرقية الأربعاء، وفقا لمركز دمشق الإعلامي.",
    )
    assert [e.location for e in sourced] == ["Eastern Ghouta"]


def test_who_tells_of_a_bombing_is_no_side_of_it(resources: Resources, config: Config) -> None:
    told = _events(
        resources,
        config,
        "وقالت الشرطة إن انتحاريا فجر نفسه في سوق مدينة بعقوبة مساء الخميس.",
    )
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in told] == [
        ("Suicide bomb", "Unidentified Armed Group (Iraq)", "")
    ]
    # "its fighters": the speaker's own men acted
    own = _events(
        resources,
        config,
        "وأوضحت المقاومة الشعبية أن مقاتليها استهدفوا دورية للحوثيين في مدينة تعز أمس.",
    )
    assert own and own[0].actor1 == "Popular Resistance"
    # who denies the act tells of it too
    denied = _events(
        resources,
        config,
        "وقتل 22 عنصرا من الحشد الشعبي في قصف على موقع قرب مدينة القائم يوم الأحد، ونفت "
        "الولايات المتحدة أن تكون هي من قصف الموقع.",
    )
    assert denied and all("United States" not in e.actor1 for e in denied)


def test_an_act_told_at_a_city_and_at_its_quarter_is_one_event_at_the_quarter(
    resources: Resources, config: Config
) -> None:
    text = (
        "قتل ثلاثة مدنيين في تفجير عبوة ناسفة في العاصمة بغداد مساء الخميس. "
        "وقالت مصادر أمنية إن العبوة انفجرت في حي الشعلة ببغداد مساء الخميس."
    )
    events = _events(resources, config, text)
    assert [(e.sub_event_type, e.location) for e in events] == [
        ("Remote explosive/landmine/IED", "Shuala")
    ]


@pytest.mark.parametrize(
    ("text", "fatalities"),
    [
        (
            "هاجم مسلحون نقطة تفتيش للجيش في بلدة أجدابيا يوم السبت فقتلوا خمسة جنود. "
            "وقتل جنديان آخران عندما أرسلت الحكومة تعزيزات إلى أجدابيا.",
            7,
        ),
        (
            "قتل 16 طفلا يوم الأربعاء في غارة جوية على بلدة كفربطيخ في ريف إدلب. "
            "وقتل جراء القصف أيضا 4 مدنيين آخرين.",
            20,
        ),
        # the same toll told twice is one figure, the lowest
        (
            "قتل 16 طفلا يوم الأربعاء في غارة جوية على بلدة كفربطيخ في ريف إدلب. "
            "وقتل جراء القصف 15 طفلا.",
            15,
        ),
    ],
)
def test_a_toll_of_others_adds_to_the_one_told_before(
    resources: Resources, config: Config, text: str, fatalities: int
) -> None:
    events = _events(resources, config, text)
    assert [e.fatalities for e in events] == [fatalities]


@pytest.mark.parametrize(
    "text",
    [
        # a story set in a country outside the gazetteer: no record at a namesake in the region
        "قتل 21 شخصا على الأقل في هجوم انتحاري في ولاية قندوز شمال أفغانستان. وجاء الهجوم بعد "
        "سلسلة هجمات في كابول أوقعت 51 قتيلا الجمعة.",
        "وفي مدينة سان بطرسبورغ ثاني كبرى المدن الروسية اعتقلت الشرطة العشرات من المتظاهرين "
        "يوم السبت.",
    ],
)
def test_an_event_abroad_is_not_coded_at_a_namesake(
    resources: Resources, config: Config, text: str
) -> None:
    assert _events(resources, config, text) == []


def test_a_town_of_the_region_beside_a_place_abroad_keeps_its_event(
    resources: Resources, config: Config
) -> None:
    text = (
        "ألقت أجهزة أمنية ليبية القبض على والد منفذ هجوم مانشستر، أمس الأربعاء، في العاصمة طرابلس."
    )
    events = _events(resources, config, text)
    assert [(e.sub_event_type, e.location, e.country) for e in events] == [
        ("Arrests", "Tripoli", "Libya")
    ]


def test_a_governorate_named_after_a_district_says_where_the_district_is(
    resources: Resources, config: Config
) -> None:
    text = "وفي مديرية حيس بالحديدة، قتل ثلاثة مسلحين في اشتباكات مع قوات الجيش يوم الاثنين."
    assert [e.location for e in _events(resources, config, text)] == ["Hays"]


@pytest.mark.parametrize(
    "text",
    [
        # two words in a row for the side hit, and no attacker named
        "وتركزت الغارات الجوية على تجمعات الانقلابيين الحوثيين في مديرية حرض بمحافظة حجة يوم "
        "السبت.",
        # "توجيه ضربة لـ X": a blow dealt to X, where "ضربة لـ X" alone would be X's
        "بعد ساعات من توجيه طائرات التحالف العربي ضربة لميليشيا الحوثي الإيرانية في مديرية حيس "
        "يوم الأحد.",
    ],
)
def test_the_side_an_air_strike_hits_is_not_its_attacker(
    resources: Resources, config: Config, text: str
) -> None:
    events = _events(resources, config, text)
    assert [(e.actor1 != "Houthi Movement", e.actor2) for e in events] == [
        (True, "Houthi Movement")
    ]


def test_a_district_south_of_a_city_is_the_scene_not_the_city(
    resources: Resources, config: Config
) -> None:
    text = "قصفت مقاتلات التحالف مبنى في مديرية حيس جنوب الحديدة يوم الجمعة."
    assert [e.location for e in _events(resources, config, text)] == ["Hays"]


def test_an_act_told_again_with_a_place_inside_its_governorate_is_one_event(
    resources: Resources, config: Config
) -> None:
    text = (
        "وعلى صعيد محافظة الحديدة، شنت مقاتلات التحالف غارات على مواقع المتمردين الحوثيين يوم "
        "الجمعة، ما أدى إلى مصرع 11 حوثيا. وأضاف مصدر مسؤول أن القصف استهدف مبنى مكافحة "
        "الملاريا في مديرية حيس جنوب الحديدة."
    )
    events = _events(resources, config, text)
    assert [(e.sub_event_type, e.location, e.fatalities) for e in events] == [
        ("Air/drone strike", "Hays", 11)
    ]


def test_a_village_the_first_report_left_unnamed_is_named_later_one_event(
    resources: Resources, config: Config
) -> None:
    first = (
        "قتل 12 شخصا أمس الأربعاء في غارات جوية نفذها الجيش السوري على قرية يسيطر عليها تنظيم "
        "داعش في محافظة حلب. ويشن الجيش السوري حملة قصف على المدن والقرى. "
    )
    named_in_aleppo = (
        first + "وقال المرصد إن الطيران السوري ألقى براميل متفجرة على قرية قصر البريج."
    )
    events = _events(resources, config, named_in_aleppo)
    assert [(e.sub_event_type, e.location, e.fatalities) for e in events] == [
        ("Air/drone strike", "Qasr al Burayj", 12)
    ]
    # a village in another governorate is another act
    named_in_idlib = first + "وقال المرصد إن الطيران السوري ألقى براميل متفجرة على بلدة كفرنبل."
    assert len(_events(resources, config, named_in_idlib)) == 2


def test_the_governments_allies_stand_on_its_side(resources: Resources, config: Config) -> None:
    # three sides listed, the second the first's ally
    text = "ودارت مواجهات عنيفة يوم الأحد بين الجيش الوطني والمقاومة ومليشيات الحوثي في مديرية حيس."
    events = _events(resources, config, text)
    assert [(e.actor1, e.assoc_actor_1, e.actor2, e.assoc_actor_2) for e in events] == [
        ("Military Forces of Yemen (2012-)", "Popular Resistance", "Houthi Movement", "")
    ]


def test_what_protesters_demand_does_not_cancel_their_protest(
    resources: Resources, config: Config
) -> None:
    text = "خرجت أمس تظاهرات في بغداد تطالب بتحسين الأداء الحكومي."
    events = _events(resources, config, text)
    assert [(e.sub_event_type, e.location) for e in events] == [("Peaceful protest", "Baghdad")]


def test_two_aircraft_are_owned_by_their_adjective_and_a_model_number_counts_no_one(
    resources: Resources, config: Config
) -> None:
    # "مقاتلتا F-15 أمريكيتان": the US jets' strike; "15" is the model, the toll unknown
    text = (
        "قصفت مدينة هجين بريف دير الزور بغارات جوية شنتها مقاتلتا F-15 أمريكيتان، السبت، "
        "ويجري التحقق من عدد الضحايا."
    )
    (event,) = _events(resources, config, text)
    assert event.sub_event_type == "Air/drone strike"
    assert event.actor1.startswith("Military Forces of the United States")
    assert event.actor2 == "" and event.fatalities == 0


def test_the_body_a_source_speaks_from_takes_no_part(resources: Resources, config: Config) -> None:
    # "مصدر بالشرطة": the police report the bombing, they are not the side it hit
    text = (
        "قال مصدر بالشرطة العراقية إن سيارة ملغومة انفجرت في حي مدينة الصدر في بغداد، "
        "الأربعاء، مما أدى إلى مقتل 18 شخصا."
    )
    (event,) = _events(resources, config, text)
    assert "Police" not in event.actor1 + event.actor2


def test_a_run_of_days_counts_to_the_day_named_before_it(
    resources: Resources, config: Config
) -> None:
    # published Tuesday 21 July 2015: "الأحد، لليوم الثالث على التوالي" is Sunday the 19th
    text = "وتظاهر المئات في مدينة البصرة الأحد، لليوم الثالث على التوالي، احتجاجا على الفساد."
    (event,) = _events(resources, config, text)
    assert event.event_date == date(2015, 7, 19)
    later = "وتظاهر المئات في مدينة البصرة لليوم الثالث على التوالي احتجاجا على الفساد."
    (event,) = _events(resources, config, later)
    assert event.event_date == date(2015, 7, 21)


@pytest.mark.parametrize(
    "text",
    [
        # the subject between the verb and the missile; the defences intercept, who fired is hit
        "اعترضت قوات الدفاع الجوي الملكي السعودي صاروخا باليستيا أطلقته الميليشيات الحوثية "
        "باتجاه مدينة جازان اليوم.",
        "أعلن المتحدث باسم قوات تحالف دعم الشرعية اعتراض قوات الدفاع الجوي السعودي صاروخا "
        "أطلقته ميليشيات الحوثي باتجاه مدينة جازان اليوم.",
    ],
)
def test_air_defences_intercept_what_the_firer_launched(
    resources: Resources, config: Config, text: str
) -> None:
    (event,) = _events(resources, config, text)
    assert event.sub_event_type == "Disrupted weapons use"
    assert event.actor1.startswith("Military Forces of Saudi Arabia")
    assert event.actor2 == "Houthi Movement"


def test_confrontations_after_a_protest_are_the_protesters(
    resources: Resources, config: Config
) -> None:
    text = (
        "وتظاهر المئات في مدينة الديوانية أمس، حيث اندلعت مواجهات مع قوات الأمن أسفرت عن "
        "سقوط 30 جريحا."
    )
    subs = {e.sub_event_type for e in _events(resources, config, text)}
    assert "Violent demonstration" in subs and "Armed clash" not in subs


def test_who_claimed_the_bombing_is_its_actor(resources: Resources, config: Config) -> None:
    text = (
        "وقتل 32 شخصا في التفجير الانتحاري الذي استهدف مركزا ثقافيا في مدينة سروج التركية "
        "أمس والذي تبناه تنظيم داعش."
    )
    (event,) = _events(resources, config, text)
    assert event.actor1.startswith("Islamic State") and event.country == "Turkey"


def test_a_protest_dispersed_by_an_unnamed_force_was_dispersed_by_the_police(
    resources: Resources, config: Config
) -> None:
    text = (
        "وتظاهر المئات أمام مبنى المحافظة في مدينة الناصرية أمس، وتم تفريقهم بالغاز المسيل للدموع."
    )
    (event,) = _events(resources, config, text)
    assert event.sub_event_type == "Protest with intervention"
    assert event.actor2.startswith("Police Forces of Iraq")
    assert [e.text for e in event.evidence if e.field == "actor2"] == ["تفريق"]
    (shot,) = _events(resources, config, "قتل متظاهران برصاص خلال احتجاجات في مدينة البصرة أمس.")
    assert shot.sub_event_type == "Excessive force against protesters"
    assert shot.actor2.startswith("Police Forces of Iraq")
    # in Palestine the force is as often Israel's army: no default
    gaza = "وتظاهر المئات في مدينة غزة أمس، وتم تفريقهم بالغاز المسيل للدموع."
    assert all(e.actor2 == "" for e in _events(resources, config, gaza))


def test_arrests_by_the_force_that_met_a_riot_are_part_of_it(
    resources: Resources, config: Config
) -> None:
    text = "اندلعت مواجهات بين محتجين وقوات الأمن في مدينة النجف أمس، واعتقلت الشرطة تسعة أشخاص."
    (event,) = _events(resources, config, text)
    assert event.sub_event_type == "Violent demonstration"
    assert event.actor2.startswith("Police Forces of Iraq")


def test_gaza_s_factions_named_together_are_palestine_s_unidentified_group(
    resources: Resources, config: Config
) -> None:
    text = "وأطلقت الفصائل الفلسطينية عشرات الصواريخ من قطاع غزة على مدينة سديروت أمس."
    (event,) = _events(resources, config, text)
    assert event.actor1 == "Unidentified Armed Group (Palestine)"
    assert "Civilians (Palestine)" not in (event.actor2, event.assoc_actor_2)


def test_deaths_the_incident_led_to_are_the_incident_s(
    resources: Resources, config: Config
) -> None:
    # "الحادث" is the blast told in the sentence before, not a new act by unknown gunmen
    events = _events(
        resources,
        config,
        "أصيب نائب رئيس مجلس النواب بانفجار لغم أرضي زرعه الحوثيون بمنطقة العرقوب بمحافظة أبين. "
        "وقالت المصادر إن الحادث أدى إلى إصابته في الرأس ومقتل أربعة من مرافقيه.",
    )
    assert [(e.sub_event_type, e.fatalities) for e in events] == [
        ("Remote explosive/landmine/IED", 4)
    ]


def test_a_coordinated_direction_opens_a_second_scene(resources: Resources, config: Config) -> None:
    two = _events(resources, config, "قصفت المدفعية اليوم مواقع في منطقة حرض وشمال مدينة الخوخة.")
    assert sorted(e.location for e in two) == ["Al Khawkhah", "Harad"]
    # two sides of one place, and the land between two places, are one scene
    for text in (
        "هاجم الجيش اليوم أوكار التنظيم في حصيبة الشرقية شمال وشرق الرمادي.",
        "استهدفت الغارات اليوم مناطق تقع بين شرق بلدة الراعي وغرب جرابلس.",
    ):
        assert len(_events(resources, config, text)) == 1, text


def test_fire_on_a_protest_is_force_against_protesters(
    resources: Resources, config: Config
) -> None:
    fired = _events(
        resources, config, "أطلقت ميليشيات الحوثي الرصاص الحي الأربعاء على تظاهرة نسائية في صنعاء."
    )
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in fired] == [
        ("Protest with intervention", "Protesters (Yemen)", "Houthi Movement")
    ]
    # the deaths told first, then their cause: one event, the protesters killed
    killed = _events(
        resources,
        config,
        "أعلنت وزارة الصحة الفلسطينية، الجمعة، مقتل اثنين فلسطينيين، إثر إطلاق قوات إسرائيلية "
        "النار عليهما في مظاهرات على طول السياج الحدودي بين قطاع غزة وإسرائيل.",
    )
    assert [(e.sub_event_type, e.fatalities) for e in killed] == [
        ("Excessive force against protesters", 2)
    ]


def test_a_protest_against_an_attack_was_not_fired_on(resources: Resources, config: Config) -> None:
    events = _events(
        resources,
        config,
        "تظاهر المئات السبت في مدينة عفرين احتجاجا على الهجوم الذي تشنه تركيا على المدينة.",
    )
    assert "Protest with intervention" not in {e.sub_event_type for e in events}


SAUDI_ARMY = "Military Forces of Saudi Arabia (2015-)"


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        # forces loyal to a side are that side acting
        (
            "قصفت القوات الموالية للحوثيين حي دار سعد في عدن امس، ما أسفر عن مقتل 12 مدنيا.",
            ("Houthi Movement", "Civilians (Yemen)"),
        ),
        # the force whose mosque was bombed is the target
        (
            "فجر انتحاري نفسه داخل مسجد قوات الطوارئ الخاصة في منطقة عسير أمس، ما أسفر عن "
            "استشهاد عشرة من منسوبي قوات الطوارئ الخاصة.",
            ("Unidentified Armed Group (Saudi Arabia)", "Police Forces of Saudi Arabia (2015-)"),
        ),
        # who underwent an attack is its target; the owner of the attacking boats its agent
        (
            "تعرضت فرقاطة سعودية أثناء قيامها بدورية مراقبة غرب ميناء الحديدة اليوم لهجوم من قبل "
            "3 زوارق انتحارية تابعة للحوثيين.",
            ("Houthi Movement", SAUDI_ARMY),
        ),
        # "قوات الحكومة" are the government forces of the country where the act is
        (
            "وقتل جنديان ليبيان امس في قتال بين قوات الحكومة ومقاتلين في وسط مدينة بنغازي.",
            ("Military Forces of Libya (2014-) Libyan National Army", None),
        ),
        # in Yemen the press's "Iranian militias" are the Houthis
        (
            "شنت مقاتلات التحالف اليوم غارات على مواقع الميليشيات الموالية لإيران في مدينة حرض.",
            (SAUDI_ARMY, "Houthi Movement"),
        ),
    ],
)
def test_the_sides_of_an_act(
    resources: Resources, config: Config, text: str, sides: tuple[str, str | None]
) -> None:
    events = _events(resources, config, text)
    assert [(e.actor1, e.actor2 if sides[1] is not None else None) for e in events] == [sides]
