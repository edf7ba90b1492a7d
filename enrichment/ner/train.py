"""Trains the Arabic and English NER models from ../shared/eval and writes them to data/models.

    python -m enrichment.ner.train --language ar|en|all [--epochs N] [--shared-dir DIR] [--out-dir DIR]
        [--second-pass]

Arabic trains on ANERcorp train.txt minus its last 10% of sentences (dev); English on CoNLL-2003
eng.train with eng.testa as dev. Word clusters are first learned from the unlabeled news corpora plus
the training tokens, and the gazetteer from offline packages. A first run (seed 13) picks the epoch
count with the best dev F1; two more seeds are trained for that many epochs and the three weight sets
are averaged. Arabic, whose dev is part of train.txt, is then refit on all of train.txt the same way.
Fixed seeds: reruns give the same model. `--second-pass` also trains the stacked document-level
second model (stacking.py; not shipped: see the README's numbers).
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import numpy as np

from enrichment.evaluation.conll import SpanScore
from enrichment.ner.clusters import clusters_from_corpora, raw_texts, save_clusters
from enrichment.ner.corpus import Document, Sentence, read_anercorp, read_conll2003, split_dev
from enrichment.ner.decode import anchor_margin, decode, masked_transitions
from enrichment.ner.gazetteer import build_gazetteer, save_gazetteer
from enrichment.ner.lexicon import Lexicon, clusters_path, gazetteer_path
from enrichment.ner.model import TAGS, LinearModel
from enrichment.ner.perceptron import AveragedPerceptron, EncodedSentence, FeatureEncoder, emissions
from enrichment.ner.stacked_training import second_pass_sets
from enrichment.ner.tagger import MODELS_DIR, model_path, second_model_path
from enrichment.ner.vocabulary import (
    WordType,
    most_frequent,
    save_vocabulary,
    sentence_types,
    text_types,
    vocabulary_path,
)

DEFAULT_EPOCHS = {"ar": 10, "en": 15}
SEEDS = (13, 14, 15)  # one model per shuffling seed; the shipped weights are their average
REFIT_ON_TRAIN_AND_DEV = frozenset({"ar"})  # ANERcorp's dev is part of train.txt; CoNLL's is eng.testa


@dataclass
class TrainReport:
    """What a training run did and how well the shipped epoch scored on dev."""

    language: str
    epochs: int
    best_epoch: int = 0
    dev_f1: float = 0.0
    dev_f1_by_epoch: list[float] = field(default_factory=list)
    ensemble_dev_f1: float = 0.0
    second_best_epoch: int = 0
    second_dev_f1_by_epoch: list[float] = field(default_factory=list)
    second_dev_f1: float = 0.0
    train_sentences: int = 0
    seconds: float = 0.0
    model_bytes: int = 0
    model_path: str = ""


def default_shared_dir() -> Path:
    """AKHBAR_SHARED_DIR, else ../shared next to the repository."""
    return Path(os.environ.get("AKHBAR_SHARED_DIR", Path(__file__).resolve().parents[2].parent / "shared"))


def load_splits(language: str, shared_dir: Path) -> tuple[list[Document], list[Document]]:
    """(train, dev) documents for a language; never touches the test files."""
    ner_dir = shared_dir / "eval" / "ner"
    if language == "ar":
        return split_dev(read_anercorp(ner_dir / "ar" / "anercorp" / "train.txt"))
    if language == "en":
        conll = ner_dir / "en" / "conll2003"
        return read_conll2003(conll / "eng.train"), read_conll2003(conll / "eng.testa")
    raise ValueError(f"no NER training data for language {language!r}")


def build_vocabulary(language: str, shared_dir: Path, train_docs: Sequence[Document]) -> list[WordType]:
    """Most frequent word types for `Tagger.warm`: training tokens, plus unlabeled news the speed
    benchmarks don't measure on: SaudiNewsNet after its first 20k articles, the BBC articles."""
    counts = sentence_types(sentence.tokens for doc in train_docs for sentence in doc)
    if language == "ar":
        counts.update(text_types(islice(raw_texts(shared_dir, language, limit=40_000), 20_000, None)))
    else:
        with (shared_dir / "eval" / "corpora" / "en" / "bbc_news" / "bbc-text.csv").open(encoding="utf-8") as handle:
            counts.update(text_types(row[-1] for row in csv.reader(handle)))
    return most_frequent(counts)


def write_vocabulary(language: str, shared_dir: Path, out_dir: Path) -> int:
    """Builds and saves the warm-up vocabulary alone (no model training); returns its size."""
    types = build_vocabulary(language, shared_dir, load_splits(language, shared_dir)[0])
    save_vocabulary(types, vocabulary_path(language, out_dir))
    return len(types)


def dev_score(model: LinearModel, encoded: Sequence[tuple[Sequence[str], EncodedSentence]]) -> SpanScore:
    """Span F1 on gold-tokenised dev sentences with the same decoder as the shipped tagger."""
    masked = masked_transitions(model.transitions)
    margin = anchor_margin(masked)
    score = SpanScore()
    for gold_tags, sentence in encoded:
        scores = emissions(model.weights, sentence.ids, sentence.starts)
        fixed = scores[:, 0] != scores[:, 0]  # all False
        predicted = decode(scores, fixed, masked, margin)
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


def _second_pass(
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


def train(
    language: str,
    shared_dir: Path,
    out_dir: Path,
    epochs: int | None = None,
    log: Callable[[str], None] = print,
    second_pass: bool = False,
) -> TrainReport:
    """Builds clusters and gazetteer, trains the averaged-perceptron ensemble and saves it to out_dir;
    with `second_pass`, also the stacked second model (stacking.py), else removes any old one."""
    began = time.perf_counter()
    epochs = epochs or DEFAULT_EPOCHS[language]
    report = TrainReport(language, epochs)
    train_docs, dev_docs = load_splits(language, shared_dir)
    train_sentences = [sentence for doc in train_docs for sentence in doc]
    report.train_sentences = len(train_sentences)
    log(f"[{language}] building word clusters from unlabeled corpora ...")
    clusters = clusters_from_corpora(
        shared_dir,
        language,
        [list(sentence.tokens) for sentence in train_sentences],
        article_limit=20000,
        vocab_size=30000,
    )
    save_clusters(clusters, clusters_path(language, out_dir))
    gazetteer = build_gazetteer(language)
    save_gazetteer(gazetteer, gazetteer_path(language, out_dir))
    save_vocabulary(build_vocabulary(language, shared_dir, train_docs), vocabulary_path(language, out_dir))
    log(
        f"[{language}] {len(clusters)} clustered words, {len(gazetteer)} gazetteer tokens "
        f"({time.perf_counter() - began:.0f}s); encoding ..."
    )
    encoder = FeatureEncoder(language, Lexicon(clusters, gazetteer))
    encoded_train = [encoded for doc in train_docs for encoded in encoder.encode_document(doc)]
    encoded_dev = [
        (sentence.tags, encoded)
        for doc in dev_docs
        for sentence, encoded in zip(doc, encoder.encode_document(doc), strict=True)
    ]
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
    best.meta = {"best_epoch": report.best_epoch, "dev_f1": report.ensemble_dev_f1, "seeds": list(SEEDS)}
    path = model_path(language, out_dir)
    best.save(path)
    files = [path, clusters_path(language, out_dir), gazetteer_path(language, out_dir)]
    second_path = second_model_path(language, out_dir)
    if second_pass:
        dev_sentences = [sentence for doc in dev_docs for sentence in doc]
        second = _second_pass(
            report,
            (encoded_train, train_sentences),
            ([encoded for _, encoded in encoded_dev], dev_sentences),
            first_on_train,
            log,
        )
        second.save(second_path)
        files.append(second_path)
    elif second_path.exists():
        second_path.unlink()
    report.model_path = str(path)
    report.model_bytes = sum(file.stat().st_size for file in files)
    report.seconds = round(time.perf_counter() - began, 1)
    log(f"[{language}] saved {path} (dev F1 {report.ensemble_dev_f1}, {report.seconds}s)")
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--language", choices=["ar", "en", "all"], default="all")
    parser.add_argument("--epochs", type=int, default=None)
    parser.add_argument("--shared-dir", type=Path, default=default_shared_dir())
    parser.add_argument("--out-dir", type=Path, default=MODELS_DIR)
    parser.add_argument("--vocabulary-only", action="store_true", help="only rebuild the warm-up word list")
    parser.add_argument(
        "--second-pass", action="store_true", help="also train the stacked document-level second model (not shipped)"
    )
    args = parser.parse_args(argv)
    languages = ["ar", "en"] if args.language == "all" else [args.language]
    for language in languages:
        if args.vocabulary_only:
            size = write_vocabulary(language, args.shared_dir, args.out_dir)
            print(f"[{language}] {size} word types -> {vocabulary_path(language, args.out_dir)}", file=sys.stderr)
            continue
        report = train(language, args.shared_dir, args.out_dir, args.epochs, second_pass=args.second_pass)
        print(report, file=sys.stderr)
    if args.out_dir.resolve() == MODELS_DIR.resolve():  # the shipped models changed: re-ship their warm caches
        from enrichment.ner.warm_cache import write_warm_cache

        for language in languages:
            print(f"[{language}] warm cache -> {write_warm_cache(language)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
