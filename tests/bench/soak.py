"""Soaks: worker memory under overload and at idle (`make soak`; CI runs a short overload in the fault suite).

overload: measure the worker's sustainable rate on a backlog, then produce at
`factor` x that rate for `duration` seconds while sampling the worker's RSS
(/proc/<pid>/status) every second. Bounded buffers mean RSS plateaus while the
backlog grows in the broker, not in the worker.
idle: a worker with nothing to do for `duration` seconds; RSS must stay flat.

Both print one JSON line per run (and the samples with --verbose). Each run
starts its own embedded broker, which keeps everything in memory: a 5-minute
overload at ~4,000 articles/s holds several GB in the broker process.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import orjson

from streams.broker import EmbeddedBroker, free_port
from streams.kafka_io import make_producer
from streams.synthetic import synthetic_article
from tests.integration.cluster import Namespace, WorkerProcess, create_topics, produce
from tests.integration.faults import articles, rss_kb, wait_until

POOL = 500  # distinct bodies; ids stay unique


@dataclass
class SoakResult:
    scenario: str
    seconds: float
    produced: int = 0
    consumed: float = 0.0
    produce_rate: float = 0.0
    sustainable_rate: float = 0.0
    rss_start_mb: float = 0.0
    rss_peak_mb: float = 0.0
    rss_end_mb: float = 0.0
    rss_growth_last_half_mb: float = 0.0
    samples: list[tuple[float, float]] = field(default_factory=list)

    def line(self, verbose: bool = False) -> str:
        data: dict[str, Any] = asdict(self)
        if not verbose:
            data.pop("samples")
        return orjson.dumps(data).decode()


class RateProducer(threading.Thread):
    """Produces unique-id articles at `rate` per second until stopped (its own event loop and producer)."""

    def __init__(self, ns: Namespace, rate: float) -> None:
        super().__init__(daemon=True)
        self.ns = ns
        self.rate = rate
        self.sent = 0
        self.stopping = threading.Event()
        self.error: BaseException | None = None
        self.pool = [synthetic_article(i, seed=41) for i in range(POOL)]

    def run(self) -> None:
        try:
            asyncio.run(self._run())
        except BaseException as exc:  # reported by the caller
            self.error = exc

    async def _run(self) -> None:
        producer = make_producer(self.ns.settings(), linger_ms=5)
        await producer.start()
        topic = self.ns.topic("raw")
        began = time.monotonic()
        try:
            while not self.stopping.is_set():
                futures = []
                for _ in range(200):
                    article = dict(self.pool[self.sent % POOL], id=f"soak-{self.sent}")
                    futures.append(await producer.send(topic, orjson.dumps(article), key=article["id"].encode()))
                    self.sent += 1
                await asyncio.gather(*futures)
                ahead = self.sent / self.rate - (time.monotonic() - began)
                if ahead > 0:
                    await asyncio.sleep(ahead)
        finally:
            await producer.stop()


def _consumed(worker: WorkerProcess) -> float:
    return worker.metrics().get("akhbar_articles_consumed_total", 0.0)


def sample_rss(worker: WorkerProcess, seconds: float, interval: float = 1.0) -> list[tuple[float, float]]:
    """(elapsed s, RSS MB) every `interval` for `seconds`."""
    assert worker.process is not None
    samples = []
    began = time.monotonic()
    while (elapsed := time.monotonic() - began) < seconds:
        samples.append((round(elapsed, 1), round(rss_kb(worker.process.pid) / 1024, 1)))
        time.sleep(interval)
    return samples


def _summarise(result: SoakResult, samples: list[tuple[float, float]]) -> SoakResult:
    values = [rss for _, rss in samples]
    half = values[len(values) // 2 :] or values
    result.samples = samples
    result.rss_start_mb = values[0]
    result.rss_peak_mb = max(values)
    result.rss_end_mb = values[-1]
    result.rss_growth_last_half_mb = round(max(half) - min(half), 1)
    return result


def measure_sustainable_rate(ns: Namespace, worker: WorkerProcess, window: float = 8.0, backlog: int = 6_000) -> float:
    """Articles/s the worker drains from a backlog over `window` s, measured from its own /metrics
    (what is left of the backlog stays queued in the broker and adds to the overload)."""
    start = _consumed(worker)
    produce(ns, articles(backlog, seed=43))
    wait_until(lambda: _consumed(worker) > start, 60.0, 0.05, "worker started consuming")
    began, first = time.monotonic(), _consumed(worker)
    while time.monotonic() - began < window and _consumed(worker) < start + backlog:
        time.sleep(0.2)
    return (_consumed(worker) - first) / max(1e-6, time.monotonic() - began)


@contextlib.contextmanager
def _soaked_worker(log_dir: Path | None, engine: str) -> Iterator[tuple[Namespace, WorkerProcess]]:
    """A fresh embedded broker, its topics, and one ready worker with `engine`; all stopped afterwards."""
    with EmbeddedBroker(free_port()) as broker:
        ns = Namespace(broker.url)
        create_topics(ns)
        log_dir = log_dir or Path(tempfile.mkdtemp(prefix="akhbar-soak-"))
        worker = WorkerProcess(ns, log_dir, AKHBAR_ENGINE=engine).start()
        try:
            yield ns, worker
        finally:
            worker.stop()


def overload_soak(
    duration: float,
    factor: float = 2.0,
    rate: float | None = None,
    log_dir: Path | None = None,
    engine: str = "full",
    backlog: int = 1_000,
) -> SoakResult:
    """Produce at factor x the sustainable rate for `duration` s; sample the worker's RSS."""
    with _soaked_worker(log_dir, engine) as (ns, worker):
        sustainable = measure_sustainable_rate(ns, worker, backlog=backlog)
        target = rate if rate is not None else factor * sustainable
        producer = RateProducer(ns, target)
        before = _consumed(worker)
        producer.start()
        samples = sample_rss(worker, duration)
        producer.stopping.set()
        producer.join(30.0)
        if producer.error is not None:
            raise producer.error
        assert worker.process is not None and worker.process.poll() is None, worker.log_tail()
        result = SoakResult(
            f"overload {target / max(sustainable, 1e-6):.1f}x, engine {engine}",
            duration,
            produced=producer.sent,
            consumed=_consumed(worker) - before,
            produce_rate=round(producer.sent / duration, 1),
            sustainable_rate=round(sustainable, 1),
        )
        return _summarise(result, samples)


def idle_soak(duration: float, log_dir: Path | None = None, engine: str = "full") -> SoakResult:
    """A ready worker with nothing to consume for `duration` s."""
    with _soaked_worker(log_dir, engine) as (ns, worker):
        produce(ns, articles(200, seed=47))  # warm every code path once, then idle
        wait_until(lambda: _consumed(worker) >= 200, 60.0, what="warm-up consumed")
        samples = sample_rss(worker, duration, interval=max(1.0, duration / 600))
        return _summarise(SoakResult("idle", duration), samples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--overload", type=float, default=300.0, help="Overload soak seconds (0 = skip).")
    parser.add_argument("--factor", type=float, default=2.0, help="Produce rate as a multiple of the sustainable.")
    parser.add_argument("--rate", type=float, default=None, help="Fixed produce rate instead of factor x measured.")
    parser.add_argument("--idle", type=float, default=1800.0, help="Idle soak seconds (0 = skip).")
    parser.add_argument("--engine", default="full", choices=("full", "kb", "passthrough"))
    parser.add_argument("--backlog", type=int, default=2_000, help="Backlog used to measure the sustainable rate.")
    parser.add_argument("--verbose", action="store_true", help="Print every RSS sample too.")
    args = parser.parse_args(argv)
    if args.overload > 0:
        print(
            overload_soak(args.overload, args.factor, args.rate, engine=args.engine, backlog=args.backlog).line(
                args.verbose
            ),
            flush=True,
        )
    if args.idle > 0:
        result = idle_soak(args.idle, engine=args.engine)
        print(result.line(args.verbose), flush=True)
        if result.samples:
            print(f"idle RSS median {statistics.median(v for _, v in result.samples):.1f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
