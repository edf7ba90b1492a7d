"""Where the engine runs: in the event loop, or in child processes so enrichment overlaps Kafka I/O.

With the engine in the event loop, every millisecond spent enriching is a
millisecond the loop is not fetching, producing or acking; end to end a worker
then reaches ~0.7 of the engine's own rate. A pool of child processes (default
one) takes the CPU-bound batches while the loop keeps the broker busy. A child
that dies (OOM killer, a segfault in a native library) breaks the pool: it is
replaced and the batch fails, so the agent retries it record by record and
dead-letters a record that keeps killing its child.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Protocol

from enrichment.engine import Engine, EngineMode, build_engine
from streams.batch_work import (
    EngineFactory,
    RawRecord,
    RecordResult,
    child_ready,
    enrich_in_child,
    enrich_records,
    init_child,
    warmed_up,
)
from streams.settings import Settings

log = logging.getLogger(__name__)


class EnrichRunner(Protocol):
    def start(self) -> None:
        """Load the engine now (blocking, before the worker consumes), so a broken install fails at start."""

    async def run(self, records: Sequence[RawRecord]) -> list[RecordResult]: ...

    def close(self) -> None: ...


class InlineRunner:
    """The engine in the event loop: one process, simplest to debug (AKHBAR_ENRICH_PROCESSES=0)."""

    def __init__(self, factory: EngineFactory, mode: EngineMode, max_bytes: int) -> None:
        self.factory, self.mode, self.max_bytes = factory, mode, max_bytes
        self._engine: Engine | None = None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = warmed_up(self.factory(self.mode))
        return self._engine

    def start(self) -> None:
        _ = self.engine

    async def run(self, records: Sequence[RawRecord]) -> list[RecordResult]:
        return enrich_records(records, self.engine, self.max_bytes)

    def close(self) -> None:
        pass


class ProcessRunner:
    """The engine in `processes` spawned children, each loading it once; batches go to whichever is free."""

    def __init__(
        self, factory: EngineFactory, mode: EngineMode, max_bytes: int, processes: int, log_level: str = "INFO"
    ) -> None:
        self.factory, self.mode, self.max_bytes, self.processes = factory, mode, max_bytes, processes
        self.log_level = log_level
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.processes,
                mp_context=multiprocessing.get_context("spawn"),  # never fork a process that runs threads
                initializer=init_child,
                initargs=(self.factory, self.mode, self.max_bytes, self.log_level),
            )
        return self._pool

    def start(self) -> None:
        """Load the engine in every child before the first batch; raises if a child cannot load it."""
        began = time.perf_counter()
        pool = self._executor()
        pids = {future.result() for future in [pool.submit(child_ready) for _ in range(self.processes)]}
        log.info(
            "enrichment in %d child process(es) %s: engine %r loaded in %.1f s",
            self.processes,
            sorted(pids),
            self.mode,
            time.perf_counter() - began,
        )

    async def run(self, records: Sequence[RawRecord]) -> list[RecordResult]:
        pool = self._executor()
        try:
            return await asyncio.get_running_loop().run_in_executor(pool, enrich_in_child, list(records))
        except BrokenProcessPool:
            log.error("an enrichment child process died; starting a new pool (batch of %d retried)", len(records))
            if self._pool is pool:
                self._pool = None
                pool.shutdown(wait=False, cancel_futures=True)
            raise

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def make_runner(settings: Settings, factory: EngineFactory | None = None) -> EnrichRunner:
    factory = factory or build_engine
    if settings.enrich_processes <= 0:
        return InlineRunner(factory, settings.engine, settings.max_article_bytes)
    return ProcessRunner(
        factory, settings.engine, settings.max_article_bytes, settings.enrich_processes, settings.log_level
    )
