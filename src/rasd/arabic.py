"""Tokens, clitics and lexicon lookup over normalised Arabic text.

A lexicon entry (a place, an actor alias, a trigger phrase) is found inside the proclitics
news Arabic attaches to it (و ف ب ل ك ال and their chains, e.g. "وبريف", "للقوات", "بالقذائف")
and, where the lexicon allows, before a pronoun enclitic ("ومسلحيه"); never inside an
unrelated word ("حلب" is not found in "وحلبة" or "حلبوني").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Generic, NamedTuple, TypeVar

from rasd.stages.normalize import fold

T = TypeVar("T")

WORD = re.compile(r"[0-9a-z\u0621-\u063a\u0641-\u064a]+")
ARTICLE = "ال"

_CONJUNCTIONS = ("", "و", "ف")
_PREPOSITIONS = ("", "ب", "ل", "ك")


def _proclitic_chains() -> tuple[tuple[str, bool], ...]:
    """Every valid proclitic chain and whether it carries the definite article."""
    chains: set[tuple[str, bool]] = set()
    for conj in _CONJUNCTIONS:
        for prep in _PREPOSITIONS:
            chains.add((conj + prep, False))
            if prep != "ل":
                chains.add((conj + prep + ARTICLE, True))
        chains.add((conj + "لل", True))  # ل + ال loses its alef: للقوات
    return tuple(sorted(chains, key=lambda chain: len(chain[0])))


PROCLITICS = _proclitic_chains()
ENCLITICS = ("ه", "ها", "هم", "هما", "هن", "نا", "كم")


class Token(NamedTuple):
    """A word of the normalised text, by normalised offsets."""

    position: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Analysis:
    """One way to read a token as proclitics + core + enclitic."""

    prefix: str
    core: str
    suffix: str
    article: bool


_new_token = tuple.__new__  # builds a Token without NamedTuple's Python-level __new__


def tokenize(normalized: str) -> list[Token]:
    """Words of a normalised text (Arabic letters, Latin letters, digits)."""
    return [
        _new_token(Token, (i, m.start(), m.end(), m.group()))
        for i, m in enumerate(WORD.finditer(normalized))
    ]


def analyses(word: str, *, enclitics: bool = False, min_core: int = 2) -> tuple[Analysis, ...]:
    """Readings of ``word``, the whole word first, then shorter cores.

    Memoised: a pure function of its arguments, called for every word of every article.

    Example: ``analyses("وبالرقه")`` includes ``Analysis("وبال", "رقه", "", True)``.
    """
    return _analyses(word, enclitics, min_core)


@lru_cache(maxsize=262_144)
def _analyses(word: str, enclitics: bool, min_core: int) -> tuple[Analysis, ...]:
    found: list[Analysis] = []
    for prefix, article in PROCLITICS:
        if not word.startswith(prefix) or len(word) - len(prefix) < min_core:
            continue
        core = word[len(prefix) :]
        found.append(Analysis(prefix, core, "", article))
        if enclitics:
            for suffix in ENCLITICS:
                if core.endswith(suffix) and len(core) - len(suffix) >= min_core:
                    found.append(Analysis(prefix, core[: -len(suffix)], suffix, article))
    found.sort(key=lambda a: -len(a.core))
    return tuple(found)


@lru_cache(maxsize=262_144)
def cores(word: str) -> frozenset[str]:
    """The word and every core it has without proclitics or enclitics (memoised)."""
    return frozenset({a.core for a in analyses(word, enclitics=True)} | {word})


def strip_article(word: str) -> tuple[str, bool]:
    """The word without a leading definite article, and whether it had one.

    Three letters must remain: in "ألقى" (folded "القي") the "ال" is part of the verb.
    """
    if word.startswith(ARTICLE) and len(word) > len(ARTICLE) + 2:
        return word[len(ARTICLE) :], True
    return word, False


@dataclass(frozen=True, slots=True)
class LexiconMatch(Generic[T]):
    """Tokens ``[first, last]`` name the entry ``key``; offsets are normalised ones."""

    first: int
    last: int
    start: int
    end: int
    key: str
    values: tuple[T, ...]
    prefix: str
    suffix: str


# A trie node is a plain dict (fast to pickle): next word -> child node, and under the
# empty-string key (never a word) the (key, values) of the phrase that ends here.
_Node = dict[str, Any]
_END = ""
_Reading = tuple[str, str, str]  # prefix, core, suffix
_CACHE_LIMIT = 200_000


class Lexicon(Generic[T]):
    """Multi-word phrases found through clitics; one phrase may carry several values.

    entries: (surface form, value) pairs; surface forms are folded here.
    enclitics: whether a pronoun enclitic may follow a one-word phrase (actors, triggers).
    min_core: shortest core (after clitics) that may match.
    """

    def __init__(
        self, entries: Iterable[tuple[str, T]], *, enclitics: bool = False, min_core: int = 2
    ) -> None:
        self.enclitics = enclitics
        self.min_core = min_core
        self._roots: dict[str, _Node] = {}
        self._readings: dict[str, list[_Reading]] = {}
        for surface, value in entries:
            self.add(surface, value)

    def __getstate__(self) -> dict[str, object]:
        return {"enclitics": self.enclitics, "min_core": self.min_core, "roots": self._roots}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.enclitics = bool(state["enclitics"])
        self.min_core = int(state["min_core"])  # type: ignore[call-overload]
        self._roots = state["roots"]  # type: ignore[assignment]
        self._readings = {}

    def add(self, surface: str, value: T) -> None:
        """Add one surface form (any spelling; it is folded and tokenised here)."""
        words = [t.text for t in tokenize(fold(surface))]
        if not words:
            return
        first, _ = strip_article(words[0])
        if len(first) < self.min_core:
            return
        node = self._roots.setdefault(first, {})
        for word in words[1:]:
            node = node.setdefault(word, {})
        key, values = node.get(_END, (" ".join([first, *words[1:]]), []))
        if value not in values:
            values.append(value)
        node[_END] = (key, values)
        self._readings.clear()

    def __len__(self) -> int:
        def count(node: _Node) -> int:
            return int(_END in node) + sum(count(c) for w, c in node.items() if w != _END)

        return sum(count(root) for root in self._roots.values())

    def __contains__(self, surface: str) -> bool:
        words = [t.text for t in tokenize(fold(surface))]
        if not words:
            return False
        node = self._roots.get(strip_article(words[0])[0])
        for word in words[1:]:
            if node is None:
                return False
            node = node.get(word)
        return node is not None and _END in node

    def values(self) -> list[list[T]]:
        """The value lists of every phrase (for summaries and tests)."""
        found: list[list[T]] = []
        stack: list[_Node] = list(self._roots.values())
        while stack:
            node = stack.pop()
            for word, child in node.items():
                if word == _END:
                    found.append(child[1])
                else:
                    stack.append(child)
        return found

    def _readings_of(self, word: str) -> list[_Reading]:
        """Readings of a word whose core starts an entry, longest core first (cached)."""
        cached = self._readings.get(word)
        if cached is not None:
            return cached
        found: list[_Reading] = []
        for reading in analyses(word, enclitics=self.enclitics, min_core=self.min_core):
            prefix, core = reading.prefix, reading.core
            if not reading.article:
                core, had_article = strip_article(core)
                prefix += ARTICLE if had_article else ""
            if core in self._roots and (prefix, core, reading.suffix) not in found:
                found.append((prefix, core, reading.suffix))
        if len(self._readings) > _CACHE_LIMIT:
            self._readings.clear()
        self._readings[word] = found
        return found

    def find(
        self, tokens: Sequence[Token], start: int = 0, end: int | None = None
    ) -> list[LexiconMatch[T]]:
        """Longest non-overlapping matches, left to right, in tokens ``[start, end)``."""
        matches: list[LexiconMatch[T]] = []
        cache = self._readings
        stop = len(tokens) if end is None else end
        i = start
        while i < stop:
            word = tokens[i][3]
            readings = cache.get(word)
            if readings is None:
                readings = self._readings_of(word)
            if readings:
                best = self._best_at(tokens, i, readings)
                if best is not None:
                    matches.append(best)
                    i = best.last + 1
                    continue
            i += 1
        return matches

    def _best_at(
        self, tokens: Sequence[Token], i: int, readings: list[_Reading]
    ) -> LexiconMatch[T] | None:
        best: tuple[int, tuple[str, list[T]], _Reading] | None = None
        count = len(tokens)
        for reading in readings:
            node: _Node | None = self._roots[reading[1]]
            candidate = (i, node[_END], reading) if node is not None and _END in node else None
            j = i + 1
            while node is not None and len(node) > (_END in node) and j < count and not reading[2]:
                node = node.get(tokens[j].text)
                if node is not None and _END in node:
                    candidate = (j, node[_END], reading)
                j += 1
            if candidate is not None and (best is None or candidate[0] > best[0]):
                best = candidate
        if best is None:
            return None
        last, (key, values), (prefix, _core, suffix) = best
        token = tokens[i]
        start = token.start + len(prefix)
        if prefix.endswith(ARTICLE):
            start -= len(ARTICLE)
        end = tokens[last].end - len(suffix)
        return LexiconMatch(i, last, start, end, key, tuple(values), prefix, suffix)


class LexiconSet:
    """Several lexicons searched in one pass over the tokens.

    Each lexicon keeps its own longest-match, left-to-right reading (the result equals calling
    each one's ``find``); the words are looked up once for all of them.
    """

    def __init__(self, lexicons: Sequence[Lexicon[Any]]) -> None:
        self.lexicons = list(lexicons)
        self._readings: dict[str, tuple[tuple[int, list[_Reading]], ...]] = {}

    def _readings_of(self, word: str) -> tuple[tuple[int, list[_Reading]], ...]:
        found = tuple(
            (k, readings)
            for k, lexicon in enumerate(self.lexicons)
            if (readings := lexicon._readings_of(word))
        )
        if len(self._readings) > _CACHE_LIMIT:
            self._readings.clear()
        self._readings[word] = found
        return found

    def find(self, tokens: Sequence[Token]) -> list[list[LexiconMatch[Any]]]:
        """Matches of each lexicon, in the lexicons' order."""
        results: list[list[LexiconMatch[Any]]] = [[] for _ in self.lexicons]
        next_free = [0] * len(self.lexicons)
        cache = self._readings
        for i, token in enumerate(tokens):
            hits = cache.get(token[3])
            if hits is None:
                hits = self._readings_of(token[3])
            for k, readings in hits:
                if i < next_free[k]:
                    continue
                best = self.lexicons[k]._best_at(tokens, i, readings)
                if best is not None:
                    results[k].append(best)
                    next_free[k] = best.last + 1
        return results
