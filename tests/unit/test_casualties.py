"""CasualtyStage: killed/injured counts from digits and number words, never from years or money."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from enrichment.casualties import CasualtyStage, find_casualties
from enrichment.types import Document, Enrichment


def counts(text: str) -> list[tuple[str, int, bool]]:
    return [(c.kind, c.count, c.at_least) for c in find_casualties(text)]


def test_arabic_number_noun_with_trailing_at_least() -> None:
    assert counts("وصل عدد القتلى إلى 22 قتيلاً على الأقل") == [("killed", 22, True)]


def test_arabic_trigger_with_number_word_and_digits() -> None:
    assert counts("أسفر عن مقتل ثلاثة مدنيين وإصابة 7 آخرين") == [("killed", 3, False), ("injured", 7, False)]


def test_arabic_singular_nouns_are_counted() -> None:
    assert counts("أدى إلى مقتل مدني ومتعاقد أجنبي") == [("killed", 2, False)]
    assert counts("أدى إلى إصابة جنديين بجروح") == [("injured", 2, False)]


def test_arabic_indic_digits() -> None:
    assert counts("مقتل ١٥ شخصا") == [("killed", 15, False)]


def test_english_patterns() -> None:
    assert counts("at least a dozen people were killed") == [("killed", 12, True)]
    assert counts("two soldiers were wounded") == [("injured", 2, False)]
    assert counts("a rocket attack killed a civilian contractor and wounded a U.S. service member.") == [
        ("killed", 1, False),
        ("injured", 1, False),
    ]
    assert counts("the blast killed twenty-two fighters and left 30 wounded") == [
        ("killed", 22, False),
        ("injured", 30, False),
    ]
    assert counts("the death toll rose to 45") == [("killed", 45, False)]


def test_years_ages_money_and_percentages_do_not_count() -> None:
    assert counts("In 2015 a 25-year-old man was killed") == []
    assert counts("He paid $5 and 20 percent were killed") == []
    assert counts("No people were reported injured or killed.") == []


def test_spans_slice_the_text_and_stage_fills_enrichment() -> None:
    doc = Document.from_parts("c1", "Blast", "Three people were killed.", "en")
    acc = CasualtyStage()(doc, Enrichment())
    assert [(c.text, c.count) for c in acc.casualties] == [("Three people were killed", 3)]
    assert all(doc.text[c.start : c.end] == c.text for c in acc.casualties)


@given(st.text(max_size=300))
def test_never_raises_on_any_text(text: str) -> None:
    for casualty in find_casualties(text):
        assert text[casualty.start : casualty.end] == casualty.text
        assert casualty.count > 0


_PIECES = st.sampled_from(
    ["killed", " ", "at least", "two", "2015", "$", "5", "%", "were", "wounded", "people", "a", "مقتل", "ثلاثة",
     "٢٢", "قتيلاً", "على الأقل", "و", "إصابة", "جنديين", "-year-old", ",", "twenty-two", "left", "dead"]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=14).map("".join))
def test_casualty_like_noise_never_raises(text: str) -> None:
    for casualty in find_casualties(text):
        assert text[casualty.start : casualty.end] == casualty.text
        assert casualty.kind in ("killed", "injured")
