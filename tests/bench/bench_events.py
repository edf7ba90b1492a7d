"""Benchmark of the event stages (dates, casualties, topics, events) and of the whole engine, on one core.

Articles are ~3 KB of UTF-8 (see bench_corpus): Arabic from SaudiNewsNet, English from BBC News for the
stage lines and AG News for the engine lines (../shared/eval/corpora), plus the two samples repeated. Run:
`.venv/bin/python tests/bench/bench_events.py [N]`.

The stage lines run the event stages alone (no entities: actors and places stay None). The engine
lines run `build_engine("full")` (everything, the statistical tagger included) and `build_engine("kb")`
(the tagger left out) after a warm-up on other articles (the tagger caches word types), and print
articles per CPU-second of this process (what one core sustains; wall-clock rate in brackets).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from enrichment.engine import build_engine
from enrichment.evaluation.event_engine import stages_only
from enrichment.types import Document, Enrichment
from tests.bench.bench_corpus import SHARED, ag_news, bbc_news, describe, saudinewsnet

WARM_UP = 60  # articles run before timing, never timed themselves


def _arabic(limit: int, skip: int = 0) -> list[Document]:
    return [
        Document.from_parts(url, title, body, "ar", published)
        for url, title, body, published in saudinewsnet(limit, skip)
    ]


def _english(limit: int, skip: int = 0) -> list[Document]:
    return [Document.from_parts(f"bbc-{skip + i}", "", body, "en") for i, body in enumerate(bbc_news(limit, skip))]


def _samples() -> list[Document]:
    docs = []
    for path in sorted((SHARED / "samples").glob("*.raw.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        docs.append(Document.from_parts(raw["id"], raw["title"], raw["body"], raw["language"]))
    return docs


def _stages(corpora: dict[str, tuple[list[Document], list[Document]]]) -> None:
    run = stages_only()
    for label, (warm, docs) in corpora.items():
        for doc in warm:
            run(doc)  # warm caches and lexicons
        timings: dict[str, float] = {}
        began = time.perf_counter()
        for doc in docs:
            for stage, ms in run(doc).timings_ms.items():
                timings[stage] = timings.get(stage, 0.0) + ms
        elapsed = time.perf_counter() - began
        per_stage = ", ".join(f"{k} {v / len(docs):.3f} ms" for k, v in timings.items())
        print(
            f"event stages {label}: {len(docs)} articles ({describe(docs)}): "
            f"{len(docs) / elapsed:.0f} articles/s; {per_stage}"
        )


def _engine(label: str, run: Callable[[Document], Enrichment], warm: list[Document], docs: list[Document]) -> None:
    for doc in warm:
        run(doc)
    timings: dict[str, float] = {}
    began, cpu_began = time.perf_counter(), time.process_time()
    for doc in docs:
        for stage, ms in run(doc).timings_ms.items():
            timings[stage] = timings.get(stage, 0.0) + ms
    elapsed = time.perf_counter() - began
    cpu = time.process_time() - cpu_began
    per_stage = ", ".join(f"{k} {v / len(docs):.3f}" for k, v in timings.items())
    print(
        f"{label}: {len(docs) / cpu:.0f} articles/s per CPU-second ({len(docs) / elapsed:.0f} wall) "
        f"({len(docs)} articles, {describe(docs)}); ms/article: {per_stage}"
    )


def main(count: int = 400) -> None:
    corpora: dict[str, tuple[list[Document], list[Document]]] = {}
    for label, load in (("ar", _arabic), ("en", _english)):
        warm, docs = load(WARM_UP), load(count, WARM_UP)
        if not docs:
            print(f"{label}: no articles found under {SHARED}")
            continue
        corpora[label] = (warm, docs)
    samples = _samples()
    if samples:
        corpora["samples"] = (samples, samples * 50)
    _stages(corpora)
    # The tagger's shipped warm-up vocabulary was built from BBC News (and SaudiNewsNet after its first 20k
    # articles), so the engine lines take English from AG News instead, which the vocabulary never saw.
    if "en" in corpora:
        items = [Document.from_parts(f"ag-{i}", t, b, "en") for i, (t, b) in enumerate(ag_news(WARM_UP + count))]
        corpora["en"] = (items[:WARM_UP], items[WARM_UP:])
    for mode in ("kb", "full"):
        engine = build_engine(mode)
        for label in ("ar", "en"):
            if label in corpora:
                _engine(f"engine {mode:4} {label}", engine, *corpora[label])


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 400)
