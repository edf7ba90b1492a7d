"""The shipped pre-scored vocabulary is exactly what scoring the vocabulary at start-up would give."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from enrichment.ner.lexicon import load_lexicon
from enrichment.ner.model import LinearModel
from enrichment.ner.tagger import LANGUAGES, MODELS_DIR, Tagger, model_path
from enrichment.ner.vocabulary import load_vocabulary, vocabulary_path
from enrichment.ner.warm_cache import fingerprint, load_warm_cache, warm_cache_path

SHIPPED = [language for language in LANGUAGES if model_path(language).exists()]


def _fresh(language: str) -> Tagger:
    return Tagger(LinearModel.load(model_path(language)), load_lexicon(language, MODELS_DIR))


@pytest.mark.parametrize("language", SHIPPED)
def test_the_shipped_cache_equals_scoring_the_vocabulary(language: str) -> None:
    scored = _fresh(language)
    scored.warm(load_vocabulary(vocabulary_path(language, MODELS_DIR)))
    restored = _fresh(language)
    assert load_warm_cache(restored, language), (
        f"{warm_cache_path(language).name} is missing or stale: run python -m enrichment.ner.warm_cache"
    )
    expected, got = scored.cache_state(), restored.cache_state()
    assert expected.keys() == got.keys()
    for name in expected:
        assert np.array_equal(expected[name], got[name]), name
    text = "The Pentagon said on Friday that Kirby met officials in Baghdad. قال كيربي إن البنتاغون"
    assert restored.tag(text) == scored.tag(text)


def test_a_stale_or_broken_cache_is_ignored(tmp_path: Path) -> None:
    language = SHIPPED[0]
    for name in (model_path(language).name, vocabulary_path(language, MODELS_DIR).name):
        (tmp_path / name).write_bytes((MODELS_DIR / name).read_bytes())
    tagger = _fresh(language)
    assert not load_warm_cache(tagger, language, tmp_path), "no cache file: nothing restored"
    (tmp_path / warm_cache_path(language).name).write_bytes(warm_cache_path(language).read_bytes())
    assert fingerprint(language, tmp_path) != fingerprint(language), "the lexicon files are absent here"
    assert not load_warm_cache(tagger, language, tmp_path), "a cache made from other files is stale"
    (tmp_path / warm_cache_path(language).name).write_bytes(b"not an npz file")
    assert not load_warm_cache(tagger, language, tmp_path)
