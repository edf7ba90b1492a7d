"""De-duplication: one real-world event reported in several sentences becomes one record."""

from __future__ import annotations

from dataclasses import dataclass

_DATE_RANK = {"sentence": 2, "paragraph": 1, "published": 0}


# Not frozen: built many times per document, and a frozen dataclass __init__ costs ~4x more.
@dataclass(slots=True)
class Draft:
    """An event mention with its arguments, before merging."""

    key: tuple[str, str | None]
    generic: bool
    quad_class: int | None
    type: str
    mode: str | None
    acled_type: str | None
    acled_subtype: str | None
    source: str | None
    target: str | None
    location: str | None
    location_rank: int
    country: str | None
    lat: float | None
    lon: float | None
    date: str | None
    date_source: str
    fatalities: int | None
    start: int
    end: int
    confidence: float
    mentions: int = 1


def _compatible(a: Draft, b: Draft) -> bool:
    dates_ok = a.date == b.date or "published" in (a.date_source, b.date_source)
    places_ok = (
        a.location is None
        or b.location is None
        or a.location == b.location
        or (a.country is not None and a.country == b.country and min(a.location_rank, b.location_rank) <= 2)
    )
    return dates_ok and places_ok


def _combine(keep: Draft, other: Draft) -> Draft:
    better_place = other if other.location_rank > keep.location_rank else keep
    better_date = other if _DATE_RANK[other.date_source] > _DATE_RANK[keep.date_source] else keep
    fatalities = max((f for f in (keep.fatalities, other.fatalities) if f is not None), default=None)
    return Draft(  # a direct construction: dataclasses.replace is ~5x slower on this hot path
        key=keep.key,
        generic=keep.generic,
        quad_class=keep.quad_class,
        type=keep.type,
        mode=keep.mode,
        acled_type=keep.acled_type,
        acled_subtype=keep.acled_subtype,
        source=keep.source or other.source,
        target=keep.target or other.target,
        location=better_place.location,
        location_rank=better_place.location_rank,
        country=better_place.country or keep.country or other.country,
        lat=better_place.lat,
        lon=better_place.lon,
        date=better_date.date,
        date_source=better_date.date_source,
        fatalities=fatalities,
        start=keep.start,
        end=keep.end,
        confidence=min(0.99, max(keep.confidence, other.confidence) + 0.01),
        mentions=keep.mentions + other.mentions,
    )


def merge(drafts: list[Draft]) -> list[Draft]:
    """Merge same-type compatible mentions; vague ones join the nearest compatible specific event."""
    merged: list[Draft] = []
    for draft in (d for d in drafts if not d.generic):
        for index, existing in enumerate(merged):
            if existing.key == draft.key and _compatible(existing, draft):
                merged[index] = _combine(existing, draft)
                break
        else:
            merged.append(draft)
    for draft in (d for d in drafts if d.generic):
        # A vague mention ("the toll", "the attack") refers back: prefer earlier, better-attested events.
        hosts = [
            (
                m.start > draft.start,
                m.key != draft.key,
                m.date != draft.date,
                -m.mentions,
                abs(m.start - draft.start),
                i,
            )
            for i, m in enumerate(merged)
            if (m.key == draft.key or m.quad_class == draft.quad_class == 4) and _compatible(m, draft)
        ]
        if hosts:
            index = min(hosts)[-1]
            merged[index] = _combine(merged[index], draft)
        else:
            merged.append(draft)
    return sorted(merged, key=lambda d: d.start)
