"""A pipeline of small, composable enrichment stages (spaCy-style).

Each stage is a callable ``(Document, Enrichment) -> Enrichment`` with a name;
it reads what earlier stages wrote and returns a new, immutable Enrichment.
The pipeline times every stage so the agents can export per-stage latency.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Sequence
from typing import Protocol

from enrichment.enrichment_update import updated
from enrichment.types import Document, Enrichment


class Stage(Protocol):
    """One step of enrichment. `name` labels its latency metric and timings."""

    name: str

    def __call__(self, doc: Document, acc: Enrichment) -> Enrichment: ...


@dataclasses.dataclass(frozen=True, slots=True)
class FunctionStage:
    """Adapts a plain function into a named stage."""

    name: str
    func: Callable[[Document, Enrichment], Enrichment]

    def __call__(self, doc: Document, acc: Enrichment) -> Enrichment:
        return self.func(doc, acc)


class Pipeline:
    """Runs stages in order and records how long each took, in milliseconds."""

    def __init__(self, stages: Sequence[Stage]) -> None:
        self.stages: tuple[Stage, ...] = tuple(stages)

    @property
    def stage_names(self) -> tuple[str, ...]:
        return tuple(stage.name for stage in self.stages)

    def __call__(self, doc: Document) -> Enrichment:
        acc = Enrichment(language=doc.language)
        timings: dict[str, float] = {}
        for stage in self.stages:
            began = time.perf_counter()
            acc = stage(doc, acc)
            timings[stage.name] = round((time.perf_counter() - began) * 1000.0, 3)
        return updated(acc, timings_ms=timings)
