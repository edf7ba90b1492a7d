"""The tagger's word-type cache when it is full: warmed rows stay, recurring learned types stay."""

from __future__ import annotations

import numpy as np
import pytest

import enrichment.ner.tagger as tagger_module
from enrichment.ner.model import LinearModel
from enrichment.ner.tagger import Tagger, load_tagger
from enrichment.ner.type_cache import rows_to_keep
from tests.unit.type_cache_reference import dense_ids, remap_index


def test_rows_to_keep_keeps_warm_rows_then_the_most_seen() -> None:
    seen = np.array([0, 5, 0, 1, 2, 7, 2, 3], dtype=np.int32)
    assert rows_to_keep(seen, 2, limit=10).tolist() == [0, 1, 4, 5, 6, 7]
    assert rows_to_keep(seen, 2, limit=2).tolist() == [0, 1, 5, 7]  # 7 and 3 documents; order kept
    assert rows_to_keep(seen, 2, limit=0).tolist() == [0, 1]
    assert rows_to_keep(seen, 2, limit=-5).tolist() == [0, 1]


def test_remap_and_dense_ids() -> None:
    assert remap_index({"a": 0, "b": 1, "c": 2}, [0, -1, 1]) == {"a": 0, "c": 1}
    ids, index = dense_ids(np.array([0, 4, 4, 2], dtype=np.int64), {"x": 0, "y": 2, "z": 3, "w": 4})
    assert ids.tolist() == [0, 2, 2, 1]
    assert index == {"x": 0, "y": 1, "w": 2}


def _fresh(language: str) -> Tagger:
    shipped = load_tagger(language)
    if shipped is None:
        pytest.fail(f"no shipped NER model for {language}; run python -m enrichment.ner.train")
    return Tagger(LinearModel.load(tagger_module.model_path(language)), shipped._lexicon)


def test_a_full_cache_keeps_recurring_types_and_tags_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [
        "Angela Merkel met Emmanuel Macron in Paris.\nMerkel left for Berlin.",
        "Officials at Zorblatt Industries said Merkel would visit Quixotania on Monday.",
        "Shares of Zorblatt Industries rose in Frankfurt after Macron spoke.",
    ]
    expected = [_fresh("en").tag(text) for text in texts]
    small = _fresh("en")
    small.warm([("Merkel", False), ("Paris", False), ("The", True)])
    warm_size = small._warm_size
    for text, tags in zip(texts, expected, strict=True):
        assert small.tag(text) == tags
    zorblatt, quixotania = small._index.get("Zorblatt", False), small._index.get("Quixotania", False)
    assert zorblatt >= 0 and quixotania >= 0
    assert small._seen[zorblatt] == 2 and small._seen[quixotania] == 1
    monkeypatch.setattr(tagger_module, "MAX_CACHED_TYPES", 2 * (warm_size + 40))
    for text, tags in zip(texts, expected, strict=True):  # the first call overflows the cache
        assert small.tag(text) == tags
    assert 0 <= small._index.get("Merkel", False) < warm_size, "warmed rows keep their place"
    assert small._index.get("Zorblatt", False) >= 0, "a type seen in two documents survives the reset"
    assert small._size <= 2 * (warm_size + 40)
    lower_ids = small._lower_ids[: small._size]
    assert set(lower_ids.tolist()) == set(small._lower_index.rows(False).values()), "dense lower-case ids, all in use"
