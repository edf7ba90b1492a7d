"""Rebalance and scale-out: workers join and leave one consumer group mid-stream; nothing is lost.

Also: more workers than partitions does not hang the group, and the offsets the
group commits are exactly the next offset after the last record handled.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from streams.broker import EmbeddedBroker
from tests.integration.cluster import Namespace, WorkerProcess, create_topics
from tests.integration.conftest import start_worker
from tests.integration.faults import (
    VOLUME_ENV,
    BackgroundProducer,
    articles,
    collect,
    committed_offsets,
    raw_end_offsets,
    record_result,
    rss_kb,
    scaled,
    wait_until,
)

pytestmark = [pytest.mark.integration, pytest.mark.faults]
CONSUMED = "akhbar_articles_consumed_total"


def consumed(worker: WorkerProcess) -> float:
    return worker.metrics().get(CONSUMED, 0.0)


def test_two_then_three_workers_then_one_leaves(
    broker: EmbeddedBroker, tmp_path: Path, workers: list[WorkerProcess]
) -> None:
    ns = Namespace(broker.url, partitions=6)
    create_topics(ns)
    total = scaled(6_000, 20_000)
    records = articles(total, seed=23)
    ids = {key.decode() for key, _ in records}

    first = start_worker(ns, tmp_path, workers, **VOLUME_ENV)
    second = start_worker(ns, tmp_path, workers, **VOLUME_ENV)
    producer = BackgroundProducer(ns, records, rate=total / 15.0)
    producer.start()
    time.sleep(3.0)
    began = time.monotonic()
    third = start_worker(ns, tmp_path, workers, **VOLUME_ENV)
    joined_after = time.monotonic() - began
    time.sleep(3.0)
    leaving_share = consumed(first)
    assert first.process is not None
    peak_rss = rss_kb(first.process.pid)
    assert first.stop(timeout=15.0) == 0, first.log_tail()
    producer.finish()

    acc = collect(ns, ids, timeout=120.0)
    lost = acc.lost(ids)
    wait_until(lambda: consumed(second) + consumed(third) + leaving_share >= total, 30.0, what="all consumed")
    shares = {"first(left)": leaving_share, "second": consumed(second), "third(joined)": consumed(third)}
    for worker in (second, third):
        assert worker.process is not None
        peak_rss = max(peak_rss, rss_kb(worker.process.pid))
    record_result(
        "rebalance (6 partitions, 2->3->2 workers)",
        sent=total,
        lost=len(lost),
        duplicated=acc.duplicates(),
        recovery_s=round(joined_after, 1),
        peak_rss_mb=round(peak_rss / 1024, 1),
        shares=shares,
    )
    assert not lost, f"{len(lost)} articles lost across the rebalances"
    for name, share in shares.items():
        assert share > 0, f"worker {name} shows no share in its /metrics: {shares}"
    assert sum(shares.values()) >= total

    # Committed offsets: exactly the next offset after the last record of each partition (no off-by-one).
    ends = raw_end_offsets(ns, total)
    wait_until(lambda: committed_offsets(ns) == ends, 20.0, what=f"committed offsets == {ends}")


def test_more_workers_than_partitions_does_not_hang(
    broker: EmbeddedBroker, tmp_path: Path, workers: list[WorkerProcess]
) -> None:
    ns = Namespace(broker.url, partitions=2)
    create_topics(ns)
    group = [WorkerProcess(ns, tmp_path, **VOLUME_ENV) for _ in range(3)]
    workers.extend(group)
    for worker in group:
        worker.start(wait_ready=None)
    for worker in group:
        assert worker.process is not None
        wait_until(lambda w=worker: w.get("/healthz")[0] == 200, 60.0, what="healthz")  # type: ignore[misc]
    wait_until(lambda: sum(w.ready() for w in group) == 2, 60.0, what="two of three workers ready")
    total = 1_000
    records = articles(total, seed=29)
    ids = {key.decode() for key, _ in records}
    BackgroundProducer(ns, records, rate=10_000).run()
    acc = collect(ns, ids, timeout=60.0)
    assert not acc.lost(ids)
    idle = [w for w in group if not w.ready()]
    assert len(idle) == 1, "exactly one worker has no partition"
    assert idle[0].get("/readyz")[0] == 503 and b'"partitions_assigned":false' in idle[0].get("/readyz")[1]
    assert idle[0].metrics().get(CONSUMED, 0.0) == 0.0
    began = time.monotonic()
    for worker in group:
        assert worker.stop(timeout=15.0) == 0, worker.log_tail()
    assert time.monotonic() - began < 30.0
