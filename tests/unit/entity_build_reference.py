"""build_entities as plain Python (dataclass constructors, the salience formula): the reference of the
compiled builders in enrichment._records."""

from __future__ import annotations

from bisect import bisect_left
from math import exp, log2
from operator import ge
from typing import cast

from enrichment.entity_linking import _ARABIC_RE, _cluster, _entry_fields, unknown_id
from enrichment.entity_spans import SpanCandidate
from enrichment.fast_records import mention
from enrichment.gazetteer import Gazetteer
from enrichment.types import Document, Entity, EntityType, Mention, Names

_LEAD_CHARS = 400  # characters after the title that count as the lead (enrichment/_records.pyx: LEAD_CHARS)


def reference_entities(doc: Document, spans: list[SpanCandidate], gazetteer: Gazetteer) -> tuple[Entity, ...]:
    """Entities of the document, most salient first (ties broken by first mention)."""
    text = doc.text
    linked, unknown = _cluster(doc, spans, gazetteer)
    total = max(len(spans), 1)
    lead_start = doc.title_end + 2 if doc.title_end else 0
    size = max(len(text), 1)
    built: list[tuple[float, int, Entity]] = []
    for index, members in linked.items():
        mentions, starts = _mentions(text, members)
        salience = _salience(starts, doc.title_end, lead_start, size, total)
        entity_id, kind, name, names, subtype, country, lat, lon = _entry_fields(gazetteer, index)
        entity_type = cast(EntityType, kind)
        found = Entity(entity_id, entity_type, name, names, entity_id, salience, mentions, subtype, country, lat, lon)
        built.append((-salience, starts[0], found))
    for (kind, _), members in unknown.items():
        mentions, starts = _mentions(text, members)
        salience = _salience(starts, doc.title_end, lead_start, size, total)
        longest = max(mentions, key=lambda found: (len(found.text), -found.start)).text
        arabic = not longest.isascii() and _ARABIC_RE.search(longest) is not None
        names = Names(longest, None) if arabic else Names(None, longest)
        found = Entity(unknown_id(kind, longest), cast(EntityType, kind), longest, names, None, salience, mentions)
        built.append((-salience, starts[0], found))
    built.sort(key=lambda item: (item[0], item[1]))
    return tuple(found for _, _, found in built)


def _salience_of(starts: list[int], title_end: int, lead_start: int, size: int, total: int) -> float:
    """Title mentions, lead mentions, frequency and first position (of sorted starts), squashed to [0, 1].

    The formula in Python: build_entities scores with its compiled twin (enrichment._records.salience).
    """
    return _salience(starts, title_end, lead_start, max(size, 1), max(total, 1))


def _salience(starts: list[int], title_end: int, lead_start: int, size: int, total: int) -> float:
    """_salience_of with `size` and `total` already at least 1 (build_entities computes them once)."""
    first = starts[0]
    count = len(starts)
    if count == 1:
        in_lead = lead_start <= first < lead_start + _LEAD_CHARS
    else:
        lead = bisect_left(starts, lead_start)  # the first mention at or after the lead's start
        in_lead = lead < count and starts[lead] < lead_start + _LEAD_CHARS
    raw = 1.2 * (first < title_end) + 0.8 * in_lead + 0.6 * log2(1 + count) + 0.4 * (1.0 - first / size)
    # 1 - exp(-x) is at most 1.0 (exp is never negative): min(1.0, ...) of the formula changes nothing.
    return round(1.0 - exp(-(raw + count / total) / 2.0), 4)


def _mentions(text: str, members: list[SpanCandidate]) -> tuple[tuple[Mention, ...], list[int]]:
    """The distinct mentions of a cluster in text order, and their starts."""
    if len(members) == 1:
        only = members[0]
        return (mention(only.start, only.end, text[only.start : only.end]),), [only.start]
    starts = [span.start for span in members]
    if any(map(ge, starts, starts[1:])):  # rare: people joined out of text order (or repeated spans)
        positions = sorted({(s.start, s.end) for s in members})
        return tuple([mention(start, end, text[start:end]) for start, end in positions]), [s for s, _ in positions]
    # Strictly increasing starts: already the distinct positions in text order.
    return tuple([mention(s.start, s.end, text[s.start : s.end]) for s in members]), starts
