"""Which KB entry an alias match names: one reading per match, chosen with the document's context.

An alias may name several entries (a city and its province, two towns); the document's countries,
a province cue ("محافظة أربيل", "Deir ez-Zor province") and a prior over entry kinds choose one
(`kb_candidates`). Aliases that are also common words need a cue of place before them (`ambiguous_ok`).
"""

from __future__ import annotations

from functools import lru_cache

from enrichment._span_loops import kb_spans
from enrichment.entity_spans import SpanCandidate
from enrichment.gazetteer import ACRONYM, AMBIGUOUS, WEAK, Gazetteer, Match
from enrichment.kb.loader import KBEntry

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
    countries: set[str] = set()  # the countries of the matches with one reading, neither weak nor ambiguous
    several: list[Match] = []  # the matches with several readings
    for match in matches:
        candidates = match[4]
        if len(candidates) == 1:
            if not candidates[0][1] & _CONTEXTUAL:
                countries.add(entries[candidates[0][0]].country or "")
        elif candidates:
            several.append(match)
    region_keys = {m.key for m in several if _has_region_reading(m, gazetteer) and _region_cue(text, m)}
    # Weak (needing context) when no reading is strong: the chosen one is weak only if all are. The loop
    # is compiled (its Python: tests/unit/entity_build_reference.py, reference_kb_spans).
    return kb_spans(matches, entries, _WEAK_AMBIGUOUS, _memoised_reading, gazetteer, countries, region_keys)


_CONTEXTUAL = WEAK | AMBIGUOUS
# (weak, ambiguous) of each value of a candidate's flags.
_WEAK_AMBIGUOUS = tuple(
    (bool(flags & WEAK), bool(flags & AMBIGUOUS)) for flags in range((WEAK | ACRONYM | AMBIGUOUS) + 1)
)


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
