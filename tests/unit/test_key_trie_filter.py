"""The key trie's first-word set and the ASCII scan's record building (enrichment/_key_trie.pyx, _ascii_scan.pyx).

A walk from a space starts only when the next word may be a key's first word; the set must never turn away
a walk that finds a hit, and must switch itself off for keys it cannot describe (a key led by a space whose
first word is not followed by one). Records are built item by item in C: they must equal the named tuples.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enrichment._ascii_scan import LatinScanner
from enrichment._key_trie import KeyTrie
from enrichment.alias_hits import ANY_CASE, Cue, Match
from enrichment.normalize import ascii_fold

_LETTERS = "abs "
_key_text = st.text(st.sampled_from(_LETTERS), min_size=1, max_size=7)


Hits = tuple[list[tuple[int, int, int, int]], list[tuple[int, int, int]]]


def _find_all(keys: list[tuple[str, int, bool, bool, int]], padded: str) -> Hits:
    """Every occurrence of every key by str.find (the order KeyTrie.hits reports)."""
    raw: list[tuple[int, int, int, int]] = []
    cues: list[tuple[int, int, int, int]] = []
    for key, key_id, alias, cue, _ in keys:
        at = padded.find(key)
        while at != -1:
            start = at + (1 if key[0] == " " else 0) - 1
            end = at + len(key) - 2
            if alias:
                raw.append((start - end, start, end, key_id))
            if cue:
                cues.append((at, start, end, key_id))
            at = padded.find(key, at + 1)
    cues.sort(key=lambda hit: (hit[2], hit[0]))  # by end, then the longest key (the earliest start) first
    return sorted(raw), [hit[1:] for hit in cues]


@given(st.lists(_key_text, min_size=1, max_size=8, unique=True), st.text(st.sampled_from(_LETTERS), max_size=40))
@settings(max_examples=400, deadline=None)
def test_walks_from_spaces_find_every_key(keys_text: list[str], text: str) -> None:
    """Keys led by a space, with or without one after their first word (the set is then off), on any text."""
    keys = [(f" {key}", index, index % 3 != 2, index % 3 != 0, 0) for index, key in enumerate(sorted(keys_text))]
    padded = f" {text} "
    trie = KeyTrie(keys, len(keys))
    assert trie.hits(padded, spaces_only=True) == _find_all(keys, padded)


@given(st.lists(st.sampled_from(["a", "ab", "a b", "s", "b s a", "bb"]), min_size=1, unique=True), st.text("abs ."))
@settings(max_examples=300, deadline=None)
def test_padded_keys_with_the_set_on(words: list[str], text: str) -> None:
    keys = [(f" {word} ", index, True, index % 2 == 0, 0) for index, word in enumerate(sorted(words))]
    padded = f" {text} "
    assert KeyTrie(keys, len(keys)).hits(padded, spaces_only=True) == _find_all(keys, padded)


def test_records_are_the_named_tuples() -> None:
    keys = [(" new york ", 0, True, False, 0), (" minister ", 1, False, True, 0)]
    tails = [("new york", ((7, 0),)), ("minister", ())]
    cue_tails = [("", False), ("title", False)]
    scanner = LatinScanner(KeyTrie(keys, 2), [ANY_CASE, ANY_CASE], tails, cue_tails, Match, Cue, ascii_fold())
    matches, cues = scanner.scan("The Minister went to New York, then to new  york.")
    assert matches == [
        Match(21, 29, "New York", "new york", ((7, 0),)),
        Match(39, 48, "new  york", "new york", ((7, 0),)),
    ]
    assert cues == [Cue(4, 12, "title", False)]
    assert all(type(match) is Match for match in matches) and all(type(cue) is Cue for cue in cues)
    assert matches[0].candidates is tails[0][1] and matches[0].flags == 0


def test_scanner_needs_tuple_types_and_tails() -> None:
    trie = KeyTrie([(" a ", 0, True, False, 0)], 1)
    with pytest.raises(TypeError):
        LatinScanner(trie, [ANY_CASE], [("a", ())], [("", False)], list, Cue, ascii_fold())
    with pytest.raises(TypeError):
        LatinScanner(trie, [ANY_CASE], [["a", ()]], [("", False)], Match, Cue, ascii_fold())  # type: ignore[list-item]
