"""Place, actor and trigger mentions: which gazetteer names are read as places."""

from __future__ import annotations

from datetime import date

import pytest

from rasd.resources import Resources
from rasd.stages.mentions import BARE_CAPITAL_KEY, ArticleMentions, find_mentions
from rasd.stages.segment import segment
from rasd.types import Article


def _mentions(resources: Resources, text: str) -> ArticleMentions:
    article = Article("t", text, published=date(2018, 6, 20))
    return find_mentions(
        article,
        segment(text),
        gazetteer=resources.gazetteer,
        actors=resources.actors,
        triggers=resources.triggers,
        reporters=resources.reporters,
        lexicons=resources.lexicons,
    )


def _place_keys(resources: Resources, text: str) -> list[str]:
    return [p.key for p in _mentions(resources, text).places]


def test_reporting_sources_are_found_with_the_other_mentions(resources: Resources) -> None:
    found = _mentions(
        resources, "قصفت قوات النظام بلدة كفرنبل. وقال المرصد السوري إن مصادر محلية أكدت القصف."
    )
    named = [(found.token_sentence[r.first], r.name) for r in found.reporters]
    assert named == [(1, "Syrian Observatory for Human Rights"), (1, "local sources")]
    assert [
        found.tokens[j].text for j in range(found.reporters[0].first, found.reporters[0].last + 1)
    ] == ["المرصد", "السوري"]


def test_settlement_word_makes_a_place(resources: Resources) -> None:
    assert "خربه غزاله" in _place_keys(resources, "هاجمت المعارضة قافلة في منطقة خربة غزالة")


def test_person_names_are_not_places(resources: Resources) -> None:
    keys = _place_keys(resources, "وقال نسيم أبو عرة قائد قوات شباب السنة إن المعارضة صامدة")
    assert "عره" not in keys


def test_alternate_names_that_are_words_need_a_place_word(resources: Resources) -> None:
    # GeoNames lists "البلا" among Jerusalem's names; "بلا" is "without"
    assert _place_keys(resources, "وفقا لما ذكرته منظمة أطباء بلا حدود") == []


def test_lists_of_unknown_names_open_only_after_settlement_plurals(resources: Resources) -> None:
    text = "واستهدفت الغارات مناطق تجمع ووحدات تكتيكية ومواقع قتالية"
    assert "وحدات" not in _place_keys(resources, text)


def test_locative_context_is_recorded(resources: Resources) -> None:
    places = _mentions(resources, "قتل ثلاثة مدنيين في دوما").places
    assert places and places[0].context.locative


def test_names_written_with_the_article_need_it(resources: Resources) -> None:
    # every place called "الباب" (al-Bab) has the article; "باب" alone is "door"
    assert "باب" in resources.gazetteer.article_names
    assert _place_keys(resources, "فتح باب المنزل قرب القرية") == []
    assert "باب" in _place_keys(resources, "قصف الطيران مواقع في مدينة الباب")


def test_the_neighbourhood_is_not_kut_al_hai(resources: Resources) -> None:
    assert _place_keys(resources, "انفجرت عبوة ناسفة موضوعة بدراجة نارية في الحي") == []


def test_number_words_are_not_places(resources: Resources) -> None:
    assert "اربعين" not in _place_keys(resources, "قتل أربعين شخصا في قصف على بلدة سرمدا")


def test_text_without_the_article_keeps_bare_named_candidates(resources: Resources) -> None:
    # "قرية جديد" is a village written without the article, not "الجديد" (a Libyan town)
    places = _mentions(resources, "أوقفت القوات العمل عبر المعبر النهري بقرية جديد بكارة").places
    names = {resources.gazetteer.places[i].place.name_ar for p in places for i in p.candidates}
    assert "الجديد" not in names


def test_a_country_named_as_a_place_is_not_its_forces(resources: Resources) -> None:
    found = _mentions(resources, "قتل شرطيان في هجوم جنوب شرق تركيا")
    assert not any(a.key == "تركيا" for a in found.actors)
    found = _mentions(resources, "قصفت تركيا مواقع للوحدات الكردية")
    assert any(a.key == "تركيا" for a in found.actors)


def test_times_are_not_places(resources: Resources) -> None:
    assert "صباح" not in _place_keys(resources, "قتل ثلاثة مدنيين صباح الاثنين في قصف على دوما")


def test_origin_of_a_movement_is_not_the_event_place(resources: Resources) -> None:
    places = _mentions(resources, "وصلت تعزيزات قادمة من مدينة غازي عنتاب إلى الحدود").places
    assert places and places[0].context.origin
    # where bombers came from, or a bomb squad set out from ("فرقة" is a unit, not Raqqa)
    for text, origin in (
        ("إن قاذفات أمريكية جاءت من مدينة دمشق وضربت مواقع قرب حمص", "دمشق"),
        ("وتنقلت فرقة المتفجرات من مدينة حلب إلى مدينة إدلب", "حلب"),
    ):
        contexts = {p.key: p.context.origin for p in _mentions(resources, text).places}
        assert contexts[origin] and not any(v for k, v in contexts.items() if k != origin)
    # buses that carry fighters from a town: the town is left, not an origin
    carried = _mentions(resources, "تحركت حافلات تنقل المقاتلين وأسرهم من بلدة الرحيبة")
    assert not carried.places[0].context.origin


def test_common_words_after_a_plural_are_adjectives(resources: Resources) -> None:
    assert "جديده" not in _place_keys(resources, "سيطرت القوات على مواقع وقرى جديدة في المحافظة")


def test_a_time_set_off_by_commas_does_not_split_the_clause(resources: Resources) -> None:
    aside = _mentions(resources, "شن الجيش، مساء الأربعاء، هجوما صاروخيا على مواقع في درعا.")
    listed = _mentions(resources, "شن الجيش هجوما على درعا، وقصف المسلحون مواقع في حماة.")
    assert len(aside.clauses) == 1
    assert len(listed.clauses) == 2


def test_a_connector_that_is_also_a_city_is_not_a_place(resources: Resources) -> None:
    # "عقبه" is "after it" here; "مدينة العقبة" is Aqaba
    assert "عقبه" not in _place_keys(resources, "انفجرت عبوة في حماة، عقبه قصف على أماكن فيها")
    assert "عقبه" in _place_keys(resources, "وصل الوفد إلى مدينة عقبه الأردنية")


def test_a_definite_word_after_a_definite_place_noun_is_an_adjective(resources: Resources) -> None:
    # "المدينة الواقعة" is "the city located ..."; "العاصمة الجزائر" names the capital
    assert "واقعه" not in _place_keys(resources, "انفجار وسط المدينة الواقعة شمالي سوريا")
    assert "جزاير" in _place_keys(resources, "كمين على بعد 150 كيلومترا من العاصمة الجزائر")


def test_the_next_sentences_speech_verb_does_not_make_a_place_a_speaker(
    resources: Resources,
) -> None:
    found = _mentions(resources, "وقتل 43 شخصا يوم الأحد في حي دار سعد. وقال قائد قوات محلية إن")
    assert [p.context.metonym for p in found.places if p.key == "دار سعد"] == [False]


def test_a_governorate_word_is_not_a_governor_speaking(resources: Resources) -> None:
    # "لمحافظة" is not "محافظ" + ه: the governorate named is a place, not a reporter's seat
    found = _mentions(resources, "قصفت الطائرات مواقع في الريف الشمالي الشرقي لمحافظة حلب")
    assert [p.context.reporter for p in found.places if p.key == "حلب"] == [False]


def test_a_direction_before_the_capital_s_title_is_a_direction(resources: Resources) -> None:
    found = _mentions(resources, "سقطت قذيفة على ضاحية شرقي العاصمة السورية دمشق")
    damascus = next(p for p in found.places if p.key == "دمشق")
    assert damascus.context.direction
    plain = _mentions(resources, "سقطت قذيفة في العاصمة السورية دمشق")
    assert not next(p for p in plain.places if p.key == "دمشق").context.direction


def test_an_institution_is_a_source_only_where_someone_speaks(resources: Resources) -> None:
    attacked = _mentions(resources, "وتقع القنصلية الأمريكية في البصرة قرب المطار.")
    assert not next(p for p in attacked.places if p.key == "بصره").context.reporter
    speaking = _mentions(resources, "وقالت القنصلية الأمريكية في البصرة إن المطار تعرض لهجوم.")
    assert next(p for p in speaking.places if p.key == "بصره").context.reporter
    source = _mentions(resources, "وأفادت مصادر محلية في البصرة بوقوع انفجار.")
    assert next(p for p in source.places if p.key == "بصره").context.reporter


def test_what_says_where_another_place_lies_is_no_scene(resources: Resources) -> None:
    for text, neighbour in (
        # what a place borders
        ("فر المتمردون نحو محافظة إب المحاذية للضالع", "ضالع"),
        ("استهدفت الغارات مواقع في منطقة حرف سفيان بمحافظة عمران الحدودية مع صعدة", "صعده"),
        # the reference of a province's or district's direction
        ("انفجرت سيارة مفخخة في محافظة صلاح الدين شمالي العاصمة بغداد", "بغداد"),
        ("تقدمت القوات في مديرية باقم شمال صعدة", "صعده"),
        ("قتل عدد من الحوثيين بمديرية كتاف شمالي صعدة", "صعده"),
    ):
        contexts = {p.key: p.context for p in _mentions(resources, text).places}
        assert contexts[neighbour].neighbour and contexts[neighbour].elsewhere
        assert not any(c.neighbour for k, c in contexts.items() if k != neighbour)
    for text in (
        "قصفت الطائرات مواقع في مديرية رازح الحدودية بصعدة",  # the district lies in Saada
        "قصفت البوارج مخازن الأسلحة المحاذية لميناء الحديدة",  # the stores' port is theirs
        "اشتباكات في منطقة حرض وشمال مدينة الخوخة",  # a second scene
        "قصف مدفعي على ريف إدلب الغربي بجسر الشغور",  # a direction adjective
        "سقطت قذيفة على حي الواسطي جنوبي مدينة كركوك",  # a quarter of the town
        "قتل مدنيان في قرية دوما جنوب نابلس",  # a village may be missing or resolve elsewhere
    ):
        assert not any(p.context.neighbour for p in _mentions(resources, text).places), text


def test_where_an_evacuation_starts_is_an_origin(resources: Resources) -> None:
    found = _mentions(resources, "ولا يزال إجلاء أعضاء جيش الإسلام وعائلاتهم من دوما مستمرا.")
    douma = next(p for p in found.places if p.key == "دوما").context
    assert douma.left and not douma.origin  # other acts may still happen there
    # "من" before an act, not before the place: the place is where the act happened
    stormed = _mentions(
        resources, "وتمكنت قوة من أبناء العشائر من اقتحام منطقة البوعيثة شمالي الرمادي."
    )
    assert not any(p.context.origin for p in stormed.places)


def test_a_name_ending_in_a_preposition_needs_a_place_word(resources: Resources) -> None:
    # the gazetteer has a village "شهاب علي"; here a meteor exploded "على بعد 29 كلم"
    keys = _place_keys(resources, "ومنذ عامين انفجر شهاب على بعد 29 كلم من منطقة في روسيا")
    assert "شهاب علي" not in keys


def test_a_relative_clause_after_a_comma_stays_with_its_act(resources: Resources) -> None:
    found = _mentions(
        resources,
        "وأعلن المرصد عن ارتفاع أعداد قتلى الضربات الصاروخية، التي استهدفت منطقة الكسوة.",
    )
    assert len(found.clauses) == 1


def test_a_village_the_gazetteer_lacks_does_not_end_a_list(resources: Resources) -> None:
    # "القرنفوشة" is in no gazetteer: "مورك" after it is still an item of "قرى ..."
    text = "ألقى الطيران المروحي براميل متفجرة على قرى اللطامنة والقرنفوشة ومورك في ريف حماة"
    listed = {p.key: p.context.listed for p in _mentions(resources, text).places}
    assert listed["مورك"]
    # a trigger between two places opens a new clause, not a list item
    text = "قصفت الطائرات قرى اللطامنة وقصفت مورك"
    listed = {p.key: p.context.listed for p in _mentions(resources, text).places}
    assert not listed["مورك"]


def test_a_colour_is_not_a_place(resources: Resources) -> None:
    # "بيضاء" is also a village; before "اللون" it is the colour white
    assert "بيضاء" not in _place_keys(resources, "أظهر الفيديو مركبة بيضاء اللون قرب القرية")


def test_a_name_before_a_material_is_a_thing(resources: Resources) -> None:
    # "القبة" is also a village; "القبة الحديدية" is the Iron Dome
    text = "وأسقط نظام القبة الحديدية أربعة صواريخ فوق مدينة عسقلان"
    assert not any("قبه" in key for key in _place_keys(resources, text))


def test_a_name_after_a_demonstrative_is_a_common_noun(resources: Resources) -> None:
    # "الباب" is also a town; "هذا الباب" is "this door"
    assert "باب" not in _place_keys(resources, "وسد هذا الباب يتطلب أن نكون أكثر حزما")
    assert "باب" in _place_keys(resources, "قصفت الطائرات مدينة الباب شمال حلب")


def test_a_province_after_from_is_where_a_movement_came_from(resources: Resources) -> None:
    text = "وصلت تعزيزات عسكرية قادمة من ولاية غازي عنتاب إلى مدينة كيليس"
    origin = {p.key: p.context.origin for p in _mentions(resources, text).places}
    assert origin["غازي عنتاب"] and not origin["كيليس"]


def test_a_capital_is_a_city_not_a_namesake_village(resources: Resources) -> None:
    # Kabul in Israel is a village, no capital: the capital is the one abroad (abroad.yaml)
    places = _mentions(resources, "قتل 25 شخصا في تفجيرين في العاصمة الأفغانية كابول").places
    kabul = [p for p in places if p.key == "كابول"]
    assert kabul
    assert all(resources.gazetteer.places.abroad(i) for p in kabul for i in p.candidates)
    places = _mentions(resources, "تبنى التنظيم تفجير سيارة مفخخة في العاصمة اليمنية صنعاء").places
    names = {resources.gazetteer.places[i].place.name for p in places for i in p.candidates}
    assert names == {"Sana'a"}


def test_a_landform_noun_alone_is_not_a_place(resources: Resources) -> None:
    # "وأدى" (and it led to) folds to "وادي"; "مفرق" alone is a road junction
    assert _place_keys(resources, "قصفت الطائرات مواقع في حمص، وأدى ذلك إلى مقتل عنصرين") == ["حمص"]
    assert "مفرق" not in _place_keys(resources, "قصفت الطائرات تعزيزات في مفرق الوازعية")


def test_a_name_after_the_preposition_of_likeness_is_not_a_place(resources: Resources) -> None:
    # "كابل" is Kabul (not in the gazetteer), not ك + "ابل" (Abil, Syria); "كحلب" is "like Aleppo"
    assert _place_keys(resources, "قتل ثلاثة جنود في هجوم في مدينة كابل يوم الاثنين") == []
    assert _place_keys(resources, "وأصبحت المدينة كحلب بعد الحصار") == []
    assert _place_keys(resources, "قتل ثلاثة جنود في هجوم في مدينة حلب") == ["حلب"]


def test_the_security_council_is_not_the_security_forces(resources: Resources) -> None:
    keys = [a.key for a in _mentions(resources, "قبل ساعات من تصويت في مجلس الأمن الدولي").actors]
    assert keys == []
    police = _mentions(resources, "وأطلقت قوات الأمن النار على المسلحين").actors
    assert "قوات الامن" in [a.key for a in police]


def test_a_place_launching_a_campaign_is_its_government(resources: Resources) -> None:
    def metonyms(text: str) -> dict[str, bool]:
        return {p.key: p.context.metonym for p in _mentions(resources, text).places}

    assert metonyms("وأطلقت أنقرة عملية عسكرية جوية ضد حزب العمال الكردستاني")["انقره"]
    # the strikes are told; the capital owns them, and may stand in for the scene
    assert not metonyms("في وقت تسببت فيه غارات شنتها دمشق بمقتل 62 مدنيا")["دمشق"]


def test_a_quantity_after_ma_does_not_open_a_clause(resources: Resources) -> None:
    # "قتل ما لا يقل عن 27 مدنيا": the toll is the verb's, not a new clause ("ما أدى" is one)
    assert len(_mentions(resources, "قتل ما لا يقل عن 27 مدنيا في غارات على دوما").clauses) == 1
    assert len(_mentions(resources, "قتل ما يزيد على 20 مدنيا في غارات على دوما").clauses) == 1
    assert len(_mentions(resources, "انفجرت عبوة في دوما ما أدى إلى مقتل ثلاثة").clauses) == 2


def test_a_place_a_figure_is_according_to_is_its_government(resources: Resources) -> None:
    found = _mentions(resources, "وقتل 260 مقاتلا كرديا في هذه الغارات بحسب أنقرة")
    assert [p.context.metonym for p in found.places if p.key == "انقره"] == [True]


def test_places_drawn_from_a_plural_are_listed(resources: Resources) -> None:
    text = "أصابت الغارات أهدافا قرب تسع مدن بينها الموصل ومخمور والفلوجة"
    listed = {p.key: p.context.listed for p in _mentions(resources, text).places}
    assert listed == {"موصل": True, "مخمور": True, "فلوجه": True}
    # "منها" after anything but a plural of places draws nothing
    text = "وصل الوفد إلى بغداد وأعلن عدة قرارات منها الموصل"
    assert not any(p.context.listed for p in _mentions(resources, text).places)


def test_a_word_for_a_kind_of_place_heads_a_name(resources: Resources) -> None:
    # "معسكر" (a camp) is also Mascara; before another word it heads the camp's name
    keys = _place_keys(resources, "شنت الطائرات غارات على معسكر لواء المجد في مدينة البيضاء")
    assert "معسكر" not in keys
    keys = _place_keys(resources, "قتل جنديان في هجوم في مدينة معسكر غرب الجزائر")
    assert any("معسكر" in key for key in keys)


def test_a_press_conference_is_no_journalist(resources: Resources) -> None:
    text = "وقال المتحدث في مؤتمر صحفي إن القوات قصفت مواقع المسلحين واعتقلت صحفيا"
    keys = [a.key for a in _mentions(resources, text).actors]
    assert keys.count("صحفي") + keys.count("صحفيا") == 1


def _capital_mentions(resources: Resources, text: str) -> list[tuple[str, int]]:
    """(key, number of candidates) of the place mentions made of "العاصمة"."""
    return [
        (p.key, len(p.candidates))
        for p in _mentions(resources, text).places
        if "عاصم" in text[p.start : p.end] or p.key == BARE_CAPITAL_KEY
    ]


def test_the_capital_with_a_nation_adjective_is_that_capital(resources: Resources) -> None:
    found = _capital_mentions(resources, "قتل ثلاثة أشخاص في انفجار في العاصمة العراقية")
    assert found == [("بغداد", 1)]
    (place,) = _mentions(resources, "انفجار في العاصمة العراقية").places
    assert resources.gazetteer.places[place.candidates[0]].place.name == "Baghdad"


def test_a_bare_capital_leaves_the_country_to_the_article(resources: Resources) -> None:
    found = _capital_mentions(resources, "اندلعت اشتباكات في العاصمة اليوم")
    assert found == [(BARE_CAPITAL_KEY, len(resources.gazetteer.capitals))]


def test_the_capital_before_a_name_or_another_adjective_is_not_read_alone(
    resources: Resources,
) -> None:
    # the name is the mention; a temporary capital or an unknown name is not the capital
    assert "عاصمه" not in _place_keys(resources, "قصف في العاصمة السورية دمشق")
    assert _capital_mentions(resources, "غارات على العاصمة المؤقتة عدن") == []
    assert _capital_mentions(resources, "غارات على العاصمة اليمنية المؤقتة عدن") == []
    assert _capital_mentions(resources, "هجوم في العاصمة روما أمس") == []
    assert _capital_mentions(resources, "مظاهرة في تونس العاصمة أمس") == []
    # "محافظة العاصمة" is a governorate, not the city
    assert _capital_mentions(resources, "مداهمات في محافظة العاصمة") == []


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("اشتباكات عنيفة في مديرية أرحب شمال صنعاء", "مديريه ارحب"),
        ("هجوم على دورية للجيش بولاية عين الدفلى غرب الجزائر", "ولايه عين الدفلي"),
    ],
)
def test_a_name_that_opens_with_its_admin_word_is_a_place(
    resources: Resources, text: str, key: str
) -> None:
    # the measured list of common words holds such names (counted as bare words); the admin
    # word in the name itself says it is a place
    assert key in _place_keys(resources, text)


def test_the_iron_dome_is_not_a_place(resources: Resources) -> None:
    # "القبة" is al-Qubbah in Libya; "القبة الحديد" (without "ية") is still the Iron Dome
    assert _place_keys(resources, "واعترض نظام القبة الحديد عددا من الصواريخ") == []


@pytest.mark.parametrize(
    ("text", "government"),
    [
        ("وقع انفجار في أنقرة أمس", False),
        ("وقع انفجار بأنقرة أمس", False),
        # the capital standing for its government is an actor
        ("وقالت أنقرة إن طائراتها قصفت مواقع للمسلحين", True),
    ],
)
def test_a_capital_named_as_where_is_not_its_government(
    resources: Resources, text: str, government: bool
) -> None:
    actors = [a.key for a in _mentions(resources, text).actors]
    assert ("انقره" in actors) == government


def test_armed_after_a_named_group_describes_it(resources: Resources) -> None:
    # "حوثي مسلح" is an armed Houthi, not a Houthi and an unidentified armed man
    actors = [a.key for a in _mentions(resources, "قتل حوثي مسلح مواطنا في مدينة إب").actors]
    assert "مسلح" not in actors and "حوثي" in actors
    alone = [a.key for a in _mentions(resources, "قتل مسلح مواطنا في مدينة إب").actors]
    assert "مسلح" in alone


def test_armed_men_joined_by_and_are_a_side_of_their_own(resources: Resources) -> None:
    text = "اندلعت اشتباكات بين قوات الأمن ومسلحين في مدينة إب"
    assert "مسلحين" in [a.key for a in _mentions(resources, text).actors]


def test_militiamen_loyal_to_the_side_named_are_not_a_side(resources: Resources) -> None:
    text = "دارت اشتباكات بين قوات النظام والمسلحين الموالين لها من جهة وتنظيم داعش من جهة أخرى"
    assert "مسلحين" not in [a.key for a in _mentions(resources, text).actors]


def test_a_sub_district_after_a_market_word_is_no_city_quarter(resources: Resources) -> None:
    # "سوق" says a quarter may follow; "ناحية" says the place is a sub-district, whose town
    # keeps its own name (not folded into the city named after it)
    found = _mentions(resources, "انفجار عبوة في سوق بناحية خان بني سعد شرقي بعقوبة")
    (sub_district,) = [p for p in found.places if "خان" in p.key]
    assert not sub_district.context.district
    quarter = _mentions(resources, "انفجار عبوة في سوق حي الشيخ مقصود بمدينة حلب")
    assert any(p.context.district for p in quarter.places)


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        # a sea named after a place, or named as a sea, is no place of the event
        ("هجوم على ناقلة في خليج عدن", "عدن", None),
        ("هجوم على ناقلتين في البحر الأحمر", "بحر الاحمر", None),
        ("اشتباكات قرب المضيق الاستراتيجي", "مضيق", None),
        # a place after the sea word with a preposition of its own is a place
        ("انفجار عبوة في شارع البحر بالعريش", None, "عريش"),
    ],
)
def test_seas_and_straits_are_no_places(
    resources: Resources, text: str, absent: str | None, present: str | None
) -> None:
    keys = {p.key for p in _mentions(resources, text).places}
    assert absent is None or absent not in keys
    assert present is None or present in keys


def test_the_defenders_of_the_homeland_are_not_hama(resources: Resources) -> None:
    # "حماة" is also the plural of "حامي" (defender): "قتل حماة الوطن"
    assert not _mentions(resources, "وقتل حماة الوطن في الهجوم على المسجد").places
    assert [p.key for p in _mentions(resources, "قصف على ريف حماة الشمالي").places] == ["حماه"]


def test_a_nation_adjective_after_a_name_keeps_that_nation_s_namesakes(
    resources: Resources,
) -> None:
    found = _mentions(resources, "استهدف التفجير مركزا ثقافيا في مدينة سروج التركية أمس")
    (suruc,) = [p for p in found.places if p.key == "سروج"]
    countries = {resources.gazetteer.places[i].place.country_code for i in suruc.candidates}
    assert countries == {"TR"}
    # a town the gazetteer has in no such country is no place it can code
    assert not _mentions(resources, "وقع انفجار في مدينة حلب التونسية").places


def test_a_country_a_name_is_said_to_lie_in_keeps_that_country_s_namesakes(
    resources: Resources,
) -> None:
    def countries(text: str, key: str) -> set[str]:
        (place,) = [p for p in _mentions(resources, text).places if p.key == key]
        return {resources.gazetteer.places[i].place.country_code for i in place.candidates}

    assert countries("وقع انفجار في بلدة سروج بجنوب شرقي تركيا أمس", "سروج") == {"TR"}
    assert countries("قصفت الطائرات مدينة الرقة شمالي سوريا", "رقه") == {"SY"}
    # "وفي العراق" is a second place, and "غربي عمان" is west of Amman, not in Oman
    assert "YE" in countries("ما تقوم به إيران في اليمن وفي العراق", "يمن")
    assert countries("الهجوم في مدينة الفحيص غربي عمان", "فحيص") == {"JO"}


def test_the_unit_named_right_after_a_place_is_where_it_lies(resources: Resources) -> None:
    found = _mentions(resources, "غارات على جبل شبام بمديرية مناخة في محافظة صنعاء")
    by_key = {p.key: p for p in found.places}
    assert by_key["شبام"].within == by_key["مديريه مناخه"].first
    assert by_key["شبام"].within_unit
    # east of Aleppo is beside it, not in a unit (only a country would contain it), and "و"
    # opens a second place
    found = _mentions(resources, "قصفت القوات مدينة الباب شرق حلب وبلدة دوما ومحافظة حماة")
    assert [(p.within, p.within_unit) for p in found.places] == [
        (found.places[1].first, False),
        (-1, False),
        (-1, False),
        (-1, False),
    ]


def test_an_island_word_before_a_name_is_no_place_of_its_own(resources: Resources) -> None:
    # "جزيرة" is also a Lebanese village; "الجزيرة" with the article stays a place
    found = _mentions(resources, "قتل ثمانية مسلحين في جزيرة مينداناو")
    assert "جزيره" not in [p.key for p in found.places]
    found = _mentions(resources, "قصفت الطائرات الجزيرة يوم الأحد")
    assert "جزيره" in [p.key for p in found.places]


@pytest.mark.parametrize("text", ["قصف على بلدة سروج بجنوب", "قصف على بلدة سروج في", "في حي"])
def test_a_text_cut_after_a_link_word_keeps_its_places(resources: Resources, text: str) -> None:
    found = _mentions(resources, text)
    assert all(p.within == -1 for p in found.places)
    if "سروج" in text:
        assert [p.key for p in found.places] == ["سروج"]


def test_a_servant_name_is_a_man_not_a_place(resources: Resources) -> None:
    assert not _place_keys(resources, "وأعلن حاكم الولاية عبد الستار بارز أن انتحاريا فجر نفسه")
    assert not _place_keys(resources, "قال معاون مدير صحة المحافظة عبد الحسن الجابري")


def test_a_weapon_s_kind_is_not_a_place(resources: Resources) -> None:
    keys = _place_keys(resources, "وبالتنسيق مع مدفعية الميدان دمرت القوات مقرا في مدينة الرمادي")
    assert keys == ["رمادي"]


def test_a_capital_dealt_with_is_its_government(resources: Resources) -> None:
    for text in (
        "نفت الفصائل تفاوضها مع دمشق بشأن عملية الإجلاء",
        "هدد الحزب بقطع الهدنة مع أنقرة",
    ):
        places = _mentions(resources, text).places
        assert places and all(p.context.metonym for p in places), text
    # a place after "مع" that is no capital stays a place: "مع درعا" is no government
    assert not any(
        p.context.metonym for p in _mentions(resources, "اندلعت اشتباكات مع درعا").places
    )
