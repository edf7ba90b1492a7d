"""Integration fixtures: one real embedded broker per session, workers as subprocesses."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from streams.broker import EmbeddedBroker, embedded_broker
from tests.integration.cluster import Namespace, WorkerProcess, create_topics


@pytest.fixture(scope="session")
def broker() -> Iterator[EmbeddedBroker]:
    with embedded_broker() as running:
        yield running


@pytest.fixture
def ns(broker: EmbeddedBroker) -> Namespace:
    namespace = Namespace(broker.url)
    create_topics(namespace)
    return namespace


@pytest.fixture
def workers(ns: Namespace, tmp_path: Path) -> Iterator[list[WorkerProcess]]:
    """Workers started by a test are stopped (and their logs printed on failure) afterwards."""
    started: list[WorkerProcess] = []
    yield started
    for worker in started:
        worker.stop()


def start_worker(ns: Namespace, tmp_path: Path, started: list[WorkerProcess], **env: str) -> WorkerProcess:
    worker = WorkerProcess(ns, tmp_path, **env)
    started.append(worker)
    return worker.start()
