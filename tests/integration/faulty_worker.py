"""A test-only worker that fails on demand, to prove failures are caught, counted and survived.

Run as `python -m tests.integration.faulty_worker` with the usual AKHBAR_* environment. Markers in an
article's title choose the failure; nothing of this exists in the production code paths:

- POISON: the engine raises (a poison pill: must become an `enrichment_failed` dead letter).
- AGENT-BUG: the agent's own per-record code raises past `process` (a bug in akhbar itself).
- AGENT-CRASH: the whole batch handler raises once per offset, escaping into faust's agent.
- KILL-CHILD: the enrichment child process running the engine dies on the spot (os._exit), as if
  OOM-killed; with the engine in the event loop (AKHBAR_ENRICH_PROCESSES=0) the engine raises instead.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from typing import Any

import faust

import streams.batch_work as batch_work
from agents.enrich import BatchEnricher
from agents.worker import build_worker, run_worker
from enrichment.engine import Engine, EngineMode, build_engine
from enrichment.types import Document, Enrichment
from streams.cli import _settings

POISON, AGENT_BUG, AGENT_CRASH, KILL_CHILD = "POISON", "AGENT-BUG", "AGENT-CRASH", "KILL-CHILD"


class PoisonableEngine(Engine):
    """The configured engine, except that documents whose title holds POISON make it raise."""

    def __init__(self, inner: Engine) -> None:
        self.__dict__.update(inner.__dict__)
        self.inner = inner

    def __call__(self, doc: Document) -> Enrichment:
        title = doc.text[: doc.title_end]
        if KILL_CHILD in title and multiprocessing.parent_process() is not None:
            os._exit(3)
        if POISON in title or KILL_CHILD in title:
            raise RuntimeError(f"injected engine failure for {doc.id}")
        return self.inner(doc)


def faulty_engine(mode: EngineMode) -> Engine:
    """The engine factory the worker's runner uses, in whichever process runs the engine."""
    install_record_faults()
    return PoisonableEngine(build_engine(mode))


def install_record_faults() -> None:
    original_process = batch_work.process

    def buggy_process(data: bytes, *args: Any, **kwargs: Any) -> Any:
        if AGENT_BUG.encode() in data:
            raise KeyError("injected agent bug")
        return original_process(data, *args, **kwargs)

    batch_work.process = buggy_process  # type: ignore[assignment]


def install_agent_faults() -> None:
    crashed: set[tuple[int, int]] = set()
    original_handle = BatchEnricher.handle

    async def crashing_handle(self: BatchEnricher, events: Sequence[faust.EventT]) -> None:
        for event in events:
            where = (event.message.partition, event.message.offset)
            if AGENT_CRASH.encode() in bytes(event.message.value or b"") and where not in crashed:
                crashed.add(where)
                raise RuntimeError(f"injected agent crash at partition {where[0]} offset {where[1]}")
        await original_handle(self, events)

    BatchEnricher.handle = crashing_handle  # type: ignore[method-assign]


def main() -> None:
    settings = _settings()
    install_agent_faults()
    run_worker(build_worker(settings, faulty_engine), settings)


if __name__ == "__main__":
    main()
