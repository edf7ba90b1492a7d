"""Agents never die silently; poison pills are dead-lettered and replayable after a fix.

The failures come from tests/integration/faulty_worker.py (a test-only entry point wrapping the real
worker), so production code carries no test hooks.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from tests.integration.cluster import REPO, Namespace, WorkerProcess, produce
from tests.integration.conftest import start_worker
from tests.integration.faults import articles, collect, record_result, rss_kb
from tests.integration.faulty_worker import AGENT_BUG, AGENT_CRASH, KILL_CHILD, POISON

pytestmark = [pytest.mark.integration, pytest.mark.faults]


class FaultyWorkerProcess(WorkerProcess):
    """The same subprocess harness, running the fault-injecting entry point."""

    def command(self) -> list[str]:
        self.env["PYTHONPATH"] = str(REPO)  # the worker runs in its log directory, outside the repo
        return [sys.executable, "-m", "tests.integration.faulty_worker"]


def marked(records: list[tuple[bytes, bytes]], marker: str, every: int, offset: int) -> list[str]:
    """Put `marker` into the title of every `every`-th record (in place); returns their ids."""
    ids = []
    for index in range(offset, len(records), every):
        key, value = records[index]
        article = orjson.loads(value)
        article["title"] = f"{marker} {article['title']}"
        records[index] = (key, orjson.dumps(article))
        ids.append(key.decode())
    return ids


def test_failures_are_counted_logged_and_the_stream_keeps_flowing_then_replay_after_fix(
    ns: Namespace, tmp_path: Path, workers: list[WorkerProcess]
) -> None:
    records = articles(600, seed=71)
    poison = marked(records, POISON, 40, 3)
    bugs = marked(records, AGENT_BUG, 60, 7)
    crashes = marked(records, AGENT_CRASH, 150, 11)
    ids = {key.decode() for key, _ in records}
    faulty = FaultyWorkerProcess(ns, tmp_path, AKHBAR_ENGINE="passthrough")
    workers.append(faulty)
    faulty.start()
    produce(ns, records)
    acc = collect(ns, ids, timeout=90.0)
    assert not acc.lost(ids), "a failure stopped the stream"
    assert faulty.process is not None and faulty.process.poll() is None

    failed = set(poison) | set(bugs)
    assert set(acc.dead) == failed, "only the failing articles are dead-lettered"
    assert set(acc.enriched) == ids - failed, "every other article (after each failure too) is enriched"
    for letter in acc.letters:
        assert letter["reason"] == "enrichment_failed" and letter["stage"] == "enrich"
        assert letter["topic"] == ns.topic("raw") and letter["offset"] is not None
    poison_details = [letter["detail"] for letter in acc.letters if POISON.encode() in letter_bytes(letter)]
    assert all("RuntimeError: injected engine failure" in d and "(at " in d for d in poison_details), poison_details
    bug_details = [letter["detail"] for letter in acc.letters if AGENT_BUG.encode() in letter_bytes(letter)]
    assert all("internal error: KeyError('injected agent bug')" in d for d in bug_details), bug_details

    metrics = faulty.metrics()
    assert metrics['akhbar_dead_letters_total{reason="enrichment_failed"}'] == len(failed)
    # Two crash markers can share a batch: one escaped failure per crashed batch.
    crashed_batches = metrics['akhbar_agent_errors_total{agent="enrich"}'] - len(bugs)
    assert 1 <= crashed_batches <= len(crashes)
    log = faulty.log_path.read_text(errors="replace")
    assert log.count("enrich agent: unexpected error at") == len(bugs), "each agent bug logged once"
    assert log.count("enrich agent: batch of") == crashed_batches, "each escaped batch failure logged once"
    assert log.count("injected engine failure for") == len(poison), "each poison pill logged once"
    assert "Restarting dead" not in log and "Crashed reason" not in log, "the agent itself must not crash"
    peak = rss_kb(faulty.process.pid) / 1024
    assert faulty.stop() == 0

    # The fix ships (the normal engine), then the dead letters are replayed with one command.
    fixed = start_worker(ns, tmp_path, workers, AKHBAR_ENGINE="passthrough")
    replay = subprocess.run(
        [sys.executable, "-m", "streams.cli", "dlq", "replay", "--reason", "enrichment_failed", "--timeout", "3"],
        env=ns.env(),
        cwd=REPO,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert replay.returncode == 0, replay.stderr.decode()
    assert f"replayed {len(failed)} of {len(failed)}".encode() in replay.stderr
    after = collect(ns, ids, timeout=60.0)
    assert failed <= set(after.enriched), "replayed poison pills are enriched after the fix"
    assert fixed.metrics()["akhbar_articles_enriched_total"] == len(failed)
    record_result(
        "agent failures + poison pills (then replay)",
        sent=len(records),
        lost=0,
        duplicated=acc.duplicates(),
        injected=len(failed) + int(crashed_batches),
        recovery_s=0,
        peak_rss_mb=round(peak, 1),
    )


def test_a_record_that_kills_the_enrichment_child_is_dead_lettered_and_the_rest_flow(
    ns: Namespace, tmp_path: Path, workers: list[WorkerProcess]
) -> None:
    records = articles(300, seed=73)
    killers = marked(records, KILL_CHILD, 120, 50)
    ids = {key.decode() for key, _ in records}
    faulty = FaultyWorkerProcess(ns, tmp_path, AKHBAR_ENGINE="passthrough", AKHBAR_ENRICH_PROCESSES="1")
    workers.append(faulty)
    faulty.start()
    produce(ns, records)
    acc = collect(ns, ids, timeout=120.0)
    assert not acc.lost(ids), "a dead child lost records"
    assert faulty.process is not None and faulty.process.poll() is None, "the worker survives its child"
    assert set(acc.dead) == set(killers), "only the records that kill the child are dead-lettered"
    assert set(acc.enriched) == ids - set(killers)
    for letter in acc.letters:
        assert letter["reason"] == "enrichment_failed" and "BrokenProcessPool" in str(letter["detail"])
    log = faulty.log_path.read_text(errors="replace")
    assert "an enrichment child process died; starting a new pool" in log
    peak = rss_kb(faulty.process.pid) / 1024
    assert faulty.stop() == 0
    record_result(
        "a record kills the enrichment child process",
        sent=len(records),
        lost=0,
        duplicated=acc.duplicates(),
        injected=len(killers),
        recovery_s=0,
        peak_rss_mb=round(peak, 1),
    )


def letter_bytes(letter: dict[str, object]) -> bytes:
    import base64

    return base64.b64decode(str(letter["original"]))
