"""PLOVER/ACLED event extraction (see docs/events.md and enrichment/data/events/)."""

from enrichment.events.stage import EventStage, extract_events

__all__ = ["EventStage", "extract_events"]
