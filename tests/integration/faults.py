"""Helpers shared by the fault suite: background producers, id accounting, offsets, RSS, logs.

Sizes: the default run is scaled for CI on a 2-core machine; `AKHBAR_FAULTS_FULL=1`
runs the issue's full sizes (20,000 articles, 30 s outages).
"""

from __future__ import annotations

import asyncio
import base64
import os
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from aiokafka import TopicPartition

from streams.kafka_io import make_consumer, produce_records
from streams.synthetic import synthetic_article
from tests.integration.cluster import Namespace

FULL = os.environ.get("AKHBAR_FAULTS_FULL", "") == "1"
# Volume scenarios test the streaming guarantees, not the engine: they run the pass-through engine unless
# AKHBAR_FAULTS_ENGINE says otherwise (full/kb), so their size does not depend on the engine's speed.
ENGINE = os.environ.get("AKHBAR_FAULTS_ENGINE", "passthrough")
VOLUME_ENV = {"AKHBAR_ENGINE": ENGINE}
# Scenarios that must strike mid-stream: one record per batch keeps a pass-through worker busy for seconds
# (each batch waits for the broker's acknowledgement) instead of draining thousands of records in one go.
PACED_ENV = {**VOLUME_ENV, "AKHBAR_BATCH_SIZE": "1"}


def scaled(ci: int, full: int) -> int:
    """The CI size, or the issue's size when AKHBAR_FAULTS_FULL=1."""
    return full if FULL else ci


def articles(count: int, start: int = 0, seed: int = 11) -> list[tuple[bytes, bytes]]:
    """(key, value) pairs of synthetic ~3 KB articles with unique ids."""
    out = []
    for index in range(start, start + count):
        article = synthetic_article(index, seed=seed)
        out.append((article["id"].encode(), orjson.dumps(article)))
    return out


class BackgroundProducer(threading.Thread):
    """Produces records in chunks at a target rate from a thread, so faults can hit mid-stream."""

    def __init__(self, ns: Namespace, records: list[tuple[bytes, bytes]], rate: float, chunk: int = 200) -> None:
        super().__init__(daemon=True)
        self.ns = ns
        self.records = records
        self.rate = rate
        self.chunk = chunk
        self.sent = 0
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            began = time.monotonic()
            for start in range(0, len(self.records), self.chunk):
                part = self.records[start : start + self.chunk]
                self.sent += asyncio.run(produce_records(self.ns.settings(), self.ns.topic("raw"), part))
                ahead = self.sent / self.rate - (time.monotonic() - began)
                if ahead > 0:
                    time.sleep(ahead)
        except BaseException as exc:  # reported by finish()
            self.error = exc

    def finish(self, timeout: float = 120.0) -> int:
        self.join(timeout)
        assert not self.is_alive(), "background producer did not finish"
        assert self.error is None, f"background producer failed: {self.error!r}"
        return self.sent


@dataclass
class Accounting:
    """Where each article id ended up: enriched, dead letters (by reason), and how often."""

    enriched: Counter[str] = field(default_factory=Counter)
    dead: Counter[str] = field(default_factory=Counter)
    reasons: dict[str, str] = field(default_factory=dict)
    letters: list[dict[str, Any]] = field(default_factory=list)
    articles: dict[str, dict[str, Any]] = field(default_factory=dict)

    def seen(self) -> set[str]:
        return set(self.enriched) | set(self.dead)

    def lost(self, expected: Iterable[str]) -> set[str]:
        return set(expected) - self.seen()

    def records(self) -> int:
        return sum(self.enriched.values()) + sum(self.dead.values())

    def duplicates(self) -> int:
        """Extra copies beyond the first, across both topics."""
        both = self.enriched + self.dead
        return sum(count - 1 for count in both.values() if count > 1)


def letter_id(letter: dict[str, Any]) -> str:
    """The article id inside a dead letter's original bytes (or the bytes themselves when not JSON)."""
    original = base64.b64decode(letter["original"])
    try:
        value = orjson.loads(original)
        if isinstance(value, dict) and isinstance(value.get("id"), str):
            return str(value["id"])
    except orjson.JSONDecodeError:
        pass
    return "raw:" + original[:64].hex()


def collect(
    ns: Namespace,
    expected: set[str],
    timeout: float = 120.0,
    idle: float = 3.0,
    min_records: int = 0,
    keep_articles: bool = False,
) -> Accounting:
    """Read the enriched and dead-letter topics until every expected id (and `min_records` records) arrived,
    then `idle` s more."""

    async def run() -> Accounting:
        acc = Accounting()
        enriched_topic, dead_topic = ns.topic("enriched"), ns.topic("deadletter")
        consumer = make_consumer(
            ns.settings(), enriched_topic, dead_topic, auto_offset_reset="earliest", enable_auto_commit=False
        )
        await consumer.start()
        try:
            deadline = time.monotonic() + timeout
            last_new = time.monotonic()
            while time.monotonic() < deadline:
                batch = await consumer.getmany(timeout_ms=250, max_records=2000)
                for tp, messages in batch.items():
                    last_new = time.monotonic()
                    for message in messages:
                        value = orjson.loads(message.value)
                        if tp.topic == enriched_topic:
                            acc.enriched[value["article_id"]] += 1
                            if keep_articles:
                                acc.articles[value["article_id"]] = value
                        else:
                            ident = letter_id(value)
                            acc.dead[ident] += 1
                            acc.reasons[ident] = value["reason"]
                            acc.letters.append(value)
                done = expected <= acc.seen() and acc.records() >= min_records
                if done and time.monotonic() - last_new > idle:
                    break
        finally:
            await consumer.stop()
        return acc

    return asyncio.run(run())


def raw_end_offsets(ns: Namespace, total: int, timeout: float = 60.0) -> dict[int, int]:
    """Next offset per raw partition, found by reading all `total` records (ListOffsets is unreliable on Tansu)."""

    async def run() -> dict[int, int]:
        settings = ns.settings()
        consumer = make_consumer(settings, auto_offset_reset="earliest", enable_auto_commit=False)
        await consumer.start()
        try:
            partitions = [TopicPartition(ns.topic("raw"), p) for p in range(ns.partitions)]
            consumer.assign(partitions)
            await consumer.seek_to_beginning(*partitions)
            ends: dict[int, int] = {}
            seen = 0
            deadline = time.monotonic() + timeout
            while seen < total and time.monotonic() < deadline:
                batch = await consumer.getmany(timeout_ms=250, max_records=5000)
                for tp, messages in batch.items():
                    seen += len(messages)
                    ends[tp.partition] = messages[-1].offset + 1
            assert seen == total, f"raw topic holds {seen} records, expected {total}"
            return ends
        finally:
            await consumer.stop()

    return asyncio.run(run())


def committed_offsets(ns: Namespace) -> dict[int, int]:
    """Offsets the worker group committed on the raw topic (OffsetFetch through a consumer that never joins).

    aiokafka's admin `list_consumer_group_offsets` cannot decode Tansu's OffsetFetch reply; the consumer's
    `committed()` uses an older request version that works on both Tansu and Apache Kafka.
    """

    async def run() -> dict[int, int]:
        consumer = make_consumer(ns.settings(), group_id=ns.app_id, enable_auto_commit=False)
        await consumer.start()
        try:
            out: dict[int, int] = {}
            for partition in range(ns.partitions):
                offset = await consumer.committed(TopicPartition(ns.topic("raw"), partition))
                if offset is not None:
                    out[partition] = offset
            return out
        finally:
            await consumer.stop()

    return asyncio.run(run())


def rss_kb(pid: int) -> int:
    """Resident set size in KiB of a worker and its enrichment children, from /proc (0 once it is gone)."""
    total = 0
    for proc in (pid, *_children(pid)):
        try:
            lines = Path(f"/proc/{proc}/status").read_text().splitlines()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in lines if line.startswith("VmRSS:")), 0)
    return total


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for children in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found.extend(int(child) for child in children.read_text().split())
        except OSError:
            continue
    return found


def wait_until(predicate: Callable[[], bool], timeout: float, interval: float = 0.25, what: str = "condition") -> float:
    """Poll until `predicate()` is true; returns the seconds it took, fails the test on timeout."""
    began = time.monotonic()
    while time.monotonic() - began < timeout:
        try:
            if predicate():
                return time.monotonic() - began
        except OSError:
            pass
        time.sleep(interval)
    raise AssertionError(f"{what} not reached within {timeout}s")


def record_result(name: str, **numbers: Any) -> None:
    """Print a results line (collected into docs/operations.md) and append it to $AKHBAR_FAULTS_RESULTS."""
    line = orjson.dumps({"scenario": name, "full": FULL, "engine": numbers.pop("engine", ENGINE), **numbers}).decode()
    print(f"\nFAULT-RESULT {line}")
    target = os.environ.get("AKHBAR_FAULTS_RESULTS")
    if target:
        with open(target, "a", encoding="utf-8") as out:
            out.write(line + "\n")
