"""How a model's weights are fit once the training sentences are encoded (train.py does the rest).

Two learners share the hashed features and the shipped `LinearModel` format: the structured averaged
perceptron (epochs picked on dev, three shuffling seeds averaged, optionally a stacked second pass) and a
linear-chain CRF (crf_training.py, fixed settings per language). Where dev is carved from the training
file (Arabic), the shipped model is refit on train+dev with what dev chose; the dev F1 stays the
held-out estimate.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from enrichment.evaluation.conll import SpanScore
from enrichment.ner.corpus import Sentence
from enrichment.ner.crf_training import CrfSettings, train_crf
from enrichment.ner.decode import decode, masked_transitions
from enrichment.ner.model import TAGS, LinearModel
from enrichment.ner.perceptron import AveragedPerceptron, EncodedSentence, emissions
from enrichment.ner.stacked_training import second_pass_sets

SEEDS = (13, 14, 15)  # one model per shuffling seed; the shipped weights are their average
REFIT_ON_TRAIN_AND_DEV = frozenset({"ar"})  # ANERcorp's dev is part of train.txt; CoNLL's is eng.testa
TRAINERS = ("crf", "perceptron")
DEFAULT_TRAINER = {"ar": "crf", "en": "perceptron"}  # dev and 4-fold CV winners (README, "CRF")
CRF_SETTINGS = {
    "ar": CrfSettings(c1=0.1, c2=0.1, max_iterations=300),
    "en": CrfSettings(c1=0.1, c2=0.1, max_iterations=300),
}
EncodedDev = Sequence[tuple[Sequence[str], EncodedSentence]]


@dataclass
class TrainReport:
    """What a training run did and how well the shipped epoch scored on dev."""

    language: str
    epochs: int
    trainer: str = "perceptron"
    best_epoch: int = 0
    dev_f1: float = 0.0
    dev_f1_by_epoch: list[float] = field(default_factory=list)
    ensemble_dev_f1: float = 0.0
    second_best_epoch: int = 0
    second_dev_f1_by_epoch: list[float] = field(default_factory=list)
    second_dev_f1: float = 0.0
    crf_iterations: int = 0
    crfsuite_dev_f1: float = 0.0  # CRFsuite's own tagger on dev: the copied model must match it
    train_sentences: int = 0
    seconds: float = 0.0
    model_bytes: int = 0
    model_path: str = ""


def dev_score(model: LinearModel, encoded: EncodedDev) -> SpanScore:
    """Span F1 on gold-tokenised dev sentences with the same decoder as the shipped tagger."""
    masked = masked_transitions(model.transitions)
    score = SpanScore()
    for gold_tags, sentence in encoded:
        scores = emissions(model.weights, sentence.ids, sentence.starts)
        fixed = scores[:, 0] != scores[:, 0]  # all False
        predicted = decode(scores, fixed, masked)
        score.add_tags(gold_tags, [TAGS[int(index)] for index in predicted])
    return score


def _fit(language: str, sentences: Sequence[EncodedSentence], epochs: int, seed: int) -> LinearModel:
    perceptron = AveragedPerceptron(language)
    perceptron.train(sentences, epochs, seed)
    return perceptron.averaged()


def average_models(models: Sequence[LinearModel]) -> LinearModel:
    """Weight average of linear models over the same features: one model, same tagging cost."""
    weights = np.zeros_like(models[0].weights)
    transitions = np.zeros_like(models[0].transitions)
    for model in models:
        weights += model.weights
        transitions += model.transitions
    count = np.float32(len(models))
    return LinearModel(models[0].language, weights / count, transitions / count)


def second_pass_model(
    report: TrainReport,
    train_part: tuple[Sequence[EncodedSentence], Sequence[Sentence]],
    dev_part: tuple[Sequence[EncodedSentence], Sequence[Sentence]],
    first_model: LinearModel,
    log: Callable[[str], None],
) -> LinearModel:
    """The stacked second model (stacking.py): epochs picked on dev, 3 seeds averaged, refit on
    train+dev where the first model was."""
    language, epochs = report.language, report.epochs
    train_set, dev_set = second_pass_sets(language, train_part, first_model, report.best_epoch, dev_part, log)
    dev_pairs = [(sentence.tags, encoded) for sentence, encoded in zip(dev_part[1], dev_set, strict=True)]
    best: LinearModel | None = None
    best_f1 = 0.0

    def on_epoch(epoch: int, mistakes: int, model: LinearModel) -> None:
        nonlocal best, best_f1
        f1 = dev_score(model, dev_pairs).prf()[2]
        report.second_dev_f1_by_epoch.append(round(f1, 4))
        log(f"[{language}] second pass epoch {epoch}/{epochs}: {mistakes} wrong sentences, dev F1={f1:.4f}")
        if f1 > best_f1:
            best_f1, report.second_best_epoch, best = f1, epoch, model

    AveragedPerceptron(language).train(train_set, epochs, SEEDS[0], on_epoch)
    if best is None:
        raise RuntimeError("second-pass training produced no model")
    members = [best, *(_fit(language, train_set, report.second_best_epoch, seed) for seed in SEEDS[1:])]
    model = average_models(members)
    report.second_dev_f1 = round(dev_score(model, dev_pairs).prf()[2], 4)
    log(f"[{language}] second pass, {len(members)} models averaged: dev F1 {report.second_dev_f1}")
    if language in REFIT_ON_TRAIN_AND_DEV:
        log(f"[{language}] refitting the second pass on train+dev ...")
        everything = ([*train_part[0], *dev_part[0]], [*train_part[1], *dev_part[1]])
        all_set, _ = second_pass_sets(language, everything, first_model, report.best_epoch, None, log)
        model = average_models([_fit(language, all_set, report.second_best_epoch, seed) for seed in SEEDS])
    model.meta = {"best_epoch": report.second_best_epoch, "dev_f1": report.second_dev_f1, "seeds": list(SEEDS)}
    return model


def perceptron_models(
    report: TrainReport,
    encoded_train: list[EncodedSentence],
    encoded_dev: EncodedDev,
    log: Callable[[str], None],
    began: float,
) -> tuple[LinearModel, LinearModel]:
    """(shipped model, model fit on the training split only): epochs picked on dev, 3 seeds averaged,
    refit on train+dev where dev is carved from the training file."""
    language, epochs = report.language, report.epochs
    best: LinearModel | None = None

    def on_epoch(epoch: int, mistakes: int, model: LinearModel) -> None:
        nonlocal best
        precision, recall, f1 = dev_score(model, encoded_dev).prf()
        report.dev_f1_by_epoch.append(round(f1, 4))
        log(
            f"[{language}] epoch {epoch}/{epochs}: {mistakes} wrong sentences, dev P={precision:.4f} "
            f"R={recall:.4f} F1={f1:.4f} ({time.perf_counter() - began:.0f}s)"
        )
        if f1 > report.dev_f1:
            report.dev_f1, report.best_epoch, best = round(f1, 4), epoch, model

    AveragedPerceptron(language).train(encoded_train, epochs, SEEDS[0], on_epoch)
    if best is None:
        raise RuntimeError("training produced no model")
    members = [best]
    for seed in SEEDS[1:]:
        log(f"[{language}] ensemble member with seed {seed}, {report.best_epoch} epochs ...")
        members.append(_fit(language, encoded_train, report.best_epoch, seed))
    best = average_models(members)
    report.ensemble_dev_f1 = round(dev_score(best, encoded_dev).prf()[2], 4)
    log(f"[{language}] averaged {len(members)} models: dev F1 {report.ensemble_dev_f1}")
    first_on_train = best
    if language in REFIT_ON_TRAIN_AND_DEV:
        # The dev split is carved from the training file: once the epoch count is chosen, the shipped
        # models are refit on all of it (the dev F1 above stays the honest held-out estimate).
        log(f"[{language}] refitting on train+dev for {report.best_epoch} epochs ...")
        everything = encoded_train + [encoded for _, encoded in encoded_dev]
        best = average_models([_fit(language, everything, report.best_epoch, seed) for seed in SEEDS])
    best.meta = {
        "trainer": "perceptron",
        "best_epoch": report.best_epoch,
        "dev_f1": report.ensemble_dev_f1,
        "seeds": list(SEEDS),
    }
    return best, first_on_train


def crf_model(
    report: TrainReport,
    encoded_train: list[EncodedSentence],
    encoded_dev: EncodedDev,
    log: Callable[[str], None],
) -> LinearModel:
    """One CRF at the language's fixed settings (nothing picked on dev in this run), scored on dev by the
    runtime decoder and by CRFsuite itself (they must agree), then refit on train+dev where the perceptron is."""
    language, settings = report.language, CRF_SETTINGS[report.language]
    result = train_crf(language, encoded_train, settings, [encoded for _, encoded in encoded_dev], log)
    own = SpanScore()
    for (gold_tags, _), tags in zip(encoded_dev, result.crfsuite_tags, strict=True):
        own.add_tags(gold_tags, [TAGS[index] for index in tags])
    report.dev_f1 = report.ensemble_dev_f1 = round(dev_score(result.model, encoded_dev).prf()[2], 4)
    report.crfsuite_dev_f1, report.crf_iterations = round(own.prf()[2], 4), result.iterations
    log(f"[{language}] CRF dev F1 {report.dev_f1} (CRFsuite's own tagger: {report.crfsuite_dev_f1}), {result.seconds}s")
    model = result.model
    if language in REFIT_ON_TRAIN_AND_DEV:
        log(f"[{language}] refitting the CRF on train+dev ...")
        everything = encoded_train + [encoded for _, encoded in encoded_dev]
        model = train_crf(language, everything, settings, log=log).model
    model.meta = {**model.meta, "dev_f1": report.dev_f1}
    return model
