"""Which automaton hits become alias matches: longest first, free characters, the case rules.

The gazetteer's trie walk reports every key occurrence; overlapping ones are resolved longest
first, and single Latin words must be capitalised (acronyms in capitals) in the original text.
An ASCII text is resolved by the same rules in compiled code (enrichment/_ascii_scan.pyx), tested
against `resolve`.
"""

from __future__ import annotations

import re
from operator import itemgetter
from typing import NamedTuple

from enrichment.offset_map import run_span

# Case rules of a key (Gazetteer._case_rules): any case, capitalised (one Latin word), capitals (a Latin acronym).
ANY_CASE, CAPITALISED, CAPITALS = 0, 1, 2
_ABBREVIATION_RE = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]$")

Hit = tuple[int, int, int, int]  # (-length, normalised start, end, key id)
MatchTail = tuple[str, tuple[tuple[int, int], ...]]  # (key without its clitic, candidates) of a key's matches


class Match(NamedTuple):
    """One alias occurrence: original-text span of the entity (clitics excluded)."""

    start: int
    end: int
    text: str
    key: str
    candidates: tuple[tuple[int, int], ...]

    @property
    def flags(self) -> int:
        """Flags shared by all candidates (a weak flag only if no strong reading exists)."""
        combined = -1
        for _, flag in self.candidates:
            combined &= flag
        return max(combined, 0)


class Cue(NamedTuple):
    """A rule anchor (title word, organisation head word) found in the same pass."""

    start: int
    end: int
    kind: str
    arabic: bool


def resolve(
    text: str,
    norm: str,
    raw: list[Hit],
    case_rules: list[int],
    tails: list[MatchTail],
    mapped: list[tuple[int, int]] | None = None,
    runs: tuple[list[int], list[int]] | None = None,
) -> list[Match]:
    """Longest hits first, each kept if its normalised span is still free and the case rules allow it.

    The original span of each hit comes from `mapped` (`OffsetMap.spans` of every hit) or, for an ASCII
    text, from `runs` (`OffsetMap.shifts`): then only the hits still free are mapped.
    """
    if (mapped is None) == (runs is None):
        raise ValueError("resolve: give either the mapped spans or the runs")
    if not raw:
        return []
    spans = mapped or []
    taken = bytearray(len(norm))
    chosen: list[Match] = []
    size = len(text)
    for index, (_, start, end, key_id) in enumerate(raw):
        # No hit taken so far is shorter: one overlapping this hit holds its first or its last character.
        if taken[start] or taken[end - 1]:
            continue
        orig_start, orig_end = spans[index] if runs is None else run_span(runs[0], runs[1], start, end)
        case_rule = case_rules[key_id]
        if case_rule and not text[orig_start].isupper():
            continue
        if orig_end < size and text[orig_end] == "." and _ABBREVIATION_RE.match(text, orig_start, orig_end):
            orig_end += 1  # "U.S." keeps its final dot
        surface = text[orig_start:orig_end]
        if case_rule == CAPITALS and not _all_capitals(surface):
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append(_new_match(Match, (orig_start, orig_end, surface) + tails[key_id]))
    chosen.sort(key=_by_start)  # matches never overlap: their starts differ
    return chosen


# Building the named tuple with tuple.__new__ skips its Python-level __new__ (same objects).
_new_match = tuple.__new__
_by_start = itemgetter(0)


def _all_capitals(surface: str) -> bool:
    if surface.isascii() and surface.isupper():  # the common case ("AP", "U.S."), without a generator
        return True
    return all(c.isupper() for c in surface if c.isalpha())
