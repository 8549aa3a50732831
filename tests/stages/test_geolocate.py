"""Resolving names to gazetteer places: country focus and candidate choice."""

from __future__ import annotations

import gzip
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rasd.errors import DataError
from rasd.gazetteer.build import _abroad, _capitals, _join_geonames, _named_seat, _seat_names
from rasd.pipeline import actor_country_hints
from rasd.resources import Resources
from rasd.stages.geolocate import country_focus, resolve_places
from rasd.stages.mentions import BARE_CAPITAL_KEY, find_mentions
from rasd.stages.segment import segment
from rasd.types import Article


def _resolve(resources: Resources, text: str) -> dict[str, tuple[str, str]]:
    article = Article("t", text, published=date(2018, 6, 20))
    found = find_mentions(
        article,
        segment(text),
        gazetteer=resources.gazetteer,
        actors=resources.actors,
        triggers=resources.triggers,
        reporters=resources.reporters,
        lexicons=resources.lexicons,
    )
    hints = actor_country_hints(found, resources.actors)
    resolved = resolve_places(found.places, resources.gazetteer, country_hints=hints)
    places = resources.gazetteer.places
    return {
        r.mention.key: (places[r.index].place.name, places[r.index].place.country_code)
        for r in resolved
    }


def test_article_focus_picks_the_syrian_namesake(resources: Resources) -> None:
    text = (
        "قال قائد في المعارضة السورية في درعا إن ضربات الطائرات الحكومية قرب قرية مسيكة "
        "جاءت ردا على هجوم للمعارضة في منطقة خربة غزالة."
    )
    resolved = _resolve(resources, text)
    assert resolved["مسيكه"][1] == "SY"


def test_repeated_bare_names_weigh_less_than_introduced_ones(resources: Resources) -> None:
    text = "قال عرة وعرة وعرة إن القصف استهدف قرية خربة غزالة في ريف درعا."
    article = Article("t", text, published=date(2018, 6, 20))
    found = find_mentions(
        article,
        segment(text),
        gazetteer=resources.gazetteer,
        actors=resources.actors,
        triggers=resources.triggers,
        reporters=resources.reporters,
        lexicons=resources.lexicons,
    )
    focus = country_focus(found.places, resources.gazetteer, {})
    assert focus["SY"] == 1.0


def test_seed_village_resolves_with_admin_units(resources: Resources) -> None:
    resolved = _resolve(resources, "هاجم مسلحون نقطة لقسد في بلدة الشحيل بريف دير الزور")
    assert resolved["شحيل"] == ("Shahil", "SY")


def test_a_place_named_so_beats_one_listing_the_name_among_others(resources: Resources) -> None:
    # the gazetteer also gives «تعز» as another name of the Raymah and Sana'a governorates;
    # with the same score otherwise, the governorate whose own name it is wins
    from rasd.stages.geolocate import _primary_first

    rows = resources.gazetteer.places.rows
    candidates = resources.gazetteer.names["تعز"]
    own = [i for i in candidates if rows[i][1] == "Ta`izz"]
    other = [i for i in candidates if rows[i][1] == "Raymah"]
    assert own and other
    assert (
        _primary_first((1.0, "fit"), rows[own[0]], "تعز")[0]
        > (_primary_first((1.0, "fit"), rows[other[0]], "تعز")[0])
    )


def test_a_place_abroad_beats_its_namesake_when_the_story_is_set_abroad(
    resources: Resources,
) -> None:
    afghan = _resolve(resources, "قتل 21 شخصا في هجوم في ولاية قندوز شمال أفغانستان وفي كابول.")
    assert afghan["كابول"][1] == "AF"
    galilee = _resolve(resources, "اعتقلت الشرطة الإسرائيلية ثلاثة شبان من قرية كابول في الجليل.")
    assert galilee["كابول"] == ("Kabul", "IL")


AFGHANISTAN = {"code": "AF", "name": "Afghanistan", "lat": 34.5, "lon": 69.2, "names": []}


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"code": "AF", "name": "Afghanistan", "names": []}, "lacks"),
        # a string would be read letter by letter
        ({**AFGHANISTAN, "places": "كابول"}, "must be lists"),
        ({**AFGHANISTAN, "places": ["كابول"], "lat": "north"}, "must be numbers"),
    ],
)
def test_a_malformed_abroad_entry_is_a_data_error(entry: dict[str, object], message: str) -> None:
    with pytest.raises(DataError, match=rf"abroad\.yaml.*{message}"):
        _abroad(entry)


def test_an_abroad_entry_makes_a_country_and_its_places() -> None:
    drafts = _abroad({**AFGHANISTAN, "names": ["أفغانستان"], "places": ["كابول"]})
    assert [(d.feature, d.name_ar, d.country_code) for d in drafts] == [
        ("country", "أفغانستان", "AF"),
        ("locality", "كابول", "AF"),
    ]


def _district(resources: Resources, name: str) -> int:
    places = resources.gazetteer.places
    return next(i for i in resources.gazetteer.names[name] if places[i].feature == "admin2")


def test_a_district_is_coded_to_its_own_town_or_else_its_own_point(resources: Resources) -> None:
    gazetteer = resources.gazetteer
    # "مديرية حيس": the town of the district's name, its admin word aside
    hays = gazetteer.places[gazetteer.seat_of(_district(resources, "حيس"))]
    assert (hays.feature, hays.place.name) == ("locality", "Hays")
    # no town of the district's name: the district's point, not Hodeidah 50 km away
    faqih = _district(resources, "بيت الفقيه")
    assert gazetteer.seat_of(faqih) == faqih


def test_a_geonames_place_takes_the_same_arabic_name_in_every_build(tmp_path: Path) -> None:
    # equal-length spellings: the choice must not follow a set's (hash-seeded) order, or two
    # builds of one gazetteer differ
    spellings = ["بانه", "بنها", "باني", "بنيه", "بانا", "بونه", "بينه", "باين", "بنان", "ببنه"]
    path = tmp_path / "cities.tsv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(
            "geonameid\tname\tcountry\tadmin1code\tlat\tlon\tpopulation\tnames_ar\tnames_other\n"
        )
        handle.write(f"1\tBaneh\tIR\t01\t35.99\t45.88\t1000\t{'|'.join(spellings)}\tBaneh\n")
    drafts: list[Any] = []
    _join_geonames(drafts, path)
    assert [d.name_ar for d in drafts] == [min(spellings)]


def test_a_governorates_name_is_not_a_hamlet_a_neighbouring_hamlet_pulls(
    resources: Resources,
) -> None:
    # "الجاح" is a hamlet in Ibb, and so are one "الحديدة" and one "القحيفة": the governorate's
    # name is still Hodeidah
    text = (
        "وفي الحديدة، ألقت المقاومة القبض على 35 عنصرا كما أحبطت محاولة تسلل لهم في الجاح. "
        "أما على جبهة تعز، فقد دارت اشتباكات شملت أغلب المواقع في عزلة القحيفة، بمديرية "
        "مقبنة، غربي تعز."
    )
    assert _resolve(resources, text)["حديده"] == ("Al Ḩudaydah", "YE")
    # after a settlement word the hamlet may be meant
    text = "قصفت الطائرات قرية الحديدة في محافظة إب"
    assert _resolve(resources, text)["حديده"] == ("Al Hudaydah", "YE")


def test_a_bare_capital_is_the_capital_of_the_country_the_article_names(
    resources: Resources,
) -> None:
    resolved = _resolve(resources, "انفجرت سيارة مفخخة في العاصمة، وفق الشرطة في العراق")
    assert resolved[BARE_CAPITAL_KEY] == ("Baghdad", "IQ")
    named = _resolve(resources, "قتل مدني في صنعاء أمس. وشنت الطائرات غارات على العاصمة فجرا")
    assert named[BARE_CAPITAL_KEY] == ("Sana'a", "YE")


def test_a_bare_capital_of_a_country_the_gazetteer_lacks_is_no_place(
    resources: Resources,
) -> None:
    # "العاصمة هراري": no capital the article names, so not Damascus by the prior
    assert BARE_CAPITAL_KEY not in _resolve(resources, "أغلقت المتاجر في العاصمة بعد احتجاجات")


def test_capitals_must_be_gazetteer_towns(resources: Resources) -> None:
    with pytest.raises(DataError, match="no town named"):
        _capitals(resources.gazetteer, [{"country": "SY", "capital": "مدينة لا وجود لها"}])
    capitals, adjectives = _capitals(
        resources.gazetteer, [{"country": "IQ", "capital": "بغداد", "adjectives": ["العراقية"]}]
    )
    assert resources.gazetteer.places[capitals["IQ"]].place.name == "Baghdad"
    assert adjectives == {"العراقيه": "IQ"}


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("SY دمشق", "is not a mapping"),
        ({"country": "SY"}, "needs 'country' and 'capital'"),
        ({"country": "SY", "capital": "دمشق", "adjectives": "السورية"}, "list of words"),
    ],
)
def test_a_malformed_capitals_entry_is_a_clear_data_error(
    resources: Resources, entry: Any, message: str
) -> None:
    with pytest.raises(DataError, match=f"capitals.yaml.*{message}"):
        _capitals(resources.gazetteer, [entry])


def test_a_place_lies_in_the_unit_named_right_after_it(resources: Resources) -> None:
    # the gazetteer's Shibams are in Hadramawt, Hodeidah and Taizz, none in Sana'a: the
    # mention is dropped and the district stands for the place
    text = "شنت طائرات التحالف غارات على جبل شبام بمديرية مناخة في محافظة صنعاء"
    resolved = _resolve(resources, text)
    assert "شبام" not in resolved
    assert resolved["مديريه مناخه"] == ("Manakhah", "YE")
    # without the district, the best-known Shibam
    assert _resolve(resources, "شنت طائرات التحالف غارات على مدينة شبام")["شبام"][1] == "YE"


def test_a_quarter_lies_near_the_towns_the_article_names(resources: Resources) -> None:
    # "المغار" is a village in Israel; in a story about Derna, "حي المغار" is Derna's
    text = (
        "اقتحمت القوات المسلحة آخر معاقل تنظيم القاعدة في مدينة درنة. وقال الرفادي إن "
        "القوات اقتحمت آخر معاقل الإرهابيين في حي المغار."
    )
    resolved = _resolve(resources, text)
    assert resolved["درنه"][1] == "LY"
    assert "مغار" not in resolved
    # with no other place named, the quarter keeps its candidates
    assert "مغار" in _resolve(resources, "اقتحمت القوات آخر معاقل الإرهابيين في حي المغار.")


def test_a_governorate_named_alone_is_coded_to_its_capital(resources: Resources) -> None:
    # not its biggest town (Khamis Mushait, Khanaqin) nor a village of its name (Shabwah)
    gazetteer = resources.gazetteer
    seats = {
        (row[4], row[5]): gazetteer.places[gazetteer.seat_of(i)].place.name
        for i, row in enumerate(gazetteer.places.rows)
        if row[10] == "admin1" and row[4] in ("SA", "IQ", "YE")
    }
    assert seats[("SA", "Aseer")] == "Abha"
    assert seats[("IQ", "Diyala")] == "Ba‘qūbah"
    assert seats[("YE", "Shabwah")] == "Ataq"
    assert seats[("YE", "Ta`izz")] == "Ta‘izz"  # the town of its name, as before


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("Aseer", "is not a mapping"),
        ({"country": "SA", "capital": "أبها"}, "needs 'country', 'admin1' and 'capital'"),
    ],
)
def test_a_malformed_seat_is_a_clear_data_error(entry: Any, message: str) -> None:
    with pytest.raises(DataError, match=f"capitals.yaml: seat .*{message}"):
        _seat_names([entry])


def test_a_seat_naming_no_town_of_its_governorate_is_a_data_error(resources: Resources) -> None:
    places = list(resources.gazetteer.places)
    with pytest.raises(DataError, match=r"capitals\.yaml: SA Aseer: no town named"):
        _named_seat(("SA", "Aseer"), "الرياض", list(range(10)), places)
