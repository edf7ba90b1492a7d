"""Sentence segmentation: the compiled scan agrees with the regex scan it replaced and the per-character rule."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enrichment._event_kernels import boundaries
from enrichment.events.segments import segment
from tests.unit.segments_reference import reference_boundaries

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


# Capitals beyond ASCII (É, Σ, Ж, a titlecase digraph that is no capital, a capital outside the BMP), lower
# case, other spaces and marks: the compiled `isupper` test must read them as `str.isupper` does.
_WIDE_PIECES = st.sampled_from(
    ["a", "A", "É", "é", "Σ", "ж", "Ж", "ǅ", "\U0001d400", "ß", " ", ".", "!", "?", "؟", "\n", "\t", "\r",
     "\u00a0", "\u2003", '"', "“", "'", "(", "ب", "ۿ", "5", ".."]
)  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(st.one_of(st.lists(_WIDE_PIECES, max_size=40).map("".join), st.text(max_size=60)))
def test_compiled_boundaries_equal_the_regex_scan(text: str) -> None:
    assert boundaries(text) == reference_boundaries(text)


def _sample_texts() -> list[str]:
    shared = Path(os.environ.get("AKHBAR_SHARED_DIR", Path(__file__).resolve().parents[3] / "shared"))
    texts = []
    for path in sorted((shared / "samples").glob("*.raw.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        texts.append(f"{raw['title']}\n\n{raw['body']}")
    return texts


def test_compiled_boundaries_equal_the_regex_scan_on_real_articles() -> None:
    texts = _sample_texts()
    if not texts:
        pytest.skip("no sample articles under ../shared/samples")
    for text in texts:
        assert boundaries(text) == reference_boundaries(text)
        assert len(boundaries(text)[0]) > 1
