"""The worker's HTTP API over real HTTP: health, readiness, ingest (valid, invalid, oversize, auth), enrich."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import orjson
import pytest

from streams.synthetic import synthetic_article
from tests.integration.cluster import SHARED, Namespace, WorkerProcess, consume, values
from tests.integration.conftest import start_worker

pytestmark = pytest.mark.integration
TOKEN = "s3cret-token-for-tests"


def post(worker: WorkerProcess, path: str, body: bytes, token: str | None = TOKEN) -> tuple[int, dict[str, object]]:
    request = urllib.request.Request(worker.base_url + path, data=body, method="POST")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status), orjson.loads(response.read())
    except urllib.error.HTTPError as error:
        return int(error.code), orjson.loads(error.read() or b"{}")


def test_http_api(ns: Namespace, tmp_path: Path, workers: list[WorkerProcess]) -> None:
    worker = start_worker(ns, tmp_path, workers, AKHBAR_API_TOKEN=TOKEN, AKHBAR_MAX_ARTICLE_BYTES="50000")
    assert worker.get("/healthz")[0] == 200
    assert worker.get("/readyz")[0] == 200

    one = orjson.dumps(synthetic_article(1))
    status, body = post(worker, "/v1/articles", one)
    assert (status, body["accepted"]) == (202, 1)
    lines = b"\n".join(orjson.dumps(synthetic_article(i)) for i in range(2, 7))
    status, body = post(worker, "/v1/articles", lines)
    assert (status, body["accepted"]) == (202, 5)
    enriched = values(consume(ns, "enriched", 6))
    assert {r["article_id"] for r in enriched} == {f"synthetic-7-{i}" for i in range(1, 7)}

    assert post(worker, "/v1/articles", one, token=None)[0] == 401
    assert post(worker, "/v1/articles", one, token="wrong")[0] == 401
    status, body = post(worker, "/v1/articles", b'{"title": "no url"')
    assert status == 400 and body["error"] == "invalid_json"
    status, body = post(worker, "/v1/articles", one + b"\n" + b'{"url": "https://x.example/a"}')
    assert status == 400 and body["error"] == "missing_field" and "line 2" in str(body["detail"])
    assert post(worker, "/v1/articles", b"x" * 600_000)[0] == 413

    sample = (SHARED / "samples" / "sample-en-001.raw.json").read_bytes()
    status, record = post(worker, "/v1/enrich", sample)
    assert status == 200 and record["article_id"] == "sample-en-001" and record["language"] == "en"
    status, body = post(worker, "/v1/enrich", b"[1, 2]")
    assert status == 400 and body["error"] == "not_an_object"
