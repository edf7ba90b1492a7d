"""Training of the second (stacked) pass: jackknifed first-pass labels, then a perceptron with the
first model's features plus the document features of `stacking.py`.

The first-pass labels of the training text must come from models that didn't see it, or the second
model learns to trust them far more than it should at tagging time; so the training sentences are
cut into `FOLDS` contiguous parts and each part is labelled by a model fit on the others.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

from enrichment.ner.corpus import Sentence
from enrichment.ner.model import LinearModel
from enrichment.ner.perceptron import AveragedPerceptron, EncodedSentence, emissions
from enrichment.ner.stacking import (
    document_features,
    document_key,
    first_pass_types,
    neighbour_feature_ids,
    occurrence_feature_ids,
)

FOLDS = 4
IntArray = npt.NDArray[np.int64]


def fit(language: str, sentences: Sequence[EncodedSentence], epochs: int, seed: int) -> LinearModel:
    """One averaged perceptron run."""
    perceptron = AveragedPerceptron(language)
    perceptron.train(sentences, epochs, seed)
    return perceptron.averaged()


def first_pass_labels(model: LinearModel, encoded: Sequence[EncodedSentence]) -> list[IntArray]:
    """Per sentence, the first pass's entity type index of each token (as the tagger computes it)."""
    return [first_pass_types(emissions(model.weights, sentence.ids, sentence.starts)) for sentence in encoded]


def jackknife_labels(language: str, encoded: Sequence[EncodedSentence], epochs: int, seed: int = 13) -> list[IntArray]:
    """First-pass labels of every sentence from a model trained on the other folds."""
    labels: list[IntArray] = [np.zeros(0, dtype=np.int64)] * len(encoded)
    for fold in np.array_split(np.arange(len(encoded)), FOLDS):
        held = set(fold.tolist())
        model = fit(language, [sentence for index, sentence in enumerate(encoded) if index not in held], epochs, seed)
        for index, found in zip(fold.tolist(), first_pass_labels(model, [encoded[i] for i in fold]), strict=True):
            labels[index] = found
    return labels


def with_document_features(
    encoded: Sequence[EncodedSentence],
    sentences: Sequence[Sentence],
    labels: Sequence[IntArray],
    language: str,
) -> list[EncodedSentence]:
    """The sentences (one running text, in order) with each token's two document feature id lists appended."""
    keys: dict[str, int] = {}
    words = [word for sentence in sentences for word in sentence.tokens]
    key_ids = np.array([keys.setdefault(document_key(word, language), len(keys)) for word in words], dtype=np.int64)
    initial = np.array([index == 0 for sentence in sentences for index in range(len(sentence.tokens))], dtype=bool)
    types = np.concatenate([np.asarray(found, dtype=np.int64) for found in labels]) if labels else np.zeros(0)
    features = document_features(types.astype(np.int64), key_ids, initial)
    occurrence_ids, neighbour_ids = occurrence_feature_ids(), neighbour_feature_ids()
    result: list[EncodedSentence] = []
    token = 0
    for sentence in encoded:
        ends = [*sentence.starts[1:].tolist(), len(sentence.ids)]
        ids: list[int] = []
        starts: list[int] = []
        for start, end in zip(sentence.starts.tolist(), ends, strict=True):
            starts.append(len(ids))
            ids += sentence.ids[start:end].tolist()
            ids += occurrence_ids[int(features.occurrence[token])] + neighbour_ids[int(features.neighbours[token])]
            token += 1
        result.append(EncodedSentence(np.array(ids, dtype=np.int64), np.array(starts, dtype=np.int64), sentence.gold))
    return result


def second_pass_sets(
    language: str,
    train: tuple[Sequence[EncodedSentence], Sequence[Sentence]],
    first_model: LinearModel,
    first_epochs: int,
    dev: tuple[Sequence[EncodedSentence], Sequence[Sentence]] | None = None,
    log: Callable[[str], None] = print,
) -> tuple[list[EncodedSentence], list[EncodedSentence]]:
    """(training, dev) sentences for the second model: training labels jackknifed, dev labelled by
    `first_model` (the first pass as shipped for that data)."""
    log(f"[{language}] jackknifing first-pass labels over {FOLDS} folds ...")
    train_labels = jackknife_labels(language, train[0], first_epochs)
    train_set = with_document_features(train[0], train[1], train_labels, language)
    if dev is None:
        return train_set, []
    dev_set = with_document_features(dev[0], dev[1], first_pass_labels(first_model, dev[0]), language)
    return train_set, dev_set
