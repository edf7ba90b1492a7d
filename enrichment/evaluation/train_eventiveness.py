"""Train the Arabic eventiveness model on the *train* half of the Arabic PLOVER judgements.

Split: a stable hash of each sentence id (`split_of`), so `evaluate_events` scores the other half only.
Labels: "yes" (unanimous) = 1; "easy no" and "difficult no" = 0; "ambiguous" is left out.
Run: ``python -m enrichment.evaluation.train_eventiveness [shared_dir]`` (a few seconds, numpy).
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from enrichment.evaluation.event_data import split_of
from enrichment.evaluation.events import default_shared_dir
from enrichment.events.eventiveness import MODEL_PATH, tokens
from enrichment.normalized_text import normalize_string

FAMILIES = {"assault": ("ASSAULT", "FIGHT"), "protest": ("PROTEST",)}
_MAX_FEATURES = 4000


def _rows(path: Path) -> list[tuple[list[str], int]]:
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["label"] == "ambiguous" or split_of(row["id"]) != "train":
                continue
            rows.append((tokens(normalize_string(row["text"])), int(row["label"] == "yes")))
    return rows


def _matrix(rows: list[tuple[list[str], int]], index: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    x = np.zeros((len(rows), len(index)), dtype=np.float32)
    for r, (toks, _) in enumerate(rows):
        for t in set(toks):
            if t in index:
                x[r, index[t]] = 1.0
    return x, np.array([label for _, label in rows], dtype=np.float32)


def _logistic(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression by batch gradient descent, positives up-weighted."""
    w = np.zeros(x.shape[1], dtype=np.float32)
    b = 0.0
    positive_weight = (len(y) - y.sum()) / max(1.0, float(y.sum()))
    sample_weight = np.where(y > 0, positive_weight, 1.0).astype(np.float32)
    for _ in range(400):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        grad = (p - y) * sample_weight
        w -= 0.5 * ((x.T @ grad) / len(y) + 1e-3 * w)
        b -= 0.5 * float(grad.mean())
    return w, b


def _best_threshold(probabilities: np.ndarray, y: np.ndarray) -> float:
    best_t, best_f1 = 0.5, -1.0
    for t in np.arange(0.2, 0.95, 0.05):
        pred = probabilities >= t
        tp = float((pred & (y > 0)).sum())
        f1 = 2 * tp / max(1.0, float(pred.sum() + y.sum()))
        if f1 > best_f1:
            best_t, best_f1 = float(t), f1
    return best_t


def _fit(rows: list[tuple[list[str], int]]) -> tuple[float, dict[str, float], float]:
    """Weights from all training rows; the threshold from 2-fold out-of-fold predictions (no test data)."""
    counts = Counter(t for toks, _ in rows for t in set(toks))
    vocab = [t for t, c in counts.most_common(_MAX_FEATURES) if c >= 2]
    index = {t: i for i, t in enumerate(vocab)}
    x, y = _matrix(rows, index)
    folds = np.arange(len(y)) % 2
    out_of_fold = np.zeros(len(y), dtype=np.float32)
    for fold in (0, 1):
        w_fold, b_fold = _logistic(x[folds != fold], y[folds != fold])
        out_of_fold[folds == fold] = 1.0 / (1.0 + np.exp(-(x[folds == fold] @ w_fold + b_fold)))
    threshold = _best_threshold(out_of_fold, y)
    w, b = _logistic(x, y)
    weights = {t: round(float(w[i]), 4) for t, i in index.items() if abs(w[i]) >= 1e-3}
    return round(b, 4), weights, round(threshold, 2)


def train(shared_dir: Path) -> dict[str, object]:
    base = shared_dir / "eval" / "events" / "ar" / "plover_gsr"
    model: dict[str, dict[str, object]] = {"family": {}, "bias": {}, "weights": {}, "threshold": {}}
    for family, types in FAMILIES.items():
        bias, weights, threshold = _fit(_rows(base / f"{family}_dev.csv"))
        model["bias"][family] = bias
        model["weights"][family] = weights
        model["threshold"][family] = threshold
        for event_type in types:
            model["family"][event_type] = family
    return model  # type: ignore[return-value]


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else default_shared_dir()
    trained = train(target)
    MODEL_PATH.write_text(json.dumps(trained, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size} bytes); thresholds {trained['threshold']}")
