"""Arabic document-level repeat propagation: untagged repeats of a tagged name near it take its type."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from enrichment.ner.consistency import TokenSpan
from enrichment.ner.consistency import propagate_repeats as propagate_with_keys
from enrichment.ner.stacking import document_key

_FILLER = ["قال", "في", "بيان", "أمس"]


def arabic_keys(words: list[str]) -> list[str]:
    return [document_key(word, "ar") for word in words]


def propagate_repeats(words: list[str], spans: list[TokenSpan], window: int = 500) -> list[TokenSpan]:
    """The rule with the keys the tagger gives it (its per-type document key)."""
    return propagate_with_keys(words, arabic_keys(words), spans, window)


def test_a_repeat_with_a_clitic_or_another_spelling_takes_the_tagged_type() -> None:
    words = ["الأمم", "المتحدة", "قالت", "إن", "وللامم", "المتحده", "ترحب"]
    assert propagate_repeats(words, [(0, 2, "ORG")]) == [(0, 2, "ORG"), (4, 6, "ORG")]


def test_the_majority_type_of_the_tagged_occurrences_is_given() -> None:
    words = ["عمان", "عمان", "في", "عمان", "وعمان"]
    spans = [(0, 1, "LOCATION"), (1, 2, "PERSON"), (3, 4, "LOCATION")]
    assert propagate_repeats(words, spans) == [*spans, (4, 5, "LOCATION")]


def test_far_repeats_short_names_and_tagged_tokens_are_left_alone() -> None:
    words = ["بنفيكا", *_FILLER * 3, "وبنفيكا"]
    assert propagate_repeats(words, [(0, 1, "ORG")], window=5) == [(0, 1, "ORG")]
    assert propagate_repeats(words, [(0, 1, "ORG")], window=50) == [(0, 1, "ORG"), (13, 14, "ORG")]
    # a one-word name whose key has fewer than 3 letters is not spread
    assert propagate_repeats(["بي", "قال", "بي"], [(0, 1, "ORG")]) == [(0, 1, "ORG")]
    # a repeat overlapping another tagged span keeps that span's reading
    words = ["حزب", "الله", "قال", "حزب", "الله"]
    spans = [(0, 2, "ORG"), (4, 5, "PERSON")]
    assert propagate_repeats(words, spans) == spans


def test_a_longer_name_is_spread_before_its_prefix() -> None:
    words = ["عبد", "الله", "بن", "علي", "ثم", "عبد", "الله", "و", "عبد", "الله", "بن", "علي"]
    spans = [(0, 4, "PERSON"), (5, 7, "LOCATION")]
    assert propagate_repeats(words, spans) == [*spans, (8, 12, "PERSON")]


_WORDS = st.lists(st.sampled_from(["بغداد", "وبغداد", "الأمم", "المتحدة", "للأمم", "قال", "في", "x"]), max_size=40)


@settings(max_examples=200, deadline=None)
@given(_WORDS, st.data())
def test_spans_stay_sorted_disjoint_and_added_ones_repeat_a_name(words: list[str], data: st.DataObject) -> None:
    spans: list[tuple[int, int, str]] = []
    position = 0
    while position < len(words):  # random disjoint spans
        size = data.draw(st.integers(0, 3))
        if size and position + size <= len(words) and data.draw(st.booleans()):
            spans.append((position, position + size, data.draw(st.sampled_from(["ORG", "LOCATION", "PERSON"]))))
        position += max(size, 1)
    result = propagate_repeats(words, spans)
    assert set(spans) <= set(result)
    assert result == sorted(result)
    assert all(end <= start for (_, end, _), (start, _, _) in pairwise(result))
    keys = arabic_keys(words)
    tagged_names = {tuple(keys[start:end]) for start, end, _ in spans}
    assert all(tuple(keys[start:end]) in tagged_names for start, end, _ in set(result) - set(spans))
