"""The CLI against the real broker: produce, tail, dlq replay (subprocesses, as a user runs them)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from streams.synthetic import synthetic_article
from tests.integration.cluster import Namespace, WorkerProcess, consume, values
from tests.integration.conftest import start_worker

pytestmark = pytest.mark.integration


def akhbar(ns: Namespace, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "streams.cli", *args], input=stdin, env=ns.env(), capture_output=True, timeout=120
    )


def test_produce_tail_and_replay(ns: Namespace, tmp_path: Path, workers: list[WorkerProcess]) -> None:
    lines = [orjson.dumps(synthetic_article(i)) for i in range(5)] + [b"{not json", b"{also not json"]
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    produced = akhbar(ns, "produce", str(source))
    assert produced.returncode == 0, produced.stderr.decode()
    assert b"sent 7 records" in produced.stderr

    start_worker(ns, tmp_path, workers)
    tailed = akhbar(ns, "tail", "enriched", "--from-beginning", "--max", "5", "--timeout", "60")
    assert tailed.returncode == 0, tailed.stderr.decode()
    records = [orjson.loads(line) for line in tailed.stdout.splitlines()]
    assert sorted(r["value"]["article_id"] for r in records) == [f"synthetic-7-{i}" for i in range(5)]
    assert all(r["key"] == r["value"]["article_id"] for r in records)

    assert len(consume(ns, "deadletter", 2)) == 2
    replayed = akhbar(ns, "dlq", "replay", "--reason", "invalid_json", "--timeout", "3")
    assert replayed.returncode == 0, replayed.stderr.decode()
    assert b"replayed 2 of 2" in replayed.stderr
    letters = values(consume(ns, "deadletter", 4))
    assert len(letters) == 4, "replayed records are still bad, so they are dead-lettered again, not lost"
    nothing = akhbar(ns, "dlq", "replay", "--reason", "too_large", "--timeout", "3")
    assert b"replayed 0 of 4" in nothing.stderr
