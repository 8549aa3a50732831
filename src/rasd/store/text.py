"""What full-text search indexes and asks for, the same on every backend.

Arabic defeats a plain word index twice: spelling varies (إدلب/ادلب, قُتِلَ/قتل, الرقة/الرقه)
and clitics glue words together ("وبالرقة" is و + ب + ال + رقة). So both the index and the
query go through :func:`rasd.stages.normalize.normalize`, and the index holds, for every word,
the word and each core it has without proclitics or a pronoun enclitic (with the article put
back where the word had one). "الرقة" then finds "وبالرقة", "والرقة" and "للرقة", while "حلب"
still does not find "وحلبة": the enclitic "ه" is not stripped, as it is also a folded ة.
Query words are matched exactly against those index terms and must all occur; they contain
only letters and digits, so no search syntax can be injected.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from rasd.arabic import ARTICLE, analyses, tokenize
from rasd.stages.normalize import normalize

MAX_QUERY_TERMS = 32
"""Words beyond this in a search query are ignored."""


def normalized_words(text: str | None) -> list[str]:
    """The words of a text after Arabic normalisation."""
    return [token.text for token in tokenize(normalize(text or "").text)]


@lru_cache(maxsize=262_144)
def word_terms(word: str) -> tuple[str, ...]:
    """A normalised word and its clitic-free cores: ``"وبالرقه" -> (..., "الرقه", "رقه")``.

    Memoised: a pure function called for every word of every article.
    """
    terms = {word}
    for reading in analyses(word, enclitics=True):
        if reading.suffix == "ه":
            continue
        terms.add(reading.core)
        if reading.article:
            terms.add(ARTICLE + reading.core)
    return tuple(sorted(terms))


def index_terms(words: Sequence[str]) -> str:
    """The terms to index for a text's normalised words, space-separated, word by word."""
    return " ".join(" ".join(word_terms(word)) for word in words)


def search_terms(query: str | None) -> list[str]:
    """The normalised words of a search query (at most :data:`MAX_QUERY_TERMS`)."""
    if not query:
        return []
    return list(dict.fromkeys(normalized_words(query)))[:MAX_QUERY_TERMS]


def snippet(text: str, terms: list[str], *, width: int = 160) -> str:
    """About ``width`` characters of ``text`` around the first word matching a term."""
    normalized = normalize(text)
    wanted = set(terms)
    start = 0
    for token in tokenize(normalized.text):
        if wanted & set(word_terms(token.text)):
            start = normalized.to_original(token.start)
            break
    begin = max(0, start - width // 3)
    piece = " ".join(text[begin : begin + width].split())
    prefix = "…" if begin > 0 else ""
    suffix = "…" if begin + width < len(text) else ""
    return f"{prefix}{piece}{suffix}"
