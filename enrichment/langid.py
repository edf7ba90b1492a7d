"""Language identification for the languages akhbar reads: ar, en, else "other".

Script counts decide Arabic; English is told from other Latin-script languages
by the share of its most frequent function words. Cheap enough for every
article (one pass over at most the first few KB).
"""

from __future__ import annotations

import re

_SAMPLE_CHARS = 4_000
_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
_WORD = re.compile(r"[a-z]+")
_ENGLISH_FUNCTION_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "was",
        "with",
        "as",
        "by",
        "at",
        "from",
        "it",
        "he",
        "said",
        "his",
        "be",
        "are",
        "an",
        "has",
        "have",
        "were",
        "not",
        "which",
        "but",
        "its",
        "this",
        "they",
        "had",
        "who",
        "their",
        "been",
        "will",
        "after",
        "would",
        "also",
        "or",
        "more",
        "than",
        "when",
    ]
)
SUPPORTED = ("ar", "en")


def identify_language(text: str) -> str:
    """'ar', 'en' or 'other' for a piece of text."""
    sample = text[:_SAMPLE_CHARS]
    arabic = len(_ARABIC.findall(sample))
    latin = len(_LATIN.findall(sample))
    if arabic == 0 and latin == 0:
        return "other"
    if arabic >= latin:
        return "ar"
    words = _WORD.findall(sample.lower())
    if not words:
        return "other"
    share = sum(1 for word in words if word in _ENGLISH_FUNCTION_WORDS) / len(words)
    return "en" if share >= 0.12 or (len(words) < 8 and share > 0) else "other"
