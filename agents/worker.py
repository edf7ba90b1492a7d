"""Composition root of a worker: the faust app with its agents, timers and web views."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

import faust

from agents.enrich import BatchEnricher, register_enrich_agent
from agents.enrich_runner import EnrichRunner, make_runner
from agents.health import Health, register_health_timers
from agents.startup import wait_for_broker
from agents.web import Ingest, register_views
from streams.app import Topics, create_app, create_topics
from streams.batch_work import EngineFactory
from streams.heap import fix_mmap_threshold
from streams.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Worker:
    app: faust.App
    topics: Topics
    runner: EnrichRunner
    enricher: BatchEnricher
    health: Health


def build_worker(settings: Settings, engine_factory: EngineFactory | None = None) -> Worker:
    """Everything one worker process runs. The engine (knowledge base, models) loads once per runner
    process: in the enrichment children (AKHBAR_ENRICH_PROCESSES, default 1) or, with 0, in this one."""
    fix_mmap_threshold()  # before anything large loads: freed large blocks leave the process (streams/heap.py)
    app = create_app(settings)
    topics = create_topics(app, settings)
    runner = make_runner(settings, engine_factory)
    enricher = BatchEnricher(app, topics, runner, settings)
    health = Health(app, settings)
    register_enrich_agent(app, topics, enricher, settings)
    register_health_timers(app, health, enricher)
    register_views(app, settings, health, Ingest(app, topics, settings), enricher)

    @app.task
    async def announce() -> None:
        log.info(
            "akhbar worker up: consuming %s, metrics at http://%s:%d/metrics",
            topics.raw.get_topic_name(),
            settings.web_host,
            settings.web_port,
        )

    return Worker(app, topics, runner, enricher, health)


def run_worker(worker: Worker, settings: Settings) -> None:
    """Run until SIGINT/SIGTERM; faust commits processed offsets and flushes producers on the way out."""
    waiting = asyncio.new_event_loop()  # not set as current: faust's worker creates its own loop below
    try:
        waiting.run_until_complete(wait_for_broker(settings))
    finally:
        waiting.close()
    worker.runner.start()
    faust_worker = faust.Worker(worker.app, loglevel=settings.log_level, quiet=True, redirect_stdouts=False)
    try:
        faust_worker.execute_from_commandline()
    finally:  # faust has drained the agent (in-flight batches included): the children can go
        worker.runner.close()
