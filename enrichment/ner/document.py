"""Document-level capitalisation evidence for English tokens (non-local features, no first pass).

A word capitalised at the start of a sentence or in an ALL-CAPS headline is ambiguous on its own;
whether the same word appears elsewhere in the article in Title case mid-sentence (a name) or in
lower case (a common word) settles most of those cases. Each token gets one combination id of its
own case, its sentence-initial flag and those two document flags; the model learns a weight
vector per id. Arabic has no case, so the id is always 0 there.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from enrichment.ner.features import feature_id

COMBINATIONS = 25  # 0 = not applicable, else 1 + case*8 + initial*4 + title_elsewhere*2 + lower_elsewhere
_LOWER, _TITLE, _UPPER = 0, 1, 2


def case_code(word: str) -> int:
    """_LOWER, _TITLE or _UPPER for alphabetic words, -1 for anything else (digits, punctuation)."""
    if not word.isalpha():
        return -1
    if word.islower():
        return _LOWER
    if word.isupper():
        return _UPPER if len(word) > 1 else _TITLE
    return _TITLE if word[:1].isupper() else -1


def combinations_from_codes(
    cases: npt.NDArray[np.int64], lower_ids: npt.NDArray[np.int64], initial: npt.NDArray[np.bool_]
) -> npt.NDArray[np.int64]:
    """Vectorised core: per-token case codes, ids of the lower-cased words, sentence-initial flags."""
    _, inverse = np.unique(lower_ids, return_inverse=True)
    title_mid = (cases == _TITLE) & ~initial
    lower = cases == _LOWER
    title_counts = np.bincount(inverse, weights=title_mid)[inverse] - title_mid
    lower_counts = np.bincount(inverse, weights=lower)[inverse] - lower
    combinations = 1 + cases * 8 + initial * 4 + (title_counts > 0) * 2 + (lower_counts > 0)
    return np.where(cases < 0, 0, combinations).astype(np.int64)


def document_combinations(words: Sequence[str], initial: Sequence[bool], language: str) -> list[int]:
    """Combination id per token (see module doc); all zeros for Arabic."""
    if language == "ar" or not words:
        return [0] * len(words)
    ids: dict[str, int] = {}
    lower_ids = np.array([ids.setdefault(word.lower(), len(ids)) for word in words], dtype=np.int64)
    cases = np.array([case_code(word) for word in words], dtype=np.int64)
    flags = np.array(initial, dtype=bool)
    return [int(value) for value in combinations_from_codes(cases, lower_ids, flags)]


def combination_feature_ids() -> list[int]:
    """Hashed feature id of each combination (row of the weight matrix it uses)."""
    return [feature_id(0, f"doc={combination}") for combination in range(COMBINATIONS)]
