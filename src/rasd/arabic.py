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
from typing import Any, Final, Generic, NamedTuple, TypeVar

from rasd.stages.normalize import fold

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")

# a figure written against the noun after it is two words ("17حوثيا"); a clitic before a figure
# stays with it ("و12 من مرافقيه", "الـ15"), as does a Latin name ("f16")
WORD = re.compile(r"[\u0621-\u063a\u0641-\u064a]+(?:[0-9a-z]+)?|[0-9a-z]+")
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


class Token:
    """A word of the normalised text, by normalised offsets.

    A plain class with final attributes, not a named tuple: hundreds are made per article, and
    the mypyc build makes and reads these several times faster (a named tuple is built through
    a Python-level call); pure Python is as fast either way.
    """

    __slots__ = ("end", "position", "start", "text")

    def __init__(self, position: int, start: int, end: int, text: str) -> None:
        self.position: Final = position
        self.start: Final = start
        self.end: Final = end
        self.text: Final = text

    def __repr__(self) -> str:
        return f"Token({self.position}, {self.start}, {self.end}, {self.text!r})"


@dataclass(frozen=True, slots=True)
class Analysis:
    """One way to read a token as proclitics + core + enclitic."""

    prefix: str
    core: str
    suffix: str
    article: bool

    # written out: mypyc compiles this one, not the one @dataclass generates (see rasd.types)
    def __init__(self, prefix: str, core: str, suffix: str, article: bool) -> None:
        object.__setattr__(self, "prefix", prefix)
        object.__setattr__(self, "core", core)
        object.__setattr__(self, "suffix", suffix)
        object.__setattr__(self, "article", article)


# builds a LexiconMatch without NamedTuple's Python-level __new__
_new_tuple: Any = tuple.__new__


def tokenize(normalized: str) -> list[Token]:
    """Words of a normalised text (Arabic letters, Latin letters, digits)."""
    tokens: list[Token] = []
    end = 0
    find = normalized.find
    for i, word in enumerate(WORD.findall(normalized)):
        # only non-word characters lie between two words: the next occurrence is this word
        start = find(word, end)
        end = start + len(word)
        tokens.append(Token(i, start, end, word))
    return tokens


def analyses(word: str, *, enclitics: bool = False, min_core: int = 2) -> tuple[Analysis, ...]:
    """Readings of ``word``, the whole word first, then shorter cores.

    Memoised: a pure function of its arguments, called for every word of every article.

    Example: ``analyses("وبالرقه")`` includes ``Analysis("وبال", "رقه", "", True)``.
    """
    key = (word, enclitics, min_core)
    found = _ANALYSES.get(key)
    if found is not None:
        return found
    return remember(_ANALYSES, key, _analyses(word, enclitics, min_core))


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


def cores(word: str) -> frozenset[str]:
    """The word and every core it has without proclitics or enclitics (memoised)."""
    found = _CORES.get(word)
    if found is not None:
        return found
    return remember(
        _CORES, word, frozenset({a.core for a in analyses(word, enclitics=True)} | {word})
    )


# Memos of pure functions of a word, called for every word of every article. A dict read at
# the call is several times cheaper than an lru_cache wrapper in the mypyc build (compiled
# code calls the wrapper through Python's generic call path) and as cheap in pure Python.
MEMO_LIMIT = 262_144
_ANALYSES: dict[tuple[str, bool, int], tuple[Analysis, ...]] = {}
_CORES: dict[str, frozenset[str]] = {}


def remember(memo: dict[K, V], key: K, value: V) -> V:
    """Store the value of a pure function under its argument; a memo that reaches
    ``MEMO_LIMIT`` entries starts again empty (memory stays bounded over millions of words)."""
    if len(memo) >= MEMO_LIMIT:
        memo.clear()
    memo[key] = value
    return value


def strip_article(word: str) -> tuple[str, bool]:
    """The word without a leading definite article, and whether it had one.

    Three letters must remain: in "ألقى" (folded "القي") the "ال" is part of the verb.
    """
    if word.startswith(ARTICLE) and len(word) > len(ARTICLE) + 2:
        return word[len(ARTICLE) :], True
    return word, False


def entry_words(surface: str) -> list[str]:
    """A phrase as a lexicon keys it: folded words, the first without its article (a match's
    ``key`` is these words joined by spaces)."""
    words = [t.text for t in tokenize(fold(surface))]
    if words:
        words[0] = strip_article(words[0])[0]
    return words


class LexiconMatch(NamedTuple, Generic[T]):
    """Tokens ``[first, last]`` name the entry ``key``; offsets are normalised ones.

    A named tuple: hundreds are made per article, and a tuple is built far faster than a
    frozen dataclass.
    """

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
# The match a word makes on its own: key, values, prefix, suffix, how far the match starts
# after the token's start, how far it ends before the token's end.
_Single = tuple[str, tuple[Any, ...], str, str, int, int]
# How a word is matched: its single-word match, or None and the readings that may begin
# phrases (then the following tokens decide).
_Plan = tuple[_Single | None, list[_Reading] | None]


class Lexicon(Generic[T]):
    """Multi-word phrases found through clitics; one phrase may carry several values.

    entries: (surface form, value) pairs; surface forms are folded here.
    enclitics: whether a pronoun enclitic may follow a one-word phrase (actors, triggers).
    min_core: shortest core (after clitics) that may match.
    """

    def __init__(
        self, entries: Iterable[tuple[str, T]] = (), *, enclitics: bool = False, min_core: int = 2
    ) -> None:
        self.enclitics = enclitics
        self.min_core = min_core
        self._roots: dict[str, _Node] = {}
        self._readings: dict[str, list[_Reading]] = {}
        self._plans: dict[str, _Plan | None] = {}
        for surface, value in entries:
            self.add(surface, value)

    def __getstate__(self) -> dict[str, object]:
        return {"enclitics": self.enclitics, "min_core": self.min_core, "roots": self._roots}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.enclitics = bool(state["enclitics"])
        self.min_core = int(state["min_core"])  # type: ignore[call-overload]
        self._roots = state["roots"]  # type: ignore[assignment]
        self._readings = {}
        self._plans = {}

    def add(self, surface: str, value: T) -> None:
        """Add one surface form (any spelling; it is folded and tokenised here)."""
        words = entry_words(surface)
        if not words or len(words[0]) < self.min_core:
            return
        node = self._roots.setdefault(words[0], {})
        for word in words[1:]:
            node = node.setdefault(word, {})
        key, values = node.get(_END, (" ".join(words), []))
        if value not in values:
            values.append(value)
        node[_END] = (key, values)
        self._readings.clear()
        self._plans.clear()

    def __len__(self) -> int:
        def count(node: _Node) -> int:
            return int(_END in node) + sum(count(c) for w, c in node.items() if w != _END)

        return sum(count(root) for root in self._roots.values())

    def __contains__(self, surface: str) -> bool:
        words = entry_words(surface)
        if not words:
            return False
        node = self._roots.get(words[0])
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

    def _plan_of(self, word: str) -> _Plan | None:
        """How ``word`` is matched (cached); None when it starts no match.

        When no reading of the word may continue into a longer phrase, ``_best_at`` would pick
        the first reading that ends an entry, whatever follows: that match is worked out once.
        """
        if word in self._plans:
            return self._plans[word]
        readings = self._readings_of(word)
        plan: _Plan | None = None
        if any(self._extends(reading) for reading in readings):
            plan = (None, readings)
        else:
            for prefix, core, suffix in readings:
                node = self._roots[core]
                if _END in node:
                    key, values = node[_END]
                    shift = len(prefix) - (len(ARTICLE) if prefix.endswith(ARTICLE) else 0)
                    plan = ((key, tuple(values), prefix, suffix, shift, len(suffix)), None)
                    break
        if len(self._plans) > _CACHE_LIMIT:
            self._plans.clear()
        self._plans[word] = plan
        return plan

    def _extends(self, reading: _Reading) -> bool:
        """Whether a phrase may continue after this reading (no enclitic, longer entries)."""
        node = self._roots[reading[1]]
        return not reading[2] and len(node) > (_END in node)

    def find(
        self, tokens: Sequence[Token], start: int = 0, end: int | None = None
    ) -> list[LexiconMatch[T]]:
        """Longest non-overlapping matches, left to right, in tokens ``[start, end)``."""
        matches: list[LexiconMatch[T]] = []
        stop = len(tokens) if end is None else end
        i = start
        while i < stop:
            token = tokens[i]
            plan = self._plans.get(token.text, _UNKNOWN)
            if plan is _UNKNOWN:
                plan = self._plan_of(token.text)
            if plan is not None:
                best = _match_at(self, tokens, i, token, plan)
                if best is not None:
                    matches.append(best)
                    i = best.last + 1
                    continue
            i += 1
        return matches

    def _best_at(
        self, tokens: Sequence[Token], i: int, readings: list[_Reading]
    ) -> LexiconMatch[T] | None:
        roots = self._roots
        count = len(tokens)
        best: tuple[tuple[str, list[T]], _Reading] | None = None
        best_last = -1
        for reading in readings:
            node: _Node = roots[reading[1]]
            here = node.get(_END)
            last, entry = (i, here) if here is not None else (-1, None)
            j = i + 1
            # a phrase goes on only while the node has children and no enclitic closed it
            while j < count and not reading[2] and len(node) > (here is not None):
                child = node.get(tokens[j].text)
                if child is None:
                    break
                node, here = child, child.get(_END)
                if here is not None:
                    last, entry = j, here
                j += 1
            if entry is not None and last > best_last:
                best, best_last = (entry, reading), last
        if best is None:
            return None
        (key, values), (prefix, _core, suffix) = best
        start = tokens[i].start + len(prefix)
        if prefix.endswith(ARTICLE):
            start -= len(ARTICLE)
        end = tokens[best_last].end - len(suffix)
        match: LexiconMatch[T] = _new_tuple(
            LexiconMatch, (i, best_last, start, end, key, tuple(values), prefix, suffix)
        )
        return match


class LexiconSet:
    """Several lexicons searched in one pass over the tokens.

    Each lexicon keeps its own longest-match, left-to-right reading (the result equals calling
    each one's ``find``); the words are looked up once for all of them.
    """

    def __init__(self, lexicons: Sequence[Lexicon[Any]]) -> None:
        self.lexicons = list(lexicons)
        self._plans: dict[str, tuple[tuple[int, _Plan], ...]] = {}

    def _plans_of(self, word: str) -> tuple[tuple[int, _Plan], ...]:
        found = tuple(
            (k, plan)
            for k, lexicon in enumerate(self.lexicons)
            if (plan := lexicon._plan_of(word)) is not None
        )
        if len(self._plans) > _CACHE_LIMIT:
            self._plans.clear()
        self._plans[word] = found
        return found

    def find(self, tokens: Sequence[Token]) -> list[list[LexiconMatch[Any]]]:
        """Matches of each lexicon, in the lexicons' order."""
        lexicons = self.lexicons
        results: list[list[LexiconMatch[Any]]] = [[] for _ in lexicons]
        next_free = [0] * len(lexicons)
        cache = self._plans
        for i, token in enumerate(tokens):
            hits = cache.get(token.text)
            if hits is None:
                hits = self._plans_of(token.text)
            for k, plan in hits:
                if i < next_free[k]:
                    continue
                best = _match_at(lexicons[k], tokens, i, token, plan)
                if best is not None:
                    results[k].append(best)
                    next_free[k] = best.last + 1
        return results


_UNKNOWN: Any = object()


def _match_at(
    lexicon: Lexicon[T], tokens: Sequence[Token], i: int, token: Token, plan: _Plan
) -> LexiconMatch[T] | None:
    """The match starting at token ``i`` under the word's plan."""
    single, readings = plan
    if single is None:
        assert readings is not None
        return lexicon._best_at(tokens, i, readings)
    key, values, prefix, suffix, shift, cut = single
    match: LexiconMatch[T] = _new_tuple(
        LexiconMatch, (i, i, token.start + shift, token.end - cut, key, values, prefix, suffix)
    )
    return match
