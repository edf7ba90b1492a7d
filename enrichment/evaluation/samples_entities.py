"""Entity and linking scores on the annotated samples (../shared/samples/*.raw.json + *.gold.json).

* found: a predicted entity of the gold type has a mention covering one of the gold surfaces;
* precision: predicted entities that correspond to some gold entity;
* linking: found entities whose canonical name is the gold name_en or one of its name_aliases;
* cross-lingual agreement: gold entities present in both an Arabic and an English sample whose
  predicted ids are identical in both.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from enrichment.entities import EntityStage
from enrichment.normalize import normalize
from enrichment.types import Document, Enrichment, Entity


def _document(raw: dict[str, Any]) -> Document:
    published = raw.get("published_at")
    when = datetime.fromisoformat(str(published).replace("Z", "+00:00")) if published else None
    return Document.from_parts(
        str(raw["id"]),
        str(raw.get("title") or ""),
        str(raw.get("body") or ""),
        str(raw.get("language") or "other"),
        when,
    )


def _covers(mention: str, surface: str) -> bool:
    inner, outer = normalize(surface), normalize(mention)
    return bool(inner) and re.search(rf"(?<!\w){re.escape(inner)}(?!\w)", outer) is not None


def _matches(entity: Entity, gold: dict[str, Any]) -> bool:
    if entity.type != gold["type"]:
        return False
    return any(_covers(m.text, s) for m in entity.mentions for s in gold.get("surfaces", []))


def _exact_mentions(entity: Entity, gold: dict[str, Any]) -> int:
    surfaces = {normalize(s) for s in gold.get("surfaces", [])}
    return sum(1 for m in entity.mentions if normalize(m.text) in surfaces)


def _linked(entity: Entity, gold: dict[str, Any]) -> bool:
    names = {normalize(n) for n in [gold["name_en"], *gold.get("name_aliases", [])]}
    return normalize(entity.name) in names


def _language(raw: dict[str, Any], path: Path) -> str:
    language = str(raw.get("language") or "")
    if language in ("ar", "en"):
        return language
    return "ar" if "-ar-" in path.name else "en"


def evaluate_samples_entities(shared_dir: Path, statistical: bool = True) -> dict[str, float]:
    """Scores keyed samples_entity_p/_r/_f1, samples_linking_acc, samples_crosslingual_id_agreement."""
    stage = EntityStage(statistical=statistical)
    predicted_total = predicted_correct = gold_total = gold_found = linked = 0
    ids_by_language: dict[str, dict[str, set[str]]] = {"ar": {}, "en": {}}
    for raw_path in sorted((shared_dir / "samples").glob("*.raw.json")):
        gold_path = raw_path.with_name(raw_path.name.replace(".raw.json", ".gold.json"))
        if not gold_path.exists():
            continue
        raw = json.loads(raw_path.read_text(encoding="utf-8"))
        gold_entities: list[dict[str, Any]] = json.loads(gold_path.read_text(encoding="utf-8"))["entities"]
        doc = _document(raw)
        entities = stage(doc, Enrichment(language=doc.language)).entities
        language = _language(raw, raw_path)
        predicted_total += len(entities)
        predicted_correct += sum(1 for e in entities if any(_matches(e, g) for g in gold_entities))
        for gold in gold_entities:
            gold_total += 1
            hits = [e for e in entities if _matches(e, gold)]
            if not hits:
                continue
            gold_found += 1
            linked += any(_linked(e, gold) for e in hits)
            best = max(hits, key=lambda e: (_linked(e, gold), _exact_mentions(e, gold)))
            ids_by_language[language].setdefault(gold["name_en"], set()).add(best.id)
    precision = predicted_correct / predicted_total if predicted_total else 0.0
    recall = gold_found / gold_total if gold_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "samples_entity_p": round(precision, 4),
        "samples_entity_r": round(recall, 4),
        "samples_entity_f1": round(f1, 4),
        "samples_linking_acc": round(linked / gold_found, 4) if gold_found else 0.0,
        "samples_crosslingual_id_agreement": _agreement(shared_dir, ids_by_language),
    }


def _agreement(shared_dir: Path, ids_by_language: dict[str, dict[str, set[str]]]) -> float:
    """Share of gold entities present in both languages whose predicted ids coincide."""
    gold_names: dict[str, set[str]] = {"ar": set(), "en": set()}
    for gold_path in sorted((shared_dir / "samples").glob("*.gold.json")):
        language = "ar" if "-ar-" in gold_path.name else "en"
        gold_names[language].update(e["name_en"] for e in json.loads(gold_path.read_text("utf-8"))["entities"])
    shared = gold_names["ar"] & gold_names["en"]
    if not shared:
        return 0.0
    agree = sum(
        1
        for name in shared
        if ids_by_language["ar"].get(name) and ids_by_language["ar"].get(name) == ids_by_language["en"].get(name)
    )
    return round(agree / len(shared), 4)
