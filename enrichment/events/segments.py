"""Sentence and paragraph boundaries, cheap enough for the hot path."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# A sentence ends at ., !, ?, ؟ followed by space and a capital/Arabic letter or quote, or at a newline.
# Candidates come from a one-character class (fast in `re`); the context is checked in Python.
_CANDIDATE = re.compile(r"[.!?؟\n]")
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
    for m in _CANDIDATE.finditer(text):
        index = m.end()
        if m.group() == "\n":
            while index < size and text[index] == "\n":
                index += 1
            if index > sentences[-1] and index < size:
                sentences.append(index)
                paragraphs.append(index)
            continue
        if index >= size or not text[index].isspace():
            continue
        while index < size and text[index] in " \t\r\u00a0":
            index += 1
        if index < size and text[index] != "\n" and _starts_sentence(text[index]) and index > sentences[-1]:
            sentences.append(index)
    return Segments(tuple(sentences), tuple(paragraphs), size)
