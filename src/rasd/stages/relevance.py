"""Does a clause report a concrete act that happened? A small logistic model says how likely.

The rules find clauses that hold a trigger word; many of them mention violence without
reporting a new act: background and history, analysis and opinion, habitual statements,
purposes and plans. :class:`EventClauseModel` scores a clause from its words and the words of
its sentence, so that assembling may drop drafts the model finds unlikely.

The model is trained by ``scripts/train_event_clause_model.py`` on weak labels from the
unlabelled corpus. The labels were derived from places, time expressions, actor names and
cancelling cues, so :func:`clause_features` leaves those words out (in training and here
alike): the weights speak for the remaining context words, where the rules stop.

Example::

    model = read_model(data_path("models/event_clause-v1.json"))
    p = model.probability(clause_features(mentions, clause))
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasd.arabic import analyses, remember
from rasd.errors import DataError
from rasd.stages.classify import TriggerMention
from rasd.stages.mentions import ArticleMentions, Clause

MODEL_FORMAT = "rasd-event-clause"
# cue groups the weak labels are read from: their words never become features
LABEL_CUES = frozenset({"negation", "modality", "trial", "habitual", "stance", "history"})
NUMBER = "0"
# words scored: the window's words from BEFORE_TRIGGER before its first trigger to
# AFTER_TRIGGER after it, with CONTEXT words of the sentence on either side (bounds the cost
# of run-on sentences; words far from the trigger say little about it)
BEFORE_TRIGGER = 20
AFTER_TRIGGER = 30
CONTEXT = 15
DIGIT = re.compile(r"[0-9]")
MAX_LOGIT = 30.0


@dataclass(frozen=True, slots=True)
class ModelInfo:
    """Where a model came from (kept in its file, shown in reports)."""

    version: str
    created: str
    command: str
    training_digest: str
    """sha256 of the weak-labelled examples the model was fitted on."""
    metrics: Mapping[str, Any]


class EventClauseModel:
    """Logistic regression over sparse string features (plain Python at inference)."""

    def __init__(self, weights: Mapping[str, float], bias: float, info: ModelInfo) -> None:
        self.weights = dict(weights)
        self.bias = bias
        self.info = info

    @classmethod
    def from_dict(cls, content: Mapping[str, Any]) -> EventClauseModel:
        """Build from the parsed model file; a malformed file raises DataError."""
        if content.get("format") != MODEL_FORMAT:
            raise DataError(f"not an event-clause model (format {content.get('format')!r})")
        try:
            weights = {str(k): float(v) for k, v in content["weights"].items()}
            training = content["training"]
            info = ModelInfo(
                str(content["version"]),
                str(content["created"]),
                str(training["command"]),
                str(training["examples_sha256"]),
                dict(training.get("metrics", {})),
            )
            return cls(weights, float(content["bias"]), info)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise DataError(f"malformed event-clause model: {exc}") from exc

    def logit(self, features: Iterable[str]) -> float:
        """Bias plus the weights of the features present (each counted once)."""
        get = self.weights.get
        return self.bias + sum(get(f, 0.0) for f in set(features))

    def probability(self, features: Iterable[str]) -> float:
        """Probability that the clause reports a concrete act that happened (0..1)."""
        z = max(-MAX_LOGIT, min(MAX_LOGIT, self.logit(features)))
        return 1.0 / (1.0 + math.exp(-z))

    def clause_probability(self, mentions: ArticleMentions, clause: Clause) -> float:
        """:meth:`probability` of one event window of an article."""
        return self.probability(clause_features(mentions, clause))


def read_model(path: Path) -> EventClauseModel:
    """Load a model file after checking it against the sha256 recorded beside it
    (``<name>.sha256``), so a hand-edited or truncated model is never used."""
    try:
        raw = path.read_bytes()
        recorded = path.with_name(path.name + ".sha256").read_text(encoding="utf-8").split()[0]
    except (OSError, IndexError) as exc:
        raise DataError(f"cannot read model {path}: {exc}") from exc
    digest = hashlib.sha256(raw).hexdigest()
    if digest != recorded:
        raise DataError(f"model {path}: sha256 {digest[:12]} differs from recorded {recorded[:12]}")
    try:
        content = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(f"model {path} is not JSON: {exc}") from exc
    return EventClauseModel.from_dict(content)


def stem(word: str) -> str:
    """A folded word without its proclitics (و ف ب ل ك ال); any word with a digit is "0".

    Memoised: a pure function of the word, called for every word of every scored sentence.
    """
    found = _STEMS.get(word)
    return found if found is not None else remember(_STEMS, word, _stem(word))


_STEMS: dict[str, str] = {}


def _stem(word: str) -> str:
    if DIGIT.search(word):
        return NUMBER
    readings = analyses(word, min_core=3)
    return readings[-1].core if readings else word


def clause_features(mentions: ArticleMentions, clause: Clause) -> list[str]:
    """Features of one event window: its words and word pairs near its first trigger, the
    sentence's words around them, its trigger groups, and whether the sentence quotes someone.

    Place names and the word that introduces them, time expressions, actor names and
    cancelling cues are left out (see the module docstring).
    """
    events = [t for t in mentions.triggers if clause.first <= t.first <= clause.last and t.is_event]
    anchor = events[0].first if events else clause.first
    first, last = (
        max(clause.first, anchor - BEFORE_TRIGGER),
        min(clause.last, anchor + AFTER_TRIGGER),
    )
    sentence_first, sentence_last = mentions.sentence_tokens[clause.sentence]
    low, high = max(sentence_first, first - CONTEXT), min(sentence_last, last + CONTEXT)
    hidden = hidden_tokens(mentions, low, high)
    stems = {j: stem(mentions.tokens[j].text) for j in range(low, high + 1) if j not in hidden}
    inside = [j for j in range(first, last + 1) if j in stems]
    features = [f"w:{stems[j]}" for j in inside]
    features += [f"b:{stems[j]}_{stems[j + 1]}" for j in inside if j + 1 in stems and j < last]
    features += [f"s:{s}" for j, s in stems.items() if not first <= j <= last]
    features += trigger_features(events)
    if sentence_last >= sentence_first and '"' in _text(mentions, sentence_first, sentence_last):
        features.append("quote")
    return features


def _text(mentions: ArticleMentions, first: int, last: int) -> str:
    """The normalised text of tokens ``[first, last]`` (every quote style is '"' there)."""
    return mentions.normalized.text[mentions.tokens[first].start : mentions.tokens[last].end]


def trigger_features(events: Sequence[TriggerMention]) -> list[str]:
    """The groups of a window's event triggers, and "definite" when every one has the article
    ("الهجوم" often refers back to an act already reported)."""
    features = [f"g:{g}" for t in events for g in sorted(t.groups)]
    if events and all(t.definite for t in events):
        features.append("g:definite")
    return features


def hidden_tokens(mentions: ArticleMentions, first: int, last: int) -> set[int]:
    """Tokens in ``[first, last]`` that the weak labels were read from (never features)."""
    hidden: set[int] = set()
    for place in mentions.places:
        if first <= place.first <= last:
            hidden.update(range(place.first, place.last + 1))
            context = place.context
            if context.settlement or context.admin1 or context.admin2 or context.rural:
                hidden.add(place.first - 1)
    for actor in mentions.actors:
        if first <= actor.first <= last:
            hidden.update(range(actor.first, actor.last + 1))
    for cue in mentions.triggers:
        if first <= cue.first <= last and cue.groups & LABEL_CUES:
            hidden.update(range(cue.first, cue.last + 1))
    hidden.update(_time_tokens(mentions, first, last))
    return hidden


def _time_tokens(mentions: ArticleMentions, first: int, last: int) -> set[int]:
    if last < first:
        return set()
    tokens = mentions.tokens
    start, end = tokens[first].start, tokens[last].end
    found: set[int] = set()
    for expression in mentions.times:
        if expression.end <= start or expression.start >= end:
            continue
        j = mentions.token_at(expression.start)
        while j <= last and tokens[j].start < expression.end:
            found.add(j)
            j += 1
    return found
