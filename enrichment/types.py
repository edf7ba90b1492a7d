"""Typed, immutable values that flow between enrichment stages.

Every offset (`start`, `end`) in these values indexes `Document.text`, the
original characters of the article (title, a blank line, then the body), so
``doc.text[m.start:m.end] == m.text`` always holds. Normalisation happens on
copies used for matching only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

EntityType = Literal["PERSON", "ORG", "LOCATION", "MISC"]
Granularity = Literal["day", "month", "year"]
CasualtyKind = Literal["killed", "injured"]
TITLE_SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class Document:
    """The engine's input: one article's text and what the engine needs to read it."""

    id: str
    text: str
    title_end: int = 0
    language: str = "other"
    published_at: datetime | None = None

    @classmethod
    def from_parts(
        cls,
        id: str,
        title: str,
        body: str,
        language: str = "other",
        published_at: datetime | None = None,
    ) -> Document:
        """Join title and body the one way the whole project does."""
        text = f"{title}{TITLE_SEPARATOR}{body}" if title else body
        return cls(id=id, text=text, title_end=len(title), language=language, published_at=published_at)


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Names:
    ar: str | None = None
    en: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world thing mentioned in the document, with all its mentions."""

    id: str
    type: EntityType
    name: str
    names: Names
    kb_id: str | None
    salience: float
    mentions: tuple[Mention, ...]
    subtype: str | None = None
    country_code: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True)
class Place:
    entity_id: str
    name: str
    country_code: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class DateExpr:
    text: str
    start: int
    end: int
    value: str
    granularity: Granularity


@dataclass(frozen=True, slots=True)
class Casualty:
    kind: CasualtyKind
    count: int
    text: str
    start: int
    end: int
    at_least: bool = False


@dataclass(frozen=True, slots=True)
class TopicScore:
    code: str
    score: float


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    type: str
    mode: str | None
    quad_class: int | None
    acled_type: str | None
    acled_subtype: str | None
    source_actor: str | None
    target_actor: str | None
    location: str | None
    country_code: str | None
    lat: float | None
    lon: float | None
    date: str | None
    fatalities: int | None
    trigger: Mention
    confidence: float


@dataclass(frozen=True, slots=True)
class Enrichment:
    """Everything the engine found; stages fill it in with `enrichment_update.updated` (`dataclasses.replace`)."""

    language: str = "other"
    entities: tuple[Entity, ...] = ()
    places: tuple[Place, ...] = ()
    dates: tuple[DateExpr, ...] = ()
    casualties: tuple[Casualty, ...] = ()
    topics: tuple[TopicScore, ...] = ()
    events: tuple[Event, ...] = ()
    duplicate_of: str | None = None
    story_id: str | None = None
    timings_ms: dict[str, float] = field(default_factory=dict)
