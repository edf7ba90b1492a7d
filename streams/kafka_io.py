"""Plain aiokafka clients for the CLI tools: produce a file, tail a topic, replay dead letters."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Callable, Iterable
from typing import Any

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from streams.app import aiokafka_security, topic_config
from streams.records import DeadLetter
from streams.settings import Settings

log = logging.getLogger(__name__)
SEND_WINDOW = 1_000


def make_producer(settings: Settings, **overrides: Any) -> AIOKafkaProducer:
    options: dict[str, Any] = {"acks": "all" if settings.producer_acks == -1 else settings.producer_acks}
    options.update(overrides)
    return AIOKafkaProducer(bootstrap_servers=settings.bootstrap_servers, **aiokafka_security(settings), **options)


def make_consumer(settings: Settings, *topics: str, **overrides: Any) -> AIOKafkaConsumer:
    return AIOKafkaConsumer(
        *topics, bootstrap_servers=settings.bootstrap_servers, **aiokafka_security(settings), **overrides
    )


async def ensure_topics(settings: Settings, names: Iterable[str]) -> None:
    """Create topics with the configured partitions and replication; existing ones are left alone."""
    admin = AIOKafkaAdminClient(bootstrap_servers=settings.bootstrap_servers, **aiokafka_security(settings))
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        wanted = [
            NewTopic(name, settings.topic_partitions, settings.topic_replication, topic_configs=topic_config(settings))
            for name in names
            if name not in existing
        ]
        if wanted:
            with contextlib.suppress(TopicAlreadyExistsError):  # another worker won the race
                await admin.create_topics(wanted)
    finally:
        await admin.close()


async def produce_records(
    settings: Settings,
    topic: str,
    records: Iterable[tuple[bytes | None, bytes]],
    progress: Callable[[int], object] | None = None,
) -> int:
    """Send (key, value) pairs with a bounded window of unacknowledged sends; returns how many."""
    producer = make_producer(settings, linger_ms=5, max_batch_size=512 * 1024)
    await producer.start()
    sent = 0
    try:
        pending: list[asyncio.Future[Any]] = []
        for key, value in records:
            pending.append(await producer.send(topic, value, key=key))
            if len(pending) >= SEND_WINDOW:
                await asyncio.gather(*pending)
                sent += len(pending)
                if progress:
                    progress(len(pending))
                pending.clear()
        await asyncio.gather(*pending)
        sent += len(pending)
        if progress and pending:
            progress(len(pending))
    finally:
        await producer.stop()
    return sent


async def read_topic(
    settings: Settings, topic: str, from_beginning: bool, max_records: int | None, timeout: float | None
) -> AsyncIterator[Any]:
    """Yield records of a topic; stop after `max_records` or `timeout` seconds without a new record."""
    consumer = make_consumer(
        settings, topic, auto_offset_reset="earliest" if from_beginning else "latest", enable_auto_commit=False
    )
    await consumer.start()
    seen = 0
    try:
        last = time.monotonic()
        while max_records is None or seen < max_records:
            batch = await consumer.getmany(timeout_ms=200, max_records=500)
            if not batch:
                if timeout is not None and time.monotonic() - last > timeout:
                    return
                continue
            last = time.monotonic()
            for messages in batch.values():
                for message in messages:
                    yield message
                    seen += 1
                    if max_records is not None and seen >= max_records:
                        return
    finally:
        await consumer.stop()


def message_as_json(message: Any) -> bytes:
    """A consumed record as one JSON line: its value parsed when it is JSON, else kept as text."""
    try:
        value: Any = orjson.loads(message.value) if message.value is not None else None
    except orjson.JSONDecodeError:
        value = message.value.decode("utf-8", "replace")
    key = message.key.decode("utf-8", "replace") if message.key is not None else None
    envelope = {"topic": message.topic, "partition": message.partition, "offset": message.offset, "key": key}
    return orjson.dumps({**envelope, "value": value})


async def replay_dead_letters(settings: Settings, reason: str | None, timeout: float = 5.0) -> tuple[int, int]:
    """Re-publish the original bytes of dead letters (optionally of one reason) to the raw topic."""
    dead_topic = settings.topic(settings.deadletter_topic)
    replay: list[tuple[bytes | None, bytes]] = []
    scanned = 0
    async for message in read_topic(settings, dead_topic, True, None, timeout):
        scanned += 1
        letter = DeadLetter.from_dict(orjson.loads(message.value))
        if reason is None or letter.reason == reason:
            replay.append((message.key or None, letter.original))
    sent = await produce_records(settings, settings.topic(settings.raw_topic), replay)
    log.info("replayed %d of %d dead letters", sent, scanned)
    return scanned, sent
