"""Group merged spans into document entities, give them ids and rank them by salience.

Clustering: KB-linked spans group by KB entry; an unknown PERSON's later surname-only
mention joins the full name ("جيمس كيربي" ... "كيربي"), and a cluster whose surname is the
surname of a KB person mentioned in the document joins that person. Other unknown
mentions group by type and normalised text. Unknown ids are
"akhbar:unk:<TYPE>:<sha1(normalised name)[:12]>", stable across documents.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from functools import lru_cache
from math import exp as _exp
from math import log2 as _log2
from typing import cast

from enrichment.entity_spans import SpanCandidate
from enrichment.gazetteer import Gazetteer
from enrichment.kb.loader import KnowledgeBase
from enrichment.normalize import normalize
from enrichment.types import Document, Entity, EntityType, Mention, Names, Place

ClusterKey = tuple[str, str]
_LEAD_CHARS = 400
_ARABIC_RE = re.compile("[\u0600-\u06ff]")


@lru_cache(maxsize=65536)
def unknown_id(entity_type: str, name: str) -> str:
    digest = hashlib.sha1(normalize(name).encode("utf-8"), usedforsecurity=False).hexdigest()[:12]
    return f"akhbar:unk:{entity_type}:{digest}"


def _surname(key: str) -> str:
    return key.rsplit(" ", 1)[-1]


def _cluster(doc: Document, spans: list[SpanCandidate], gazetteer: Gazetteer) -> dict[ClusterKey, list[SpanCandidate]]:
    entries = gazetteer.entries
    text = doc.text
    clusters: dict[ClusterKey, list[SpanCandidate]] = {}
    kb_surnames: dict[str, ClusterKey] = {}
    people: list[tuple[str, SpanCandidate]] = []
    others: list[SpanCandidate] = []
    for span in spans:
        if span.entry is None:
            if span.type == "PERSON":
                people.append((normalize(text[span.start : span.end]), span))
            else:
                others.append(span)
            continue
        key: ClusterKey = ("kb", str(span.entry))
        members = clusters.get(key)
        if members is not None:
            members.append(span)
            continue
        clusters[key] = [span]
        entry = entries[span.entry]
        if entry.type == "PERSON":
            for name in (entry.name_en, entry.name_ar or "", text[span.start : span.end]):
                if name:
                    kb_surnames[_surname(normalize(name))] = key
    # Full names before the surname-only mentions that may join them (a stable sort: ties keep text order).
    people.sort(key=lambda named: -named[0].count(" "))
    person_surnames: dict[str, ClusterKey] = {}
    for name, span in people:
        surname = _surname(name)
        found = kb_surnames.get(surname) or person_surnames.get(name if " " in name else surname)
        if found is None:
            found = ("PERSON", name)
            if " " in name:
                person_surnames.setdefault(surname, found)
        clusters.setdefault(found, []).append(span)
    for span in others:
        clusters.setdefault((span.type, normalize(text[span.start : span.end])), []).append(span)
    return clusters


def _salience_of(starts: list[int], title_end: int, lead_start: int, size: int, total: int) -> float:
    """Title mentions, lead mentions, frequency and first position (of sorted starts), squashed to [0, 1]."""
    first = starts[0]
    count = len(starts)
    if count == 1:
        in_lead = lead_start <= first < lead_start + _LEAD_CHARS
    else:
        lead = bisect_left(starts, lead_start)  # the first mention at or after the lead's start
        in_lead = lead < count and starts[lead] < lead_start + _LEAD_CHARS
    raw = 1.2 * (first < title_end) + 0.8 * in_lead + 0.6 * _log2(1 + count) + 0.4 * (1.0 - first / max(size, 1))
    return round(min(1.0, 1.0 - _exp(-(raw + count / max(total, 1)) / 2.0)), 4)


def build_entities(doc: Document, spans: list[SpanCandidate], gazetteer: Gazetteer) -> tuple[Entity, ...]:
    """Entities of the document, most salient first (ties broken by first mention)."""
    text = doc.text
    clusters = _cluster(doc, spans, gazetteer)
    total = len(spans)  # every span is in exactly one cluster
    entries = gazetteer.entries
    title_end = doc.title_end
    lead_start = title_end + 2 if title_end else 0
    size = len(text)
    built: list[tuple[float, int, Entity]] = []
    for key, members in clusters.items():
        if len(members) == 1:
            only = members[0]
            start = only.start
            mention_objs = [Mention(start, only.end, text[start : only.end])]
            starts = [start]
        else:
            mentions = sorted({(s.start, s.end) for s in members})
            mention_objs = [Mention(start, end, text[start:end]) for start, end in mentions]
            starts = [start for start, _ in mentions]
        salience = _salience_of(starts, title_end, lead_start, size, total)
        if key[0] == "kb":
            entry = entries[int(key[1])]
            entity = Entity(
                entry.id,
                cast(EntityType, entry.type),
                entry.name_en,
                _names(entry.name_ar, entry.name_en),
                entry.id,
                salience,
                tuple(mention_objs),
                entry.subtype,
                entry.country,
                entry.lat,
                entry.lon,
            )
        else:
            if len(mention_objs) == 1:
                longest = mention_objs[0].text
            else:
                longest = max(mention_objs, key=lambda m: (len(m.text), -m.start)).text
            arabic = _ARABIC_RE.search(longest) is not None
            entity = Entity(
                unknown_id(key[0], longest),
                cast(EntityType, key[0]),
                longest,
                Names(ar=longest, en=None) if arabic else Names(ar=None, en=longest),
                None,
                salience,
                tuple(mention_objs),
            )
        built.append((salience, starts[0], entity))
    built.sort(key=lambda item: (-item[0], item[1]))
    return tuple(entity for _, _, entity in built)


@lru_cache(maxsize=65536)
def _names(ar: str | None, en: str) -> Names:
    """KB names are immutable and shared: one Names per KB entry."""
    return Names(ar=ar, en=en)


def places_of(entities: tuple[Entity, ...], kb: KnowledgeBase) -> tuple[Place, ...]:
    """A Place for every LOCATION entity, with the KB's country and coordinates."""
    return tuple(
        Place(entity_id=e.id, name=e.name, country_code=e.country_code, lat=e.lat, lon=e.lon)
        for e in entities
        if e.type == "LOCATION"
    )
