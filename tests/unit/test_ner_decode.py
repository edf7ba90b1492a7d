"""The compiled BIO decoder is exact Viterbi per sentence (padding splits sentences) and emits valid BIO."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from enrichment.ner.decode import decode, masked_transitions
from enrichment.ner.model import TAGS, allowed_transitions, viterbi


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=1, max_value=40))
def test_decode_equals_viterbi(seed: int, length: int) -> None:
    rng = np.random.default_rng(seed)
    emissions = rng.normal(size=(length, len(TAGS))).astype(np.float32)
    transitions = rng.normal(size=(len(TAGS) + 1, len(TAGS))).astype(np.float32)
    expected = viterbi(emissions, transitions, allowed_transitions())
    got = decode(emissions, np.zeros(length, dtype=bool), masked_transitions(transitions))
    assert got.tolist() == expected


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=1, max_value=60))
def test_decode_is_valid_bio(seed: int, length: int) -> None:
    rng = np.random.default_rng(seed)
    emissions = (rng.normal(size=(length, len(TAGS))) * 5).astype(np.float32)
    emissions[:, 0] += 3
    transitions = rng.normal(size=(len(TAGS) + 1, len(TAGS))).astype(np.float32)
    fixed = rng.random(length) < 0.1
    tags = decode(emissions, fixed, masked_transitions(transitions))
    allowed = allowed_transitions()
    previous = len(TAGS)  # start state
    for position, tag in enumerate(tags.tolist()):
        if fixed[position]:
            assert tag == 0
            previous = len(TAGS)
            continue
        assert allowed[previous, tag]
        previous = tag


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=1, max_value=60))
def test_padding_splits_into_independent_sentences(seed: int, length: int) -> None:
    rng = np.random.default_rng(seed)
    emissions = rng.normal(size=(length, len(TAGS))).astype(np.float32)
    transitions = rng.normal(size=(len(TAGS) + 1, len(TAGS))).astype(np.float32)
    fixed = rng.random(length) < 0.2
    got = decode(emissions, fixed, masked_transitions(transitions)).tolist()
    expected = [0] * length
    start = 0
    for end in [*np.flatnonzero(fixed).tolist(), length]:
        if end > start:
            expected[start:end] = viterbi(emissions[start:end], transitions, allowed_transitions())
        start = end + 1
    assert got == expected


def test_ties_go_to_the_lowest_tag_as_in_numpy_argmax() -> None:
    emissions = np.zeros((6, len(TAGS)), dtype=np.float32)
    transitions = np.zeros((len(TAGS) + 1, len(TAGS)), dtype=np.float32)
    expected = viterbi(emissions, transitions, allowed_transitions())
    got = decode(emissions, np.zeros(6, dtype=bool), masked_transitions(transitions))
    assert got.tolist() == expected == [0] * 6
