"""Mapping tagger character spans back to gold tokens, and document-level surname propagation."""

from __future__ import annotations

from enrichment.evaluation.ner import token_spans_of_chars
from enrichment.ner.consistency import propagate_surnames


def test_char_spans_map_to_the_tokens_they_overlap() -> None:
    tokens = ["Marc", "Blinker", "of", "U.S.", "Steel"]
    starts, ends, offset = [], [], 0
    for token in tokens:
        starts.append(offset)
        ends.append(offset + len(token))
        offset += len(token) + 1
    text = " ".join(tokens)
    exact = [(0, 12, "PERSON"), (text.index("U.S."), len(text), "ORG")]
    assert token_spans_of_chars(exact, starts, ends) == [(0, 2, "PERSON"), (3, 5, "ORG")]
    # a span cutting into a token covers the whole token
    assert token_spans_of_chars([(1, 7, "PERSON")], starts, ends) == [(0, 2, "PERSON")]


def test_surname_of_a_tagged_person_is_propagated() -> None:
    words = ["Marc", "Blinker", "scored", ".", "Blinker", "said", "blinker", "Blinker"]
    spans = [(0, 2, "PERSON")]
    assert propagate_surnames(words, spans, "en") == [(0, 2, "PERSON"), (4, 5, "PERSON"), (7, 8, "PERSON")]
    assert propagate_surnames(words, spans, "ar") == spans


def test_surname_already_tagged_alone_is_left_to_the_model() -> None:
    words = ["Marc", "Blinker", "and", "Blinker", "Blinker"]
    spans = [(0, 2, "PERSON"), (3, 4, "ORG")]
    assert propagate_surnames(words, spans, "en") == spans
