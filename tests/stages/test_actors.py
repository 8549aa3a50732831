"""The actor dictionary: valid data, neutral names, country- and date-dependent resolution."""

from __future__ import annotations

from datetime import date

import pytest

from rasd import acled
from rasd.arabic import tokenize
from rasd.config import Config
from rasd.pipeline import extract
from rasd.resources import Resources, read_yaml
from rasd.stages.actors import ActorDictionary, unknown_organisations
from rasd.stages.normalize import normalize
from rasd.types import ActorType, Article

FRAMING_WORDS = (
    "occupation",
    "occupier",
    "separatist",
    "terrorist",
    "mercenar",
    "regime militia",
    "criminal",
    "الاحتلال",
    "الانفصالي",
    "الإرهابي",
    "المرتزقة",
    "العدوان",
)


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return ActorDictionary.from_yaml(read_yaml("actors.yaml"))


def _name(actors: ActorDictionary, text: str, country: str, day: date | None = None) -> str:
    mentions = actors.find(tokenize(normalize(text).text))
    assert mentions, f"no actor found in {text!r}"
    actor = actors.resolve(mentions[0], country=country, day=day)
    assert actor is not None
    return actor.name


def test_actors_file_validates(actors: ActorDictionary) -> None:
    for entry in actors.entries.values():
        assert entry.inter in ActorType and entry.inter != ActorType.NONE
        assert entry.names and all(name for name, _ in entry.names)
        assert entry.source, f"{entry.id} has no source"
        if entry.generic and not entry.by_country:
            assert "{country}" in entry.names[-1][0]


def test_actors_every_actor_has_aliases(actors: ActorDictionary) -> None:
    counts = actors.alias_counts()
    assert all(count > 0 for count in counts.values()), [a for a, c in counts.items() if c == 0]


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("قوات النظام", "SY", "Military Forces of Syria (2000-2024)"),
        ("الجيش العربي السوري", "SY", "Military Forces of Syria (2000-2024)"),
        ("قسد", "SY", "QSD: Syrian Democratic Forces"),
        ("الميليشيات الانفصالية", "SY", "QSD: Syrian Democratic Forces"),
        ("قوات الاحتلال الأميركي", "SY", "Military Forces of the United States (2021-2025)"),
        ("الاحتلال", "PS", "Military Forces of Israel (2009-)"),
        ("التحالف", "YE", "Military Forces of Saudi Arabia (2015-)"),
        ("التحالف", "SY", "Global Coalition Against Daesh"),
        ("داعش", "IQ", "Islamic State (Iraq)"),
        ("داعش", "SY", "Islamic State (Syria)"),
        ("مسلحون مجهولون", "YE", "Unidentified Armed Group (Yemen)"),
        ("مدنيين", "SY", "Civilians (Syria)"),
        ("المتظاهرين", "IQ", "Protesters (Iraq)"),
        ("الجيش", "JO", "Military Forces of Jordan (1999-)"),
        ("الحوثيين", "YE", "Houthi Movement"),
        ("الانقلابيين", "YE", "Houthi Movement"),
        ("الحشد الشعبي", "IQ", "PMF: Popular Mobilization Forces"),
        ("وحدات حماية الشعب", "SY", "YPG: Peoples Protection Units"),
        ("ومسلحيه", "SY", "Unidentified Armed Group (Syria)"),
        # a coalition named "army of": the whole name, not the state army
        ("سيطر جيش الفتح", "SY", "Jaish al Fateh"),
        ("هيئة تحرير الشام", "SY", "HTS: Hayat Tahrir al Sham"),
        ("التحالف العربي لدعم الشرعية", "YE", "Military Forces of Saudi Arabia (2015-)"),
    ],
)
def test_actors_resolve_to_neutral_names(
    actors: ActorDictionary, text: str, country: str, expected: str
) -> None:
    assert _name(actors, text, country, date(2021, 3, 9)) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2015, 8, 1), "Military Forces of the United States (2009-2017)"),
        (date(2018, 6, 1), "Military Forces of the United States (2017-2021)"),
        (date(2025, 6, 1), "Military Forces of the United States (2025-)"),
    ],
)
def test_actors_regime_dated_names(actors: ActorDictionary, day: date, expected: str) -> None:
    assert _name(actors, "القوات الأمريكية", "SY", day) == expected


@pytest.mark.parametrize(
    "text",
    ["دانت هيئة الأمر بالمعروف الهجوم", "قال رئيس هيئة الأركان", "أعلنت الهيئة العامة للسياحة"],
)
def test_actors_a_commission_is_not_hts(actors: ActorDictionary, text: str) -> None:
    # "هيئة" (a body, a commission) names HTS only in "هيئة تحرير الشام"
    assert actors.find(tokenize(normalize(text).text)) == []


def test_actors_state_forces_abroad_are_external(actors: ActorDictionary) -> None:
    mention = actors.find(tokenize(normalize("الجيش التركي").text))[0]
    home = actors.resolve(mention, country="TR", day=None)
    abroad = actors.resolve(mention, country="SY", day=None)
    assert home is not None and home.inter == ActorType.STATE_FORCES
    assert abroad is not None and abroad.inter == ActorType.EXTERNAL_OTHER


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("هاجم مسلحون من لواء الفتح المبين حاجزا", ["لواء الفتح المبين"]),
        ("أعلنت كتائب الحسين مسؤوليتها", ["كتائب الحسين"]),
        ("قال إن التنظيم المتشدد انسحب", []),
        ("حركة المرور متوقفة", []),
        ("هاجمت قوات سوريا الديمقراطية", []),
    ],
)
def test_actors_unknown_organisations(actors: ActorDictionary, text: str, found: list[str]) -> None:
    tokens = tokenize(normalize(text).text)
    spans = unknown_organisations(tokens, actors)
    names = [" ".join(t.text for t in tokens[a : b + 1]) for a, b in spans]
    assert names == [normalize(n).text for n in found]


def test_actors_coverage_summary(actors: ActorDictionary) -> None:
    coverage = actors.coverage()
    assert coverage["actors"] == len(actors.entries)
    aliases, framing = coverage["aliases"], coverage["framing_labels"]
    assert isinstance(aliases, int) and isinstance(framing, int)
    assert aliases >= 500 and framing >= 30


def test_actors_no_framing_in_outputs(
    resources: Resources, config: Config, corpus_sample: list[Article], seed_article: Article
) -> None:
    for article in [seed_article, *corpus_sample[:150]]:
        for event in extract(article, resources, config):
            for value in (
                event.actor1,
                event.actor2,
                event.assoc_actor_1,
                event.assoc_actor_2,
                event.notes.split(" The report names the group")[0],
            ):
                lowered = value.lower()
                assert not any(word in lowered for word in FRAMING_WORDS), value


def test_actors_the_coalitions_full_name_names_no_yemeni_force(actors: ActorDictionary) -> None:
    # "الشرعية" alone is the Yemeni government's side; inside the coalition's name it is not
    mentions = actors.find(tokenize(normalize("أعلن التحالف العربي لدعم الشرعية في اليمن").text))
    assert [m.key for m in mentions] == ["تحالف العربي لدعم الشرعيه في اليمن"]


def test_actors_aggression_alone_is_the_coalition_only_in_yemen(actors: ActorDictionary) -> None:
    assert _name(actors, "غارات العدوان على صعدة", "YE").startswith("Military Forces of Saudi")
    mentions = actors.find(tokenize(normalize("تصدت الدفاعات الجوية للعدوان").text))
    named = [actors.resolve(m, country="SY", day=None) for m in mentions]
    assert not any(a is not None and "Saudi" in a.name for a in named)


def test_generic_forces_take_the_country_s_own_actor_where_it_has_one(
    actors: ActorDictionary,
) -> None:
    # one name per force: "الشرطة" in Saudi Arabia is sa-police, never a second, undated name
    for actor_id, entry in actors.entries.items():
        kind = actor_id.partition("-")[2]
        if kind in ("police", "military") and entry.country in acled.COUNTRIES:
            assert actors.entries[kind].by_country.get(entry.country) == actor_id, actor_id
