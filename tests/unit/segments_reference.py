"""The regex sentence scan that `_event_kernels.boundaries` replaced, kept as its definition for the tests."""

from __future__ import annotations

import re

# One regex finds the boundary runs (a newline run, or end punctuation plus its spaces) so that
# decimals and abbreviations never reach Python; the next character is checked in Python.
_BOUNDARY = re.compile(r"[\n.!?؟](?:(?<=\n)\n*|[ \t\r\u00a0]+)")
_OPENERS = frozenset("\"“'(")


def _starts_sentence(char: str) -> bool:
    return char.isupper() or char in _OPENERS or "\u0600" <= char <= "\u06ff"


def reference_boundaries(text: str) -> tuple[list[int], list[int]]:
    """(sentence starts, paragraph starts) of `text`, as segments.segment computed them in Python."""
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
    return sentences, paragraphs
