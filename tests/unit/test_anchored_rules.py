"""Shared anchor scanners (one automaton pass for several stages) find exactly what separate ones find."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from enrichment.anchored_rules import AnchorScanner

_FIRST = [("kill", "en_verb"), ("killed", "en_verb"), ("قتل", "ar*"), ("اب", "ar_month"), ("may", "month")]
_SECOND = [("kill", "trigger*"), ("men", "cue"), ("مقتل", "ar*"), ("اب", "other"), ("base", "place")]


def _pair(anchors: list[tuple[str, str]]) -> tuple[AnchorScanner, AnchorScanner]:
    return AnchorScanner(anchors), AnchorScanner(anchors, shared=True)


_PLAIN_A, _SHARED_A = _pair(_FIRST)
_PLAIN_B, _SHARED_B = _pair(_SECOND)

_ALPHABET = st.sampled_from(
    ["kill", "ed", "men", "may", "base", "s", " ", ".", "و", "ال", "قتل", "مقتل", "اب", "x", "\n"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=30).map("".join))
def test_shared_scanners_match_separate_ones(text: str) -> None:
    assert _SHARED_A.spans(text) == _PLAIN_A.spans(text)
    assert _SHARED_B.spans(text) == _PLAIN_B.spans(text)
    assert _SHARED_A.scan(text) == _PLAIN_A.scan(text)


def test_shared_scanner_finds_clitic_prefixed_and_stem_words() -> None:
    text = "وبالقتل killed kill men"
    assert ("ar*", 4, 7) in _SHARED_A.spans(text)
    assert [kind for kind, _, _ in _SHARED_B.spans(text) if kind == "trigger*"] == ["trigger*", "trigger*"]
    assert _SHARED_B.spans(text, 0, 10) == _PLAIN_B.spans(text, 0, 10)
