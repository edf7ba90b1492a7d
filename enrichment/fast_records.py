"""Mention, Entity, Names and Place records built without their dataclass __init__, for the entity stage's hot loop.

A frozen dataclass's __init__ stores each field through `object.__setattr__` (the class's own
__setattr__ refuses), about twice the cost of calling the slot descriptors' setters directly;
an article with the tagger builds ~45 entities and ~60 mentions. The records built here are the
same objects the constructors build (same class, same slots); the field lists are checked against
enrichment.types at import, so a changed record fails loudly instead of leaving a slot unset.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from enrichment.types import Entity, EntityType, Mention, Names, Place

_Setter = Callable[[Any, Any], None]
_new = object.__new__


def _slot_setters(cls: type, names: tuple[str, ...]) -> tuple[_Setter, ...]:
    """The slot setters of `cls` in field order; `names` must be exactly its fields."""
    if tuple(field.name for field in dataclasses.fields(cls)) != names:
        raise RuntimeError(f"{cls.__name__} fields changed: update enrichment.fast_records")
    return tuple(cls.__dict__[name].__set__ for name in names)


_SET_START, _SET_END, _SET_TEXT = _slot_setters(Mention, ("start", "end", "text"))
_SET_AR, _SET_EN = _slot_setters(Names, ("ar", "en"))
_SET_PLACE_ID, _SET_PLACE_NAME, _SET_PLACE_COUNTRY, _SET_PLACE_LAT, _SET_PLACE_LON = _slot_setters(
    Place, ("entity_id", "name", "country_code", "lat", "lon")
)
(
    _SET_ID,
    _SET_TYPE,
    _SET_NAME,
    _SET_NAMES,
    _SET_KB_ID,
    _SET_SALIENCE,
    _SET_MENTIONS,
    _SET_SUBTYPE,
    _SET_COUNTRY_CODE,
    _SET_LAT,
    _SET_LON,
) = _slot_setters(
    Entity,
    ("id", "type", "name", "names", "kb_id", "salience", "mentions", "subtype", "country_code", "lat", "lon"),
)


def mention(start: int, end: int, text: str) -> Mention:
    """Equal to Mention(start, end, text)."""
    record: Mention = _new(Mention)
    _SET_START(record, start)
    _SET_END(record, end)
    _SET_TEXT(record, text)
    return record


def names(ar: str | None, en: str | None) -> Names:
    """Equal to Names(ar=ar, en=en)."""
    record: Names = _new(Names)
    _SET_AR(record, ar)
    _SET_EN(record, en)
    return record


def place(entity_id: str, name: str, country_code: str | None, lat: float | None, lon: float | None) -> Place:
    """Equal to Place(entity_id, name, country_code, lat, lon)."""
    record: Place = _new(Place)
    _SET_PLACE_ID(record, entity_id)
    _SET_PLACE_NAME(record, name)
    _SET_PLACE_COUNTRY(record, country_code)
    _SET_PLACE_LAT(record, lat)
    _SET_PLACE_LON(record, lon)
    return record


# What an Entity of a KB entry takes from the entry: (id, type, name, names, subtype, country code, lat, lon).
EntryFields = tuple[str, str, str, Names, str | None, str | None, float | None, float | None]


def linked_entity(fields: EntryFields, salience: float, mentions: tuple[Mention, ...]) -> Entity:
    """Equal to entity(id, type, name, names, id, salience, mentions, subtype, country, lat, lon) of `fields`."""
    entity_id, entity_type, name, entity_names, subtype, country_code, lat, lon = fields
    return entity(
        entity_id, entity_type, name, entity_names, entity_id, salience, mentions, subtype, country_code, lat, lon
    )


def entity(
    entity_id: str,
    entity_type: EntityType | str,
    name: str,
    names: Names,
    kb_id: str | None,
    salience: float,
    mentions: tuple[Mention, ...],
    subtype: str | None = None,
    country_code: str | None = None,
    lat: float | None = None,
    lon: float | None = None,
) -> Entity:
    """Equal to Entity(entity_id, entity_type, name, names, kb_id, salience, mentions, subtype, ...)."""
    record: Entity = _new(Entity)
    _SET_ID(record, entity_id)
    _SET_TYPE(record, entity_type)
    _SET_NAME(record, name)
    _SET_NAMES(record, names)
    _SET_KB_ID(record, kb_id)
    _SET_SALIENCE(record, salience)
    _SET_MENTIONS(record, mentions)
    _SET_SUBTYPE(record, subtype)
    _SET_COUNTRY_CODE(record, country_code)
    _SET_LAT(record, lat)
    _SET_LON(record, lon)
    return record
