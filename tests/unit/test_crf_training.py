"""The CRF -> LinearModel copy must decode exactly as CRFsuite itself does (tiny synthetic corpus)."""

from __future__ import annotations

import math
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest

from enrichment.ner.decode import decode, masked_transitions
from enrichment.ner.model import TAG_INDEX, TAGS, LinearModel, allowed_transitions, viterbi
from enrichment.ner.perceptron import EncodedSentence, emissions

pycrfsuite = pytest.importorskip("pycrfsuite")

from enrichment.ner.crf_training import (  # noqa: E402 - after the skip
    CrfSettings,
    linear_model_from_tagger,
    token_items,
    train_crf,
    train_crfsuite_file,
)

# word -> (tag it carries when alone, its feature ids); ids overlap between words like hash collisions do
LEXICON: dict[str, tuple[str, list[int]]] = {
    "the": ("O", [11, 12]),
    "said": ("O", [13, 12]),
    "in": ("O", [14, 15]),
    "john": ("PERSON", [21, 22]),
    "smith": ("PERSON", [23, 22]),
    "paris": ("LOCATION", [31, 32]),
    "new": ("LOCATION", [33, 15]),
    "york": ("LOCATION", [34, 32]),
    "acme": ("ORG", [41, 42]),
    "corp": ("ORG", [43, 42]),
    "cup": ("MISC", [51, 52]),
}
PHRASES = [["john", "smith"], ["paris"], ["new", "york"], ["acme", "corp"], ["cup"], ["john"], ["acme"]]
BIAS = 7


def encode(words: list[str], tags: list[str]) -> EncodedSentence:
    """Own ids, neighbours' ids shifted per offset (like the -1/+1 window), a bias id counted twice."""
    ids: list[int] = []
    starts: list[int] = []
    for position, word in enumerate(words):
        starts.append(len(ids))
        ids += LEXICON[word][1] + [BIAS, BIAS]
        if position:
            ids += [1000 + i for i in LEXICON[words[position - 1]][1]]
        if position + 1 < len(words):
            ids += [2000 + i for i in LEXICON[words[position + 1]][1]]
    return EncodedSentence(
        np.array(ids, dtype=np.int64), np.array(starts, dtype=np.int64), tuple(TAG_INDEX[t] for t in tags)
    )


def corpus(count: int, seed: int) -> list[EncodedSentence]:
    rng = np.random.default_rng(seed)
    sentences = []
    fillers = ["the", "said", "in"]
    for _ in range(count):
        words: list[str] = []
        tags: list[str] = []
        for _ in range(int(rng.integers(1, 4))):
            words.append(fillers[int(rng.integers(len(fillers)))])
            tags.append("O")
            phrase = PHRASES[int(rng.integers(len(PHRASES)))]
            kind = LEXICON[phrase[0]][0]
            words += phrase
            tags += [f"B-{kind}"] + [f"I-{kind}"] * (len(phrase) - 1)
        sentences.append(encode(words, tags))
    return sentences


def project_decode(model: LinearModel, sentence: EncodedSentence) -> list[int]:
    """The runtime decoder (exact Viterbi), as train.dev_score runs it."""
    masked = masked_transitions(model.transitions)
    scores = emissions(model.weights, sentence.ids, sentence.starts)
    fixed = np.zeros(len(sentence.gold), dtype=bool)
    return [int(tag) for tag in decode(scores, fixed, masked)]


def test_token_items_count_repeated_ids() -> None:
    items = token_items(encode(["john", "smith"], ["B-PERSON", "I-PERSON"]))
    assert items[0]["7"] == 2.0
    assert items[0]["21"] == 1.0
    assert items[1]["1021"] == 1.0
    assert "2021" not in items[1]


def test_converted_model_decodes_like_crfsuite() -> None:
    train = corpus(120, seed=1)
    held_out = corpus(60, seed=2)
    result = train_crf("en", train, CrfSettings(c1=0.01, c2=0.01, max_iterations=200), held_out, log=lambda _: None)
    assert result.iterations > 0
    assert result.state_features > 0
    allowed = allowed_transitions()
    for sentence, theirs in zip(held_out, result.crfsuite_tags, strict=True):
        assert project_decode(result.model, sentence) == theirs
        scores = emissions(result.model.weights, sentence.ids, sentence.starts)
        assert viterbi(scores, result.model.transitions, allowed) == theirs
    # and it learned the task: the held-out sentences come from the same phrases
    assert sum(list(s.gold) == t for s, t in zip(held_out, result.crfsuite_tags, strict=True)) >= 55
    assert result.model.meta["trainer"] == "crf"


def sequence_score(model: LinearModel, sentence: EncodedSentence, tags: list[int]) -> float:
    """Linear score of a tag sequence without a start transition (CRFsuite has none)."""
    scores = emissions(model.weights, sentence.ids, sentence.starts)
    total = float(sum(scores[position, tag] for position, tag in enumerate(tags)))
    return total + float(sum(model.transitions[a, b] for a, b in pairwise(tags)))


def test_copied_weights_give_crfsuite_log_probability_ratios(tmp_path: Path) -> None:
    path = tmp_path / "model.crfsuite"
    train_crfsuite_file(corpus(80, seed=3), CrfSettings(c1=0.0, c2=0.1, max_iterations=100), path, lambda _: None)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    try:
        model, _ = linear_model_from_tagger("en", tagger)
        sentence = encode(["the", "john", "smith", "in", "new", "york"], ["O"] * 6)
        tagger.set(pycrfsuite.ItemSequence(token_items(sentence)))
        gold = ["O", "B-PERSON", "I-PERSON", "O", "B-LOCATION", "I-LOCATION"]
        other = ["O", "B-ORG", "O", "O", "B-LOCATION", "B-LOCATION"]
        theirs = math.log(tagger.probability(gold)) - math.log(tagger.probability(other))
        ours = sequence_score(model, sentence, [TAG_INDEX[t] for t in gold]) - sequence_score(
            model, sentence, [TAG_INDEX[t] for t in other]
        )
    finally:
        tagger.close()
    assert ours == pytest.approx(theirs, abs=1e-3)
    assert model.transitions[len(TAGS)].tolist() == [0.0] * len(TAGS)  # no start-state weights
