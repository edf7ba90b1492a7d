"""The linear NER model: hashed feature weights per BIO tag plus tag-transition scores.

Saved as a numpy .npz of plain arrays (no pickle: loading is safe) holding only the non-zero
weight rows; loaded back into a dense matrix indexed by hashed feature id.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from enrichment.ner.corpus import ENTITY_TYPES
from enrichment.ner.features import HASH_BITS

TAGS: tuple[str, ...] = ("O", *(f"{prefix}-{kind}" for kind in ENTITY_TYPES for prefix in ("B", "I")))
TAG_INDEX = {tag: index for index, tag in enumerate(TAGS)}
FloatArray = npt.NDArray[np.float32]


def allowed_transitions() -> npt.NDArray[np.bool_]:
    """allowed[previous, next] for BIO: I-X only after B-X or I-X; row len(TAGS) is the start state."""
    allowed = np.ones((len(TAGS) + 1, len(TAGS)), dtype=bool)
    for next_index, tag in enumerate(TAGS):
        if tag.startswith("I-"):
            kind = tag[2:]
            for previous_index in range(len(TAGS) + 1):
                previous = TAGS[previous_index] if previous_index < len(TAGS) else "START"
                allowed[previous_index, next_index] = previous in (f"B-{kind}", f"I-{kind}")
    return allowed


@dataclass
class LinearModel:
    """Weights[feature id, tag] and transitions[previous tag or start, tag]."""

    language: str
    weights: FloatArray
    transitions: FloatArray
    meta: dict[str, object] = field(default_factory=dict)

    @classmethod
    def empty(cls, language: str) -> LinearModel:
        """A zero model sized for the hashed feature space."""
        weights = np.zeros((1 << HASH_BITS, len(TAGS)), dtype=np.float32)
        transitions = np.zeros((len(TAGS) + 1, len(TAGS)), dtype=np.float32)
        return cls(language, weights, transitions)

    def save(self, path: Path) -> None:
        """Writes the non-zero weight rows (float16) and transitions to a compressed .npz."""
        rows = np.flatnonzero(np.any(self.weights != 0, axis=1)).astype(np.int32)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            np.savez_compressed(
                handle,
                rows=rows,
                values=self.weights[rows].astype(np.float16),
                transitions=self.transitions.astype(np.float32),
                tags=np.array(TAGS),
                meta=np.array(json.dumps({"language": self.language, **self.meta})),
                hash_bits=np.array(HASH_BITS),
            )

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        """Reads a model written by `save` (allow_pickle=False)."""
        with np.load(path, allow_pickle=False) as data:
            if int(data["hash_bits"]) != HASH_BITS or tuple(str(t) for t in data["tags"]) != TAGS:
                raise ValueError(f"{path} was trained with another feature/tag layout")
            weights = np.zeros((1 << HASH_BITS, len(TAGS)), dtype=np.float32)
            weights[data["rows"]] = data["values"].astype(np.float32)
            meta = json.loads(str(data["meta"]))
            transitions = data["transitions"].astype(np.float32)
        return cls(str(meta.get("language", "")), weights, transitions, meta)


def viterbi(emissions: FloatArray, transitions: FloatArray, allowed: npt.NDArray[np.bool_]) -> list[int]:
    """Best BIO-valid tag index sequence for one sentence's emission scores (n, tags)."""
    count = emissions.shape[0]
    if count == 0:
        return []
    masked = np.where(allowed, transitions, np.float32(-1e9))
    start, step = masked[-1], masked[:-1]
    score = start + emissions[0]
    backpointers = np.zeros((count, len(TAGS)), dtype=np.int64)
    columns = np.arange(len(TAGS))
    for position in range(1, count):
        candidates = score[:, None] + step
        best = candidates.argmax(axis=0)
        backpointers[position] = best
        score = candidates[best, columns] + emissions[position]
    path = [int(score.argmax())]
    for position in range(count - 1, 0, -1):
        path.append(int(backpointers[position, path[-1]]))
    path.reverse()
    return path
