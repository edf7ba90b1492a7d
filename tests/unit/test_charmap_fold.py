"""CharmapFold maps texts of its alphabet exactly like a per-character function, and refuses others."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enrichment.charmap_fold import NEWS_ALPHABET, CharmapFold

_UPPER = CharmapFold(lambda char: char.upper() if len(char.upper()) == 1 else char)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(NEWS_ALPHABET), max_size=60))
def test_maps_every_character(text: str) -> None:
    expected = "".join(c.upper() if len(c.upper()) == 1 else c for c in text)
    assert _UPPER(text) == expected


def test_text_outside_the_alphabet_is_refused() -> None:
    assert _UPPER("abc \U0001f600") is None
    assert _UPPER("ﻷ") is None
    assert _UPPER("قال") == "قال"


def test_images_must_be_single_characters() -> None:
    with pytest.raises(ValueError):
        CharmapFold(lambda char: char * 2)
    with pytest.raises(ValueError):
        CharmapFold(str, alphabet="ab" * 200)
