"""Numbers as news writes them."""

from __future__ import annotations

import pytest

from rasd.arabic import tokenize
from rasd.numbers import read_number
from rasd.stages.normalize import normalize


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12 شخصا", 12),
        # a digit string scaled by the word after it
        ("50 ألف شخص", 50_000),
        # "a number of" is several
        ("عدد من المدنيين", 3),
        ("العديد من المدنيين", 3),
        ("ثلاثة مدنيين", 3),
        ("ثلاث نساء", 3),
        ("اثنين", 2),
        ("خمسة عشر عنصرا", 15),
        ("خمسة وعشرين", 25),
        ("عشرون", 20),
        ("مئة وخمسون", 150),
        ("ثلاثة آلاف", 3000),
        ("ألف وخمسمئة", 1500),
        ("أكثر من 20", 20),
        ("نحو 30", 30),
        ("قرابة سبعة", 7),
        ("ما لا يقل عن 15", 15),
        ("عشرات", 12),
        ("العشرات", 12),
        ("مئات", 100),
        ("عدة", 3),
        ("جنديين", 2),
        ("١٢", 12),
    ],
)
def test_numbers_read(text: str, value: int) -> None:
    reading = read_number(tokenize(normalize(text).text), 0)
    assert reading is not None and reading.value == value


@pytest.mark.parametrize("text", ["مدنيين", "القصف", "من", "عدد القتلى"])
def test_numbers_not_numbers(text: str) -> None:
    assert read_number(tokenize(normalize(text).text), 0) is None


@pytest.mark.parametrize(
    ("text", "at", "value"),
    [
        ("مقاتلتا F-15 أمريكيتان", 2, None),
        ("منظومة S-300 الروسية", 2, None),
        ("قتل 15 شخصا", 1, 15),
    ],
)
def test_digits_after_latin_letters_name_a_model(text: str, at: int, value: int | None) -> None:
    reading = read_number(tokenize(normalize(text).text), at)
    assert (reading.value if reading else None) == value
