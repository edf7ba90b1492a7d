"""The second round of entity-stage fast paths gives exactly what the computations they replace give."""

from __future__ import annotations

from itertools import accumulate
from operator import add

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enrichment import normalize as normalize_module
from enrichment.entities import _with_surname_mentions
from enrichment.entity_rules import _EN_CAPS_BEFORE_RE, _caps_before
from enrichment.entity_spans import SpanCandidate
from enrichment.fast_records import mention
from enrichment.gazetteer import ACRONYM, AMBIGUOUS, WEAK, Gazetteer
from enrichment.kb.loader import read_kb
from enrichment.kb_readings import _memoised_reading, _reading
from enrichment.normalize import normalize_mapped
from tests.unit.entity_build_reference import _mentions
from tests.unit.kb_fixture import write_fixture_kb


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return Gazetteer(read_kb(write_fixture_kb(tmp_path_factory.mktemp("kb"))))


_SPANS = st.lists(
    st.tuples(st.integers(0, 40), st.integers(1, 6)).map(lambda t: SpanCandidate(t[0], t[0] + t[1], "PERSON", "kb")),
    min_size=1,
    max_size=6,
)


@settings(max_examples=300, deadline=None)
@given(_SPANS)
def test_cluster_mentions_equal_the_sorted_distinct_positions(members: list[SpanCandidate]) -> None:
    text = "abcdefghij" * 5
    positions = sorted({(s.start, s.end) for s in members})
    expected = tuple(mention(start, end, text[start:end]) for start, end in positions)
    assert _mentions(text, members) == (expected, [start for start, _ in positions])


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_memoised_reading_equals_scoring_every_time(gazetteer: Gazetteer, data: st.DataObject) -> None:
    entries = gazetteer.entries
    indices = data.draw(st.lists(st.integers(0, len(entries) - 1), min_size=2, max_size=4, unique=True))
    flags = st.sampled_from([0, WEAK, AMBIGUOUS, ACRONYM, WEAK | AMBIGUOUS])
    candidates = tuple(sorted((index, data.draw(flags)) for index in indices))
    pool = sorted({entry.country or "" for entry in entries} | {"ZZ"})
    for _ in range(3):  # several documents: the memo must give each its own answer
        countries = set(data.draw(st.lists(st.sampled_from(pool), max_size=4)))
        region = data.draw(st.booleans())
        expected = _reading(candidates, entries, countries, region)
        assert _memoised_reading(candidates, gazetteer, countries, region) == expected
        assert _memoised_reading(candidates, gazetteer, countries, region) == expected


def _reference_normalize_mapped(text: str) -> tuple[str, list[int], list[int]]:
    """normalize_mapped as first written: the private-use markers whatever the text."""
    folded = normalize_module._drop(normalize_module._fold(text))
    deleted, squeezed = normalize_module._DELETED, normalize_module._SQUEEZED
    if deleted not in folded and squeezed not in folded:
        return folded, [], []
    chunks = folded.replace(squeezed, deleted).split(deleted)
    norm_starts = list(accumulate(map(len, chunks), initial=0))[:-1]
    return "".join(chunks), norm_starts, list(map(add, norm_starts, range(len(chunks))))


def test_ascii_markers_never_survive_folding() -> None:
    table = normalize_module._tables()
    assert table[ord(normalize_module._ASCII_DELETED)] == table[ord(normalize_module._ASCII_SQUEEZED)] == ord(" ")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab s'`\t\n.\x00\x01", max_size=40))
def test_ascii_markers_give_the_same_normalisation_and_offsets(text: str) -> None:
    norm, mapping = normalize_mapped(text)
    expected_norm, norm_starts, orig_starts = _reference_normalize_mapped(text)
    assert norm == expected_norm
    assert mapping.to_list(len(norm)) == normalize_module.OffsetMap(norm_starts, orig_starts).to_list(len(norm))
    assert "\x00" not in norm and "\x01" not in norm


def _reference_surname_mentions(text: str, spans: list[SpanCandidate]) -> list[SpanCandidate]:
    """_with_surname_mentions as first written: every span's characters marked in a bytearray."""
    surnames: dict[str, SpanCandidate] = {}
    for span in spans:
        if span.type == "PERSON":
            words = text[span.start : span.end].split()
            if len(words) >= 2 and len(words[-1]) >= 3 and words[-1][0].isalpha():
                surnames.setdefault(words[-1], span)
    if not surnames:
        return spans
    taken = bytearray(len(text))
    for span in spans:
        taken[span.start : span.end] = b"\x01" * (span.end - span.start)
    added: list[SpanCandidate] = []
    size = len(text)
    for surname, person in surnames.items():
        start = text.find(surname)
        while start != -1:
            end = start + len(surname)
            bounded = (start == 0 or not text[start - 1].isalnum()) and (end == size or not text[end].isalnum())
            if bounded and taken.find(1, start, end) == -1:
                added.append(SpanCandidate(start, end, "PERSON", "rule", entry=person.entry))
                taken[start:end] = b"\x01" * (end - start)
            start = text.find(surname, end)
    return sorted(spans + added, key=lambda s: s.start) if added else spans


_WORDS = ["Ali", "Sadr", "al-Sadr", "Moqtada", "said", "Bush", "George"]


@st.composite
def _text_and_disjoint_spans(draw: st.DrawFn) -> tuple[str, list[SpanCandidate]]:
    words = draw(
        st.lists(st.sampled_from(["Ali", "Sadr", "al-Sadr", "Moqtada", "said", "Bush", "George"]), max_size=14)
    )
    text = " ".join(words)
    spans = []
    position = 0
    for word in words:  # some runs of consecutive words become spans, as merge_spans leaves them: disjoint
        length = draw(st.integers(1, 3))
        if draw(st.booleans()) and position < len(text):
            end = position
            for _ in range(length):
                following = text.find(" ", end + 1)
                end = len(text) if following == -1 else following
            spans.append(SpanCandidate(position, end, draw(st.sampled_from(["PERSON", "ORG"])), "kb", 1))
            position = end + 1
        else:
            position += len(word) + 1
        if position >= len(text):
            break
    return text, spans


@settings(max_examples=400, deadline=None)
@given(_text_and_disjoint_spans())
def test_surname_mentions_by_bisection_equal_the_marked_characters(case: tuple[str, list[SpanCandidate]]) -> None:
    text, spans = case
    assert _with_surname_mentions(text, list(spans)) == _reference_surname_mentions(text, list(spans))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="Ab .-&'\n\tXy,Zé\u00a0", max_size=120), st.data())
def test_caps_before_from_the_fourth_word_equals_the_whole_window(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    found = _caps_before(text, start)
    plain = _EN_CAPS_BEFORE_RE.search(text, max(0, start - 80), start)
    assert (found and (found.span(), found.group(1))) == (plain and (plain.span(), plain.group(1)))
