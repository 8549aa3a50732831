"""Every evidence span points into the article as published: text[start:end] == evidence.text."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasd.config import Config
from rasd.pipeline import extract
from rasd.resources import Resources
from rasd.types import Article

SENTENCES = [
    "قتل ثلاثة مدنيين بقصف مدفعي على بلدة كفرنبل في ريف إدلب الجنوبي مساء الاثنين.",
    "شنت طائرات التحالف غارات على مواقع الحوثيين في مديرية حيس جنوب الحديدة أمس.",
    "انفجرت عبوة ناسفة بسيارة عسكرية قرب مدينة الميادين ما أدى لمقتل عنصرين.",
    "دارت اشتباكات عنيفة بين قوات النظام وفصائل المعارضة في محيط بلدة اللطامنة.",
    "اعتقلت قوات الأمن العراقية خمسة متظاهرين في البصرة يوم الثلاثاء.",
]
NOISE = ["\u064e", "\u0651", "\u0640", "\u200f", "\u200c", "\u00a0", "«", "»", "\n", "، "]


def _noisy(sentence: str, positions: list[int], marks: list[str]) -> str:
    chars = list(sentence)
    for position, mark in zip(positions, marks, strict=False):
        chars.insert(position % (len(chars) + 1), mark)
    return "".join(chars)


@given(
    picks=st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4),
    positions=st.lists(st.integers(0, 200), max_size=12),
    marks=st.lists(st.sampled_from(NOISE), max_size=12),
)
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_evidence_spans_quote_the_original_text(
    resources: Resources, config: Config, picks: list[str], positions: list[int], marks: list[str]
) -> None:
    text = _noisy(" ".join(picks), positions, marks)
    article = Article("prop", text, published=date(2021, 3, 9))
    for event in extract(article, resources, config):
        for evidence in event.evidence:
            assert 0 <= evidence.start < evidence.end <= len(text)
            assert text[evidence.start : evidence.end] == evidence.text


def test_evidence_on_real_articles(
    resources: Resources, config: Config, corpus_sample: list[Article]
) -> None:
    checked = 0
    for article in corpus_sample[:150]:
        for event in extract(article, resources, config):
            for evidence in event.evidence:
                assert article.text[evidence.start : evidence.end] == evidence.text
                checked += 1
    assert checked > 50
