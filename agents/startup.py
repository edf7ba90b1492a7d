"""Wait for the broker before the faust worker starts.

faust's producer gives up (and the worker exits) when the broker cannot be
reached at start. A worker started before its broker (a common order under
docker-compose or Kubernetes) should instead wait, with backoff, logging one
line when it starts waiting and one when the broker answers.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

from aiokafka.client import AIOKafkaClient

from streams.app import aiokafka_security
from streams.settings import Settings

log = logging.getLogger(__name__)
BACKOFF_SECONDS = (0.5, 1.0, 2.0, 5.0)
PROBE_TIMEOUT = 5.0


async def broker_answers(settings: Settings, timeout: float = PROBE_TIMEOUT) -> bool:
    """True when a bootstrap (metadata) request to the configured brokers succeeds within `timeout`."""
    client = AIOKafkaClient(
        bootstrap_servers=settings.bootstrap_servers,
        request_timeout_ms=int(timeout * 1000),
        **aiokafka_security(settings),
    )
    try:
        await asyncio.wait_for(client.bootstrap(), timeout)
        return True
    except Exception:  # any failure means "not yet"; the caller logs once
        return False
    finally:
        with contextlib.suppress(Exception):  # closing a client that never connected may fail; nothing to do
            await asyncio.wait_for(client.close(), 1.0)


async def wait_for_broker(settings: Settings, max_wait: float | None = None) -> bool:
    """Probe with backoff until the broker answers (or `max_wait` s pass); one log line each way."""
    began = time.monotonic()
    attempt = 0
    while not await broker_answers(settings):
        if attempt == 0:
            log.warning("broker %s not reachable at start; waiting for it (retrying with backoff)", settings.broker)
        if max_wait is not None and time.monotonic() - began > max_wait:
            return False
        await asyncio.sleep(BACKOFF_SECONDS[min(attempt, len(BACKOFF_SECONDS) - 1)])
        attempt += 1
    if attempt:
        log.warning("broker %s reachable after %.1fs; starting the worker", settings.broker, time.monotonic() - began)
    return True
