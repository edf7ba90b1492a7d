"""HTTP endpoints served by the worker's faust web server.

/metrics (Prometheus text), /healthz (process alive), /readyz (broker answers
and partitions assigned), POST /v1/articles (ingest: one JSON object or JSON
lines), POST /v1/enrich (synchronous enrichment, for debugging). The /v1
endpoints need `Authorization: Bearer <AKHBAR_API_TOKEN>` when a token is set.
"""

from __future__ import annotations

import asyncio
import hmac
from typing import Any

import faust
from aiohttp import web as aioweb
from faust.web import Request, Response, View
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from agents import metrics
from agents.enrich import BatchEnricher
from agents.health import Health
from streams.app import Topics
from streams.batch_work import RawRecord
from streams.reasons import Reason, RejectedRecord
from streams.settings import Settings
from streams.validation import parse_raw

RETRY_AFTER_SECONDS = "1"


class Ingest:
    """Validates HTTP-posted articles and produces them with a bounded number in flight."""

    def __init__(self, app: faust.App, topics: Topics, settings: Settings) -> None:
        self.app = app
        self.topics = topics
        self.settings = settings
        self.inflight = 0

    def parse(self, body: bytes) -> list[tuple[bytes, bytes]]:
        """(key, original bytes) per article; raises RejectedRecord naming the bad line."""
        lines = [body] if body.lstrip().startswith(b"{") and b"\n{" not in body else body.splitlines()
        records = []
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                article = parse_raw(line, self.settings.max_article_bytes)
            except RejectedRecord as rejected:
                rejected.detail = f"line {number}: {rejected.detail}" if len(lines) > 1 else rejected.detail
                raise
            records.append((article.id.encode("utf-8"), line))
        return records

    def full(self, incoming: int) -> bool:
        return self.inflight > 0 and self.inflight + incoming > self.settings.ingest_queue_max

    async def produce(self, records: list[tuple[bytes, bytes]]) -> None:
        self.inflight += len(records)
        metrics.INGEST_INFLIGHT.set(self.inflight)
        try:
            topic = self.topics.raw.get_topic_name()
            futures = [await self.app.producer.send(topic, key, value, None, None, None) for key, value in records]
            await asyncio.gather(*futures)
        finally:
            self.inflight -= len(records)
            metrics.INGEST_INFLIGHT.set(self.inflight)


def _authorised(request: Request, settings: Settings) -> bool:
    if settings.api_token is None:
        return True
    header = request.headers.get("Authorization", "")
    expected = f"Bearer {settings.api_token.get_secret_value()}"
    return hmac.compare_digest(header.encode("utf-8"), expected.encode("utf-8"))


async def _read_body(request: Any, limit: int) -> bytes:
    if request.content_length is not None and request.content_length > limit:
        raise aioweb.HTTPRequestEntityTooLarge(max_size=limit, actual_size=request.content_length)
    body: bytes = await request.read()
    return body


def register_views(app: faust.App, settings: Settings, health: Health, ingest: Ingest, enricher: BatchEnricher) -> None:
    """Attach every endpoint to the app's web server."""
    body_limit = settings.max_article_bytes * 8

    def refuse(view: View, endpoint: str, status: int, error: str, detail: str, **headers: str) -> Response:
        metrics.HTTP_REQUESTS.labels(endpoint, str(status)).inc()
        return view.json({"error": error, "detail": detail}, status=status, headers=headers or None)

    @app.page("/metrics")
    class MetricsView(View):
        async def get(self, request: Request) -> Response:
            return self.bytes(generate_latest(), content_type=CONTENT_TYPE_LATEST.split(";")[0])

    @app.page("/healthz")
    class HealthzView(View):
        async def get(self, request: Request) -> Response:
            return self.json({"status": "ok"})

    @app.page("/readyz")
    class ReadyzView(View):
        async def get(self, request: Request) -> Response:
            status = health.status()
            return self.json(status, status=200 if status["ready"] else 503)

    @app.page("/v1/articles")
    class ArticlesView(View):
        async def post(self, request: Request) -> Response:
            if not _authorised(request, settings):
                return refuse(self, "articles", 401, "unauthorized", "missing or wrong bearer token")
            try:
                body = await _read_body(request, body_limit)
            except aioweb.HTTPRequestEntityTooLarge:
                return refuse(self, "articles", 413, Reason.TOO_LARGE.value, f"request body over {body_limit} bytes")
            try:
                records = ingest.parse(body)
            except RejectedRecord as rejected:
                status = 413 if rejected.reason is Reason.TOO_LARGE else 400
                return refuse(self, "articles", status, rejected.reason.value, rejected.detail)
            if not records:
                return refuse(self, "articles", 400, Reason.EMPTY_TEXT.value, "no articles in the request body")
            if not health.broker_ok:
                return refuse(self, "articles", 503, "unavailable", "broker unreachable", **{"Retry-After": "5"})
            if ingest.full(len(records)):
                return refuse(
                    self, "articles", 429, "busy", "ingest queue full", **{"Retry-After": RETRY_AFTER_SECONDS}
                )
            await ingest.produce(records)
            metrics.HTTP_REQUESTS.labels("articles", "202").inc()
            return self.json({"accepted": len(records), "ids": [key.decode() for key, _ in records]}, status=202)

    @app.page("/v1/enrich")
    class EnrichView(View):
        async def post(self, request: Request) -> Response:
            if not _authorised(request, settings):
                return refuse(self, "enrich", 401, "unauthorized", "missing or wrong bearer token")
            try:
                body = await _read_body(request, body_limit)
            except aioweb.HTTPRequestEntityTooLarge:
                return refuse(self, "enrich", 413, Reason.TOO_LARGE.value, f"request body over {body_limit} bytes")
            (result,) = await enricher.runner.run([RawRecord(body, None)])
            if result.dead_letter_reason is not None:
                status = 413 if result.dead_letter_reason == Reason.TOO_LARGE.value else 400
                return refuse(self, "enrich", status, result.dead_letter_reason, result.dead_letter_detail or "")
            metrics.HTTP_REQUESTS.labels("enrich", "200").inc()
            return self.bytes(result.outputs[0].value, content_type="application/json")
