"""The tagger's fused per-document kernels against the steps they stand in for.

document_emissions = the former numpy assembly of the scores (padded row layout, one take, five shifted
additions) + document.py's case rows + numpy's `seen[rows] += 1` and `lower_ids[rows]`;
decoded_spans = decode + bio_spans; repeat_spans / surname_spans = consistency.py's plain-Python rules;
character_spans = the list comprehension the tagger used.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enrichment.ner._consistency_kernels import character_spans, repeat_spans, surname_spans
from enrichment.ner._decode_kernels import bio_spans, decoded_spans
from enrichment.ner._document_kernels import document_emissions
from enrichment.ner.consistency import (
    _MIN_SINGLE_KEY,
    TokenSpan,
    _key_length,
    document_consistency,
    propagate_repeats,
    propagate_surnames,
)
from enrichment.ner.decode import INSIDE, KINDS, TAG_KINDS, decode, decoded_token_spans, masked_transitions
from enrichment.ner.document import combinations_from_codes
from enrichment.ner.features import WINDOW
from enrichment.ner.model import TAGS

_WIDTH = len(TAGS)


def _reference_scores(
    table: npt.NDArray[np.float32], rows: npt.NDArray[np.int64], initial: npt.NDArray[np.bool_]
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    """The former numpy assembly: padded row layout, one take, five shifted additions."""
    sentence_number = np.cumsum(initial)
    count = len(rows) + 2 * int(sentence_number[-1])
    index = np.zeros(count + 4, dtype=np.int64)
    token_positions = np.arange(len(rows)) + 2 * sentence_number
    index[token_positions + 2] = rows
    width = table.shape[2]
    by_offset = np.take(table, index, axis=0).reshape(count + 4, -1)
    scores = by_offset[0:count, 0:width] + by_offset[1 : count + 1, width : 2 * width]
    scores += by_offset[2 : count + 2, 2 * width : 3 * width]
    scores += by_offset[3 : count + 3, 3 * width : 4 * width] + by_offset[4:, 4 * width :]
    return scores, token_positions, index[2 : count + 2] == 0


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=1, max_value=120), st.booleans())
def test_document_emissions_equal_the_separate_steps(seed: int, tokens: int, case_evidence: bool) -> None:
    rng = np.random.default_rng(seed)
    table_rows = 60
    table = rng.normal(size=(table_rows, WINDOW, _WIDTH)).astype(np.float32)
    rows = rng.integers(1, table_rows, size=tokens).astype(np.int64)
    initial = rng.random(tokens) < 0.15
    initial[0] = True
    cases = rng.integers(-1, 3, size=table_rows).astype(np.int64)
    lower_ids = rng.integers(0, 15, size=table_rows).astype(np.int64)
    seen = rng.integers(0, 5, size=table_rows).astype(np.int32)
    document_rows = rng.normal(size=(25, _WIDTH)).astype(np.float32)
    expected_seen = seen.copy()
    expected_seen[rows] += 1
    expected, positions, padding = _reference_scores(table, rows, initial)
    if case_evidence:
        expected[positions] += document_rows[combinations_from_codes(cases[rows], lower_ids[rows], initial)]
    got, got_positions, got_padding, keys = document_emissions(
        table, rows, initial.view(np.uint8), seen, cases, lower_ids, document_rows, case_evidence
    )
    assert np.array_equal(got, expected)
    assert got_positions.tolist() == positions.tolist()
    assert got_padding.tolist() == padding.tolist()
    assert keys.tolist() == lower_ids[rows].tolist()
    assert seen.tolist() == expected_seen.tolist()


def test_document_emissions_reject_a_row_outside_the_per_row_arrays() -> None:
    table = np.zeros((4, WINDOW, _WIDTH), dtype=np.float32)
    short = np.zeros(2, dtype=np.int64)
    try:
        document_emissions(
            table,
            np.array([3], dtype=np.int64),
            np.ones(1, dtype=np.uint8),
            np.zeros(4, dtype=np.int32),
            short,
            short,
            np.zeros((25, _WIDTH), dtype=np.float32),
            True,
        )
    except IndexError:
        return
    raise AssertionError("expected IndexError")


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=1, max_value=80))
def test_decoded_spans_equal_decode_then_bio_spans(seed: int, tokens: int) -> None:
    rng = np.random.default_rng(seed)
    initial = rng.random(tokens) < 0.2
    initial[0] = True
    table = (rng.normal(size=(30, WINDOW, _WIDTH)) * 3).astype(np.float32)
    rows = rng.integers(1, 30, size=tokens).astype(np.int64)
    scores, positions, padding = _reference_scores(table, rows, initial)
    masked = masked_transitions(rng.normal(size=(_WIDTH + 1, _WIDTH)).astype(np.float32))
    tags = decode(scores, padding, masked)[positions]
    expected = bio_spans(np.ascontiguousarray(tags), TAG_KINDS, INSIDE, KINDS)
    assert decoded_spans(scores, padding.view(np.uint8), masked, positions, TAG_KINDS, INSIDE, KINDS) == expected
    assert decoded_token_spans(scores, padding, masked, positions) == expected


_KINDS_OF_SPANS = st.sampled_from(["PERSON", "ORG", "LOCATION", "MISC"])


@st.composite
def _document(draw: st.DrawFn, vocabulary: list[str]) -> tuple[list[str], list[TokenSpan]]:
    """Words from a small vocabulary (so names repeat) and sorted, non-overlapping token spans."""
    words = draw(st.lists(st.sampled_from(vocabulary), max_size=60))
    spans: list[TokenSpan] = []
    position = 0
    while position < len(words):
        position += draw(st.integers(min_value=0, max_value=6))
        length = draw(st.integers(min_value=1, max_value=3))
        if position + length > len(words):
            break
        if draw(st.booleans()):
            spans.append((position, position + length, draw(_KINDS_OF_SPANS)))
        position += length
    return words, spans


_ARABIC = ["الأمم", "المتحدة", "وللامم", "المتحده", "قال", "في", "بي", "عبد", "الله", "بن", "علي", "وعلي", "مصر"]
_ENGLISH = ["Marc", "Blinker", "said", "the", "Blinker's", "Jo", "Ann", "Li", "Smith", "smith", "of", "Paris", "Lee"]


@settings(max_examples=400, deadline=None)
@given(_document(_ARABIC), st.integers(min_value=0, max_value=30))
def test_repeat_spans_equal_the_python_rule(document: tuple[list[str], list[TokenSpan]], window: int) -> None:
    words, spans = document
    ids: dict[str, int] = {}
    keys = np.array([ids.setdefault(_stem(word), len(ids)) for word in words], dtype=np.int64)
    expected = propagate_repeats(words, keys.tolist(), list(spans), window)
    assert repeat_spans(words, keys, list(spans), window, _key_length, _MIN_SINGLE_KEY) == expected
    if window == 0:  # and through the tagger's entry point, with the default window
        got = document_consistency(words, keys, list(spans), "ar")
        assert got == propagate_repeats(words, keys.tolist(), list(spans))


def _stem(word: str) -> str:
    """A crude key (a leading و dropped, ه read as ة) so that different words share keys."""
    return word.removeprefix("و").replace("ه", "ة") if len(word) > 2 else word


@settings(max_examples=400, deadline=None)
@given(_document(_ENGLISH))
def test_surname_spans_equal_the_python_rule(document: tuple[list[str], list[TokenSpan]]) -> None:
    words, spans = document
    expected = propagate_surnames(words, list(spans), "en")
    assert surname_spans(words, _lower_ids(words), list(spans)) == expected
    # the keys only narrow which words are compared: keys shared by every word give the same spans
    assert document_consistency(words, np.zeros(len(words), dtype=np.int64), list(spans), "en") == expected


def _lower_ids(words: list[str]) -> npt.NDArray[np.int64]:
    """The tagger's English document keys: one id per lower-cased word."""
    numbers: dict[str, int] = {}
    return np.array([numbers.setdefault(word.lower(), len(numbers)) for word in words], dtype=np.int64)


def test_surname_spans_with_more_surnames_than_listed_keys() -> None:
    names = [f"Name{index}" for index in range(20)]
    words = [word for name in names for word in ("Jo", name)] + names[::-1]
    spans: list[TokenSpan] = [(2 * index, 2 * index + 2, "PERSON") for index in range(20)]
    expected = propagate_surnames(words, list(spans), "en")
    assert len(expected) == 40
    assert surname_spans(words, _lower_ids(words), list(spans)) == expected


def test_surname_spans_add_the_later_surname() -> None:
    words = ["Marc", "Blinker", "said", ".", "Blinker", "left", "Paris"]
    spans: list[TokenSpan] = [(0, 2, "PERSON"), (6, 7, "LOCATION")]
    keys = _lower_ids(words)
    assert surname_spans(words, keys, spans) == [(0, 2, "PERSON"), (4, 5, "PERSON"), (6, 7, "LOCATION")]
    # a surname the tagger also tagged on its own is left to the tagger
    assert surname_spans(words, keys, [*spans, (4, 5, "ORG")]) == [*spans, (4, 5, "ORG")]
    with pytest.raises(ValueError, match="one key per word"):
        surname_spans(words, keys[:-1], spans)


@given(st.lists(st.integers(min_value=0, max_value=5), min_size=1, max_size=30))
def test_character_spans_map_token_spans_to_offsets(lengths: list[int]) -> None:
    ends = np.cumsum(np.array(lengths, dtype=np.int64) + 1)
    starts = ends - np.array(lengths, dtype=np.int64)
    spans: list[TokenSpan] = [(first, first + 1 + first % 2, "ORG") for first in range(0, len(lengths) - 1, 3)]
    expected = [(int(starts[first]), int(ends[last - 1]), kind) for first, last, kind in spans]
    assert character_spans(spans, starts, ends) == expected
