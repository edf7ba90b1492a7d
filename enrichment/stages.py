"""The registry of default stages, in pipeline order (ARCHITECTURE.md, "Enrichment stages")."""

from __future__ import annotations

from enrichment.pipeline import Stage


def default_stages(statistical: bool = True) -> list[Stage]:
    """Entities (with or without the statistical tagger), then dates, casualties, topics, events."""
    return []
