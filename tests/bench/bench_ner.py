"""Statistical NER tagger throughput on one core for ~3 KB articles (a script, not a test).

    .venv/bin/python tests/bench/bench_ner.py [--n 500] [--warm 2000]

Articles: SaudiNewsNet (Arabic) and AG News + BBC (English) from ../shared/eval/corpora, joined or cut
to ~3,000 UTF-8 bytes. Prints CPU time of this process (what one core sustains, whatever else runs on
the machine): loading, the first 50 articles of a fresh tagger (cold), `--n` unseen articles after
`--warm` others (steady state of a long-running worker), and the same articles again (all cached).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
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


def cpu_per_article(tag: Callable[[str], object], texts: list[str]) -> float:
    began = time.process_time()
    for text in texts:
        tag(text)
    return (time.process_time() - began) / max(len(texts), 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=500, help="articles measured")
    parser.add_argument("--warm", type=int, default=2000, help="other articles tagged before the steady run")
    args = parser.parse_args()
    from enrichment.ner.tagger import load_tagger

    for language in ("ar", "en"):
        began = time.process_time()
        tagger = load_tagger(language)
        loaded = time.process_time() - began
        if tagger is None:
            print(f"{language}: no model")
            continue
        texts = articles(language, args.warm + args.n + 50)
        warm = max(0, min(args.warm, len(texts) - args.n - 50))
        cold = cpu_per_article(tagger.tag, texts[:50])  # a fresh tagger on articles it has never seen
        cpu_per_article(tagger.tag, texts[50 : 50 + warm])
        measured = texts[50 + warm : 50 + warm + args.n]
        steady = cpu_per_article(tagger.tag, measured)  # unseen articles after `warm` others
        cached = cpu_per_article(tagger.tag, measured)  # the same articles again: every word type cached
        print(
            f"{language}: load {loaded:.2f} s CPU (with warm-up vocabulary); per ~{TARGET_BYTES} B article, CPU: "
            f"cold {1000 * cold:.2f} ms ({1 / cold:.0f}/s), steady after {50 + warm} articles "
            f"{1000 * steady:.2f} ms ({1 / steady:.0f}/s), all types cached {1000 * cached:.2f} ms ({1 / cached:.0f}/s)"
        )


if __name__ == "__main__":
    main()
