"""The tagger's compiled tokeniser (_token_scan.pyx) against the regex it stands in for.

The oracle is `tokenize.SPACED_TOKEN_RE.findall` plus the layout rules the former `token_layout`
kernel applied to its pairs (vocabulary.initial_flags gives the sentence-initial flags, which depend
on the words only: a row's sentence-end flag is its word's membership in SENTENCE_END).
"""

from __future__ import annotations

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from enrichment.ner._token_scan import scan_tokens
from enrichment.ner.tokenize import ABBREVIATIONS, SPACED_TOKEN_RE, TOKEN_RE
from enrichment.ner.vocabulary import SENTENCE_END, initial_flags, split_text

_KNOWN = {"Paris": 1, ".": 2, "U.S.": 3, "?": 4, "Mr.": 5}
_KNOWN_INITIAL = {"Paris": 5, ".": 6}

# Pieces around every decision the scanner makes itself: word runs before ". ' ’ & - , : /", digits,
# abbreviations, one-letter runs, clitics, Arabic marks and joiners, and spaces of every kind.
_PIECES = st.sampled_from(
    [
        "Paris", "paris", "a", "B", "Mr", "Mrs", "Inc", "approx", "No", "n", "don", "t", "s", "re", "O", "Brien",
        "3", "12", "٣", "_", "x_y", "باريس", "و", "\u064b", "\u0670", "\u200c", "\u200d", "é", "ǅ", "²",
        ".", ",", ":", "/", "'", "\u2019", "&", "-", "?", "...", "؟", "(", '"', ";",
        " ", "  ", "\n", " \n ", "\t", "\u00a0", "\u2003", "\x1c", "\u0085",
    ]
)  # fmt: skip
_TEXT = st.lists(_PIECES, max_size=40).map("".join)


def _expected(text: str) -> tuple[list[str], list[int], list[int], list[bool]]:
    pairs = SPACED_TOKEN_RE.findall(text)
    starts, ends, position = [], [], 0
    for space, word in pairs:
        position += len(space)
        starts.append(position)
        position += len(word)
        ends.append(position)
    spaces, words = split_text(text)
    return [word for _, word in pairs], starts, ends, initial_flags(spaces, words)


@settings(max_examples=3000, deadline=None)
@given(st.one_of(_TEXT, st.text(max_size=60)))
@example("Mr. Smith met the U.S. envoy at 10:30 on 3.5.2024, didn't he? O'Brien's AT&T one-day.")
@example("approx. 12.5 vs.x Inc.5 No.1 a.m. e.g. ٣.٤ و\u064b. end.")
def test_scan_tokens_gives_findalls_tokens_and_the_layout(text: str) -> None:
    words, starts, ends, initial = _expected(text)
    got_words, got_starts, got_ends, rows, flags, plain_missing, initial_missing = scan_tokens(
        text, TOKEN_RE.match, ABBREVIATIONS, _KNOWN, _KNOWN_INITIAL, SENTENCE_END
    )
    assert got_words == words
    assert got_starts.tolist() == starts
    assert got_ends.tolist() == ends
    assert flags.tolist() == initial
    expected_rows = [
        (_KNOWN_INITIAL if flag else _KNOWN).get(word, -1) for word, flag in zip(words, initial, strict=True)
    ]
    assert rows.tolist() == expected_rows
    assert plain_missing == [index for index, row in enumerate(expected_rows) if row < 0 and not initial[index]]
    assert initial_missing == [index for index, row in enumerate(expected_rows) if row < 0 and initial[index]]
    assert got_starts.dtype == got_ends.dtype == rows.dtype == np.int64
    assert flags.dtype == np.bool_


def test_scan_tokens_of_blank_text_is_empty() -> None:
    for text in ("", " ", "\n\t "):
        words, starts, *_ = scan_tokens(text, TOKEN_RE.match, ABBREVIATIONS, {}, {}, SENTENCE_END)
        assert words == []
        assert starts.size == 0


def test_a_sentence_starts_after_a_sentence_end_or_a_line_break() -> None:
    words, _, _, rows, initial, plain_missing, initial_missing = scan_tokens(
        "Paris . Paris x\nParis", TOKEN_RE.match, ABBREVIATIONS, _KNOWN, _KNOWN_INITIAL, SENTENCE_END
    )
    assert words == ["Paris", ".", "Paris", "x", "Paris"]
    assert initial.tolist() == [True, False, True, False, True]
    assert rows.tolist() == [5, 2, 5, -1, 5]
    assert (plain_missing, initial_missing) == ([3], [])
