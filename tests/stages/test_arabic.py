"""Tokens, clitics and lexicon lookup."""

from __future__ import annotations

import pytest

from rasd.arabic import MEMO_LIMIT, Lexicon, analyses, cores, remember, tokenize
from rasd.stages.normalize import normalize

LEXICON: Lexicon[str] = Lexicon(
    [
        ("حلب", "aleppo"),
        ("دير الزور", "deir"),
        ("القوات", "forces"),
        ("ريف دمشق", "rif"),
        ("دمشق", "damascus"),
        ("الشحيل", "shuhayl"),
        ("القذائف", "shells"),
        ("مسلحي", "gunmen"),
    ],
    enclitics=True,
)


def _find(text: str) -> list[str]:
    return [m.values[0] for m in LEXICON.find(tokenize(normalize(text).text))]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("وبريف دمشق", ["rif"]),
        ("للقوات", ["forces"]),
        ("بالقذائف", ["shells"]),
        ("ومسلحيه", ["gunmen"]),
        ("والشحيل", ["shuhayl"]),
        ("شحيل", ["shuhayl"]),
        ("بحلب", ["aleppo"]),
        ("حلبوني", []),
        ("ديرالزور", []),
        ("في دير الزور", ["deir"]),
        ("دمشق", ["damascus"]),
    ],
)
def test_arabic_lexicon_through_clitics(text: str, found: list[str]) -> None:
    assert _find(text) == found


@pytest.mark.parametrize("text", ["وحلبة", "حلبوني", "الحلبي"])
def test_arabic_place_lexicon_rejects_unrelated_words(text: str) -> None:
    places: Lexicon[str] = Lexicon([("حلب", "aleppo")])  # places take no enclitics
    assert places.find(tokenize(normalize(text).text)) == []


def test_arabic_match_offsets_cover_the_core() -> None:
    text = normalize("قصفت وبالقذائف").text
    match = LEXICON.find(tokenize(text))[0]
    assert text[match.start : match.end] == "القذايف"


def test_arabic_analyses_whole_word_first() -> None:
    readings = analyses("وبالرقه")
    assert readings[0].core == "وبالرقه"
    assert any(r.prefix == "وبال" and r.core == "رقه" and r.article for r in readings)


def test_arabic_memoised_readings_are_the_same_object_and_agree_across_options() -> None:
    assert analyses("وبالرقه") is analyses("وبالرقه")
    with_enclitics = analyses("ومسلحيه", enclitics=True)
    assert any(r.suffix == "ه" for r in with_enclitics)
    assert not any(r.suffix for r in analyses("ومسلحيه"))  # another memo entry, not this one
    assert cores("ومسلحيه") == {"ومسلحيه", "ومسلحي", "مسلحيه", "مسلحي"}


def test_arabic_memo_starts_again_empty_at_its_limit() -> None:
    memo = {str(i): i for i in range(MEMO_LIMIT - 1)}
    assert remember(memo, "last", -1) == -1 and len(memo) == MEMO_LIMIT
    assert remember(memo, "next", 7) == 7 and memo == {"next": 7}


def test_arabic_lexicon_membership_and_size() -> None:
    assert "دير الزور" in LEXICON and "دير" not in LEXICON
    assert len(LEXICON) == 8


def test_arabic_a_figure_written_against_a_word_is_its_own_token() -> None:
    text = normalize("قتل 17حوثيا بصاروخ f16 والـ15").text
    words = [t.text for t in tokenize(text)]
    assert words == ["قتل", "17", "حوثيا", "بصاروخ", "f16", "وال15"]
    assert all(text[t.start : t.end] == t.text for t in tokenize(text))
