"""Rules tried only at their anchor starts (anchored_rules.matches_at) find exactly what searching their
windows finds, and the date rule rewritten to open with a digit matches as first written."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from enrichment import casualties
from enrichment._anchored_walk import year_spans
from enrichment.anchored_rules import matches_at, span_windows
from enrichment.dates import grammar

_WORDS = (
    "5 12 31 2021 1999 1999-03-04 2020-13-01 march mar. may sept of 3rd th early late on last next this past friday "
    "sunday night morning yesterday tonight killed killing kill left leaving death toll claimed the lives wounded "
    "injured a an one man woman civilian and to at least three people were"
)
_PIECES = st.sampled_from(
    [
        *_WORDS.split(),
        " ",
        "  ",
        ", ",
        "\n",
        "_",
        "$",
        "x",
        "rose to",
        "claimed the lives of",
        "last night",
        "a man and a woman",
        "٢٠٢١",
    ]
)


def _hits(text: str, scanner: object) -> dict[str, list[tuple[int, int]]]:
    found: dict[str, list[tuple[int, int]]] = {}
    for kind, start, end in scanner.spans(text):  # type: ignore[attr-defined]
        found.setdefault(kind, []).append((start, end))
    found["year4"] = year_spans(text)
    return found


def _same(pattern: re.Pattern[str], text: str, windows: list[tuple[int, int]], starts: list[int]) -> None:
    searched = [(m.span(), m.groupdict()) for lo, hi in windows for m in pattern.finditer(text, lo, hi)]
    tried = [(m.span(), m.groupdict()) for m in matches_at(pattern, text, windows, sorted(starts))]
    assert tried == searched


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=30).map(" ".join))
def test_date_rules_tried_at_their_starts_find_what_a_search_finds(text: str) -> None:
    hits = _hits(text, grammar._SCANNER)
    for pattern, _, kind, start_kinds in grammar._RUNS[1]:
        if start_kinds is None or not hits.get(kind):
            continue
        windows = span_windows(hits[kind], grammar._BEFORE, grammar._AFTER, len(text))
        _same(pattern, text, windows, [at for name in start_kinds for at, _ in hits.get(name, ())])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=30).map(" ".join))
def test_casualty_rules_tried_at_their_starts_find_what_a_search_finds(text: str) -> None:
    hits = _hits(text, casualties._SCANNER)
    for kind, pattern, before, after, start_kinds in casualties._RULES:
        if not start_kinds or not hits.get(kind):
            continue
        windows = span_windows(hits[kind], before, after, len(text))
        _same(pattern, text, windows, [at for name in start_kinds for at, _ in hits.get(name, ())])


def test_rules_tried_at_their_starts_on_sentences() -> None:
    text = "on 3 march, early on last friday, 2020-01-05 the death toll rose to 12; killing a man and a woman"
    whole = [(0, len(text))]
    leads = [text.index(word) for word in ("early", "on last", "last", "friday")]
    assert [m.group() for m in matches_at(grammar.EN_RULES[4][0], text, whole, leads)] == ["early on last friday"]
    assert [m.group() for m in matches_at(grammar.EN_RULES[0][0], text, whole, [text.index("2020")])] == ["2020-01-05"]
    starts = [text.index(word) for word in ("death", "toll", "killing")]
    found = [m["num"] for m in matches_at(casualties._EN_VERB_FIRST, text, whole, starts)]
    assert found == ["12", "a"]  # the match at "death" covers "toll", which is not tried again


_DAY_FIRST_AS_WRITTEN = r"(?<!\w)(?<!\d)(?P<d>[0-3]?\d)(?!\d)(?:st|nd|rd|th)?\s"


@settings(max_examples=400, deadline=None)
@given(st.text(st.sampled_from("0123459 a_th\n.٢\u0966"), max_size=30), st.integers(0, 30), st.integers(0, 30))
def test_day_first_rule_matches_as_first_written(text: str, lo: int, width: int) -> None:
    rewritten = re.compile(rf"{grammar._D_FIRST}(?:st|nd|rd|th)?\s")
    written = re.compile(_DAY_FIRST_AS_WRITTEN)
    for found, expected in (
        (rewritten.finditer(text), written.finditer(text)),
        (rewritten.finditer(text, lo, lo + width), written.finditer(text, lo, lo + width)),
    ):
        assert [(m.span(), m.groupdict()) for m in found] == [(m.span(), m.groupdict()) for m in expected]
