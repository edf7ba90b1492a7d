"""The compiled new-type kernels (enrichment/ner/_feature_rows.pyx) against the numpy/Python code they
replaced (the per-document kernels: test_ner_document_kernels.py).

Each reference below is the former implementation (or the plain definition), kept here as an oracle.
"""

from __future__ import annotations

import zlib

import numpy as np
import numpy.typing as npt
from hypothesis import given, settings
from hypothesis import strategies as st

from enrichment.ner._feature_rows import crc32
from enrichment.ner.features import HASH_BITS, OFFSETS, WINDOW, feature_id
from enrichment.ner.hashing import sum_feature_rows

_WIDTH = 9


def _weights(seed: int, rows: int) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.float16]]:
    """A random sparse weight layout as the tagger keeps it: id -> row, float16 rows (row 0 zero)."""
    rng = np.random.default_rng(seed)
    weight_rows = rng.integers(0, rows, size=1 << HASH_BITS).astype(np.int32)
    weights = (rng.normal(size=(rows, _WIDTH)) * rng.choice([1e-6, 1e-3, 1.0, 30.0], size=(rows, 1))).astype(np.float16)
    weights[0] = 0
    weights[rng.random(weights.shape) < 0.2] = 0  # zeros and subnormals as in the trained models
    return weight_rows, weights


def _reference_sums(
    name_lists: list[list[list[str]]], weight_rows: npt.NDArray[np.int32], weights: npt.NDArray[np.float16]
) -> npt.NDArray[np.float32]:
    """The former numpy path (Tagger._sum_names): one flat id array, one gather, one add.reduceat.

    Its last segment also took in the zero row after the names, which regroups numpy's pairwise sum
    (a rounding difference) when the last list has 8+ names; real last lists (offset +2) have ~3.
    An empty item appended here keeps every real segment away from that row.
    """
    name_lists = [*name_lists, [[] for _ in range(WINDOW)]]
    names: list[str] = []
    counts: list[int] = []
    ids: list[int] = []
    for per_offset in name_lists:
        for k, group in enumerate(per_offset):
            names += group
            counts.append(len(group))
            ids += [feature_id(OFFSETS[k], name) for name in group]
    count_array = np.array(counts, dtype=np.int64)
    gathered = np.zeros((len(names) + 1, weights.shape[1]), dtype=np.float32)
    gathered[:-1] = weights[weight_rows[np.array(ids, dtype=np.int64)]]
    sums = np.add.reduceat(gathered, np.cumsum(count_array) - count_array, axis=0)
    sums[count_array == 0] = 0.0
    return sums.reshape(len(name_lists), WINDOW, weights.shape[1])[:-1]


_NAMES = st.text(max_size=12) | st.text(min_size=60, max_size=90) | st.sampled_from(["w=\ud800x", "b", "w=باريس"])


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.lists(st.lists(_NAMES, max_size=40), min_size=WINDOW, max_size=WINDOW), min_size=1, max_size=4),
    st.integers(min_value=0, max_value=50),
)
def test_sum_feature_rows_equals_the_numpy_path(name_lists: list[list[list[str]]], seed: int) -> None:
    weight_rows, weights = _weights(seed, 4000)
    out = np.full((len(name_lists), WINDOW, _WIDTH), np.nan, dtype=np.float32)
    sum_feature_rows(name_lists, weight_rows, weights, out)
    expected = _reference_sums(name_lists, weight_rows, weights)
    assert np.array_equal(out, expected)


def test_sum_feature_rows_of_lone_surrogates_empty_offsets_and_long_lists() -> None:
    weight_rows, weights = _weights(7, 64)
    many = [f"name{number}" for number in range(300)]  # over 128 terms: numpy's pairwise sum splits
    name_lists: list[list[list[str]]] = [[["w=\ud800x", "b"], [], ["raw=Paris"], ["c1=7"], many], [[], [], [], [], []]]
    out = np.empty((2, WINDOW, _WIDTH), dtype=np.float32)
    sum_feature_rows(name_lists, weight_rows, weights, out)
    assert np.array_equal(out, _reference_sums(name_lists, weight_rows, weights))
    assert not out[1].any()


@given(st.binary(max_size=300), st.integers(min_value=0, max_value=0xFFFFFFFF))
def test_crc32_table_equals_zlib(data: bytes, start: int) -> None:
    assert crc32(data, start) == zlib.crc32(data, start)


def test_every_float16_widens_as_numpy_widens_it() -> None:
    weights = np.repeat(np.arange(1 << 16, dtype=np.uint32).astype(np.uint16).view(np.float16)[:, None], 2, axis=1)
    weight_rows = np.zeros(1 << HASH_BITS, dtype=np.int32)
    name_id = feature_id(OFFSETS[0], "b")
    got = np.empty(1 << 16, dtype=np.float32)
    out = np.empty((1, WINDOW, 2), dtype=np.float32)
    for row in range(1 << 16):
        weight_rows[name_id] = row
        sum_feature_rows([[["b"], [], [], [], []]], weight_rows, weights, out)
        got[row] = out[0, 0, 0]
    expected = weights[:, 0].astype(np.float32)
    # Values equal (a sum turns -0.0 into 0.0, as numpy's sum did); NaNs stay NaN (signalling ones are quieted).
    numbers = ~np.isnan(expected)
    assert np.array_equal(got[numbers], expected[numbers])
    assert np.isnan(got[~numbers]).all()
