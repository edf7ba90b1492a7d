"""Document-level surname propagation applied after decoding (English; no extra model).

News names a person in full once and by surname afterwards: once "Marc Blinker" is tagged PERSON,
a later capitalised, untagged "Blinker" in the same article is the same person. On CoNLL dev this
adds a little recall at no precision cost, while relabelling repeated names to their majority type
lowered F1, so only the propagation is done. Arabic has no capitalisation to guard it and is left
as decoded.
"""

from __future__ import annotations

from collections.abc import Sequence

TokenSpan = tuple[int, int, str]  # first token, end token (exclusive), type


def propagate_surnames(words: Sequence[str], spans: list[TokenSpan], language: str) -> list[TokenSpan]:
    """Spans plus PERSON spans for untagged repeats of multi-word persons' surnames (sorted)."""
    if language != "en" or not spans:
        return spans
    tagged_names = {tuple(words[start:end]) for start, end, _ in spans}
    surnames = {
        words[end - 1]
        for start, end, kind in spans
        if kind == "PERSON" and end - start > 1 and len(words[end - 1]) > 2 and words[end - 1][:1].isupper()
    }
    surnames = {surname for surname in surnames if (surname,) not in tagged_names}
    if not surnames:
        return spans
    covered = {position for start, end, _ in spans for position in range(start, end)}
    if len(surnames) == 1:  # one list.index scan; several surnames: one pass over the words
        (surname,) = surnames
        positions = _positions(words, surname)
    else:
        positions = [position for position, word in enumerate(words) if word in surnames]
    added = [(position, position + 1, "PERSON") for position in positions if position not in covered]
    return sorted(spans + added) if added else spans


def _positions(words: Sequence[str], word: str) -> list[int]:
    """Indices of `word` in `words`, found by list.index scans (no Python loop over every token)."""
    found: list[int] = []
    position = -1
    while True:
        try:
            position = words.index(word, position + 1)
        except ValueError:
            return found
        found.append(position)
