"""Run many regex rules fast by scanning only windows around anchor words.

CPython's `re` costs ~40 ns per character per pattern when a pattern cannot start
with a literal, so a dozen rules over a 3 KB article cost milliseconds. A compiled
trie walk (enrichment/_anchored_walk.pyx) finds every anchor word (month names,
"killed", "قتيل" ...) at word starts in one pass; each rule then runs only on short
windows around its anchors. The stages that scan the same normalised document text
(dates, casualties, topics, events) share one walk.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from enrichment._anchored_walk import AnchorTrie


# Not frozen: built many times per document, and a frozen dataclass __init__ costs ~4x more.
@dataclass(slots=True)
class AnchorHit:
    kind: str
    start: int
    end: int


# A word's (member slot, kind) pairs: taken where it ends a word, where it ends inside one (stem kinds), and the
# same two where it follows Arabic proclitics ("والجمعة": only for members that allow them). See AnchorTrie.
_Pairs = tuple[tuple[int, str], ...]
_WordPairs = tuple[_Pairs, _Pairs, _Pairs, _Pairs]


class AnchorScanner:
    """Finds whole-word (optionally clitic-prefixed) anchor words of several kinds.

    A word counts where it begins a word, or follows one to four Arabic proclitics (و ف ب ل ك and the
    article's alef: "والجمعة") that begin one, if `allow_arabic_clitics` and the word is not ASCII.
    A kind ending in "*" is a stem: its words may continue into a longer word.
    A `shared` scanner joins the process-wide group whose scanners all scan the same
    (normalised) document text: one walk serves every member.
    """

    def __init__(
        self, anchors: Iterable[tuple[str, str]], *, allow_arabic_clitics: bool = True, shared: bool = False
    ) -> None:
        table: dict[str, set[str]] = {}
        for word, kind in anchors:
            if word:
                table.setdefault(word, set()).add(kind)
        self._words: dict[str, tuple[tuple[str, ...], tuple[str, ...], bool]] = {}
        for word, kinds in table.items():
            whole = tuple(sorted(kinds))
            self._words[word] = (
                whole,
                tuple(k for k in whole if k.endswith("*")),
                allow_arabic_clitics and not word.isascii(),
            )
        pairs = [(word, _pairs_of([(0, whole, stems, arabic)])) for word, (whole, stems, arabic) in self._words.items()]
        self._trie = AnchorTrie(pairs) if pairs else None
        self._group_slot = _GROUP.join(self) if shared and table else -1

    def scan(self, text: str, start: int = 0, end: int | None = None) -> list[AnchorHit]:
        """Anchor hits in text[start:end] (offsets into `text`), in order of their end."""
        return [AnchorHit(kind, first, after) for kind, first, after in self.spans(text, start, end)]

    def spans(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
        """Like `scan`, as plain (kind, start, end) tuples: the hot loops avoid object creation."""
        if self._trie is None:
            return []
        if self._group_slot >= 0 and start == 0 and end is None:
            shared = _GROUP.spans(text, self._group_slot)
            if shared is not None:
                return list(shared)
        hits: list[tuple[str, int, int]] = []
        self._trie.walk(text, [hits], start, len(text) if end is None else max(end, 0))
        return hits


def _pairs_of(entries: list[tuple[int, tuple[str, ...], tuple[str, ...], bool]]) -> _WordPairs:
    """A word's pairs from its (slot, kinds at a word end, stem kinds, allows proclitics) entries."""
    return (
        tuple((slot, kind) for slot, whole, _, _ in entries for kind in whole),
        tuple((slot, kind) for slot, _, stems, _ in entries for kind in stems),
        tuple((slot, kind) for slot, whole, _, arabic in entries if arabic for kind in whole),
        tuple((slot, kind) for slot, _, stems, arabic in entries if arabic for kind in stems),
    )


class _ScannerGroup:
    """One trie over the words of all shared scanners; the last text's hits are kept per scanner.

    The stages after the entity stage each scan the same normalised document text;
    the walk (not the hit filtering) dominates their cost, so one walk is shared.
    The cache holds one text (compared by identity) and is replaced atomically.
    """

    def __init__(self) -> None:
        self._members: list[AnchorScanner] = []
        self._trie: tuple[AnchorTrie, int] | None = None  # (trie, member count it covers)
        self._last: tuple[str, list[list[tuple[str, int, int]]]] | None = None
        self._lock = threading.Lock()

    def join(self, scanner: AnchorScanner) -> int:
        with self._lock:
            self._members.append(scanner)
            self._trie = None
            self._last = None
            return len(self._members) - 1

    def _build(self) -> tuple[AnchorTrie, int]:
        with self._lock:
            if self._trie is not None:
                return self._trie
            owners: dict[str, list[tuple[int, tuple[str, ...], tuple[str, ...], bool]]] = {}
            for slot, member in enumerate(self._members):
                for word, (whole, stems, arabic) in member._words.items():
                    owners.setdefault(word, []).append((slot, whole, stems, arabic))
            self._trie = (
                AnchorTrie([(word, _pairs_of(entries)) for word, entries in owners.items()]),
                len(self._members),
            )
            return self._trie

    def spans(self, text: str, slot: int) -> list[tuple[str, int, int]] | None:
        """Hits of member `slot` in `text`; None if the member joined after this text's pass began."""
        last = self._last
        if last is None or last[0] is not text:
            last = (text, self._walk(text))
            self._last = last
        results = last[1]
        return results[slot] if slot < len(results) else None

    def _walk(self, text: str) -> list[list[tuple[str, int, int]]]:
        trie, members = self._trie if self._trie is not None else self._build()
        results: list[list[tuple[str, int, int]]] = [[] for _ in range(members)]
        return trie.walk(text, results)


_GROUP = _ScannerGroup()


def windows(hits: Iterable[AnchorHit], before: int, after: int, size: int) -> list[tuple[int, int]]:
    """Merged (lo, hi) windows around hits, clipped to [0, size]."""
    return span_windows(((h.start, h.end) for h in hits), before, after, size)


def span_windows(spans: Iterable[tuple[int, int]], before: int, after: int, size: int) -> list[tuple[int, int]]:
    """Merged (lo, hi) windows around (start, end) spans, clipped to [0, size] (`windows` without objects)."""
    bounds = sorted((max(0, start - before), min(size, end + after)) for start, end in spans)
    merged: list[tuple[int, int]] = []
    for lo, hi in bounds:
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def matches_at(
    pattern: re.Pattern[str], text: str, windows: list[tuple[int, int]], starts: list[int]
) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text, lo, hi)` finds in each window, for a pattern whose matches can begin
    only at some of the sorted `starts` (never empty): a match tried at each start is cheaper than a search
    that tries every position (a pattern opening with a lookbehind gets no literal prefix to skip with)."""
    index, count = 0, len(starts)
    for lo, hi in windows:
        while index < count and starts[index] < lo:
            index += 1
        cursor = lo
        while index < count and starts[index] < hi:
            start = starts[index]
            index += 1
            if start >= cursor:
                m = pattern.match(text, start, hi)
                if m is not None:
                    cursor = m.end()
                    yield m


def rule_matches(
    pattern: re.Pattern[str],
    text: str,
    windows: list[tuple[int, int]],
    hits: dict[str, list[tuple[int, int]]],
    start_kinds: tuple[str, ...] | None,
) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text, lo, hi)` finds in each window. With `start_kinds`, every match of the
    pattern begins where a hit of one of those kinds (`hits`: kind -> (start, end) spans) begins, so it is
    tried only there (`matches_at`)."""
    if not start_kinds:
        for lo, hi in windows:
            yield from pattern.finditer(text, lo, hi)
        return
    starts = sorted({start for kind in start_kinds for start, _ in hits.get(kind, ())})
    yield from matches_at(pattern, text, windows, starts)
