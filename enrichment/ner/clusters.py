"""Distributional word clusters learned from unlabeled news text (a Brown-cluster substitute).

Each frequent word gets a vector of positive PMI with its left and right neighbours, reduced by an
eigen-decomposition to a few dozen dimensions and grouped by spherical k-means at two granularities.
Rare names that never occur in the NER training data still share a cluster with seen ones.
Stored as a gzip TSV (word, then one cluster id per granularity); deterministic for a fixed seed.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np
import numpy.typing as npt

from enrichment.ner.arabic import normalize_arabic
from enrichment.ner.tokenize import tokenize

Clusters = dict[str, tuple[int, ...]]
GRANULARITIES = (128, 512, 2048)


def cluster_key(word: str, language: str) -> str:
    """Normalised lookup key: Arabic orthographic normalisation, English lower case."""
    return normalize_arabic(word) if language == "ar" else word.lower()


def raw_texts(shared_dir: Path, language: str, limit: int = 20000) -> Iterator[str]:
    """Unlabeled news articles from shared/eval/corpora for the language (load-only corpora)."""
    corpora = shared_dir / "eval" / "corpora"
    if language == "ar":
        count = 0
        for archive_path in sorted((corpora / "ar" / "saudinewsnet" / "dataset").glob("*.zip")):
            with zipfile.ZipFile(archive_path) as archive:
                for name in archive.namelist():
                    for article in json.loads(archive.read(name).decode("utf-8")):
                        yield f"{article.get('title') or ''}\n{article.get('content') or ''}"
                        count += 1
                        if count >= limit:
                            return
        return
    with (corpora / "en" / "ag_news" / "test.csv").open(encoding="utf-8") as handle:
        for row in csv.reader(handle):
            yield " ".join(row[1:]).replace("\\", " ")
    with (corpora / "en" / "bbc_news" / "bbc-text.csv").open(encoding="utf-8") as handle:
        for row in csv.reader(handle):
            yield row[-1]


def _sentences(texts: Iterable[str], language: str) -> Iterator[list[str]]:
    for text in texts:
        for line in text.split("\n"):
            words = [cluster_key(token.text, language) for token in tokenize(line)]
            if words:
                yield words


def _kmeans(
    points: npt.NDArray[np.float32], k: int, rng: np.random.Generator, rounds: int = 15
) -> npt.NDArray[np.int64]:
    centers = points[rng.choice(len(points), size=k, replace=False)].copy()
    labels = np.zeros(len(points), dtype=np.int64)
    for _ in range(rounds):
        labels = (points @ centers.T).argmax(axis=1)
        for cluster in range(k):
            members = points[labels == cluster]
            if len(members):
                center = members.sum(axis=0)
                centers[cluster] = center / max(float(np.linalg.norm(center)), 1e-6)
    return labels


def build_clusters(
    sentences: Iterable[list[str]],
    vocab_size: int = 30000,
    context_size: int = 1000,
    dims: int = 64,
    granularities: tuple[int, ...] = GRANULARITIES,
    seed: int = 7,
) -> Clusters:
    """Clusters for the `vocab_size` most frequent words of already-normalised sentences."""
    corpus = list(sentences)
    counts = Counter(word for sentence in corpus for word in sentence)
    vocab = [word for word, count in counts.most_common(vocab_size) if count >= 3]
    index = {word: position for position, word in enumerate(vocab)}
    context_index = {word: position for position, word in enumerate(vocab[:context_size])}
    width = 2 * context_size
    flat: list[int] = []
    for sentence in corpus:
        ids = [index.get(word, -1) for word in sentence]
        contexts = [context_index.get(word, -1) for word in sentence]
        for position, word_id in enumerate(ids):
            if word_id < 0:
                continue
            if position > 0 and contexts[position - 1] >= 0:
                flat.append(word_id * width + contexts[position - 1])
            if position + 1 < len(ids) and contexts[position + 1] >= 0:
                flat.append(word_id * width + context_size + contexts[position + 1])
    matrix = np.bincount(np.array(flat, dtype=np.int64), minlength=len(vocab) * width)
    cooc = matrix.reshape(len(vocab), width).astype(np.float32)
    total = cooc.sum()
    row = cooc.sum(axis=1, keepdims=True) + 1.0
    column = cooc.sum(axis=0, keepdims=True) + 1.0
    ppmi = np.maximum(np.log((cooc * total + 1e-9) / (row @ column)), 0.0).astype(np.float32)
    _, vectors = np.linalg.eigh(ppmi.T @ ppmi)
    reduced = ppmi @ vectors[:, -dims:]
    reduced /= np.maximum(np.linalg.norm(reduced, axis=1, keepdims=True), 1e-6)
    rng = np.random.default_rng(seed)
    labels = [_kmeans(reduced, min(k, len(vocab)), rng) for k in granularities]
    return {word: tuple(int(level[i]) for level in labels) for i, word in enumerate(vocab)}


def save_clusters(clusters: Clusters, path: Path) -> None:
    """Writes clusters as a gzip TSV (word, ids...), sorted for reproducible bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        "\t".join([word, *map(str, ids)]) + "\n"
        for word, ids in sorted(clusters.items())
        if "\t" not in word and "\n" not in word
    ]
    with gzip.GzipFile(path, "wb", mtime=0) as handle:
        handle.write("".join(lines).encode("utf-8"))


def load_clusters(path: Path) -> Clusters:
    """Reads a file written by `save_clusters`; an absent file gives no clusters."""
    if not path.exists():
        return {}
    clusters: Clusters = {}
    with gzip.open(path, "rb") as handle:
        for line in io.TextIOWrapper(handle, encoding="utf-8"):
            word, *ids = line.rstrip("\n").split("\t")
            clusters[word] = tuple(int(value) for value in ids)
    return clusters


def clusters_from_corpora(
    shared_dir: Path,
    language: str,
    extra_sentences: Iterable[list[str]] = (),
    article_limit: int = 20000,
    vocab_size: int = 30000,
) -> Clusters:
    """Builds clusters from the language's raw corpora plus (normalised) training-token sentences."""
    sentences = list(_sentences(raw_texts(shared_dir, language, article_limit), language))
    sentences += [[cluster_key(word, language) for word in sentence] for sentence in extra_sentences]
    return build_clusters(sentences, vocab_size=vocab_size)
