"""The "entities" stage: find, merge, cluster, link and rank the entities of a document.

Knowledge-base matches come first (enrichment.gazetteer); the statistical tagger
(enrichment.ner.tagger, optional) and contextual rules (enrichment.entity_rules)
add what the KB does not know. Mentions are clustered within the document and
given the KB id or a stable "akhbar:unk:<TYPE>:<hash>" id (enrichment.entity_linking).
"""

from __future__ import annotations

import logging
import re
import threading
from bisect import bisect_right
from pathlib import Path
from typing import Any, Protocol

from enrichment._span_loops import new_candidates
from enrichment.enrichment_update import updated
from enrichment.entity_linking import build_entities, places_of
from enrichment.entity_rules import AR_NAMES_WITH_WAW, rule_spans
from enrichment.entity_spans import SpanCandidate, merge_spans
from enrichment.gazetteer import Gazetteer, Match, load_gazetteer
from enrichment.kb_readings import ambiguous_ok, kb_candidates
from enrichment.types import Document, Enrichment, Entity

log = logging.getLogger(__name__)

_ARABIC_RE = re.compile(r"[\u0600-\u06FF]")
_LATIN_RE = re.compile(r"[A-Za-z]")
# A title, then at most one word (a first name or a nisba: "الرئيس الأمريكي بايدن"), then the surname.
_TITLE_BEFORE_RE = re.compile(
    r"(?:President|Secretary|Minister|spokesman|spokeswoman|Spokesman|Mr\.|Mrs\.|Ms\.|Senator|General|Gen\.|"
    r"الرئيس|وزير|باسم|السيد|السيدة|الأمير|الملك|الشيخ|نائب)[\s,،(]+(?:[^\s.,،]+\s+)?$"
)
_TAGGER_MAX_CHARS = 200_000
_NONE_KNOWN: set[tuple[int, int, str]] = set()  # no rule span repeats a known one (new_candidates' filter)


class SpanTagger(Protocol):
    def tag(self, text: str) -> list[tuple[int, int, str]]: ...


_TAGGERS: dict[str, SpanTagger | None] = {}
_TAGGER_LOCK = threading.Lock()


def load_statistical_tagger(language: str) -> SpanTagger | None:
    """The project's trained tagger for `language`, or None when it is not available."""
    with _TAGGER_LOCK:
        if language in _TAGGERS:
            return _TAGGERS[language]
        tagger: SpanTagger | None = None
        try:
            from enrichment.ner import tagger as tagger_module

            loaded: Any = tagger_module.load_tagger(language)
            tagger = loaded
        except Exception:  # absent or broken model: the KB layer still works
            log.warning("statistical tagger for %s unavailable", language, exc_info=True)
            tagger = None
        _TAGGERS[language] = tagger
        return tagger


def detect_language(doc: Document) -> str:
    if doc.language in ("ar", "en"):
        return doc.language
    sample = doc.text[:4000]
    arabic = len(_ARABIC_RE.findall(sample))
    latin = len(_LATIN_RE.findall(sample))
    return "ar" if arabic > latin else "en"


class EntityStage:
    """Stage "entities": fills Enrichment.entities (by salience) and Enrichment.places."""

    name = "entities"

    def __init__(self, statistical: bool = True, kb_path: Path | None = None) -> None:
        self.statistical = statistical
        self._kb_path = kb_path
        self._gazetteer: Gazetteer | None = None

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = load_gazetteer(self._kb_path)
        return self._gazetteer

    def __call__(self, doc: Document, acc: Enrichment) -> Enrichment:
        try:
            entities = self.find(doc)
        except Exception:  # the engine never raises on content; log and go on without entities
            log.exception("entity stage failed on %s", doc.id)
            return acc
        gazetteer = self.gazetteer
        return updated(acc, entities=entities, places=places_of(entities, gazetteer.kb))

    def find(self, doc: Document) -> tuple[Entity, ...]:
        text = doc.text
        if not text.strip():
            return ()
        language = detect_language(doc)
        arabic = language == "ar"
        gazetteer = self.gazetteer
        matches, cues = gazetteer.scan(text)
        kb_spans = _accept_kb(text, kb_candidates(text, matches, gazetteer, arabic), gazetteer)
        others = new_candidates(rule_spans(text, cues), _NONE_KNOWN, "rule")
        if self.statistical and len(text) <= _TAGGER_MAX_CHARS:
            tagged = self._tagged(text, language)
            if tagged and arabic:
                others = _confirmed_by_tagger(others, tagged, kb_spans)
            others.extend(_new_to_kb(tagged, kb_spans))
        merged = [s for s in merge_spans(kb_spans, others, text, gazetteer) if s.source != "weak"]
        return build_entities(doc, _with_surname_mentions(text, merged), gazetteer)

    def _tagged(self, text: str, language: str) -> list[tuple[int, int, str]]:
        """The tagger's (start, end, type) spans that lie in `text`, of the types the stage keeps."""
        tagger = load_statistical_tagger(language)
        if tagger is None:
            return []
        try:
            spans = tagger.tag(text)
        except Exception:
            log.exception("tagger failed")
            return []
        size = len(text)
        return [
            (_past_conjunction(text, start, end) if kind == "PERSON" and text[start] == "و" else start, end, kind)
            for start, end, kind in spans
            if 0 <= start < end <= size and kind in _TAGGED_TYPES
        ]


_TAGGED_TYPES = frozenset({"PERSON", "ORG", "LOCATION", "MISC"})


_WAW_NAMES = AR_NAMES_WITH_WAW | {"واشنطن", "وارسو"}  # and places that begin with و


def _past_conjunction(text: str, start: int, end: int) -> int:
    """A PERSON span the tagger began on an attached و ("ومايكل") starts after it: mentions exclude clitics."""
    if text[start] != "و" or end - start < 5:
        return start
    token_end = start
    while token_end < end and not text[token_end].isspace():
        token_end += 1
    token = text[start:token_end]
    return start if token in _WAW_NAMES or token_end - start < 5 else start + 1


def _confirmed_by_tagger(
    rules: list[SpanCandidate], tagged: list[tuple[int, int, str]], kb: list[SpanCandidate]
) -> list[SpanCandidate]:
    """Arabic title-rule PERSON spans (no capitals to go by) need the tagger or a KB person to agree."""
    people = [(start, end) for start, end, kind in tagged if kind == "PERSON"]
    people += [(k.start, k.end) for k in kb if k.type == "PERSON"]
    return [r for r in rules if r.type != "PERSON" or any(start < r.end and r.start < end for start, end in people)]


def _new_to_kb(tagged: list[tuple[int, int, str]], kb: list[SpanCandidate]) -> list[SpanCandidate]:
    """The tagger's spans as candidates, less those repeating a KB span of the same type (a third in English).

    merge_spans would drop each of those: the KB span holds its place, or a longer span that replaced
    it and so contains it (a span of the very same range replaces a KB span only of another type).
    """
    return new_candidates(tagged, {(span.start, span.end, span.type) for span in kb}, "tagger")


def _accept_kb(text: str, spans: list[SpanCandidate], gazetteer: Gazetteer) -> list[SpanCandidate]:
    """Keep ambiguous and surname-only KB matches only with supporting context."""
    uncurated = gazetteer.uncurated_places  # the only entries _looks_like_surname can accept
    sure: set[int | None] = set()  # entries matched at least once neither weak nor ambiguous
    sure_by_name: set[int | None] = set()  # uncurated entries matched at least once by a strong several-word name
    weak_counts: dict[int | None, int] = {}
    for span in spans:
        entry = span.entry
        if span.weak:
            weak_counts[entry] = weak_counts.get(entry, 0) + 1
            continue
        if not span.ambiguous:
            sure.add(entry)
        if entry in uncurated and " " in text[span.start : span.end]:
            sure_by_name.add(entry)
    accepted_weak: set[int | None] = set()
    if weak_counts:
        for span in spans:
            if not span.weak:
                continue
            repeated = weak_counts[span.entry] >= 2 and _ARABIC_RE.search(text, span.start, span.end) is None
            if (
                span.entry in sure
                or repeated
                or _TITLE_BEFORE_RE.search(text, max(0, span.start - 60), span.start) is not None
            ):
                accepted_weak.add(span.entry)
    kept: list[SpanCandidate] = []
    for span in spans:
        entry = span.entry
        if span.weak and entry not in accepted_weak:
            span.source = "weak"  # may still name the person inside a longer PERSON span
        if span.ambiguous and entry not in sure:
            arabic = _ARABIC_RE.search(text, span.start, span.end) is not None
            probe = Match(span.start, span.end, text[span.start : span.end], "", ())
            if not ambiguous_ok(text, probe, arabic):
                continue
        if entry in uncurated and entry not in sure_by_name and _looks_like_surname(text, span, gazetteer):
            continue
        kept.append(span)
    return kept


_NAME_BEFORE_RE = re.compile(r"\b([A-Z][a-z]+) $")
_NOT_FIRST_NAMES = frozenset(
    {
        "The",
        "In",
        "At",
        "From",
        "To",
        "Of",
        "On",
        "For",
        "And",
        "But",
        "With",
        "By",
        "Near",
        "Into",
        "North",
        "South",
        "East",
        "West",
        "Northern",
        "Southern",
        "Eastern",
        "Western",
        "Central",
        "Greater",
        "Downtown",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "Upper",
        "Lower",
        "New",
        "Old",
    }
)


def _looks_like_surname(text: str, span: SpanCandidate, gazetteer: Gazetteer) -> bool:
    """'Lindsay Davenport', 'Paul Hamm': an uncurated one-word town right after a capitalised first name."""
    # The pattern ends in " $": a space (or a space and the "\n" that $ may stand before) precedes the town.
    if span.entry is None or span.type != "LOCATION" or text[span.start - 1 : span.start] not in (" ", "\n"):
        return False
    entry = gazetteer.entries[span.entry]
    if entry.source != "geonames" or entry.subtype == "capital" or " " in text[span.start : span.end]:
        return False
    before = _NAME_BEFORE_RE.search(text, max(0, span.start - 20), span.start)
    return before is not None and before.group(1) not in _NOT_FIRST_NAMES


def _with_surname_mentions(text: str, spans: list[SpanCandidate]) -> list[SpanCandidate]:
    """Later surname-only mentions of a person named in full ("Zanjabili" after "Karim Zanjabili")."""
    surnames: dict[str, SpanCandidate] = {}
    for span in spans:
        if span.type == "PERSON":
            words = text[span.start : span.end].split()
            if len(words) >= 2 and len(words[-1]) >= 3 and words[-1][0].isalpha():
                surnames.setdefault(words[-1], span)
    if not surnames:
        return spans
    # The spans never overlap (merge_spans): sorted by start they are sorted by end too, and whether a
    # stretch is free is one bisection (marking every span's characters cost more than the searches).
    # Most occurrences are the full name's own: taken by it, they need no bisection, and a document
    # whose surnames occur nowhere else needs no position lists.
    starts: list[int] = []
    ends: list[int] = []
    added: list[SpanCandidate] = []
    size = len(text)
    for surname, person in surnames.items():
        start = text.find(surname)
        while start != -1:
            end = start + len(surname)
            if (start >= person.end or end <= person.start) and (
                (start == 0 or not text[start - 1].isalnum()) and (end == size or not text[end].isalnum())
            ):
                if not ends:
                    starts = sorted([span.start for span in spans])
                    ends = sorted([span.end for span in spans])
                after = bisect_right(ends, start)  # the first span ending after `start`
                if after == len(starts) or starts[after] >= end:
                    added.append(SpanCandidate(start, end, "PERSON", "rule", entry=person.entry))
                    starts.insert(after, start)
                    ends.insert(after, end)
            start = text.find(surname, end)
    return sorted(spans + added, key=lambda s: s.start) if added else spans
