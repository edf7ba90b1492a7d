"""Trains the Arabic and English NER models from ../shared/eval and writes them to data/models.

    python -m enrichment.ner.train --language ar|en|all [--trainer crf|perceptron] [--epochs N]
        [--shared-dir DIR] [--out-dir DIR] [--second-pass]

Arabic trains on ANERcorp train.txt minus its last 10% of sentences (dev); English on CoNLL-2003
eng.train with eng.testa as dev. Word clusters are first learned from the unlabeled news corpora plus
the training tokens, and the gazetteer from offline packages. Each language has a default trainer
(`DEFAULT_TRAINER`: Arabic the CRF, which beat the perceptron on dev and in 4-fold cross-validation;
English the perceptron). The CRF (crf_training.py) is one L-BFGS run at fixed regularisation
(`CRF_SETTINGS`, chosen on the dev split). The perceptron: a first run (seed 13) picks the epoch
count with the best dev F1; two more seeds are trained for that many epochs and the three weight sets
are averaged. Arabic, whose dev is part of train.txt, is then refit on all of train.txt the same way
(with either trainer). Fixed seeds (the CRF is deterministic): reruns give the same model.
`--second-pass` (perceptron only) also trains the stacked document-level second model (stacking.py;
not shipped: see the README's numbers).
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from pathlib import Path

from enrichment.evaluation.event_data import read_acled, read_case, read_plover_gsr
from enrichment.ner.clusters import clusters_from_corpora, raw_texts, save_clusters
from enrichment.ner.corpus import Document, read_anercorp, read_conll2003, split_dev
from enrichment.ner.fitting import (
    DEFAULT_TRAINER,
    TRAINERS,
    TrainReport,
    crf_model,
    perceptron_models,
    second_pass_model,
)
from enrichment.ner.gazetteer import build_gazetteer, save_gazetteer
from enrichment.ner.lexicon import Lexicon, clusters_path, gazetteer_path
from enrichment.ner.perceptron import FeatureEncoder
from enrichment.ner.tagger import MODELS_DIR, model_path, second_model_path
from enrichment.ner.vocabulary import (
    WordType,
    most_frequent,
    save_vocabulary,
    sentence_types,
    text_types,
    vocabulary_path,
    with_capitalised,
)

DEFAULT_EPOCHS = {"ar": 10, "en": 15}


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
    """Word types for `Tagger.warm`, from text the speed benchmarks don't measure on (they read AG News and
    SaudiNewsNet's first articles). Arabic: the types seen twice in the training tokens and SaudiNewsNet after
    its first 20k articles. English, whose corpora are small: every type of CoNLL train + dev, the BBC
    articles and the English event dev texts, plus the capitalised forms of their lower-case words (the BBC
    text is lower-cased): ~86k types instead of ~21k seen twice, new types per bench article 40 -> 24."""
    counts = sentence_types(sentence.tokens for doc in train_docs for sentence in doc)
    if language == "ar":
        counts.update(text_types(islice(raw_texts(shared_dir, language, limit=40_000), 20_000, None)))
        return most_frequent(counts)
    dev_docs = load_splits(language, shared_dir)[1]
    counts.update(sentence_types(sentence.tokens for doc in dev_docs for sentence in doc))
    counts.update(text_types(english_texts(shared_dir)))
    return with_capitalised(most_frequent(counts, min_count=1))


def english_texts(shared_dir: Path) -> Iterator[str]:
    """The unlabeled English text the vocabulary is counted on: BBC News, the event dev files."""
    with (shared_dir / "eval" / "corpora" / "en" / "bbc_news" / "bbc-text.csv").open(encoding="utf-8") as handle:
        yield from (row[-1] for row in csv.reader(handle))
    events = shared_dir / "eval" / "events" / "en"
    yield from (note.text for note in read_acled(events / "acled_2020" / "dev.csv"))
    yield from (snippet.text for snippet in read_case(events / "case2021_task2" / "dev.tsv"))
    yield from (snippet.text for snippet in read_plover_gsr(events / "plover_gsr" / "PLOVER_GSR_CAMEO.txt"))


def write_vocabulary(language: str, shared_dir: Path, out_dir: Path) -> int:
    """Builds and saves the warm-up vocabulary alone (no model training); returns its size."""
    types = build_vocabulary(language, shared_dir, load_splits(language, shared_dir)[0])
    save_vocabulary(types, vocabulary_path(language, out_dir))
    return len(types)


def train(
    language: str,
    shared_dir: Path,
    out_dir: Path,
    epochs: int | None = None,
    log: Callable[[str], None] = print,
    second_pass: bool = False,
    trainer: str | None = None,
) -> TrainReport:
    """Builds clusters and gazetteer, trains the model (`trainer`: "crf" or "perceptron", default per
    language) and saves it to out_dir; with `second_pass` (perceptron only), also the stacked second
    model (stacking.py), else removes any old one."""
    began = time.perf_counter()
    epochs = epochs or DEFAULT_EPOCHS[language]
    report = TrainReport(language, epochs, trainer or DEFAULT_TRAINER[language])
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
    if report.trainer == "crf":
        if second_pass:
            raise ValueError("the second pass is built on the perceptron trainer: use --trainer perceptron")
        best = first_on_train = crf_model(report, encoded_train, encoded_dev, log)
    else:
        best, first_on_train = perceptron_models(report, encoded_train, encoded_dev, log, began)
    path = model_path(language, out_dir)
    best.save(path)
    files = [path, clusters_path(language, out_dir), gazetteer_path(language, out_dir)]
    second_path = second_model_path(language, out_dir)
    if second_pass:
        dev_sentences = [sentence for doc in dev_docs for sentence in doc]
        second = second_pass_model(
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
    parser.add_argument("--trainer", choices=TRAINERS, default=None, help="default: per language, DEFAULT_TRAINER")
    parser.add_argument("--epochs", type=int, default=None, help="perceptron epochs")
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
        report = train(
            language, args.shared_dir, args.out_dir, args.epochs, second_pass=args.second_pass, trainer=args.trainer
        )
        print(report, file=sys.stderr)
    if args.out_dir.resolve() == MODELS_DIR.resolve():  # the shipped models changed: re-ship their warm caches
        from enrichment.ner.warm_cache import write_warm_cache

        for language in languages:
            print(f"[{language}] warm cache -> {write_warm_cache(language)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
