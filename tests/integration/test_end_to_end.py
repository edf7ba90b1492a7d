"""The whole service on the real embedded broker: good articles enriched exactly once, bad ones dead-lettered."""

from __future__ import annotations

import base64
from collections import Counter
from pathlib import Path

import orjson
import pytest

from streams.synthetic import synthetic_stream
from tests.integration.cluster import SHARED, Namespace, WorkerProcess, consume, produce, values
from tests.integration.conftest import start_worker
from tests.integration.malformed import OVERSIZE_LIMIT, malformed_records

pytestmark = pytest.mark.integration


def sample_records() -> list[tuple[bytes, bytes]]:
    paths = sorted((SHARED / "samples").glob("*.raw.json"))
    assert paths, f"no sample articles under {SHARED / 'samples'}"
    return [(orjson.loads(p.read_bytes())["id"].encode(), p.read_bytes()) for p in paths]


def test_good_enriched_once_bad_dead_lettered_and_metrics_agree(
    ns: Namespace, tmp_path: Path, workers: list[WorkerProcess]
) -> None:
    samples = sample_records()
    synthetic = [(a["id"].encode(), orjson.dumps(a)) for a in synthetic_stream(1000)]
    bad = malformed_records()
    produce(ns, [*samples, *synthetic, *((None, raw) for raw, _ in bad)])
    worker = start_worker(ns, tmp_path, workers, AKHBAR_MAX_ARTICLE_BYTES=str(OVERSIZE_LIMIT))

    good_ids = {key.decode() for key, _ in [*samples, *synthetic]}
    enriched = values(consume(ns, "enriched", len(good_ids)))
    counts = Counter(record["article_id"] for record in enriched)
    assert set(counts) == good_ids
    assert max(counts.values()) == 1, "an article was enriched twice without a crash"
    for record in enriched:
        assert record["schema_version"] == 1
        for entity in record["entities"]:
            for mention in entity["mentions"]:
                assert record["text"][mention["start"] : mention["end"]] == mention["text"]

    letters = values(consume(ns, "deadletter", len(bad)))
    assert len(letters) == len(bad)
    expected = Counter((raw, reason) for raw, reason in bad)
    got = Counter((base64.b64decode(letter["original"]), letter["reason"]) for letter in letters)
    assert got == expected
    for letter in letters:
        assert letter["topic"] == ns.topic("raw") and letter["offset"] is not None and letter["detail"]

    samples_metrics = worker.metrics()
    assert samples_metrics["akhbar_articles_consumed_total"] == len(good_ids) + len(bad)
    assert samples_metrics["akhbar_articles_enriched_total"] == len(good_ids)
    assert samples_metrics['akhbar_records_produced_total{topic="enriched"}'] == len(good_ids)
    for reason, count in Counter(reason for _, reason in bad).items():
        assert samples_metrics[f'akhbar_dead_letters_total{{reason="{reason}"}}'] == count
    assert samples_metrics["akhbar_batch_size_count"] >= 1
    assert any(name.startswith("akhbar_build_info") for name in samples_metrics)
