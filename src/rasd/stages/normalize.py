"""Arabic orthographic normalisation that keeps an exact map back to the original offsets.

What is folded (the variation Arabic news shows for the same word):
diacritics and Quranic marks, tatweel, bidi and zero-width marks (deleted); alef forms
(أ إ آ ٱ -> ا), hamza seats (ؤ -> و, ئ -> ي), alef maqsura (ى -> ي), teh marbuta (ة -> ه),
Persian letters (ک ی ۀ), presentation-form ligatures (ﻻ -> لا), Arabic-Indic and Persian digits
(-> 0-9), quote styles (« » “ ” ‘ ’ -> "), Arabic punctuation (، ؛ ؟ -> , ; ?), unusual spaces,
and Latin case.

The normalised text is for matching only; every span found in it is mapped back with
:meth:`NormalizedText.span_to_original` so evidence always quotes the article as published.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

_DELETE = (
    [chr(c) for c in range(0x064B, 0x0660)]  # harakat, shadda, sukun, maddah/hamza marks
    + ["\u0670", "\u0640"]  # superscript alef, tatweel
    + [chr(c) for c in range(0x06D6, 0x06EE)]  # Quranic annotation marks
    + ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff", "\u00ad"]
    + [chr(c) for c in range(0x202A, 0x202F)]  # bidi embeddings and overrides
    + [chr(c) for c in range(0x2066, 0x206A)]  # bidi isolates
)

_FOLD = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ٲ": "ا",
    "ٳ": "ا",
    "ؤ": "و",
    "ئ": "ي",
    "ى": "ي",
    "ة": "ه",
    "ۀ": "ه",
    "ہ": "ه",
    "ھ": "ه",
    "ک": "ك",
    "ی": "ي",
    "ې": "ي",
    "ڤ": "ف",
    "گ": "ك",
    "پ": "ب",
    "چ": "ج",
    "،": ",",
    "؛": ";",
    "؟": "?",
    "٪": "%",
    "٫": ".",
    "٬": ",",
    "۔": ".",
    "«": '"',
    "»": '"',
    "“": '"',
    "”": '"',
    "„": '"',
    "‟": '"',
    "″": '"',
    "‘": "'",
    "’": "'",
    "‚": "'",
    "‛": "'",
    "`": "'",
    "–": "-",
    "—": "-",
    "―": "-",
    "‐": "-",
    "‑": "-",
    "ـ": "",
    "\u00a0": " ",
    "\u2007": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\u200a": " ",
    "\u3000": " ",
    "\t": " ",
    "\r": " ",
    "\x0b": " ",
    "\x0c": " ",
}
_FOLD.update({chr(0x0660 + d): str(d) for d in range(10)})
_FOLD.update({chr(0x06F0 + d): str(d) for d in range(10)})
_FOLD.update({chr(c): chr(c).lower() for c in range(ord("A"), ord("Z") + 1)})


def _presentation_forms() -> dict[str, str]:
    """NFKC of the Arabic presentation forms (ligatures and positional shapes)."""
    table: dict[str, str] = {}
    for code in list(range(0xFB50, 0xFE00)) + list(range(0xFE70, 0xFF00)):
        char = chr(code)
        folded = unicodedata.normalize("NFKC", char)
        if folded != char and folded.strip():
            table[char] = "".join(_FOLD.get(c, c) for c in folded if c not in _DELETE_SET)
    return table


_DELETE_SET = frozenset(_DELETE)
# bidi and zero-width marks: never the last character of an evidence span
_INVISIBLE = frozenset(c for c in _DELETE if not "\u064b" <= c <= "\u06ed" and c != "\u0670")
_TABLE: dict[str, str] = {**_presentation_forms(), **_FOLD, **dict.fromkeys(_DELETE, "")}


def _by_code_point(table: dict[str, str]) -> tuple[int | str, ...]:
    """A ``str.translate`` table as a sequence indexed by code point (characters it leaves
    alone map to themselves). Faster than the dict ``str.maketrans`` gives, which raises
    and clears a KeyError for every character it does not change; beyond its end (characters
    outside the Basic Multilingual Plane, none of them in the table) a character stays."""
    mapping = {ord(char): replacement for char, replacement in table.items()}
    size = max(0x10000, max(mapping, default=0) + 1)
    return tuple(mapping.get(code, code) for code in range(size))


_TRANSLATE = _by_code_point(_TABLE)
# characters whose replacement is not exactly one character: they shift offsets
_SHIFTING = re.compile("[" + re.escape("".join(c for c, r in _TABLE.items() if len(r) != 1)) + "]")


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """Normalised text plus the map back to the original.

    ``anchors`` is a sorted tuple of ``(normalised offset, original offset)`` where the linear
    correspondence restarts; between anchors, one normalised character is one original one.
    """

    original: str
    text: str
    anchors: tuple[tuple[int, int], ...] = ()

    # written out: mypyc compiles this one, not the one @dataclass generates (see rasd.types)
    def __init__(self, original: str, text: str, anchors: tuple[tuple[int, int], ...] = ()) -> None:
        object.__setattr__(self, "original", original)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "anchors", anchors)

    def to_original(self, index: int) -> int:
        """Original offset of the normalised character at ``index`` (or of the end)."""
        if index >= len(self.text):
            return len(self.original)
        if not self.anchors:
            return index
        pos = bisect_right(self.anchors, (index, len(self.original) + 1)) - 1
        if pos < 0:
            return index
        norm_at, orig_at = self.anchors[pos]
        return orig_at + (index - norm_at)

    def to_normalized(self, index: int) -> int:
        """Normalised offset of the first kept character at or after original ``index``."""
        if not self.anchors:
            return min(index, len(self.text))
        origins = [orig for _, orig in self.anchors]
        pos = bisect_right(origins, index) - 1
        if pos < 0:
            return min(index, len(self.text))
        norm_at, orig_at = self.anchors[pos]
        limit = self.anchors[pos + 1][0] if pos + 1 < len(self.anchors) else len(self.text)
        return min(norm_at + (index - orig_at), limit)

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the normalised span ``[start, end)``.

        The end runs up to the next kept character, so marks that belong to the last letter
        (a final diacritic) stay inside the span; trailing spaces are never included.
        """
        if end <= start:
            at = self.to_original(start)
            return at, at
        orig_start = self.to_original(start)
        orig_end = max(self.to_original(end), self.to_original(end - 1) + 1)
        while orig_end > orig_start + 1 and (
            self.original[orig_end - 1].isspace() or self.original[orig_end - 1] in _INVISIBLE
        ):
            orig_end -= 1
        return orig_start, orig_end


def normalize(text: str) -> NormalizedText:
    """Fold the orthographic variation of Arabic news text, keeping an offset map.

    Example: ``normalize("قُتِلَ في إدلب").text == "قتل في ادلب"``
    """
    if not _SHIFTING.search(text):
        return NormalizedText(text, text.translate(_TRANSLATE))
    pieces: list[str] = []
    anchors: list[tuple[int, int]] = []
    norm_pos = 0
    last = 0
    for match in _SHIFTING.finditer(text):
        start = match.start()
        pieces.append(text[last:start].translate(_TRANSLATE))
        norm_pos += start - last
        replacement = _TABLE[match.group()]
        if replacement:
            # an expansion: every produced character maps to the one original character
            for offset in range(len(replacement)):
                anchors.append((norm_pos + offset, start))
            pieces.append(replacement)
            norm_pos += len(replacement)
        anchors.append((norm_pos, start + 1))
        last = start + 1
    pieces.append(text[last:].translate(_TRANSLATE))
    return NormalizedText(text, "".join(pieces), _merge_anchors(anchors))


def _merge_anchors(anchors: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Keep the last anchor for each normalised offset (deleted runs collapse to one)."""
    merged: dict[int, int] = {}
    for norm_at, orig_at in anchors:
        merged[norm_at] = orig_at if norm_at not in merged else max(merged[norm_at], orig_at)
    return tuple(sorted(merged.items()))


def fold(text: str) -> str:
    """Normalised form of a lexicon string (no offsets kept); spaces collapsed."""
    return " ".join(text.translate(_TRANSLATE).split())


def words(text: str) -> frozenset[str]:
    """A word list written as one string, items separated by "،" or line breaks, folded.

    Example: ``words("بلدة، قرية")`` == ``frozenset({"بلده", "قريه"})``
    """
    return frozenset(fold(item) for item in re.split(r"[،\n]", text) if item.strip())
