"""Offset-qualified feature ids for many feature names at once, from one crc32 per name.

`features.feature_id(offset, name)` is crc32(f"{offset}|{name}"). CRC-32 is affine in its start
state, so crc32(prefix + name) == crc32(name) ^ constant(prefix, byte length of name): the offset
prefix contributes only a constant per (offset, length), kept in a table. A feature name used at
several offsets is hashed once, the per-offset ids come from one vectorised XOR, and they are
exactly the ids the models were trained with.
"""

from __future__ import annotations

import zlib

import numpy as np
import numpy.typing as npt

from enrichment.ner.features import HASH_MASK, OFFSETS, feature_id

MAX_TABLED_BYTES = 1024  # longer names (never produced: words are cut at 64 characters) are hashed directly


def _offset_constants(max_bytes: int) -> npt.NDArray[np.int64]:
    """constants[length * len(OFFSETS) + k]: what the "offset|" prefix of OFFSETS[k] XORs into crc32."""
    starts = [zlib.crc32(f"{offset}|".encode()) for offset in OFFSETS]
    constants = np.zeros((max_bytes + 1, len(OFFSETS)), dtype=np.int64)
    for length in range(max_bytes + 1):
        zeros = bytes(length)
        plain = zlib.crc32(zeros)
        constants[length] = [zlib.crc32(zeros, start) ^ plain for start in starts]
    return constants.reshape(-1)


_CONSTANTS = _offset_constants(MAX_TABLED_BYTES)


def _encode(names: list[str]) -> list[bytes]:
    try:
        return list(map(str.encode, names))
    except UnicodeEncodeError:  # lone surrogates from odd input: encode them as feature_id does
        return [name.encode("utf-8", "surrogatepass") for name in names]


def offset_feature_ids(names: list[str], counts: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """feature_id(OFFSETS[k], name) of each name, where the names come in consecutive groups of
    counts[i] names each and group i is at offset index k = i % len(OFFSETS)."""
    data = _encode(names)
    crcs = np.fromiter(map(zlib.crc32, data), dtype=np.int64, count=len(data))
    lengths = np.fromiter(map(len, data), dtype=np.int64, count=len(data))
    offsets = np.repeat(np.arange(counts.size, dtype=np.int64) % len(OFFSETS), counts)
    if lengths.size and int(lengths.max()) > MAX_TABLED_BYTES:
        tabled = lengths <= MAX_TABLED_BYTES
        ids = np.zeros(len(names), dtype=np.int64)
        ids[tabled] = (crcs[tabled] ^ _CONSTANTS[lengths[tabled] * len(OFFSETS) + offsets[tabled]]) & HASH_MASK
        for index in np.flatnonzero(~tabled).tolist():
            ids[index] = feature_id(OFFSETS[int(offsets[index])], names[index])
        return ids
    result: npt.NDArray[np.int64] = (crcs ^ _CONSTANTS[lengths * len(OFFSETS) + offsets]) & HASH_MASK
    return result
