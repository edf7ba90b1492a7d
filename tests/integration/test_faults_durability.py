"""Durability defaults that matter on Apache Kafka: acks=all on every producer, and min.insync.replicas
plus no unclean leader election on the topics akhbar creates when they are replicated."""

from __future__ import annotations

import asyncio

import pytest

from streams.app import create_app, create_topics, topic_config
from streams.kafka_io import make_producer
from streams.settings import Settings

pytestmark = [pytest.mark.integration, pytest.mark.faults]


def test_every_producer_waits_for_all_in_sync_replicas() -> None:
    settings = Settings(broker="kafka://127.0.0.1:1")
    assert settings.producer_acks == -1

    async def run() -> None:
        faust_producer = create_app(settings).producer._new_producer()
        cli_producer = make_producer(settings)
        for producer in (faust_producer, cli_producer):
            assert producer._sender._acks == -1
            await producer.stop()

    asyncio.run(run())


@pytest.mark.parametrize(("replication", "min_insync"), [(1, None), (2, "1"), (3, "2"), (5, "2")])
def test_replicated_topics_get_min_insync_replicas(replication: int, min_insync: str | None) -> None:
    settings = Settings(broker="kafka://127.0.0.1:1", topic_replication=replication)
    config = topic_config(settings)
    assert config.get("min.insync.replicas") == min_insync
    if replication > 1:
        assert config["unclean.leader.election.enable"] == "false"
    topics = create_topics(create_app(settings), settings)
    for topic in (topics.raw, topics.enriched, topics.events, topics.deadletter):
        assert (topic.config or {}) == config
        assert topic.replicas == replication
