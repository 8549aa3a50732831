"""`rasd eval` scores exactly as the reference scorer ../shared/tools/score.py does."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from rasd.evaluate import actor_ok, norm_admin, score


def _perturbed_predictions(gold: list[dict[str, Any]], seed: int) -> list[dict[str, Any]]:
    """Predictions made from gold events with random errors, misses and extras."""
    rng = random.Random(seed)
    preds: list[dict[str, Any]] = []
    for article in gold:
        for event in article["events"]:
            if rng.random() < 0.2:
                continue
            pred = {
                "article_id": article["id"],
                "event_type": event["event_type"],
                "sub_event_type": event["sub_event_type"],
                "actor1": (event["actor1"] or [""])[0],
                "actor2": (event["actor2"] or [""])[0] if rng.random() < 0.7 else "",
                "admin1": event["admin1"],
                "latitude": event["latitude"] + rng.uniform(-0.2, 0.2),
                "longitude": event["longitude"] + rng.uniform(-0.2, 0.2),
                "event_date": event["event_date"]
                if isinstance(event["event_date"], str)
                else event["event_date"][-1],
                "fatalities": event["fatalities"] + (rng.random() < 0.2),
                "location": event["location"],
            }
            if rng.random() < 0.15:
                pred["event_type"], pred["sub_event_type"] = "Battles", "Armed clash"
            preds.append(pred)
        if rng.random() < 0.3:
            preds.append(
                {
                    "article_id": article["id"],
                    "event_type": "Riots",
                    "sub_event_type": "Mob violence",
                    "latitude": 33.5,
                    "longitude": 36.3,
                }
            )
    return preds


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_evaluate_agrees_with_reference_scorer(
    dev_gold: list[dict[str, Any]], data_dir: Path, tmp_path: Path, seed: int
) -> None:
    preds = _perturbed_predictions(dev_gold, seed)
    pred_path = tmp_path / "pred.jsonl"
    pred_path.write_text("\n".join(json.dumps(p) for p in preds) + "\n", encoding="utf-8")
    reference = subprocess.run(
        [
            sys.executable,
            str(data_dir / "tools" / "score.py"),
            str(data_dir / "dev" / "gold.jsonl"),
            str(pred_path),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert score(dev_gold, preds).as_dict() == json.loads(reference.stdout)


@pytest.mark.parametrize(
    ("predicted", "gold", "ok"),
    [
        ("QSD: Syrian Democratic Forces", ["Syrian Democratic Forces"], True),
        ("Military Forces of Syria (2000-2024)", ["Military Forces of Syria (2024-)"], True),
        ("Military Forces of Syria (2000-2024) Air Force", ["Military Forces of Syria"], True),
        ("Hezbollah", ["Militia (Pro-Iran)"], False),
        ("", [], True),
        ("Hezbollah", [], False),
    ],
)
def test_evaluate_actor_names_ignore_dates_and_acronyms(
    predicted: str, gold: list[str], ok: bool
) -> None:
    assert actor_ok(predicted, gold) is ok


@pytest.mark.parametrize(
    ("a", "b"), [("Al-Hasakah", "Hasakah"), ("Deir ez-Zor", "Dayr az Zawr"), ("Idleb", "Idlib")]
)
def test_evaluate_admin1_spellings(a: str, b: str) -> None:
    assert norm_admin(a) == norm_admin(b)
