"""Event-engine scores on the dev gold data must not fall below what the engine measured (issue 5).

Floors are the measured values minus a small margin (samples: more margin, they run the whole engine,
whose entity stage changes independently). Targets of issue 5 are listed for reference; the ones not
yet met are reported in the README's measured-numbers table, not hidden here.
"""

from __future__ import annotations

import pytest

from enrichment.evaluation.events import evaluate_events
from tests.shared_data import SHARED, needs_shared

pytestmark = needs_shared("eval/events", "event gold data")

FLOORS = {
    "acled_subtype_acc": 0.78,  # measured 0.781 (target 0.70)
    "acled_type_acc": 0.80,  # measured 0.809 (target 0.80)
    "acled_killed_acc": 0.85,  # measured 0.853 on 846 notes stating deaths (target 0.85)
    "case_subtype_acc": 0.66,  # measured 0.668 (target 0.65)
    "plover_gsr_acc": 0.51,  # measured 0.512
    "ar_assault_f1": 0.72,  # measured 0.724 on the held-out "test" half (target 0.70)
    "ar_protest_f1": 0.67,  # measured 0.679 on the held-out "test" half (target 0.70, not met)
    "dates_acc": 0.98,  # measured 0.986 (target 0.90)
    "samples_date_acc": 1.0,
    "samples_event_type_f1": 0.8,  # measured 1.0 with the full engine; margin for entity-stage changes
    "samples_killed_acc": 0.5,  # measured 1.0 with the full engine
    "samples_topic_acc": 1.0,
}


@pytest.fixture(scope="module")
def scores() -> dict[str, float]:
    return evaluate_events(SHARED)


@pytest.mark.parametrize("key", sorted(FLOORS))
def test_event_score_meets_floor(scores: dict[str, float], key: str) -> None:
    assert scores[key] >= FLOORS[key], (key, scores[key], FLOORS[key])
