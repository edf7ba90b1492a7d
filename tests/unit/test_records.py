"""Records: the shapes on the topics, orjson-encoded, with schema_version."""

from __future__ import annotations

import orjson

from enrichment.engine import build_engine
from streams.processing import DeadLetter, Enriched, SourcePosition, process
from streams.records import DeadLetter as DeadLetterRecord
from streams.records import dumps
from streams.synthetic import synthetic_article


def test_enriched_record_has_the_contract_fields() -> None:
    outcome = process(orjson.dumps(synthetic_article(3)), build_engine("full"), 100_000)
    assert isinstance(outcome, Enriched)
    record = orjson.loads(dumps(outcome.article))
    for field in (
        "schema_version",
        "article_id",
        "url",
        "canonical_url",
        "source",
        "title",
        "language",
        "published_at",
        "ingested_at",
        "content_hash",
        "duplicate_of",
        "story_id",
        "entities",
        "places",
        "dates",
        "casualties",
        "topics",
        "events",
        "timings_ms",
        "enricher_version",
    ):
        assert field in record, field
    assert record["schema_version"] == 1 and record["article_id"] == "synthetic-7-3"


def test_dead_letter_keeps_original_bytes_and_position() -> None:
    raw = b"\xff\xfenot utf8"
    outcome = process(raw, build_engine("full"), 100_000, SourcePosition("news.articles.raw.v1", 2, 41))
    assert isinstance(outcome, DeadLetter)
    decoded = DeadLetterRecord.from_dict(orjson.loads(dumps(outcome)))
    assert decoded.original == raw and decoded.reason == "bad_encoding" and decoded.stage == "decode"
    assert (decoded.topic, decoded.partition, decoded.offset) == ("news.articles.raw.v1", 2, 41)
