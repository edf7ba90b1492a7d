"""Which trigger owns a date, a casualty count or a place mention in its sentence or paragraph.

When a sentence reports two events ("The raids followed a rocket attack on February 15
at Erbil"), each argument belongs to the trigger nearest to it; specific triggers
("rocket attack") outrank vague ones ("attack", "killed") as owners.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import TypeVar

from enrichment.events.detection import TriggerMention

T = TypeVar("T")


def _nearest(offset: int, triggers: list[TriggerMention]) -> TriggerMention:
    return min(triggers, key=lambda t: (min(abs(offset - t.start), abs(offset - t.end)), t.start))


def assign(
    items: Sequence[T],
    start_of: Callable[[T], int],
    group_of: Callable[[int], int],
    triggers: list[TriggerMention],
    trigger_group: Callable[[TriggerMention], int],
) -> dict[int, list[T]]:
    """Map id(trigger) -> items of its group (sentence/paragraph) that are nearest to it."""
    owned: dict[int, list[T]] = defaultdict(list)
    if not items:
        return owned  # most documents have no date or count to give: the triggers need not be grouped
    groups: dict[int, list[TriggerMention]] = defaultdict(list)
    for trigger in triggers:
        groups[trigger_group(trigger)].append(trigger)
    for item in items:
        rivals = groups.get(group_of(start_of(item)))
        if not rivals:
            continue
        specific = [t for t in rivals if not t.entry.generic]
        owned[id(_nearest(start_of(item), specific or rivals))].append(item)
    return owned
