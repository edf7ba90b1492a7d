"""Mention, Entity, Names and Place records built without their dataclass __init__, for the entity stage's hot loop.

A frozen dataclass's __init__ stores each field through `object.__setattr__` (the class's own
__setattr__ refuses); the compiled builders (enrichment/_records.pyx) store each field with the slot
descriptor's C setter instead, about five times cheaper: an article with the tagger builds ~45
entities and ~60 mentions. The records are the same objects the constructors build (same class,
same slots); the kernel checks the field lists against enrichment.types at import.
"""

from __future__ import annotations

from enrichment._records import entity, linked_entity, mention, names, place
from enrichment.types import Names

__all__ = ["EntryFields", "entity", "linked_entity", "mention", "names", "place"]

# What an Entity of a KB entry takes from the entry: (id, type, name, names, subtype, country code, lat, lon).
EntryFields = tuple[str, str, str, Names, str | None, str | None, float | None, float | None]
