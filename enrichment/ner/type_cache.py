"""Helpers for the tagger's word-type cache (`Tagger._table`): what to keep when it is full, and
its dictionaries as plain arrays for the shipped warm cache (warm_cache.py).

The cache holds the pre-scored vocabulary plus every type met since. When it reaches its cap it
starts over, and throwing away all learned types would bring back the cold-start rate of new
types (Arabic: ~16 per article against ~8 after 8,000 articles). So the types seen in at least
two documents since the last reset are kept, most seen first, up to half the cap with the
vocabulary: one-off words (most of Arabic's new types) go, the recurring names and forms stay.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt


def rows_to_keep(seen: npt.NDArray[np.int32], warm_size: int, limit: int) -> npt.NDArray[np.int64]:
    """Rows that survive a reset, in their new order: the warm rows (0 .. warm_size - 1, unmoved),
    then at most `limit` later rows seen in 2+ documents, the most seen first (ties: older first)."""
    learned = np.flatnonzero(seen[warm_size:] >= 2) + warm_size
    if learned.size > limit:
        learned = np.sort(learned[np.argsort(-seen[learned], kind="stable")[: max(limit, 0)]])
    return np.concatenate((np.arange(warm_size, dtype=np.int64), learned.astype(np.int64)))


def dense_numbering(ids: npt.NDArray[np.int64], count: int) -> tuple[npt.NDArray[np.int64], list[int]]:
    """`ids` renumbered 0, 1, ... (order kept), and the new number of every old id (-1: not in `ids`), for
    at least the ids below `count` (the tagger renumbers its C index of lower-cased words with it; the dict
    version it replaced is the reference in tests/unit/type_cache_reference.py)."""
    used = np.unique(ids)
    new_of = np.full(max(count, int(used[-1]) + 1 if used.size else 0), -1, dtype=np.int64)
    new_of[used] = np.arange(used.size)
    return new_of[ids], new_of.tolist()


def index_arrays(name: str, index: dict[str, int]) -> dict[str, npt.NDArray[np.generic]]:
    """A word -> row dict as two arrays: the words joined by \\x01 as UTF-8 bytes, and the rows."""
    if any("\x01" in word for word in index):
        raise ValueError(f"a cached {name} word contains the separator \\x01")
    words = "\x01".join(index).encode("utf-8", "surrogatepass")
    return {
        f"{name}_words": np.frombuffer(words, dtype=np.uint8),
        f"{name}_rows": np.fromiter(index.values(), dtype=np.int64, count=len(index)),
    }


def index_from_arrays(name: str, state: dict[str, npt.NDArray[np.generic]]) -> dict[str, int]:
    rows = state[f"{name}_rows"].tolist()
    if not rows:
        return {}
    words = state[f"{name}_words"].tobytes().decode("utf-8", "surrogatepass").split("\x01")
    return dict(zip(words, rows, strict=True))
