"""NER test-split F1 of the shipped taggers must not fall below what was measured when shipping."""

from __future__ import annotations

from enrichment.evaluation.ner import evaluate_ner
from tests.shared_data import SHARED, needs_shared

pytestmark = needs_shared("eval/ner", "NER gold data")

# Measured on the shipped models (rounded down); see enrichment/ner/README.md.
FLOORS = {
    "ner_ar_test_f1": 0.73,
    "ner_en_test_f1": 0.85,
}


def test_ner_test_f1_meets_floors() -> None:
    scores = evaluate_ner(SHARED)
    for key, floor in FLOORS.items():
        assert key in scores, (key, sorted(scores))
        assert scores[key] >= floor, (key, scores[key], floor)
    for language in ("ar", "en"):
        for kind in ("PERSON", "ORG", "LOCATION", "MISC"):
            assert scores[f"ner_{language}_test_{kind}_f1"] > 0.3
