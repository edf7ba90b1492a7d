"""Country-scoped generic names of organisations: "Iraq's Ministry of Defence", "وزارة الدفاع العراقية".

A ministry's full name carries its country ("Iraqi Ministry of Defence"); news often names the country
apart from the generic rest ("the defence ministry of Iraq"). This index maps (country, generic name) to
the one KB organisation it can mean; a generic name two organisations of one country share is dropped.
"""

from __future__ import annotations

import re

from enrichment.kb.loader import KBEntry
from enrichment.normalize import normalize

_ARABIC_RE = re.compile("[\u0600-\u06ff]")


def _country_keys(entries: tuple[KBEntry, ...]) -> dict[str, set[str]]:
    keys: dict[str, set[str]] = {}
    for entry in entries:
        if entry.is_country and entry.country:
            names = (entry.name_en, *entry.aliases_en, entry.name_ar or "", *entry.aliases_ar)
            keys[entry.country] = {normalize(n) for n in names if n and len(normalize(n)) >= 2}
    return keys


def _generic_forms(alias: str, country_keys: set[str]) -> list[str]:
    """'Iraqi Ministry of Defence' -> 'ministry of defence'; 'وزارة الدفاع العراقية' -> 'وزاره الدفاع'."""
    key = normalize(alias)
    words = key.split()
    forms = []
    for country in country_keys:
        if key.endswith(" of " + country):
            forms.append(key[: -len(country) - 4])
        elif key.endswith(" " + country):
            forms.append(key[: -len(country) - 1])
        stem = country.split()[0][:4] if " " not in country else country
        if len(stem) >= 4 and words and words[0].startswith(stem) and len(words) > 2:
            forms.append(" ".join(words[1:]))
        if _ARABIC_RE.search(country) and len(words) > 2 and words[-1].startswith(country) and words[-1] != country:
            forms.append(" ".join(words[:-1]))
    return [f for f in forms if len(f.split()) >= 2]


def country_scoped_index(entries: tuple[KBEntry, ...]) -> dict[tuple[str, str], int]:
    """(country, generic name) -> ORG entry, for "Iraq's Ministry of Defence"-style mentions."""
    country_keys = _country_keys(entries)
    index: dict[tuple[str, str], int] = {}
    clashes: set[tuple[str, str]] = set()
    for position, entry in enumerate(entries):
        if entry.type != "ORG" or not entry.country or entry.country not in country_keys:
            continue
        for alias in (entry.name_en, *entry.aliases_en, entry.name_ar or "", *entry.aliases_ar):
            for form in _generic_forms(alias, country_keys[entry.country]) if alias else ():
                slot = (entry.country, form)
                if index.get(slot, position) != position:
                    clashes.add(slot)
                index[slot] = position
    for slot in clashes:
        del index[slot]
    return index
