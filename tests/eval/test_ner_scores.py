"""NER test-split F1 of the shipped taggers must not fall below what was measured when shipping."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from enrichment.evaluation.ner import evaluate_ner

SHARED = Path(os.environ.get("AKHBAR_SHARED_DIR", Path(__file__).resolve().parents[2].parent / "shared"))

pytestmark = pytest.mark.skipif(
    not (SHARED / "eval" / "ner").is_dir(), reason=f"NER gold data not found at {SHARED / 'eval' / 'ner'}"
)

# Measured on the shipped models (rounded down); see enrichment/ner/README.md.
FLOORS = {
    "ner_ar_test_f1": 0.71,
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
