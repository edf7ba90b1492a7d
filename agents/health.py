"""Liveness, readiness and consumer lag.

Readiness needs two things: the broker answers a metadata request within a
short timeout (a SIGSTOPped or unreachable broker does not), and this worker
has partitions assigned. An outage is logged once when it starts and once
when it ends, not on every probe.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from typing import Any

import faust
from aiokafka.client import AIOKafkaClient

from agents import metrics
from agents.enrich import BatchEnricher
from streams.app import aiokafka_security
from streams.settings import Settings

log = logging.getLogger(__name__)
PROBE_INTERVAL = 2.0
PROBE_TIMEOUT = 2.0
LAG_INTERVAL = 2.0


class Health:
    """Tracks whether the broker answers; read by /readyz and the broker-ready gauge."""

    def __init__(self, app: faust.App, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        self.broker_ok = False
        self.outage_since: float | None = None
        self._client: AIOKafkaClient | None = None

    async def _probe_once(self) -> bool:
        if self._client is None:
            self._client = AIOKafkaClient(
                bootstrap_servers=self.settings.bootstrap_servers,
                request_timeout_ms=int(PROBE_TIMEOUT * 1000),
                **aiokafka_security(self.settings),
            )
        try:
            await asyncio.wait_for(self._probe_request(self._client), PROBE_TIMEOUT)
            return True
        except Exception:
            await self._reset_client()
            return False

    @staticmethod
    async def _probe_request(client: AIOKafkaClient) -> None:
        if not client.cluster.brokers():
            await client.bootstrap()
        await client.fetch_all_metadata()

    async def _reset_client(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            with contextlib.suppress(Exception):  # closing a dead connection may fail; nothing to do
                await asyncio.wait_for(client.close(), 1.0)

    async def probe(self) -> None:
        ok = await self._probe_once()
        if ok and not self.broker_ok and self.outage_since is not None:
            log.warning("broker reachable again after %.1fs outage", time.monotonic() - self.outage_since)
            self.outage_since = None
        elif not ok and self.outage_since is None:
            self.outage_since = time.monotonic()
            metrics.BROKER_OUTAGES.inc()
            log.error("broker %s not answering; worker not ready until it does", self.settings.broker)
        self.broker_ok = ok
        metrics.BROKER_READY.set(1 if self.ready else 0)

    @property
    def assigned(self) -> bool:
        try:
            return bool(self.app.consumer.assignment())
        except Exception:
            return False

    @property
    def ready(self) -> bool:
        return self.broker_ok and self.assigned

    def status(self) -> dict[str, Any]:
        return {"ready": self.ready, "broker": self.broker_ok, "partitions_assigned": self.assigned}

    async def close(self) -> None:
        await self._reset_client()


def update_lag(app: faust.App, enricher: BatchEnricher) -> None:
    """Lag per assigned partition from the fetch highwater (ListOffsets is unreliable on Tansu)."""
    try:
        assignment = app.consumer.assignment()
    except Exception:
        return
    seen: set[str] = set()
    for tp in assignment:
        highwater = app.consumer.highwater(tp)
        if highwater is None:
            continue
        processed = enricher.processed.get(tp.partition)
        next_offset = processed + 1 if processed is not None else 0
        metrics.CONSUMER_LAG.labels(str(tp.partition)).set(max(0, highwater - next_offset))
        seen.add(str(tp.partition))
    for labels in list(metrics.CONSUMER_LAG._metrics):
        if labels[0] not in seen:
            metrics.CONSUMER_LAG.remove(*labels)


def register_health_timers(app: faust.App, health: Health, enricher: BatchEnricher) -> None:
    @app.timer(PROBE_INTERVAL, name="akhbar.health.probe")
    async def probe_broker() -> None:
        await health.probe()

    @app.timer(LAG_INTERVAL, name="akhbar.health.lag")
    async def consumer_lag() -> None:
        update_lag(app, enricher)
