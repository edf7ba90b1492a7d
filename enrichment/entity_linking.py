"""Group merged spans into document entities, give them ids and rank them by salience.

Clustering: KB-linked spans group by KB entry; an unknown PERSON's later surname-only
mention joins the full name ("جيمس كيربي" ... "كيربي"), and a cluster whose surname is the
surname of a KB person mentioned in the document joins that person. Other unknown
mentions group by type and normalised text. Unknown ids are
"akhbar:unk:<TYPE>:<sha1(normalised name)[:12]>", stable across documents.
"""

from __future__ import annotations

import hashlib
import math
from functools import lru_cache
from typing import cast

from enrichment.entity_spans import SpanCandidate
from enrichment.gazetteer import Gazetteer
from enrichment.kb.loader import KnowledgeBase
from enrichment.normalize import normalize
from enrichment.types import Document, Entity, EntityType, Mention, Names, Place

ClusterKey = tuple[str, str]
_LEAD_CHARS = 400


def unknown_id(entity_type: str, name: str) -> str:
    digest = hashlib.sha1(normalize(name).encode("utf-8"), usedforsecurity=False).hexdigest()[:12]
    return f"akhbar:unk:{entity_type}:{digest}"


def _surname(key: str) -> str:
    return key.rsplit(" ", 1)[-1]


def _cluster(doc: Document, spans: list[SpanCandidate], gazetteer: Gazetteer) -> dict[ClusterKey, list[SpanCandidate]]:
    entries = gazetteer.entries
    clusters: dict[ClusterKey, list[SpanCandidate]] = {}
    kb_surnames: dict[str, ClusterKey] = {}
    for span in spans:
        if span.entry is not None:
            key: ClusterKey = ("kb", str(span.entry))
            if key in clusters:
                clusters[key].append(span)
                continue
            clusters[key] = [span]
            entry = entries[span.entry]
            if entry.type == "PERSON":
                for name in (entry.name_en, entry.name_ar or "", doc.text[span.start : span.end]):
                    if name:
                        kb_surnames[_surname(normalize(name))] = key
    people = [s for s in spans if s.entry is None and s.type == "PERSON"]
    people.sort(key=lambda s: -len(normalize(doc.text[s.start : s.end]).split(" ")))
    person_surnames: dict[str, ClusterKey] = {}
    for span in people:
        name = normalize(doc.text[span.start : span.end])
        surname = _surname(name)
        found = kb_surnames.get(surname) or person_surnames.get(name if " " in name else surname)
        if found is None:
            found = ("PERSON", name)
            if " " in name:
                person_surnames.setdefault(surname, found)
        clusters.setdefault(found, []).append(span)
    for span in spans:
        if span.entry is None and span.type != "PERSON":
            key = (span.type, normalize(doc.text[span.start : span.end]))
            clusters.setdefault(key, []).append(span)
    return clusters


def _salience_of(starts: list[int], title_end: int, lead_start: int, size: int, total: int) -> float:
    """Title mentions, lead mentions, frequency and first position (of sorted starts), squashed to [0, 1]."""
    first = starts[0]
    in_title = first < title_end
    in_lead = False
    for start in starts:
        if start >= lead_start:
            in_lead = start < lead_start + _LEAD_CHARS
            break
    count = len(starts)
    raw = 1.2 * in_title + 0.8 * in_lead + 0.6 * math.log2(1 + count) + 0.4 * (1.0 - first / max(size, 1))
    return round(min(1.0, 1.0 - math.exp(-(raw + count / max(total, 1)) / 2.0)), 4)


def build_entities(doc: Document, spans: list[SpanCandidate], gazetteer: Gazetteer) -> tuple[Entity, ...]:
    """Entities of the document, most salient first (ties broken by first mention)."""
    text = doc.text
    clusters = _cluster(doc, spans, gazetteer)
    total = sum(map(len, clusters.values()))
    entries = gazetteer.entries
    title_end = doc.title_end
    lead_start = title_end + 2 if title_end else 0
    size = len(text)
    built: list[tuple[float, int, Entity]] = []
    for key, members in clusters.items():
        if len(members) == 1:
            only = members[0]
            mentions = [(only.start, only.end)]
        else:
            mentions = sorted({(s.start, s.end) for s in members})
        mention_objs = [Mention(start, end, text[start:end]) for start, end in mentions]
        salience = _salience_of([start for start, _ in mentions], title_end, lead_start, size, total)
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
            longest = max(mention_objs, key=lambda m: (len(m.text), -m.start)).text
            arabic = any("\u0600" <= c <= "\u06ff" for c in longest)
            entity = Entity(
                id=unknown_id(key[0], longest),
                type=cast(EntityType, key[0]),
                name=longest,
                names=Names(ar=longest if arabic else None, en=None if arabic else longest),
                kb_id=None,
                salience=salience,
                mentions=tuple(mention_objs),
            )
        built.append((salience, mentions[0][0], entity))
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
