"""The engine's fast paths give exactly what the plain computations they replace give."""

from __future__ import annotations

import math
from datetime import date
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from enrichment.anchored_rules import AnchorHit, span_windows, windows
from enrichment.dates import grammar, resolvers
from enrichment.normalized_text import normalize
from tests.unit.entity_build_reference import _LEAD_CHARS, _salience_of

_SPANS = st.lists(st.tuples(st.integers(0, 400), st.integers(0, 40)).map(lambda p: (p[0], p[0] + p[1])), max_size=12)


@settings(max_examples=200, deadline=None)
@given(_SPANS, st.integers(0, 60), st.integers(0, 60), st.integers(0, 500))
def test_span_windows_equal_windows_over_hits(spans: list[tuple[int, int]], before: int, after: int, size: int) -> None:
    hits = [AnchorHit("k", start, end) for start, end in spans]
    assert span_windows(spans, before, after, size) == windows(hits, before, after, size)


def _salience_reference(starts: list[int], title_end: int, lead_start: int, size: int, total: int) -> float:
    """The salience formula written plainly (a scan for the first lead mention)."""
    first = starts[0]
    in_title = first < title_end
    in_lead = False
    for start in starts:
        if start >= lead_start:
            in_lead = start < lead_start + _LEAD_CHARS
            break
    count = len(starts)
    raw = 1.2 * in_title + 0.8 * in_lead + 0.6 * math.log2(1 + count) + 0.4 * (1.0 - first / max(size, 1))
    return round(min(1.0, 1.0 - math.exp(-(raw + count / max(total, 1)) / 2.0)), 4)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(0, 3000), min_size=1, max_size=8, unique=True).map(sorted),
    st.integers(0, 200),
    st.integers(0, 3000),
    st.integers(1, 60),
)
def test_salience_equals_the_plain_formula(starts: list[int], title_end: int, size: int, total: int) -> None:
    lead_start = title_end + 2 if title_end else 0
    expected = _salience_reference(starts, title_end, lead_start, size, total)
    assert _salience_of(starts, title_end, lead_start, size, total) == expected


_DATE_WORDS = st.sampled_from(
    [
        "May",
        "may",
        "march",
        "March",
        "Monday",
        "monday",
        "last",
        "yesterday",
        "today",
        "5",
        "21",
        "2021",
        "1999",
        "in",
        "on",
        "the",
        "of",
        "الجمعة",
        "الماضي",
        "أمس",
        "اليوم",
        "فبراير",
        "شباط",
        "عام",
        " ",
        ", ",
        "/",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_DATE_WORDS, max_size=14).map(" ".join),
    st.sampled_from([None, date(2021, 2, 27)]),
    st.sampled_from([(True, False), (False, True), (True, True)]),
)
def test_skipped_date_rules_are_those_that_could_not_resolve(
    text: str, published: date | None, scripts: tuple[bool, bool]
) -> None:
    """Rules are skipped without a publication date or a capitalised anchor: the candidates do not change."""
    norm = normalize(text)
    ctx = resolvers.Context(text, published, norm.to_original)
    arabic, english = scripts
    fast = grammar.find_candidates(norm.text, ctx, arabic, english)
    with (
        mock.patch.object(grammar, "_DATED_KINDS", ()),
        mock.patch.object(grammar, "_CAPITALISED_KINDS", ()),
    ):
        plain = grammar.find_candidates(norm.text, ctx, arabic, english)
    assert fast == plain
