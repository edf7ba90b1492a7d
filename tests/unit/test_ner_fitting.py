"""The two learners of `fitting.py` on a tiny synthetic corpus: each yields a model that tags held-out
sentences of the same phrases correctly, and reports its dev score the way `akhbar train` prints it."""

from __future__ import annotations

import pytest

from enrichment.ner.fitting import TrainReport, crf_model, dev_score, perceptron_models
from enrichment.ner.model import TAGS
from enrichment.ner.perceptron import EncodedSentence
from tests.unit.test_crf_training import corpus


def _dev(sentences: list[EncodedSentence]) -> list[tuple[list[str], EncodedSentence]]:
    return [([TAGS[tag] for tag in sentence.gold], sentence) for sentence in sentences]


def test_the_perceptron_ensemble_learns_the_phrases_and_records_its_epochs() -> None:
    report = TrainReport("en", epochs=4)
    train, dev = corpus(120, seed=1), _dev(corpus(40, seed=2))
    shipped, on_train = perceptron_models(report, train, dev, log=lambda _: None, began=0.0)
    assert len(report.dev_f1_by_epoch) == 4 and 1 <= report.best_epoch <= 4
    assert report.ensemble_dev_f1 > 0.95
    assert shipped is on_train, "English dev is not part of the training file: no refit"
    assert dev_score(shipped, dev).prf()[2] == pytest.approx(report.ensemble_dev_f1, abs=1e-4)
    assert shipped.meta["trainer"] == "perceptron"


def test_the_crf_learns_the_phrases_and_agrees_with_crfsuites_own_tagger() -> None:
    pytest.importorskip("pycrfsuite")
    report = TrainReport("ar", epochs=0, trainer="crf")
    train, dev = corpus(120, seed=3), _dev(corpus(40, seed=4))
    model = crf_model(report, train, dev, log=lambda _: None)
    assert report.dev_f1 > 0.95
    assert report.crfsuite_dev_f1 == pytest.approx(report.dev_f1, abs=1e-4)
    assert report.crf_iterations > 0
    assert model.meta["dev_f1"] == report.dev_f1
