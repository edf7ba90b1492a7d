"""Matching normalisation that remembers where every character came from.

Aliases and article text are folded the same way (NFKD without marks, Arabic
alef/ya/ta-marbuta/hamza-seat variants, Arabic-Indic digits, casefold, no
possessive 's, no apostrophes, punctuation as spaces, single spaces) so that one
Aho-Corasick pass finds them on token boundaries. ``offsets[i]`` is the index in
the original text of normalised character ``i``, which lets matches be reported
on the original characters.

Speed matters (thousands of articles per second), so the common case is one
``str.translate`` with a 1-to-1 table in which deletions become a private-use
marker, plus one regex pass; only texts with expanding characters (ligatures,
presentation forms) take the per-character path.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import accumulate, chain
from operator import add

from enrichment.charmap_fold import CharmapFold
from enrichment.offset_map import OffsetMap

__all__ = ["OffsetMap", "ascii_fold", "normalize", "normalize_mapped", "normalize_with_offsets", "original_span"]

_DELETED = "\ue000"  # a character folded away (mark, tatweel, format character)
_SQUEEZED = "\ue001"  # an extra space of a run (kept distinct so it never eats a real separator)
_EXPANDS = "\ue002"  # a character that folds to several (ligatures): take the slow path

# Characters folded on top of NFKD-without-marks.
_ARABIC_FOLDS: dict[str, str] = {
    "\u0671": "\u0627",  # alef wasla
    "\u0629": "\u0647",  # ta marbuta -> ha
    "\u0649": "\u064a",  # alef maqsura -> ya
    "\u06cc": "\u064a",  # farsi yeh
    "\u06d2": "\u064a",  # yeh barree
    "\u06a9": "\u0643",  # keheh
    "\u06c0": "\u0647",  # heh with yeh above
    "\u06c1": "\u0647",  # heh goal
    "\u06d5": "\u0647",  # ae
    "\u2019": "'",
    "\u2018": "'",
    "\u02bc": "'",
    "\u02bb": "'",
    "\u0060": "'",
    "\u00b4": "'",
    "\u2032": "'",
}
for _digit in range(10):
    _ARABIC_FOLDS[chr(0x0660 + _digit)] = str(_digit)
    _ARABIC_FOLDS[chr(0x06F0 + _digit)] = str(_digit)

# Format / bidi / zero-width characters and tatweel vanish.
_VANISH = {"\u0640", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff", "\u00ad"}
_VANISH.update((_DELETED, _SQUEEZED, _EXPANDS))
_VANISH.update(chr(c) for c in range(0x202A, 0x202F))
_VANISH.update(chr(c) for c in range(0x2066, 0x206A))


def _fold_char(char: str) -> str:
    """Fold one character; may return '' (deleted) or several characters.

    Letters and digits fold to their base form; every other visible character
    (punctuation, symbols, spaces) becomes a space so token boundaries are spaces.
    """
    if char in _VANISH:
        return ""
    if char in _ARABIC_FOLDS:
        return _ARABIC_FOLDS[char]
    if char.isspace():
        return " "
    if unicodedata.category(char) == "Cf":
        return ""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", char).casefold())
    kept = "".join(c for c in decomposed if unicodedata.category(c) not in ("Mn", "Me", "Cf") and c not in _VANISH)
    folded = "".join(_ARABIC_FOLDS.get(c, c) for c in kept)
    return "".join(c if c.isalnum() or c in "' " else " " for c in folded)


_TABLE_SIZE = 0x1F200  # beyond it characters are left as they are (translate's LookupError rule)


@lru_cache(maxsize=1)
def _tables() -> list[int]:
    """The translate table as a list indexed by code point (2-3x faster than a dict).

    Deleted characters map to the _DELETED marker and characters that fold to
    several characters to the _EXPANDS marker (which sends the text down the slow path).
    """
    table = list(range(_TABLE_SIZE))
    for code in chain(range(0xD800), range(0xE000, 0x10000), range(0x1D400, 0x1D800), range(0x1F100, _TABLE_SIZE)):
        char = chr(code)
        folded = _fold_char(char)
        if folded == char:
            continue
        if folded == "":
            table[code] = ord(_DELETED)
        elif len(folded) == 1 or not folded.strip():
            table[code] = ord(folded[0])
        else:
            table[code] = ord(_EXPANDS)
    return table


def ascii_fold() -> bytes:
    """The fold of each ASCII character (one ASCII character each), for the gazetteer's compiled scan."""
    table = _tables()
    return bytes(table[code] for code in range(128))


# After folding: possessive 's and remaining apostrophes go; runs of spaces keep one space.
# Two passes with constant replacements (no per-match callback): a possessive "'s" never
# overlaps another apostrophe match, so this equals one pass over "'s(?![^\W_])|'".
_POSSESSIVE_RE = re.compile(r"'s(?![^\W_])")


def _drop(folded: str, deleted: str = _DELETED, squeezed: str = _SQUEEZED) -> str:
    """Mark apostrophes and the extra spaces of runs as deleted, keeping every position."""
    if "'" in folded:
        if "'s" in folded:
            folded = _POSSESSIVE_RE.sub(deleted + deleted, folded)
        folded = folded.replace("'", deleted)
    if "  " in folded:  # "a   b" -> "a S b" -> "a SSb": only runs of spaces are touched
        runs_of_three = "   " in folded  # else no space follows a marker (most runs are ". " folded to "  ")
        folded = folded.replace("  ", " " + squeezed)
        if runs_of_three:
            folded = folded.replace(squeezed + " ", squeezed + squeezed)
    return folded


# Markers for an ASCII fold: control characters fold to spaces, so a folded text never holds them, and with
# them the marked text stays one byte per character (str.replace and split are faster on such strings).
_ASCII_DELETED = "\x00"
_ASCII_SQUEEZED = "\x01"


_IDENTITY = OffsetMap([], [])


@lru_cache(maxsize=1)
def _charmap() -> CharmapFold:
    table = _tables()
    return CharmapFold(lambda char: chr(table[ord(char)]))


def _fold(text: str) -> str:
    """`text.translate(_tables())`, at C speed for texts in the news alphabet (see charmap_fold)."""
    if text.isascii():
        return text.translate(_tables())  # translate has its own ASCII fast path
    folded = _charmap()(text)
    return text.translate(_tables()) if folded is None else folded


def normalize_mapped(text: str) -> tuple[str, OffsetMap]:
    """Normalised text and an OffsetMap back to `text` (the fast form used by the matcher)."""
    folded = _fold(text)
    if _EXPANDS in folded:
        norm, offsets = _normalize_expanding(text)
        return norm, OffsetMap([], [], dense=offsets)
    deleted, squeezed = (_ASCII_DELETED, _ASCII_SQUEEZED) if folded.isascii() else (_DELETED, _SQUEEZED)
    folded = _drop(folded, deleted, squeezed)
    if deleted not in folded and squeezed not in folded:
        return folded, _IDENTITY
    chunks = folded.replace(squeezed, deleted).split(deleted)
    norm_starts = list(accumulate(map(len, chunks), initial=0))[:-1]
    shifts = list(range(len(chunks)))  # one character deleted before each run but the first
    return "".join(chunks), OffsetMap(norm_starts, list(map(add, norm_starts, shifts)), shifts=shifts)


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """Return (normalised text, offsets) with offsets[i] = original index of normalised char i."""
    norm, mapping = normalize_mapped(text)
    if mapping is _IDENTITY:
        return norm, list(range(len(norm)))
    return norm, mapping.to_list(len(norm))


def _normalize_expanding(text: str) -> tuple[str, list[int]]:
    """Texts with expanding characters (ligatures, presentation forms): fold by runs, not by character."""
    folded = text.translate(_tables())
    pieces: list[str] = []
    origin: list[int] = []
    position = 0
    for run in folded.split(_EXPANDS):
        pieces.append(run)
        origin.extend(range(position, position + len(run)))
        position += len(run)
        if position < len(text):
            expansion = _fold_char(text[position]) or _DELETED
            pieces.append(expansion)
            origin.extend([position] * len(expansion))
            position += 1
    marked = _drop("".join(pieces)).replace(_SQUEEZED, _DELETED)
    norm_parts: list[str] = []
    offsets: list[int] = []
    start = 0
    for chunk in marked.split(_DELETED):
        norm_parts.append(chunk)
        offsets.extend(origin[start : start + len(chunk)])
        start += len(chunk) + 1
    return "".join(norm_parts), offsets


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """Normalised text only, trimmed (for aliases, keys and mention names; cached).

    ASCII letters, digits and single spaces (most English names) only fold to lower case: that
    needs no offset map (the entity stage normalises ~20 names per article not seen before).
    """
    if text.isascii() and "  " not in text and text.replace(" ", "").isalnum():
        return text.lower().strip()
    return normalize_mapped(text)[0].strip()


def original_span(offsets: OffsetMap | list[int], start: int, end: int, original: str) -> tuple[int, int]:
    """Map a normalised span [start, end) back to the original text, keeping trailing marks."""
    if isinstance(offsets, OffsetMap):
        return offsets.span(start, end, original)
    orig_start = offsets[start]
    orig_end = offsets[end - 1] + 1
    length = len(original)
    while orig_end < length and unicodedata.category(original[orig_end]) == "Mn":
        orig_end += 1
    return orig_start, orig_end
