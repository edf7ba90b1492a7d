"""Type stub of the compiled record builders and entity loops (_records.pyx)."""

from collections.abc import Callable
from typing import Any

from enrichment.types import Entity, EntityType, Mention, Names, Place

def mention(start: int, end: int, text: str) -> Mention: ...
def names(ar: str | None, en: str | None) -> Names: ...
def place(entity_id: str, name: str, country_code: str | None, lat: float | None, lon: float | None) -> Place: ...
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
) -> Entity: ...
def linked_entity(
    fields: tuple[str, str, str, Names, str | None, str | None, float | None, float | None],
    salience: float,
    mentions: tuple[Mention, ...],
) -> Entity: ...
def ranked(built: list[tuple[float, int, Entity]]) -> tuple[Entity, ...]: ...
def round4(value: float) -> float: ...
def salience(starts: list[int], title_end: int, lead_start: int, size: int, total: int) -> float: ...
def linked_entities(
    linked: dict[int, list[Any]],
    fields: dict[int, tuple[str, str, str, Names, str | None, str | None, float | None, float | None]],
    entry_fields: Callable[[int], tuple[str, str, str, Names, str | None, str | None, float | None, float | None]],
    text: str,
    title_end: int,
    lead_start: int,
    size: int,
    total: int,
    built: list[tuple[float, int, Entity]],
) -> None: ...
def unknown_entities(
    unknown: dict[tuple[str, str], list[Any]],
    ids: dict[tuple[str, str], str],
    key_id: Callable[[str, str], str],
    normalize: Callable[[str], str],
    arabic_letter: Callable[[str], object],
    text: str,
    title_end: int,
    lead_start: int,
    size: int,
    total: int,
    built: list[tuple[float, int, Entity]],
) -> None: ...
