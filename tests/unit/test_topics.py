"""TopicStage: IPTC top-level topics from bilingual lexicons, main topic first."""

from __future__ import annotations

from enrichment.topics import TopicStage, classify
from enrichment.types import Document, Enrichment


def test_conflict_article_in_english() -> None:
    topics = classify("U.S. warplanes struck militia positions; the Pentagon said troops and rockets were involved.")
    assert topics[0].code == "medtop:16000000"


def test_sport_article_in_arabic() -> None:
    topics = classify("فاز المنتخب في مباراة الدوري وسجل اللاعب هدفين أمام النادي المنافس في البطولة")
    assert topics[0].code == "medtop:15000000"


def test_scores_are_shares_and_ordered() -> None:
    topics = classify("The central bank raised prices; the economy and the stock market fell, investors said.")
    assert topics[0].code == "medtop:04000000"
    assert all(0 < t.score <= 1 for t in topics)
    assert [t.score for t in topics] == sorted((t.score for t in topics), reverse=True)


def test_no_evidence_no_topics_and_stage_fills_enrichment() -> None:
    assert classify("") == ()
    doc = Document.from_parts("t1", "Match report", "The team won the league match and the coach praised a player.")
    assert TopicStage()(doc, Enrichment()).topics[0].code == "medtop:15000000"
