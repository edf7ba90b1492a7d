"""conlleval-style span scoring and IOB1 -> BIO conversion."""

from __future__ import annotations

import pytest

from enrichment.evaluation.conll import SpanScore, iob1_to_bio, spans_from_bio


def test_spans_from_bio_and_stray_inside_tags() -> None:
    tags = ["B-PERSON", "I-PERSON", "O", "I-ORG", "I-ORG", "B-ORG", "I-LOCATION"]
    assert spans_from_bio(tags) == [(0, 2, "PERSON"), (3, 5, "ORG"), (5, 6, "ORG"), (6, 7, "LOCATION")]


def test_iob1_to_bio() -> None:
    assert iob1_to_bio(["I-ORG", "I-ORG", "B-ORG", "O", "I-PER"]) == ["B-ORG", "I-ORG", "B-ORG", "O", "B-PER"]


def test_exact_spans_only_count() -> None:
    score = SpanScore()
    score.add_tags(["B-PERSON", "I-PERSON", "O", "B-ORG"], ["B-PERSON", "O", "O", "B-ORG"])
    assert score.prf("ORG") == (1.0, 1.0, 1.0)
    assert score.prf("PERSON") == (0.0, 0.0, 0.0)
    precision, recall, f1 = score.prf()
    assert (precision, recall) == (0.5, 0.5)
    assert f1 == pytest.approx(0.5)
    metrics = score.as_dict("ner_x")
    assert metrics["ner_x_f1"] == 0.5 and metrics["ner_x_ORG_f1"] == 1.0


def test_type_mismatch_is_both_a_false_positive_and_a_miss() -> None:
    score = SpanScore()
    score.add_tags(["B-LOCATION"], ["B-ORG"])
    assert score.prf() == (0.0, 0.0, 0.0)
    assert score.gold["LOCATION"] == 1 and score.predicted["ORG"] == 1


def test_length_mismatch_raises() -> None:
    with pytest.raises(ValueError):
        SpanScore().add_tags(["O"], ["O", "O"])
