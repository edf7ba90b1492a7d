"""Date expressions in Arabic and English, resolved to ISO values (see `DateStage`)."""

from enrichment.dates.stage import DateStage, find_dates

__all__ = ["DateStage", "find_dates"]
