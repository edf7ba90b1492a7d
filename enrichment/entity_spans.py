"""Span candidates from the knowledge base, the tagger and the rules, and how they are merged.

Policy on overlap: a KB match wins, except when a tagger/rule span strictly contains it and
  * the KB match is a surname-only alias of a KB person and the span is a PERSON ending with it
    ("جيمس كيربي" around "كيربي"): the longer span is kept and linked to that person;
  * the KB match is a single token of another type ("Lloyd Austin" around the city "Austin"):
    the longer span is kept as an entity of its own type.
Crossing spans lose against KB matches. Demonyms ("Iraqi", "العراقية") are never entities.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from operator import gt

from enrichment.gazetteer import AMBIGUOUS, WEAK, Gazetteer, Match
from enrichment.kb.loader import KBEntry


@dataclass(slots=True)
class SpanCandidate:
    start: int
    end: int
    type: str
    source: str  # "kb", "tagger" or "rule"
    entry: int | None = None  # index into the KB entries when linked
    weak: bool = False
    ambiguous: bool = False


_EN_DEMONYM_RE = re.compile(r"^[A-Z][a-z]+(?:i|an|ian|ese|ish|ic|ean|ch|ite)s?$")
_AR_NISBA_RE = re.compile(r"^[وفبلك]?(?:ال)?[\u0621-\u064A]{2,}(?:ي|ية|يه|يون|يين|يان|يتين)$")
# "Iran-backed", "Britain-based", "U.S.-led": adjectives, whose head the KB may still match.
_COMPOUND_ADJECTIVE_RE = re.compile(r"-[a-z]+$")
_EN_LOC_CUES = frozenset({"in", "to", "from", "at", "near", "of", "across", "into", "outside", "around"})
_AR_LOC_CUES = frozenset(
    [
        "في",
        "من",
        "إلى",
        "الى",
        "مدينة",
        "محافظة",
        "بلدة",
        "منطقة",
        "قرب",
        "شرق",
        "غرب",
        "شمال",
        "جنوب",
        "ريف",
        "معبر",
        "عاصمة",
        "حي",
        "قضاء",
        "ولاية",
        "إقليم",
        "نحو",
    ]
)
_AR_REGION_CUES = frozenset(["ريف", "محافظة", "محافظه", "ولاية", "ولايه", "إقليم", "اقليم", "منطقة"])
_EN_REGION_CUES = frozenset(["province", "governorate", "region", "state"])
_SENTENCE_END = frozenset(".!?؟\n")


_REGION_SUBTYPES = frozenset(
    {"governorate", "province", "region", "state", "district", "emirate", "federal_member_state", "municipality"}
)
_SETTLEMENT_SUBTYPES = frozenset({"capital", "city", "town", "village"})


def entry_score(entry: KBEntry, flags: int, countries: set[str]) -> float:
    """Prior for choosing one KB entry among the readings of an alias.

    Countries first, then curated organisations and people, then settlements
    (news means the city when a city and its province share a name, unless the
    alias itself says "province"), then regions, then by population.
    """
    score = 0.0 if flags & WEAK else 100.0
    if entry.is_country:
        score += 50.0
    elif entry.type in ("ORG", "PERSON", "MISC"):
        score += 40.0
    elif entry.subtype in _SETTLEMENT_SUBTYPES:
        score += 34.0 + (4.0 if entry.subtype == "capital" else 0.0) + min(entry.population, 30_000_000) / 1e7
    elif entry.subtype in _REGION_SUBTYPES:
        score += 30.0
    else:
        score += 32.0
    if entry.country and entry.country in countries and not entry.is_country:
        score += 25.0
    return score


def _previous_word(text: str, start: int) -> str:
    window = text[max(0, start - 30) : start].rstrip()
    parts = window.split()
    return parts[-1] if parts else ""


def _sentence_initial(text: str, start: int) -> bool:
    window = text[max(0, start - 5) : start].rstrip(" \t\"'“‘(")
    return not window or window[-1] in _SENTENCE_END


def ambiguous_ok(text: str, match: Match, arabic: bool) -> bool:
    """Context that makes a common-word alias name the place (or organisation)."""
    previous = _previous_word(text, match.start)
    if arabic:
        bare = previous.lstrip("وف")
        return previous in _AR_LOC_CUES or bare in _AR_LOC_CUES
    if _sentence_initial(text, match.start):
        return False
    following = text[match.end : match.end + 20].split()
    next_word = following[0] if following else ""
    if previous[:1].isupper() and previous.rstrip(".,") not in _EN_LOC_CUES:
        return False
    return not next_word[:1].isupper()


def _region_cue(text: str, match: Match) -> bool:
    """'ريف دير الزور', 'محافظة أربيل', 'Deir ez-Zor province': the province, not the city."""
    previous = _previous_word(text, match.start).lstrip("وفب")
    following = text[match.end : match.end + 16].split()
    return previous in _AR_REGION_CUES or (bool(following) and following[0].lower() in _EN_REGION_CUES)


def _has_region_reading(match: Match, gazetteer: Gazetteer) -> bool:
    return _region_reading(match.candidates, gazetteer)


@lru_cache(maxsize=65536)
def _region_reading(candidates: tuple[tuple[int, int], ...], gazetteer: Gazetteer) -> bool:
    """Whether a reading of the alias is a region (remembered per candidate tuple: the KB is fixed)."""
    entries = gazetteer.entries
    return any(entries[i].subtype in _REGION_SUBTYPES for i, _ in candidates)


def kb_candidates(text: str, matches: list[Match], gazetteer: Gazetteer, arabic: bool) -> list[SpanCandidate]:
    """Choose one KB reading per alias match, using the countries the document names.

    One sense per discourse for city/province homonyms: if any occurrence of the alias
    is cued as a province, every occurrence in the document takes the province reading.
    """
    entries = gazetteer.entries
    countries: set[str] = set()
    several: list[Match] = []  # matches with several readings
    for match in matches:
        candidates = match.candidates
        if len(candidates) > 1:
            several.append(match)
        elif not candidates[0][1] & (WEAK | AMBIGUOUS):
            countries.add(entries[candidates[0][0]].country or "")
    region_keys = {m.key for m in several if _has_region_reading(m, gazetteer) and _region_cue(text, m)}
    out: list[SpanCandidate] = []
    for start, end, _, key, candidates in matches:
        if len(candidates) == 1:
            index, flags = candidates[0]
        else:
            index, flags = _memoised_reading(candidates, gazetteer, countries, key in region_keys)
        # Weak (needing context) when no reading is strong: the chosen one is weak only if all are.
        out.append(
            SpanCandidate(start, end, entries[index].type, "kb", index, bool(flags & WEAK), bool(flags & AMBIGUOUS))
        )
    return out


def _memoised_reading(
    candidates: tuple[tuple[int, int], ...], gazetteer: Gazetteer, countries: set[str], region: bool
) -> tuple[int, int]:
    """_reading, remembered across documents (scoring the readings is most of kb_candidates' time).

    The document counts only through the region cue and which candidates' countries it names (the
    +25 of entry_score): with the candidates, that is the memo key.
    """
    entries = gazetteer.entries
    return _reading_when_named(
        candidates, gazetteer, tuple([entries[index].country in countries for index, _ in candidates]), region
    )


@lru_cache(maxsize=65536)
def _reading_when_named(
    candidates: tuple[tuple[int, int], ...], gazetteer: Gazetteer, named: tuple[bool, ...], region: bool
) -> tuple[int, int]:
    """_reading when the document names the countries of the candidates flagged in `named` (and no others
    of theirs: entry_score reads `countries` only for the candidates' own countries)."""
    entries = gazetteer.entries
    countries = {entries[index].country or "" for (index, _), yes in zip(candidates, named, strict=True) if yes}
    return _reading(candidates, entries, countries, region)


def _reading(
    candidates: tuple[tuple[int, int], ...], entries: tuple[KBEntry, ...], countries: set[str], region: bool
) -> tuple[int, int]:
    """The (entry index, flags) an alias with several readings takes: strong ones first, then by score."""
    strong = [c for c in candidates if not c[1] & WEAK]
    pool = strong or list(candidates)
    if region:
        pool = [c for c in pool if entries[c[0]].subtype in _REGION_SUBTYPES] or pool
    return max(pool, key=lambda c: (entry_score(entries[c[0]], c[1], countries), -c[0]))


def is_demonym(surface: str) -> bool:
    """A one-word nationality adjective ("Iraqi", "العراقية").

    Neither pattern admits a space, so a match is one word already (no split needed).
    """
    return _EN_DEMONYM_RE.match(surface) is not None or _AR_NISBA_RE.match(surface) is not None


def merge_spans(
    kb: list[SpanCandidate], others: list[SpanCandidate], text: str, gazetteer: Gazetteer
) -> list[SpanCandidate]:
    """Apply the overlap policy in the module docstring; returns non-overlapping spans.

    The kept spans never overlap, so sorted by start they are sorted by end too and the spans a
    candidate overlaps are one slice found by bisection (tagger output has ~60 spans per article).
    """
    kept = list(kb)
    starts = [k.start for k in kept]
    ends = [k.end for k in kept]
    if any(map(gt, ends, starts[1:])):  # the gazetteer's matches are sorted and disjoint; other input is not
        return _merge_overlapping(kb, others, text, gazetteer)
    for span in sorted(others, key=_longest_first):
        start, end = span.start, span.end
        if end <= start:
            continue
        first = bisect_right(ends, start)  # the first kept span ending after `start`
        last = bisect_left(starts, end, first)  # the first kept span starting at or after `end`
        # Half the tagger's spans are KB matches again: the overlap test comes before the (dearer) surface tests.
        if first != last and not _replaces(span, kept[first:last], text, gazetteer):
            continue
        surface = text[start:end]
        if is_demonym(surface) or _COMPOUND_ADJECTIVE_RE.search(surface):
            continue
        kept[first:last] = [span]
        starts[first:last] = [start]
        ends[first:last] = [end]
    return kept


def _replaces(span: SpanCandidate, overlapping: list[SpanCandidate], text: str, gazetteer: Gazetteer) -> bool:
    """Whether `span` takes the place of the kept KB spans it overlaps (the policy's exceptions).

    May link `span` (see _absorbs) when it does; callers drop `span` otherwise.
    """
    if len(overlapping) == 1:  # the common case, written out
        only = overlapping[0]
        if only.source not in ("kb", "weak") or only.start < span.start or span.end < only.end:
            return False
        if only.start == span.start and only.end == span.end:
            return only.ambiguous and only.type != span.type
        return _absorbs(span, overlapping, text, gazetteer)
    if any(k.source not in ("kb", "weak") for k in overlapping):
        return False
    contains = all(span.start <= k.start and k.end <= span.end for k in overlapping)
    strictly = contains and all((k.start, k.end) != (span.start, span.end) for k in overlapping)
    return strictly and _absorbs(span, overlapping, text, gazetteer)


def _merge_overlapping(
    kb: list[SpanCandidate], others: list[SpanCandidate], text: str, gazetteer: Gazetteer
) -> list[SpanCandidate]:
    """merge_spans for KB spans that overlap one another (never from the gazetteer): a linear scan."""
    kept = list(kb)
    for span in sorted(others, key=_longest_first):
        surface = text[span.start : span.end]
        if span.end <= span.start or is_demonym(surface) or _COMPOUND_ADJECTIVE_RE.search(surface):
            continue
        overlapping = [k for k in kept if k.start < span.end and span.start < k.end]
        if not overlapping:
            kept.append(span)
        elif _replaces(span, overlapping, text, gazetteer):
            for k in overlapping:
                kept.remove(k)
            kept.append(span)
    kept.sort(key=_start)
    return kept


def _start(span: SpanCandidate) -> int:
    return span.start


def _longest_first(span: SpanCandidate) -> tuple[int, int]:
    return (span.start - span.end, span.start)


def _absorbs(span: SpanCandidate, inside: list[SpanCandidate], text: str, gazetteer: Gazetteer) -> bool:
    if span.type == "PERSON" and len(inside) == 1 and inside[0].type == "PERSON" and inside[0].end == span.end:
        span.entry = inside[0].entry
        span.weak = False
        return True
    if span.type == "ORG" and len(inside) == 1 and inside[0].entry is not None:
        country = gazetteer.entries[inside[0].entry]
        if country.is_country and country.country:
            rest = text[span.start : inside[0].start] + " " + text[inside[0].end : span.end]
            scoped = gazetteer.scoped_entry(country.country, rest)
            if scoped is not None:
                span.entry = scoped
                span.source = "kb"
                return True
    return all(k.type != span.type and " " not in text[k.start : k.end].strip() for k in inside)
