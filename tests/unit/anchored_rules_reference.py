"""The pyahocorasick walks that enrichment/anchored_rules.py and its compiled trie (_anchored_walk.pyx) replace.

Kept as the definition the kernel is tested against (test_anchored_rules.py): `AnchorScanner.spans` is one
scanner's automaton walk, `_ScannerGroup._walk` the shared walk of several scanners (a second automaton of
spaced words for ASCII texts, `_walk_bounded`). The Python walk reported every automaton hit and dropped the
ones beginning or ending inside a word; the kernel walks a trie from word starts only.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

# Arabic proclitics that may sit between a word boundary and an anchor: و ف ب ل ك and the article.
_AR_PROCLITIC_CHARS = frozenset("وفبلكال")


# Not frozen: built many times per document, and a frozen dataclass __init__ costs ~4x more.
@dataclass(slots=True)
class AnchorHit:
    kind: str
    start: int
    end: int


class AnchorScanner:
    """Finds whole-word (optionally clitic-prefixed) anchor words of several kinds.

    A kind ending in "*" is a stem: its words may continue into a longer word.
    """

    def __init__(self, anchors: Iterable[tuple[str, str]], *, allow_arabic_clitics: bool = True) -> None:
        self._automaton = ahocorasick.Automaton()
        table: dict[str, set[str]] = {}
        for word, kind in anchors:
            if word:
                table.setdefault(word, set()).add(kind)
        self._words: dict[str, tuple[tuple[str, ...], tuple[str, ...], bool]] = {}
        for word, kinds in table.items():
            whole = tuple(sorted(kinds))
            stems = tuple(k for k in whole if k.endswith("*"))
            arabic = allow_arabic_clitics and not word.isascii()
            self._words[word] = (whole, stems, arabic)
            self._automaton.add_word(word, (len(word), whole, stems, arabic))
        self._empty = not table
        if table:
            self._automaton.make_automaton()
        self._group_slot = -1  # scans alone; a test joins scanners to a _ScannerGroup of its own

    def scan(self, text: str, start: int = 0, end: int | None = None) -> list[AnchorHit]:
        """Anchor hits in text[start:end] (offsets into `text`), in order of their end."""
        return [AnchorHit(kind, first, after) for kind, first, after in self.spans(text, start, end)]

    def spans(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
        """Like `scan`, as plain (kind, start, end) tuples: the hot loops avoid object creation."""
        if self._empty:
            return []
        hits: list[tuple[str, int, int]] = []
        size = len(text)
        stop = size if end is None else end
        for last, (length, whole, stems, arabic) in self._automaton.iter(text, start, stop):
            first = last + 1 - length
            glued = text[first - 1] if first > 0 else " "
            if glued.isalnum() and not (arabic and glued in _AR_PROCLITIC_CHARS and _clitic_prefixed(text, first)):
                continue
            after = last + 1
            for kind in whole if after >= size or not text[after].isalnum() else stems:
                hits.append((kind, first, after))
        return hits


# A word's hits in the shared pass, precomputed per word: (length, (member slot, kind) pairs taken when the word
# ends at a word end, the pairs taken when it ends inside a word (stem kinds), then the same two for a word glued
# after Arabic proclitics ("والجمعة": only members that allow them), whether any member takes it inside a word).
_Pairs = tuple[tuple[int, str], ...]
_GroupValue = tuple[int, _Pairs, _Pairs, _Pairs, _Pairs, bool]
# Letters by frequency in news text (Latin, then Arabic): an automaton node finds its child by a linear scan
# over its children in insertion order, so words starting with frequent letters are added first.
_LETTER_RANK = {
    letter: rank
    for rank, letter in enumerate(" etaoinsrhldcumfpgwybvkxjqz0123456789اليمونرتبعهدسفكقحجشطصزخضثذغظءآأإؤئة")
}


class _ScannerGroup:
    """One automaton over the words of all shared scanners; the last text's hits are kept per scanner.

    The stages after the entity stage each scan the same normalised document text;
    the automaton walk (not the hit filtering) dominates their cost, so one walk is
    shared. The cache holds one text (compared by identity) and is replaced atomically.
    ASCII texts (most English articles) are walked by a second automaton holding only the ASCII
    words, each after a space, over the text with every other character than a letter or digit
    made a space: the same hits, without the ones that begin inside a word (see _walk_bounded).
    """

    def __init__(self) -> None:
        self._members: list[AnchorScanner] = []
        # (all words, ASCII words bounded by spaces or None, member count they cover)
        self._automaton: tuple[ahocorasick.Automaton, ahocorasick.Automaton | None, int] | None = None
        self._last: tuple[str, list[list[tuple[str, int, int]]]] | None = None
        self._lock = threading.Lock()

    def join(self, scanner: AnchorScanner) -> int:
        with self._lock:
            self._members.append(scanner)
            self._automaton = None
            self._last = None
            return len(self._members) - 1

    def _build(self) -> tuple[ahocorasick.Automaton, ahocorasick.Automaton | None, int]:
        with self._lock:
            if self._automaton is not None:
                return self._automaton
            owners: dict[str, list[tuple[int, tuple[str, ...], tuple[str, ...], bool]]] = {}
            for slot, member in enumerate(self._members):
                for word, (whole, stems, arabic) in member._words.items():
                    owners.setdefault(word, []).append((slot, whole, stems, arabic))
            values: list[tuple[str, _GroupValue]] = []
            for word, entries in owners.items():
                value: _GroupValue = (
                    len(word),
                    tuple((slot, kind) for slot, whole, _, _ in entries for kind in whole),
                    tuple((slot, kind) for slot, _, stems, _ in entries for kind in stems),
                    tuple((slot, kind) for slot, whole, _, arabic in entries if arabic for kind in whole),
                    tuple((slot, kind) for slot, _, stems, arabic in entries if arabic for kind in stems),
                    any(stems for _, _, stems, _ in entries),
                )
                values.append((word, value))
            values.sort(key=_by_letter_frequency)
            automaton = _automaton_of(values)
            self._automaton = (automaton, _bounded_automaton(values), len(self._members))
            return self._automaton

    def spans(self, text: str, slot: int) -> list[tuple[str, int, int]] | None:
        """Hits of member `slot` in `text`; None if the member joined after this text's pass began."""
        last = self._last
        if last is None or last[0] is not text:
            last = (text, self._walk(text))
            self._last = last
        results = last[1]
        return results[slot] if slot < len(results) else None

    def _walk(self, text: str) -> list[list[tuple[str, int, int]]]:
        everything, bounded, members = self._automaton if self._automaton is not None else self._build()
        results: list[list[tuple[str, int, int]]] = [[] for _ in range(members)]
        if bounded is not None and text.isascii():
            return _walk_bounded(bounded, text, results)
        size = len(text)
        for index, (length, whole, stems, arabic_whole, arabic_stems, any_stems) in everything.iter(text):
            after = index + 1
            if after < size and text[after].isalnum():  # ends inside a word: only stem kinds take it
                if not any_stems:
                    continue
                pairs, arabic_pairs = stems, arabic_stems
            else:
                pairs, arabic_pairs = whole, arabic_whole
            first = after - length
            if first and text[first - 1].isalnum():  # begins inside a word: only after Arabic proclitics
                if not (arabic_pairs and text[first - 1] in _AR_PROCLITIC_CHARS and _clitic_prefixed(text, first)):
                    continue
                pairs = arabic_pairs
            for slot, kind in pairs:
                results[slot].append((kind, first, after))
        return results


# An ASCII text with every character that is not a letter or digit made a space: a word of the bounded
# automaton (a space, then the word so made) is found there only where the word begins a word of the text.
_SPACED = str.maketrans({code: " " for code in range(128) if not chr(code).isalnum()})
# (length, kinds at a word end, stem kinds, whether any stem kinds, and for words with punctuation, which the
# spaced text hides: (word, kinds at a word end, stem kinds) of each word spaced alike ("al-qaeda", "al qaeda")).
_Alternatives = tuple[tuple[str, _Pairs, _Pairs], ...]
_BoundedValue = tuple[int, _Pairs, _Pairs, bool, _Alternatives | None]


def _bounded_automaton(values: list[tuple[str, _GroupValue]]) -> ahocorasick.Automaton | None:
    """The ASCII words as " " + the word spaced like the text (see _walk_bounded), None without any.

    The leading space makes the automaton's root have one child, and no hit begins inside a word.
    """
    keys: dict[str, _BoundedValue] = {}
    for word, (length, whole, stems, _, _, any_stems) in values:
        if not word.isascii():
            continue  # never in an ASCII text
        key = " " + word.translate(_SPACED)
        if word.isalnum():  # then no other word is spaced alike
            keys[key] = (length, whole, stems, any_stems, None)
            continue
        alike = keys[key][4] or () if key in keys else ()
        keys[key] = (length, (), (), False, (*alike, (word, whole, stems)))
    if not keys:
        return None
    return _automaton_of(sorted(keys.items(), key=_by_letter_frequency))


def _walk_bounded(
    automaton: ahocorasick.Automaton, text: str, results: list[list[tuple[str, int, int]]]
) -> list[list[tuple[str, int, int]]]:
    """_ScannerGroup._walk for an ASCII text: the same hits in the same order, found on " " + spaced text + " ".

    A hit ending at padded index i is the word text[i - length : i] (padded index = text index + 1), which
    begins a word; it ends one where padded[i + 1] is a space. The walk reports hits by their last
    character, longest first, as the plain walk does.
    """
    padded = f" {text.translate(_SPACED)} "
    last = len(padded) - 1  # a word written with punctuation ("u.s.") can end on the closing pad: no word end
    for index, (length, whole, stems, any_stems, alternatives) in automaton.iter(padded):
        first = index - length
        word_end = index < last and padded[index + 1] == " "
        if alternatives is not None:  # the spaced text hides the word's own punctuation
            pairs = _exact_pairs(text, first, word_end, alternatives)
        elif word_end:
            pairs = whole
        elif any_stems:
            pairs = stems
        else:
            continue
        for slot, kind in pairs:
            results[slot].append((kind, first, index))
    return results


def _exact_pairs(text: str, first: int, word_end: bool, alternatives: _Alternatives) -> _Pairs:
    """The kinds of the one word among `alternatives` written at `first` (of one length, at most one is)."""
    for word, whole, stems in alternatives:
        if text.startswith(word, first):
            return whole if word_end else stems
    return ()


def _by_letter_frequency(item: tuple[str, object]) -> list[int]:
    """Sort key putting words that start with frequent letters first, letter by letter."""
    return [_LETTER_RANK.get(char, len(_LETTER_RANK)) for char in item[0]]


def _automaton_of(words: Iterable[tuple[str, object]]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for word, value in words:
        automaton.add_word(word, value)
    automaton.make_automaton()
    return automaton


def _clitic_prefixed(text: str, start: int) -> bool:
    """Up to four clitic letters ("وبال") between a word boundary and `start`."""
    index = start - 1
    steps = 0
    while index >= 0 and text[index] in _AR_PROCLITIC_CHARS and steps < 4:
        index -= 1
        steps += 1
    return steps > 0 and (index < 0 or not text[index].isalnum())
