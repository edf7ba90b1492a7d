"""A real Prometheus (Debian's package) scrapes a worker with deploy/prometheus's config."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import orjson
import pytest
import yaml

from streams.broker import free_port
from streams.synthetic import synthetic_stream
from tests.integration.cluster import REPO, Namespace, WorkerProcess, consume, produce
from tests.integration.conftest import start_worker

pytestmark = pytest.mark.integration
CONFIG = REPO / "deploy" / "prometheus" / "prometheus.yml"


def _binary(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed; .ci/run installs Debian's prometheus package")
        pytest.skip(f"{name} not installed (apt-get install prometheus); CI installs it")
    return path


def test_promtool_accepts_the_shipped_config() -> None:
    result = subprocess.run([_binary("promtool"), "check", "config", str(CONFIG)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _query(port: int, expr: str) -> list[dict[str, object]]:
    url = f"http://127.0.0.1:{port}/api/v1/query?" + urllib.parse.urlencode({"query": expr})
    with urllib.request.urlopen(url, timeout=5) as response:
        body = json.load(response)
    assert body["status"] == "success"
    result: list[dict[str, object]] = body["data"]["result"]
    return result


def test_prometheus_scrapes_worker_and_counts_match(
    ns: Namespace, tmp_path: Path, workers: list[WorkerProcess]
) -> None:
    prometheus = _binary("prometheus")
    produce(ns, [(a["id"].encode(), orjson.dumps(a)) for a in synthetic_stream(120)])
    produce(ns, [(None, b"not json")] * 3)
    worker = start_worker(ns, tmp_path, workers)
    assert len(consume(ns, "enriched", 120)) == 120

    config = yaml.safe_load(CONFIG.read_text())
    config["scrape_configs"][0]["static_configs"][0]["targets"] = [f"127.0.0.1:{worker.port}"]
    config["global"]["scrape_interval"] = "1s"
    shutil.copy(CONFIG.parent / "alerts.yml", tmp_path / "alerts.yml")
    (tmp_path / "prometheus.yml").write_text(yaml.safe_dump(config))
    port = free_port()
    log = (tmp_path / "prometheus.log").open("wb")
    process = subprocess.Popen(
        [
            prometheus,
            f"--config.file={tmp_path / 'prometheus.yml'}",
            f"--storage.tsdb.path={tmp_path / 'tsdb'}",
            f"--web.listen-address=127.0.0.1:{port}",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        enriched: list[dict[str, object]] = []
        while time.monotonic() < deadline:
            try:
                enriched = _query(port, "akhbar_articles_enriched_total")
                dead = _query(port, 'akhbar_dead_letters_total{reason="invalid_json"}')
                if enriched and dead and float(enriched[0]["value"][1]) == 120:  # type: ignore[index]
                    break
            except OSError:
                pass
            time.sleep(1)
        assert enriched, (tmp_path / "prometheus.log").read_text()[-2000:]
        assert float(enriched[0]["value"][1]) == 120  # type: ignore[index]
        assert float(dead[0]["value"][1]) == 3  # type: ignore[index]
        up = _query(port, 'up{job="akhbar"}')
        assert float(up[0]["value"][1]) == 1  # type: ignore[index]
        assert _query(port, "akhbar_build_info"), "build info not scraped"
    finally:
        process.terminate()
        process.wait(timeout=10)
