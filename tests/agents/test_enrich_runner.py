"""The engine runners: a child process gives the same records as the event loop, and survives its child dying."""

from __future__ import annotations

import os
from concurrent.futures.process import BrokenProcessPool

import orjson
import pytest

from agents.enrich_runner import InlineRunner, ProcessRunner, make_runner
from enrichment.engine import Engine, EngineMode, build_engine
from enrichment.types import Document, Enrichment
from streams.batch_work import RawRecord
from streams.settings import Settings
from streams.synthetic import synthetic_article

BATCH = [
    RawRecord(orjson.dumps(synthetic_article(1)), b"a", "raw", 0, 10),
    RawRecord(b"{not json", b"b", "raw", 1, 11),
    RawRecord(orjson.dumps({"id": "x"}), None, "raw", 2, 12),
    RawRecord(orjson.dumps(synthetic_article(2)), b"c", "raw", 3, 13),
]


class _DiesOnMarker(Engine):
    """Kills the process running it when a title says DIE: a stand-in for the OOM killer."""

    def __call__(self, doc: Document) -> Enrichment:
        if "DIE" in doc.text[: doc.title_end]:
            os._exit(3)
        return super().__call__(doc)


def dying_engine(mode: EngineMode) -> Engine:
    return _DiesOnMarker(mode)


def _summary(results: list) -> list[tuple]:  # type: ignore[type-arg]
    """What must agree between runners (records carry an ingestion timestamp, so not the bytes)."""
    return [
        (r.dead_letter_reason, r.internal_error, [(o.role, o.key) for o in r.outputs], r.entity_types, r.event_types)
        for r in results
    ]


async def test_a_child_process_gives_the_records_the_event_loop_gives() -> None:
    inline = InlineRunner(build_engine, "kb", 1_000_000)
    child = ProcessRunner(build_engine, "kb", 1_000_000, processes=1)
    try:
        child.start()
        expected = await inline.run(BATCH)
        got = await child.run(BATCH)
    finally:
        child.close()
    assert _summary(got) == _summary(expected)
    reasons = [r.dead_letter_reason for r in got]
    assert reasons == [None, "invalid_json", "missing_field", None]
    enriched = orjson.loads(got[0].outputs[0].value)
    assert enriched["article_id"] == synthetic_article(1)["id"] and got[0].outputs[0].role == "enriched"
    letter = orjson.loads(got[1].outputs[0].value)
    assert (letter["partition"], letter["offset"]) == (1, 11), "dead letters keep where the record came from"


async def test_a_dead_child_fails_its_batch_and_the_pool_comes_back() -> None:
    runner = ProcessRunner(dying_engine, "passthrough", 1_000_000, processes=1)
    doomed = synthetic_article(3)
    doomed["title"] = "DIE " + doomed["title"]
    try:
        runner.start()
        with pytest.raises(BrokenProcessPool):
            await runner.run([RawRecord(orjson.dumps(doomed), b"d")])
        (result,) = await runner.run([BATCH[0]])
    finally:
        runner.close()
    assert result.dead_letter_reason is None and result.outputs[0].role == "enriched"


def test_settings_choose_the_runner() -> None:
    assert isinstance(make_runner(Settings(enrich_processes=0)), InlineRunner)
    assert isinstance(make_runner(Settings(enrich_processes=2)), ProcessRunner)
    assert build_engine("kb") is build_engine("kb"), "one engine per mode per process"
