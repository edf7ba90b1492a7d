"""The NER tokeniser: CoNLL-like splits, offsets that always slice the original text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from enrichment.ner.tokenize import SPACED_TOKEN_RE, token_spans, tokenize


def texts(text: str) -> list[str]:
    return [token.text for token in tokenize(text)]


def test_english_conventions() -> None:
    assert texts("The U.S. envoy didn't visit Germany's capital, Mr. Kirby said.") == [
        "The", "U.S.", "envoy", "did", "n't", "visit", "Germany", "'s", "capital", ",",
        "Mr.", "Kirby", "said", ".",
    ]  # fmt: skip


def test_numbers_hyphens_and_apostrophe_names() -> None:
    assert texts("1,000.5 people on 10:30 one-day O'Brien AT&T F-16s") == [
        "1,000.5", "people", "on", "10:30", "one-day", "O'Brien", "AT&T", "F-16s",
    ]  # fmt: skip


def test_arabic_keeps_diacritics_and_splits_punctuation() -> None:
    assert texts("قالَ الرئيسُ، «وبغداد»؟") == ["قالَ", "الرئيسُ", "،", "«", "وبغداد", "»", "؟"]


@settings(max_examples=300)
@given(st.text())
def test_offsets_always_slice_the_original(text: str) -> None:
    tokens = tokenize(text)
    for token in tokens:
        assert text[token.start : token.end] == token.text
        assert token.text and not token.text.isspace()
    assert [(token.start, token.end) for token in tokens] == token_spans(text)
    # every non-space character belongs to exactly one token, in order
    assert "".join(token.text for token in tokens) == "".join(text.split())


@settings(max_examples=200)
@given(st.text(alphabet=st.sampled_from("ab .'-,\n\u0628\u064e\u00a0\u200f\x00😀U.S")))
def test_spaced_pattern_agrees_with_tokenize(text: str) -> None:
    pieces = SPACED_TOKEN_RE.findall(text)
    assert [word for _, word in pieces] == texts(text)
    assert "".join(space + word for space, word in pieces) == text.rstrip() or text.isspace()
