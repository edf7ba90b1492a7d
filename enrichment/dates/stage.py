"""DateStage: finds and resolves date expressions against the publication date."""

from __future__ import annotations

from datetime import date

from enrichment.dates.grammar import find_candidates
from enrichment.dates.resolvers import Context
from enrichment.enrichment_update import updated
from enrichment.normalized_text import normalize
from enrichment.types import DateExpr, Document, Enrichment


def find_dates(text: str, published: date | None, language: str = "other") -> tuple[DateExpr, ...]:
    """Date expressions in `text`, offsets into `text`; relative ones need `published`."""
    norm = normalize(text)
    ctx = Context(text, published, norm.to_original)
    candidates = find_candidates(norm.text, ctx, arabic=language != "en", english=language != "ar")
    found = []
    for c in candidates:
        start, end = norm.span(c.start, c.end)
        found.append(DateExpr(text=text[start:end], start=start, end=end, value=c.value, granularity=c.granularity))
    return tuple(found)


REFERENCE_YEARS = (1800, 2200)


class DateStage:
    """Stage "dates": fills `Enrichment.dates` in text order."""

    name = "dates"

    def __call__(self, doc: Document, acc: Enrichment) -> Enrichment:
        published = doc.published_at.date() if doc.published_at is not None else None
        if published is not None and not REFERENCE_YEARS[0] <= published.year <= REFERENCE_YEARS[1]:
            published = None  # "yesterday" relative to year 1 or 9999 is no date; resolve absolute dates only
        language = acc.language if acc.language != "other" else doc.language
        return updated(acc, dates=find_dates(doc.text, published, language))
