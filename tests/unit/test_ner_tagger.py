"""The shipped NER taggers load, find obvious entities, and never raise on odd input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enrichment.ner.tagger import Tagger, load_tagger

TYPES = {"PERSON", "ORG", "LOCATION", "MISC"}


def tagger(language: str) -> Tagger:
    loaded = load_tagger(language)
    if loaded is None:
        pytest.fail(f"no shipped NER model for {language}; run python -m enrichment.ner.train")
    return loaded


def assert_valid(text: str, spans: list[tuple[int, int, str]]) -> None:
    previous_end = 0
    for start, end, kind in spans:
        assert 0 <= previous_end <= start < end <= len(text)
        assert kind in TYPES
        assert text[start:end].strip() == text[start:end]
        previous_end = end


def test_unknown_language_has_no_tagger() -> None:
    assert load_tagger("xx") is None


def test_load_is_cached() -> None:
    assert load_tagger("en") is load_tagger("en")


def test_english_sentences() -> None:
    text = (
        "Angela Merkel met Emmanuel Macron in Paris on Tuesday.\n"
        "The European Union and the United Nations welcomed the talks, a spokesman for Siemens said."
    )
    spans = tagger("en").tag(text)
    assert_valid(text, spans)
    found = {(text[start:end], kind) for start, end, kind in spans}
    assert ("Angela Merkel", "PERSON") in found
    assert ("Emmanuel Macron", "PERSON") in found
    assert ("Paris", "LOCATION") in found
    assert any(kind == "ORG" and "United Nations" in surface for surface, kind in found)


def test_arabic_sentences() -> None:
    text = "قال الرئيس الفرنسي إيمانويل ماكرون في باريس إن الأمم المتحدة ستعقد اجتماعا في بغداد."
    spans = tagger("ar").tag(text)
    assert_valid(text, spans)
    found = {(text[start:end], kind) for start, end, kind in spans}
    assert ("باريس", "LOCATION") in found
    assert ("بغداد", "LOCATION") in found
    assert any(kind == "PERSON" and "ماكرون" in surface for surface, kind in found)


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "😀😀 🇺🇸 Obama 😀",
        "a\x00b \x00\x00 Biden",
        "\u200f\u200eبغداد\u202b",
        "x" * 1_000_000,
        "." * 5000,
    ],
)
def test_odd_input_does_not_raise(language: str, text: str) -> None:
    spans = tagger(language).tag(text)
    assert_valid(text, spans)


@settings(max_examples=150, deadline=None)
@given(st.text(), st.sampled_from(["ar", "en"]))
def test_spans_always_slice_the_text(text: str, language: str) -> None:
    assert_valid(text, tagger(language).tag(text))
