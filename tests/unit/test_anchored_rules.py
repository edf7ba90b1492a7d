"""Shared anchor scanners (one walk for several stages) find exactly what separate ones find, and the compiled
trie walk (enrichment/_anchored_walk.pyx) finds exactly what the pyahocorasick walks it replaced found."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from enrichment._anchored_walk import year_spans
from enrichment.anchored_rules import AnchorScanner, _ScannerGroup
from tests.unit import anchored_rules_reference as reference

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
    ("\U0001f600x", "emoji*"),  # beyond the trie's dense columns
]
_PLAIN_C = AnchorScanner(_PUNCTUATED)
_GROUP_C = _ScannerGroup()
_SLOTS_C = [_GROUP_C.join(scanner) for scanner in (_PLAIN_A, _PLAIN_B, _PLAIN_C)]
_ASCII_PIECES = [
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
_ASCII_ALPHABET = st.sampled_from(_ASCII_PIECES)


@settings(max_examples=400, deadline=None)
@given(st.lists(_ASCII_ALPHABET, max_size=30).map("".join))
def test_ascii_texts_walk_like_separate_scanners(text: str) -> None:
    _, members = _GROUP_C._build()
    assert members == 3
    for slot, scanner in zip(_SLOTS_C, (_PLAIN_A, _PLAIN_B, _PLAIN_C), strict=True):
        assert _GROUP_C.spans(text, slot) == scanner.spans(text)


_REFERENCE_GROUP = reference._ScannerGroup()
for _scanner in (_PLAIN_A, _PLAIN_B, _PLAIN_C):
    _REFERENCE_GROUP.join(_scanner)  # type: ignore[arg-type]  # it reads only the scanners' words
_REFERENCE_SCANNERS = [reference.AnchorScanner(anchors) for anchors in (_FIRST, _SECOND, _PUNCTUATED)]
_NO_CLITICS = AnchorScanner(_FIRST, allow_arabic_clitics=False)
_REFERENCE_NO_CLITICS = reference.AnchorScanner(_FIRST, allow_arabic_clitics=False)
_MIXED_ALPHABET = st.sampled_from(
    [
        *_ASCII_PIECES,
        "و",
        "ف",
        "ب",
        "ل",
        "ال",
        "قتل",
        "مقتل",
        "اب",
        "ا",
        "\u0640",
        "é",
        "\U0001f600",
        "٣",
        "\U0001f600x",
    ]
)


@settings(max_examples=600, deadline=None)
@given(st.lists(_MIXED_ALPHABET, max_size=40).map("".join), st.integers(0, 50), st.integers(0, 60))
def test_trie_walk_matches_the_automaton_walks(text: str, start: int, length: int) -> None:
    """The kernel against the pyahocorasick walks: the shared walk (ASCII or not), one scanner, one window."""
    assert _GROUP_C._walk(text) == _REFERENCE_GROUP._walk(text)
    start, end = min(start, len(text)), min(start + length, len(text))  # windows lie in the text
    for scanner, plain in zip((_PLAIN_A, _PLAIN_B, _PLAIN_C), _REFERENCE_SCANNERS, strict=True):
        assert scanner.spans(text) == plain.spans(text)
        assert scanner.spans(text, start, end) == plain.spans(text, start, end)
    assert _NO_CLITICS.spans(text) == _REFERENCE_NO_CLITICS.spans(text)


def test_trie_walk_matches_the_automaton_walks_on_news_like_text() -> None:
    text = "وبالقتل، ومقتل وفقتل kill-men u.s. oil-price killed, oil price القتل لقتل ببقتل وووووقتل 2021"
    assert _GROUP_C._walk(text) == _REFERENCE_GROUP._walk(text)
    assert _GROUP_C._walk(text.replace("ق", "q")) == _REFERENCE_GROUP._walk(text.replace("ق", "q"))
    assert [kind for kind, _, _ in _PLAIN_A.spans(text)].count("ar*") == 5


def test_words_spaced_alike_are_told_apart() -> None:
    scanner = AnchorScanner([("al-qaeda", "org"), ("al qaeda", "group*"), ("air-strike", "event")])
    group = _ScannerGroup()
    slot = group.join(scanner)
    assert group._build()[1] is not None
    text = "the al-qaeda and al qaeda, al qaedas; air strike, air-strikes and air-strike."
    assert group.spans(text, slot) == scanner.spans(text)
    assert [kind for kind, _, _ in scanner.spans(text)] == ["org", "group*", "group*", "event"]


_YEAR_RE = re.compile(r"[12]\d\d\d")  # the regex year_spans compiles (dates.grammar's anchors of bare years)


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from("0123456789 1212a-.٢٠١٩\U0001d7ce\u0966"), max_size=40))
def test_year_spans_match_the_regex(text: str) -> None:
    assert year_spans(text) == [m.span() for m in _YEAR_RE.finditer(text)]


def test_year_spans_on_a_sentence() -> None:
    text = "In 1999, 2021-03-10 and 12345 (the year ٢٠٢١) but not 3999 or 199."
    assert year_spans(text) == [(3, 7), (9, 13), (24, 28)]  # "٢٠٢١" has no ASCII first digit
