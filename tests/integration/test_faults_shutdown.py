"""Graceful shutdown: SIGTERM mid-stream commits what was processed, flushes, and exits within 10 s."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from tests.integration.cluster import Namespace, WorkerProcess, produce
from tests.integration.conftest import start_worker
from tests.integration.faults import (
    PACED_ENV,
    VOLUME_ENV,
    articles,
    collect,
    committed_offsets,
    record_result,
    rss_kb,
    wait_until,
)

pytestmark = [pytest.mark.integration, pytest.mark.faults]
EXIT_WITHIN = 10.0


def test_sigterm_commits_flushes_and_exits_quickly(ns: Namespace, tmp_path: Path, workers: list[WorkerProcess]) -> None:
    total = 10_000
    records = articles(total, seed=89)
    ids = {key.decode() for key, _ in records}
    produce(ns, records)
    worker = start_worker(ns, tmp_path, workers, **PACED_ENV)
    wait_until(lambda: worker.metrics().get("akhbar_articles_consumed_total", 0.0) >= 1_000, 60.0, 0.05, "mid-stream")
    assert worker.process is not None
    peak = rss_kb(worker.process.pid)
    began = time.monotonic()
    worker.kill(signal.SIGTERM)
    code = worker.process.wait(30.0)
    took = time.monotonic() - began
    assert code == 0, worker.log_tail()
    assert took < EXIT_WITHIN, f"SIGTERM took {took:.1f}s"
    assert "Crashed reason" not in worker.log_path.read_text(errors="replace"), "a graceful stop is not a crash"

    committed = sum(committed_offsets(ns).values())
    assert 0 < committed < total, f"the shutdown must hit mid-stream (committed {committed} of {total})"
    done = collect(ns, set(), timeout=15.0, idle=2.0, min_records=committed)
    assert done.records() >= committed, "every committed record's output was flushed before exit"

    successor = start_worker(ns, tmp_path, workers, **VOLUME_ENV)
    acc = collect(ns, ids, timeout=120.0)
    lost = acc.lost(ids)
    record_result(
        "graceful shutdown (SIGTERM mid-stream)",
        sent=total,
        lost=len(lost),
        duplicated=acc.duplicates(),
        recovery_s=round(took, 1),
        committed_at_stop=committed,
        peak_rss_mb=round(peak / 1024, 1),
    )
    assert not lost
    assert acc.duplicates() <= 2 * 200, "at most the in-flight batches are processed twice"
    assert successor.ready()
