"""`akhbar enrich`: the engine on a file of RawArticle lines, no broker."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import IO

from enrichment.engine import EngineMode, build_engine
from streams.processing import process
from streams.records import DeadLetter, dumps


@dataclass(frozen=True, slots=True)
class OfflineCounts:
    enriched: int
    dead: int
    seconds: float

    @property
    def rate(self) -> float:
        return (self.enriched + self.dead) / self.seconds if self.seconds > 0 else 0.0


def enrich_lines(
    infile: IO[bytes], output: IO[bytes], dead_letters: IO[bytes] | None, mode: str, max_bytes: int
) -> OfflineCounts:
    """Every input line becomes one enriched line or one dead letter; nothing is dropped."""
    engine = build_engine(mode if mode in ("full", "kb", "passthrough") else "full")  # type: ignore[arg-type]
    enriched = dead = 0
    began = time.perf_counter()
    for line in infile:
        if not line.strip():
            continue
        outcome = process(line.rstrip(b"\r\n"), engine, max_bytes)
        if isinstance(outcome, DeadLetter):
            dead += 1
            if dead_letters is not None:
                dead_letters.write(dumps(outcome) + b"\n")
        else:
            enriched += 1
            output.write(dumps(outcome.article) + b"\n")
    output.flush()
    return OfflineCounts(enriched, dead, time.perf_counter() - began)


__all__ = ["EngineMode", "OfflineCounts", "enrich_lines"]
