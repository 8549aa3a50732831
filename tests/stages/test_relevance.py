"""The event-clause model: loading, scores, what it ranks, and deterministic training."""

from __future__ import annotations

import importlib
import json
import shutil
import sys
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from rasd.errors import DataError
from rasd.resources import Resources, data_path
from rasd.stages.mentions import ArticleMentions, Clause, find_mentions
from rasd.stages.relevance import (
    MODEL_FORMAT,
    EventClauseModel,
    ModelInfo,
    clause_features,
    read_model,
    stem,
)
from rasd.stages.segment import segment
from rasd.types import Article

MODEL = "models/event_clause-v1.json"
SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"

REPORT = (
    "قتل ثلاثة مدنيين وأصيب خمسة آخرون مساء الاثنين في قصف مدفعي استهدف بلدة معرة النعمان "
    "بريف إدلب الجنوبي."
)


@pytest.fixture(scope="module")
def model() -> EventClauseModel:
    return read_model(data_path(MODEL))


def _first_event_window(resources: Resources, text: str) -> tuple[ArticleMentions, Clause]:
    article = Article("t", text, published=date(2018, 5, 1))
    found = find_mentions(
        article,
        segment(text),
        gazetteer=resources.gazetteer,
        actors=resources.actors,
        triggers=resources.triggers,
        reporters=resources.reporters,
        lexicons=resources.lexicons,
    )
    events = [t.first for t in found.triggers if t.is_event]
    clause = next(c for c in found.clauses if any(c.first <= j <= c.last for j in events))
    return found, clause


def _probability(model: EventClauseModel, resources: Resources, text: str) -> float:
    return model.clause_probability(*_first_event_window(resources, text))


def test_relevance_shipped_model_loads_small_and_documented(model: EventClauseModel) -> None:
    path = data_path(MODEL)
    assert path.stat().st_size < 1_000_000
    assert model.info.version == "1"
    assert "train_event_clause_model.py" in model.info.command
    assert len(model.info.training_digest) == 64
    assert len(model.weights) > 1000
    assert model.info.metrics["holdout"]["auc"] > 0.8


@pytest.mark.parametrize(
    "features",
    [[], ["w:no-such-feature"], ["w:قصف", "w:قصف", "b:في_قصف"], ["g:definite", "w:هجمات"]],
)
def test_relevance_probabilities_are_in_the_unit_interval(
    model: EventClauseModel, features: list[str]
) -> None:
    p = model.probability(features)
    assert 0.0 < p < 1.0


@pytest.mark.parametrize("bias", [-1e6, 1e6])
def test_relevance_extreme_logits_stay_in_range(bias: float) -> None:
    info = ModelInfo("t", "2026-01-01", "test", "0" * 64, {})
    p = EventClauseModel({"w:x": 1.0}, bias, info).probability(["w:x"])
    assert 0.0 <= p <= 1.0
    assert (p > 0.5) == (bias > 0)


@pytest.mark.parametrize(
    "not_a_report",
    [
        # analysis and opinion
        "ويرى محللون أن اقتراب حسم معركة قاعدة العند سيغير موازين القوى في الجنوب.",
        # a habitual statement
        "وتتعرض المنطقة لهجمات ينفذها جهاديون من حين لآخر.",
        # background in a relative clause
        "وكان التنظيم الذي سيطر على مناطق واسعة قد أعلن الخلافة قبل سنوات.",
        # a plan
        "وتسعى الحكومة إلى شن هجوم لاستعادة المدينة.",
        # a statement about attacks in general
        "وأضاف أن الهجمات الإرهابية تستهدف حياة الأبرياء وتحاول تقويض الأمن والاستقرار.",
    ],
)
def test_relevance_a_clear_report_outranks_background(
    model: EventClauseModel, resources: Resources, not_a_report: str
) -> None:
    report = _probability(model, resources, REPORT)
    assert report > 0.5
    assert report > _probability(model, resources, not_a_report) + 0.2


def test_relevance_words_the_labels_came_from_are_not_features(resources: Resources) -> None:
    features = set(clause_features(*_first_event_window(resources, REPORT)))
    words = {f.split(":", 1)[1] for f in features if f.startswith(("w:", "s:"))}
    # the place names, the settlement word before them and the time expression are hidden
    assert not words & {"معره", "نعمان", "ادلب", "بلده", "مساء", "اثنين"}
    assert {"w:قصف", "w:مدفعي", "g:shelling"} <= features


@pytest.mark.parametrize(
    ("word", "expected"),
    [("وبالقصف", "قصف"), ("للقوات", "قوات"), ("2015", "0"), ("غارات", "غارات"), ("الي", "الي")],
)
def test_relevance_stem_strips_proclitics(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_relevance_tampered_model_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "m.json"
    shutil.copy(data_path(MODEL), copy)
    shutil.copy(data_path(MODEL + ".sha256"), tmp_path / "m.json.sha256")
    assert read_model(copy).weights
    copy.write_bytes(copy.read_bytes().replace(b'"bias": ', b'"bias": 1'))
    with pytest.raises(DataError, match="sha256"):
        read_model(copy)


def test_relevance_model_without_digest_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "m.json"
    shutil.copy(data_path(MODEL), copy)
    with pytest.raises(DataError, match="cannot read"):
        read_model(copy)


def test_relevance_other_formats_are_refused() -> None:
    with pytest.raises(DataError, match="format"):
        EventClauseModel.from_dict({"format": "something-else", "weights": {}})
    with pytest.raises(DataError, match="malformed"):
        EventClauseModel.from_dict({"format": MODEL_FORMAT, "weights": {}})


# ------------------------------------------------------------------ the training script


@pytest.fixture(scope="module")
def trainer() -> ModuleType:
    pytest.importorskip("numpy")
    sys.path.insert(0, str(SCRIPTS))
    try:
        return importlib.import_module("train_event_clause_model")
    finally:
        sys.path.remove(str(SCRIPTS))


def _tiny_examples(trainer: ModuleType) -> list[Any]:
    """Reports say "قصف أمس البلدة", background says "كان منذ سنوات"; 'x' words are noise."""
    examples = []
    for i in range(40):
        report = i % 2 == 0
        words = ("w:قصف", "w:استهدف") if report else ("w:كان", "w:سنوات")
        group = "shelling" if i % 4 < 2 else "protest"
        features = (*words, f"w:x{i % 5}", "g:" + group)
        examples.append(
            trainer.Example(
                f"a{i}", int(report), "report" if report else "history", group, features
            )
        )
    return examples


def test_relevance_training_is_deterministic_and_learns_the_words(trainer: ModuleType) -> None:
    settings = trainer.Settings(min_count=2, epochs=200)
    first = trainer.fit_examples(_tiny_examples(trainer), settings)
    second = trainer.fit_examples(_tiny_examples(trainer), settings)
    assert first[0] == second[0]
    assert first[1].tolist() == second[1].tolist() and first[2] == second[2]
    weight = dict(zip(first[0], first[1].tolist(), strict=True))
    assert weight["w:قصف"] > 0.5 > -0.5 > weight["w:كان"]


def test_relevance_classes_weigh_the_same_within_each_group(trainer: ModuleType) -> None:
    import numpy as np

    labels = np.array([1, 0, 0, 0, 1, 1, 1, 0], dtype=np.float64)
    groups = ["airstrike"] * 4 + ["protest"] * 4
    weights = trainer.balanced_weights(labels, groups)
    assert weights.sum() == pytest.approx(1.0)
    for group in ("airstrike", "protest"):
        mine = np.array([g == group for g in groups])
        assert weights[mine & (labels > 0)].sum() == pytest.approx(
            weights[mine & (labels == 0)].sum()
        )
        assert weights[mine].sum() == pytest.approx(0.5)


def test_relevance_written_model_reads_back(trainer: ModuleType, tmp_path: Path) -> None:
    settings = trainer.Settings(min_count=2, epochs=50)
    features, w, b = trainer.fit_examples(_tiny_examples(trainer), settings)
    fitted = trainer.Fitted(features, w, b, settings, {"holdout": {}})
    training = {"command": "test", "examples_sha256": "0" * 64, "metrics": {}}
    path = tmp_path / "model.json"
    trainer.write_model(path, trainer.model_document(fitted, training, "2026-01-01"))
    model = read_model(path)
    assert model.info.created == "2026-01-01"
    assert model.probability(["w:قصف", "w:استهدف"]) > 0.5 > model.probability(["w:كان"])
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == MODEL_FORMAT


def test_relevance_holdout_split_is_stable(trainer: ModuleType) -> None:
    ids = [f"article-{i}" for i in range(2000)]
    held = [i for i in ids if trainer.is_holdout(i)]
    assert held == [i for i in ids if trainer.is_holdout(i)]
    assert 0.17 < len(held) / len(ids) < 0.23
