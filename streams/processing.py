"""Raw bytes -> output records: the broker-free core the agent, HTTP and CLI share.

`process` never raises for bad input: it returns either the enriched article
with its events, or a DeadLetter holding the untouched bytes and a reason.
"""

from __future__ import annotations

import hashlib
import logging
import traceback
from dataclasses import dataclass
from datetime import UTC, datetime

from enrichment.engine import Engine
from enrichment.types import Document
from streams.reasons import Reason, RejectedRecord, Stage
from streams.records import DeadLetter, EnrichedArticle, EventRecord, RawArticle
from streams.validation import canonical_url, parse_raw

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SourcePosition:
    """Where a record came from, copied into its dead letter."""

    topic: str | None = None
    partition: int | None = None
    offset: int | None = None


@dataclass(frozen=True, slots=True)
class Enriched:
    article: EnrichedArticle
    events: tuple[EventRecord, ...]


Outcome = Enriched | DeadLetter


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def content_hash(title: str, body: str) -> str:
    """Fingerprint of the text itself, so the same text re-sent under another URL is recognisable."""
    digest = hashlib.blake2b(f"{title}\n{body}".encode(), digest_size=16).hexdigest()
    return f"blake2b:{digest}"


def to_document(article: RawArticle) -> Document:
    published = datetime.fromisoformat(article.published_at)
    return Document.from_parts(article.id, article.title, article.body, article.language or "other", published)


def enrich_article(article: RawArticle, engine: Engine) -> Enriched:
    """Run the engine on a validated article and shape the output records."""
    doc = to_document(article)
    result = engine(doc)
    enriched = EnrichedArticle(
        article_id=article.id,
        url=article.url,
        canonical_url=canonical_url(article.url),
        source=article.source,
        title=article.title,
        text=doc.text,
        language=result.language,
        published_at=article.published_at,
        ingested_at=now_iso(),
        content_hash=content_hash(article.title, article.body),
        duplicate_of=result.duplicate_of,
        story_id=result.story_id,
        entities=result.entities,
        places=result.places,
        dates=result.dates,
        casualties=result.casualties,
        topics=tuple(topic.code for topic in result.topics),
        topic_scores=tuple({"code": t.code, "score": round(t.score, 4)} for t in result.topics),
        events=result.events,
        timings_ms=result.timings_ms,
        enricher_version=engine.version,
    )
    events = tuple(
        EventRecord(event, article.id, article.url, article.published_at, result.language) for event in result.events
    )
    return Enriched(enriched, events)


def dead_letter(data: bytes, reason: Reason, detail: str, stage: Stage, where: SourcePosition) -> DeadLetter:
    return DeadLetter(
        reason=reason.value,
        detail=detail,
        stage=stage.value,
        original=data,
        topic=where.topic,
        partition=where.partition,
        offset=where.offset,
        failed_at=now_iso(),
    )


def process(data: bytes, engine: Engine, max_bytes: int, where: SourcePosition | None = None) -> Outcome:
    """One raw record to its outcome; bad input becomes a dead letter, never an exception."""
    where = where or SourcePosition()
    try:
        article = parse_raw(data, max_bytes)
    except RejectedRecord as rejected:
        return dead_letter(data, rejected.reason, rejected.detail, rejected.stage, where)
    try:
        return enrich_article(article, engine)
    except Exception as exc:  # a poison pill must not stop the partition
        summary = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        frames = traceback.extract_tb(exc.__traceback__)[-3:]
        location = " <- ".join(f"{f.name}@{f.filename.rsplit('/', 1)[-1]}:{f.lineno}" for f in reversed(frames))
        log.warning("enrichment failed for article %s: %s", article.id, summary)
        detail = f"{summary} (at {location})"[:1000]
        return dead_letter(data, Reason.ENRICHMENT_FAILED, detail, Stage.ENRICH, where)
