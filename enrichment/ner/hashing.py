"""Summed weight rows of many word types' feature names, hashed exactly as `features.feature_id`.

`feature_id(offset, name)` is crc32(f"{offset}|{name}") & HASH_MASK. The compiled kernel
(`_feature_rows.sum_feature_rows`) starts each name's CRC from the state its "offset|" prefix left, so
there is one CRC pass per (name, offset) and no Python string or bytes per id; the ids, and so the
scores, are exactly the ones the models were trained with. The float16 weight rows are widened to
float32 and summed in the order the former numpy gather + `add.reduceat` summed them (first row,
then numpy's pairwise sum of the rest), so rows equal the shipped warm cache's bit for bit.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from enrichment.ner._feature_rows import sum_feature_rows as _sum_feature_rows
from enrichment.ner.features import HASH_MASK, OFFSETS

OFFSET_PREFIXES = tuple(f"{offset}|".encode() for offset in OFFSETS)


def sum_feature_rows(
    name_lists: list[list[list[str]]],
    weight_rows: npt.NDArray[np.int32],
    weights: npt.NDArray[np.float16],
    out: npt.NDArray[np.float32],
) -> None:
    """out[item, k] = sum of weights[weight_rows[feature_id(OFFSETS[k], name)]] (float32) over the names
    in name_lists[item][k]; `out` is C-contiguous [item, offset, tag], `weights` C-contiguous [row, tag]."""
    _sum_feature_rows(name_lists, OFFSET_PREFIXES, HASH_MASK, weight_rows, weights.view(np.uint16), out)
