"""The event-side fast paths give exactly what the plain computations they replace give.

Each reference below is the code the fast path replaced (per-mention objects, a scan of every
refinement rule, `dataclasses.replace`, a regex substitution), kept here as the definition.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from enrichment import dedup
from enrichment.anchored_rules import AnchorScanner
from enrichment.enrichment_update import updated
from enrichment.events.arguments import (
    _ARMED_SUBTYPES,
    _SOURCE_REACH,
    _SPONSOR_CUES,
    _TARGET_CUES,
    EntityMention,
    MentionIndex,
    _is_actor,
    _written_as_place,
    actors,
)
from enrichment.events.blocking import blocked, cue_words_of
from enrichment.events.detection import TriggerMention, _refine
from enrichment.events.lexicon import Coding, Refinement, TriggerEntry, load_lexicon
from enrichment.events.merge import Draft, merge
from enrichment.events.segments import segment
from enrichment.types import DateExpr, Enrichment, Entity, EntityType, Event, Mention, Names
from tests.unit.merge_reference import reference_merge

# ---------------------------------------------------------------- actors and mention overlap


def flatten(entities: tuple[Entity, ...]) -> list[EntityMention]:
    """The mentions as the stage listed them before MentionIndex: one object each, by start."""
    mentions = [EntityMention(e, m.start, m.end) for e in entities for m in e.mentions]
    mentions.sort(key=lambda mention: mention.start)
    return mentions


def overlaps_mention(start: int, end: int, mentions: list[EntityMention]) -> bool:
    """The overlap test MentionIndex.overlaps replaced (mentions sorted by start, spans short)."""
    index = bisect.bisect_left(mentions, end, key=lambda mention: mention.start)
    return any(m.end > start for m in mentions[max(0, index - 8) : index])


def _actors_reference(
    trigger: TriggerMention, mentions: list[EntityMention], text: str, lo: int, hi: int
) -> tuple[str | None, str | None]:
    """The per-mention-object version of `actors`."""
    source = target = fallback_target = None
    for mention in [m for m in mentions if lo <= m.start < hi]:
        if not _is_actor(mention.entity):
            continue
        if mention.end <= trigger.start:
            compound = mention.end < len(text) and text[mention.end] == "-"
            sponsor = text[max(0, mention.start - 14) : mention.start].endswith(_SPONSOR_CUES)
            between = text[mention.end : trigger.start]
            same_clause = len(between) <= _SOURCE_REACH and not any(p in between for p in ",،;:")
            if same_clause and not (_written_as_place(text, mention.start, mention.end) or compound or sponsor):
                source = mention.entity.id
        elif mention.start >= trigger.end and target is None:
            before = text[max(0, mention.start - 14) : mention.start].lower()
            if any(cue in before for cue in _TARGET_CUES):
                target = mention.entity.id
            elif fallback_target is None and mention.entity.subtype in _ARMED_SUBTYPES:
                fallback_target = mention.entity.id
    target = target or fallback_target
    return source, (target if target != source else None)


_WORDS = [
    "Army", "rebels", "attacked", "on", "against", "in", "near", "backed by", "loyal to", "U.S.-led", "Iraq's",
    "police", ",", ";", ".", "الجيش", "على", "ضد", "في", "بغداد", "مدعومة من", "قصف", "x" * 30, "\n",
]  # fmt: skip
_TYPES: st.SearchStrategy[EntityType] = st.sampled_from(["PERSON", "ORG", "LOCATION", "MISC"])
_SUBTYPES = st.sampled_from([None, "country", "city", "armed_group", "military", "militia"])


@st.composite
def _documents(draw: st.DrawFn) -> tuple[str, tuple[Entity, ...], list[tuple[int, int]]]:
    text = " ".join(draw(st.lists(st.sampled_from(_WORDS), min_size=3, max_size=40)))
    size = len(text)
    spans = draw(st.lists(st.tuples(st.integers(0, size - 1), st.integers(1, 12)), max_size=14))
    entities = []
    for number, group in enumerate([spans[i : i + 3] for i in range(0, len(spans), 3)]):
        mentions = tuple(Mention(s, min(size, s + n), text[s : min(size, s + n)]) for s, n in group)
        entity = Entity(f"e{number}", draw(_TYPES), "n", Names(), None, 0.5, mentions, draw(_SUBTYPES))
        entities.append(entity)
    triggers = draw(st.lists(st.tuples(st.integers(0, size - 1), st.integers(1, 8)), min_size=1, max_size=5))
    return text, tuple(entities), [(s, min(size, s + n)) for s, n in triggers]


@settings(max_examples=300, deadline=None)
@given(_documents())
def test_actors_and_overlaps_equal_the_per_mention_reference(
    document: tuple[str, tuple[Entity, ...], list[tuple[int, int]]],
) -> None:
    text, entities, trigger_spans = document
    segments = segment(text)
    mentions = flatten(entities)
    index = MentionIndex(entities, text)
    assert [(m.start, m.end, m.entity) for m in mentions] == [
        (index.starts[i], index.ends[i], index.entities[i]) for i in range(len(index))
    ]
    entry = load_lexicon().entries["protest"]
    for start, end in trigger_spans:
        assert index.overlaps(start, end) == overlaps_mention(start, end, mentions)
        sentence = segments.sentence_of(start)
        trigger = TriggerMention(entry, entry.coding, start, end, sentence, segments.paragraph_of(start))
        lo, hi = segments.sentence_span(sentence)
        assert actors(trigger, index, segments) == _actors_reference(trigger, mentions, text, lo, hi)


# ---------------------------------------------------------------- refinement rules by trigger

_CUE_NAMES = sorted({c for rule in load_lexicon().refinements for c in (*rule.need, *rule.unless)})


def _refine_reference(entry: TriggerEntry, cues: set[str], side: set[str], rules: tuple[Refinement, ...]) -> Any:
    """`_refine` before its set tests: each cue group of a rule looked up in turn."""
    for rule in rules:
        if entry.id not in rule.when:
            continue
        if all(c in (side if ":" in c else cues) for c in rule.need) and not any(
            c in (side if ":" in c else cues) for c in rule.unless
        ):
            return rule.coding
    return entry.coding


@settings(max_examples=300, deadline=None)
@given(st.sets(st.sampled_from(_CUE_NAMES)), st.sets(st.sampled_from(_CUE_NAMES)))
def test_rules_by_trigger_choose_what_every_rule_in_turn_chooses(cues: set[str], side: set[str]) -> None:
    lexicon = load_lexicon()
    for entry in lexicon.entries.values():
        fast = _refine(entry, cues, side, lexicon.rules_by_trigger.get(entry.id, ()))
        assert fast == _refine(entry, cues, side, lexicon.refinements)
        assert fast == _refine_reference(entry, cues, side, lexicon.refinements)


_SOME_CUES = st.sampled_from(["a", "b", "c", "target:a", "source:b", "target:c"])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.lists(_SOME_CUES, max_size=3), st.lists(_SOME_CUES, max_size=3)), max_size=4),
    st.sets(_SOME_CUES),
    st.sets(_SOME_CUES),
)
def test_refinement_set_tests_equal_the_per_cue_reference(
    rules: list[tuple[list[str], list[str]]], cues: set[str], side: set[str]
) -> None:
    entry = load_lexicon().entries[next(iter(load_lexicon().entries))]
    refinements = tuple(
        Refinement(frozenset({entry.id}), tuple(need), tuple(unless), Coding(f"T{i}", None, None, None))
        for i, (need, unless) in enumerate(rules)
    )
    assert _refine(entry, cues, side, refinements) == _refine_reference(entry, cues, side, refinements)


# ---------------------------------------------------------------- denial / hypothetical cues before a trigger

_CUE_PIECES = st.sampled_from(
    [" ", "  ", ".", ",", "\n", "_", "x", "'", "-", "denied", "not", "may be", "no", "to prevent", "didn't", "if",
     "attack", "1", "notable", "unless", "Not"]
)  # fmt: skip
# Clitics before cues, cues inside words and a cue that is a clitic plus another cue ("بتهمه" = "ب" + "تهمه").
_ARABIC_PIECES = st.sampled_from(
    [
        "و",
        "ل",
        "ب",
        "ال",
        "لا",
        "لم",
        "نفت",
        "من المقرر",
        "قصف",
        "هجوم",
        "وnot",
        "ولا",
        "بتهمه",
        "تهمه",
        "فلا",
        "لو",
        "في حال",
    ]
)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(_CUE_PIECES | _ARABIC_PIECES, max_size=30).map("".join) | st.lists(_CUE_PIECES, max_size=30).map("".join),
    st.data(),
)
def test_blocker_words_from_the_shared_walk_decide_as_the_automaton_does(text: str, data: st.DataObject) -> None:
    """`blocked` decides a document's trigger starts at once, as the regexes alone would, one start at a time."""
    lexicon = load_lexicon()
    assert lexicon.blocker_scanner is not None
    cue_words = cue_words_of(lexicon.blocker_scanner.spans(text))
    starts = data.draw(st.lists(st.integers(0, len(text)), max_size=8))
    expected = [_blocked_by_the_regexes_alone(start, text) for start in starts]
    if text.isascii():  # detection passes the scanner's hits for ASCII texts only
        assert blocked(starts, text, lexicon, cue_words) == expected
    assert blocked(starts, text, lexicon) == expected


def test_the_three_event_scanners_find_what_one_scanner_of_all_their_words_finds() -> None:
    """Detection reads trigger, cue and modifier hits from three members of the shared walk (no dispatch per hit)."""
    lexicon = load_lexicon()
    scanners = (lexicon.scanner, lexicon.cue_scanner, lexicon.modifier_scanner)
    one = AnchorScanner(
        [(word, kind) for scanner in scanners for word, (kinds, _, _) in scanner._words.items() for kind in kinds]
    )
    texts = [
        "Gunmen attacked a police post near Mosul on Monday, killing three; protesters marched in Basra.",
        "Hundreds rallied after the clashes and were not arrested.",
        "تظاهر مئات الطلاب في بغداد، وقتل ثلاثة في هجوم مسلح والاشتباكات مستمرة",
        "Re-attacks: counter-protests; the bombers' bombing (airstrikes) — attack",
    ]
    for text in texts:
        split = sorted(hit for scanner in scanners for hit in scanner.spans(text, 0, len(text)))
        assert split
        assert split == sorted(one.spans(text, 0, len(text)))
        assert {lexicon.names[kind] for kind, _, _ in split} <= {*lexicon.entries, "support", "crowd", *_cue_names()}


def _cue_names() -> set[str]:
    lexicon = load_lexicon()
    return {lexicon.names[kind] for kind in lexicon.names if kind.startswith("c:")}


def _blocked_by_the_regexes_alone(start: int, text: str) -> bool:
    lexicon = load_lexicon()
    for pattern, window in ((lexicon.denial, lexicon.modifier_window), (lexicon.hypothetical, 35)):
        for cue in pattern.finditer(text, max(0, start - window), start):
            if not any(p in text[cue.end() : start] for p in ".;:!?؟\n"):
                return True
    return False


# ---------------------------------------------------------------- Enrichment updates


@given(st.sampled_from([f.name for f in dataclasses.fields(Enrichment)]), st.text(max_size=5))
def test_updated_equals_dataclasses_replace(name: str, value: str) -> None:
    acc = Enrichment(language="ar", story_id="s", dates=(DateExpr("x", 0, 1, "2021", "year"),))
    changes: dict[str, Any] = {name: value}
    assert updated(acc, **changes) == dataclasses.replace(acc, **changes)
    assert updated(acc, duplicate_of="a", story_id="b") == dataclasses.replace(acc, duplicate_of="a", story_id="b")


def test_updated_rejects_unknown_fields() -> None:
    try:
        updated(Enrichment(), colour="red")
    except TypeError:
        return
    raise AssertionError("an unknown field must raise TypeError, as dataclasses.replace does")


# ---------------------------------------------------------------- de-duplication folding and hashing

_MARKS = re.compile("[\u064b-\u0652\u0670\u0640]+")
_TEXT = st.text(
    st.sampled_from(list("abc AB\n\tأإآىةاهي\u064b\u064e\u0651\u0652\u0670\u0640 .,ـ"))
    | st.characters(exclude_categories=["Cs"]),
    max_size=300,
)


def _words_reference(text: str) -> list[str]:
    folded = text.casefold()
    if not folded.isascii():
        for spelling, common in dedup._SPELLINGS:
            folded = folded.replace(spelling, common)
        folded = _MARKS.sub("", folded)
    return folded.split()


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_dedup_folding_and_hashes_equal_the_reference(text: str) -> None:
    folded = dedup.words(text)
    assert folded == _words_reference(text)
    hashed = dedup.shingles(text)
    if folded:
        from_joined = dedup._shingles_of_encoded(" ".join(folded).encode().split(b" "))
        assert from_joined.tolist() == hashed.tolist()
        sig = dedup.signature(hashed)
        reference = [
            bytes([band]) + sig[band * dedup.ROWS : (band + 1) * dedup.ROWS].tobytes() for band in range(dedup.BANDS)
        ]
        assert dedup._band_keys(sig) == reference
    assert dedup.fingerprint(text) == dedup._fingerprint_of(" ".join(folded).encode())


_SPACED = st.text(st.sampled_from(list("ab اه\n\t\r\x0b\x0c\x1c\x1f\x85\xa0\u2003\u2028\u3000\u200b.")), max_size=60)


@settings(max_examples=400, deadline=None)
@given(_SPACED | _TEXT)
def test_encoded_words_equal_words_then_encode(text: str) -> None:
    """The bytes path (taken when no Unicode-only white space occurs) splits exactly as str.split() does."""
    folded = dedup.words(text)
    encoded, joined = dedup._encoded_words(text)
    assert encoded == [word.encode() for word in folded]
    assert joined == " ".join(folded).encode()


def test_the_unicode_only_white_space_class_is_complete() -> None:
    import sys

    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if char.isspace():
            assert char in dedup._BYTES_SPACE or dedup._STR_ONLY_SPACE.match(char), hex(code)


def test_a_diacritised_copy_is_found_by_the_index() -> None:
    index = dedup.DuplicateIndex()
    plain = "قال الوزير إن الحكومة ستعقد اجتماعا طارئا يوم الأحد لبحث الأزمة الاقتصادية في البلاد"
    marked = "قَالَ الوَزِيرُ إنّ الحكومـة ستعقد اجتماعاً طارئاً يوم الأحد لبحث الأزمة الاقتصادية في البلاد"
    first = index.check("plain", plain)
    assert index.check("marked", marked).duplicate_of == "plain" and first.duplicate_of is None
    assert np.array_equal(dedup.shingles(plain), dedup.shingles(marked))


# ---------------------------------------------------------------- merging drafts in place


@st.composite
def _drafts(draw: st.DrawFn) -> list[Draft]:
    drafts = []
    for start in draw(st.lists(st.integers(0, 400), max_size=12)):
        kind = draw(st.sampled_from([("ASSAULT", "x"), ("PROTEST", None), ("AGREE", None)]))
        location = draw(st.sampled_from([None, "baghdad", "mosul", "iraq", "syria"]))
        source = draw(st.sampled_from(["published", "sentence", "paragraph"]))
        drafts.append(
            Draft(
                key=kind,
                generic=draw(st.booleans()),
                quad_class=1 if kind[0] == "AGREE" else 4,
                type=kind[0],
                mode=kind[1],
                acled_type=None,
                acled_subtype=kind[1],
                source=draw(st.sampled_from([None, "a", "b"])),
                target=draw(st.sampled_from([None, "a", "c"])),
                location=location,
                location_rank=-1 if location is None else draw(st.integers(0, 5)),
                country=draw(st.sampled_from([None, "", "IQ", "SY"])),
                lat=draw(st.sampled_from([None, 1.5])),
                lon=draw(st.sampled_from([None, 2.5])),
                date=draw(st.sampled_from([None, "2021-03-01", "2021-03-02"])),
                date_source=source,
                fatalities=draw(st.sampled_from([None, 0, 3, 7])),
                start=start,
                end=start + 5,
                confidence=draw(st.sampled_from([0.5, 0.9, 0.985])),
            )
        )
    return drafts


@settings(max_examples=400, deadline=None)
@given(_drafts())
def test_merging_in_place_equals_building_a_new_draft_per_merge(drafts: list[Draft]) -> None:
    expected = reference_merge([dataclasses.replace(d) for d in drafts])
    assert merge([dataclasses.replace(d) for d in drafts]) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab A.?!\n\t؟ب"(')), max_size=80))
def test_every_paragraph_starts_a_sentence(text: str) -> None:
    """Detection takes a sentence's paragraph once, at the sentence start: no paragraph may begin inside one."""
    segments = segment(text)
    assert set(segments.paragraph_starts) <= set(segments.sentence_starts)
    for offset in range(len(text)):
        lo, _ = segments.sentence_span(segments.sentence_of(offset))
        assert segments.paragraph_of(offset) == segments.paragraph_of(lo)


def test_the_positional_draft_and_event_constructors_follow_the_field_order() -> None:
    """stage._draft and extract_events build Draft and Event positionally (keywords cost ~1.4 us a draft):
    a reordered or renamed field must fail here, not shift values silently (lat/lon, source/target share types)."""
    assert [f.name for f in dataclasses.fields(Draft)] == [
        *("key", "generic", "quad_class", "type", "mode", "acled_type", "acled_subtype", "source", "target"),
        *("location", "location_rank", "country", "lat", "lon", "date", "date_source", "fatalities", "start", "end"),
        *("confidence", "mentions"),
    ]
    assert [f.name for f in dataclasses.fields(Event)] == [
        *("id", "type", "mode", "quad_class", "acled_type", "acled_subtype", "source_actor", "target_actor"),
        *("location", "country_code", "lat", "lon", "date", "fatalities", "trigger", "confidence"),
    ]
