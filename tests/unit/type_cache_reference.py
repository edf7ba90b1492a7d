"""The word-type cache's dict renumbering, as it was before the tagger's index became a C table
(enrichment/ner/_row_index.pyx's RowIndex): the reference RowIndex.renumbered and
type_cache.dense_numbering are tested against."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from enrichment.ner.type_cache import dense_numbering


def remap_index(index: dict[str, int], new_of: list[int]) -> dict[str, int]:
    """`index` (word -> old row) with rows renumbered by `new_of`; words whose row went (-1) dropped."""
    return {word: new_of[row] for word, row in index.items() if new_of[row] >= 0}


def dense_ids(ids: npt.NDArray[np.int64], index: dict[str, int]) -> tuple[npt.NDArray[np.int64], dict[str, int]]:
    """`ids` renumbered 0, 1, ... (order kept) and `index` (key -> id) cut to the ids still used."""
    renumbered, table = dense_numbering(ids, 0)
    kept = {key: table[old] for key, old in index.items() if old < len(table) and table[old] >= 0}
    return renumbered, kept
