"""Test harness around real processes: the embedded broker and `akhbar worker` subprocesses.

Each test gets its own topic prefix and consumer group, so tests sharing one
broker never see each other's records.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from streams.broker import free_port
from streams.kafka_io import ensure_topics, make_consumer, produce_records
from streams.settings import Settings

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("AKHBAR_SHARED_DIR", REPO.parent / "shared"))


@dataclass
class Namespace:
    """Topic prefix + group id for one test, and the settings/env that point at them."""

    broker_url: str
    partitions: int = 4
    prefix: str = field(default_factory=lambda: f"t{uuid.uuid4().hex[:8]}.")

    @property
    def app_id(self) -> str:
        return f"akhbar-{self.prefix.rstrip('.')}"

    def env(self, **extra: str) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            AKHBAR_BROKER=self.broker_url,
            AKHBAR_TOPIC_PREFIX=self.prefix,
            AKHBAR_APP_ID=self.app_id,
            AKHBAR_TOPIC_PARTITIONS=str(self.partitions),
            AKHBAR_SESSION_TIMEOUT="6",
            AKHBAR_LOG_LEVEL="INFO",
        )
        env.update(extra)
        return env

    def settings(self, **extra: Any) -> Settings:
        return Settings(
            broker=self.broker_url,
            topic_prefix=self.prefix,
            app_id=self.app_id,
            topic_partitions=self.partitions,
            **extra,
        )

    def topic(self, role: str) -> str:
        settings = self.settings()
        return settings.topic(str(getattr(settings, f"{role}_topic")))


class WorkerProcess:
    """One `akhbar worker` in a subprocess with its own web port; logs go to a file."""

    def __init__(self, ns: Namespace, log_dir: Path, **env: str) -> None:
        self.ns = ns
        self.port = free_port()
        self.log_path = log_dir / f"worker-{self.port}.log"
        self.env = ns.env(AKHBAR_WEB_PORT=str(self.port), **env)
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self) -> list[str]:
        return [sys.executable, "-m", "streams.cli", "worker"]

    def start(self, wait_ready: float | None = 60.0) -> WorkerProcess:
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            self.command(),
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=self.log_path.parent,  # faust writes its <app id>-data directory into the cwd
        )
        if wait_ready:
            self.wait_ready(wait_ready)
        return self

    def get(self, path: str, timeout: float = 5.0) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(self.base_url + path, timeout=timeout) as response:
                return int(response.status), bytes(response.read())
        except urllib.error.HTTPError as error:
            return int(error.code), bytes(error.read())

    def ready(self) -> bool:
        try:
            return self.get("/readyz", timeout=2.0)[0] == 200
        except OSError:
            return False

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"worker exited with {self.process.returncode}; log:\n{self.log_tail()}")
            if self.ready():
                return
            time.sleep(0.25)
        raise TimeoutError(f"worker not ready within {timeout}s; log:\n{self.log_tail()}")

    def metrics(self) -> dict[str, float]:
        """Scrape /metrics over HTTP into {'name{labels}': value} (samples only, no comments)."""
        status, body = self.get("/metrics")
        assert status == 200
        samples: dict[str, float] = {}
        for line in body.decode().splitlines():
            if line and not line.startswith("#"):
                name, _, value = line.rpartition(" ")
                samples[name] = float(value)
        return samples

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(sig)

    def stop(self, timeout: float = 15.0) -> int | None:
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode

    def log_tail(self, lines: int = 60) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "<no log>"


def create_topics(ns: Namespace) -> None:
    settings = ns.settings()
    names = [
        settings.topic(t)
        for t in (settings.raw_topic, settings.enriched_topic, settings.events_topic, settings.deadletter_topic)
    ]
    asyncio.run(ensure_topics(settings, names))


def produce(ns: Namespace, records: Iterable[tuple[bytes | None, bytes]]) -> int:
    return asyncio.run(produce_records(ns.settings(), ns.topic("raw"), list(records)))


def consume(ns: Namespace, role: str, expected: int, timeout: float = 120.0, idle: float = 3.0) -> list[Any]:
    """Read a topic from the beginning until `expected` records arrived (then `idle` s more) or timeout."""

    async def run() -> list[Any]:
        out: list[Any] = []
        consumer = make_consumer(ns.settings(), ns.topic(role), auto_offset_reset="earliest", enable_auto_commit=False)
        await consumer.start()
        try:
            deadline = time.monotonic() + timeout
            last_new = time.monotonic()
            while time.monotonic() < deadline:
                batch = await consumer.getmany(timeout_ms=250, max_records=1000)
                for messages in batch.values():
                    out.extend(messages)
                    last_new = time.monotonic()
                if len(out) >= expected and time.monotonic() - last_new > idle:
                    break
        finally:
            await consumer.stop()
        return out

    return asyncio.run(run())


def values(messages: list[Any]) -> list[dict[str, Any]]:
    return [orjson.loads(m.value) for m in messages]
