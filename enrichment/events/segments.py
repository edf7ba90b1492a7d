"""Sentence and paragraph boundaries, cheap enough for the hot path."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

# A sentence ends at ., !, ?, ؟ followed by spaces and a capital/Arabic letter or quote, or at a newline.
# The scan is compiled (_event_kernels.boundaries, one pass over the string); the regex scan it replaced is
# the reference in tests/unit/segments_reference.py.
from enrichment._event_kernels import boundaries


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
    sentences, paragraphs = boundaries(text)
    return Segments(tuple(sentences), tuple(paragraphs), len(text))
