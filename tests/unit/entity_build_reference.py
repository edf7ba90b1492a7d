"""build_entities and merge_spans' loop as plain Python (dataclass constructors, the salience formula,
bisect on lists): the references of the compiled builders in enrichment._records and the loops in
enrichment._span_loops."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from math import exp, log2
from operator import ge, gt
from typing import cast

from enrichment.entity_linking import _ARABIC_RE, ClusterKey, _entry_fields, unknown_id
from enrichment.entity_spans import SpanCandidate, _longest_first, _not_a_name, _replaces
from enrichment.fast_records import mention
from enrichment.gazetteer import Gazetteer, Match
from enrichment.kb.loader import KBEntry
from enrichment.normalize import normalize
from enrichment.types import Document, Entity, EntityType, Mention, Names

_LEAD_CHARS = 400  # characters after the title that count as the lead (enrichment/_records.pyx: LEAD_CHARS)


def reference_entities(doc: Document, spans: list[SpanCandidate], gazetteer: Gazetteer) -> tuple[Entity, ...]:
    """Entities of the document, most salient first (ties broken by first mention)."""
    text = doc.text
    linked, unknown = reference_cluster(doc, spans, gazetteer)
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


def bisecting_merge(
    kb: list[SpanCandidate], others: list[SpanCandidate], text: str, gazetteer: Gazetteer
) -> list[SpanCandidate]:
    """merge_spans' loop in Python (enrichment._span_loops.merged_spans compiles it), for disjoint sorted KB spans."""
    kept = list(kb)
    starts = [k.start for k in kept]
    ends = [k.end for k in kept]
    assert not any(map(gt, ends, starts[1:]))
    for span in sorted(others, key=_longest_first):
        start, end = span.start, span.end
        if end <= start:
            continue
        first = bisect_right(ends, start)  # the first kept span ending after `start`
        last = bisect_left(starts, end, first)  # the first kept span starting at or after `end`
        if first != last and not _replaces(span, kept[first:last], text, gazetteer):
            continue
        if _not_a_name(text[start:end]):
            continue
        kept[first:last] = [span]
        starts[first:last] = [start]
        ends[first:last] = [end]
    return kept


def _surname(key: str) -> str:
    return key.rsplit(" ", 1)[-1]


def reference_cluster(
    doc: Document, spans: list[SpanCandidate], gazetteer: Gazetteer
) -> tuple[dict[int, list[SpanCandidate]], dict[ClusterKey, list[SpanCandidate]]]:
    """(KB entry index -> its spans, (type, normalised name) -> spans of an unknown entity).

    entity_linking.build_entities clusters with its compiled twin, enrichment._span_loops.clustered.
    """
    entries = gazetteer.entries
    text = doc.text
    linked: dict[int, list[SpanCandidate]] = {}
    unknown: dict[ClusterKey, list[SpanCandidate]] = {}
    kb_surnames: dict[str, list[SpanCandidate]] = {}
    people: list[tuple[str, SpanCandidate]] = []
    others: list[SpanCandidate] = []
    for span in spans:
        index = span.entry
        if index is None:
            if span.type == "PERSON":
                people.append((normalize(text[span.start : span.end]), span))
            else:
                others.append(span)
            continue
        members = linked.get(index)
        if members is not None:
            members.append(span)
            continue
        members = linked[index] = [span]
        entry = entries[index]
        if entry.type == "PERSON":
            for name in (entry.name_en, entry.name_ar or "", text[span.start : span.end]):
                if name:
                    kb_surnames[_surname(normalize(name))] = members
    # Full names before the surname-only mentions that may join them (a stable sort: ties keep text order).
    people.sort(key=lambda named: -named[0].count(" "))
    person_surnames: dict[str, list[SpanCandidate]] = {}
    for name, span in people:
        surname = _surname(name)
        found = kb_surnames.get(surname) or person_surnames.get(name if " " in name else surname)
        if found is None:
            found = unknown.setdefault(("PERSON", name), [])
            if " " in name:
                person_surnames.setdefault(surname, found)
        found.append(span)
    for span in others:
        unknown.setdefault((span.type, normalize(text[span.start : span.end])), []).append(span)
    return linked, unknown


def reference_kb_spans(
    matches: list[Match],
    entries: tuple[KBEntry, ...],
    weak_ambiguous: tuple[tuple[bool, bool], ...],
    reading: Callable[[tuple[tuple[int, int], ...], Gazetteer, set[str], bool], tuple[int, int]],
    gazetteer: Gazetteer,
    countries: set[str],
    region_keys: set[str],
) -> list[SpanCandidate]:
    """kb_readings.kb_candidates' loop in Python (enrichment._span_loops.kb_spans compiles it)."""
    out: list[SpanCandidate] = []
    for start, end, _, key, candidates in matches:
        if len(candidates) == 1:
            index, flags = candidates[0]
        else:
            index, flags = reading(candidates, gazetteer, countries, key in region_keys)
        weak, ambiguous = weak_ambiguous[flags]
        out.append(SpanCandidate(start, end, entries[index].type, "kb", index, weak, ambiguous))
    return out
