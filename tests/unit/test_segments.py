"""Sentence segmentation: the one-regex boundary scan agrees with the character-by-character definition."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from enrichment.events.segments import segment

_CANDIDATE = re.compile(r"[.!?؟\n]")


def _reference(text: str) -> tuple[list[int], list[int]]:
    """Every end mark checked in turn: the straightforward reading of the segmentation rule."""
    sentences, paragraphs, size = [0], [0], len(text)
    for m in _CANDIDATE.finditer(text):
        index = m.end()
        if m.group() == "\n":
            while index < size and text[index] == "\n":
                index += 1
            if sentences[-1] < index < size:
                sentences.append(index)
                paragraphs.append(index)
            continue
        if index >= size or not text[index].isspace():
            continue
        while index < size and text[index] in " \t\r\u00a0":
            index += 1
        if index < size and text[index] != "\n" and index > sentences[-1]:
            char = text[index]
            if char.isupper() or char in "\"“'(" or "\u0600" <= char <= "\u06ff":
                sentences.append(index)
    return sentences, paragraphs


_PIECES = st.sampled_from(["a", "A", " ", ".", "!", "?", "؟", "\n", "\t", "\r", "\u00a0", "\u2003", '"', "(", "ب", "5"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=25).map("".join))
def test_segment_matches_reference(text: str) -> None:
    found = segment(text)
    assert (list(found.sentence_starts), list(found.paragraph_starts)) == _reference(text)


def test_decimals_and_abbreviation_dots_do_not_split() -> None:
    found = segment("Oil rose 3.5 percent. Prices fell.\n\nقال الوزير. ثم غادر")
    assert found.sentence_starts == (0, 22, 36, 48)
    assert found.paragraph_starts == (0, 36)
