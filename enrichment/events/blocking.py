"""Denial and hypothetical cues shortly before a trigger ("denied attacking", "if they attack"): no event.

The cue regexes are the definition; they run only where a cheaper scan finds a cue word they could match.
"""

from __future__ import annotations

import operator
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from itertools import accumulate

from enrichment.events.lexicon import Lexicon

HYPOTHETICAL_WINDOW = 35
CLAUSE_END = ".;:!?؟\n"
_END = operator.itemgetter(2)


# The blocker scanner's hits in an ASCII text, by end: (starts, ends, running maximum of the starts).
CueWords = tuple[list[int], list[int], list[int]]


def cue_words_of(hits: list[tuple[str, int, int]]) -> CueWords:
    """Index the blocker scanner's (kind, start, end) hits for `blocked`."""
    ordered = sorted(hits, key=_END)  # already by end: a linear pass
    firsts = [first for _, first, _ in ordered]
    return firsts, [after for _, _, after in ordered], list(accumulate(firsts, max))


_CLITICS = "وفبل"  # the regexes' optional proclitic before a cue word


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"  # what `re` counts as \\w


def _earliest_cue(text: str, hits: Iterator[tuple[int, int]], start: int) -> int | None:
    """Where the first regex match can begin, given the automaton's (last index, length) cue hits before `start`.

    A `_cue_regex` match is a cue word not followed by a word character (or ending at `start`, where the
    search stops) and preceded by a non-word character, or by a clitic that is. None: no hit is such a word.
    """
    earliest = None
    for last, length in hits:
        after = last + 1
        if after < start and _is_word(text[after]):
            continue
        first = after - length
        if first and _is_word(text[first - 1]):
            if not (text[first - 1] in _CLITICS and (first == 1 or not _is_word(text[first - 2]))):
                continue
            first -= 1
        if earliest is None or first < earliest:
            earliest = first
    return earliest


def blocked(starts: Sequence[int], text: str, lexicon: Lexicon, cue_words: CueWords | None = None) -> list[bool]:
    """Per trigger start (normalised offsets) of a document, in one call: is it blocked?

    A denial or hypothetical cue shortly before a start, in the same clause, blocks it. Every regex match
    is a cue word that the scans below find: with none there the regexes cannot match, and they need not
    try the window before the first one. `cue_words`: the blocker scanner's hits in an ASCII `text`
    (`cue_words_of`); when the character before a start is no letter or digit, a cue can only match as a
    whole word inside the window, one of those hits (no automaton pass is needed). Otherwise the
    automaton's hits in the window, kept where the regex's word boundaries allow (`_earliest_cue`).
    Per document, not per start: most starts have no cue word in reach, and that check is a few operations.
    """
    words = lexicon.blocker_words
    reach = max(lexicon.modifier_window, HYPOTHETICAL_WINDOW)
    patterns = ((lexicon.denial, lexicon.modifier_window), (lexicon.hypothetical, HYPOTHETICAL_WINDOW))
    firsts, ends, latest_first = cue_words if cue_words is not None else ([], [], [])
    flags: list[bool] = []
    for start in starts:
        earliest = 0  # no regex match begins before this
        if words is not None:
            lo = start - reach if start > reach else 0
            if cue_words is not None and (start == 0 or not text[start - 1].isalnum()):
                last = bisect_right(ends, start)  # hits [0, last) end by `start`; one must begin at lo or later
                if last == 0 or latest_first[last - 1] < lo:
                    flags.append(False)
                    continue
                earliest = min(first for first in firsts[:last] if first >= lo)
            else:
                found = _earliest_cue(text, words.iter(text, lo, start), start)
                if found is None:
                    flags.append(False)
                    continue
                earliest = found
        flags.append(
            any(
                not any(p in text[cue.end() : start] for p in CLAUSE_END)
                for pattern, window in patterns
                for cue in pattern.finditer(text, max(0, start - window, earliest), start)
            )
        )
    return flags
