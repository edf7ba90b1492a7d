"""DateStage: absolute and relative dates in Arabic and English, resolved against publication."""

from __future__ import annotations

import re
from datetime import date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from enrichment.dates import DateStage, find_dates, grammar
from enrichment.types import Document, Enrichment

FRIDAY = date(2021, 2, 26)


def values(text: str, language: str, published: date | None = FRIDAY) -> list[tuple[str, str]]:
    return [(d.text, d.value) for d in find_dates(text, published, language)]


def test_arabic_full_date_with_both_month_names() -> None:
    assert values("نفت الوزارة، الجمعة 26 فبراير/شباط 2021، ذلك", "ar") == [
        ("الجمعة 26 فبراير/شباط 2021", "2021-02-26")
    ]


def test_arabic_relative_and_weekday_expressions() -> None:
    found = dict(values("قتل أمس ثلاثة، ووقع هجوم فجر الجمعة، وآخر الخميس الماضي", "ar"))
    assert found == {"أمس": "2021-02-25", "فجر الجمعة": "2021-02-26", "الخميس الماضي": "2021-02-25"}


def test_arabic_levantine_month_and_indic_digits() -> None:
    assert values("في ٢٦ كانون الثاني ٢٠٢١", "ar") == [("٢٦ كانون الثاني ٢٠٢١", "2021-01-26")]


def test_arabic_year_keeps_the_year_word_and_day_month_takes_publication_year() -> None:
    assert values("الاتفاق المبرم عام 2015 وهجوم 15 فبراير/شباط", "ar") == [
        ("عام 2015", "2015"),
        ("15 فبراير/شباط", "2021-02-15"),
    ]


def test_english_weekdays_relative_days_and_absolute_dates() -> None:
    text = "Strikes early on Friday followed attacks last Thursday, on 15 Feb 2021 and yesterday (2021-02-03)."
    assert values(text, "en") == [
        ("early on Friday", "2021-02-26"),
        ("last Thursday", "2021-02-25"),
        ("15 Feb 2021", "2021-02-15"),
        ("yesterday", "2021-02-25"),
        ("2021-02-03", "2021-02-03"),
    ]


def test_english_year_only_when_clearly_a_year() -> None:
    text = "the 2015 nuclear agreement, a $2015 fee, 2015 people and in 1990"
    assert values(text, "en") == [("2015", "2015"), ("1990", "1990")]


def test_month_names_must_be_capitalised_in_english() -> None:
    assert values("they may 5 times march on", "en") == []
    assert values("In May 2019 and on March 3", "en") == [("May 2019", "2019-05"), ("March 3", "2021-03-03")]


def test_day_month_far_in_the_future_belongs_to_the_previous_year() -> None:
    assert values("On December 28 troops arrived", "en", date(2021, 1, 3)) == [("December 28", "2020-12-28")]


def test_relative_dates_need_a_publication_date() -> None:
    assert values("yesterday and on Friday, 15 Feb 2021", "en", None) == [("15 Feb 2021", "2021-02-15")]


def test_stage_uses_published_at_and_fills_enrichment() -> None:
    doc = Document.from_parts("d1", "عنوان", "وقع الهجوم أمس", "ar", datetime(2021, 2, 26, 12))
    acc = DateStage()(doc, Enrichment(language="ar"))
    assert [(d.value, d.granularity) for d in acc.dates] == [("2021-02-25", "day")]
    assert all(doc.text[d.start : d.end] == d.text for d in acc.dates)


@given(st.text(max_size=300), st.sampled_from(["ar", "en", "other"]))
def test_never_raises_and_spans_slice_the_text(text: str, language: str) -> None:
    for expr in find_dates(text, FRIDAY, language):
        assert text[expr.start : expr.end] == expr.text
        assert expr.granularity in ("day", "month", "year")
        assert len(expr.value) == {"day": 10, "month": 7, "year": 4}[expr.granularity]


_PIECES = st.sampled_from(
    ["الجمعة", " 26 ", "فبراير", "/شباط", " ٢٠٢١", "أمس", "فجر", " عام ", "2015", "on Friday", "Feb", " 31 ", "May",
     "-", "ً", "last", "yesterday", " ", "،", "2021-02-30", "كانون الثاني"]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=12).map("".join), st.sampled_from(["ar", "en", "other"]))
def test_date_like_noise_never_raises(text: str, language: str) -> None:
    for expr in find_dates(text, FRIDAY, language):
        assert text[expr.start : expr.end] == expr.text
        date.fromisoformat(expr.value) if expr.granularity == "day" else int(expr.value[:4])


def test_publication_dates_at_the_calendar_edges_do_not_raise() -> None:
    from datetime import UTC, datetime

    from enrichment.dates import DateStage
    from enrichment.types import Document, Enrichment

    for published in (datetime(1, 1, 1, tzinfo=UTC), datetime(9999, 12, 31, tzinfo=UTC)):
        doc = Document.from_parts("edge", "Attack last Friday", "Two were killed yesterday on 5 May.", "en", published)
        dates = DateStage()(doc, Enrichment(language="en")).dates
        assert all(doc.text[d.start : d.end] == d.text for d in dates)
        assert all(d.granularity != "day" or d.value[:4] not in ("0001", "9999") for d in dates)


# The year rules as first written, opening with their lookbehind: the grammar tests it after the first digits.
_YEAR_RULES_AS_WRITTEN = (
    r"(?<!\d)(?P<y>[12]\d{3})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)",
    r"(?<![\w$£€.,])(?P<y>(?:1[89]|20)\d{2})(?![\w%]|[.,]\d)",
)


@settings(max_examples=400, deadline=None)
@given(st.text(st.sampled_from("0128119 20-.,$£a%\n٢"), max_size=40), st.integers(0, 40), st.integers(0, 40))
def test_year_rules_match_as_first_written(text: str, lo: int, width: int) -> None:
    rules = [pattern for pattern, _, kind in grammar.EN_RULES if kind == "year4"]
    assert len(rules) == len(_YEAR_RULES_AS_WRITTEN)
    for pattern, written in zip(rules, map(re.compile, _YEAR_RULES_AS_WRITTEN), strict=True):
        for found, expected in (
            (pattern.finditer(text), written.finditer(text)),
            (pattern.finditer(text, lo, lo + width), written.finditer(text, lo, lo + width)),
        ):
            assert [(m.span(), m.groupdict()) for m in found] == [(m.span(), m.groupdict()) for m in expected]
