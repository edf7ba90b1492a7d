"""The entity stage's fast paths give exactly what the plain computations they replace give."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enrichment.entities import _new_to_kb
from enrichment.entity_spans import (
    _COMPOUND_ADJECTIVE_RE,
    SpanCandidate,
    _absorbs,
    _merge_overlapping,
    is_demonym,
    merge_spans,
)
from enrichment.fast_records import entity, mention, names, place
from enrichment.gazetteer import Gazetteer
from enrichment.kb.loader import read_kb
from enrichment.normalize import normalize_mapped
from enrichment.types import Entity, Mention, Names, Place
from tests.unit.entity_build_reference import bisecting_merge
from tests.unit.kb_fixture import write_fixture_kb
from tests.unit.kb_scan_reference import automaton_hits


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return Gazetteer(read_kb(write_fixture_kb(tmp_path_factory.mktemp("kb"))))


def test_fast_records_equal_the_dataclass_constructors() -> None:
    mentions = (mention(3, 8, "Basra"),)
    assert mentions == (Mention(3, 8, "Basra"),)
    assert type(mentions[0]) is Mention
    assert names("البصرة", None) == Names(ar="البصرة", en=None)
    full = entity("geo:1", "LOCATION", "Basra", names(None, "Basra"), "geo:1", 0.5, mentions, "city", "IQ", 30.5, 47.8)
    assert full == Entity(
        "geo:1", "LOCATION", "Basra", Names(None, "Basra"), "geo:1", 0.5, mentions, "city", "IQ", 30.5, 47.8
    )
    assert entity("u:1", "ORG", "X", Names(), None, 0.1, mentions) == Entity(
        "u:1", "ORG", "X", Names(), None, 0.1, mentions
    )
    assert place("geo:1", "Basra", "IQ", 30.5, 47.8) == Place("geo:1", "Basra", "IQ", 30.5, 47.8)


_KINDS = ["PERSON", "ORG", "LOCATION"]
_TYPES = st.sampled_from(_KINDS)


@st.composite
def _disjoint_kb_spans(draw: st.DrawFn) -> list[SpanCandidate]:
    """Sorted, non-overlapping KB spans, as the gazetteer produces them."""
    spans = []
    position = 0
    for _ in range(draw(st.integers(0, 6))):
        start = position + draw(st.integers(0, 6))
        end = start + draw(st.integers(1, 8))
        source = draw(st.sampled_from(["kb", "kb", "weak"]))
        ambiguous = draw(st.booleans())
        entry = draw(st.sampled_from([None, 0, 1]))  # 0 and 1: countries of the fixture KB
        spans.append(SpanCandidate(start, end, draw(_TYPES), source, entry, ambiguous=ambiguous))
        position = end
    return spans


_OTHERS = st.lists(
    st.tuples(st.integers(0, 60), st.integers(-1, 12), _TYPES, st.sampled_from(["tagger", "rule"])).map(
        lambda t: SpanCandidate(t[0], t[0] + t[1], t[2], t[3])
    ),
    max_size=10,
)


def _reference_merge(
    kb: list[SpanCandidate], others: list[SpanCandidate], text: str, gazetteer: Gazetteer
) -> list[SpanCandidate]:
    """merge_spans as first written: a linear scan of the kept spans for every candidate."""
    kept = list(kb)
    for span in sorted(others, key=lambda s: (s.start - s.end, s.start)):
        surface = text[span.start : span.end]
        if span.end <= span.start or is_demonym(surface) or _COMPOUND_ADJECTIVE_RE.search(surface):
            continue
        overlapping = [k for k in kept if k.start < span.end and span.start < k.end]
        if not overlapping:
            kept.append(span)
            continue
        if any(k.source not in ("kb", "weak") for k in overlapping):
            continue
        contains = all(span.start <= k.start and k.end <= span.end for k in overlapping)
        strictly = contains and all((k.start, k.end) != (span.start, span.end) for k in overlapping)
        if strictly and _absorbs(span, overlapping, text, gazetteer):
            for k in overlapping:
                kept.remove(k)
            kept.append(span)
        elif not strictly and contains and len(overlapping) == 1:
            only = overlapping[0]
            if only.ambiguous and only.type != span.type:
                kept.remove(only)
                kept.append(span)
    kept.sort(key=lambda s: s.start)
    return kept


def _copies(spans: list[SpanCandidate]) -> list[SpanCandidate]:
    return [SpanCandidate(s.start, s.end, s.type, s.source, s.entry, s.weak, s.ambiguous) for s in spans]


@settings(max_examples=400, deadline=None)
@given(_disjoint_kb_spans(), _OTHERS, st.text(alphabet="ab Iraqi-led", min_size=80, max_size=80))
def test_bisecting_merge_equals_the_linear_scan(
    gazetteer: Gazetteer, kb: list[SpanCandidate], others: list[SpanCandidate], text: str
) -> None:
    plain = _reference_merge(_copies(kb), _copies(others), text, gazetteer)
    assert merge_spans(_copies(kb), _copies(others), text, gazetteer) == plain
    assert bisecting_merge(_copies(kb), _copies(others), text, gazetteer) == plain
    assert _merge_overlapping(_copies(kb), _copies(others), text, gazetteer) == plain


@settings(max_examples=400, deadline=None)
@given(_disjoint_kb_spans(), _OTHERS, st.data(), st.text(alphabet="ab Iraqi-led", min_size=80, max_size=80))
def test_the_taggers_repeats_of_kb_spans_change_no_merge(
    gazetteer: Gazetteer, kb: list[SpanCandidate], others: list[SpanCandidate], data: st.DataObject, text: str
) -> None:
    repeats = [(k.start, k.end, data.draw(st.sampled_from([k.type, *_KINDS]))) for k in kb if data.draw(st.booleans())]
    tagged = data.draw(st.permutations([(s.start, s.end, s.type) for s in others if s.start < s.end] + repeats))
    every = [SpanCandidate(start, end, kind, "tagger") for start, end, kind in tagged]
    kept = _new_to_kb(tagged, kb)
    assert len(kept) <= len(every)
    assert merge_spans(_copies(kb), _copies(kept), text, gazetteer) == merge_spans(
        _copies(kb), _copies(every), text, gazetteer
    )
    assert _merge_overlapping(_copies(kb), _copies(kept), text, gazetteer) == _merge_overlapping(
        _copies(kb), _copies(every), text, gazetteer
    )


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab ,.'ـَُأةى\u200fﻻ\u0301"), st.data())
def test_batch_span_mapping_equals_one_by_one(text: str, data: st.DataObject) -> None:
    norm, mapping = normalize_mapped(text)
    if not norm:
        return
    pairs = []
    for _ in range(data.draw(st.integers(1, 5))):
        start = data.draw(st.integers(0, len(norm) - 1))
        pairs.append((start, data.draw(st.integers(start + 1, len(norm)))))
    assert mapping.spans(pairs, text) == [mapping.span(start, end, text) for start, end in pairs]


@pytest.mark.parametrize(
    "text",
    [
        "Iraq and Syria: the U.S. envoy in Baghdad met President Zanjabili.",
        "iraq, turkey and the US",
        "Café owners in Baghdad",  # not ASCII: the full automaton
        "وزير الخارجية في بغداد and Iraq",
    ],
)
def test_tries_find_what_the_automaton_keeps(gazetteer: Gazetteer, text: str) -> None:
    norm, _ = normalize_mapped(text)
    padded = f" {norm} "
    every = gazetteer._trie.hits(padded)
    assert every == automaton_hits(gazetteer, padded)
    if norm.isascii():
        assert gazetteer._ascii_trie.hits(padded, spaces_only=True) == every
