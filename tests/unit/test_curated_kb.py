"""Schema checks for the hand-curated knowledge base (enrichment/data/kb/curated/*.yaml).

The curated files are reviewed data merged by `akhbar kb build`; a malformed entry would silently
drop or mislink an entity, so every rule of the README's schema is asserted here.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import pycountry
import pytest
import yaml

CURATED_DIR = Path(__file__).resolve().parents[2] / "enrichment" / "data" / "kb" / "curated"

MIN_ENTRIES = {
    "people.yaml": 150,
    "organizations.yaml": 250,
    "places.yaml": 80,
    "regions.yaml": 400,
}
ALL_FILES = sorted(path.name for path in CURATED_DIR.glob("*.yaml"))
REQUIRED_FIELDS = frozenset({"key", "type", "subtype", "name_en", "name_ar"})
OPTIONAL_FIELDS = frozenset({"aliases_en", "aliases_ar", "country", "wikidata", "lat", "lon", "in_office"})
KIND_TO_TYPE = {"person": "PERSON", "org": "ORG", "place": "LOCATION", "misc": "MISC"}

KEY_RE = re.compile(r"^(person|org|place|misc)/[a-z0-9]+(?:-[a-z0-9]+)*$")
SUBTYPE_RE = re.compile(r"^[a-z][a-z0-9_]*$")
QID_RE = re.compile(r"^Q[1-9][0-9]*$")
PERIOD = r"\d{4}(?:-(?:\d{4})?)?"
IN_OFFICE_RE = re.compile(rf"^{PERIOD}(?:, {PERIOD})*$")
ARABIC_LETTER_RE = re.compile(r"[\u0621-\u064A\u0671-\u06D3]")
ENGLISH_ARTICLE_RE = re.compile(r"^the\s", re.IGNORECASE)


_SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.cache
def _load(name: str) -> tuple[dict[str, Any], ...]:
    """Parse one curated file with the safe loader (C-accelerated when libyaml is present)."""
    with (CURATED_DIR / name).open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=_SAFE_LOADER)  # noqa: S506 - a SafeLoader subclass
    assert isinstance(data, list), f"{name}: top level must be a YAML list"
    for entry in data:
        assert isinstance(entry, dict), f"{name}: every item must be a mapping, got {entry!r}"
    return tuple(data)


def _fold(text: str) -> str:
    """Comparison form for duplicate detection: NFKC, casefolded, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _entry_errors(entry: dict[str, Any]) -> list[str]:
    """All schema violations of one entry, as readable strings."""
    errors: list[str] = []
    missing = REQUIRED_FIELDS - entry.keys()
    unknown = entry.keys() - REQUIRED_FIELDS - OPTIONAL_FIELDS
    if missing:
        errors.append(f"missing fields {sorted(missing)}")
    if unknown:
        errors.append(f"unknown fields {sorted(unknown)}")
    if missing:
        return errors

    key, etype = entry["key"], entry["type"]
    if not isinstance(key, str) or not KEY_RE.match(key):
        errors.append(f"bad key {key!r}")
    elif KIND_TO_TYPE[key.split("/", 1)[0]] != etype:
        errors.append(f"key kind of {key!r} does not match type {etype!r}")
    if etype not in KIND_TO_TYPE.values():
        errors.append(f"bad type {etype!r}")
    if not isinstance(entry["subtype"], str) or not SUBTYPE_RE.match(entry["subtype"]):
        errors.append(f"bad subtype {entry['subtype']!r}")

    name_en, name_ar = entry["name_en"], entry["name_ar"]
    if not isinstance(name_en, str) or not name_en.strip() or ARABIC_LETTER_RE.search(name_en):
        errors.append(f"bad name_en {name_en!r}")
    if not isinstance(name_ar, str) or not ARABIC_LETTER_RE.search(name_ar):
        errors.append(f"name_ar without Arabic letters: {name_ar!r}")

    errors.extend(_alias_errors(entry))
    errors.extend(_optional_field_errors(entry))
    return errors


def _alias_errors(entry: dict[str, Any]) -> list[str]:
    errors: list[str] = []
    for lang in ("en", "ar"):
        aliases = entry.get(f"aliases_{lang}", [])
        if not isinstance(aliases, list):
            errors.append(f"aliases_{lang} must be a list")
            continue
        for alias in aliases:
            if not isinstance(alias, str) or not alias.strip() or alias != alias.strip():
                errors.append(f"bad aliases_{lang} item {alias!r}")
            elif lang == "ar" and not ARABIC_LETTER_RE.search(alias):
                errors.append(f"aliases_ar item without Arabic letters: {alias!r}")
            elif lang == "en" and ENGLISH_ARTICLE_RE.match(alias):
                errors.append(f"aliases_en item starts with an article (the matcher strips it): {alias!r}")
        name = entry[f"name_{lang}"]
        folded = [_fold(a) for a in aliases if isinstance(a, str)]
        if isinstance(name, str):
            folded.append(_fold(name))
        dupes = [text for text, count in Counter(folded).items() if count > 1]
        if dupes:
            errors.append(f"duplicated {lang} names/aliases {dupes}")
    return errors


def _optional_field_errors(entry: dict[str, Any]) -> list[str]:
    errors: list[str] = []
    country = entry.get("country")
    if country is not None and (not isinstance(country, str) or pycountry.countries.get(alpha_2=country) is None):
        errors.append(f"country is not an ISO 3166-1 alpha-2 code: {country!r}")
    qid = entry.get("wikidata")
    if qid is not None and (not isinstance(qid, str) or not QID_RE.match(qid)):
        errors.append(f"bad wikidata id {qid!r}")
    has_lat, has_lon = "lat" in entry, "lon" in entry
    if has_lat != has_lon:
        errors.append("lat and lon must be given together")
    if has_lat and has_lon:
        lat, lon = entry["lat"], entry["lon"]
        if entry["type"] != "LOCATION":
            errors.append("only LOCATION entries carry coordinates")
        if not _is_number(lat) or not -90 <= lat <= 90:
            errors.append(f"lat out of range: {lat!r}")
        if not _is_number(lon) or not -180 <= lon <= 180:
            errors.append(f"lon out of range: {lon!r}")
    period = entry.get("in_office")
    if period is not None and (not isinstance(period, str) or not IN_OFFICE_RE.match(period)):
        errors.append(f"bad in_office {period!r} (want e.g. '2021-2025' or '2017-2021, 2025-')")
    return errors


def test_every_expected_file_exists() -> None:
    present = {path.name for path in CURATED_DIR.glob("*.yaml")}
    assert set(MIN_ENTRIES) <= present, f"missing curated files: {set(MIN_ENTRIES) - present}"


@pytest.mark.parametrize("name", sorted(MIN_ENTRIES))
def test_file_has_enough_entries(name: str) -> None:
    entries = _load(name)
    assert len(entries) >= MIN_ENTRIES[name], f"{name}: {len(entries)} < {MIN_ENTRIES[name]} entries"


@pytest.mark.parametrize("name", ALL_FILES)
def test_entries_follow_schema(name: str) -> None:
    problems = {
        str(entry.get("key", f"#{index}")): errors
        for index, entry in enumerate(_load(name))
        if (errors := _entry_errors(entry))
    }
    assert not problems, f"{name}: {len(problems)} invalid entries, e.g. {dict(list(problems.items())[:10])}"


@pytest.mark.parametrize("name", ["places.yaml", "regions.yaml"])
def test_location_files_hold_only_locations(name: str) -> None:
    wrong = [e.get("key") for e in _load(name) if e.get("type") != "LOCATION"]
    assert not wrong, f"{name}: non-LOCATION entries {wrong[:10]}"


def test_keys_are_unique_across_files() -> None:
    keys = Counter(str(e.get("key")) for path in sorted(CURATED_DIR.glob("*.yaml")) for e in _load(path.name))
    dupes = sorted(key for key, count in keys.items() if count > 1)
    assert not dupes, f"keys used more than once: {dupes}"


def test_wikidata_ids_are_unique_across_files() -> None:
    qids = Counter(
        str(e["wikidata"]) for path in sorted(CURATED_DIR.glob("*.yaml")) for e in _load(path.name) if "wikidata" in e
    )
    dupes = sorted(qid for qid, count in qids.items() if count > 1)
    assert not dupes, f"one Wikidata item claimed by several entries: {dupes}"


def test_schema_check_rejects_broken_entries() -> None:
    """Guard the guard: the validator must flag each kind of mistake it claims to catch."""
    good: dict[str, Any] = {
        "key": "place/abu-kamal",
        "type": "LOCATION",
        "subtype": "city",
        "name_en": "Abu Kamal",
        "name_ar": "البوكمال",
        "aliases_en": ["Albu Kamal"],
        "aliases_ar": ["أبو كمال"],
        "country": "SY",
        "lat": 34.45,
        "lon": 40.92,
    }
    assert _entry_errors(good) == []
    broken: list[dict[str, Any]] = [
        {**good, "key": "Place/Abu Kamal"},
        {**good, "type": "PERSON"},
        {**good, "country": "XX"},
        {**good, "wikidata": "Q0"},
        {**good, "lat": 91.0},
        {**good, "lon": True},
        {**good, "name_ar": "Abu Kamal"},
        {**good, "aliases_en": ["Albu Kamal", "albu  kamal"]},
        {**good, "aliases_en": ["the Abu Kamal"]},
        {**good, "in_office": "since 2020"},
        {**good, "colour": "red"},
        {k: v for k, v in good.items() if k != "subtype"},
    ]
    for entry in broken:
        assert _entry_errors(entry), f"validator accepted a broken entry: {entry}"
