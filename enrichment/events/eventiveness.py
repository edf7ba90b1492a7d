"""Is an Arabic sentence reporting a violent or protest event that happened, or only naming one?

Arabic news uses the same nouns for reported events ("اغتيال الوزير أمس") and for discourse
("بتهمة اغتيال", "ذكرى اغتيال"). A small logistic-regression model over normalised word
unigrams, trained on half of the Arabic PLOVER ASSAULT/PROTEST judgements
(`python -m enrichment.evaluation.train_eventiveness`), scores the sentence of an Arabic
material trigger; weights are plain JSON in enrichment/data/events/ (no pickle).

With ~30 unanimous PROTEST sentences per half, word weights over-fit; a family may instead (or also)
use a dozen *cue* features that describe how a report introduces an event (a counted crowd, a time
word, a protest verb opening the sentence) or only talks about one (reported speech, a relative or
background clause, a call or a future date). The "clauses" set adds cues about the sentence's predicate
(`enrichment.events.eventive_clauses`: is the protest verb the predicate, or are the protesters only the
subject of a speech or demand verb?). The trainer picks the feature set by cross-validation.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from enrichment.events.eventive_clauses import clause_cues

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "events" / "ar_eventiveness.json"
_TOKEN = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True, slots=True)
class EventivenessModel:
    family: dict[str, str]  # PLOVER type -> model family ("assault", "protest")
    bias: dict[str, float]
    weights: dict[str, dict[str, float]]
    threshold: dict[str, float]
    feature_set: dict[str, str] = field(default_factory=dict)  # family -> "words" | "cues" | "both" | "clauses"

    def accepts(self, event_type: str, normalised_sentence: str) -> bool:
        """True unless a model exists for this type and scores the sentence below its threshold."""
        family = self.family.get(event_type)
        if family is None:
            return True
        return self.probability(family, normalised_sentence) >= self.threshold[family]

    def probability(self, family: str, normalised_sentence: str) -> float:
        weights = self.weights[family]
        observed = features(normalised_sentence, self.feature_set.get(family, "words"))
        score = self.bias[family] + sum(weights.get(t, 0.0) for t in observed)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


def tokens(normalised: str) -> list[str]:
    """Word features: letters-only tokens of the normalised text, with one leading clitic و/ف removed."""
    return [t[1:] if len(t) > 3 and t[0] in "وف" else t for t in _TOKEN.findall(normalised)]


def _alternation(*words: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)[وف]?(?:{'|'.join(words)})(?!\w)")


# Cue features over normalised text (ة→ه, أ/إ/آ→ا, ى→ي). Names start with "#" so they never clash with words.
_CUES: dict[str, re.Pattern[str]] = {
    "#crowd": re.compile(
        r"(?<!\w)[وف]?(?:عشرات|مئات|الاف|الوف|الالاف|المئات|العشرات|نحو|حوالي|زهاء|قرابه|اكثر من|مليون|الف|حشد|حشود)"
        r"(?!\w)|\d+\s+(?:متظاهر|محتج|شخص|طالب|عامل|مواطن)"
    ),
    "#time": _alternation("امس", "اليوم", "مساء", "صباح", "ليل", "ليله", "الظهر", "فجر", "السبت", "الاحد",
                          "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه"),
    "#speech": _alternation("قال", "قالت", "اكد", "اكدت", "اشار", "اشارت", "ذكر", "ذكرت", "اضاف", "اضافت",
                            "اعلن", "اعلنت", "صرح", "بيان", "حسب", "بحسب", "وفق", "اعتبر", "يقول", "تقول"),
    "#relative": _alternation("الذي", "التي", "الذين", "اللذين", "اللتين"),
    "#background": _alternation("كان", "كانت", "كانوا", "قد", "سبق", "منذ"),
    "#place": _alternation("امام", "ساحه", "الساحه", "ميدان", "شوارع", "الشوارع", "شارع", "وسط", "مقر", "قرب"),
    "#purpose": re.compile(
        r"(?<!\w)[وف]?(?:للمطالبه|مطالبين|احتجاجا|تنديدا|تضامنا|للاحتجاج|رافعين|مرددين|هاتفين|منددين|حاملين"
        r"|هتافات|شعارات تندد|لافتات تندد|تندد ب|تطالب ب)(?!\w)"
    ),
    "#outbreak": _alternation("اندلعت", "اندلع", "انطلقت", "عمت", "شهدت", "شهد", "خرجت", "تواصلت", "تجددت",
                              "نظمت", "نظم", "نظموا", "جرت", "اقيمت"),
    "#police": _alternation("الشرطه", "الامن", "تفريق", "لتفريق", "الغاز", "الشغب", "الجيش"),
    "#negation": _alternation("لم", "لن", "لا", "ليس", "عدم", "دون", "غير"),
    "#future": _alternation("المقبل", "المقبله", "القادم", "القادمه", "غدا", "سوف", "المقرر", "يعتزم", "تعتزم"),
    "#call": _alternation("دعا", "دعت", "دعوه", "دعوات", "يدعو", "تدعو", "ناشد", "حث"),
    "#definite_protesters": _alternation("المتظاهرون", "المحتجون", "المتظاهرين", "المحتجين"),
}  # fmt: skip
_OPENING_PROTEST = re.compile(
    r"^\W*(?:\w+\W+){0,3}[وف]?(?:تظاهر|احتشد|اعتصم|خرج|نزل|تجمع|اندلع|انطلق|نظم|سار|احتج|اضرب|شارك|اضرم"
    r"|احرق|سد|قطع|مظاهر|احتجاج|اعتصام|اضراب)"
)


def cues(normalised: str) -> set[str]:
    """The cue features present in a normalised sentence."""
    found = {name for name, pattern in _CUES.items() if pattern.search(normalised)}
    if _OPENING_PROTEST.search(normalised):
        found.add("#opening_protest")
    if "#definite_protesters" in found and "#crowd" not in found:
        found.add("#protesters_without_crowd")
    size = len(_TOKEN.findall(normalised))
    found.add("#long" if size > 35 else "#short" if size < 15 else "#medium")
    return found


def features(normalised: str, feature_set: str = "words") -> set[str]:
    """Model inputs: words, cue features, both, or cue and clause features (see the module docstring)."""
    if feature_set == "cues":
        return cues(normalised)
    if feature_set == "clauses":
        return cues(normalised) | clause_cues(normalised)
    words = set(tokens(normalised))
    return words | cues(normalised) if feature_set == "both" else words


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
        feature_set={k: str(v) for k, v in (raw.get("feature_set") or {}).items()},
    )
