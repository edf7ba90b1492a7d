"""Arabic orthographic normalisation and proclitic stripping for NER features.

News Arabic writes the same name with hamza/alef, ya/alef-maqsura and ta-marbuta variants, with or
without diacritics and tatweel, and glues proclitics (و ب ل ف ك) and the article (ال) to it. Features
built on the normalised stem let "وبغداد", "لبغداد" and "بغداد" share evidence.
The tagger's compiled features (_word_text.pxd) repeat `normalize_arabic`'s table in C; keep them equal
(tests/unit/test_word_features.py checks).
"""

from __future__ import annotations

import re

_DIACRITICS_RE = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
_CHAR_MAP = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
# Longest first: the first proclitic sequence that leaves a long enough stem is stripped.
PROCLITICS = (
    "وبال",
    "وكال",
    "وفال",
    "فبال",
    "ولل",
    "فلل",
    "وال",
    "بال",
    "فال",
    "كال",
    "لل",
    "ال",
    "وب",
    "ول",
    "وك",
    "فب",
    "فل",
    "و",
    "ب",
    "ل",
    "ف",
    "ك",
)
ARABIC_LETTER_RE = re.compile(r"[\u0621-\u064A]")
_PROCLITIC_SET = frozenset(PROCLITICS)
_LENGTHS = sorted({len(proclitic) for proclitic in PROCLITICS}, reverse=True)


def normalize_arabic(word: str) -> str:
    """Removes diacritics/tatweel and unifies alef, ya, ta-marbuta, hamza-seat variants."""
    return _DIACRITICS_RE.sub("", word).translate(_CHAR_MAP)


def strip_proclitics(normalized: str) -> tuple[str, str]:
    """Splits a normalised word into (proclitics, stem); the stem keeps at least 3 letters."""
    # PROCLITICS is longest first and two of one length can't both prefix a word, so trying the
    # prefixes of each length, longest first, finds the same one as scanning the tuple.
    for length in _LENGTHS:
        if len(normalized) - length >= 3 and normalized[:length] in _PROCLITIC_SET:
            return normalized[:length], normalized[length:]
    return "", normalized


def proclitic_readings(normalized: str, min_stem: int) -> list[str]:
    """The word without each proclitic sequence it starts with (stems of at least min_stem letters)."""
    return [
        normalized[length:]
        for length in _LENGTHS
        if len(normalized) - length >= min_stem and normalized[:length] in _PROCLITIC_SET
    ]


def is_arabic(word: str) -> bool:
    """True when the word contains at least one Arabic letter."""
    return ARABIC_LETTER_RE.search(word) is not None
