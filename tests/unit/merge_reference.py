"""`merge` as it was before drafts were merged in place: each merge built a new Draft (`_combine`)."""

from __future__ import annotations

from enrichment.events.merge import _DATE_RANK, Draft, _compatible


def _combine(keep: Draft, other: Draft) -> Draft:
    better_place = other if other.location_rank > keep.location_rank else keep
    better_date = other if _DATE_RANK[other.date_source] > _DATE_RANK[keep.date_source] else keep
    fatalities = max((f for f in (keep.fatalities, other.fatalities) if f is not None), default=None)
    return Draft(
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


def reference_merge(drafts: list[Draft]) -> list[Draft]:
    merged: list[Draft] = []
    for draft in (d for d in drafts if not d.generic):
        for index, existing in enumerate(merged):
            if existing.key == draft.key and _compatible(existing, draft):
                merged[index] = _combine(existing, draft)
                break
        else:
            merged.append(draft)
    for draft in (d for d in drafts if d.generic):
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
