"""Numbers as Arabic news writes them: digits, number words and compounds, duals, vague words.

``read_number(tokens, i)`` reads the number expression starting at token ``i``
("خمسة عشر", "ثلاثة آلاف", "أكثر من 20", "نحو ثلاثين", "عشرات", "جنديين") and returns its value
and extent. Vague words get ACLED's figures: عدة/عدد من/كثيرون -> 3, عشرات -> 12 ("dozens"),
مئات -> 100, آلاف -> 1000.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rasd.arabic import Token
from rasd.stages.normalize import fold, words


def _table(pairs: dict[str, int]) -> dict[str, int]:
    return {fold(word): value for word, value in pairs.items()}


UNITS = _table(
    {
        "واحد": 1,
        "واحدة": 1,
        "احد": 1,
        "إحدى": 1,
        "اثنان": 2,
        "اثنين": 2,
        "اثنتان": 2,
        "اثنتين": 2,
        "اثنا": 2,
        "اثني": 2,
        "اثنتا": 2,
        "ثلاثة": 3,
        "ثلاث": 3,
        "أربعة": 4,
        "أربع": 4,
        "خمسة": 5,
        "خمس": 5,
        "ستة": 6,
        "ست": 6,
        "سبعة": 7,
        "سبع": 7,
        "ثمانية": 8,
        "ثماني": 8,
        "ثمان": 8,
        "تسعة": 9,
        "تسع": 9,
    }
)
TEN = _table({"عشرة": 10, "عشر": 10})
TENS = _table(
    {
        "عشرون": 20,
        "عشرين": 20,
        "ثلاثون": 30,
        "ثلاثين": 30,
        "أربعون": 40,
        "أربعين": 40,
        "خمسون": 50,
        "خمسين": 50,
        "ستون": 60,
        "ستين": 60,
        "سبعون": 70,
        "سبعين": 70,
        "ثمانون": 80,
        "ثمانين": 80,
        "تسعون": 90,
        "تسعين": 90,
    }
)
HUNDREDS = _table(
    {
        "مئة": 100,
        "مائة": 100,
        "مئتان": 200,
        "مئتين": 200,
        "مائتان": 200,
        "مائتين": 200,
        "ثلاثمئة": 300,
        "ثلاثمائة": 300,
        "أربعمئة": 400,
        "أربعمائة": 400,
        "خمسمئة": 500,
        "خمسمائة": 500,
        "ستمئة": 600,
        "ستمائة": 600,
        "سبعمئة": 700,
        "سبعمائة": 700,
        "ثمانمئة": 800,
        "ثمانمائة": 800,
        "ثمانيمئة": 800,
        "تسعمئة": 900,
        "تسعمائة": 900,
    }
)
THOUSANDS = _table({"ألف": 1000, "آلاف": 1000, "ألفا": 1000, "ألفان": 2000, "ألفين": 2000})
MILLIONS = _table({"مليون": 1_000_000, "ملايين": 1_000_000, "مليونا": 1_000_000})
VAGUE = _table(
    {
        "عدة": 3,
        "بضعة": 3,
        "بضع": 3,
        "عشرات": 12,
        "العشرات": 12,
        "مئات": 100,
        "المئات": 100,
        "آلاف": 1000,
        "الآلاف": 1000,
        "كثيرون": 3,
        "كثيرين": 3,
    }
)
A_NUMBER = words("عدد، عددا، العديد، عديد، الكثير، كثير")
OF = words("من")
# "at least", "about", "more than": ACLED keeps the stated figure (the lowest reading)
QUALIFIERS = _table(
    {
        "نحو": 0,
        "حوالي": 0,
        "حوالى": 0,
        "قرابة": 0,
        "زهاء": 0,
        "قرابه": 0,
        "أكثر": 0,
        "اكثر": 0,
        "أزيد": 0,
        "ما": 0,
        "يقل": 0,
        "لا": 0,
        "عن": 0,
        "من": 0,
        "يزيد": 0,
        "ما يقارب": 0,
        "يقارب": 0,
        "تقريبا": 0,
    }
)
# duals of people whose plural is a different word, so "-ان" (and "-ين" where listed) can only
# mean two: "قتل فلسطينيان", "لقي جنديان مصرعهما"
DUAL_PEOPLE = words(
    """
    جنديين، جنديان، شخصين، شخصان، طفلين، طفلان، عنصرين، عنصران، رجلين، رجلان، امرأتين، امرأتان،
    شابين، شابان، شقيقين، شقيقان، ضابطين، ضابطان، طفلتين، طفلتان، فتاتين، فتاتان، مدنيان، مواطنان،
    مسلحان، مقاتلان، شرطيان، صحفيان، صحافيان، ناشطان، مسعفان، متظاهران، محتجان، فلسطينيان،
    إسرائيليان، حوثيان، قياديان، عسكريان، انتحاريان، إرهابيان، مسؤولان، حارسان، مهاجمان، عضوان،
    مستوطنان
"""
)
# duals of any counted noun: people, and the weapons and strikes a report counts
DUAL_NOUNS = DUAL_PEOPLE | words(
    "قتيلين، قتيلان، صاروخين، صاروخان، برميلين، قذيفتين، غارتين، طائرتين، سيارتين"
)


@dataclass(frozen=True, slots=True)
class NumberReading:
    """A number expression over tokens ``[first, last]``."""

    value: int
    first: int
    last: int
    vague: bool = False

    # written out: mypyc compiles this one, not the one @dataclass generates (see rasd.types)
    def __init__(self, value: int, first: int, last: int, vague: bool = False) -> None:
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "first", first)
        object.__setattr__(self, "last", last)
        object.__setattr__(self, "vague", vague)


def word_value(word: str) -> int | None:
    """Value of one number word or digit string, clitic و allowed ("وعشرين")."""
    if word.isdigit():
        return int(word)
    for table in (UNITS, TEN, TENS, HUNDREDS, THOUSANDS, MILLIONS):
        if word in table:
            return table[word]
        if word.startswith("و") and word[1:] in table:
            return table[word[1:]]
    return None


def read_number(tokens: Sequence[Token], i: int) -> NumberReading | None:
    """The number expression that starts at token ``i``, if any."""
    first = i
    while i < len(tokens) and tokens[i].text in QUALIFIERS and i - first < 4:
        i += 1
    if i >= len(tokens):
        return None
    word = tokens[i].text
    if word in VAGUE:
        return NumberReading(VAGUE[word], first, i, vague=True)
    if word in A_NUMBER and i + 1 < len(tokens) and tokens[i + 1].text in OF:
        # "عدد من", "العديد من" (a number of, many): ACLED's lowest vague figure
        return NumberReading(3, first, i + 1, vague=True)
    if word in DUAL_NOUNS:
        return NumberReading(2, first, i)
    if word_value(word) is None or model_number(tokens, i):
        return None
    value, last = _compound(tokens, i)
    return NumberReading(value, first, last)


MODEL_GAP = 1  # "F-15", "S-300", "T72": the letters, at most a hyphen, the digits


def model_number(tokens: Sequence[Token], i: int) -> bool:
    """Digits right after Latin letters name a model ("مقاتلتا F-15"), they count nothing."""
    if i == 0 or not tokens[i].text.isdigit():
        return False
    before = tokens[i - 1]
    latin = before.text.isascii() and before.text.isalpha()
    return latin and tokens[i].start - before.end <= MODEL_GAP


def _compound(tokens: Sequence[Token], i: int) -> tuple[int, int]:
    """Sum a run of number words: "خمسة وعشرين", "ثلاثة آلاف", "ألف وخمسمئة", "خمسة عشر"."""
    total = 0
    current = 0
    last = i
    j = i
    while j < len(tokens):
        word = tokens[j].text
        value = word_value(word)
        if value is None or (j > i and not _joins(tokens[j - 1].text, word)):
            break
        if value in (10,) and word in TEN and current and current < 10:
            current += 10  # teens: خمسة عشر
        elif value >= 1000:
            multiplier = current or 1
            total += multiplier * (value if word not in ("الاف", "وآلاف") else 1000)
            current = 0
        else:
            current += value
        last = j
        j += 1
        if word.isdigit():
            # "50 ألف", "3 ملايين": a digit string scaled by the word after it
            scale = _scale(tokens[j].text) if j < len(tokens) else 0
            if scale:
                return total + current * scale, j
            break
    return total + current, last


def _scale(word: str) -> int:
    if word in THOUSANDS:
        return 1000
    return 1_000_000 if word in MILLIONS else 0


def _joins(previous: str, word: str) -> bool:
    """Whether ``word`` continues the number that ``previous`` ended."""
    if word.isdigit() or previous.isdigit():
        return False
    bare = word[1:] if word.startswith("و") else word
    return word.startswith("و") or bare in TEN or bare in THOUSANDS or bare in MILLIONS


def dual_value(word: str) -> int | None:
    """2 for an unambiguous dual noun ("جنديين"), else None."""
    return 2 if word in DUAL_NOUNS else None
