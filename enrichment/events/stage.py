"""EventStage: PLOVER/ACLED-coded event records from triggers and earlier stages' output."""

from __future__ import annotations

import dataclasses
import hashlib

from enrichment.enrichment_update import updated
from enrichment.events.arguments import (
    EntityMention,
    MentionIndex,
    actors,
    pick_date,
    pick_killed,
    pick_place,
    specificity,
)
from enrichment.events.detection import TriggerMention, detect
from enrichment.events.lexicon import MATERIAL_CONFLICT, load_lexicon
from enrichment.events.merge import Draft, merge
from enrichment.events.ownership import assign
from enrichment.events.segments import Segments, segment
from enrichment.normalized_text import normalize
from enrichment.types import Casualty, DateExpr, Document, Enrichment, Entity, Event, Mention


def _fallback_place(acc: Enrichment) -> Entity | None:
    by_id = {e.id: e for e in acc.entities}
    for place in acc.places:
        if place.entity_id in by_id:
            return by_id[place.entity_id]
    locations = [e for e in acc.entities if e.type == "LOCATION"]
    return max(locations, key=lambda e: e.salience) if locations else None


class EventStage:
    """Stage "events": fills `Enrichment.events` (needs dates and casualties stages before it)."""

    name = "events"

    def __call__(self, doc: Document, acc: Enrichment) -> Enrichment:
        return updated(acc, events=tuple(extract_events(doc, acc)))


@dataclasses.dataclass(frozen=True, slots=True)
class _Owned:
    """Arguments already assigned to their nearest trigger (keys: id(trigger))."""

    dates_in_sentence: dict[int, list[DateExpr]]
    dates_in_paragraph: dict[int, list[DateExpr]]
    casualties: dict[int, list[Casualty]]
    orphan_casualties: dict[int, list[Casualty]]  # counts in sentences without a material trigger
    places: dict[int, list[EntityMention]]


def _by_sentence(t: TriggerMention) -> int:
    return t.sentence


def _by_paragraph(t: TriggerMention) -> int:
    return t.paragraph


def _date_start(d: DateExpr) -> int:
    return d.start


def _casualty_start(c: Casualty) -> int:
    return c.start


def _mention_start(m: EntityMention) -> int:
    return m.start


_NOTHING_OWNED = _Owned({}, {}, {}, {}, {})


def _own(acc: Enrichment, material: list[TriggerMention], segments: Segments, index: MentionIndex) -> _Owned:
    if not material:
        return _NOTHING_OWNED  # every argument needs a material trigger in its sentence or paragraph
    day_dates = [d for d in acc.dates if d.granularity == "day"]
    trigger_sentences = {t.sentence for t in material}
    sentence_of = segments.sentence_of
    # LOCATION mentions written as places, only in sentences that have a material trigger (in text order):
    # `assign` gives the others to nobody, so they need not be looked at.
    places = [
        index.mention(i)
        for sentence in sorted(trigger_sentences)
        for i in index.between(*segments.sentence_span(sentence))
        if index.entities[i].type == "LOCATION" and index.written_as_place(i)
    ]
    return _Owned(
        assign(day_dates, _date_start, sentence_of, material, _by_sentence),
        assign(day_dates, _date_start, segments.paragraph_of, material, _by_paragraph),
        assign(acc.casualties, _casualty_start, sentence_of, material, _by_sentence),
        assign(
            [c for c in acc.casualties if sentence_of(c.start) not in trigger_sentences],
            _casualty_start,
            segments.paragraph_of,
            material,
            _by_paragraph,
        ),
        assign(places, _mention_start, sentence_of, material, _by_sentence),
    )


_CONFIDENCE: dict[tuple[float, bool], float] = {}  # (weight, in the title) -> confidence: few weights, many calls


def _draft(
    doc: Document,
    trigger: TriggerMention,
    owned: _Owned,
    segments: Segments,
    index: MentionIndex,
    published: str | None,
) -> Draft:
    source, target = actors(trigger, index, segments)
    coding = trigger.coding
    entry = trigger.entry
    quad_class = coding.quad_class
    place = None
    date, date_source = published, "published"
    fatalities = None
    # `_own` gives arguments to material triggers only
    if quad_class == MATERIAL_CONFLICT and owned is not _NOTHING_OWNED:
        key = id(trigger)
        places = owned.places.get(key)
        place = pick_place(places, trigger) if places else None
        dates = owned.dates_in_sentence.get(key)
        if dates:
            date, date_source = pick_date(dates), "sentence"
        else:
            dates = owned.dates_in_paragraph.get(key)
            if dates:
                date, date_source = pick_date(dates), "paragraph"
        killed = owned.casualties.get(key, []) + owned.orphan_casualties.get(key, [])
        fatalities = pick_killed(killed) if killed else None
    in_title = trigger.start < doc.title_end
    confidence = _CONFIDENCE.get((entry.weight, in_title))
    if confidence is None:
        confidence = _CONFIDENCE[entry.weight, in_title] = round(entry.weight * (1.0 if in_title else 0.98), 3)
    # Positional, in Draft's field order: keywords cost ~1.4 us more per draft (a third of this function).
    return Draft(
        (coding.type, coding.acled_subtype or coding.mode),  # key
        entry.generic,
        quad_class,
        coding.type,
        coding.mode,
        coding.acled_type,
        coding.acled_subtype,
        source,
        target,
        place.id if place else None,  # location
        specificity(place) if place else -1,  # location_rank
        place.country_code if place else None,
        place.lat if place else None,
        place.lon if place else None,
        date,
        date_source,
        fatalities,
        trigger.start,
        trigger.end,
        confidence,
    )


def extract_events(doc: Document, acc: Enrichment) -> list[Event]:
    """All factual events in the document, de-duplicated, in text order."""
    norm = normalize(doc.text)
    segments = segment(doc.text)
    sentence_of = segments.sentence_of
    supported = {sentence_of(d.start) for d in acc.dates if d.granularity == "day"}
    supported |= {sentence_of(c.start) for c in acc.casualties}
    historical = frozenset(sentence_of(d.start) for d in acc.dates if d.granularity != "day")
    detected = detect(norm, segments, load_lexicon(), supported, historical)
    if not detected:
        return []
    # Words of a name ("Popular Mobilization Forces", "الحشد الشعبي") are not triggers.
    index = MentionIndex(acc.entities, doc.text)
    triggers = [t for t in detected if not index.overlaps(t.start, t.end)]
    if not triggers:
        return []
    material = [t for t in triggers if t.coding.quad_class == MATERIAL_CONFLICT]
    published = doc.published_at.date().isoformat() if doc.published_at else None
    owned = _own(acc, material, segments, index)
    drafts = merge([_draft(doc, t, owned, segments, index, published) for t in triggers])
    fallback: Entity | None = None
    fallback_known = False
    events = []
    for d in drafts:
        if d.location is None and d.quad_class == MATERIAL_CONFLICT:
            if not fallback_known:
                fallback, fallback_known = _fallback_place(acc), True
            if fallback is not None:
                d.location, d.country, d.lat, d.lon = fallback.id, fallback.country_code, fallback.lat, fallback.lon
        digest = hashlib.sha1(f"{doc.id}|{d.type}|{d.start}".encode(), usedforsecurity=False).hexdigest()[:16]
        events.append(
            Event(  # positional, in field order (keywords cost ~1 us more per event)
                digest,  # id
                d.type,
                d.mode,
                d.quad_class,
                d.acled_type,
                d.acled_subtype,
                d.source,  # source_actor
                d.target,  # target_actor
                d.location,
                d.country,  # country_code
                d.lat,
                d.lon,
                d.date,
                d.fatalities,
                Mention(d.start, d.end, doc.text[d.start : d.end]),  # trigger
                d.confidence,
            )
        )
    return events
