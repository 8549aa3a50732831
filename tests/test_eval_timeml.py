"""The TimeML scorer of scripts/eval_timeml.py: spans, categories, alignment and value scoring."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from rasd.stages.dates import TimeExpression

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "eval_timeml.py"
DOCUMENT = (
    '<?xml version="1.0"?>\n<!DOCTYPE TimeML SYSTEM "TimeML.dtd">\n<TimeML>\n'
    'قتل <TIMEX3 tid="t1" type="DATE" value="2015-12-23">أمس</TIMEX3> ثلاثة '
    'و<TIMEX3 tid="t2" type="DURATION" value="P3D">ثلاثة أيام</TIMEX3> '
    '<TIMEX3 tid="t3" type="DATE" value="PRESENT_REF">الآن</TIMEX3> '
    '<TIMEX3 tid="t4" type="TIME" value="2015-12-22TNI">مساء الثلاثاء</TIMEX3>.\n</TimeML>\n'
)


@pytest.fixture(scope="module")
def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_timeml", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_timeml"] = module  # dataclasses look their module up while loading
    spec.loader.exec_module(module)
    return module


def test_eval_timeml_spans_index_the_plain_text(scorer: ModuleType) -> None:
    document = scorer.parse_timeml("doc", DOCUMENT)
    assert "<" not in document.text
    assert [document.text[t.start : t.end] for t in document.timexes] == [
        "أمس",
        "ثلاثة أيام",
        "الآن",
        "مساء الثلاثاء",
    ]


def test_eval_timeml_counts_only_calendar_dates(scorer: ModuleType) -> None:
    document = scorer.parse_timeml("doc", DOCUMENT)
    categories = [scorer.gold_category(t) for t in document.timexes]
    assert categories == ["counted", "DURATION", "PRESENT_REF", "counted"]


def test_eval_timeml_strict_and_relaxed_alignment(scorer: ModuleType) -> None:
    gold = [scorer.Timex(10, 20, "DATE", "2015-12-23", "x")]
    inside = [scorer.Prediction(12, 20, "x", "2015-12-23", (), "relative")]
    assert scorer.align(gold, inside, strict=True) == []
    assert len(scorer.align(gold, inside, strict=False)) == 1


@pytest.mark.parametrize(
    ("precision", "kind", "value", "rendered"),
    [
        (1, "relative", date(2015, 12, 23), "2015-12-23"),
        (2, "week", date(2015, 12, 23), "2015-W52"),
        (3, "month", date(2015, 11, 15), "2015-11"),
        (4, "year", date(2014, 7, 1), "2014"),
        (4, "season", date(2015, 7, 15), "2015-SU"),
    ],
)
def test_eval_timeml_renders_at_rasds_own_granularity(
    scorer: ModuleType, precision: int, kind: str, value: date, rendered: str
) -> None:
    expression = TimeExpression(0, 1, kind, value, precision)
    assert scorer.render(expression) == rendered


def test_eval_timeml_scores_a_document(scorer: ModuleType) -> None:
    document = scorer.parse_timeml("doc", DOCUMENT)
    tally = scorer.Tally()
    scorer.score_document(document, scorer.predict(document, date(2015, 12, 24)), tally)
    summary = scorer.summary(tally, 1, 0.0)
    assert summary["gold_counted"] == 2
    assert summary["relaxed"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert summary["value_accuracy"]["day"] == {"n": 2, "accuracy": 1.0}
