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

import re
import threading
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

import ahocorasick

from enrichment.country_scoped import country_scoped_index
from enrichment.kb.country_forms import AMBIGUOUS_AR, AMBIGUOUS_EN
from enrichment.kb.loader import KBEntry, KnowledgeBase, load_kb
from enrichment.normalize import normalize, normalize_mapped

# Candidate flags.
WEAK = 1  # surname-only alias of a KB person: needs supporting context
ACRONYM = 2  # alias written in capitals: the text must be in capitals too
AMBIGUOUS = 4  # alias is also a common word or first name

_ALLOWED_PROCLITICS = frozenset({"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"})
_ARTICLE_PROCLITICS = frozenset({"", "و", "ف"})  # before the "لل" form
_PROCLITIC_LETTERS = frozenset("وفبلك")  # every allowed proclitic ends in one: a cheap test before _clitic_ok
_MIN_KEY_LENGTH = 2
# Case rules of a key (Gazetteer._case_rules): any case, capitalised (one Latin word), capitals (a Latin acronym).
_ANY_CASE, _CAPITALISED, _CAPITALS = 0, 1, 2
_PATRONYMIC_LINKS = frozenset({"bin", "ibn", "bint", "abu", "abd", "بن", "ابن", "بنت", "ابو", "عبد", "ابي"})
# Generic nouns that some sources list as a place's name ("مدينة" for Medina): never aliases.
_NEVER_ALIAS = frozenset(
    normalize(w)
    for w in ("مدينة", "منطقة", "محافظة", "دولة", "الدولة", "العاصمة", "جزيرة", "ميناء", "قرية", "بلدة", "ولاية")
)
_ABBREVIATION_RE = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]$")
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


class Match(NamedTuple):
    """One alias occurrence: original-text span of the entity (clitics excluded)."""

    start: int
    end: int
    text: str
    key: str
    candidates: tuple[tuple[int, int], ...]

    @property
    def flags(self) -> int:
        """Flags shared by all candidates (a weak flag only if no strong reading exists)."""
        combined = -1
        for _, flag in self.candidates:
            combined &= flag
        return max(combined, 0)


class Cue(NamedTuple):
    """A rule anchor (title word, organisation head word) found in the same pass."""

    start: int
    end: int
    kind: str
    arabic: bool


def _is_arabic(text: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in text)


def _alias_flags(alias: str, key: str, arabic: bool) -> int:
    flags = 0
    if not arabic and " " not in key and alias.replace(".", "").isupper() and len(alias) <= 6:
        flags |= ACRONYM
    if key in (AMBIGUOUS_AR_KEYS if arabic else AMBIGUOUS_EN):
        flags |= AMBIGUOUS
    return flags


AMBIGUOUS_AR_KEYS = frozenset(normalize(a) for a in AMBIGUOUS_AR)


def _strip_article_en(key: str) -> str:
    return key[4:] if key.startswith("the ") and len(key) > 6 else key


def _surnames(entry: KBEntry) -> list[str]:
    names = [entry.name_en, *entry.aliases_en]
    if entry.name_ar:
        names.append(entry.name_ar)
    names.extend(entry.aliases_ar)
    out = []
    for name in names:
        parts = normalize(name).split(" ")
        if len(parts) < 2 or len(parts[-1]) < 4 or _PATRONYMIC_LINKS.intersection(parts):
            continue  # "Mohammed bin Salman": the last name is a father's name, not a surname
        if parts[-1].startswith("ال") or parts[-1] in _NEVER_ALIAS:
            continue  # "عبد العزيز", "عبدالله الثاني": not surnames on their own
        out.append(parts[-1])
    return out


class Gazetteer:
    """Aho-Corasick matcher over all normalised KB aliases (and the rules' cue words)."""

    def __init__(self, kb: KnowledgeBase, cues: dict[str, str] | None = None) -> None:
        self.kb = kb
        self.entries = kb.entries
        self._keys: list[KeyInfo] = []
        self._fast: list[tuple[int, bool, int, bool, bool]] = []  # KeyInfo fields the scan loop reads
        self._case_rules: list[int] = []  # per key: _ANY_CASE, _CAPITALISED or _CAPITALS (see _resolve)
        # Per key: the (key without its clitic, candidates) that end every Match of a hit on it.
        self._match_tails: list[tuple[str, tuple[tuple[int, int], ...]]] = []
        self._automaton = self._build(cues or {})
        self._latin_automaton = self._latin_only()
        self.scoped = country_scoped_index(self.entries)
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

    def _collect(self) -> dict[str, dict[int, int]]:
        table: dict[str, dict[int, int]] = {}
        first_names: set[str] = set()
        for index, entry in enumerate(self.entries):
            for alias in (entry.name_en, *entry.aliases_en, entry.name_ar or "", *entry.aliases_ar):
                key = normalize(alias)
                arabic = _is_arabic(key)
                if not arabic:
                    key = _strip_article_en(key)
                if len(key) < _MIN_KEY_LENGTH or key in _NEVER_ALIAS:
                    continue
                slot = table.setdefault(key, {})
                flags = _alias_flags(alias, key, arabic)
                if arabic and " " not in key and entry.source == "geonames" and entry.subtype != "capital":
                    flags |= AMBIGUOUS  # uncurated one-word Arabic town names are often common words
                if arabic and " " not in key and entry.type == "PERSON":
                    flags |= WEAK  # one-word Arabic person names ("تراس") collide with verbs and nouns
                slot[index] = slot[index] & flags if index in slot else flags
            if entry.type == "PERSON":
                first_names.update(normalize(entry.name_en).split(" ")[:1])
                first_names.update(normalize(entry.name_ar or "").split(" ")[:1])
        strong = set(table)
        for index, entry in enumerate(self.entries):
            if entry.type != "PERSON":
                continue
            for surname in _surnames(entry):
                if surname in strong or surname in first_names:
                    continue
                table.setdefault(surname, {})[index] = WEAK
        return table

    def _build(self, cues: dict[str, str]) -> ahocorasick.Automaton:
        automaton = ahocorasick.Automaton()
        table = self._collect()
        cue_keys = {normalize(word): kind for word, kind in cues.items()}
        for key in sorted(set(table) | set(cue_keys)):
            arabic = _is_arabic(key)
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
        latin = [(padded, key_id) for padded, key_id in self._automaton.items() if not self._keys[key_id].arabic]
        if not latin:  # an automaton without keys cannot search: the full one finds nothing the same way
            return self._automaton
        automaton = ahocorasick.Automaton()
        for padded, key_id in sorted(latin, key=_by_letter_frequency):  # frequent letters come first in each scan
            automaton.add_word(padded, key_id)
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
        info = KeyInfo(len(padded), arabic, not arabic and " " not in key, skip, candidates, cue)
        self._keys.append(info)
        self._fast.append((info.length, arabic, skip, bool(candidates), bool(cue)))
        # A single Latin word is a name only when capitalised ("turkey" is not Turkey), an acronym only in
        # capitals ("US", not "us").
        case_rule = _ANY_CASE
        if info.single_latin:
            case_rule = _CAPITALS if all(flags & ACRONYM for _, flags in candidates) else _CAPITALISED
        self._case_rules.append(case_rule)
        self._match_tails.append((key[skip:], candidates))
        automaton.add_word(padded, len(self._keys) - 1)

    def find(self, text: str) -> list[Match]:
        """All non-overlapping alias matches in `text`, longest first, sorted by position."""
        return self.scan(text)[0]

    def scan(self, text: str) -> tuple[list[Match], list[Cue]]:
        """Alias matches and rule cues of `text`, in one pass over its normalised form."""
        norm, offsets = normalize_mapped(text)
        if not norm or norm.isspace():
            return [], []
        padded = f" {norm} "
        raw: list[tuple[int, int, int, int]] = []  # (-length, normalised start, end, key id)
        cues: list[tuple[int, int, int]] = []
        fast = self._fast
        # Every Arabic key has an Arabic letter: an ASCII text can only hold the others.
        automaton = self._latin_automaton if norm.isascii() else self._automaton
        for end_index, key_id in automaton.iter(padded):
            length, arabic, skip, is_alias, is_cue = fast[key_id]
            end = end_index - 1
            if arabic:
                first = end_index - length + 1  # padded index of the key's first char
                glued = padded[first - 1]
                if glued != " " and not (glued in _PROCLITIC_LETTERS and _clitic_ok(padded, first, skip)):
                    continue
                start = first - 1 + skip
            else:
                start = end_index - length + 1
            if is_alias:
                raw.append((start - end, start, end, key_id))
            if is_cue:
                cues.append((start, end, key_id))
        # One batch maps the cues and every alias hit (longest first, as _resolve takes them) to the original text.
        raw.sort()
        mapped = offsets.spans([*map(_CUE_SPAN, cues), *map(_HIT_SPAN, raw)], text)
        keys = self._keys
        found_cues = [
            _new_cue(Cue, (orig_start, orig_end, keys[key_id].cue, keys[key_id].arabic))
            for (orig_start, orig_end), (_, _, key_id) in zip(mapped, cues, strict=False)
        ]
        return self._resolve(text, norm, raw, mapped[len(cues) :]), found_cues

    def _resolve(
        self, text: str, norm: str, raw: list[tuple[int, int, int, int]], mapped: list[tuple[int, int]]
    ) -> list[Match]:
        """Longest hits first, each kept if its normalised span is still free and the case rules allow it."""
        if not raw:
            return []
        case_rules = self._case_rules
        tails = self._match_tails
        taken = bytearray(len(norm))
        chosen: list[Match] = []
        size = len(text)
        for (_, start, end, key_id), (orig_start, orig_end) in zip(raw, mapped, strict=True):
            # No hit taken so far is shorter: one overlapping this hit holds its first or its last character.
            if taken[start] or taken[end - 1]:
                continue
            case_rule = case_rules[key_id]
            if case_rule and not text[orig_start].isupper():
                continue
            if orig_end < size and text[orig_end] == "." and _ABBREVIATION_RE.match(text, orig_start, orig_end):
                orig_end += 1  # "U.S." keeps its final dot
            surface = text[orig_start:orig_end]
            if case_rule == _CAPITALS and not _all_capitals(surface):
                continue
            taken[start:end] = b"\x01" * (end - start)
            chosen.append(_new_match(Match, (orig_start, orig_end, surface) + tails[key_id]))
        chosen.sort(key=_by_start)  # matches never overlap: their starts differ
        return chosen


# Building the named tuples with tuple.__new__ skips their Python-level __new__ (same objects).
_new_match = tuple.__new__
_new_cue = tuple.__new__
_by_start = itemgetter(0)
_CUE_SPAN = itemgetter(0, 1)  # (start, end) of a (start, end, key id) cue
_HIT_SPAN = itemgetter(1, 2)  # (start, end) of a (-length, start, end, key id) hit


def _by_letter_frequency(item: tuple[str, int]) -> list[int]:
    """Sort key putting keys that start with frequent English letters first, letter by letter."""
    return [_LETTER_RANK.get(char, len(_LETTER_RANK)) for char in item[0]]


def _clitic_ok(padded: str, start: int, skip: int) -> bool:
    """The letters glued before an Arabic key form an allowed proclitic sequence."""
    token_start = start - 1
    while padded[token_start - 1] != " " and start - token_start < 3:
        token_start -= 1
    if padded[token_start - 1] != " ":
        return False
    return padded[token_start:start] in (_ARTICLE_PROCLITICS if skip else _ALLOWED_PROCLITICS)


def _all_capitals(surface: str) -> bool:
    if surface.isascii() and surface.isupper():  # the common case ("AP", "U.S."), without a generator
        return True
    return all(c.isupper() for c in surface if c.isalpha())


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
