"""The articles the benchmarks time: ~3 KB of UTF-8 each, cut at a word boundary.

"~3 KB" means bytes, not characters: 3,000 Arabic characters are ~5.5 KB of UTF-8, so
a character cut would time Arabic on articles nearly twice the size. Arabic comes from
SaudiNewsNet, English from BBC News or AG News (several items joined), all read from
../shared/eval/corpora (or $AKHBAR_SHARED_DIR).
"""

from __future__ import annotations

import csv
import json
import os
import zipfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from enrichment.types import Document

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("AKHBAR_SHARED_DIR", ROOT.parent / "shared"))
TARGET_BYTES = 3000
MIN_BODY_BYTES = 2700  # shorter articles would pull the mean well below ~3 KB


def cut_utf8(text: str, limit: int = TARGET_BYTES) -> str:
    """`text` cut to at most `limit` UTF-8 bytes, at the last whitespace before the limit."""
    raw = text.encode("utf-8")
    if len(raw) <= limit:
        return text
    cut = raw[:limit].decode("utf-8", errors="ignore")
    boundary = max(cut.rfind(" "), cut.rfind("\n"), cut.rfind("\t"))
    return cut[:boundary].rstrip() if boundary > 0 else cut


def saudinewsnet(limit: int, skip: int = 0) -> list[tuple[str, str, str, datetime | None]]:
    """(url, title, body, extraction time) of Arabic articles of MIN_BODY_BYTES or more, body cut to ~3 KB."""
    out: list[tuple[str, str, str, datetime | None]] = []
    seen = 0
    for archive in sorted((SHARED / "eval/corpora/ar/saudinewsnet/dataset").glob("*.zip")):
        with zipfile.ZipFile(archive) as zipped:
            for name in zipped.namelist():
                for item in json.loads(zipped.read(name)):
                    body = str(item.get("content") or "")
                    if len(body.encode("utf-8")) < MIN_BODY_BYTES:
                        continue
                    seen += 1
                    if seen > skip:
                        title = str(item.get("title") or "")
                        out.append((str(item.get("url") or ""), title, cut_utf8(body), _when(item)))
                    if len(out) >= limit:
                        return out
    return out


def _when(item: dict[str, object]) -> datetime | None:
    try:
        return datetime.fromisoformat(str(item.get("date_extracted") or ""))
    except ValueError:
        return None


def bbc_news(limit: int, skip: int = 0) -> list[str]:
    """Bodies of BBC News articles of at least MIN_BODY_BYTES, cut to ~3 KB (the corpus has no titles)."""
    path = SHARED / "eval/corpora/en/bbc_news/bbc-text.csv"
    out: list[str] = []
    if not path.exists():
        return out
    seen = 0
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if len(row["text"].encode("utf-8")) < MIN_BODY_BYTES:
                continue
            seen += 1
            if seen > skip:
                out.append(cut_utf8(row["text"]))
            if len(out) >= limit:
                break
    return out


def ag_news(limit: int) -> list[tuple[str, str]]:
    """(title, body) of AG News items joined to ~3 KB (each item is only a headline and a sentence or two)."""
    rows = list(csv.reader((SHARED / "eval/corpora/en/ag_news/test.csv").open(encoding="utf-8")))
    out: list[tuple[str, str]] = []
    index = 0
    while len(out) < limit and index < len(rows):
        title = rows[index][1]
        parts: list[str] = []
        size = 0
        while size < TARGET_BYTES and index < len(rows):
            part = f"{rows[index][1]}. {rows[index][2]}"
            parts.append(part)
            size += len(part.encode("utf-8")) + 1
            index += 1
        out.append((title, cut_utf8("\n".join(parts))))
    return out


def describe(docs: Sequence[Document]) -> str:
    """Mean UTF-8 bytes and characters of the documents' text (title + body)."""
    count = max(len(docs), 1)
    mean_bytes = sum(len(d.text.encode("utf-8")) for d in docs) / count
    mean_chars = sum(len(d.text) for d in docs) / count
    return f"mean {mean_bytes:.0f} bytes / {mean_chars:.0f} chars"
