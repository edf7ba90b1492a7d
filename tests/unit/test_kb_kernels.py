"""The compiled kernels of the KB layer against plain-Python references: the ASCII alias scan
(enrichment/_key_trie.pyx, _ascii_scan.pyx), the record builders (enrichment/_records.pyx) and the loops over
span candidates (enrichment/_span_loops.pyx)."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enrichment._ascii_scan import LatinScanner
from enrichment._key_trie import KeyTrie
from enrichment._records import entity, linked_entity, mention, names, place, ranked, round4, salience
from enrichment._span_loops import candidate, clustered, kb_spans, new_candidates
from enrichment.alias_hits import ANY_CASE, CAPITALISED, CAPITALS, Cue, Match, resolve
from enrichment.entity_linking import build_entities
from enrichment.entity_spans import SpanCandidate
from enrichment.gazetteer import load_gazetteer
from enrichment.kb_readings import _WEAK_AMBIGUOUS, _memoised_reading
from enrichment.normalize import ascii_fold, normalize, normalize_mapped
from enrichment.offset_map import run_span
from enrichment.types import Document, Entity, Mention, Names, Place
from tests.unit.entity_build_reference import _salience_of, reference_cluster, reference_entities, reference_kb_spans
from tests.unit.kb_scan_reference import automaton_hits

Key = tuple[str, int, bool, bool, int]  # (padded key, key id, is alias, is cue, clitic characters skipped)
_WORDS = ["us", "u s", "new york", "york", "turkey", "un", "the", "a", "s", "minister", "prime minister", "iraq", "x1"]
_SURFACES = ["US", "U.S.", "New York", "York", "Turkey", "turkey", "UN", "Un", "the", "Prime Minister", "Iraq's", "S"]


def _reference_hits(keys: list[Key], padded: str) -> tuple[list[tuple[int, int, int, int]], list[tuple[int, int, int]]]:
    """Every occurrence of every padded key by str.find, sorted as the gazetteer sorts automaton hits."""
    raw, cues = [], []
    for key, key_id, alias, cue, _ in keys:
        at = padded.find(key)
        while at != -1:
            if alias:
                raw.append((2 - len(key), at, at + len(key) - 2, key_id))
            if cue:
                cues.append((at, at + len(key) - 2, key_id))
            at = padded.find(key, at + 1)
    cues.sort(key=lambda hit: (hit[1], hit[0]))  # by end, the longest first (pyahocorasick's order)
    return sorted(raw), cues


def _keys(words: list[str]) -> list[Key]:
    distinct = sorted(set(words))
    return [(f" {word} ", index, index % 3 != 2, index % 3 != 0, 0) for index, word in enumerate(distinct)]


_PIECES = [*_SURFACES, " ", ", ", ". ", "\n", "\t", "-", "'", "`", "'s", "'S", "x1", "z", "  ", "_", "\x00", "\x7f"]
_text = st.lists(st.sampled_from(_PIECES) | st.characters(max_codepoint=127), max_size=40).map("".join)


@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=8), _text)
@settings(max_examples=300, deadline=None)
def test_hits_are_every_key_occurrence(words: list[str], text: str) -> None:
    keys = _keys(words)
    padded = f" {normalize_mapped(text)[0]} "
    trie = KeyTrie(keys, len(keys))
    assert trie.hits(padded, spaces_only=True) == trie.hits(padded) == _reference_hits(keys, padded)


def _tails(keys: list[Key]) -> list[tuple[str, tuple[tuple[int, int], ...]]]:
    return [(key.strip(), ((index, 0),)) for key, index, _, _, _ in keys]


def _scanner(keys: list[Key], case_rules: list[int]) -> LatinScanner:
    tails = _tails(keys)
    cue_tails = [("title", False) for _ in keys]
    return LatinScanner(KeyTrie(keys, len(keys)), case_rules, tails, cue_tails, Match, Cue, ascii_fold())


def _reference_scan(keys: list[Key], case_rules: list[int], text: str) -> tuple[list[Match], list[Cue]]:
    """Gazetteer.scan's automaton path, in plain Python: normalize_mapped, str.find, resolve, run_span."""
    norm, offsets = normalize_mapped(text)
    runs = offsets.shifts()
    assert runs is not None
    raw, cue_hits = _reference_hits(keys, f" {norm} ")
    matches = resolve(text, norm, raw, case_rules, _tails(keys), runs=runs)
    return matches, [Cue(*run_span(*runs, start, end), "title", False) for start, end, _ in cue_hits]


@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=8), _text, st.lists(st.sampled_from([0, 1, 2])))
@settings(max_examples=400, deadline=None)
def test_scan_equals_the_python_path(words: list[str], text: str, rules: list[int]) -> None:
    keys = _keys(words)
    case_rules = [(rules[index] if index < len(rules) else CAPITALISED) for index in range(len(keys))]
    matches, cues = _scanner(keys, case_rules).scan(text)
    assert (matches, cues) == _reference_scan(keys, case_rules, text)
    assert all(type(match) is Match for match in matches) and all(type(cue) is Cue for cue in cues)


def test_scan_of_every_ascii_character() -> None:
    keys = _keys(_WORDS)
    text = "".join(map(chr, range(128))) + " Iraq's US  U.S. 'S `s x1"
    assert _scanner(keys, [ANY_CASE] * len(keys)).scan(text) == _reference_scan(keys, [ANY_CASE] * len(keys), text)


def test_capitals_rule_needs_capitals() -> None:
    keys = [(" u s ", 0, True, False, 0), (" us ", 1, True, False, 0)]
    scanner = _scanner(keys, [CAPITALS, CAPITALS])
    for text, found in (("the US said", ["US"]), ("let us go", []), ("U.S. troops", ["U.S."]), ("Us", [])):
        matches, _ = scanner.scan(text)
        assert [match.text for match in matches] == found


_ENGLISH_WORDS = [
    "Iraq",
    "Baghdad",
    "the",
    "US",
    "U.S.",
    "Minister",
    "Prime",
    "New",
    "York",
    "Turkey",
    "turkey",
    "Defence",
    "Joe",
    "Biden",
    "Paris",
    "said",
]
_ENGLISH = st.lists(
    st.sampled_from([*_ENGLISH_WORDS, "Ministry of", "United Nations", "Mr.", "'s", ".", ",", "\n", " ", "-"]),
    max_size=60,
).map(" ".join)


@given(_ENGLISH)
@settings(max_examples=200, deadline=None)
def test_gazetteer_scan_of_ascii_equals_automaton_scan(text: str) -> None:
    """On the shipped KB: the kernel's matches and cues equal the automaton path's (resolve + run_span)."""
    gazetteer = load_gazetteer()
    norm, offsets = normalize_mapped(text)
    runs = offsets.shifts()
    assert runs is not None
    raw, cue_hits = automaton_hits(gazetteer, f" {norm} ")
    expected = resolve(text, norm, raw, gazetteer._case_rules, gazetteer._match_tails, runs=runs) if raw else []
    expected_cues = [Cue(*run_span(*runs, start, end), *gazetteer._cue_tails[key]) for start, end, key in cue_hits]
    matches, cues = gazetteer.scan(text)
    assert matches == expected
    assert cues == expected_cues  # in the automaton's order too
    assert gazetteer._ascii_trie.hits(f" {norm} ", spaces_only=True) == (raw, cue_hits)


_ARABIC_WORDS = [
    "العراق",
    "بغداد",
    "والعراق",
    "وبغداد",
    "فللعراق",
    "للعراق",
    "بالعراق",
    "وزير",
    "الخارجية",
    "الرئيس",
    "في",
    "الولايات",
    "المتحدة",
]
_ARABIC_WORDS += [
    "وكبغداد",
    "ولبغداد",
    "فبغداد",
    "سوريا",
    "دمشق",
    "ريف",
    "كالعراق",
    "ال",
    "و",
    "ف",
    "ل",
    "ب",
    "ك",
    "وو",
    "Iraq",
    "US",
    "Café",
]
_ARABIC = st.lists(st.sampled_from([*_ARABIC_WORDS, "،", ".", "\n", "ـ", "\u064e", "😀", "١٢", "  "]), max_size=40).map(
    " ".join
)


@given(st.one_of(_ARABIC, _ARABIC.map(lambda text: text.replace(" ", ""))))
@settings(max_examples=300, deadline=None)
def test_key_trie_keeps_what_the_automaton_keeps(text: str) -> None:
    """On the shipped KB, Arabic and mixed texts: the trie's hits are the automaton's, glue rules applied."""
    gazetteer = load_gazetteer()
    padded = f" {normalize_mapped(text)[0]} "
    assert gazetteer._trie.hits(padded) == automaton_hits(gazetteer, padded)


_VALUE = st.one_of(st.none(), st.integers(), st.text(max_size=5), st.floats(allow_nan=False))


@given(st.lists(_VALUE, min_size=11, max_size=11))
@settings(max_examples=200, deadline=None)
def test_compiled_records_equal_the_dataclass_constructors(values: list[Any]) -> None:
    """enrichment._records builds the very objects the frozen dataclasses' constructors build."""
    built: list[tuple[Any, Any]] = [
        (mention(*values[:3]), Mention(*values[:3])),
        (names(*values[:2]), Names(*values[:2])),
        (place(*values[:5]), Place(*values[:5])),
        (entity(*values), Entity(*values)),
        (entity(*values[:7]), Entity(*values[:7])),
    ]
    fields = (values[0], values[1], values[2], values[3], values[7], values[8], values[9], values[10])
    slow_entity: Any = Entity
    built.append((linked_entity(fields, values[5], values[6]), slow_entity(*values[:4], values[0], *values[5:])))
    for fast, slow in built:
        assert type(fast) is type(slow)
        assert fast == slow and repr(fast) == repr(slow)
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(fast, dataclasses.fields(fast)[0].name, 0)


@given(st.integers(1, 6000), st.integers(0, 600), st.integers(1, 80), st.data())
@settings(max_examples=500, deadline=None)
def test_compiled_salience_equals_the_formula(size: int, title_end: int, total: int, data: st.DataObject) -> None:
    """Mentions start inside the text (size is its length): the compiled score has the formula's bits."""
    starts = sorted(data.draw(st.lists(st.integers(0, size - 1), min_size=1, max_size=12, unique=True)))
    lead_start = title_end + 2 if title_end else 0
    expected = _salience_of(starts, title_end, lead_start, size, total)
    assert salience(starts, title_end, lead_start, size, total) == expected


_HALVES = st.integers(0, 10**8).map(lambda tenth_thousands: (tenth_thousands + 0.5) / 10000)


@given(st.one_of(st.floats(0.0, 1.0), st.floats(), _HALVES, _HALVES.map(lambda half: half * (1 + 2**-52))))
@settings(max_examples=2000, deadline=None)
def test_round4_equals_pythons_round(value: float) -> None:
    """The compiled rounding of saliences gives round(value, 4) to the bit, halves and signs included."""
    assert repr(round4(value)) == repr(round(value, 4))


def test_round4_near_every_half_of_the_unit_interval() -> None:
    for tenth_thousands in range(10_000):
        for value in ((tenth_thousands + 0.5) / 10000, tenth_thousands / 10000, (tenth_thousands + 0.49999) / 10000):
            assert repr(round4(value)) == repr(round(value, 4))


@given(st.lists(st.tuples(st.sampled_from([-0.5, -0.25, -0.0, 0.0, -1e-4]), st.integers(0, 6)), max_size=40))
@settings(max_examples=300, deadline=None)
def test_ranked_equals_a_stable_sort_on_salience_and_start(keys: list[tuple[float, int]]) -> None:
    """Ties (equal salience and start, which build_entities never makes) keep their order, as in sorted."""
    built: list[tuple[float, int, Any]] = [(key, start, object()) for key, start in keys]
    expected = tuple(found for _, _, found in sorted(built, key=lambda item: (item[0], item[1])))
    found = ranked(built)
    assert len(found) == len(expected) and all(a is b for a, b in zip(found, expected, strict=True))


_SPAN = st.tuples(st.integers(0, 9), st.integers(0, 9), st.sampled_from(["PERSON", "ORG"]))


@given(st.lists(_SPAN, max_size=12), st.sets(_SPAN, max_size=6), st.sampled_from(["tagger", "rule"]))
@settings(max_examples=300, deadline=None)
def test_new_candidates_equal_the_constructor(spans: list[tuple[int, int, str]], known: set[Any], source: str) -> None:
    expected = [
        SpanCandidate(start, end, kind, source) for start, end, kind in spans if (start, end, kind) not in known
    ]
    found = new_candidates(spans, known, source)
    assert found == expected and all(type(span) is SpanCandidate for span in found)


@given(st.integers(), st.integers(), st.text(max_size=3), st.text(max_size=3), st.none() | st.integers(), st.booleans())
@settings(max_examples=200, deadline=None)
def test_candidate_equals_the_constructor(start: int, end: int, kind: str, source: str, entry: Any, flag: bool) -> None:
    """Every slot set (a SpanCandidate stays mutable: merge_spans links spans it keeps)."""
    assert candidate(start, end, kind, source) == SpanCandidate(start, end, kind, source)
    found = candidate(start, end, kind, source, entry, flag, not flag)
    assert found == SpanCandidate(start, end, kind, source, entry, flag, not flag) and type(found) is SpanCandidate
    found.entry = 3
    assert found.entry == 3 and repr(found) == repr(SpanCandidate(start, end, kind, source, 3, flag, not flag))


@st.composite
def _document_spans(draw: st.DrawFn) -> tuple[Document, list[SpanCandidate]]:
    """A document (Latin and Arabic words) and disjoint spans of it, some linked to KB entries, some repeated."""
    words = st.sampled_from(["Ali", "Hassan", "Ali Hassan", "بغداد", "كيربي", "جيمس كيربي", "Iraq", "the", "x"])
    title = " ".join(draw(st.lists(words, max_size=6)))
    body = " ".join(draw(st.lists(words, min_size=1, max_size=120)))
    doc = Document.from_parts("d", title, body, draw(st.sampled_from(["en", "ar"])))
    spans: list[SpanCandidate] = []
    position = 0
    for _ in range(draw(st.integers(0, 25))):
        start = position + draw(st.integers(0, 30))
        end = start + draw(st.integers(1, 12))
        if end > len(doc.text):
            break
        kind = draw(st.sampled_from(["PERSON", "PERSON", "ORG", "LOCATION"]))
        spans.append(SpanCandidate(start, end, kind, "kb", draw(st.sampled_from([None, None, None, 0, 1, 7933]))))
        position = end
    return doc, spans


@given(_document_spans())
@settings(max_examples=300, deadline=None)
def test_build_entities_equals_the_python_reference(case: tuple[Document, list[SpanCandidate]]) -> None:
    """The compiled cluster builders give the entities the plain-Python loop gave, field for field."""
    doc, spans = case
    gazetteer = load_gazetteer()
    found = build_entities(doc, spans, gazetteer)
    expected = reference_entities(doc, spans, gazetteer)
    assert found == expected
    assert [repr(entity.salience) for entity in found] == [repr(entity.salience) for entity in expected]


@given(_document_spans())
@settings(max_examples=300, deadline=None)
def test_compiled_clusters_equal_the_python_reference(case: tuple[Document, list[SpanCandidate]]) -> None:
    """Same clusters, same members in the same order, inserted in the same order (ids, ranks and ties follow)."""
    doc, spans = case
    gazetteer = load_gazetteer()
    linked, unknown = clustered(spans, gazetteer.entries, doc.text, normalize)
    expected_linked, expected_unknown = reference_cluster(doc, spans, gazetteer)
    assert list(linked.items()) == list(expected_linked.items())
    assert list(unknown.items()) == list(expected_unknown.items())


_PLACES = [
    "Paris",
    "Georgia",
    "Washington",
    "Jordan",
    "Iraq",
    "Austin",
    "Sadr",
    "Baghdad",
    "Erbil",
    "province",
    "Aleppo",
]


@given(st.lists(st.sampled_from([*_PLACES, "in", "the", "بغداد", "أربيل", "محافظة"]), max_size=30), st.data())
@settings(max_examples=200, deadline=None)
def test_compiled_kb_spans_equal_the_python_loop(words: list[str], data: st.DataObject) -> None:
    """One SpanCandidate per match, with the reading kb_readings' memo chooses for the same countries and cues."""
    gazetteer = load_gazetteer()
    matches, _ = gazetteer.scan(" ".join(words))
    countries = data.draw(st.sets(st.sampled_from(["IQ", "US", "FR", "JO", "GE", "SY", ""])))
    region_keys = data.draw(st.sets(st.sampled_from([m.key for m in matches] or ["x"])))
    arguments = (matches, gazetteer.entries, _WEAK_AMBIGUOUS, _memoised_reading, gazetteer, countries, region_keys)
    assert kb_spans(*arguments) == reference_kb_spans(*arguments)
