"""Benchmark of the event stages (dates, casualties, topics, events): prints articles/s on one core.

Loads ~3 KB Arabic articles from SaudiNewsNet (../shared/eval/corpora) and English ones from AG News /
BBC when present, else repeats the two samples. Run: `.venv/bin/python tests/bench/bench_events.py [N]`.
Entities are not run here (see bench_entities.py); with them empty, actors and places stay None.
"""

from __future__ import annotations

import csv
import json
import os
import sys
import time
import zipfile
from pathlib import Path

from enrichment.evaluation.event_engine import stages_only
from enrichment.types import Document

SHARED = Path(os.environ.get("AKHBAR_SHARED_DIR", Path(__file__).resolve().parents[2].parent / "shared"))


def _arabic(limit: int) -> list[Document]:
    docs: list[Document] = []
    for archive in sorted((SHARED / "eval" / "corpora" / "ar" / "saudinewsnet" / "dataset").glob("*.zip"))[:2]:
        with zipfile.ZipFile(archive) as zipped:
            for name in zipped.namelist():
                for article in json.loads(zipped.read(name)):
                    body = (article.get("content") or "")[:3000]
                    if len(body) > 1500:
                        docs.append(Document.from_parts(article["url"], article.get("title") or "", body, "ar"))
                    if len(docs) >= limit:
                        return docs
    return docs


def _english(limit: int) -> list[Document]:
    path = SHARED / "eval" / "corpora" / "en" / "bbc_news" / "bbc-text.csv"
    docs: list[Document] = []
    if path.exists():
        with path.open(encoding="utf-8") as handle:
            for index, row in enumerate(csv.DictReader(handle)):
                docs.append(Document.from_parts(f"bbc-{index}", "", row["text"][:3000], "en"))
                if len(docs) >= limit:
                    break
    return docs


def _samples() -> list[Document]:
    docs = []
    for path in sorted((SHARED / "samples").glob("*.raw.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        docs.append(Document.from_parts(raw["id"], raw["title"], raw["body"], raw["language"]))
    return docs


def main(count: int = 400) -> None:
    run = stages_only()
    for label, docs in (("ar", _arabic(count)), ("en", _english(count)), ("samples", _samples() * 50)):
        if not docs:
            print(f"{label}: no articles found under {SHARED}")
            continue
        for doc in docs[:20]:
            run(doc)  # warm caches and lexicons
        timings: dict[str, float] = {}
        began = time.perf_counter()
        for doc in docs:
            for stage, ms in run(doc).timings_ms.items():
                timings[stage] = timings.get(stage, 0.0) + ms
        elapsed = time.perf_counter() - began
        size = sum(len(d.text) for d in docs) / len(docs)
        per_stage = ", ".join(f"{k} {v / len(docs):.3f} ms" for k, v in timings.items())
        print(
            f"{label}: {len(docs)} articles (mean {size:.0f} chars): {len(docs) / elapsed:.0f} articles/s; {per_stage}"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 400)
