"""Where each character of a normalised text came from: runs of kept characters, or a dense list.

enrichment.normalize deletes characters (marks, apostrophes, the extra spaces of runs) from the
texts it folds; an OffsetMap maps normalised positions back to the original text, keeping the
combining marks that follow a span's last character.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from operator import sub


class _Marks:
    """Membership test 'is a combining mark' (category Mn), cached per character."""

    def __init__(self) -> None:
        self.known: dict[str, bool] = {}  # read directly by the hot loop in OffsetMap.span

    def __contains__(self, char: str) -> bool:
        known = self.known.get(char)
        if known is None:
            known = self.known[char] = unicodedata.category(char) == "Mn"
        return known


_MARKS = _Marks()


class OffsetMap:
    """Maps normalised positions to original ones through runs of kept characters (no per-char list)."""

    __slots__ = ("_dense", "_norm_starts", "_orig_starts", "_shifts")

    def __init__(
        self,
        norm_starts: list[int],
        orig_starts: list[int],
        dense: list[int] | None = None,
        shifts: list[int] | None = None,
    ) -> None:
        self._norm_starts = norm_starts
        self._orig_starts = orig_starts
        self._dense = dense
        self._shifts = shifts  # orig_starts minus norm_starts, when the maker knows it

    def __getitem__(self, index: int) -> int:
        if self._dense is not None:
            return self._dense[index]
        if not self._norm_starts:
            return index
        run = bisect_right(self._norm_starts, index) - 1
        return self._orig_starts[run] + index - self._norm_starts[run]

    def span(self, start: int, end: int, original: str) -> tuple[int, int]:
        """Original [start, end) of normalised [start, end), keeping combining marks after the last char."""
        if self._dense is not None:
            orig_start, orig_end = self._dense[start], self._dense[end - 1] + 1
        elif self._norm_starts:
            starts = self._norm_starts
            run = bisect_right(starts, start) - 1
            orig_start = self._orig_starts[run] + start - starts[run]
            last = end - 1
            if run + 1 < len(starts) and starts[run + 1] <= last:
                run = bisect_right(starts, last, run) - 1
            orig_end = self._orig_starts[run] + last - starts[run] + 1
        else:
            orig_start, orig_end = start, end
        length = len(original)
        known = _MARKS.known
        while orig_end < length:
            char = original[orig_end]
            mark = known.get(char)
            if mark is None:
                mark = char in _MARKS
            if not mark:
                break
            orig_end += 1
        return orig_start, orig_end

    def spans(self, pairs: list[tuple[int, int]], original: str) -> list[tuple[int, int]]:
        """`span` of every (start, end) pair, in one call (the matcher maps ~50 per article)."""
        dense = self._dense
        if dense is not None:
            mapped = [(dense[start], dense[end - 1] + 1) for start, end in pairs]
        elif self._norm_starts:
            starts, shifts = self._norm_starts, self._run_shifts()
            mapped = [run_span(starts, shifts, start, end) for start, end in pairs]
        else:
            mapped = list(pairs)
        if original.isascii():  # no combining marks to keep
            return mapped
        length = len(original)
        known = _MARKS.known
        for index, (orig_start, orig_end) in enumerate(mapped):
            if orig_end < length:
                char = original[orig_end]
                mark = known.get(char)
                if mark is None:
                    mark = char in _MARKS
                if mark:
                    mapped[index] = (orig_start, _past_marks(original, orig_end + 1))
        return mapped

    def shifts(self) -> tuple[list[int], list[int]] | None:
        """(normalised start of each run, original minus normalised index in it), or None for a dense map.

        The original index of normalised index i is i + shift[bisect_right(starts, i) - 1] (before `span`
        adds trailing combining marks): for callers that map few of many positions themselves.
        """
        if self._dense is not None:
            return None
        if not self._norm_starts:
            return [0], [0]
        return self._norm_starts, self._run_shifts()

    def _run_shifts(self) -> list[int]:
        """Original minus normalised index, per run (computed once)."""
        if self._shifts is None:
            self._shifts = list(map(sub, self._orig_starts, self._norm_starts))
        return self._shifts

    def to_list(self, length: int) -> list[int]:
        if self._dense is not None:
            return self._dense[:length]
        return [self[i] for i in range(length)]


def run_span(starts: list[int], shifts: list[int], start: int, end: int) -> tuple[int, int]:
    """Original [start, end) of normalised [start, end) by the runs of `OffsetMap.shifts` (before `span`'s
    trailing combining marks)."""
    return start + shifts[bisect_right(starts, start) - 1], end + shifts[bisect_right(starts, end - 1) - 1]


def _past_marks(original: str, end: int) -> int:
    """The end of the run of combining marks starting at `end`."""
    length = len(original)
    while end < length and original[end] in _MARKS:
        end += 1
    return end
