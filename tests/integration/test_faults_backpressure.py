"""Back-pressure: a full ingest queue answers 429, a dead broker 503 (both with Retry-After), and a
producer faster than the worker grows the broker's backlog, not the worker's memory."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from streams.broker import EmbeddedBroker, embedded_broker
from tests.bench.soak import overload_soak
from tests.integration.cluster import Namespace, WorkerProcess, create_topics
from tests.integration.conftest import start_worker
from tests.integration.faults import articles, collect, record_result, scaled, wait_until

pytestmark = [pytest.mark.integration, pytest.mark.faults]
RSS_CEILING_MB = 400.0


@pytest.fixture
def own_broker() -> Iterator[EmbeddedBroker]:
    with embedded_broker() as running:
        yield running


def post(worker: WorkerProcess, body: bytes, timeout: float = 60.0) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(worker.base_url + "/v1/articles", data=body, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return int(response.status), dict(response.headers), bytes(response.read())
    except urllib.error.HTTPError as error:
        return int(error.code), dict(error.headers), bytes(error.read())


def test_full_queue_429_and_broker_down_503_with_retry_after(
    own_broker: EmbeddedBroker, tmp_path: Path, workers: list[WorkerProcess]
) -> None:
    ns = Namespace(own_broker.url)
    create_topics(ns)
    worker = start_worker(ns, tmp_path, workers, AKHBAR_INGEST_QUEUE_MAX="5")
    held = articles(5, seed=53)
    extra = articles(1, start=5, seed=53)
    outcome: list[tuple[int, dict[str, str], bytes]] = []

    own_broker.pause()
    try:
        holder = threading.Thread(target=lambda: outcome.append(post(worker, b"\n".join(v for _, v in held))))
        holder.start()
        wait_until(lambda: worker.metrics().get("akhbar_ingest_inflight", 0.0) == 5, 10.0, 0.05, "5 in flight")
        status, headers, body = post(worker, extra[0][1])
        assert status == 429, body
        assert headers.get("Retry-After"), "429 without Retry-After"
        wait_until(lambda: worker.get("/readyz")[0] == 503, 15.0, 0.2, "not ready")
        status, headers, body = post(worker, extra[0][1])
        assert status == 503, body
        assert headers.get("Retry-After"), "503 without Retry-After"
        assert orjson.loads(body)["error"] == "unavailable"
    finally:
        own_broker.resume()
    holder.join(60.0)
    assert outcome and outcome[0][0] == 202, outcome
    ids = {key.decode() for key, _ in held}
    acc = collect(ns, ids, timeout=60.0)
    assert not acc.lost(ids), "articles accepted with 202 must not be lost"
    metrics = worker.metrics()
    assert metrics['akhbar_http_requests_total{code="429",endpoint="articles"}'] == 1
    assert metrics['akhbar_http_requests_total{code="503",endpoint="articles"}'] == 1


def test_memory_bounded_when_producers_outrun_the_worker(tmp_path: Path) -> None:
    result = overload_soak(duration=scaled(10, 300), factor=2.0, log_dir=tmp_path)
    record_result(
        f"back-pressure ({result.scenario}, {result.seconds:.0f} s)",
        sent=result.produced,
        consumed=result.consumed,
        produce_rate=result.produce_rate,
        sustainable_rate=result.sustainable_rate,
        peak_rss_mb=result.rss_peak_mb,
        rss_growth_last_half_mb=result.rss_growth_last_half_mb,
        engine="full",
    )
    assert result.produced > result.consumed, "the producer must outrun the worker for this test to mean anything"
    assert result.rss_peak_mb < RSS_CEILING_MB, f"worker RSS peaked at {result.rss_peak_mb} MB"
    assert result.rss_growth_last_half_mb < 60.0, f"RSS still growing: {result.samples}"
