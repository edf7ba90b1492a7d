"""Structured averaged perceptron (Collins 2002) over BIO tags with first-order Viterbi decoding.

Training sentences are turned into flat arrays of hashed feature ids once; each update adds the
feature vector of the gold tag and subtracts that of the predicted tag at the wrong positions.
Averaging uses the accumulated-timestamp trick (avg = w - u / c).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from enrichment.ner.corpus import Sentence
from enrichment.ner.document import combination_feature_ids, document_combinations
from enrichment.ner.features import PAD, WINDOW, word_feature_ids
from enrichment.ner.lexicon import Lexicon
from enrichment.ner.model import TAG_INDEX, LinearModel, allowed_transitions, viterbi

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class EncodedSentence:
    """Feature ids of every token (flattened, with start offsets) and gold tag indices."""

    ids: IntArray
    starts: IntArray
    gold: tuple[int, ...]


class FeatureEncoder:
    """Caches the per-offset feature ids of each word type while encoding sentences."""

    def __init__(self, language: str, lexicon: Lexicon) -> None:
        self.language = language
        self.lexicon = lexicon
        self._combination_ids = combination_feature_ids()
        self._cache: dict[tuple[str, bool], list[list[int]]] = {}

    def type_ids(self, word: str, initial: bool) -> list[list[int]]:
        key = (word, initial)
        found = self._cache.get(key)
        if found is None:
            found = word_feature_ids(word, initial, self.language, self.lexicon)
            self._cache[key] = found
        return found

    def encode(self, tokens: Sequence[str], combinations: Sequence[int] = ()) -> tuple[IntArray, IntArray]:
        """Flat feature ids and per-token start offsets for one sentence (+ document combination ids)."""
        half = WINDOW // 2
        padded = [PAD] * half + list(tokens) + [PAD] * half
        types = [self.type_ids(word, index == half) for index, word in enumerate(padded)]
        ids: list[int] = []
        starts: list[int] = []
        for position in range(len(tokens)):
            starts.append(len(ids))
            for k in range(WINDOW):
                ids.extend(types[position + k][k])
            if combinations:
                ids.append(self._combination_ids[combinations[position]])
        return np.array(ids, dtype=np.int64), np.array(starts, dtype=np.int64)

    def encode_sentence(self, sentence: Sentence, combinations: Sequence[int] = ()) -> EncodedSentence:
        ids, starts = self.encode(sentence.tokens, combinations)
        return EncodedSentence(ids, starts, tuple(TAG_INDEX[tag] for tag in sentence.tags))

    def encode_document(self, document: Sequence[Sentence]) -> list[EncodedSentence]:
        """Encodes a document's sentences with their document-level combination features."""
        words = [word for sentence in document for word in sentence.tokens]
        initial = [index == 0 for sentence in document for index in range(len(sentence.tokens))]
        combinations = document_combinations(words, initial, self.language)
        encoded: list[EncodedSentence] = []
        offset = 0
        for sentence in document:
            encoded.append(self.encode_sentence(sentence, combinations[offset : offset + len(sentence.tokens)]))
            offset += len(sentence.tokens)
        return encoded


def emissions(weights: npt.NDArray[np.float32], ids: IntArray, starts: IntArray) -> npt.NDArray[np.float32]:
    """Per-token tag scores: the sum of the weight rows of each token's features."""
    return np.add.reduceat(weights[ids], starts, axis=0)


class AveragedPerceptron:
    """Trains a `LinearModel` by structured perceptron updates, keeping running averages."""

    def __init__(self, language: str) -> None:
        self.model = LinearModel.empty(language)
        self._weight_sums = np.zeros_like(self.model.weights)
        self._transition_sums = np.zeros_like(self.model.transitions)
        self._allowed = allowed_transitions()
        self._step = 1

    def predict(self, sentence: EncodedSentence, weights: npt.NDArray[np.float32] | None = None) -> list[int]:
        table = self.model.weights if weights is None else weights
        return viterbi(emissions(table, sentence.ids, sentence.starts), self.model.transitions, self._allowed)

    def update(self, sentence: EncodedSentence) -> bool:
        """One perceptron step on a sentence; returns True when the prediction was wrong."""
        predicted = self.predict(sentence)
        gold = sentence.gold
        self._step += 1
        if list(gold) == predicted:
            return False
        weights, sums, step = self.model.weights, self._weight_sums, self._step
        ends = [*sentence.starts[1:].tolist(), len(sentence.ids)]
        start_state = len(self.model.transitions) - 1
        for position, (gold_tag, predicted_tag) in enumerate(zip(gold, predicted, strict=True)):
            previous_gold = gold[position - 1] if position else start_state
            previous_predicted = predicted[position - 1] if position else start_state
            if gold_tag != predicted_tag:
                ids = sentence.ids[sentence.starts[position] : ends[position]]
                np.add.at(weights[:, gold_tag], ids, 1.0)  # column views: updated in place
                np.add.at(weights[:, predicted_tag], ids, -1.0)
                np.add.at(sums[:, gold_tag], ids, step)
                np.add.at(sums[:, predicted_tag], ids, -step)
            if (previous_gold, gold_tag) != (previous_predicted, predicted_tag):
                self.model.transitions[previous_gold, gold_tag] += 1.0
                self.model.transitions[previous_predicted, predicted_tag] -= 1.0
                self._transition_sums[previous_gold, gold_tag] += step
                self._transition_sums[previous_predicted, predicted_tag] -= step
        return True

    def averaged(self) -> LinearModel:
        """A copy of the model with averaged weights (what is shipped and evaluated)."""
        weights = self.model.weights - self._weight_sums / np.float32(self._step)
        transitions = self.model.transitions - self._transition_sums / np.float32(self._step)
        return LinearModel(self.model.language, weights.astype(np.float32), transitions.astype(np.float32))

    def train(
        self,
        sentences: Sequence[EncodedSentence],
        epochs: int,
        seed: int,
        on_epoch: Callable[[int, int, LinearModel], None] | None = None,
    ) -> None:
        """Runs `epochs` shuffled passes; `on_epoch(epoch, mistakes, averaged_model)` reports progress."""
        rng = np.random.default_rng(seed)
        order = np.arange(len(sentences))
        for epoch in range(1, epochs + 1):
            rng.shuffle(order)
            mistakes = sum(self.update(sentences[index]) for index in order.tolist())
            if on_epoch is not None:
                on_epoch(epoch, mistakes, self.averaged())
