"""Knowledge-base alias matching: one Aho-Corasick pass over normalised text.

Every alias of every KB entry is normalised (enrichment.normalize) and put in a
pyahocorasick automaton. A hit is kept when it sits on token boundaries; in
Arabic the token may carry proclitics (و ف then ب ل ك) and "لل" stands for
ل + ال ("للعراق"). Offsets reported are those of the entity without clitics in
the ORIGINAL text. English single-token aliases are case-sensitive (so "turkey"
the bird is not Turkey) and acronyms must be written in capitals ("US", not
"us"). Overlaps are resolved longest-first; which entry an alias means is left
to the caller's context (see `Match.candidates`). Texts whose normalised form is
ASCII (most English articles) are scanned by a second automaton holding only the
keys without Arabic letters: the same hits, found faster.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

import ahocorasick

from enrichment.alias_hits import ANY_CASE, CAPITALISED, CAPITALS, Cue, Match, resolve
from enrichment.country_scoped import country_scoped_index
from enrichment.fast_records import EntryFields
from enrichment.gazetteer_keys import ACRONYM, AMBIGUOUS, WEAK, is_arabic, key_table
from enrichment.kb.loader import KnowledgeBase, load_kb
from enrichment.normalize import normalize, normalize_mapped
from enrichment.offset_map import run_span

__all__ = ["ACRONYM", "AMBIGUOUS", "WEAK", "Cue", "Gazetteer", "KeyInfo", "Match", "load_gazetteer"]

_ALLOWED_PROCLITICS = frozenset({"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"})
_ARTICLE_PROCLITICS = frozenset({"", "و", "ف"})  # before the "لل" form
_PROCLITIC_LETTERS = frozenset("وفبلك")  # every allowed proclitic ends in one: a cheap test before _clitic_ok
_LETTER_RANK = {letter: rank for rank, letter in enumerate(" etaoinsrhldcumfpgwybvkxjqz0123456789")}


@dataclass(frozen=True, slots=True)
class KeyInfo:
    """What one automaton key stands for (keys are padded with the spaces that bound tokens)."""

    length: int
    arabic: bool
    single_latin: bool
    skip: int  # characters of the key that are a clitic, not the entity ("لل" form)
    candidates: tuple[tuple[int, int], ...]  # (entry index, flags)
    cue: str = ""  # a rule cue ("title", "org") that is not itself an entity


# The value the automatons hold for a key: what scan reads of a hit without further look-ups.
# (key id, start offset, minus the hit's length, glue, is alias, is cue, skip): a hit ending at padded
# index e covers normalised [e + start offset, e - 1); glue is 0 for keys bounded by their own padding
# (Latin keys) and else the distance from e back to the character before the key (an Arabic key's
# boundary or proclitics).
KeyHit = tuple[int, int, int, int, bool, bool, int]


class Gazetteer:
    """Aho-Corasick matcher over all normalised KB aliases (and the rules' cue words)."""

    def __init__(self, kb: KnowledgeBase, cues: dict[str, str] | None = None) -> None:
        self.kb = kb
        self.entries = kb.entries
        self._keys: list[KeyInfo] = []
        self._case_rules: list[int] = []  # per key: ANY_CASE, CAPITALISED or CAPITALS (see _resolve)
        # Per key: the (key without its clitic, candidates) that end every Match of a hit on it.
        self._match_tails: list[tuple[str, tuple[tuple[int, int], ...]]] = []
        self._cue_tails: list[tuple[str, bool]] = []  # per key: the (kind, arabic) that end every Cue of a hit on it
        self._automaton = self._build(cues or {})
        self._latin_automaton = self._latin_only()
        self.scoped = country_scoped_index(self.entries)
        # Per KB entry, the fields of its Entity that no document changes (filled by entity_linking as met).
        self.entity_fields: dict[int, EntryFields] = {}
        # Uncurated GeoNames places other than capitals (their one-word names are often surnames too).
        self.uncurated_places = frozenset(
            index
            for index, entry in enumerate(self.entries)
            if entry.source == "geonames" and entry.subtype != "capital"
        )

    def scoped_entry(self, country: str, generic_text: str) -> int | None:
        """The KB organisation of `country` called `generic_text` there ("Ministry of Defence")."""
        words = normalize(generic_text).split()
        while words and words[0] in ("of", "the"):
            words.pop(0)
        while words and words[-1] in ("of", "the"):
            words.pop()
        return self.scoped.get((country, " ".join(words)))

    def _build(self, cues: dict[str, str]) -> ahocorasick.Automaton:
        automaton = ahocorasick.Automaton()
        table = key_table(self.entries)
        cue_keys = {normalize(word): kind for word, kind in cues.items()}
        for key in sorted(set(table) | set(cue_keys)):
            arabic = is_arabic(key)
            candidates = tuple(sorted(table.get(key, {}).items()))
            cue = cue_keys.get(key, "")
            self._add(automaton, key, arabic, 0, candidates, cue)
            if arabic and key.startswith("ال") and len(key) > 3:
                self._add(automaton, "ل" + key[1:], arabic, 1, candidates, cue)
        automaton.make_automaton()
        return automaton

    def _latin_only(self) -> ahocorasick.Automaton:
        """The keys without Arabic letters, for texts without them (most English articles).

        pyahocorasick finds a node's child by a linear scan: the full automaton's root has a child per
        Arabic letter, scanned for every Latin letter that starts no key; this one's root has one child.
        """
        latin = [(padded, hit) for padded, hit in self._automaton.items() if not self._keys[hit[0]].arabic]
        if not latin:  # an automaton without keys cannot search: the full one finds nothing the same way
            return self._automaton
        automaton = ahocorasick.Automaton()
        for padded, hit in sorted(latin, key=_by_letter_frequency):  # frequent letters come first in each scan
            automaton.add_word(padded, hit)
        automaton.make_automaton()
        return automaton

    def _add(
        self,
        automaton: ahocorasick.Automaton,
        key: str,
        arabic: bool,
        skip: int,
        candidates: tuple[tuple[int, int], ...],
        cue: str,
    ) -> None:
        padded = f"{key} " if arabic else f" {key} "
        if automaton.get(padded, None) is not None:  # a "لل" form that is also a plain alias: keep the plain one
            return
        length = len(padded)
        info = KeyInfo(length, arabic, not arabic and " " not in key, skip, candidates, cue)
        key_id = len(self._keys)
        self._keys.append(info)
        # A single Latin word is a name only when capitalised ("turkey" is not Turkey), an acronym only in
        # capitals ("US", not "us").
        case_rule = ANY_CASE
        if info.single_latin:
            case_rule = CAPITALS if all(flags & ACRONYM for _, flags in candidates) else CAPITALISED
        self._case_rules.append(case_rule)
        self._match_tails.append((key[skip:], candidates))
        self._cue_tails.append((cue, arabic))
        # A hit ends at padded index e (the key's trailing space): the entity is [start, e - 1) of the
        # normalised text, whose index is one less than the padded one.
        start_offset = skip - length if arabic else 1 - length
        hit: KeyHit = (
            key_id,
            start_offset,
            start_offset + 1,
            length if arabic else 0,
            bool(candidates),
            bool(cue),
            skip,
        )
        automaton.add_word(padded, hit)

    def find(self, text: str) -> list[Match]:
        """All non-overlapping alias matches in `text`, longest first, sorted by position."""
        return self.scan(text)[0]

    def scan(self, text: str) -> tuple[list[Match], list[Cue]]:
        """Alias matches and rule cues of `text`, in one pass over its normalised form."""
        norm, offsets = normalize_mapped(text)
        if not norm or norm.isspace():
            return [], []
        padded = f" {norm} "
        if norm.isascii():  # every Arabic key has an Arabic letter: an ASCII text can only hold the others
            hits: list[tuple[int, KeyHit]] = list(self._latin_automaton.iter(padded))
            # (-length, normalised start, end, key id): longest first, as `resolve` takes them.
            raw = [(hit[2], end + hit[1], end - 1, hit[0]) for end, hit in hits if hit[4]]
            cues = [(end + hit[1], end - 1, hit[0]) for end, hit in hits if hit[5]]
        else:
            raw, cues = [], []
            for end, hit in self._automaton.iter(padded):
                glue = hit[3]  # an Arabic key's hit counts at a token boundary or after allowed proclitics
                if glue and padded[end - glue] != " " and not _glued_ok(padded, end, hit):
                    continue
                if hit[4]:
                    raw.append((hit[2], end + hit[1], end - 1, hit[0]))
                if hit[5]:
                    cues.append((end + hit[1], end - 1, hit[0]))
        raw.sort()
        runs = offsets.shifts() if text.isascii() else None  # an ASCII text has no combining marks to keep
        if runs is not None:
            starts, shifts = runs
            cue_tails = self._cue_tails
            found_cues = [_new_cue(Cue, run_span(starts, shifts, s, e) + cue_tails[key_id]) for s, e, key_id in cues]
            return resolve(text, norm, raw, self._case_rules, self._match_tails, runs=runs), found_cues
        # One batch maps the cues and every alias hit to the original text.
        mapped = offsets.spans([*map(_CUE_SPAN, cues), *map(_HIT_SPAN, raw)], text)
        matches = resolve(text, norm, raw, self._case_rules, self._match_tails, mapped=mapped[len(cues) :])
        return matches, self._cues(cues, mapped)

    def _cues(self, cues: list[tuple[int, int, int]], mapped: list[tuple[int, int]]) -> list[Cue]:
        """The Cue of each (start, end, key id) hit, given the original spans of the first len(cues) hits."""
        cue_tails = self._cue_tails
        return [
            _new_cue(Cue, (orig_start, orig_end) + cue_tails[key_id])
            for (orig_start, orig_end), (_, _, key_id) in zip(mapped, cues, strict=False)
        ]


# Building the named tuple with tuple.__new__ skips its Python-level __new__ (same objects).
_new_cue = tuple.__new__
_CUE_SPAN = itemgetter(0, 1)  # (start, end) of a (start, end, key id) cue
_HIT_SPAN = itemgetter(1, 2)  # (start, end) of a (-length, start, end, key id) hit


def _by_letter_frequency(item: tuple[str, KeyHit]) -> list[int]:
    """Sort key putting keys that start with frequent English letters first, letter by letter."""
    return [_LETTER_RANK.get(char, len(_LETTER_RANK)) for char in item[0]]


def _glued_ok(padded: str, end: int, hit: KeyHit) -> bool:
    """An Arabic key's hit glued to the letters before it: they must form an allowed proclitic sequence."""
    first = end - hit[3] + 1  # padded index of the key's first character
    return padded[first - 1] in _PROCLITIC_LETTERS and _clitic_ok(padded, first, hit[6])


def _clitic_ok(padded: str, start: int, skip: int) -> bool:
    """The letters glued before an Arabic key form an allowed proclitic sequence."""
    token_start = start - 1
    while padded[token_start - 1] != " " and start - token_start < 3:
        token_start -= 1
    if padded[token_start - 1] != " ":
        return False
    return padded[token_start:start] in (_ARTICLE_PROCLITICS if skip else _ALLOWED_PROCLITICS)


_GAZETTEERS: dict[Path | None, Gazetteer] = {}
_LOCK = threading.Lock()


def load_gazetteer(kb_path: Path | None = None) -> Gazetteer:
    """The process-wide gazetteer over the knowledge base at `kb_path` (default: shipped)."""
    with _LOCK:
        gazetteer = _GAZETTEERS.get(kb_path)
        if gazetteer is None:
            from enrichment.entity_rules import CUE_WORDS

            gazetteer = Gazetteer(load_kb(kb_path), CUE_WORDS)
            _GAZETTEERS[kb_path] = gazetteer
        return gazetteer
