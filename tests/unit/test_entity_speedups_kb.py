"""The KB layer's fast paths (alias hits mapped by runs, one-span clusters, cheap pre-tests) equal the plain ones."""

from __future__ import annotations

from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enrichment import entity_linking, entity_rules
from enrichment.entity_linking import build_entities, unknown_id
from enrichment.entity_spans import (
    _AR_NISBA_RE,
    _COMPOUND_ADJECTIVE_RE,
    _EN_DEMONYM_RE,
    SpanCandidate,
    is_demonym,
    merge_spans,
)
from enrichment.entity_spans import _not_a_name as not_a_name
from enrichment.fast_records import linked_entity, names
from enrichment.gazetteer import ACRONYM, AMBIGUOUS, WEAK, Gazetteer
from enrichment.kb.loader import read_kb
from enrichment.kb_readings import _WEAK_AMBIGUOUS
from enrichment.normalize import OffsetMap, normalize, normalize_mapped
from enrichment.types import Document, Entity, Mention, Names
from tests.unit.entity_build_reference import _salience_of
from tests.unit.kb_fixture import write_fixture_kb


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return Gazetteer(read_kb(write_fixture_kb(tmp_path_factory.mktemp("kb"))))


_EN_WORDS = st.sampled_from(
    ["Iraq", "iraq", "Syria's", "U.S.", "US", "us", "Baghdad", "Turkey", "turkey", "the", "in", "Deir", "ez-Zor"]
)
_GLUE = st.sampled_from([" ", "  ", "   ", ". ", ", ", "'", " '", "\n", "\n\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_EN_WORDS, _GLUE), max_size=12).map(lambda parts: "".join(w + g for w, g in parts)))
def test_hits_mapped_by_runs_equal_the_batch_mapping(gazetteer: Gazetteer, text: str) -> None:
    fast = gazetteer.scan(text)
    with mock.patch.object(OffsetMap, "shifts", lambda self: None):  # forces the batch mapping (OffsetMap.spans)
        plain = gazetteer.scan(text)
    assert fast == plain


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab ,.'ـَأ\u200f", max_size=30), st.data())
def test_offset_shifts_map_like_span(text: str, data: st.DataObject) -> None:
    norm, mapping = normalize_mapped(text)
    runs = mapping.shifts()
    if not norm or runs is None:
        return
    starts, shifts = runs
    start = data.draw(st.integers(0, len(norm) - 1))
    end = data.draw(st.integers(start + 1, len(norm)))
    mapped = (start + shifts[_run(starts, start)], end + shifts[_run(starts, end - 1)])
    if text.isascii():  # no combining marks for `span` to add
        assert mapped == mapping.span(start, end, text)


def _run(starts: list[int], index: int) -> int:
    return max(i for i, start in enumerate(starts) if start <= index)


@st.composite
def _document_spans(draw: st.DrawFn) -> tuple[Document, list[SpanCandidate]]:
    """A document and disjoint spans in it, some linked to the fixture KB's first entries."""
    title = draw(st.text(alphabet="ab ", max_size=40))
    body = draw(st.text(alphabet="ab ", min_size=1, max_size=900))
    doc = Document.from_parts("d", title, body, "en")
    spans: list[SpanCandidate] = []
    position = 0
    for _ in range(draw(st.integers(0, 12))):
        start = position + draw(st.integers(0, 80))
        end = start + draw(st.integers(1, 6))
        if end > len(doc.text):
            break
        kind = draw(st.sampled_from(["PERSON", "ORG", "LOCATION"]))
        spans.append(SpanCandidate(start, end, kind, "kb", draw(st.sampled_from([None, None, 0, 1, 2]))))
        position = end
    return doc, spans


@settings(max_examples=300, deadline=None)
@given(_document_spans())
def test_one_span_clusters_rank_like_the_salience_formula(
    gazetteer: Gazetteer, case: tuple[Document, list[SpanCandidate]]
) -> None:
    doc, spans = case
    title_end = doc.title_end
    lead_start = title_end + 2 if title_end else 0
    found = build_entities(doc, spans, gazetteer)
    assert sum(len(e.mentions) for e in found) == len({(s.start, s.end) for s in spans})
    for e in found:
        starts = [m.start for m in e.mentions]
        assert e.salience == _salience_of(starts, title_end, lead_start, len(doc.text), len(spans))
        assert all(doc.text[m.start : m.end] == m.text for m in e.mentions)


# Names whose clusters join surname-only mentions, some longer than the full name before normalising.
_UNKNOWN_NAMES = st.sampled_from(["جيمس كيربي", "كيربي", "كِيـــرْبِيّ", "Ali Hassan", "Hassan", "HASSAN", "Iraq", "IRAQ"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_UNKNOWN_NAMES, st.sampled_from(["PERSON", "PERSON", "ORG"])), min_size=1, max_size=8))
def test_remembered_unknown_ids_are_the_ids_of_the_names(gazetteer: Gazetteer, named: list[tuple[str, str]]) -> None:
    """build_entities remembers unknown ids under (type, normalised name): each is unknown_id of its entity's name."""
    title = " , ".join(name for name, _ in named)
    doc = Document.from_parts("d", title, "x", "ar")
    spans: list[SpanCandidate] = []
    position = 0
    for name, kind in named:
        spans.append(SpanCandidate(position, position + len(name), kind, "tagger"))
        position += len(name) + 3
    found = build_entities(doc, list(spans), gazetteer)
    assert all(entity.id == unknown_id(entity.type, entity.name) for entity in found)
    entity_linking._IDS.clear()
    assert build_entities(doc, list(spans), gazetteer) == found


def test_linked_entity_equals_the_constructor() -> None:
    mentions = (Mention(0, 4, "Iraq"),)
    fields = ("iso:IQ", "LOCATION", "Iraq", names("العراق", "Iraq"), "country", "IQ", None, None)
    expected = Entity("iso:IQ", "LOCATION", "Iraq", Names("العراق", "Iraq"), "iso:IQ", 0.5, mentions, "country", "IQ")
    assert linked_entity(fields, 0.5, mentions) == expected
    assert type(linked_entity(fields, 0.5, mentions)) is Entity


def test_flag_table_reads_the_flag_bits() -> None:
    for flags in range((WEAK | ACRONYM | AMBIGUOUS) + 1):
        assert _WEAK_AMBIGUOUS[flags] == (bool(flags & WEAK), bool(flags & AMBIGUOUS))


_SURFACE = st.lists(
    st.sampled_from(["Iraqi", "Iraq", "العراقية", "بغداد", " ", "-led", "-", "Iran", "s", "\n", "x"]), max_size=5
).map("".join)


@settings(max_examples=400, deadline=None)
@given(_SURFACE)
def test_demonym_pretests_change_nothing(surface: str) -> None:
    demonym = _EN_DEMONYM_RE.match(surface) is not None or _AR_NISBA_RE.match(surface) is not None
    assert is_demonym(surface) == demonym
    assert not_a_name(surface) == (demonym or _COMPOUND_ADJECTIVE_RE.search(surface) is not None)


@settings(max_examples=400, deadline=None)
@given(_SURFACE.filter(bool))
def test_merge_drops_exactly_the_demonyms(gazetteer: Gazetteer, surface: str) -> None:
    """The merge loop tries each demonym pattern only on words of its script: the same spans are dropped."""
    span = SpanCandidate(0, len(surface), "ORG", "tagger")
    kept = merge_spans([], [span], surface, gazetteer)
    assert kept == ([] if not_a_name(surface) else [span])


_AR_WORDS = st.sampled_from(["الرئيس", "محمد", "بن", "سلمان", "،", "(", "الخارجية", "وزير", "يعتبر", "عبد", "x"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_AR_WORDS, max_size=14).map(" ".join), st.booleans())
def test_arabic_name_reads_the_same_from_seven_tokens(words: str, complement: bool) -> None:
    text = "الرئيس " + words
    fast = entity_rules._arabic_name_after(text, 6, complement)
    with mock.patch.object(entity_rules, "islice", lambda tokens, _: tokens):  # every token of the window
        plain = entity_rules._arabic_name_after(text, 6, complement)
    assert fast == plain


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([*"aZ9 ", "  ", "'s", ".", "-", "\t", "É", "ا", "\x00"]), max_size=12).map("".join))
def test_plain_ascii_names_normalise_like_the_mapped_form(text: str) -> None:
    normalize.cache_clear()
    assert normalize(text) == normalize_mapped(text)[0].strip()
