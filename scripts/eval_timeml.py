"""Score rasd's time expressions against the 50 TimeML-annotated Arabic news documents.

Usage: ``.venv/bin/python scripts/eval_timeml.py [--corpus DIR] [--dct YYYY-MM-DD] [--show]``

The corpus (``../shared/corpora/temporal/HeidelTime_Arabic_news_TimeML/Corpus_test``) marks
TIMEX3 spans with a type (DATE, TIME, DURATION, SET) and a normalised value. The files carry
no document creation time; the annotation resolves relative expressions against 2015-12-24
(every "اليوم" is 2015-12-24, every "أمس" 2015-12-23), so that is the default reference date.

What is compared, and why. rasd only needs expressions that can date an event, so:

- counted gold: DATE and TIME expressions whose value is anchored on the calendar: a day
  (``2015-12-23``, ``2015-12-23TNI``), a month (``2015-11``), a year (``2003``), an ISO week
  (``2015-W52``), a season or half year (``2015-SU``, ``2015-H2``);
- excluded gold (listed by category in the summary): DURATION and SET (lengths and
  frequencies: "ثلاثة أعوام", "يوميا"), vague references (PRESENT_REF "الآن", PAST_REF
  "مؤخرا", FUTURE_REF "قريبا"), centuries and decades ("القرن الماضي", "الستينيات"), and
  UNDEF values ("نهاية شهر");
- a prediction that overlaps no counted gold but overlaps an excluded one ("منذ ثلاثة أيام"
  over the DURATION "ثلاثة أيام") is set aside: neither right nor wrong. Any other prediction
  with no counted gold is a false positive.

Recognition is scored twice: strict (the same character span in the plain text) and relaxed
(overlapping spans), each one-to-one. Values are scored over relaxed matches: rasd's value is
written at its own granularity (time_precision 1 -> ``YYYY-MM-DD``, 2 -> ISO week, 3 ->
``YYYY-MM``, 4 -> ``YYYY``) and must equal the gold value (a TIME value's day part), so a
month said where the gold has a day is wrong. ``day_or_alternative`` also accepts a day
among rasd's alternatives ("ليلة الأحد على الاثنين").

The gold values are HeidelTime-style and keep its conventions where rasd deliberately differs,
so value accuracy below 1.0 is not all rasd's error (``--show`` lists every case): one DCT for
every document even where the text contradicts it ("أمس الجمعة" on a Thursday: the gold takes
"أمس", rasd the weekday); a day and month without a year resolved into the next year (rasd: the
latest such day not after the DCT); "أمس الأول" (the day before yesterday) annotated as "أمس";
"هذا اليوم", "اليوم التالي" and "أحداث 11 سبتمبر" resolved against the DCT (rasd: no date).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rasd.stages.dates import TimeExpression, find_time_expressions
from rasd.stages.normalize import normalize

DEFAULT_CORPUS = (
    Path(__file__).resolve().parents[2]
    / "shared/corpora/temporal/HeidelTime_Arabic_news_TimeML/Corpus_test"
)
DEFAULT_DCT = date(2015, 12, 24)
_CALENDAR = re.compile(r"^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?|-W[0-9]{2}|-(?:SP|SU|FA|WI|H[12]))?")
_DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_MONTH = re.compile(r"^[0-9]{4}-[0-9]{2}$")
_YEAR = re.compile(r"^[0-9]{4}$")
_SEASON_CODES = {1: "WI", 4: "SP", 7: "SU", 10: "FA"}  # rasd dates a season by its middle month


@dataclass(frozen=True, slots=True)
class Timex:
    """A gold TIMEX3: offsets into the document's plain text."""

    start: int
    end: int
    type: str
    value: str
    text: str


@dataclass(frozen=True, slots=True)
class Prediction:
    """A rasd time expression mapped back to offsets into the plain text."""

    start: int
    end: int
    text: str
    value: str
    alternatives: tuple[str, ...]
    kind: str


@dataclass(frozen=True, slots=True)
class Document:
    """One TimeML document: its plain text and its gold time expressions."""

    name: str
    text: str
    timexes: tuple[Timex, ...]


def parse_timeml(name: str, xml: str) -> Document:
    """Plain text and TIMEX3 spans of a TimeML document (tags stripped, text kept as is)."""
    root = ET.fromstring(xml)
    pieces: list[str] = [root.text or ""]
    timexes: list[Timex] = []
    at = len(pieces[0])
    for element in root:
        inner = "".join(element.itertext())
        if element.tag == "TIMEX3":
            timexes.append(
                Timex(
                    at,
                    at + len(inner),
                    element.get("type", ""),
                    element.get("value", ""),
                    inner,
                )
            )
        pieces += [inner, element.tail or ""]
        at += len(inner) + len(element.tail or "")
    return Document(name, "".join(pieces), tuple(timexes))


def gold_category(timex: Timex) -> str:
    """``counted`` for calendar-anchored DATE/TIME values, else why the expression is excluded."""
    if timex.type not in ("DATE", "TIME"):
        return timex.type
    if _CALENDAR.match(timex.value):
        return "counted"
    if timex.value.endswith("_REF"):
        return timex.value
    if timex.value.startswith("UNDEF"):
        return "UNDEF"
    if re.fullmatch(r"[0-9]{2,3}", timex.value):
        return "century/decade"
    return "other"


def render(expression: TimeExpression) -> str:
    """rasd's value written at its own granularity, as TimeML writes values."""
    value = expression.value
    if value is None:
        return "" if not expression.warning else "UNRESOLVED"
    if expression.kind == "season":
        return f"{value.year:04d}-{_SEASON_CODES.get(value.month, 'XX')}"
    if expression.precision == 1:
        return value.isoformat()
    if expression.precision == 2:
        year, week, _ = value.isocalendar()
        return f"{year}-W{week:02d}"
    if expression.precision == 3:
        return value.strftime("%Y-%m")
    return f"{value.year:04d}"


def predict(document: Document, dct: date) -> list[Prediction]:
    """rasd's time expressions on the normalised text, mapped back to the plain text."""
    normalized = normalize(document.text)
    predictions = []
    for expression in find_time_expressions(normalized.text, dct):
        start, end = normalized.span_to_original(expression.start, expression.end)
        predictions.append(
            Prediction(
                start,
                end,
                document.text[start:end],
                render(expression),
                tuple(a.isoformat() for a in expression.alternatives),
                expression.kind,
            )
        )
    return predictions


def _overlaps(a: Timex | Prediction, b: Timex | Prediction) -> bool:
    return a.start < b.end and b.start < a.end


def align(
    gold: Sequence[Timex], predictions: Sequence[Prediction], *, strict: bool
) -> list[tuple[Timex, Prediction]]:
    """One-to-one pairs of gold and predicted spans, left to right (same span, or overlap)."""
    used: set[int] = set()
    pairs = []
    for timex in gold:
        for index, prediction in enumerate(predictions):
            if index in used:
                continue
            same = (timex.start, timex.end) == (prediction.start, prediction.end)
            if same or (not strict and _overlaps(timex, prediction)):
                used.add(index)
                pairs.append((timex, prediction))
                break
    return pairs


def gold_value(timex: Timex) -> str:
    """The gold value, a TIME value cut to its day (``2015-12-23TNI`` -> ``2015-12-23``)."""
    return timex.value.split("T")[0] if timex.type == "TIME" else timex.value


def granularity(value: str) -> str:
    """day, month, year or other, from a TimeML value."""
    for name, pattern in (("day", _DAY), ("month", _MONTH), ("year", _YEAR)):
        if pattern.match(value):
            return name
    return "other"


@dataclass
class Tally:
    """Counts over the corpus, and the cases ``--show`` prints."""

    gold: int = 0
    predicted: int = 0
    set_aside: int = 0
    strict: int = 0
    relaxed: int = 0
    excluded: Counter[str] = field(default_factory=Counter)
    false_positive_kinds: Counter[str] = field(default_factory=Counter)
    values: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)


def score_document(document: Document, predictions: Sequence[Prediction], tally: Tally) -> None:
    """Add one document's recognition and value counts to ``tally``."""
    counted = [t for t in document.timexes if gold_category(t) == "counted"]
    excluded = [t for t in document.timexes if gold_category(t) != "counted"]
    tally.excluded.update(gold_category(t) for t in excluded)
    relaxed = align(counted, predictions, strict=False)
    matched = {id(p) for _, p in relaxed}
    tally.gold += len(counted)
    tally.relaxed += len(relaxed)
    tally.strict += len(align(counted, predictions, strict=True))
    for prediction in predictions:
        if id(prediction) in matched or any(_overlaps(prediction, g) for g in counted):
            tally.predicted += 1
        elif any(_overlaps(prediction, t) for t in excluded):
            tally.set_aside += 1
        else:
            tally.predicted += 1
            tally.false_positive_kinds[prediction.kind] += 1
            tally.errors.append(f"{document.name} FP   {prediction.text!r} -> {prediction.value}")
    for timex in counted:
        if all(t is not timex for t, _ in relaxed):
            tally.errors.append(f"{document.name} MISS {timex.text!r} {timex.value}")
    for timex, prediction in relaxed:
        _score_value(document.name, timex, prediction, tally)


def _score_value(name: str, timex: Timex, prediction: Prediction, tally: Tally) -> None:
    expected = gold_value(timex)
    kind = granularity(expected)
    right = prediction.value == expected
    tally.values[f"{kind}:n"] += 1
    tally.values[f"{kind}:correct"] += right
    if kind == "day":
        tally.values["day:correct_or_alternative"] += right or expected in prediction.alternatives
    if not right:
        tally.errors.append(
            f"{name} VAL  {timex.text!r} gold={timex.value} pred={prediction.value} "
            f"({prediction.text!r})"
        )


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0


def _prf(correct: int, predicted: int, gold: int) -> dict[str, float]:
    precision, recall = _ratio(correct, predicted), _ratio(correct, gold)
    f1 = round(2 * precision * recall / (precision + recall), 3) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def summary(tally: Tally, documents: int, seconds: float) -> dict[str, object]:
    """The JSON summary: recognition P/R/F1 (strict, relaxed) and value accuracy by granularity."""
    values: dict[str, object] = {}
    for kind in ("day", "month", "year", "other"):
        n = tally.values[f"{kind}:n"]
        if n:
            values[kind] = {"n": n, "accuracy": _ratio(tally.values[f"{kind}:correct"], n)}
    if tally.values["day:n"]:
        values["day_or_alternative"] = _ratio(
            tally.values["day:correct_or_alternative"], tally.values["day:n"]
        )
    return {
        "documents": documents,
        "gold_counted": tally.gold,
        "gold_excluded": dict(sorted(tally.excluded.items())),
        "predicted": tally.predicted,
        "predicted_set_aside": tally.set_aside,
        "strict": _prf(tally.strict, tally.predicted, tally.gold),
        "relaxed": _prf(tally.relaxed, tally.predicted, tally.gold),
        "false_positives_by_kind": dict(sorted(tally.false_positive_kinds.items())),
        "value_accuracy": values,
        "seconds": round(seconds, 2),
    }


def read_corpus(directory: Path) -> Iterable[Document]:
    """Every ``*.tml`` document of ``directory``, in a stable order (doc1, doc2, ... doc50)."""
    paths = sorted(directory.glob("*.tml"), key=lambda p: (len(p.stem), p.stem))
    for path in paths:
        yield parse_timeml(path.stem, path.read_text(encoding="utf-8"))


def main(argv: Sequence[str] | None = None) -> int:
    """Score the corpus and print the JSON summary (and the errors with ``--show``)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--dct", type=date.fromisoformat, default=DEFAULT_DCT)
    parser.add_argument("--show", action="store_true", help="list misses, false positives, values")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    tally = Tally()
    documents = list(read_corpus(args.corpus))
    if not documents:
        print(f"no .tml files in {args.corpus}", file=sys.stderr)
        return 1
    for document in documents:
        score_document(document, predict(document, args.dct), tally)
    if args.show and tally.errors:
        print("\n".join(tally.errors))
    result = summary(tally, len(documents), time.perf_counter() - began)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
