"""De-duplication: one real-world event reported in several sentences becomes one record."""

from __future__ import annotations

from dataclasses import dataclass

from enrichment.events.lexicon import MATERIAL_CONFLICT

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


def _absorb(keep: Draft, other: Draft) -> None:
    """`keep` takes in `other`: the better place and date, the larger toll, the first actors.

    In place: a draft belongs to the one `merge` call that built its list, and a new Draft per merge
    (21 keyword arguments) cost more than the rest of the merging.
    """
    if other.location_rank > keep.location_rank:  # the more specific place, with its own country first
        keep.country = other.country or keep.country or other.country
        keep.location, keep.location_rank, keep.lat, keep.lon = (
            other.location,
            other.location_rank,
            other.lat,
            other.lon,
        )
    else:
        keep.country = keep.country or other.country
    if _DATE_RANK[other.date_source] > _DATE_RANK[keep.date_source]:
        keep.date, keep.date_source = other.date, other.date_source
    keep.fatalities = max((f for f in (keep.fatalities, other.fatalities) if f is not None), default=None)
    keep.source = keep.source or other.source
    keep.target = keep.target or other.target
    keep.confidence = min(0.99, max(keep.confidence, other.confidence) + 0.01)
    keep.mentions += other.mentions


def merge(drafts: list[Draft]) -> list[Draft]:
    """Merge same-type compatible mentions; vague ones join the nearest compatible specific event.

    The drafts that others merge into are changed in place (see `_absorb`): pass drafts nothing else reads.
    """
    merged: list[Draft] = []
    by_key: dict[tuple[str, str | None], list[Draft]] = {}  # the merged drafts of each key, in `merged` order
    for draft in drafts:
        if draft.generic:
            continue
        same = by_key.get(draft.key)
        if same is None:
            by_key[draft.key] = [draft]
            merged.append(draft)
            continue
        for existing in same:
            if _compatible(existing, draft):
                _absorb(existing, draft)
                break
        else:
            same.append(draft)
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
            if (m.key == draft.key or m.quad_class == draft.quad_class == MATERIAL_CONFLICT) and _compatible(m, draft)
        ]
        if hosts:
            _absorb(merged[min(hosts)[-1]], draft)
        else:
            merged.append(draft)
    return sorted(merged, key=lambda d: d.start)
