"""Two-pass (stacked) tagging: document-level features from a first pass's predictions.

A name tagged confidently in one sentence is often missed where its context is weaker, and the labels
the first pass gives the neighbouring words say more than their surface. The second model sees, per
token, (1) which type the first pass gave the other occurrences of the same word (proclitic-stripped
stem for Arabic) within its block of the text, with the share of them that were entities, crossed
with its own first-pass type, and (2) the first-pass types of the previous and next word. Both are
a small id per token (`DocumentFeatures`), so the tagger adds two gathered rows to the second model's
cached per-type scores instead of computing features per token.

The first pass is the argmax of the first model's emission scores (no decoding), and its training
labels come from a jackknife (each fold tagged by a model that didn't see it), as in Krishnan and
Manning (2006). Blocks are runs of sentences starting within the same `BLOCK_TOKENS` tokens, so the
evidence pooled is about an article's worth, in training and at tagging time alike.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from enrichment.ner.arabic import normalize_arabic, strip_proclitics
from enrichment.ner.features import feature_id

BLOCK_TOKENS = 500
TYPE_NAMES = ("O", "PERSON", "ORG", "LOCATION", "MISC")
_TYPES = len(TYPE_NAMES)
# Majority of the other occurrences: 0 none, 1 all O, then 3 share buckets for each entity type.
MAJORITY_CODES = 2 + 3 * (_TYPES - 1)
OCCURRENCE_IDS = MAJORITY_CODES * _TYPES  # x own first-pass type
NEIGHBOUR_IDS = (_TYPES + 1) ** 2  # previous (or sentence start) x next (or sentence end)
IntArray = npt.NDArray[np.int64]


class DocumentFeatures(NamedTuple):
    """Per token: index into the occurrence combinations and into the neighbour combinations."""

    occurrence: IntArray
    neighbours: IntArray


def document_key(word: str, language: str) -> str:
    """The form occurrences are pooled by: the normalised stem (Arabic) or the lower-cased word."""
    if language == "ar":
        return strip_proclitics(normalize_arabic(word))[1]
    return word.lower()


def first_pass_types(scores: npt.NDArray[np.floating]) -> IntArray:
    """Entity type index (0 = O) of the best-scoring tag of each row of (tokens, tags) scores."""
    best: IntArray = np.argmax(scores, axis=1).astype(np.int64)
    return (best + 1) // 2


def document_features(types: IntArray, keys: IntArray, initial: npt.NDArray[np.bool_]) -> DocumentFeatures:
    """Combination ids of every token from first-pass types, word keys and sentence-initial flags.

    Written for few numpy calls: on an article their fixed cost, not arithmetic, is what this costs.
    """
    count = types.size
    if count == 0:
        empty = np.zeros(0, dtype=np.int64)
        return DocumentFeatures(empty, empty)
    positions = np.arange(count)
    if count > BLOCK_TOKENS:  # more than one block: occurrences pool by (block, key)
        sentence_first = np.maximum.accumulate(np.where(initial, positions, 0))
        group = np.unique((sentence_first // BLOCK_TOKENS) * (int(keys.max()) + 1) + keys, return_inverse=True)[1]
        group = group.reshape(-1)
    else:  # one block (an article): a token's group is the last position of its key, without sorting
        last = np.empty(int(keys.max()) + 1, dtype=np.int64)
        last[keys] = positions
        group = last[keys]
    others = np.bincount(group * _TYPES + types, minlength=count * _TYPES).reshape(-1, _TYPES)[group]
    others.reshape(-1)[positions * _TYPES + types] -= 1
    total = np.bincount(group, minlength=count)[group] - 1
    entities = total - others[:, 0]
    majority = np.argmax(others[:, 1:], axis=1)
    # Share of entities among the other occurrences, bucketed at 0.34 and 0.67 (in integers).
    bucket = (100 * entities >= 34 * total).astype(np.int64) + (100 * entities >= 67 * total)
    code = np.where(entities > 0, 2 + 3 * majority + bucket, total > 0)
    edge = np.full(count + 2, _TYPES, dtype=np.int64)  # sentence start / end marker around the types
    edge[1:-1] = types
    previous = np.where(initial, _TYPES, edge[:-2])
    following = np.where(np.append(initial[1:], True), _TYPES, edge[2:])
    return DocumentFeatures(code * _TYPES + types, previous * (_TYPES + 1) + following)


def _majority_name(code: int) -> str:
    if code == 0:
        return "maj=none&b=0"
    if code == 1:
        return "maj=O&b=0"
    kind, bucket = divmod(code - 2, 3)
    return f"maj={TYPE_NAMES[kind + 1]}&b={bucket}"


def occurrence_feature_ids() -> list[list[int]]:
    """Hashed feature ids of each occurrence combination (what its row in the tagger sums)."""
    ids: list[list[int]] = []
    for index in range(OCCURRENCE_IDS):
        code, own = divmod(index, _TYPES)
        majority = _majority_name(code)
        names = [f"d:{majority}", f"d:{majority.split('&')[0]}&self={TYPE_NAMES[own]}", f"d:self={TYPE_NAMES[own]}"]
        ids.append([feature_id(0, name) for name in names])
    return ids


def neighbour_feature_ids() -> list[list[int]]:
    """Hashed feature ids of each (previous, next) first-pass type combination."""
    ids: list[list[int]] = []
    for index in range(NEIGHBOUR_IDS):
        before, after = divmod(index, _TYPES + 1)
        previous = TYPE_NAMES[before] if before < _TYPES else "S"
        following = TYPE_NAMES[after] if after < _TYPES else "E"
        names = [f"d:prev={previous}", f"d:next={following}", f"d:pn={previous}&{following}"]
        ids.append([feature_id(0, name) for name in names])
    return ids


def combination_rows(weights: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """The tagger's lookup table: row `occurrence * NEIGHBOUR_IDS + neighbours` is the summed weights of
    both combinations' features (one gather per document instead of two)."""
    occurrence = np.stack([weights[ids].sum(axis=0) for ids in occurrence_feature_ids()])
    neighbours = np.stack([weights[ids].sum(axis=0) for ids in neighbour_feature_ids()])
    table: npt.NDArray[np.float32] = (occurrence[:, None, :] + neighbours[None, :, :]).astype(np.float32)
    return table.reshape(-1, weights.shape[1])
