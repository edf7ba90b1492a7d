"""The engine the event evaluation runs: the full default engine when it has the event
stages, otherwise language id + entities (if available) + this package's event stages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from enrichment.casualties import CasualtyStage
from enrichment.dates import DateStage
from enrichment.events import EventStage
from enrichment.pipeline import Pipeline, Stage
from enrichment.topics import TopicStage
from enrichment.types import Document, Enrichment

Runner = Callable[[Document], Enrichment]


def event_stages() -> list[Stage]:
    """The stages of issue 5, in the order they must run (after entities)."""
    return [DateStage(), CasualtyStage(), TopicStage(), EventStage()]


def stages_only() -> Runner:
    """Event stages alone (no entities: actors and places stay empty)."""
    return Pipeline(event_stages())


def full_engine() -> Runner:
    """The lead's default engine, completed with the event stages it does not run yet."""
    try:
        from enrichment.engine import build_engine
    except ImportError:
        return stages_only()
    try:
        engine = build_engine("full")
    except Exception:
        return stages_only()
    missing = [s for s in event_stages() if s.name not in engine.stage_names]
    if not missing:
        return engine
    extra = Pipeline(missing)

    def run(doc: Document) -> Enrichment:
        acc = engine(doc)
        for stage in extra.stages:
            acc = stage(doc, acc)
        return acc

    return run


def parse_published(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
