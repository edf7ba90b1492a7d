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
from functools import lru_cache, partial

from enrichment._records import linked_entities, ranked, unknown_entities
from enrichment._span_loops import clustered
from enrichment.entity_spans import SpanCandidate
from enrichment.fast_records import EntryFields, place
from enrichment.gazetteer import Gazetteer
from enrichment.kb.loader import KnowledgeBase
from enrichment.normalize import normalize
from enrichment.types import Document, Entity, Names, Place

ClusterKey = tuple[str, str]  # (type, normalised name) of an entity the KB does not know
_ARABIC_RE = re.compile("[\u0600-\u06ff]")


def unknown_id(entity_type: str, name: str) -> str:
    """The id of an entity the KB does not know, from its type and normalised name."""
    return _key_id(entity_type, normalize(name))


def _key_id(entity_type: str, normalised: str) -> str:
    digest = hashlib.sha1(normalised.encode("utf-8"), usedforsecurity=False).hexdigest()[:12]
    return f"akhbar:unk:{entity_type}:{digest}"


# (type, normalised name) -> unknown_id, read and filled by the compiled loop (unknown_entities) and emptied
# when full. An English article names ~30 unknown entities, two thirds of them new to a stream of distinct
# articles; an lru_cache on unknown_id cost ~0.3 µs more a hit and ~0.4 µs more a miss.
_IDS: dict[tuple[str, str], str] = {}
_IDS_LIMIT = 65536


def build_entities(doc: Document, spans: list[SpanCandidate], gazetteer: Gazetteer) -> tuple[Entity, ...]:
    """Entities of the document, most salient first (ties broken by first mention).

    Clustering, building the entities and ranking them are compiled (enrichment._span_loops.clustered,
    enrichment._records.linked_entities, unknown_entities and ranked: a Python call less per span, entity and
    mention);
    their Python is reference_entities in tests/unit/entity_build_reference.py.
    """
    text = doc.text
    linked, unknown = clustered(spans, gazetteer.entries, text, normalize)
    total = max(len(spans), 1)  # every span is in exactly one cluster
    title_end = doc.title_end
    lead_start = title_end + 2 if title_end else 0
    size = max(len(text), 1)
    fields = gazetteer.entity_fields
    # (-salience, first start, entity): spans never overlap, so no two entities share a first start
    # and the order clusters are visited in does not matter.
    built: list[tuple[float, int, Entity]] = []
    linked_entities(linked, fields, partial(_entry_fields, gazetteer), text, title_end, lead_start, size, total, built)
    if len(_IDS) > _IDS_LIMIT:
        _IDS.clear()
    unknown_entities(
        unknown, _IDS, _key_id, normalize, _ARABIC_RE.search, text, title_end, lead_start, size, total, built
    )
    return ranked(built)  # sorted by (-salience, first start)


def _entry_fields(gazetteer: Gazetteer, index: int) -> EntryFields:
    """The fields of a KB entry's Entity that do not depend on the document."""
    entry = gazetteer.entries[index]
    return (
        entry.id,
        entry.type,
        entry.name_en,
        _names(entry.name_ar, entry.name_en),
        entry.subtype,
        entry.country,
        entry.lat,
        entry.lon,
    )


@lru_cache(maxsize=65536)
def _names(ar: str | None, en: str) -> Names:
    """KB names are immutable and shared: one Names per KB entry."""
    return Names(ar=ar, en=en)


def places_of(entities: tuple[Entity, ...], kb: KnowledgeBase) -> tuple[Place, ...]:
    """A Place for every LOCATION entity, with the KB's country and coordinates."""
    return tuple([place(e.id, e.name, e.country_code, e.lat, e.lon) for e in entities if e.type == "LOCATION"])
