"""Contract tests: what akhbar publishes validates against the JSON Schemas in streams/schemas/."""

from __future__ import annotations

import json
from pathlib import Path

import orjson
import pytest
from jsonschema import Draft202012Validator

from enrichment.engine import build_engine
from streams.processing import DeadLetter, Enriched, process
from streams.reasons import Reason
from streams.records import dumps
from streams.synthetic import synthetic_stream
from tests.shared_data import SHARED

SCHEMAS = Path(__file__).resolve().parents[2] / "streams" / "schemas"
SAMPLES = SHARED / "samples"


def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads((SCHEMAS / f"{name}.v1.json").read_text()))


def inputs() -> list[bytes]:
    records = [orjson.dumps(a) for a in synthetic_stream(20)]
    records += [p.read_bytes() for p in sorted(SAMPLES.glob("*.raw.json"))]
    return records


def test_inputs_match_the_raw_schema() -> None:
    raw = validator("raw_article")
    for record in inputs():
        raw.validate(orjson.loads(record))


def test_enriched_and_event_records_match_their_schemas() -> None:
    enriched, event = validator("enriched_article"), validator("event")
    engine = build_engine("full")
    checked_events = 0
    for record in inputs():
        outcome = process(record, engine, 1_000_000)
        assert isinstance(outcome, Enriched)
        enriched.validate(orjson.loads(dumps(outcome.article)))
        for event_record in outcome.events:
            event.validate(orjson.loads(dumps(event_record)))
            checked_events += 1
    assert checked_events > 0, "the sample articles report events; none were produced"


@pytest.mark.parametrize("data", [b"{", b"\xff", b"[]", b'{"url": "https://x.example"}'])
def test_dead_letters_match_the_schema(data: bytes) -> None:
    outcome = process(data, build_engine("full"), 1_000_000)
    assert isinstance(outcome, DeadLetter)
    validator("dead_letter").validate(orjson.loads(dumps(outcome)))


def test_schema_reason_codes_are_the_code_reason_codes() -> None:
    schema = json.loads((SCHEMAS / "dead_letter.v1.json").read_text())
    assert set(schema["properties"]["reason"]["enum"]) == {reason.value for reason in Reason}
