"""Crash: SIGKILL the worker at random points mid-stream; every article id ends up somewhere.

At-least-once: a killed worker's uncommitted batch is processed again after the
restart, so duplicates are allowed (and counted); losses are not. Output is keyed
by article id, so a compacted downstream topic keeps one copy.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import signal
import time
from pathlib import Path

import pytest
from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaError

from streams.broker import EmbeddedBroker
from tests.integration.cluster import Namespace, WorkerProcess
from tests.integration.conftest import start_worker
from tests.integration.faults import (
    FULL,
    VOLUME_ENV,
    BackgroundProducer,
    articles,
    collect,
    record_result,
    rss_kb,
    scaled,
)

pytestmark = [pytest.mark.integration, pytest.mark.faults]


def test_sigkill_at_random_points_loses_nothing(ns: Namespace, tmp_path: Path, workers: list[WorkerProcess]) -> None:
    total = scaled(5_000, 20_000)
    kills = 6 if FULL else 2
    seed = int(os.environ.get("AKHBAR_FAULTS_SEED", str(time.time_ns() % 100_000)))
    rng = random.Random(seed)
    records = articles(total)
    ids = {key.decode() for key, _ in records}

    worker = start_worker(ns, tmp_path, workers, **VOLUME_ENV)
    producer = BackgroundProducer(ns, records, rate=800.0 if FULL else 400.0)
    producer.start()
    recoveries: list[float] = []
    peak_rss = 0
    for _ in range(kills):
        time.sleep(rng.uniform(0.3, 3.0))
        assert worker.process is not None
        peak_rss = max(peak_rss, rss_kb(worker.process.pid))
        worker.kill(signal.SIGKILL)
        worker.process.wait(10)
        began = time.monotonic()
        worker = start_worker(ns, tmp_path, workers, **VOLUME_ENV)
        recoveries.append(time.monotonic() - began)
    sent = producer.finish()
    assert sent == total

    acc = collect(ns, ids, timeout=180.0)
    lost = acc.lost(ids)
    record_result(
        f"crash (SIGKILL x{kills}, seed {seed})",
        sent=total,
        lost=len(lost),
        duplicated=acc.duplicates(),
        recovery_s=round(max(recoveries), 1),
        peak_rss_mb=round(peak_rss / 1024, 1),
    )
    assert not lost, f"{len(lost)} articles lost after {kills} SIGKILLs (seed {seed}), e.g. {sorted(lost)[:5]}"
    assert set(acc.enriched) == ids, "a valid article was dead-lettered instead of enriched"
    assert worker.metrics().get('akhbar_agent_errors_total{agent="enrich"}', 0.0) == 0


def test_exactly_once_is_not_available_on_the_embedded_broker(broker: EmbeddedBroker) -> None:
    """Tansu 0.6 answers InitProducerId with an error, so transactions (exactly_once) cannot run on it.

    If a future Tansu supports it, this test fails: then offer processing_guarantee=exactly_once here too.
    """

    async def run() -> BaseException | None:
        producer = AIOKafkaProducer(
            bootstrap_servers=broker.bootstrap, transactional_id="akhbar-eos-probe", request_timeout_ms=5000
        )
        try:
            await asyncio.wait_for(producer.start(), 20)
        except (KafkaError, TimeoutError) as exc:
            return exc
        finally:
            with contextlib.suppress(KafkaError, TimeoutError):
                await asyncio.wait_for(producer.stop(), 5)
        return None

    error = asyncio.run(run())
    assert error is not None, "the embedded broker now supports InitProducerId: test exactly_once on it"
