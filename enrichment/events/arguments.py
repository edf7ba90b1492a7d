"""Event arguments from earlier stages: actors, place, date and fatalities near a trigger.

Syntax-light heuristics: the source actor is the nearest actor mention before the
trigger in its sentence, the target the first one after it behind "on/against/
على/ضد"; the place is the most specific LOCATION written as a place ("in X",
"بـX"); dates and casualty counts go to the nearest trigger in their sentence.
"""

from __future__ import annotations

import bisect
import operator
import re
from dataclasses import dataclass
from typing import Any

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
_TARGET_CUE = re.compile("|".join(re.escape(cue) for cue in _TARGET_CUES))  # any of them, in one search
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
_CLAUSE_PUNCTUATION = re.compile("[,،;:]")  # between a subject and its trigger: another clause
_ARMED_SUBTYPES = frozenset({"armed_group", "militia", "terrorist_group", "rebel_group", "military", "insurgent"})


# Not frozen: built many times per document, and a frozen dataclass __init__ costs ~4x more.
@dataclass(slots=True)
class EntityMention:
    entity: Entity
    start: int
    end: int


def _is_actor(entity: Entity) -> bool:
    if entity.type in ("PERSON", "ORG"):
        return True
    return entity.type == "LOCATION" and entity.subtype in _ACTOR_SUBTYPES_LOCATION


def _written_as_place(text: str, start: int, end: int) -> bool:
    """A place cue ("in", "near", "بـ", "في") right before the mention [start, end), no "-"/"'s" after it."""
    if end < len(text) and text[end] in "-'’":
        return False  # "U.S.-led", "Iraq's"
    before = text[max(0, start - 12) : start]
    return before.endswith(_PLACE_CUES_EN) or before.endswith(_PLACE_PREFIX_AR)


_FIRST = operator.itemgetter(0)


class MentionIndex:
    """A document's entity mentions by start offset, with per-mention facts computed once, when first asked.

    Several triggers usually share a sentence: their actor and place rules read the same mentions,
    and what those rules check about a mention does not depend on the trigger. Mentions are kept as
    parallel tuples (no object per mention); `mention(i)` builds one for the few that need it.
    """

    __slots__ = ("_actors_in", "_places", "_source_ok", "_target_cue", "ends", "entities", "starts", "text")

    def __init__(self, entities: tuple[Entity, ...], text: str) -> None:
        spans = [(m.start, m.end, e) for e in entities for m in e.mentions]
        spans.sort(key=_FIRST)  # stable: mentions starting together keep the entities' order
        # One transposition into parallel tuples (no per-column pass over the spans).
        columns: tuple[tuple[Any, ...], ...] = tuple(zip(*spans, strict=True)) if spans else ((), (), ())
        self.starts: tuple[int, ...] = columns[0]
        self.ends: tuple[int, ...] = columns[1]
        self.entities: tuple[Entity, ...] = columns[2]
        self.text = text
        self._actors_in: dict[int, tuple[int, ...]] = {}  # by sentence index
        self._places: dict[int, bool] = {}
        self._source_ok: dict[int, bool] = {}
        self._target_cue: dict[int, bool] = {}

    def __len__(self) -> int:
        return len(self.starts)

    def mention(self, index: int) -> EntityMention:
        return EntityMention(self.entities[index], self.starts[index], self.ends[index])

    def between(self, lo: int, hi: int) -> range:
        """Indices of the mentions starting in [lo, hi)."""
        return range(bisect.bisect_left(self.starts, lo), bisect.bisect_left(self.starts, hi))

    def actors_in(self, sentence: int, segments: Segments) -> tuple[int, ...]:
        """Indices of the actor mentions starting in sentence `sentence`, kept per sentence (triggers share them)."""
        known = self._actors_in.get(sentence)
        if known is None:
            # Asked here, for the mentions of trigger sentences only (a fraction of the document's).
            lo, hi = segments.sentence_span(sentence)
            first, after = bisect.bisect_left(self.starts, lo), bisect.bisect_left(self.starts, hi)
            entities = self.entities
            known = self._actors_in[sentence] = tuple([i for i in range(first, after) if _is_actor(entities[i])])
        return known

    def overlaps(self, start: int, end: int) -> bool:
        """True if [start, end) overlaps a mention (mentions are short: the 8 starting last before `end` suffice)."""
        index = bisect.bisect_left(self.starts, end)
        return index > 0 and max(self.ends[max(0, index - 8) : index]) > start

    def written_as_place(self, index: int) -> bool:
        known = self._places.get(index)
        if known is None:
            known = self._places[index] = _written_as_place(self.text, self.starts[index], self.ends[index])
        return known

    def source_ok(self, index: int) -> bool:
        """An actor mention may be a source: not written as a place, not a compound ("U.S.-led"), not a sponsor."""
        known = self._source_ok.get(index)
        if known is None:
            text, start, end = self.text, self.starts[index], self.ends[index]
            compound = end < len(text) and text[end] == "-"
            sponsor = text[max(0, start - 14) : start].endswith(_SPONSOR_CUES)
            known = self._source_ok[index] = not (self.written_as_place(index) or compound or sponsor)
        return known

    def target_cue(self, index: int) -> bool:
        """ "on", "against", "على" ... shortly before the mention."""
        known = self._target_cue.get(index)
        if known is None:
            start = self.starts[index]
            before = self.text[max(0, start - 14) : start].lower()
            known = self._target_cue[index] = _TARGET_CUE.search(before) is not None
        return known


def actors(trigger: TriggerMention, index: MentionIndex, segments: Segments) -> tuple[str | None, str | None]:
    """(source entity id, target entity id) for a trigger, or None where unclear.

    The source is the last actor before the trigger in its clause (within _SOURCE_REACH, no
    clause punctuation between) that may be a source; the target the first actor after it
    with a target cue, else the first armed group after it.
    """
    in_sentence = index.actors_in(trigger.sentence, segments)
    if not in_sentence:
        return None, None
    text = index.text
    starts, ends, entities = index.starts, index.ends, index.entities
    trigger_start, trigger_end = trigger.start, trigger.end
    # The last qualifying actor before the trigger: walk back from the trigger and stop at the first one.
    source = None
    for i in reversed(in_sentence):
        end = ends[i]
        if (
            end <= trigger_start
            and trigger_start - end <= _SOURCE_REACH
            and _CLAUSE_PUNCTUATION.search(text, end, trigger_start) is None
            and index.source_ok(i)
        ):
            source = entities[i].id
            break
    target = None
    fallback_target = None
    for i in in_sentence:
        if starts[i] >= trigger_end:
            if index.target_cue(i):
                target = entities[i].id
                break
            if fallback_target is None and entities[i].subtype in _ARMED_SUBTYPES:
                fallback_target = entities[i].id
    target = target or fallback_target
    return source, (target if target != source else None)


def specificity(entity: Entity) -> int:
    return _SPECIFICITY.get(entity.subtype or "", 3)


def pick_place(candidates: list[EntityMention], trigger: TriggerMention) -> Entity | None:
    if not candidates:
        return None
    return max(candidates, key=lambda m: (specificity(m.entity), m.start >= trigger.start, -m.start)).entity


def pick_date(dates: list[DateExpr]) -> str | None:
    return dates[0].value if dates else None


def pick_killed(casualties: list[Casualty]) -> int | None:
    killed = [c.count for c in casualties if c.kind == "killed"]
    return max(killed) if killed else None
