"""The gazetteer's scan as pyahocorasick's automaton did it: the plain-Python reference of the compiled tries."""

from __future__ import annotations

from functools import cache

import ahocorasick

from enrichment.gazetteer import Gazetteer

_ALLOWED_PROCLITICS = frozenset({"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"})
_ARTICLE_PROCLITICS = frozenset({"", "و", "ف"})  # before the "لل" form


def automaton_hits(
    gazetteer: Gazetteer, padded: str
) -> tuple[list[tuple[int, int, int, int]], list[tuple[int, int, int]]]:
    """The hits the gazetteer keeps, by its automaton: Latin keys anywhere (they carry their own spaces),
    Arabic keys after a space or after an allowed proclitic sequence of their token (at most two letters)."""
    raw, cues = [], []
    for end, hit in _automaton(gazetteer).iter(padded):
        glue = hit[3]
        if glue and padded[end - glue] != " ":
            first = end - glue + 1  # padded index of the key's first character
            token_start = first - 1
            while padded[token_start - 1] != " " and first - token_start < 3:
                token_start -= 1
            allowed = _ARTICLE_PROCLITICS if hit[6] else _ALLOWED_PROCLITICS
            if padded[token_start - 1] != " " or padded[token_start:first] not in allowed:
                continue
        if hit[4]:
            raw.append((hit[2], end + hit[1], end - 1, hit[0]))
        if hit[5]:
            cues.append((end + hit[1], end - 1, hit[0]))
    return sorted(raw), cues


@cache
def _automaton(gazetteer: Gazetteer) -> ahocorasick.Automaton:
    """Every key of the gazetteer, with its KeyHit, in an Aho-Corasick automaton (as the scan once used)."""
    automaton = ahocorasick.Automaton()
    for padded, hit in gazetteer._hits.items():
        automaton.add_word(padded, hit)
    automaton.make_automaton()
    return automaton
