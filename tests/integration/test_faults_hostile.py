"""Hostile input: the corpus in tests/data/hostile/ through Kafka and HTTP, plus hypothesis properties.

Every case must end where its manifest says (a dead-letter reason, or enriched
when the record is valid despite looking hostile) or, over HTTP, in a 4xx;
never a 5xx, never a dead worker, never unbounded memory.
"""

from __future__ import annotations

import asyncio
import base64
import gzip
import hashlib
import http.client
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from enrichment.engine import build_engine
from streams.kafka_io import make_producer
from streams.processing import DeadLetter, Enriched, process
from streams.reasons import Reason
from tests.data.make_hostile import ENRICHED, article, large_cases
from tests.integration.cluster import REPO, Namespace, WorkerProcess
from tests.integration.conftest import start_worker
from tests.integration.faults import collect, record_result, rss_kb

pytestmark = [pytest.mark.integration, pytest.mark.faults]
CORPUS = REPO / "tests" / "data" / "hostile"
REASONS = {reason.value for reason in Reason}
KAFKA_RECORD_LIMIT = 4_000_000  # bytes: producer max_request_size for the oversize Kafka case
RSS_CEILING_MB = 400.0


def corpus() -> dict[str, tuple[bytes, list[str]]]:
    manifest: dict[str, list[str]] = orjson.loads((CORPUS / "manifest.json").read_bytes())
    assert len(manifest) >= 60, "regenerate the corpus: python -m tests.data.make_hostile"
    return {name: ((CORPUS / name).read_bytes(), allowed) for name, allowed in manifest.items()}


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_offsets(record: dict[str, Any]) -> None:
    for entity in record["entities"]:
        for mention in entity["mentions"]:
            assert record["text"][mention["start"] : mention["end"]] == mention["text"]


def produce_raw(ns: Namespace, records: list[bytes]) -> None:
    async def run() -> None:
        producer = make_producer(ns.settings(), max_request_size=KAFKA_RECORD_LIMIT)
        await producer.start()
        try:
            futures = [await producer.send(ns.topic("raw"), value) for value in records]
            await asyncio.gather(*futures)
        finally:
            await producer.stop()

    asyncio.run(run())


def test_hostile_corpus_over_kafka(ns: Namespace, tmp_path: Path, workers: list[WorkerProcess]) -> None:
    cases = corpus()
    oversize = b'{"id":"hostile-3mb","title":"' + b"a" * 3_000_000 + b'"}'
    cases["kafka-3mb-record.json"] = (oversize, ["too_large"])
    worker = start_worker(ns, tmp_path, workers)
    produce_raw(ns, [data for data, _ in cases.values()])
    by_digest = {digest(data): name for name, (data, _) in cases.items()}
    enriched_ids = {orjson.loads(data)["id"]: name for name, (data, allowed) in cases.items() if allowed == [ENRICHED]}
    acc = collect(ns, set(enriched_ids), timeout=90.0, min_records=len(cases), keep_articles=True)

    outcome: dict[str, str] = {}
    for letter in acc.letters:
        name = by_digest.get(digest(base64.b64decode(letter["original"])))
        assert name is not None, f"dead letter with unknown original: {letter['detail']}"
        assert letter["reason"] in REASONS and letter["detail"] and letter["stage"]
        outcome[name] = letter["reason"]
    for article_id, record in acc.articles.items():
        check_offsets(record)
        name = enriched_ids.get(article_id) or next(
            (n for n, (d, a) in cases.items() if ENRICHED in a and article_id in d.decode("utf-8", "replace")), None
        )
        assert name is not None, f"unexpected enriched article {article_id!r}"
        outcome[name] = ENRICHED
    wrong = {
        name: (outcome.get(name), allowed) for name, (_, allowed) in cases.items() if outcome.get(name) not in allowed
    }
    assert not wrong, f"cases that ended in the wrong place: {wrong}"
    assert acc.records() == len(cases), "one outcome per case, no duplicates"

    script_page = acc.articles["hostile-html-script"]
    assert "alert" not in script_page["text"] and "injected" not in script_page["text"]
    assert "Cairo" in script_page["text"]
    bomb = acc.articles["hostile-html-lol"]
    assert len(bomb["text"]) <= len(cases["html-billion-laughs.json"][0]), "entity expansion grew the text"

    assert worker.process is not None and worker.process.poll() is None
    assert worker.get("/healthz")[0] == 200
    peak = rss_kb(worker.process.pid) / 1024
    record_result(
        "hostile corpus over Kafka",
        sent=len(cases),
        lost=len(cases) - len(outcome),
        duplicated=0,
        recovery_s=0,
        peak_rss_mb=round(peak, 1),
        engine="full",
    )
    assert peak < RSS_CEILING_MB


def post(
    worker: WorkerProcess, path: str, body: bytes, headers: dict[str, str] | None = None, chunked: bool = False
) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", worker.port, timeout=60)
    try:
        if chunked:
            pieces = (body[i : i + 1_000_000] for i in range(0, len(body), 1_000_000))
            connection.request("POST", path, body=pieces, headers=headers or {}, encode_chunked=True)
        else:
            connection.request("POST", path, body=body, headers=headers or {})
        response = connection.getresponse()
        response.read()
        return int(response.status)
    except (ConnectionResetError, BrokenPipeError):
        return 413  # the server closed the connection on an oversize upload before reading it all
    finally:
        connection.close()


def test_hostile_corpus_and_fuzz_over_http(ns: Namespace, tmp_path: Path, workers: list[WorkerProcess]) -> None:
    worker = start_worker(ns, tmp_path, workers)
    cases = {**corpus(), **large_cases()}
    tried = 0
    for name, (data, allowed) in cases.items():
        for path in ("/v1/articles", "/v1/enrich"):
            status = post(worker, path, data)
            tried += 1
            if allowed == [ENRICHED]:
                assert status in (200, 202), f"{name} -> {path} {status}"
            elif ENRICHED not in allowed:
                assert 400 <= status < 500, f"{name} -> {path} {status}"
            else:
                assert status < 500, f"{name} -> {path} {status}"

    big = large_cases()["body-50mb.json"][0]
    assert post(worker, "/v1/articles", big, chunked=True) == 413, "50 MB chunked upload without Content-Length"
    bomb = gzip.compress(b" " * 100_000_000, compresslevel=9)
    status = post(worker, "/v1/articles", bomb, headers={"Content-Encoding": "gzip"})
    assert status in (400, 413), f"gzip bomb with Content-Encoding: gzip -> {status}"
    tried += 2

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.binary(max_size=4_000) | st.text(max_size=2_000).map(str.encode) | fuzzed_articles().map(orjson.dumps))
    def fuzz(body: bytes) -> None:
        status = post(worker, "/v1/articles", body)
        assert status in (202, 400, 413), f"{status} for {body[:200]!r}"

    fuzz()
    tried += 150
    assert worker.process is not None and worker.process.poll() is None
    assert worker.get("/healthz")[0] == 200
    peak = rss_kb(worker.process.pid) / 1024
    record_result(
        "hostile input over HTTP (+150 fuzzed)",
        sent=tried,
        lost=0,
        duplicated=0,
        recovery_s=0,
        peak_rss_mb=round(peak, 1),
        engine="full",
    )
    assert peak < RSS_CEILING_MB


JSON_LEAVES = (
    st.none() | st.booleans() | st.integers(-(2**63), 2**64 - 1) | st.floats(allow_nan=False) | st.text(max_size=50)
)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
FIELDS = ("id", "url", "title", "body", "html", "published_at", "source", "language", "fetched_at", "metadata")


@st.composite
def fuzzed_articles(draw: st.DrawFn) -> dict[str, Any]:
    """A valid article with some fields removed or replaced by arbitrary JSON values or text."""
    base = article(id=draw(st.text(min_size=1, max_size=20)))
    for name in draw(st.lists(st.sampled_from(FIELDS), max_size=4, unique=True)):
        choice = draw(st.integers(0, 2))
        if choice == 0:
            base.pop(name, None)
        else:
            base[name] = draw(JSON_VALUES) if choice == 1 else draw(st.text(max_size=200))
    return base


ENGINE = build_engine("full")


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=3_000))
def test_any_bytes_become_an_outcome_never_an_exception(data: bytes) -> None:
    outcome = process(data, ENGINE, 2_000)
    if isinstance(outcome, DeadLetter):
        assert outcome.reason in REASONS and outcome.original == data and outcome.detail
    else:
        assert isinstance(outcome, Enriched)


@settings(max_examples=400, deadline=None)
@given(fuzzed_articles())
def test_fuzzed_articles_are_enriched_or_dead_lettered_with_a_reason(obj: dict[str, Any]) -> None:
    data = orjson.dumps(obj)
    outcome = process(data, ENGINE, 1_000_000)
    if isinstance(outcome, DeadLetter):
        assert outcome.reason in REASONS and outcome.original == data
        assert outcome.reason != Reason.ENRICHMENT_FAILED, f"engine raised: {outcome.detail}"
    else:
        text = outcome.article.text
        for entity in outcome.article.entities:
            for mention in entity.mentions:
                assert text[mention.start : mention.end] == mention.text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.text(max_size=2_000))
def test_any_text_in_a_valid_article_is_enriched(title: str, body: str) -> None:
    data = orjson.dumps(article(id="prop", title=title, body=body))
    outcome = process(data, ENGINE, 1_000_000)
    if isinstance(outcome, DeadLetter):
        assert outcome.reason in (Reason.EMPTY_TEXT, Reason.INVALID_VALUE), outcome.detail
    else:
        assert outcome.article.article_id == "prop"
