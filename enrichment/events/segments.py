"""Sentence and paragraph boundaries, cheap enough for the hot path."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# A sentence ends at ., !, ?, ؟ followed by spaces and a capital/Arabic letter or quote, or at a newline.
# One regex finds the boundary runs (a newline run, or end punctuation plus its spaces) so that
# decimals and abbreviations never reach Python; the next character is checked in Python. The pattern
# opens with one character class (not "\n+|[.!?؟]..."), which lets `re` skip to candidates ~3x faster.
_BOUNDARY = re.compile(r"[\n.!?؟](?:(?<=\n)\n*|[ \t\r\u00a0]+)")
_OPENERS = frozenset("\"“'(")


def _starts_sentence(char: str) -> bool:
    return char.isupper() or char in _OPENERS or "\u0600" <= char <= "\u06ff"


@dataclass(frozen=True, slots=True)
class Segments:
    sentence_starts: tuple[int, ...]
    paragraph_starts: tuple[int, ...]
    length: int

    def sentence_of(self, offset: int) -> int:
        return bisect.bisect_right(self.sentence_starts, offset) - 1

    def paragraph_of(self, offset: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, offset) - 1

    def sentence_span(self, index: int) -> tuple[int, int]:
        end = self.sentence_starts[index + 1] if index + 1 < len(self.sentence_starts) else self.length
        return self.sentence_starts[index], end


def segment(text: str) -> Segments:
    """Sentence starts and paragraph (newline-separated block) starts of `text`."""
    sentences = [0]
    paragraphs = [0]
    size = len(text)
    for m in _BOUNDARY.finditer(text):
        index = m.end()  # always past the previous boundary: matches do not overlap
        if index >= size:
            continue
        if text[m.start()] == "\n":
            sentences.append(index)
            paragraphs.append(index)
        elif text[index] != "\n" and _starts_sentence(text[index]):
            sentences.append(index)
    return Segments(tuple(sentences), tuple(paragraphs), size)
