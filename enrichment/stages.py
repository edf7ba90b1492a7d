"""The registry of default stages, in pipeline order (ARCHITECTURE.md, "Enrichment stages")."""

from __future__ import annotations

from enrichment.casualties import CasualtyStage
from enrichment.dates import DateStage
from enrichment.dedup import DedupStage
from enrichment.entities import EntityStage
from enrichment.events import EventStage
from enrichment.pipeline import Stage
from enrichment.topics import TopicStage


def default_stages(statistical: bool = True) -> list[Stage]:
    """De-duplication, entities (with or without the statistical tagger), dates, casualties, topics, events."""
    entities = EntityStage(statistical=statistical)
    return [DedupStage(), entities, DateStage(), CasualtyStage(), TopicStage(), EventStage()]
