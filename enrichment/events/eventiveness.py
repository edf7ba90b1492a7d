"""Is an Arabic sentence reporting a violent or protest event that happened, or only naming one?

Arabic news uses the same nouns for reported events ("اغتيال الوزير أمس") and for discourse
("بتهمة اغتيال", "ذكرى اغتيال"). A small logistic-regression model over normalised word
unigrams, trained on half of the Arabic PLOVER ASSAULT/PROTEST judgements
(`python -m enrichment.evaluation.train_eventiveness`), scores the sentence of an Arabic
material trigger; weights are plain JSON in enrichment/data/events/ (no pickle).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "events" / "ar_eventiveness.json"
_TOKEN = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True, slots=True)
class EventivenessModel:
    family: dict[str, str]  # PLOVER type -> model family ("assault", "protest")
    bias: dict[str, float]
    weights: dict[str, dict[str, float]]
    threshold: dict[str, float]

    def accepts(self, event_type: str, normalised_sentence: str) -> bool:
        """True unless a model exists for this type and scores the sentence below its threshold."""
        family = self.family.get(event_type)
        if family is None:
            return True
        return self.probability(family, normalised_sentence) >= self.threshold[family]

    def probability(self, family: str, normalised_sentence: str) -> float:
        weights = self.weights[family]
        score = self.bias[family] + sum(weights.get(t, 0.0) for t in set(tokens(normalised_sentence)))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


def tokens(normalised: str) -> list[str]:
    """Word features: letters-only tokens of the normalised text, with one leading clitic و/ف removed."""
    return [t[1:] if len(t) > 3 and t[0] in "وف" else t for t in _TOKEN.findall(normalised)]


@lru_cache(maxsize=1)
def load_model() -> EventivenessModel | None:
    """The shipped model, or None when it has not been trained (the engine then uses cue rules only)."""
    if not MODEL_PATH.exists():
        return None
    raw = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    return EventivenessModel(
        family=dict(raw["family"]),
        bias={k: float(v) for k, v in raw["bias"].items()},
        weights={k: {t: float(w) for t, w in v.items()} for k, v in raw["weights"].items()},
        threshold={k: float(v) for k, v in raw["threshold"].items()},
    )
