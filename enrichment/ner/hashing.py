"""Summed weight rows of word types' features, hashed exactly as `features.feature_id`.

`feature_id(offset, name)` is crc32(f"{offset}|{name}") & HASH_MASK. The compiled kernels start each
name's CRC from the state its "offset|" prefix left, so there is one CRC pass per (name, offset) and
no bytes per id: `sum_feature_rows` hashes given names (`features.word_feature_names`), while
`word_type_ids` (_word_features.pyx) hashes a word type's names without making them, the tagger's
path for new types, ~30 Python strings a type cheaper. The float16 weight rows are widened to float32
and summed in the order the former numpy gather + `add.reduceat` summed them (first row, then numpy's
pairwise sum of the rest), so rows equal the shipped warm cache's bit for bit.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from enrichment.ner._feature_rows import sum_feature_rows as _sum_feature_rows
from enrichment.ner._feature_rows import sum_id_rows as _sum_id_rows
from enrichment.ner._word_features import word_type_ids as _word_type_ids
from enrichment.ner.arabic import PROCLITICS
from enrichment.ner.features import HASH_MASK, OFFSETS, PAD
from enrichment.ner.lexicon import Lexicon

OFFSET_PREFIXES = tuple(f"{offset}|".encode() for offset in OFFSETS)
_PROCLITICS_LONGEST_FIRST = tuple(sorted(set(PROCLITICS), key=len, reverse=True))


class WordTypeIds(NamedTuple):
    """Feature ids of word types, type by type and offset by offset, with what else the tagger keeps."""

    ids: npt.NDArray[np.uint32]
    ends: npt.NDArray[np.intp]  # segment s (type s // WINDOW, offset OFFSETS[s % WINDOW]) ends at ends[s]
    keys: list[str]  # stacking.document_key of each word
    cases: npt.NDArray[np.int64]  # document.case_code of each word


def word_type_ids(types: list[tuple[str, bool]], language: str, lexicon: Lexicon) -> WordTypeIds:
    """The ids of `features.word_feature_ids(word, initial, language, lexicon)` for every type, compiled."""
    found = _word_type_ids(
        types,
        language == "ar",
        lexicon.clusters,
        lexicon.gazetteer,
        _PROCLITICS_LONGEST_FIRST,
        OFFSET_PREFIXES,
        HASH_MASK,
        PAD,
    )
    return WordTypeIds(*found)


def sum_id_rows(
    found: WordTypeIds,
    weight_rows: npt.NDArray[np.int32],
    weights: npt.NDArray[np.float16],
    out: npt.NDArray[np.float32],
) -> None:
    """out[item, k] = sum of weights[weight_rows[id]] (float32) over the ids of type `item` at OFFSETS[k]."""
    _sum_id_rows(found.ids, found.ends, len(OFFSETS), weight_rows, weights.view(np.uint16), out)


def sum_feature_rows(
    name_lists: list[list[list[str]]],
    weight_rows: npt.NDArray[np.int32],
    weights: npt.NDArray[np.float16],
    out: npt.NDArray[np.float32],
) -> None:
    """out[item, k] = sum of weights[weight_rows[feature_id(OFFSETS[k], name)]] (float32) over the names
    in name_lists[item][k]; `out` is C-contiguous [item, offset, tag], `weights` C-contiguous [row, tag]."""
    _sum_feature_rows(name_lists, OFFSET_PREFIXES, HASH_MASK, weight_rows, weights.view(np.uint16), out)
