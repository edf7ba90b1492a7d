"""Record types on the topics: typed, immutable, orjson-encoded.

RawArticle is the validated input; EnrichedArticle, EventRecord and
DeadLetter are what akhbar publishes (contracts in ARCHITECTURE.md and
`streams/schemas/`). Every output carries `schema_version`.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Any

import orjson

from enrichment.types import Casualty, DateExpr, Entity, Event, Place

SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class RawArticle:
    id: str
    url: str
    title: str
    body: str
    published_at: str
    source: str
    language: str | None = None
    fetched_at: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class EnrichedArticle:
    article_id: str
    url: str
    canonical_url: str
    source: str
    title: str
    text: str
    language: str
    published_at: str
    ingested_at: str
    content_hash: str
    entities: tuple[Entity, ...]
    places: tuple[Place, ...]
    dates: tuple[DateExpr, ...]
    casualties: tuple[Casualty, ...]
    topics: tuple[str, ...]
    topic_scores: tuple[dict[str, Any], ...]
    events: tuple[Event, ...]
    timings_ms: dict[str, float]
    enricher_version: str
    duplicate_of: str | None = None
    story_id: str | None = None
    schema_version: int = SCHEMA_VERSION


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One event of an article, keyed by its stable id on news.events.v1."""

    event: Event
    article_id: str
    url: str
    published_at: str
    language: str
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = orjson.loads(orjson.dumps(self.event))
        body.update(
            article_id=self.article_id,
            url=self.url,
            published_at=self.published_at,
            language=self.language,
            schema_version=self.schema_version,
        )
        return body


@dataclass(frozen=True, slots=True)
class DeadLetter:
    reason: str
    detail: str
    stage: str
    original: bytes
    topic: str | None
    partition: int | None
    offset: int | None
    failed_at: str
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": self.schema_version,
            "reason": self.reason,
            "detail": self.detail,
            "stage": self.stage,
            "original": base64.b64encode(self.original).decode("ascii"),
            "topic": self.topic,
            "partition": self.partition,
            "offset": self.offset,
            "failed_at": self.failed_at,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DeadLetter:
        return cls(
            reason=str(data["reason"]),
            detail=str(data["detail"]),
            stage=str(data["stage"]),
            original=base64.b64decode(data["original"]),
            topic=data.get("topic"),
            partition=data.get("partition"),
            offset=data.get("offset"),
            failed_at=str(data["failed_at"]),
            schema_version=int(data.get("schema_version", SCHEMA_VERSION)),
        )


def dumps(record: object) -> bytes:
    """orjson everywhere; records with `to_dict` control their own shape."""
    to_dict = getattr(record, "to_dict", None)
    return orjson.dumps(to_dict() if callable(to_dict) else record)
