"""Statistical NER tagger throughput on one core for ~3 KB articles (a script, not a test).

    .venv/bin/python tests/bench/bench_ner.py [--n 600]

Articles: SaudiNewsNet (Arabic) and AG News + BBC (English) from ../shared/eval/corpora, joined or cut
to ~3,000 UTF-8 bytes. Prints model load time, tokens and articles per CPU-second of this process
(what one core sustains; wall-clock rate in brackets, lower on a busy machine). The first pass warms
the per-word-type score cache, as a long-running worker would be.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("AKHBAR_SHARED_DIR", ROOT.parent / "shared"))
TARGET_BYTES = 3000


def articles(language: str, count: int) -> list[str]:
    from enrichment.ner.clusters import raw_texts

    out: list[str] = []
    current = ""
    for text in raw_texts(SHARED, language, limit=count * 3):
        current += text + "\n"
        if len(current.encode()) >= TARGET_BYTES:
            out.append(current.encode()[:TARGET_BYTES].decode("utf-8", "ignore"))
            current = ""
            if len(out) >= count:
                break
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=600)
    args = parser.parse_args()
    from enrichment.ner.tagger import load_tagger
    from enrichment.ner.tokenize import token_spans

    for language in ("ar", "en"):
        began = time.perf_counter()
        tagger = load_tagger(language)
        loaded = time.perf_counter() - began
        if tagger is None:
            print(f"{language}: no model")
            continue
        texts = articles(language, args.n)
        tokens = sum(len(token_spans(text)) for text in texts)
        for text in texts:
            tagger.tag(text)
        cpu, wall = time.process_time(), time.perf_counter()
        for text in texts:
            tagger.tag(text)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        print(
            f"{language}: load {loaded:.2f}s, {len(texts)} articles x ~{TARGET_BYTES} B "
            f"({tokens / len(texts):.0f} tokens each): {len(texts) / cpu:.0f} articles/s, "
            f"{tokens / cpu:.0f} tokens/s per CPU-second [wall {len(texts) / wall:.0f} articles/s]"
        )


if __name__ == "__main__":
    main()
