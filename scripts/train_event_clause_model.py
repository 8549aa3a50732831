"""Train the event-clause model (rasd.stages.relevance) by weak supervision on the corpus.

Usage:
    RASD_CACHE=/tmp/rasd-cache python scripts/train_event_clause_model.py \
        [--out src/rasd/data/models/event_clause-v1.json] [--date YYYY-MM-DD] [--limit N]

1. Read ../shared/corpus/news_ar_conflict.jsonl.gz, leaving out the dev gold articles and
   their near-copies (the dev set is for evaluation only; its labels are never read).
2. Run rasd's own stages on each article and label event windows weakly:
   - report (1): a draft with a place named in the clause (precision 1), a time expression in
     its sentence dated 0-7 days before publication, and a named actor or stated deaths;
   - cancelled (0): a negation, modality, trial, habitual or stance cue cancels the trigger;
   - history (0): a history cue, or the draft is dated more than 30 days back or by a year;
   - unanchored (0): no place or time in the sentence, no deaths, outside the lead.
   Other windows are left unlabelled. The words the labels were read from are not features
   (``clause_features``), so the model has to learn from the other context words.
3. Hold out a fifth of the articles (by a hash of the id), fit L2-regularised logistic
   regression with numpy (full batch, Adam, fixed epochs: deterministic), print weak-label
   metrics on the held-out part, and write the model JSON with its sha256 beside it.

Running it twice with the same --date writes byte-identical files.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shlex
import sys
import time
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from unittest import mock

import numpy as np
import numpy.typing as npt

import rasd
from rasd import pipeline
from rasd.config import Config, load_config
from rasd.io import read_articles
from rasd.resources import Resources, data_version, load_resources
from rasd.stages.assemble import (
    LEAD_SENTENCES,
    Context,
    Draft,
    build_drafts,
    clause_triggers,
    is_cancelled,
    is_history,
)
from rasd.stages.classify import EVENT, TriggerMention
from rasd.stages.fatalities import count_fatalities
from rasd.stages.mentions import Clause
from rasd.stages.relevance import MODEL_FORMAT, clause_features
from rasd.types import Article

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]

VERSION = "1"
DEFAULT_OUT = Path("src/rasd/data/models/event_clause-v1.json")
HOLDOUT_SHARE = 0.2
VALIDATION_SHARE = 0.25
L2_GRID = (3e-4, 1e-3, 3e-3)
UNLABELLED = "unlabelled draft"
THRESHOLDS = (0.1, 0.25, 0.5)
REPORT_DAYS = 7
SHINGLE = 6
DEV_OVERLAP = 0.2


@dataclass(frozen=True, slots=True)
class Example:
    """One weakly labelled event window."""

    article: str
    label: int
    """1 a report, 0 not an act, -1 unlabelled (a draft no rule labels)."""
    source: str
    """Which labelling rule gave the label: report, cancelled, history or unanchored."""
    group: str
    """The event group of the window's first trigger (airstrike, protest ...)."""
    features: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Settings:
    """Training hyper-parameters (recorded in the model file)."""

    min_count: int = 5
    l2: float = 1e-3
    """Chosen from L2_GRID on a validation part of the training articles."""
    epochs: int = 300
    rate: float = 0.05
    prune: float = 0.01
    """Weights smaller than this are dropped from the file (they barely move a probability)."""


# ----------------------------------------------------------------------------- corpus


def shingles(text: str) -> set[str]:
    """Word 6-grams of a text (for finding copies of dev articles)."""
    words = re.findall(r"\w+", text)
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def dev_filter(gold_path: Path) -> tuple[set[str], set[str]]:
    """Ids and word 6-grams of the dev gold articles (only ids and texts are read)."""
    ids: set[str] = set()
    grams: set[str] = set()
    with open(gold_path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                ids.add(str(record["id"]))
                grams |= shingles(str(record.get("title") or "") + " " + str(record["text"]))
    return ids, grams


def is_dev_copy(article: Article, ids: set[str], grams: set[str]) -> bool:
    """The article is a dev article, or shares over a fifth of its 6-grams with them."""
    if article.id in ids:
        return True
    own = shingles(article.text)
    return bool(own) and len(own & grams) / len(own) > DEV_OVERLAP


def corpus_articles(
    path: Path, gold_path: Path, limit: int | None, skip: Collection[str] = ()
) -> tuple[list[Article], int]:
    """Corpus articles in file order without dev copies, and how many were left out.

    skip: source datasets to leave out (the id prefix before ":", e.g. "SaudiNewsNet").
    """
    ids, grams = dev_filter(gold_path)
    kept: list[Article] = []
    dropped = 0
    for item in read_articles([str(path)]):
        if not isinstance(item, Article) or item.id.split(":", 1)[0] in skip:
            continue
        if is_dev_copy(item, ids, grams):
            dropped += 1
            continue
        kept.append(item)
        if limit is not None and len(kept) >= limit:
            break
    return kept, dropped


# ----------------------------------------------------------------------------- weak labels


def article_context(article: Article, resources: Resources, config: Config) -> Context | None:
    """The assembling context ``pipeline.extract`` builds for an article (captured, not
    re-implemented, so training sees exactly what extraction sees)."""
    captured: list[Context] = []

    def capture(ctx: Context) -> list[Draft]:
        captured.append(ctx)
        return []

    with mock.patch.object(pipeline, "build_drafts", capture):
        pipeline.extract(article, resources, config)
    return captured[0] if captured else None


def weak_examples(ctx: Context) -> list[Example]:
    """Weakly labelled event windows of one article, and the windows of its other drafts
    (label -1: never fitted, only measured)."""
    drafts: dict[int, list[Draft]] = {}
    for draft in build_drafts(ctx):
        drafts.setdefault(draft.clause.index, []).append(draft)
    examples = []
    for clause in ctx.mentions.clauses:
        if ctx.mentions.sentences[clause.sentence].role == "dateline":
            continue
        triggers = clause_triggers(ctx, clause)
        if not any(t.is_event for t in triggers):
            continue
        found = drafts.get(clause.index, [])
        source = weak_label(ctx, clause, found) or (UNLABELLED if found else "")
        if source:
            features = tuple(clause_features(ctx.mentions, clause))
            label = -1 if source == UNLABELLED else int(source == "report")
            group = first_event_group(triggers)
            examples.append(Example(ctx.mentions.article.id, label, source, group, features))
    return examples


def first_event_group(triggers: Sequence[TriggerMention]) -> str:
    """The event group of the first event trigger."""
    for trigger in triggers:
        for sense in trigger.senses:
            if sense.kind == EVENT:
                return sense.group
    return ""


def weak_label(ctx: Context, clause: Clause, drafts: Sequence[Draft]) -> str:
    """The labelling rule that applies to an event window, or "" (left unlabelled)."""
    triggers = clause_triggers(ctx, clause)
    if is_cancelled(ctx, clause, triggers):
        return "cancelled"
    published = ctx.mentions.article.published
    history_cue = any("history" in t.groups for t in triggers)
    if history_cue or any(is_history(d, published) for d in drafts):
        return "history"
    if drafts and all(is_clear_report(ctx, d) for d in drafts):
        return "report"
    if not drafts and is_unanchored(ctx, clause):
        return "unanchored"
    return ""


def is_clear_report(ctx: Context, draft: Draft) -> bool:
    """A place named in the clause, a recent date from the sentence, a named actor or deaths."""
    published = ctx.mentions.article.published
    expression = draft.date.expression
    if draft.place is None or draft.place_note != "named in the clause" or published is None:
        return False
    if draft.place.precision != 1 or expression is None or expression.value is None:
        return False
    if ctx.mentions.sentence_at(expression.start) != draft.clause.sentence:
        return False
    recent = timedelta(0) <= published - expression.value <= timedelta(days=REPORT_DAYS)
    named = draft.why.get("actor1", "").startswith("named as")
    deaths = draft.fatalities is not None and draft.fatalities.value > 0
    return recent and (named or deaths)


def is_unanchored(ctx: Context, clause: Clause) -> bool:
    """No place or time in the sentence, no deaths in the clause, and not in the lead."""
    found = ctx.mentions
    body = [s.index for s in found.sentences if s.role == "body"]
    if clause.sentence in body[:LEAD_SENTENCES]:
        return False
    if any(p.mention.sentence == clause.sentence for p in ctx.places):
        return False
    if any(found.sentence_at(t.start) == clause.sentence for t in found.times):
        return False
    return count_fatalities(found.tokens, clause.first, clause.last, found.triggers) is None


def label_corpus(
    articles: Iterable[Article], resources: Resources, config: Config
) -> Iterator[Example]:
    """Weak examples of every article, in corpus order."""
    for article in articles:
        ctx = article_context(article, resources, config)
        if ctx is not None:
            yield from weak_examples(ctx)


# ----------------------------------------------------------------------------- fitting


def in_part(article_id: str, part: str, share: float) -> bool:
    """A stable share of the articles, by sha256 of part name and id (not the salted hash())."""
    digest = hashlib.sha256(f"{part}:{article_id}".encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 < share


def is_holdout(article_id: str) -> bool:
    """The articles whose examples are only measured, never fitted."""
    return in_part(article_id, "holdout", HOLDOUT_SHARE)


def vocabulary(examples: Sequence[Example], min_count: int) -> list[str]:
    """Features seen in at least ``min_count`` training examples, sorted."""
    counts = Counter(f for e in examples for f in set(e.features))
    return sorted(f for f, n in counts.items() if n >= min_count)


def design(examples: Sequence[Example], index: dict[str, int]) -> tuple[Ints, Ints]:
    """Sparse binary design matrix as (row, column) pairs."""
    rows: list[int] = []
    cols: list[int] = []
    for i, example in enumerate(examples):
        for column in sorted({index[f] for f in example.features if f in index}):
            rows.append(i)
            cols.append(column)
    return np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)


def balanced_weights(labels: Floats, groups: Sequence[str]) -> Floats:
    """Sample weights under which, within each event group, both classes weigh the same.

    The weak labels favour some event types (an air strike report names a place, a day and an
    actor more often than a protest report does); balancing within groups keeps the model from
    learning that bias as "protests are background" and leaves it the context words. Each group
    keeps its share of the total weight; the weights sum to 1.
    """
    cells = Counter(zip(groups, labels.tolist(), strict=True))
    sizes = Counter(groups)
    weights = np.array(
        [sizes[g] / (2.0 * cells[(g, y)]) for g, y in zip(groups, labels.tolist(), strict=True)]
    )
    total: Floats = weights / weights.sum()
    return total


def logits(rows: Ints, cols: Ints, count: int, w: Floats, b: float) -> Floats:
    """X @ w + b for the sparse binary X."""
    z = np.bincount(rows, weights=w[cols], minlength=count).astype(np.float64)
    z += b
    return z


def sigmoid(z: Floats) -> Floats:
    p: Floats = 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))
    return p


def fit(
    rows: Ints, cols: Ints, labels: Floats, sample: Floats, n_features: int, settings: Settings
) -> tuple[Floats, float]:
    """Weighted L2 logistic regression, full-batch Adam (deterministic).

    sample: each example's weight in the loss (summing to 1).
    """
    params = np.zeros(n_features + 1)
    adam = Adam(np.zeros_like(params), np.zeros_like(params))
    for step in range(1, settings.epochs + 1):
        z = logits(rows, cols, len(labels), params[:-1], float(params[-1]))
        residual = (sigmoid(z) - labels) * sample
        grad = np.empty_like(params)
        grad[:-1] = np.bincount(cols, weights=residual[rows], minlength=n_features)
        grad[:-1] += settings.l2 * params[:-1]
        grad[-1] = residual.sum()
        params -= settings.rate * adam.direction(grad, step)
    return params[:-1], float(params[-1])


@dataclass
class Adam:
    """Adam's running moments (Kingma and Ba 2015, default betas)."""

    first: Floats
    second: Floats
    beta1: float = 0.9
    beta2: float = 0.999

    def direction(self, grad: Floats, step: int) -> Floats:
        """The bias-corrected step direction for this gradient (updates the moments)."""
        self.first = self.beta1 * self.first + (1 - self.beta1) * grad
        self.second = self.beta2 * self.second + (1 - self.beta2) * grad**2
        first = self.first / (1 - self.beta1**step)
        second = self.second / (1 - self.beta2**step)
        result: Floats = first / (np.sqrt(second) + 1e-8)
        return result


@dataclass(frozen=True)
class Fitted:
    """A fitted model with the settings and the weak-label metrics it was chosen by."""

    features: list[str]
    w: Floats
    b: float
    settings: Settings
    metrics: dict[str, Any]


def fit_examples(
    examples: Sequence[Example], settings: Settings
) -> tuple[list[str], Floats, float]:
    """Vocabulary and weights fitted on examples."""
    features = vocabulary(examples, settings.min_count)
    index = {f: i for i, f in enumerate(features)}
    labels = np.array([e.label for e in examples], dtype=np.float64)
    sample = balanced_weights(labels, [e.group for e in examples])
    w, b = fit(*design(examples, index), labels, sample, len(features), settings)
    return features, w, b


def predict(features: Sequence[str], w: Floats, b: float, examples: Sequence[Example]) -> Floats:
    """Probabilities of examples under fitted weights."""
    index = {f: i for i, f in enumerate(features)}
    return sigmoid(logits(*design(examples, index), len(examples), w, b))


def select_l2(train: Sequence[Example], settings: Settings) -> tuple[float, dict[str, float]]:
    """The L2 strength of L2_GRID with the best AUC on a validation part of ``train``."""
    validation = [e for e in train if in_part(e.article, "validation", VALIDATION_SHARE)]
    rest = [e for e in train if not in_part(e.article, "validation", VALIDATION_SHARE)]
    found: dict[str, float] = {}
    for l2 in L2_GRID:
        fitted = fit_examples(rest, replace(settings, l2=l2))
        labels = np.array([e.label for e in validation], dtype=np.float64)
        found[repr(l2)] = round(auc(predict(*fitted, validation), labels), 4)
    best = max(L2_GRID, key=lambda l2: (found[repr(l2)], l2))
    return best, found


def train_and_measure(examples: Sequence[Example], settings: Settings = Settings()) -> Fitted:
    """Choose L2 on validation, fit on the training articles, measure on the held-out ones."""
    train = [e for e in examples if not is_holdout(e.article) and e.label >= 0]
    held_all = [e for e in examples if is_holdout(e.article)]
    held = [e for e in held_all if e.label >= 0]
    l2, validation_auc = select_l2(train, settings)
    settings = replace(settings, l2=l2)
    features, w, b = fit_examples(train, settings)
    metrics = {
        "validation_auc_by_l2": validation_auc,
        "train": weak_metrics(predict(features, w, b, train), train),
        "holdout": weak_metrics(predict(features, w, b, held), held),
        "holdout_share_below": shares_below(predict(features, w, b, held_all), held_all),
    }
    return Fitted(features, w, b, settings, metrics)


def shares_below(probabilities: Floats, examples: Sequence[Example]) -> dict[str, Any]:
    """Per rule (and for drafts no rule labels), the share of windows under each threshold:
    what dropping drafts there would cost or save."""
    shares: dict[str, Any] = {}
    for source in sorted({e.source for e in examples}):
        mask = np.array([e.source == source for e in examples])
        shares[source] = {
            str(t): round(float((probabilities[mask] < t).mean()), 3) for t in THRESHOLDS
        }
    return shares


# ----------------------------------------------------------------------------- metrics


def auc(scores: Floats, labels: Floats) -> float:
    """Area under the ROC curve (rank form; ties share ranks)."""
    order = np.argsort(scores, kind="stable")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    _, starts, counts = np.unique(sorted_scores, return_index=True, return_counts=True)
    for start, n in zip(starts, counts, strict=True):
        ranks[order[start : start + n]] = start + (n + 1) / 2
    positives = float(labels.sum())
    negatives = len(labels) - positives
    if not positives or not negatives:
        return float("nan")
    return float(
        (ranks[labels > 0].sum() - positives * (positives + 1) / 2) / (positives * negatives)
    )


def weak_metrics(probabilities: Floats, examples: Sequence[Example]) -> dict[str, Any]:
    """Accuracy, precision, recall, AUC at 0.5 against the weak labels; accuracy per rule."""
    labels = np.array([e.label for e in examples], dtype=np.float64)
    predicted = probabilities >= 0.5
    tp = float((predicted & (labels > 0)).sum())
    per_source = {
        source: round(float((predicted[i] == (labels[i] > 0)).mean()), 3)
        for source in sorted({e.source for e in examples})
        if (i := np.array([e.source == source for e in examples])).any()
    }
    return {
        "examples": len(examples),
        "positives": int(labels.sum()),
        "accuracy": round(float((predicted == (labels > 0)).mean()), 3),
        "balanced_accuracy": round(float(np.mean(list(per_class(predicted, labels)))), 3),
        "precision": round(tp / max(1.0, float(predicted.sum())), 3),
        "recall": round(tp / max(1.0, float(labels.sum())), 3),
        "auc": round(auc(probabilities, labels), 3),
        "accuracy_by_rule": per_source,
    }


def per_class(predicted: npt.NDArray[np.bool_], labels: Floats) -> Iterator[float]:
    for value in (True, False):
        mask = (labels > 0) == value
        if mask.any():
            yield float((predicted[mask] == value).mean())


# ----------------------------------------------------------------------------- output


def examples_digest(examples: Sequence[Example]) -> str:
    """sha256 of the weak-labelled training examples (order-independent)."""
    lines = sorted(
        json.dumps([e.article, e.label, e.source, e.group, sorted(e.features)], ensure_ascii=False)
        for e in examples
    )
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def code_digest() -> str:
    """sha256 over rasd's Python sources: the code that produced the weak labels."""
    root = Path(str(rasd.__file__)).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def model_document(fitted: Fitted, training: dict[str, Any], created: str) -> dict[str, Any]:
    """The model file's content; weights rounded and small ones pruned."""
    prune = fitted.settings.prune
    weights = {
        f: round(float(x), 4)
        for f, x in zip(fitted.features, fitted.w, strict=True)
        if abs(x) >= prune
    }
    return {
        "format": MODEL_FORMAT,
        "version": VERSION,
        "created": created,
        "bias": round(fitted.b, 4),
        "training": {**training, "settings": _settings(fitted.settings)},
        "weights": dict(sorted(weights.items())),
    }


def _settings(settings: Settings) -> dict[str, Any]:
    return {name: getattr(settings, name) for name in Settings.__slots__}


def write_model(path: Path, document: dict[str, Any]) -> str:
    """Write the model JSON (sorted, one weight a line) and ``<name>.sha256``; return it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(document, ensure_ascii=False, indent=0, sort_keys=True) + "\n"
    path.write_text(text, encoding="utf-8")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    path.with_name(path.name + ".sha256").write_text(f"{digest}  {path.name}\n", encoding="utf-8")
    return digest


def top_features(features: Sequence[str], w: Floats, count: int) -> tuple[list[str], list[str]]:
    """The most positive and most negative features, for a reader to judge."""
    order = np.argsort(w, kind="stable")
    show = [f"{features[i]} {w[i]:+.2f}" for i in order]
    return show[::-1][:count], show[:count]


# ----------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--date", default=date.today().isoformat(), help="recorded as 'created'")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--dev-gold", type=Path, default=None, help="articles to leave out")
    parser.add_argument(
        "--skip-dataset",
        action="append",
        default=[],
        help="leave out a source dataset (e.g. SaudiNewsNet, CC BY-NC-SA); repeatable",
    )
    return parser.parse_args(argv)


def command_line(args: argparse.Namespace) -> str:
    """The command that reproduces this run (the output path aside)."""
    parts = ["RASD_CACHE=/tmp/rasd-cache python scripts/train_event_clause_model.py"]
    parts += [f"--limit {args.limit}"] if args.limit else []
    parts += [f"--skip-dataset {shlex.quote(name)}" for name in args.skip_dataset]
    return " ".join([*parts, f"--date {args.date}"])


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    started = time.perf_counter()
    config = load_config()
    data = config.require_data_dir()
    corpus = args.corpus or data / "corpus" / "news_ar_conflict.jsonl.gz"
    gold = args.dev_gold or data / "dev" / "gold.jsonl"
    articles, dropped = corpus_articles(corpus, gold, args.limit, set(args.skip_dataset))
    examples = list(label_corpus(articles, load_resources(config), config))
    labelled = time.perf_counter() - started
    fitted = train_and_measure(examples)
    training = {
        "command": command_line(args),
        "corpus": corpus.name,
        "corpus_sha256": file_sha256(corpus),
        "corpus_articles": len(articles),
        "dev_copies_left_out": dropped,
        "rasd_data_version": data_version(),
        "rasd_code_sha256": code_digest(),
        "examples_sha256": examples_digest(
            [e for e in examples if not is_holdout(e.article) and e.label >= 0]
        ),
        "examples_by_rule": dict(sorted(Counter(e.source for e in examples).items())),
        "features_fitted": len(fitted.features),
        "metrics": fitted.metrics,
    }
    document = model_document(fitted, training, args.date)
    digest = write_model(args.out, document)
    positive, negative = top_features(fitted.features, fitted.w, 25)
    print(json.dumps(document["training"], ensure_ascii=False, indent=2))
    print("most positive:", ", ".join(positive))
    print("most negative:", ", ".join(negative))
    print(
        f"{len(document['weights'])} weights kept -> {args.out} (sha256 {digest[:12]}); "
        f"labelling {labelled:.0f} s, total {time.perf_counter() - started:.0f} s"
    )


if __name__ == "__main__":
    main()
