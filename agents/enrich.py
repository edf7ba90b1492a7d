"""The enrich agent: raw topic -> enriched, events and dead-letter topics, in batches.

A batch is decoded and enriched in one go (by the runner: in a child process
by default, so enrichment overlaps the loop's Kafka I/O), every output is
handed to the producer without awaiting it, and the batch's futures are awaited once; only
then are the batch's events acked (faust commits acked offsets every second):
at-least-once, keyed by article id so reprocessing overwrites downstream
instead of duplicating. Up to MAX_BATCHES_IN_FLIGHT batches overlap, so the
next batch is enriched while the broker acknowledges the previous one.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import Awaitable, Sequence
from concurrent.futures.process import BrokenProcessPool
from typing import Any

import faust
from aiokafka.errors import KafkaError, KafkaTimeoutError

from agents import metrics
from agents.batching import drain_batches
from agents.enrich_runner import EnrichRunner
from streams.app import Topics
from streams.batch_work import RawRecord, RecordResult, failed_record
from streams.settings import Settings

log = logging.getLogger(__name__)
PRODUCE_RETRY_SECONDS = (0.5, 1.0, 2.0, 5.0, 10.0)
MAX_BATCHES_IN_FLIGHT = 3
SHUTDOWN_FLUSH_SECONDS = 5.0


class BatchEnricher:
    """Turns a batch of faust events into produced records; tracks processed offsets for lag."""

    def __init__(self, app: faust.App, topics: Topics, runner: EnrichRunner, settings: Settings) -> None:
        self.app = app
        self.topics = topics
        self.runner = runner
        self.settings = settings
        self.processed: dict[int, int] = {}
        # One failed batch at a time is redone record by record: a record that kills an enrichment child
        # then takes down only its own retry, not an innocent record of another batch sharing the pool.
        self._isolating = asyncio.Lock()
        self.topic_of = {
            "enriched": topics.enriched.get_topic_name(),
            "events": topics.events.get_topic_name(),
            "deadletter": topics.deadletter.get_topic_name(),
        }
        self.role_of = {topic: role for role, topic in self.topic_of.items()}

    async def outputs(self, events: Sequence[faust.EventT[bytes]]) -> list[tuple[str, bytes, bytes]]:
        """Every event of the batch to (topic, key, value) triples; bad input becomes dead letters.

        Raises only if the runner itself fails (a child process died): then nothing of the batch is acked."""
        raw = [_raw_record(event) for event in events]
        results = await self.runner.run(raw)
        out: list[tuple[str, bytes, bytes]] = []
        for record, result in zip(raw, results, strict=True):
            out.extend(self._counted_records(result))
            if record.partition is not None and record.offset is not None:
                self.processed[record.partition] = record.offset
        return out

    def _counted_records(self, result: RecordResult) -> list[tuple[str, bytes, bytes]]:
        """A result's (topic, key, value) triples, its facts counted in the metrics."""
        self._count(result)
        return [(self.topic_of[o.role], o.key, o.value) for o in result.outputs]

    @staticmethod
    def _count(result: RecordResult) -> None:
        if result.internal_error:
            metrics.AGENT_ERRORS.labels("enrich").inc()
        if result.dead_letter_reason is not None:
            metrics.DEAD_LETTERS.labels(result.dead_letter_reason).inc()
            return
        metrics.ARTICLES_ENRICHED.inc()
        for stage, ms in result.timings_ms:
            metrics.STAGE_LATENCY.labels(stage).observe(ms / 1000.0)
        for entity_type in result.entity_types:
            metrics.ENTITIES.labels(entity_type).inc()
        for event_type in result.event_types:
            metrics.EVENTS.labels(event_type).inc()

    async def produce(self, records: list[tuple[str, bytes, bytes]]) -> None:
        """Send all records, then wait once; retry the whole batch with backoff while the broker fails.

        A non-retriable error (e.g. a record over the broker's size limit) is raised instead, so that
        `handle_safely` can isolate and dead-letter the record that causes it."""
        attempt = 0
        while True:
            try:
                futures: list[Awaitable[Any]] = []
                for topic, key, value in records:
                    futures.append(await self.app.producer.send(topic, key, value, None, None, None))
                await asyncio.gather(*futures)
                break
            except Exception as exc:  # broker errors: keep the batch, never ack unsent records
                if not retriable(exc):
                    raise
                delay = PRODUCE_RETRY_SECONDS[min(attempt, len(PRODUCE_RETRY_SECONDS) - 1)]
                if attempt == 0:
                    log.warning("producing a batch of %d records failed (%s); retrying with backoff", len(records), exc)
                attempt += 1
                await asyncio.sleep(delay)
        for topic, count in Counter(topic for topic, _, _ in records).items():
            metrics.RECORDS_PRODUCED.labels(self.role_of.get(topic, "other")).inc(count)

    async def handle(self, events: Sequence[faust.EventT[bytes]]) -> None:
        metrics.ARTICLES_CONSUMED.inc(len(events))
        metrics.BATCH_SIZE.observe(len(events))
        records = await self.outputs(events)
        began = time.perf_counter()
        await self.produce(records)
        metrics.STAGE_LATENCY.labels("produce").observe(time.perf_counter() - began)

    async def _outputs_of_one(self, event: faust.EventT[bytes]) -> list[tuple[str, bytes, bytes]]:
        """One record's outputs; a child that died for another record's sake gets this record one more try."""
        try:
            return await self.outputs([event])
        except BrokenProcessPool:
            return await self.outputs([event])

    async def handle_safely(self, events: Sequence[faust.EventT[bytes]]) -> None:
        """`handle`, but a bug escaping it never kills the agent (faust's supervisor restarts a crashed
        agent that then never consumes again): count it, log it once with context, redo the batch record
        by record, and dead-letter (`enrichment_failed`) any record that still fails."""
        try:
            await self.handle(events)
            return
        except Exception:
            metrics.AGENT_ERRORS.labels("enrich").inc()
            first = events[0].message if events else None
            log.exception(
                "enrich agent: batch of %d failed at %s[%s]@%s; retrying record by record",
                len(events),
                first.topic if first else "?",
                first.partition if first else "?",
                first.offset if first else "?",
            )
        async with self._isolating:
            await self._record_by_record(events)

    async def _record_by_record(self, events: Sequence[faust.EventT[bytes]]) -> None:
        for event in events:
            try:
                await self.produce(await self._outputs_of_one(event))
            except Exception as exc:  # the batch failure was counted as the agent error already
                await self.produce(self._counted_records(failed_record(_raw_record(event), exc, internal_error=False)))


def _raw_record(event: faust.EventT[bytes]) -> RawRecord:
    message = event.message
    value = message.value if isinstance(message.value, bytes) else bytes(message.value or b"")
    return RawRecord(value, message.key, message.topic, message.partition, message.offset)


def retriable(exc: BaseException) -> bool:
    """Broker unavailable or slow: worth retrying. Anything else is a property of the records."""
    if isinstance(exc, KafkaTimeoutError | ConnectionError | TimeoutError):
        return True
    return isinstance(exc, KafkaError) and bool(exc.retriable)


async def complete(enricher: BatchEnricher, events: Sequence[faust.EventT[bytes]]) -> None:
    """Handle one batch to the end, then ack its events (never before the broker has the outputs)."""
    await enricher.handle_safely(events)
    for event in events:
        event.ack()


def register_enrich_agent(app: faust.App, topics: Topics, enricher: BatchEnricher, settings: Settings) -> Any:
    """Declare the agent on the app (`handle_safely` dead-letters instead of raising, so it keeps running)."""

    @app.agent(topics.raw, name="akhbar.enrich")
    async def enrich(stream: faust.StreamT[bytes]) -> None:
        in_flight: set[asyncio.Task[None]] = set()
        try:
            async for events in drain_batches(stream, settings.batch_size, settings.batch_timeout):
                task = asyncio.ensure_future(complete(enricher, events))
                in_flight.add(task)
                task.add_done_callback(in_flight.discard)
                if len(in_flight) >= MAX_BATCHES_IN_FLIGHT:
                    await asyncio.wait(in_flight, return_when=asyncio.FIRST_COMPLETED)
        finally:
            if in_flight:  # on shutdown, let started batches reach the broker and be acked
                await asyncio.wait(in_flight, timeout=SHUTDOWN_FLUSH_SECONDS)

    return enrich
