"""Entity-engine throughput on one core for ~3 KB articles (a script, not a test).

    .venv/bin/python tests/bench/bench_entities.py [--n 600]

Arabic articles come from SaudiNewsNet, English ones from AG News (several items joined to ~3 KB),
both read from ../shared/eval/corpora. Prints load time, articles per CPU-second of this process (what one
core sustains; wall-clock rate in brackets, lower on a busy machine) for the KB layer alone and with
the statistical tagger, and the process RSS.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("AKHBAR_SHARED_DIR", ROOT.parent / "shared"))
TARGET_CHARS = 3000


def arabic_articles(n: int) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for archive in sorted((SHARED / "eval/corpora/ar/saudinewsnet/dataset").glob("*.zip")):
        with zipfile.ZipFile(archive) as zipped:
            for name in zipped.namelist():
                for item in json.loads(zipped.read(name)):
                    body = str(item.get("content") or "")
                    if len(body) >= 1500:
                        out.append((str(item.get("title") or ""), body[:TARGET_CHARS]))
                    if len(out) >= n:
                        return out
    return out


def english_articles(n: int) -> list[tuple[str, str]]:
    rows = list(csv.reader((SHARED / "eval/corpora/en/ag_news/test.csv").open(encoding="utf-8")))
    out: list[tuple[str, str]] = []
    index = 0
    while len(out) < n and index < len(rows):
        title = rows[index][1]
        parts: list[str] = []
        while sum(len(p) for p in parts) < TARGET_CHARS and index < len(rows):
            parts.append(f"{rows[index][1]}. {rows[index][2]}")
            index += 1
        out.append((title, "\n".join(parts)[:TARGET_CHARS]))
    return out


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=600, help="articles per language")
    args = parser.parse_args()
    began = time.perf_counter()
    from enrichment.entities import EntityStage, load_statistical_tagger
    from enrichment.types import Document, Enrichment

    kb_stage = EntityStage(statistical=False)
    _ = kb_stage.gazetteer
    print(f"KB load (import + kb.json + automaton): {time.perf_counter() - began:.2f} s, RSS {rss_mb():.0f} MB")
    began = time.perf_counter()
    taggers = {lang: load_statistical_tagger(lang) is not None for lang in ("ar", "en")}
    print(f"tagger load: {time.perf_counter() - began:.2f} s, available: {taggers}, RSS {rss_mb():.0f} MB")
    corpora = {"ar": arabic_articles(args.n), "en": english_articles(args.n)}
    for statistical in (False, True):
        stage = EntityStage(statistical=statistical)
        for language, articles in corpora.items():
            docs = [Document.from_parts(f"b{i}", t, b, language) for i, (t, b) in enumerate(articles)]
            for doc in docs[:20]:
                stage(doc, Enrichment())
            began, cpu_began = time.perf_counter(), time.process_time()
            mentions = 0
            for doc in docs:
                mentions += sum(len(e.mentions) for e in stage(doc, Enrichment()).entities)
            elapsed = time.perf_counter() - began
            cpu = time.process_time() - cpu_began
            mean_chars = sum(len(d.text) for d in docs) / max(len(docs), 1)
            layer = "KB + tagger" if statistical else "KB layer   "
            print(
                f"{layer} {language}: {len(docs) / cpu:7.0f} articles/s per CPU-second "
                f"({len(docs) / elapsed:.0f} wall) "
                f"({len(docs)} docs, {mean_chars:.0f} chars avg, {mentions / max(len(docs), 1):.1f} mentions/doc)"
            )
    print(f"peak RSS: {rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
