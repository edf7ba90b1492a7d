"""The enrich agent in faust's test context: batches go through `BatchEnricher`, outputs are captured."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from agents.worker import build_worker
from streams.settings import Settings
from streams.synthetic import synthetic_article


@pytest.fixture
def worker() -> Any:
    settings = Settings(app_id="akhbar-agent-test", batch_size=10, batch_timeout=0.01, enrich_processes=0)
    return build_worker(settings)


async def test_agent_enriches_and_dead_letters_through_the_stream(worker: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    produced: list[tuple[str, bytes, bytes]] = []

    async def capture(records: list[tuple[str, bytes, bytes]]) -> None:
        produced.extend(records)

    monkeypatch.setattr(worker.enricher, "produce", capture)
    (agent,) = worker.app.agents.values()
    async with agent.test_context() as context:
        for i in range(5):
            await context.put(orjson.dumps(synthetic_article(i)), key=f"synthetic-7-{i}".encode(), wait=False)
        await context.put(b"{broken", key=b"bad", wait=False)
        for _ in range(100):
            if len(produced) >= 6:
                break
            await context.sleep(0.02)
    topics = worker.topics
    enriched = [orjson.loads(v) for t, _, v in produced if t == topics.enriched.get_topic_name()]
    dead = [orjson.loads(v) for t, _, v in produced if t == topics.deadletter.get_topic_name()]
    assert sorted(r["article_id"] for r in enriched) == [f"synthetic-7-{i}" for i in range(5)]
    assert [d["reason"] for d in dead] == ["invalid_json"]
    keys = {k for t, k, _ in produced if t == topics.enriched.get_topic_name()}
    assert keys == {f"synthetic-7-{i}".encode() for i in range(5)}, "enriched records are keyed by article id"


async def test_unexpected_errors_become_dead_letters_and_are_counted(
    worker: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import streams.batch_work
    from agents import metrics

    def explode(*args: object) -> None:
        raise RuntimeError("bug past process()")

    class Message:
        topic, partition, offset, key, value = "raw", 0, 7, b"k", b"{}"

    class Event:
        message = Message()

    monkeypatch.setattr(streams.batch_work, "process", explode)
    before = metrics.AGENT_ERRORS.labels("enrich")._value.get()
    records = await worker.enricher.outputs([Event()])
    assert len(records) == 1 and records[0][0] == worker.topics.deadletter.get_topic_name()
    letter = orjson.loads(records[0][2])
    assert letter["reason"] == "enrichment_failed" and "bug past process" in letter["detail"]
    assert metrics.AGENT_ERRORS.labels("enrich")._value.get() == before + 1
    assert worker.enricher.processed[0] == 7
