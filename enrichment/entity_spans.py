"""Span candidates from the knowledge base, the tagger and the rules, and how they are merged.

(Which KB reading a match takes is enrichment.kb_readings.)

Policy on overlap: a KB match wins, except when a tagger/rule span strictly contains it and
  * the KB match is a surname-only alias of a KB person and the span is a PERSON ending with it
    ("جيمس كيربي" around "كيربي"): the longer span is kept and linked to that person;
  * the KB match is a single token of another type ("Lloyd Austin" around the city "Austin"):
    the longer span is kept as an entity of its own type.
Crossing spans lose against KB matches. Demonyms ("Iraqi", "العراقية") are never entities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from enrichment._span_loops import merged_spans
from enrichment.gazetteer import Gazetteer


@dataclass(slots=True)
class SpanCandidate:
    start: int
    end: int
    type: str
    source: str  # "kb", "tagger" or "rule"
    entry: int | None = None  # index into the KB entries when linked
    weak: bool = False
    ambiguous: bool = False


_EN_DEMONYM_RE = re.compile(r"^[A-Z][a-z]+(?:i|an|ian|ese|ish|ic|ean|ch|ite)s?$")
_AR_NISBA_RE = re.compile(r"^[وفبلك]?(?:ال)?[\u0621-\u064A]{2,}(?:ي|ية|يه|يون|يين|يان|يتين)$")
# "Iran-backed", "Britain-based", "U.S.-led": adjectives, whose head the KB may still match.
_COMPOUND_ADJECTIVE_RE = re.compile(r"-[a-z]+$")


def is_demonym(surface: str) -> bool:
    """A one-word nationality adjective ("Iraqi", "العراقية").

    Neither pattern admits a space, so a match is one word already (no split needed), and a surface
    with a space (most merged spans) needs neither pattern tried.
    """
    if " " in surface:
        return False
    return _EN_DEMONYM_RE.match(surface) is not None or _AR_NISBA_RE.match(surface) is not None


def _not_a_name(surface: str) -> bool:
    """A demonym or a compound adjective ("Iran-backed": the pattern needs a hyphen)."""
    return is_demonym(surface) or ("-" in surface and _COMPOUND_ADJECTIVE_RE.search(surface) is not None)


def merge_spans(
    kb: list[SpanCandidate], others: list[SpanCandidate], text: str, gazetteer: Gazetteer
) -> list[SpanCandidate]:
    """Apply the overlap policy in the module docstring; returns non-overlapping spans.

    The kept spans never overlap, so sorted by start they are sorted by end too and the spans a
    candidate overlaps are one slice found by bisection (tagger output has ~60 spans per article).
    Half the tagger's spans are KB matches again: the overlap test comes before the (dearer) surface
    tests. The loop is compiled (enrichment._span_loops.merged_spans; its Python is bisecting_merge in
    tests/unit/entity_build_reference.py).
    """
    kept = merged_spans(
        list(kb),
        others,
        text,
        gazetteer,
        _replaces,
        _EN_DEMONYM_RE.match,
        _AR_NISBA_RE.match,
        _COMPOUND_ADJECTIVE_RE.search,
    )
    if kept is None:  # the gazetteer's matches are sorted and disjoint; other input may not be
        return _merge_overlapping(kb, others, text, gazetteer)
    return kept


def _replaces(span: SpanCandidate, overlapping: list[SpanCandidate], text: str, gazetteer: Gazetteer) -> bool:
    """Whether `span` takes the place of the kept KB spans it overlaps (the policy's exceptions).

    May link `span` (see _absorbs) when it does; callers drop `span` otherwise.
    """
    if len(overlapping) == 1:  # the common case, written out
        only = overlapping[0]
        if only.source not in ("kb", "weak") or only.start < span.start or span.end < only.end:
            return False
        if only.start == span.start and only.end == span.end:
            return only.ambiguous and only.type != span.type
        return _absorbs(span, overlapping, text, gazetteer)
    if any(k.source not in ("kb", "weak") for k in overlapping):
        return False
    contains = all(span.start <= k.start and k.end <= span.end for k in overlapping)
    strictly = contains and all((k.start, k.end) != (span.start, span.end) for k in overlapping)
    return strictly and _absorbs(span, overlapping, text, gazetteer)


def _merge_overlapping(
    kb: list[SpanCandidate], others: list[SpanCandidate], text: str, gazetteer: Gazetteer
) -> list[SpanCandidate]:
    """merge_spans for KB spans that overlap one another (never from the gazetteer): a linear scan."""
    kept = list(kb)
    for span in sorted(others, key=_longest_first):
        if span.end <= span.start or _not_a_name(text[span.start : span.end]):
            continue
        overlapping = [k for k in kept if k.start < span.end and span.start < k.end]
        if not overlapping:
            kept.append(span)
        elif _replaces(span, overlapping, text, gazetteer):
            for k in overlapping:
                kept.remove(k)
            kept.append(span)
    kept.sort(key=_start)
    return kept


def _start(span: SpanCandidate) -> int:
    return span.start


def _longest_first(span: SpanCandidate) -> tuple[int, int]:
    return (span.start - span.end, span.start)


def _absorbs(span: SpanCandidate, inside: list[SpanCandidate], text: str, gazetteer: Gazetteer) -> bool:
    if len(inside) != 1:
        return all(k.type != span.type and " " not in text[k.start : k.end].strip() for k in inside)
    only = inside[0]  # the common case: one KB span inside
    if span.type == "PERSON" and only.type == "PERSON" and only.end == span.end:
        span.entry = only.entry
        span.weak = False
        return True
    if span.type == "ORG" and only.entry is not None:
        country = gazetteer.entries[only.entry]
        if country.is_country and country.country:
            rest = text[span.start : only.start] + " " + text[only.end : span.end]
            scoped = gazetteer.scoped_entry(country.country, rest)
            if scoped is not None:
                span.entry = scoped
                span.source = "kb"
                return True
    return only.type != span.type and " " not in text[only.start : only.end].strip()
