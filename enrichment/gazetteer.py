"""Knowledge-base alias matching: one walk over normalised text.

Every alias of every KB entry is normalised (enrichment.normalize) and keyed, with
its data, in a dict and in compiled character
tries (enrichment/_key_trie.pyx, _ascii_scan.pyx) that the scan walks from token starts. A hit
counts when it sits on token boundaries; in Arabic the token may carry proclitics
(و ف then ب ل ك) and "لل" stands for ل + ال ("للعراق"). Offsets reported are those
of the entity without clitics in the ORIGINAL text. English single-token aliases
are case-sensitive (so "turkey" the bird is not Turkey) and acronyms must be
written in capitals ("US", not "us"). Overlaps are resolved longest-first; which
entry an alias means is left to the caller's context (see `Match.candidates`).
Texts whose normalised form is ASCII (most English articles) walk a trie of the
ASCII keys only, and an ASCII text is normalised and resolved in the kernel too.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

from enrichment._ascii_scan import LatinScanner
from enrichment._key_trie import KeyTrie
from enrichment.alias_hits import ANY_CASE, CAPITALISED, CAPITALS, Cue, Match, resolve
from enrichment.country_scoped import country_scoped_index
from enrichment.fast_records import EntryFields
from enrichment.gazetteer_keys import ACRONYM, AMBIGUOUS, WEAK, is_arabic, key_table
from enrichment.kb.loader import KnowledgeBase, load_kb
from enrichment.normalize import ascii_fold, normalize, normalize_mapped

__all__ = ["ACRONYM", "AMBIGUOUS", "WEAK", "Cue", "Gazetteer", "KeyInfo", "Match", "load_gazetteer"]


@dataclass(frozen=True, slots=True)
class KeyInfo:
    """What one key stands for (keys are padded with the spaces that bound tokens)."""

    length: int
    arabic: bool
    single_latin: bool
    skip: int  # characters of the key that are a clitic, not the entity ("لل" form)
    candidates: tuple[tuple[int, int], ...]  # (entry index, flags)
    cue: str = ""  # a rule cue ("title", "org") that is not itself an entity


# What the gazetteer keeps per padded key (the tries take the key id, alias, cue and skip from it; the
# offsets and glue describe the hit as an Aho-Corasick walk reports it: tests/unit/kb_scan_reference.py).
# (key id, start offset, minus the hit's length, glue, is alias, is cue, skip): a hit ending at padded
# index e covers normalised [e + start offset, e - 1); glue is 0 for keys bounded by their own padding
# (Latin keys) and else the distance from e back to the character before the key (an Arabic key's
# boundary or proclitics).
KeyHit = tuple[int, int, int, int, bool, bool, int]


class Gazetteer:
    """Matcher over all normalised KB aliases (and the rules' cue words)."""

    def __init__(self, kb: KnowledgeBase, cues: dict[str, str] | None = None) -> None:
        self.kb = kb
        self.entries = kb.entries
        self._keys: list[KeyInfo] = []
        self._case_rules: list[int] = []  # per key: ANY_CASE, CAPITALISED or CAPITALS (see _resolve)
        # Per key: the (key without its clitic, candidates) that end every Match of a hit on it.
        self._match_tails: list[tuple[str, tuple[tuple[int, int], ...]]] = []
        self._cue_tails: list[tuple[str, bool]] = []  # per key: the (kind, arabic) that end every Cue of a hit on it
        self._hits = self._build(cues or {})  # padded key -> KeyHit
        self._trie, self._ascii_trie, self._ascii_scanner = self._tries()
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

    def _build(self, cues: dict[str, str]) -> dict[str, KeyHit]:
        hits: dict[str, KeyHit] = {}
        table = key_table(self.entries)
        cue_keys = {normalize(word): kind for word, kind in cues.items()}
        for key in sorted(set(table) | set(cue_keys)):
            arabic = is_arabic(key)
            candidates = tuple(sorted(table.get(key, {}).items()))
            cue = cue_keys.get(key, "")
            self._add(hits, key, arabic, 0, candidates, cue)
            if arabic and key.startswith("ال") and len(key) > 3:
                self._add(hits, "ل" + key[1:], arabic, 1, candidates, cue)
        return hits

    def _tries(self) -> tuple[KeyTrie, KeyTrie, LatinScanner]:
        """(trie of every key, trie of the ASCII keys, the ASCII text scanner over the latter).

        The scans walk these tries from token starts (enrichment/_key_trie.pyx, _ascii_scan.pyx). A text whose
        normalised form is ASCII can only hold ASCII keys.
        """
        keys = [(padded, hit[0], hit[4], hit[5], hit[6]) for padded, hit in self._hits.items()]
        every = KeyTrie(keys, len(self._keys))
        ascii_keys = KeyTrie([key for key in keys if key[0].isascii()], len(self._keys))
        scanner = LatinScanner(
            ascii_keys, self._case_rules, self._match_tails, self._cue_tails, Match, Cue, ascii_fold()
        )
        return every, ascii_keys, scanner

    def _add(
        self,
        hits: dict[str, KeyHit],
        key: str,
        arabic: bool,
        skip: int,
        candidates: tuple[tuple[int, int], ...],
        cue: str,
    ) -> None:
        padded = f"{key} " if arabic else f" {key} "
        if padded in hits:  # a "لل" form that is also a plain alias: keep the plain one
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
        hits[padded] = hit

    def find(self, text: str) -> list[Match]:
        """All non-overlapping alias matches in `text`, longest first, sorted by position."""
        return self.scan(text)[0]

    def scan(self, text: str) -> tuple[list[Match], list[Cue]]:
        """Alias matches and rule cues of `text`, in one pass over its normalised form."""
        if text.isascii():  # normalisation, walk and resolution in the kernel
            return self._ascii_scanner.scan(text)
        norm, offsets = normalize_mapped(text)
        if not norm or norm.isspace():
            return [], []
        # (-length, normalised start, end, key id) longest first, as `resolve` takes them; (start, end, key id).
        if norm.isascii():  # every Arabic key has an Arabic letter: an ASCII text can only hold the others
            raw, cues = self._ascii_trie.hits(f" {norm} ", spaces_only=True)
        else:
            raw, cues = self._trie.hits(f" {norm} ")
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
