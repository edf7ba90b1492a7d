"""The tagger's compiled tokeniser (_token_scan.pyx) against the regex it stands in for, and its row index
(_row_index.pyx) against dicts.

The oracle is `tokenize.SPACED_TOKEN_RE.findall` plus the layout rules the former `token_layout`
kernel applied to its pairs (vocabulary.initial_flags gives the sentence-initial flags, which depend
on the words only: a row's sentence-end flag is its word's membership in SENTENCE_END), with the rows
looked up in the two dicts the C RowIndex mirrors and new types numbered as the tagger's former
`_create` did (`_expected_rows`).
"""

from __future__ import annotations

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from enrichment.ner._row_index import RowIndex
from enrichment.ner._token_scan import scan_tokens
from enrichment.ner.tokenize import ABBREVIATIONS, SPACED_TOKEN_RE, TOKEN_RE
from enrichment.ner.type_cache import dense_numbering
from enrichment.ner.vocabulary import SENTENCE_END, initial_flags, split_text
from tests.unit.type_cache_reference import dense_ids, remap_index

_KNOWN = {"Paris": 1, ".": 2, "U.S.": 3, "?": 4, "Mr.": 5, "Brien": 7, "xx": 8}
_KNOWN_INITIAL = {"Paris": 5, ".": 6, "باريس": 9}
_MAX_WORD = 4  # (short, so that the cut-word rule is exercised)
_FIRST_NEW = 100  # the row the first new type of a scan gets (rows of the dicts are below it)


def _index(plain: dict[str, int], initial: dict[str, int]) -> RowIndex:
    index = RowIndex()
    index.update(plain, False)
    index.update(initial, True)
    return index


def _expected_rows(words: list[str], initial: list[bool]) -> tuple[list[int], list[tuple[str, bool]]]:
    """Rows from the dicts; a word longer than _MAX_WORD without a row takes its cut form's; the rest
    _FIRST_NEW + t for new type t (non-initial tokens' types first, in order)."""
    rows = [(_KNOWN_INITIAL if flag else _KNOWN).get(word, -1) for word, flag in zip(words, initial, strict=True)]
    types: dict[tuple[str, bool], int] = {}
    for wanted in (False, True):
        for position, (word, flag) in enumerate(zip(words, initial, strict=True)):
            if rows[position] >= 0 or flag != wanted:
                continue
            cut = word[:_MAX_WORD]
            if len(word) > _MAX_WORD and cut in (_KNOWN_INITIAL if flag else _KNOWN):
                rows[position] = (_KNOWN_INITIAL if flag else _KNOWN)[cut]
                continue
            rows[position] = _FIRST_NEW + types.setdefault((cut, flag), len(types))
    return rows, list(types)


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
    got_words, got_starts, got_ends, rows, flags, new_types = scan_tokens(
        text, TOKEN_RE.match, ABBREVIATIONS, _index(_KNOWN, _KNOWN_INITIAL), SENTENCE_END, _MAX_WORD, _FIRST_NEW
    )
    assert got_words == words
    assert all(type(word) is str for word in got_words)
    assert got_starts.tolist() == starts
    assert got_ends.tolist() == ends
    assert flags.tolist() == initial
    assert (rows.tolist(), new_types) == _expected_rows(words, initial)
    assert got_starts.dtype == got_ends.dtype == rows.dtype == np.int64
    assert flags.dtype == np.bool_


def test_scan_tokens_of_blank_text_is_empty() -> None:
    for text in ("", " ", "\n\t "):
        words, starts, *_ = scan_tokens(text, TOKEN_RE.match, ABBREVIATIONS, RowIndex(), SENTENCE_END, 64, 1)
        assert words == []
        assert starts.size == 0


def test_a_sentence_starts_after_a_sentence_end_or_a_line_break() -> None:
    words, _, _, rows, initial, new_types = scan_tokens(
        "Paris . Paris x\nParis y x",
        TOKEN_RE.match,
        ABBREVIATIONS,
        _index(_KNOWN, _KNOWN_INITIAL),
        SENTENCE_END,
        64,
        100,
    )
    assert words == ["Paris", ".", "Paris", "x", "Paris", "y", "x"]
    assert initial.tolist() == [True, False, True, False, True, False, False]
    assert rows.tolist() == [5, 2, 5, 100, 5, 101, 100]
    assert new_types == [("x", False), ("y", False)]


def test_any_set_of_sentence_words_ends_sentences() -> None:
    """The scanner lists the first characters of up to 8 sentence words; with more it checks every short token."""
    text = "x a y z bb q b w ? v"
    for ends in (
        frozenset({"a", "bb", "?"}),
        frozenset({"a", "bb", "?", *"cdefghijk"}),
        frozenset({"", "a", "bb", "?"}),
    ):
        words, _, _, _, initial, _ = scan_tokens(text, TOKEN_RE.match, ABBREVIATIONS, RowIndex(), ends, 64, 0)
        assert words == text.split()
        assert initial.tolist() == [True, False, True, False, False, True, False, False, False, True]


def test_a_word_longer_than_the_cut_takes_its_cut_forms_row() -> None:
    words, _, _, rows, _, new_types = scan_tokens(
        "go Parisian Parisienne Lyonnais Lyonnaise",
        TOKEN_RE.match,
        ABBREVIATIONS,
        _index(_KNOWN, {}),
        SENTENCE_END,
        5,
        100,
    )
    assert words == ["go", "Parisian", "Parisienne", "Lyonnais", "Lyonnaise"]
    assert rows.tolist() == [101, 1, 1, 100, 100]
    assert new_types == [("Lyonn", False), ("go", True)]


_WORDS = st.text(alphabet=st.sampled_from("aAé\u0100بx\U0001f600\ud800.1"), max_size=6)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(_WORDS, st.booleans(), st.integers(0, 10**6)), max_size=300),
    st.lists(st.tuples(_WORDS, st.booleans())),
)
def test_row_index_maps_like_two_dicts(entries: list[tuple[str, bool, int]], probes: list[tuple[str, bool]]) -> None:
    """Across growth, replaced rows and strings of every storage kind (the scanner compares slices of a
    text whose kind can be wider than the word's own)."""
    dicts: tuple[dict[str, int], dict[str, int]] = ({}, {})
    index = RowIndex()
    for word, initial, row in entries:
        dicts[initial][word] = row
        index.set(word, initial, row)
    assert len(index) == len(dicts[0]) + len(dicts[1])
    for word, initial in probes + [(word, initial) for word, initial, _ in entries]:
        assert index.get(word, initial) == dicts[initial].get(word, -1)
        wide = "\U0001f600 " + word  # the same word as a slice of a 4-byte-kind text
        words, _, _, rows, flags, _ = scan_tokens(wide, TOKEN_RE.match, ABBREVIATIONS, index, frozenset(), 64, -7)
        if words[1:] == [word]:  # (the word is one token, not sentence-initial)
            assert not flags[1]
            assert rows[1] == dicts[False].get(word, -7)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(_WORDS, st.booleans(), st.integers(0, 40)), max_size=120),
    st.lists(st.integers(-1, 60), min_size=41, max_size=41),
)
def test_row_index_lists_and_renumbers_like_the_dicts(entries: list[tuple[str, bool, int]], new_of: list[int]) -> None:
    """`rows` gives each flag's dict (in row order, as the tagger's warm cache writes it) and
    `renumbered` what type_cache.remap_index makes of it (the cache reset)."""
    dicts: tuple[dict[str, int], dict[str, int]] = ({}, {})
    index = RowIndex()
    for word, initial, row in entries:
        dicts[initial][word] = row
        index.set(word, initial, row)
    kept = index.renumbered(new_of)
    for flag in (False, True):
        listed = index.rows(flag)
        assert listed == dicts[flag]
        assert list(listed.values()) == sorted(listed.values())
        assert kept.rows(flag) == remap_index(dicts[flag], new_of)


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, max_size=60), st.lists(_WORDS, max_size=60), st.lists(st.integers(0, 200), max_size=30))
def test_row_index_numbers_words_like_setdefault(first: list[str], second: list[str], picks: list[int]) -> None:
    """The tagger's lower-cased word ids: `numbers` as dict.setdefault(word, len(dict)), and the cache
    reset's dense renumbering as type_cache.dense_ids makes it of the dict."""
    index, reference = RowIndex(), dict[str, int]()
    for words in (first, second):
        got = index.numbers(words)
        assert got.dtype == np.int64
        assert got.tolist() == [reference.setdefault(word, len(reference)) for word in words]
    ids = np.array([pick % len(reference) for pick in picks] if reference else [], dtype=np.int64)
    renumbered, new_of = dense_numbering(ids, len(index))
    expected_ids, expected_index = dense_ids(ids, reference)
    assert renumbered.tolist() == expected_ids.tolist()
    assert index.renumbered(new_of).rows(False) == expected_index
