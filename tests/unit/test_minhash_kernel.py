"""The compiled de-duplication signature (_minhash.pyx) equals dedup's plain-Python reference, bit for bit."""

from __future__ import annotations

import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enrichment import dedup
from enrichment._minhash import MinHasher

# Arabic letters the folding rewrites or drops, every str.isspace() character, near misses of their UTF-8
# (U+200B, U+2030, U+0660 share lead bytes) and anything else, lone surrogates included.
_SPACES = [chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace()]
_TRICKY = list("abc AB.,أإآىةاهيـ\u064b\u064e\u0651\u0652\u0670\u200b\u2030\u0660\u1681\u3001") + _SPACES
_TEXT = st.text(st.sampled_from(_TRICKY) | st.characters(), max_size=300)


def _assert_same(text: str) -> None:
    joined, sig = dedup.fast_signature(text)
    reference_joined, reference_sig = dedup.reference_signature(text)
    assert joined == reference_joined
    if reference_sig is None:
        assert sig is None
    else:
        assert sig is not None and sig.dtype == np.uint64
        assert sig.tolist() == reference_sig.tolist()


@settings(max_examples=600, deadline=None)
@given(_TEXT)
def test_the_kernel_equals_the_reference(text: str) -> None:
    _assert_same(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["w", "كلمة", "أَ", "\u064b", " ", "\u3000", "\xa0", "x\u0640y"]), max_size=40))
def test_word_boundaries_and_dropped_marks_equal_the_reference(parts: list[str]) -> None:
    """Words that fold to nothing, marks between words and runs of mixed white space."""
    _assert_same("".join(parts))


def test_every_white_space_character_separates_words() -> None:
    for space in _SPACES:
        _assert_same(f"one{space}two three four five six{space}")


def test_an_unsupported_shape_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported"):
        MinHasher([1] * 65, [1] * 65, [1])
