"""Scores the shipped NER taggers on the held-back test splits, the way the tagger is used.

Each test document becomes one text, like an article: a sentence's tokens joined by single spaces,
one sentence per line (CoNLL-2003 documents split at -DOCSTART-; ANERcorp has no document marks and
is one text). The tagger returns character spans, which are mapped back to the tokens they overlap
before conlleval-style span-exact scoring.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from pathlib import Path

from enrichment.evaluation.conll import Span, SpanScore, spans_from_bio
from enrichment.ner.corpus import Document, read_anercorp, read_conll2003
from enrichment.ner.tagger import Tagger, load_tagger

TEST_FILES = {"ar": ("ar/anercorp/test.txt", read_anercorp), "en": ("en/conll2003/eng.testb", read_conll2003)}


def token_spans_of_chars(
    char_spans: Sequence[tuple[int, int, str]], starts: Sequence[int], ends: Sequence[int]
) -> list[Span]:
    """Maps character spans onto the tokens they overlap (token start, end exclusive, type)."""
    spans: list[Span] = []
    for start, end, kind in char_spans:
        first = max(bisect.bisect_right(starts, start) - 1, 0)
        last = bisect.bisect_left(ends, end)
        if first <= last < len(starts):
            spans.append((first, last + 1, kind))
    return spans


def score_documents(tagger: Tagger, documents: Sequence[Document]) -> SpanScore:
    """Tags each document as one text (sentences on their own lines) and accumulates span counts."""
    score = SpanScore()
    for document in documents:
        starts: list[int] = []
        ends: list[int] = []
        gold: list[Span] = []
        offset = 0
        for sentence in document:
            first = len(starts)
            gold += [(start + first, end + first, kind) for start, end, kind in spans_from_bio(sentence.tags)]
            for token in sentence.tokens:
                starts.append(offset)
                ends.append(offset + len(token))
                offset += len(token) + 1  # a space after each token, a newline after the last
        text = "\n".join(" ".join(sentence.tokens) for sentence in document)
        score.add(gold, token_spans_of_chars(tagger.tag(text), starts, ends))
    return score


def evaluate_ner(shared_dir: Path) -> dict[str, float]:
    """ner_{ar,en}_test_f1 / _precision / _recall and per-type keys (e.g. ner_ar_test_PERSON_f1)."""
    metrics: dict[str, float] = {}
    for language, (relative, reader) in TEST_FILES.items():
        tagger = load_tagger(language)
        path = shared_dir / "eval" / "ner" / relative
        if tagger is None or not path.exists():
            continue
        metrics.update(score_documents(tagger, reader(path)).as_dict(f"ner_{language}_test"))
    return metrics
