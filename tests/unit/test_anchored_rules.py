"""Shared anchor scanners (one automaton pass for several stages) find exactly what separate ones find."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from enrichment.anchored_rules import AnchorScanner, _ScannerGroup

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


_PUNCTUATED = [
    ("u.s.", "country"),
    ("oil price", "cue"),
    ("oil-price", "cue*"),
    ("-led", "suffix*"),
    ("kill", "verb*"),
    ("men", "noun"),
]
_PLAIN_C = AnchorScanner(_PUNCTUATED)
_GROUP_C = _ScannerGroup()
_SLOTS_C = [_GROUP_C.join(scanner) for scanner in (_PLAIN_A, _PLAIN_B, _PLAIN_C)]
_ASCII_ALPHABET = st.sampled_from(
    [
        "kill",
        "ed",
        "men",
        "may",
        "base",
        "u.s.",
        "u",
        "s",
        "oil",
        "price",
        "-led",
        "led",
        "-",
        ".",
        " ",
        "x",
        "\n",
        "_",
        "s",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_ASCII_ALPHABET, max_size=30).map("".join))
def test_ascii_texts_walk_the_bounded_automaton_like_separate_scanners(text: str) -> None:
    _, bounded, members = _GROUP_C._build()
    assert bounded is not None and members == 3
    for slot, scanner in zip(_SLOTS_C, (_PLAIN_A, _PLAIN_B, _PLAIN_C), strict=True):
        assert _GROUP_C.spans(text, slot) == scanner.spans(text)


def test_words_spaced_alike_are_told_apart() -> None:
    scanner = AnchorScanner([("al-qaeda", "org"), ("al qaeda", "group*"), ("air-strike", "event")])
    group = _ScannerGroup()
    slot = group.join(scanner)
    assert group._build()[1] is not None
    text = "the al-qaeda and al qaeda, al qaedas; air strike, air-strikes and air-strike."
    assert group.spans(text, slot) == scanner.spans(text)
    assert [kind for kind, _, _ in scanner.spans(text)] == ["org", "group*", "group*", "event"]
