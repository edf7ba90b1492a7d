"""Event arguments from earlier stages: actors, place, date and fatalities near a trigger.

Syntax-light heuristics: the source actor is the nearest actor mention before the
trigger in its sentence, the target the first one after it behind "on/against/
على/ضد"; the place is the most specific LOCATION written as a place ("in X",
"بـX"); dates and casualty counts go to the nearest trigger in their sentence.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from enrichment.events.detection import TriggerMention
from enrichment.events.segments import Segments
from enrichment.types import Casualty, DateExpr, Entity

_SPECIFICITY = {
    "city": 4, "town": 4, "village": 4, "neighbourhood": 5, "neighborhood": 5, "district": 3, "airport": 5,
    "facility": 5, "governorate": 2, "province": 2, "region": 2, "state": 2, "admin1": 2, "country": 1,
    "continent": 0,
}  # fmt: skip
_ACTOR_SUBTYPES_LOCATION = frozenset({"country"})
_TARGET_CUES = ("on ", "against ", "at ", "targeting ", "targeted ", "علي ", "على ", "ضد ", "استهدف", "استهدفت ")
_PLACE_CUES_EN = (" in ", " near ", " at ", " outside ", " inside ", " around ", " across ", " of ", " from ", "in ")
_PLACE_PREFIX_AR = ("ب", "في ", "قرب ", "شرق ", "غرب ", "شمال ", "جنوب ", "ريف ", "منطقه ", "منطقة ", "مدينة ")
# Sponsors and patrons named next to an actor ("Iran-backed", "مدعومة من إيران") are not the actor.
_SPONSOR_CUES = (
    "backed by ",
    "supported by ",
    "loyal to ",
    "مدعومه من ",
    "مدعومة من ",
    "موالية ل",
    "موالیه ل",
    "تدعمها ",
    "بتوجيه من ",
    "الموالية ل",
)
_SOURCE_REACH = 80  # the subject sits in the trigger's clause, not sentences away
_ARMED_SUBTYPES = frozenset({"armed_group", "militia", "terrorist_group", "rebel_group", "military", "insurgent"})


# Not frozen: built many times per document, and a frozen dataclass __init__ costs ~4x more.
@dataclass(slots=True)
class EntityMention:
    entity: Entity
    start: int
    end: int


def flatten(entities: tuple[Entity, ...]) -> list[EntityMention]:
    mentions = [EntityMention(e, m.start, m.end) for e in entities for m in e.mentions]
    mentions.sort(key=lambda m: m.start)
    return mentions


def _start_of(mention: EntityMention) -> int:
    return mention.start


def overlaps_mention(start: int, end: int, mentions: list[EntityMention]) -> bool:
    """True if [start, end) overlaps an entity mention (mentions sorted by start, spans short)."""
    index = bisect.bisect_left(mentions, end, key=_start_of)
    return any(m.end > start for m in mentions[max(0, index - 8) : index])


def _is_actor(entity: Entity) -> bool:
    if entity.type in ("PERSON", "ORG"):
        return True
    return entity.type == "LOCATION" and entity.subtype in _ACTOR_SUBTYPES_LOCATION


def _written_as_place(text: str, mention: EntityMention) -> bool:
    before = text[max(0, mention.start - 12) : mention.start]
    if mention.end < len(text) and text[mention.end] in "-'’":
        return False  # "U.S.-led", "Iraq's"
    return before.endswith(_PLACE_CUES_EN) or before.endswith(_PLACE_PREFIX_AR)


def actors(
    trigger: TriggerMention, mentions: list[EntityMention], segments: Segments, text: str
) -> tuple[str | None, str | None]:
    """(source entity id, target entity id) for a trigger, or None where unclear."""
    lo, hi = segments.sentence_span(trigger.sentence)
    source = None
    target = None
    fallback_target = None
    first = bisect.bisect_left(mentions, lo, key=_start_of)
    for mention in mentions[first : bisect.bisect_left(mentions, hi, key=_start_of)]:
        if not _is_actor(mention.entity):
            continue
        if mention.end <= trigger.start:
            compound = mention.end < len(text) and text[mention.end] == "-"
            sponsor = text[max(0, mention.start - 14) : mention.start].endswith(_SPONSOR_CUES)
            between = text[mention.end : trigger.start]
            same_clause = len(between) <= _SOURCE_REACH and not any(p in between for p in ",،;:")
            if same_clause and not (_written_as_place(text, mention) or compound or sponsor):
                source = mention.entity.id
        elif mention.start >= trigger.end and target is None:
            before = text[max(0, mention.start - 14) : mention.start].lower()
            if any(cue in before for cue in _TARGET_CUES):
                target = mention.entity.id
            elif fallback_target is None and mention.entity.subtype in _ARMED_SUBTYPES:
                fallback_target = mention.entity.id
    target = target or fallback_target
    return source, (target if target != source else None)


def specificity(entity: Entity) -> int:
    return _SPECIFICITY.get(entity.subtype or "", 3)


def places_in(lo: int, hi: int, mentions: list[EntityMention], text: str) -> list[EntityMention]:
    """LOCATION mentions in [lo, hi) written as places (not actors or adjectives)."""
    return [m for m in mentions if lo <= m.start < hi and m.entity.type == "LOCATION" and _written_as_place(text, m)]


def pick_place(candidates: list[EntityMention], trigger: TriggerMention) -> Entity | None:
    if not candidates:
        return None
    return max(candidates, key=lambda m: (specificity(m.entity), m.start >= trigger.start, -m.start)).entity


def pick_date(dates: list[DateExpr]) -> str | None:
    return dates[0].value if dates else None


def pick_killed(casualties: list[Casualty]) -> int | None:
    killed = [c.count for c in casualties if c.kind == "killed"]
    return max(killed) if killed else None
