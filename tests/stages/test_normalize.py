"""Normalisation folds Arabic variation and keeps an exact map to the original text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.stages.normalize import _TABLE, _TRANSLATE, fold, normalize

LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىة ،؛؟.\n0123456789٠١٢٣٤٥٦٧٨٩«»Ab"
MARKS = "\u064b\u064e\u0650\u0651\u0652\u0640\u200f\u200c\ufefb\u202bکی"
ARABIC_TEXT = st.text(alphabet=st.sampled_from(list(LETTERS + MARKS)), max_size=200)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("قُتِلَ", "قتل"),
        ("إدلب", "ادلب"),
        ("آذار", "اذار"),
        ("مستشفى", "مستشفي"),
        ("بلدة", "بلده"),
        ("قـــصف", "قصف"),
        ("٢٠٢١", "2021"),
        ("۱۲", "12"),
        ("«داعش»", '"داعش"'),
        ("مسئول", "مسيول"),
        ("ﻻ", "لا"),
        ("أين؟", "اين?"),
        ("CNN", "cnn"),
        ("a\u200fb", "ab"),
    ],
)
def test_normalize_folds(raw: str, expected: str) -> None:
    assert normalize(raw).text == expected


@given(ARABIC_TEXT)
@settings(max_examples=300, deadline=None)
def test_normalize_offsets_stay_in_range(text: str) -> None:
    normalized = normalize(text)
    for i in range(len(normalized.text) + 1):
        assert 0 <= normalized.to_original(i) <= len(text)


@given(ARABIC_TEXT, st.integers(0, 200), st.integers(0, 200))
@settings(max_examples=300, deadline=None)
def test_normalize_span_maps_back_to_the_same_word(text: str, a: int, b: int) -> None:
    normalized = normalize(text)
    start, end = sorted((min(a, len(normalized.text)), min(b, len(normalized.text))))
    o_start, o_end = normalized.span_to_original(start, end)
    assert 0 <= o_start <= o_end <= len(text)
    # the original slice covers the normalised slice: it normalises back to it, or to more when
    # the span cuts inside one character's expansion ("ﻻ" -> "لا")
    assert normalized.text[start:end].strip() in normalize(text[o_start:o_end]).text


@given(ARABIC_TEXT)
@settings(max_examples=200, deadline=None)
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text).text
    assert normalize(once).text == once


@pytest.mark.parametrize(("raw", "expected"), [("  دير   الزور ", "دير الزور"), ("حَلَب", "حلب")])
def test_normalize_fold_lexicon_strings(raw: str, expected: str) -> None:
    assert fold(raw) == expected


def test_the_code_point_table_translates_as_the_dict_table_does() -> None:
    by_dict = str.maketrans(_TABLE)
    every_plane_0 = "".join(chr(code) for code in range(0xD800)) + "".join(
        chr(code) for code in range(0xE000, 0x10000)
    )
    assert every_plane_0.translate(_TRANSLATE) == every_plane_0.translate(by_dict)
    # beyond the table's end a character stays as it is
    assert normalize("قصف 😀 𝐀").text == "قصف 😀 𝐀"
