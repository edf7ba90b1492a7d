"""Load the shipped knowledge base once per process into lean, immutable entries."""

from __future__ import annotations

import gzip
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from enrichment.kb.build import DEFAULT_KB_PATH


@dataclass(frozen=True, slots=True)
class KBEntry:
    """One canonical thing: a country, a place, a person, an organisation."""

    id: str
    type: str
    name_en: str
    name_ar: str | None
    aliases_en: tuple[str, ...]
    aliases_ar: tuple[str, ...]
    subtype: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    source: str = ""

    @property
    def is_country(self) -> bool:
        return self.id.startswith("iso:")


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    entries: tuple[KBEntry, ...]
    by_id: dict[str, KBEntry]

    def get(self, entity_id: str) -> KBEntry | None:
        return self.by_id.get(entity_id)

    def __len__(self) -> int:
        return len(self.entries)


def _entry(raw: dict[str, Any]) -> KBEntry:
    lat, lon = raw.get("lat"), raw.get("lon")
    return KBEntry(
        id=str(raw["id"]),
        type=str(raw["type"]),
        name_en=str(raw["name_en"]),
        name_ar=raw.get("name_ar"),
        aliases_en=tuple(raw.get("aliases_en") or ()),
        aliases_ar=tuple(raw.get("aliases_ar") or ()),
        subtype=raw.get("subtype"),
        country=raw.get("country"),
        lat=float(lat) if lat is not None else None,
        lon=float(lon) if lon is not None else None,
        population=int(raw.get("population") or 0),
        source=str(raw.get("source") or ""),
    )


def read_kb(path: Path) -> KnowledgeBase:
    """Parse a kb.json (or kb.json.gz) file without caching."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    payload = orjson.loads(data)
    entries = tuple(_entry(raw) for raw in payload["entities"])
    return KnowledgeBase(entries=entries, by_id={e.id: e for e in entries})


_CACHE: dict[Path, KnowledgeBase] = {}
_LOCK = threading.Lock()


def load_kb(path: Path | None = None) -> KnowledgeBase:
    """The knowledge base at `path` (default: the shipped one), parsed once per process."""
    resolved = (path or DEFAULT_KB_PATH).resolve()
    with _LOCK:
        kb = _CACHE.get(resolved)
        if kb is None:
            kb = read_kb(resolved)
            _CACHE[resolved] = kb
        return kb
