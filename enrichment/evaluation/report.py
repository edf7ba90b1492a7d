"""`akhbar eval`: every score in one flat dict, and a readable table of it.

Each part reads gold data from the shared folder; a part whose data is absent
is reported as skipped (with the reason), never silently dropped.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

Scorer = Callable[[Path], dict[str, float]]


def _ner(shared: Path) -> dict[str, float]:
    from enrichment.evaluation.ner import evaluate_ner

    return evaluate_ner(shared)


def _samples(shared: Path) -> dict[str, float]:
    from enrichment.evaluation.samples_entities import evaluate_samples_entities

    return evaluate_samples_entities(shared)


def _events(shared: Path) -> dict[str, float]:
    from enrichment.evaluation.events import evaluate_events

    return evaluate_events(shared)


PARTS: dict[str, tuple[Scorer, str]] = {
    "ner": (_ner, "eval/ner"),
    "samples": (_samples, "samples"),
    "events": (_events, "eval/events"),
}


@dataclass
class EvalReport:
    scores: dict[str, float] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    def render(self) -> str:
        width = max((len(k) for k in self.scores), default=10)
        lines = [f"{name:<{width}}  {value:.4f}" for name, value in sorted(self.scores.items())]
        lines += [f"skipped {part}: {why}" for part, why in self.skipped.items()]
        lines += [f"time {part}: {secs:.1f}s" for part, secs in self.seconds.items()]
        return "\n".join(lines)


def run_evaluation(
    shared: Path, parts: list[str] | None = None, progress: Callable[[str], None] | None = None
) -> EvalReport:
    """Run the chosen parts (default: all) against `shared` (the ../shared folder)."""
    report = EvalReport()
    for name in parts or list(PARTS):
        scorer, needed = PARTS[name]
        if not (shared / needed).exists():
            report.skipped[name] = f"{shared / needed} not found"
            continue
        if progress:
            progress(f"evaluating {name} ...")
        began = time.perf_counter()
        report.scores.update(scorer(shared))
        report.seconds[name] = time.perf_counter() - began
    return report
