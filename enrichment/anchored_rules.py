"""Run many regex rules fast by scanning only windows around anchor words.

CPython's `re` costs ~40 ns per character per pattern when a pattern cannot start
with a literal, so a dozen rules over a 3 KB article cost milliseconds. An
Aho-Corasick automaton finds every anchor word (month names, "killed", "قتيل" ...)
in one C-speed pass; each rule then runs only on short windows around its anchors.
The walk itself costs ~25-40 ns per character, so the stages that scan the same
normalised document text (dates, casualties, topics, events) share one walk.
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
    A `shared` scanner joins the process-wide group whose scanners all scan the same
    (normalised) document text: one automaton pass serves every member.
    """

    def __init__(
        self, anchors: Iterable[tuple[str, str]], *, allow_arabic_clitics: bool = True, shared: bool = False
    ) -> None:
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
        self._group_slot = _GROUP.join(self) if shared and table else -1

    def scan(self, text: str, start: int = 0, end: int | None = None) -> list[AnchorHit]:
        """Anchor hits in text[start:end] (offsets into `text`), in order of their end."""
        return [AnchorHit(kind, first, after) for kind, first, after in self.spans(text, start, end)]

    def spans(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
        """Like `scan`, as plain (kind, start, end) tuples: the hot loops avoid object creation."""
        if self._empty:
            return []
        if self._group_slot >= 0 and start == 0 and end is None:
            shared = _GROUP.spans(text, self._group_slot)
            if shared is not None:
                return list(shared)
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


_GroupEntry = tuple[int, tuple[str, ...], tuple[str, ...], bool]  # (member slot, kinds, stem kinds, arabic)
# (length, entries, whether any entry is Arabic, whether any has stem kinds): the flags let most in-word hits
# be dropped before the entries are looked at.
_GroupValue = tuple[int, tuple[_GroupEntry, ...], bool, bool]


class _ScannerGroup:
    """One automaton over the words of all shared scanners; the last text's hits are kept per scanner.

    The stages after the entity stage each scan the same normalised document text;
    the automaton walk (not the hit filtering) dominates their cost, so one walk is
    shared. The cache holds one text (compared by identity) and is replaced atomically.
    """

    def __init__(self) -> None:
        self._members: list[AnchorScanner] = []
        self._automaton: tuple[ahocorasick.Automaton, int] | None = None  # with the member count it covers
        self._last: tuple[str, list[list[tuple[str, int, int]]]] | None = None
        self._lock = threading.Lock()

    def join(self, scanner: AnchorScanner) -> int:
        with self._lock:
            self._members.append(scanner)
            self._automaton = None
            self._last = None
            return len(self._members) - 1

    def _build(self) -> tuple[ahocorasick.Automaton, int]:
        with self._lock:
            if self._automaton is not None:
                return self._automaton
            owners: dict[str, list[_GroupEntry]] = {}
            for slot, member in enumerate(self._members):
                for word, (whole, stems, arabic) in member._words.items():
                    owners.setdefault(word, []).append((slot, whole, stems, arabic))
            automaton = ahocorasick.Automaton()
            for word, entries in owners.items():
                value: _GroupValue = (
                    len(word),
                    tuple(entries),
                    any(arabic for *_, arabic in entries),
                    any(stems for _, _, stems, _ in entries),
                )
                automaton.add_word(word, value)
            automaton.make_automaton()
            self._automaton = (automaton, len(self._members))
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
        automaton, members = self._automaton if self._automaton is not None else self._build()
        results: list[list[tuple[str, int, int]]] = [[] for _ in range(members)]
        size = len(text)
        for index, (length, entries, any_arabic, any_stems) in automaton.iter(text):
            after = index + 1
            word_end = after >= size or not text[after].isalnum()
            if not (word_end or any_stems):
                continue  # ends inside a word and no member takes it as a stem
            first = after - length
            if first == 0 or not text[first - 1].isalnum():
                for slot, whole, stems, _ in entries:
                    target = results[slot]
                    for kind in whole if word_end else stems:
                        target.append((kind, first, after))
            elif any_arabic and text[first - 1] in _AR_PROCLITIC_CHARS and _clitic_prefixed(text, first):
                for slot, whole, stems, arabic in entries:
                    if arabic:  # inside a word only after Arabic proclitics ("والجمعة")
                        target = results[slot]
                        for kind in whole if word_end else stems:
                            target.append((kind, first, after))
        return results


_GROUP = _ScannerGroup()


def _clitic_prefixed(text: str, start: int) -> bool:
    """Up to four clitic letters ("وبال") between a word boundary and `start`."""
    index = start - 1
    steps = 0
    while index >= 0 and text[index] in _AR_PROCLITIC_CHARS and steps < 4:
        index -= 1
        steps += 1
    return steps > 0 and (index < 0 or not text[index].isalnum())


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
