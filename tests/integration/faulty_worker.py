"""A test-only worker that fails on demand, to prove failures are caught, counted and survived.

Run as `python -m tests.integration.faulty_worker` with the usual AKHBAR_* environment. Markers in an
article's title choose the failure; nothing of this exists in the production code paths:

- POISON: the engine raises (a poison pill: must become an `enrichment_failed` dead letter).
- AGENT-BUG: the agent's own per-record code raises past `process` (a bug in akhbar itself).
- AGENT-CRASH: the whole batch handler raises once per offset, escaping into faust's agent.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import faust

import agents.enrich as enrich_module
from agents.enrich import BatchEnricher
from agents.worker import build_worker, run_worker
from enrichment.engine import Engine, build_engine
from enrichment.types import Document, Enrichment
from streams.cli import _settings

POISON, AGENT_BUG, AGENT_CRASH = "POISON", "AGENT-BUG", "AGENT-CRASH"


class PoisonableEngine(Engine):
    """The configured engine, except that documents whose title holds POISON make it raise."""

    def __init__(self, inner: Engine) -> None:
        self.__dict__.update(inner.__dict__)
        self.inner = inner

    def __call__(self, doc: Document) -> Enrichment:
        if POISON in doc.text[: doc.title_end]:
            raise RuntimeError(f"injected engine failure for {doc.id}")
        return self.inner(doc)


def install_agent_faults() -> None:
    original_process = enrich_module.process
    crashed: set[tuple[int, int]] = set()

    def buggy_process(data: bytes, *args: Any, **kwargs: Any) -> Any:
        if AGENT_BUG.encode() in data:
            raise KeyError("injected agent bug")
        return original_process(data, *args, **kwargs)

    enrich_module.process = buggy_process  # type: ignore[assignment]
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
    run_worker(build_worker(settings, PoisonableEngine(build_engine(settings.engine))), settings)


if __name__ == "__main__":
    main()
