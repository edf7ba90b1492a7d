"""Broker outage: the broker freezes (SIGSTOP) mid-stream and comes back; the worker recovers by itself.

The embedded Tansu keeps data in memory only, so the outage is simulated by
freezing the process rather than killing it: clients see a broker that accepts
nothing and answers nothing, exactly like a network partition.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from streams.broker import EmbeddedBroker, embedded_broker, free_port
from tests.integration.cluster import Namespace, WorkerProcess, create_topics, produce
from tests.integration.conftest import start_worker
from tests.integration.faults import PACED_ENV, VOLUME_ENV, articles, collect, record_result, rss_kb, scaled, wait_until

pytestmark = [pytest.mark.integration, pytest.mark.faults]
OUTAGE_SECONDS = 30.0  # the length; CI runs it too (the whole fault suite stays under 6 min)
OUTAGE_START = "not answering; worker not ready"
OUTAGE_END = "broker reachable again"


@pytest.fixture
def own_broker() -> Iterator[EmbeddedBroker]:
    """A broker of its own: freezing it must not disturb other tests' topics."""
    with embedded_broker() as running:
        yield running


def log_lines(worker: WorkerProcess) -> list[str]:
    return worker.log_path.read_text(errors="replace").splitlines()


def test_broker_frozen_mid_stream(own_broker: EmbeddedBroker, tmp_path: Path, workers: list[WorkerProcess]) -> None:
    ns = Namespace(own_broker.url)
    create_topics(ns)
    before, after = scaled(6_000, 20_000), 1_000
    first, second = articles(before, seed=31), articles(after, start=before, seed=31)
    ids = {key.decode() for key, _ in [*first, *second]}
    produce(ns, first)
    worker = start_worker(ns, tmp_path, workers, **PACED_ENV)
    wait_until(lambda: worker.metrics().get("akhbar_articles_consumed_total", 0.0) > 0, 30.0, 0.05, "first batch")
    consumed_at_pause = worker.metrics().get("akhbar_articles_consumed_total", 0.0)
    log_mark = len(log_lines(worker))

    own_broker.pause()
    paused_at = time.monotonic()
    try:
        detected = wait_until(lambda: worker.get("/readyz")[0] == 503, 15.0, 0.2, "/readyz 503 during the outage")
        assert worker.get("/healthz")[0] == 200, "the process must stay alive during an outage"
        time.sleep(max(0.0, OUTAGE_SECONDS - (time.monotonic() - paused_at)))
    finally:
        own_broker.resume()
    recovered = wait_until(worker.ready, 60.0, 0.2, "/readyz 200 after the outage")
    produce(ns, second)
    acc = collect(ns, ids, timeout=120.0)
    assert worker.process is not None
    lost = acc.lost(ids)
    record_result(
        f"broker outage (SIGSTOP {OUTAGE_SECONDS:.0f} s mid-stream)",
        sent=before + after,
        lost=len(lost),
        duplicated=acc.duplicates(),
        recovery_s=round(recovered, 1),
        detect_s=round(detected, 1),
        consumed_at_pause=consumed_at_pause,
        peak_rss_mb=round(rss_kb(worker.process.pid) / 1024, 1),
    )
    assert consumed_at_pause < before, "the outage must hit mid-stream"
    assert not lost, f"{len(lost)} articles lost across the outage"

    during = log_lines(worker)[log_mark:]
    assert sum(OUTAGE_START in line for line in during) == 1, "one line when the outage starts"
    assert sum(OUTAGE_END in line for line in during) == 1, "one line when it ends"
    noisy = [line for line in during if " ERROR " in line or " WARNING " in line]
    assert len(noisy) <= 10, f"{len(noisy)} warning/error lines for one outage:\n" + "\n".join(noisy[:40])
    assert worker.metrics()["akhbar_broker_outages_total"] == 1


def test_broker_down_when_the_worker_starts(tmp_path: Path, workers: list[WorkerProcess]) -> None:
    port = free_port()
    ns = Namespace(f"kafka://127.0.0.1:{port}")
    worker = WorkerProcess(ns, tmp_path, **VOLUME_ENV)
    workers.append(worker)
    worker.start(wait_ready=None)
    time.sleep(8.0)
    assert worker.process is not None and worker.process.poll() is None, worker.log_tail()
    assert not worker.ready()
    with EmbeddedBroker(port) as late:
        began = time.monotonic()
        create_topics(ns)
        records = articles(500, seed=37)
        ids = {key.decode() for key, _ in records}
        produce(ns, records)
        wait_until(worker.ready, 90.0, 0.25, "worker ready once the broker is up")
        recovered = time.monotonic() - began
        acc = collect(ns, ids, timeout=90.0)
        lost = acc.lost(ids)
        record_result(
            "broker down at worker start",
            sent=len(records),
            lost=len(lost),
            duplicated=acc.duplicates(),
            recovery_s=round(recovered, 1),
            peak_rss_mb=round(rss_kb(worker.process.pid) / 1024, 1),
        )
        assert not lost
        assert late.url == ns.broker_url
        waiting = [line for line in log_lines(worker) if "not reachable at start" in line]
        assert len(waiting) == 1, "one line while waiting for the broker, not one per retry"
        worker.stop()
