"""The two-pass (stacked) tagger: document features, and tagging that matches how it was trained."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enrichment.ner.consistency import propagate_repeats
from enrichment.ner.corpus import Sentence
from enrichment.ner.decode import decode, masked_transitions
from enrichment.ner.lexicon import Lexicon
from enrichment.ner.model import TAGS, LinearModel
from enrichment.ner.perceptron import FeatureEncoder, emissions
from enrichment.ner.stacked_training import first_pass_labels, with_document_features
from enrichment.ner.stacking import (
    BLOCK_TOKENS,
    NEIGHBOUR_IDS,
    OCCURRENCE_IDS,
    TYPE_NAMES,
    document_features,
    document_key,
    first_pass_types,
)
from enrichment.ner.tagger import Tagger, token_spans

OUT, PERSON, ORG = 0, 1, 2


def test_other_occurrences_decide_the_occurrence_feature() -> None:
    # tokens: A(PERSON) b(O) A(O) | c(O); A's second occurrence sees one PERSON elsewhere.
    types = np.array([PERSON, OUT, OUT, OUT])
    keys = np.array([0, 1, 0, 2])
    initial = np.array([True, False, False, True])
    features = document_features(types, keys, initial)
    majority_person_all = 2 + 0 * 3 + 2  # entity share 1/1 of the others: top bucket
    assert features.occurrence[2] == majority_person_all * len(TYPE_NAMES) + OUT
    assert features.occurrence[0] == 1 * len(TYPE_NAMES) + PERSON  # its other occurrence is O
    assert features.occurrence[1] == 0 * len(TYPE_NAMES) + OUT  # no other occurrence
    side = len(TYPE_NAMES) + 1
    start_or_end = len(TYPE_NAMES)
    assert features.neighbours[0] == start_or_end * side + OUT
    assert features.neighbours[1] == PERSON * side + OUT
    assert features.neighbours[2] == OUT * side + start_or_end  # the next token starts a sentence
    assert features.neighbours[3] == start_or_end * side + start_or_end


def test_occurrences_are_pooled_within_a_block_only() -> None:
    count = BLOCK_TOKENS + 1
    types = np.zeros(count, dtype=np.int64)
    types[0] = ORG
    keys = np.full(count, 5)
    initial = np.zeros(count, dtype=bool)
    initial[[0, BLOCK_TOKENS]] = True
    features = document_features(types, keys, initial)
    assert features.occurrence[-1] == 0  # alone in the second block
    assert features.occurrence[1] // len(TYPE_NAMES) != 0  # sees the ORG in its own block


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 6), st.booleans()), min_size=1, max_size=80))
def test_feature_ids_stay_in_range(tokens: list[tuple[int, int, bool]]) -> None:
    types = np.array([t for t, _, _ in tokens], dtype=np.int64)
    keys = np.array([k for _, k, _ in tokens], dtype=np.int64)
    initial = np.array([i for _, _, i in tokens], dtype=bool)
    initial[0] = True
    features = document_features(types, keys, initial)
    assert features.occurrence.shape == features.neighbours.shape == (len(tokens),)
    assert features.occurrence.min() >= 0 and features.occurrence.max() < OCCURRENCE_IDS
    assert features.neighbours.min() >= 0 and features.neighbours.max() < NEIGHBOUR_IDS
    assert np.array_equal(features.occurrence % len(TYPE_NAMES), types)


def test_first_pass_types_collapse_bio() -> None:
    scores = np.zeros((3, len(TAGS)), dtype=np.float32)
    scores[0, TAGS.index("I-ORG")] = 1.0
    scores[1, TAGS.index("B-MISC")] = 1.0
    assert first_pass_types(scores).tolist() == [TYPE_NAMES.index("ORG"), TYPE_NAMES.index("MISC"), 0]


def test_arabic_key_pools_clitic_variants() -> None:
    assert document_key("وبغداد", "ar") == document_key("بغداد", "ar")
    assert document_key("Paris", "en") == "paris"


def _random_model(seed: int) -> LinearModel:
    rng = np.random.default_rng(seed)
    model = LinearModel.empty("ar")
    # float16-exact values: the tagger keeps its weights in float16.
    model.weights[:] = rng.normal(0.0, 1.0, model.weights.shape).astype(np.float16).astype(np.float32)
    model.transitions[:] = rng.normal(0.0, 1.0, model.transitions.shape).astype(np.float32)
    return model


def test_stacked_tagger_tags_as_trained() -> None:
    """The tagger's second pass (cached rows + gathered document rows) decodes to the same spans as the
    training-time encoding of the same sentences (feature ids appended per token)."""
    words = ["بغداد", "وبغداد", "الرئيس", "قال", "مجلس", "الامن", "بيروت", "وزارة", "النفط"]
    rng = np.random.default_rng(3)
    sentences = [Sentence(tuple(rng.choice(words, size=int(rng.integers(2, 9))).tolist()), ()) for _ in range(12)]
    sentences = [Sentence(sentence.tokens, ("O",) * len(sentence.tokens)) for sentence in sentences]
    first, second = _random_model(1), _random_model(2)
    encoder = FeatureEncoder("ar", Lexicon())
    encoded = encoder.encode_document(sentences)
    stacked = with_document_features(encoded, sentences, first_pass_labels(first, encoded), "ar")
    masked = masked_transitions(second.transitions)
    expected: list[tuple[int, int, str]] = []
    offset = 0
    for sentence in stacked:
        scores = emissions(second.weights, sentence.ids, sentence.starts)
        tags = decode(scores, np.zeros(len(scores), dtype=bool), masked)
        expected += [(start + offset, end + offset, kind) for start, end, kind in token_spans(tags)]
        offset += len(sentence.starts)
    # the tagger adds its document-level rule after decoding
    words = [word for sentence in sentences for word in sentence.tokens]
    expected = propagate_repeats(words, [document_key(word, "ar") for word in words], expected)
    text = "\n".join(" ".join(sentence.tokens) for sentence in sentences)
    tagger = Tagger(first, Lexicon(), second)
    ends = np.cumsum([len(word) + 1 for sentence in sentences for word in sentence.tokens]) - 1
    token_of_end = {int(end): index for index, end in enumerate(ends)}
    starts = [0, *(ends[:-1] + 1).tolist()]
    token_of_start = {start: index for index, start in enumerate(starts)}
    found = [(token_of_start[start], token_of_end[end] + 1, kind) for start, end, kind in tagger.tag(text)]
    assert expected
    assert found == expected


def _reference(types: list[int], keys: list[int], initial: list[bool]) -> tuple[list[int], list[int]]:
    """document_features written as the plain loop it vectorises."""
    kinds = len(TYPE_NAMES)
    first = 0
    block_of: list[int] = []
    for position, starts in enumerate(initial):
        first = position if starts else first
        block_of.append(first // BLOCK_TOKENS)
    occurrence: list[int] = []
    neighbours: list[int] = []
    for position, (own, key) in enumerate(zip(types, keys, strict=True)):
        others = [0] * kinds
        for other in range(len(types)):
            if other != position and keys[other] == key and block_of[other] == block_of[position]:
                others[types[other]] += 1
        total, entities = sum(others), sum(others) - others[0]
        if entities:
            majority = max(range(1, kinds), key=lambda kind: others[kind]) - 1
            share = entities / total
            code = 2 + 3 * majority + (share >= 0.34) + (share >= 0.67)
        else:
            code = 1 if total else 0
        occurrence.append(code * kinds + own)
        before = kinds if initial[position] else types[position - 1]
        after = kinds if position + 1 == len(types) or initial[position + 1] else types[position + 1]
        neighbours.append(before * (kinds + 1) + after)
    return occurrence, neighbours


@pytest.mark.parametrize(("seed", "count"), [(0, 1), (1, 40), (2, 499), (3, 500), (4, 501), (5, 1300)])
def test_vectorised_features_match_the_loop(seed: int, count: int) -> None:
    rng = np.random.default_rng(seed)
    types = rng.choice(len(TYPE_NAMES), size=count, p=[0.6, 0.1, 0.1, 0.1, 0.1]).astype(np.int64)
    keys = rng.integers(0, max(2, count // 4), size=count).astype(np.int64) * 7919
    initial = rng.random(count) < 0.08
    initial[0] = True
    features = document_features(types, keys, initial)
    occurrence, neighbours = _reference(types.tolist(), keys.tolist(), initial.tolist())
    assert features.occurrence.tolist() == occurrence
    assert features.neighbours.tolist() == neighbours
