"""TopicStage: IPTC Media Topics (top level) from weighted bilingual cue lexicons.

Transparent and fast: one Aho-Corasick pass over the normalised text, a score
per topic (title hits count double, each cue capped), topics kept when they hold
a fair share of the evidence. Lexicons live in enrichment/data/topics/lexicon.yaml.
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from pathlib import Path

import yaml

from enrichment.anchored_rules import AnchorScanner
from enrichment.enrichment_update import updated
from enrichment.normalized_text import normalize, normalize_string
from enrichment.types import Document, Enrichment, TopicScore

LEXICON_PATH = Path(__file__).resolve().parent / "data" / "topics" / "lexicon.yaml"
_MAX_PER_CUE = 3  # one repeated word must not decide the topic alone
_MIN_SHARE = 0.2  # of the main topic's score
_MIN_SCORE = 1.0
_MAX_TOPICS = 3


@dataclasses.dataclass(frozen=True, slots=True)
class TopicLexicon:
    scanner: AnchorScanner
    weights: dict[str, float]
    stem_kinds: frozenset[str]
    # anchor kind -> (topic code, its weight). A kind names its cue ("medtop:.../film*"): a hit spans exactly
    # its anchor word, so the kind alone tells the cue without slicing the text.
    kinds: dict[str, tuple[str, float]] = dataclasses.field(default_factory=dict)


@lru_cache(maxsize=1)
def load_topic_lexicon() -> TopicLexicon:
    raw = yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8"))
    anchors: list[tuple[str, str]] = []
    weights: dict[str, float] = {}
    for code, spec in raw.items():
        weights[code] = float(spec.get("weight", 1.0))
        for language in ("en", "ar"):
            for term in spec.get(language) or ():
                word = normalize_string(str(term).rstrip("*")).strip()
                if word:
                    anchors.append((word, f"{code}/{word}*" if str(term).endswith("*") else f"{code}/{word}"))
    stems = frozenset(kind for _, kind in anchors if kind.endswith("*"))
    kinds = {kind: (kind.split("/", 1)[0], weights[kind.split("/", 1)[0]]) for _, kind in anchors}
    return TopicLexicon(AnchorScanner(anchors, shared=True), weights, stems, kinds)


def classify(text: str, title_end: int = 0) -> tuple[TopicScore, ...]:
    """Topics with scores in [0, 1] (share of the evidence), main topic first."""
    lexicon = load_topic_lexicon()
    norm = normalize(text)
    per_cue: dict[str, int] = {}  # by kind: one kind per cue
    scores: dict[str, float] = {}
    kinds = lexicon.kinds
    for kind, start, _ in lexicon.scanner.spans(norm.text):
        seen = per_cue.get(kind, 0)
        if seen >= _MAX_PER_CUE:
            continue
        per_cue[kind] = seen + 1
        code, weight = kinds[kind]
        scores[code] = scores.get(code, 0.0) + (weight * 2.0 if start < title_end else weight)
    if not scores:
        return ()
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    top = ranked[0][1]
    if top < _MIN_SCORE:
        return ()
    total = sum(scores.values())
    kept = [(code, score) for code, score in ranked[:_MAX_TOPICS] if score >= _MIN_SHARE * top]
    return tuple(TopicScore(code, round(score / total, 3)) for code, score in kept)


class TopicStage:
    """Stage "topics": fills `Enrichment.topics`, main topic first."""

    name = "topics"

    def __call__(self, doc: Document, acc: Enrichment) -> Enrichment:
        return updated(acc, topics=classify(doc.text, doc.title_end))
