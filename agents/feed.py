"""`akhbar dev`'s feeder: the shared sample articles, then a steady synthetic stream."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import faust
import orjson

from agents.worker import Worker
from streams.synthetic import synthetic_stream

log = logging.getLogger(__name__)


def sample_articles(samples_dir: Path) -> list[bytes]:
    """The raw sample articles as they would arrive from a producer (files named *.raw.json)."""
    return [path.read_bytes() for path in sorted(samples_dir.glob("*.raw.json"))]


def register_feed(worker: Worker, samples_dir: Path | None, rate: float, limit: int | None) -> None:
    """Produce samples once, then `rate` synthetic articles per second (until `limit`, if given)."""
    app: faust.App = worker.app
    topic = worker.topics.raw.get_topic_name()

    @app.task
    async def feed() -> None:
        await asyncio.sleep(1.0)
        samples = sample_articles(samples_dir) if samples_dir and samples_dir.is_dir() else []
        for raw in samples:
            key = str(orjson.loads(raw).get("id", "")).encode("utf-8") or None
            await app.producer.send_and_wait(topic, key, raw, None, None, None)
        log.info(
            "feeder: sent %d sample articles from %s; now %.0f synthetic articles/s", len(samples), samples_dir, rate
        )
        for article in synthetic_stream(limit):
            await app.producer.send(topic, article["id"].encode("utf-8"), orjson.dumps(article), None, None, None)
            await asyncio.sleep(1.0 / rate)
