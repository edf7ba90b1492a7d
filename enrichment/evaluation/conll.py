"""Span-exact NER scoring with conlleval semantics (micro and per-type precision/recall/F1).

A predicted entity counts only if its type, first and last token all match a gold entity.
Tags are BIO strings ("B-PERSON", "I-ORG", "O"); an I- tag that does not continue an open
entity of the same type starts a new one, exactly as conlleval reads IOB1/IOB2 output.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

Span = tuple[int, int, str]  # (first token, end token exclusive, type)


def spans_from_bio(tags: Sequence[str]) -> list[Span]:
    """Entity spans (token start, token end exclusive, type) read from BIO/IOB tags."""
    spans: list[Span] = []
    start = -1
    current = ""
    for index, tag in enumerate(tags):
        prefix, _, kind = tag.partition("-")
        continues = prefix == "I" and kind == current and start >= 0
        if continues:
            continue
        if start >= 0:
            spans.append((start, index, current))
            start, current = -1, ""
        if prefix in ("B", "I") and kind:
            start, current = index, kind
    if start >= 0:
        spans.append((start, len(tags), current))
    return spans


def iob1_to_bio(tags: Sequence[str]) -> list[str]:
    """Converts IOB1 (B- only between two adjacent same-type entities) to BIO/IOB2."""
    out = ["O"] * len(tags)
    for start, end, kind in spans_from_bio(tags):
        out[start] = f"B-{kind}"
        for index in range(start + 1, end):
            out[index] = f"I-{kind}"
    return out


@dataclass
class SpanScore:
    """Counts of true positives, predicted and gold spans, per type."""

    correct: Counter[str] = field(default_factory=Counter)
    predicted: Counter[str] = field(default_factory=Counter)
    gold: Counter[str] = field(default_factory=Counter)

    def add(self, gold_spans: Iterable[Span], predicted_spans: Iterable[Span]) -> None:
        """Adds one sentence (or document): spans must use the same token indexing."""
        gold_set = set(gold_spans)
        predicted_set = set(predicted_spans)
        for span in gold_set:
            self.gold[span[2]] += 1
        for span in predicted_set:
            self.predicted[span[2]] += 1
            if span in gold_set:
                self.correct[span[2]] += 1

    def add_tags(self, gold_tags: Sequence[str], predicted_tags: Sequence[str]) -> None:
        """Adds one tagged sentence given as two aligned BIO tag sequences."""
        if len(gold_tags) != len(predicted_tags):
            raise ValueError("gold and predicted tag sequences differ in length")
        self.add(spans_from_bio(gold_tags), spans_from_bio(predicted_tags))

    def types(self) -> list[str]:
        """Every entity type seen in gold or predictions, sorted."""
        return sorted(set(self.gold) | set(self.predicted))

    def prf(self, kind: str | None = None) -> tuple[float, float, float]:
        """Precision, recall and F1 for one type, or micro-averaged over all when kind is None."""
        if kind is None:
            correct = sum(self.correct.values())
            predicted = sum(self.predicted.values())
            gold = sum(self.gold.values())
        else:
            correct, predicted, gold = self.correct[kind], self.predicted[kind], self.gold[kind]
        precision = correct / predicted if predicted else 0.0
        recall = correct / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    def as_dict(self, prefix: str) -> dict[str, float]:
        """Flat metrics: {prefix}_f1/_precision/_recall and {prefix}_{TYPE}_f1/... per type."""
        result: dict[str, float] = {}
        for kind in [None, *self.types()]:
            precision, recall, f1 = self.prf(kind)
            key = prefix if kind is None else f"{prefix}_{kind}"
            result[f"{key}_precision"] = round(precision, 4)
            result[f"{key}_recall"] = round(recall, 4)
            result[f"{key}_f1"] = round(f1, 4)
        return result
