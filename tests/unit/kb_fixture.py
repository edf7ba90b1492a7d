"""A small knowledge base for engine tests (independent of the shipped kb.json)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson


def _e(id_: str, type_: str, en: str, ar: str | None, aen: list[str], aar: list[str], **extra: Any) -> dict[str, Any]:
    return {
        "id": id_,
        "type": type_,
        "name_en": en,
        "name_ar": ar,
        "aliases_en": aen,
        "aliases_ar": aar,
        **extra,
    }


ENTRIES = [
    _e("iso:IQ", "LOCATION", "Iraq", "العراق", [], [], country="IQ", subtype="country", source="iso"),
    _e(
        "iso:SY",
        "LOCATION",
        "Syria",
        "سوريا",
        ["Syrian Arab Republic"],
        ["سورية"],
        country="SY",
        subtype="country",
        source="iso",
    ),
    _e(
        "iso:US",
        "LOCATION",
        "United States",
        "الولايات المتحدة",
        ["U.S.", "US", "USA", "America"],
        ["أمريكا"],
        country="US",
        subtype="country",
        source="iso",
    ),
    _e("iso:JO", "LOCATION", "Jordan", "الأردن", [], [], country="JO", subtype="country", source="iso"),
    _e(
        "iso:TR",
        "LOCATION",
        "Turkey",
        "تركيا",
        ["Turkiye"],
        [],
        country="TR",
        subtype="country",
        source="iso",
    ),
    _e(
        "geonames:98182",
        "LOCATION",
        "Baghdad",
        "بغداد",
        [],
        [],
        country="IQ",
        subtype="capital",
        lat=33.34,
        lon=44.4,
        population=7216000,
        source="geonames",
    ),
    _e(
        "geonames:170794",
        "LOCATION",
        "Deir ez-Zor",
        "دير الزور",
        ["Deir al-Zour"],
        ["ديرالزور"],
        country="SY",
        subtype="city",
        lat=35.3,
        lon=40.1,
        population=271800,
        source="geonames",
    ),
    _e(
        "geonames:4671654",
        "LOCATION",
        "Austin",
        "أوستن",
        [],
        [],
        country="US",
        subtype="city",
        population=931830,
        source="geonames",
    ),
    _e(
        "geonames:174018",
        "LOCATION",
        "Al Bab",
        "الباب",
        [],
        [],
        country="SY",
        subtype="city",
        population=130000,
        source="geonames",
    ),
    _e(
        "wd:Q11209",
        "ORG",
        "United States Department of Defense",
        "وزارة الدفاع الأمريكية",
        ["Pentagon"],
        ["البنتاغون"],
        country="US",
        subtype="ministry",
        source="curated",
    ),
    _e(
        "akhbar:org/iraq-mod",
        "ORG",
        "Ministry of Defence (Iraq)",
        "وزارة الدفاع العراقية",
        ["Iraqi Ministry of Defence"],
        [],
        country="IQ",
        subtype="ministry",
        source="curated",
    ),
    _e("wd:Q6279", "PERSON", "Joe Biden", "جو بايدن", ["Joseph Biden"], [], country="US", source="curated"),
    _e(
        "wd:Q1701289",
        "PERSON",
        "John Kirby",
        "جون كيربي",
        ["John F. Kirby"],
        [],
        country="US",
        source="curated",
    ),
]


def write_fixture_kb(folder: Path) -> Path:
    path = folder / "kb.json"
    path.write_bytes(orjson.dumps({"format": 1, "entities": ENTRIES}))
    return path
