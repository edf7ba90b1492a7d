"""Loads the event trigger lexicon, refinement rules and factuality cues (enrichment/data/events)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick
import yaml

from enrichment.anchored_rules import AnchorScanner
from enrichment.normalized_text import normalize_string

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "events"
# PLOVER/CAMEO quad classes: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
# Material conflict is what gets places, dates and casualties, and what the reporting gates check.
MATERIAL_CONFLICT = 4
QUAD_CLASS: dict[str, int] = {
    "AGREE": 1,
    "CONSULT": 1,
    "SUPPORT": 1,
    "CONCEDE": 1,
    "COOPERATE": 2,
    "AID": 2,
    "RETREAT": 2,
    "INVESTIGATE": 2,
    "DEMAND": 3,
    "DISAPPROVE": 3,
    "REJECT": 3,
    "THREATEN": 3,
    "PROTEST": 4,
    "MOBILIZE": 4,
    "SANCTION": 4,
    "COERCE": 4,
    "ASSAULT": 4,
    "FIGHT": 4,
    "CRIME": 4,
}


@dataclass(frozen=True, slots=True)
class Coding:
    """What a trigger (after refinement) says about an event."""

    type: str
    mode: str | None
    acled_type: str | None
    acled_subtype: str | None

    @property
    def quad_class(self) -> int | None:
        return QUAD_CLASS.get(self.type)


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    id: str
    coding: Coding
    weight: float
    generic: bool
    crowd_gated: bool = False  # Arabic: a trigger only when a crowd size follows it ("تظاهر مئات")


@dataclass(frozen=True, slots=True)
class Refinement:
    when: frozenset[str]
    need: tuple[str, ...]
    unless: tuple[str, ...]
    coding: Coding | None  # None: the context shows the trigger is not a political event (an accident)
    # `need` and `unless` split into cue groups and side groups ("target:x", "source:x"): detection tests
    # them as subsets of / disjoint from the trigger's sets (set operations, no per-cue loop).
    need_cues: frozenset[str] = field(init=False, repr=False, compare=False)
    need_sides: frozenset[str] = field(init=False, repr=False, compare=False)
    unless_cues: frozenset[str] = field(init=False, repr=False, compare=False)
    unless_sides: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name, groups in (("need", self.need), ("unless", self.unless)):
            object.__setattr__(self, f"{name}_cues", frozenset(c for c in groups if ":" not in c))
            object.__setattr__(self, f"{name}_sides", frozenset(c for c in groups if ":" in c))


@dataclass(frozen=True, slots=True)
class Lexicon:
    entries: dict[str, TriggerEntry]
    # Three members of the shared document walk, so that each role's hits come apart (no dispatch per hit):
    # trigger words (kinds "t:<trigger id>"), refinement cue words ("c:<cue>"), modifiers ("m:support", "m:crowd").
    scanner: AnchorScanner
    cue_scanner: AnchorScanner
    modifier_scanner: AnchorScanner
    names: dict[str, str]  # anchor kind -> its name: "t:attack*" -> "attack" (a trigger id, cue or modifier)
    stem_kinds: frozenset[str]
    refinements: tuple[Refinement, ...]
    modifier_window: int
    denial: re.Pattern[str]
    hypothetical: re.Pattern[str]
    target_rule_ids: frozenset[str]  # trigger ids with a rule that looks at the target/source side
    # Every denial/hypothetical cue word, matched anywhere (no boundaries): a window without
    # one cannot match `denial` or `hypothetical`, so their regexes run only where this finds one.
    blocker_words: ahocorasick.Automaton | None = None
    # Arabic PROTEST only: calls, plans, bans and fears before the trigger; future dates after it.
    protest_modality: re.Pattern[str] | None = None
    protest_future: re.Pattern[str] | None = None
    # The English (ASCII) cue words as whole-word anchors of the shared document walk: in an ASCII text no other
    # cue can match, so detection asks this first, for free. None when an ASCII cue word does not end in a
    # letter or digit (a cue glued to the trigger would not be a whole word: the automaton is asked instead).
    blocker_scanner: AnchorScanner | None = None
    # trigger id -> the refinements whose `when` names it, in rule order (detection tries only these);
    # empty when not built: detection then tries every rule.
    rules_by_trigger: dict[str, tuple[Refinement, ...]] = field(default_factory=dict)


def _data(name: str) -> Any:
    return yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))


def _coding(raw: dict[str, Any]) -> Coding:
    acled = raw.get("acled") or [None, None]
    return Coding(raw["type"], raw.get("mode"), acled[0], acled[1])


def _terms(kind: str, raw: dict[str, Any]) -> list[tuple[str, str]]:
    pairs = []
    for language in ("en", "ar"):
        for term in raw.get(language) or ():
            text = str(term)
            stem = text.endswith("*")
            word = normalize_string(text.rstrip("*")).strip()
            if word:
                pairs.append((word, f"{kind}*" if stem else kind))
    return pairs


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Parse the YAML files once; trigger, cue and modifier words become three members of the shared walk."""
    entries: dict[str, TriggerEntry] = {}
    anchors: list[tuple[str, str]] = []  # trigger words
    for raw in _data("triggers.yaml"):
        entry = TriggerEntry(
            raw["id"],
            _coding(raw),
            float(raw["weight"]),
            bool(raw.get("generic")),
            bool(raw.get("crowd_gated")),
        )
        entries[entry.id] = entry
        anchors += _terms(f"t:{entry.id}", raw)
    refinement_data = _data("refinements.yaml")
    cue_anchors = [pair for name, raw in refinement_data["cues"].items() for pair in _terms(f"c:{name}", raw)]
    refinements = tuple(
        Refinement(
            frozenset(rule["when"]),
            tuple(rule["need"]),
            tuple(rule.get("unless") or ()),
            _coding(rule["set"]) if rule["set"] else None,
        )
        for rule in refinement_data["rules"]
    )
    modifiers = _data("modifiers.yaml")
    modifier_anchors = _terms("m:support", modifiers["support"]) + _terms("m:crowd", modifiers.get("crowd") or {})
    kinds = {kind for _, kind in (*anchors, *cue_anchors, *modifier_anchors)}
    return Lexicon(
        entries,
        AnchorScanner(anchors, shared=True),
        AnchorScanner(cue_anchors, shared=True),
        AnchorScanner(modifier_anchors, shared=True),
        {kind: kind.rstrip("*").partition(":")[2] for kind in kinds},
        frozenset(kind for kind in kinds if kind.endswith("*")),
        refinements,
        int(modifiers["window"]),
        _cue_regex(modifiers["denial"]),
        _cue_regex(modifiers["hypothetical"]),
        frozenset(
            trigger_id
            for rule in refinements
            if any(c.startswith(("target:", "source:")) for c in (*rule.need, *rule.unless))
            for trigger_id in rule.when
        ),
        _word_automaton(_cue_words(modifiers["denial"]), _cue_words(modifiers["hypothetical"])),
        _optional_cue_regex(modifiers.get("protest_modality")),
        _optional_cue_regex(modifiers.get("protest_future")),
        _blocker_scanner(_cue_words(modifiers["denial"]), _cue_words(modifiers["hypothetical"])),
        _rules_by_trigger(refinements),
    )


def _blocker_scanner(*lists: list[str]) -> AnchorScanner | None:
    """Every place `_cue_regex` can match in an ASCII text, and more: an ASCII cue as a whole word.

    Only ASCII words: Arabic ones are frequent short words ("لا", "لم") that would add many hits
    to every Arabic text's walk; Arabic texts keep the automaton check.
    """
    words = sorted({w for words in lists for w in words if w and w.isascii()})
    if not words or not all(any(words) for words in lists) or not all(w[-1].isalnum() for w in words):
        return None
    return AnchorScanner([(w, "b") for w in words], shared=True)


def _rules_by_trigger(refinements: tuple[Refinement, ...]) -> dict[str, tuple[Refinement, ...]]:
    ids = {trigger_id for rule in refinements for trigger_id in rule.when}
    return {trigger_id: tuple(rule for rule in refinements if trigger_id in rule.when) for trigger_id in sorted(ids)}


def _cue_words(raw: dict[str, Any]) -> list[str]:
    return sorted({normalize_string(str(t)).strip() for lang in ("en", "ar") for t in raw.get(lang) or ()}, key=len)


def _word_automaton(*lists: list[str]) -> ahocorasick.Automaton | None:
    """None when a cue list has no words: its regex alternation is then empty and matches anywhere."""
    if not all(any(words) for words in lists):
        return None
    automaton = ahocorasick.Automaton()
    for word in {w for words in lists for w in words if w}:
        automaton.add_word(word, len(word))
    automaton.make_automaton()
    return automaton


def _optional_cue_regex(raw: dict[str, Any] | None) -> re.Pattern[str] | None:
    return _cue_regex(raw) if raw and any(raw.get(lang) for lang in ("en", "ar")) else None


def _cue_regex(raw: dict[str, Any]) -> re.Pattern[str]:
    """Whole-word (Arabic: clitic-tolerant) alternation, searched only in short windows before triggers."""
    words = _cue_words(raw)
    alternation = "|".join(re.escape(w) for w in reversed(words) if w)
    return re.compile(rf"(?<!\w)[وفبل]?(?:{alternation})(?!\w)")
