"""Feature building blocks: Arabic normalisation, document case evidence, stable hashing, model I/O."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from enrichment.ner.arabic import normalize_arabic, strip_proclitics
from enrichment.ner.document import document_combinations
from enrichment.ner.features import HASH_MASK, feature_id, word_feature_ids
from enrichment.ner.lexicon import Lexicon
from enrichment.ner.model import LinearModel


def test_arabic_normalisation_and_proclitics() -> None:
    assert normalize_arabic("إِسْرَائِيلُ") == "اسراييل"
    assert normalize_arabic("القاهرة") == "القاهره"
    assert strip_proclitics(normalize_arabic("وبالعراق")) == ("وبال", "عراق")
    assert strip_proclitics("لبنان") == ("ل", "بنان")  # ambiguous: the gazetteer also tries the whole word
    assert strip_proclitics("في") == ("", "في")


def test_feature_ids_are_stable_and_in_range() -> None:
    assert feature_id(0, "w=paris") == feature_id(0, "w=paris") != feature_id(1, "w=paris")
    ids = word_feature_ids("Paris", False, "en", Lexicon())
    assert len(ids) == 5 and all(0 <= i <= HASH_MASK for offset in ids for i in offset)


def test_document_case_evidence() -> None:
    words = ["JAPAN", "WIN", ".", "Japan", "beat", "Syria", ".", "The", "win", "was", "won"]
    initial = [True, False, False, True, False, False, False, True, False, False, False]
    combos = document_combinations(words, initial, "en")
    # "JAPAN": upper, initial, no title-case mid-sentence copy (Japan is sentence-initial), no lower copy
    assert combos[0] == 1 + 2 * 8 + 4
    # "WIN": upper, a lower-case "win" elsewhere
    assert combos[1] == 1 + 2 * 8 + 1
    assert combos[2] == 0  # punctuation
    assert document_combinations(words, initial, "ar") == [0] * len(words)


@given(st.lists(st.sampled_from(["Paris", "paris", "PARIS", "the", "The", ".", "1"]), max_size=30))
def test_document_combinations_in_range(words: list[str]) -> None:
    initial = [index == 0 for index in range(len(words))]
    assert all(0 <= combo < 25 for combo in document_combinations(words, initial, "en"))


def test_model_round_trip(tmp_path: Path) -> None:
    model = LinearModel.empty("en")
    model.weights[[3, 70_000]] = np.arange(18, dtype=np.float32).reshape(2, 9) / 4
    model.transitions[:] = 0.5
    path = tmp_path / "m.npz"
    model.save(path)
    loaded = LinearModel.load(path)
    assert loaded.language == "en"
    assert np.array_equal(loaded.weights, model.weights)
    assert np.array_equal(loaded.transitions, model.transitions)
