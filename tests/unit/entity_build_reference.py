"""build_entities as plain Python (dataclass constructors, the salience formula): the reference of the
compiled builders in enrichment._records."""

from __future__ import annotations

from typing import cast

from enrichment.entity_linking import _ARABIC_RE, _cluster, _entry_fields, _mentions, _salience, unknown_id
from enrichment.entity_spans import SpanCandidate
from enrichment.gazetteer import Gazetteer
from enrichment.types import Document, Entity, EntityType, Names


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
