"""The tagger's fast paths give exactly what the straightforward versions give.

Batched row filling (offset ids and summed rows: test_tagger_kernels.py), sentence-initial flags from cached rows,
vectorised span assembly, the warm-up vocabulary and the cache reset that keeps warmed rows.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enrichment.ner import tagger as tagger_module
from enrichment.ner.arabic import PROCLITICS, strip_proclitics
from enrichment.ner.features import word_shape
from enrichment.ner.gazetteer import lookup_normalized_arabic
from enrichment.ner.model import TAGS, LinearModel
from enrichment.ner.tagger import Tagger, load_tagger, token_spans
from enrichment.ner.vocabulary import initial_flags, load_vocabulary, save_vocabulary, split_text, with_capitalised

_KINDS = [tag[2:] for tag in TAGS]


def shipped(language: str) -> Tagger:
    loaded = load_tagger(language)
    if loaded is None:
        pytest.fail(f"no shipped NER model for {language}; run python -m enrichment.ner.train")
    return loaded


def fresh(language: str) -> Tagger:
    """An unwarmed tagger over the shipped model (its own cache, so tests don't share state)."""
    loaded = shipped(language)
    return Tagger(loaded_model(language), loaded._lexicon)


def loaded_model(language: str) -> LinearModel:
    return LinearModel.load(tagger_module.model_path(language))


def _reference_spans(tags: list[int]) -> list[tuple[int, int, str]]:
    entities: list[tuple[int, int, str]] = []
    for position, tag in enumerate(tags):
        if tag == 0:
            continue
        kind = _KINDS[tag]
        inside = TAGS[tag].startswith("I-")
        if inside and entities and entities[-1][1] == position and entities[-1][2] == kind:
            entities[-1] = (entities[-1][0], position + 1, kind)
        else:
            entities.append((position, position + 1, kind))
    return entities


@given(st.lists(st.integers(min_value=0, max_value=len(TAGS) - 1), max_size=40))
def test_token_spans_match_the_reference_loop(tags: list[int]) -> None:
    assert token_spans(np.array(tags, dtype=np.int64)) == _reference_spans(tags)


_TEXT_PIECES = st.sampled_from(
    ["Paris", "paris", ".", "!", "?", "؟", "…", "...", " ", "  ", "\n", " \n ", "\t", "بغداد", "و", "U.S.", "x" * 70]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_TEXT_PIECES, max_size=30))
def test_sentence_initial_flags_match_the_token_definition(pieces: list[str]) -> None:
    text = " ".join(pieces)
    spaces, words = split_text(text)
    if not words:
        return
    found = shipped("en")._rows_for(text)
    assert found.words == words
    assert found.initial.tolist() == initial_flags(spaces, words)
    assert [text[start:end] for start, end in zip(found.starts.tolist(), found.ends.tolist(), strict=True)] == words


@pytest.mark.parametrize("language", ["ar", "en"])
def test_warm_tagger_tags_like_a_cold_one(language: str) -> None:
    text = {
        "en": "Angela Merkel met Emmanuel Macron in Paris.\nThe talks ended. Merkel left for Berlin on Friday.",
        "ar": "قال الرئيس الفرنسي إيمانويل ماكرون في باريس.\nوعاد ماكرون إلى بغداد يوم الجمعة.",
    }[language]
    cold = fresh(language)
    assert cold.tag(text) == shipped(language).tag(text)


def test_cache_reset_keeps_the_warmed_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Angela Merkel met Emmanuel Macron in Paris.\nMerkel left for Berlin."
    expected = fresh("en").tag(text)
    small = fresh("en")
    small.warm([("Merkel", False), ("Paris", False), ("The", True)])
    kept = small._warm_size
    monkeypatch.setattr(tagger_module, "MAX_CACHED_TYPES", kept + 30)
    for _ in range(3):  # every call now overflows the small cache and starts over from the kept rows
        assert small.tag(text) == expected
        assert 0 <= small._index.get("Merkel", False) < kept
    assert small._size <= kept + 30


def test_vocabulary_round_trip(tmp_path: Path) -> None:
    types = [("the", False), ("The", True), ("بغداد", False), ("a\ud800b", True)]
    path = tmp_path / "vocabulary.tsv.gz"
    save_vocabulary(types, path)
    assert load_vocabulary(path) == types
    assert load_vocabulary(tmp_path / "absent.tsv.gz") == []


def test_capitalised_forms_follow_the_listed_types() -> None:
    types = [("farrell", False), ("the", True), ("The", True), ("u.s.", False), ("2004", False), ("Leicester", False)]
    assert with_capitalised(types) == [
        *types,
        ("Farrell", False),
        ("Farrell", True),
        ("The", False),
    ]


@given(st.lists(st.tuples(st.text(max_size=6), st.booleans()), unique=True, max_size=30))
def test_capitalised_forms_add_only_new_title_case_types(types: list[tuple[str, bool]]) -> None:
    extended = with_capitalised(types)
    assert extended[: len(types)] == types
    assert len(set(extended)) == len(extended)
    lower_words = {word for word, _ in types if word.islower() and word.isalpha()}
    for word, _ in extended[len(types) :]:
        assert any(lower[:1].upper() + lower[1:] == word for lower in lower_words)


def _reference_shape(word: str) -> str:
    out: list[str] = []
    for char in word[:24]:
        code = (
            "X"
            if char.isupper()
            else "x"
            if char.islower()
            else "d"
            if char.isdigit()
            else "a"
            if char.isalpha()
            else char
        )
        if not out or out[-1] != code:
            out.append(code)
    return "".join(out)


@given(st.text(max_size=40) | st.from_regex(r"[A-Za-z0-9.\-']{0,30}", fullmatch=True))
def test_word_shape_fast_path_matches_the_character_loop(word: str) -> None:
    assert word_shape(word) == _reference_shape(word)


_ARABIC_WORDS = st.text(alphabet="وبالفكلةاسمعرقد", max_size=9)


@given(_ARABIC_WORDS)
def test_proclitic_stripping_matches_the_ordered_scan(word: str) -> None:
    expected = next(
        (
            (proclitic, word[len(proclitic) :])
            for proclitic in PROCLITICS
            if word.startswith(proclitic) and len(word) - len(proclitic) >= 3
        ),
        ("", word),
    )
    assert strip_proclitics(word) == expected


@given(_ARABIC_WORDS)
def test_arabic_gazetteer_lookup_matches_the_ordered_scan(word: str) -> None:
    table = {"عراق": ("LOCATION",), "سعد": ("PERSON", "LOCATION"), "بالعراق": ("ORG",), "مد": ("PERSON",)}
    kinds = set(table.get(word, ()))
    for proclitic in PROCLITICS:
        if word.startswith(proclitic) and len(word) - len(proclitic) >= 2:
            kinds.update(table.get(word[len(proclitic) :], ()))
    assert lookup_normalized_arabic(table, word) == tuple(sorted(kinds))
