"""Cardinal numbers written as digits or words, in English and Arabic (matching form).

Used by the casualty grammar: `NUMBER_EN` / `NUMBER_AR` are regex fragments that
match a number, `parse_number` turns the matched text into an int (or None).
"""

from __future__ import annotations

import re

from enrichment.normalized_text import normalize_string

EN_UNITS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "dozen": 12,
    "a dozen": 12,
}
EN_TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}

_AR_UNITS_RAW = {
    1: ("واحد", "واحدة"),
    2: ("اثنان", "اثنين", "اثنتين", "اثنتان", "إثنين"),
    3: ("ثلاث", "ثلاثة"),
    4: ("أربع", "أربعة"),
    5: ("خمس", "خمسة"),
    6: ("ست", "ستة"),
    7: ("سبع", "سبعة"),
    8: ("ثمان", "ثماني", "ثمانية"),
    9: ("تسع", "تسعة"),
    10: ("عشر", "عشرة"),
}
_AR_TENS_RAW = {
    20: ("عشرون", "عشرين"),
    30: ("ثلاثون", "ثلاثين"),
    40: ("أربعون", "أربعين"),
    50: ("خمسون", "خمسين"),
    60: ("ستون", "ستين"),
    70: ("سبعون", "سبعين"),
    80: ("ثمانون", "ثمانين"),
    90: ("تسعون", "تسعين"),
    100: ("مئة", "مائة", "مئه"),
}
AR_UNITS: dict[str, int] = {normalize_string(w): n for n, ws in _AR_UNITS_RAW.items() for w in ws}
AR_UNITS[normalize_string("اثنا")] = 2
AR_UNITS[normalize_string("اثني")] = 2
AR_UNITS[normalize_string("احد")] = 1
AR_TENS: dict[str, int] = {normalize_string(w): n for n, ws in _AR_TENS_RAW.items() for w in ws}


def _alt(keys: object) -> str:
    return "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))  # type: ignore[call-overload]


_DIGITS = r"\d{1,3}(?:,\d{3})+(?!\d)|\d{1,5}(?![\d.,]\d)"
_EN_WORD = f"(?:{_alt(EN_TENS)})(?:[- ](?:{_alt(k for k in EN_UNITS if ' ' not in k)}))?|{_alt(EN_UNITS)}"
NUMBER_EN = rf"(?:{_DIGITS}|(?:{_EN_WORD})\b)"
_AR_UNIT = _alt(AR_UNITS)
_AR_TEN = _alt(AR_TENS)
NUMBER_AR = (
    rf"(?:{_DIGITS}|(?:(?:{_AR_UNIT})\s+و(?:{_AR_TEN})|(?:{_AR_UNIT})\s+عشر[هة]?|(?:{_AR_TEN})|(?:{_AR_UNIT}))(?!\w))"
)
_SPACES = re.compile(r"[\s\-]+")


def parse_number(text: str) -> int | None:
    """The value of a matched number ("22", "1,200", "twenty-two", "ثلاثه", "خمسه وعشرين")."""
    cleaned = text.strip()
    if not cleaned:
        return None
    if cleaned[0].isdigit():
        digits = cleaned.replace(",", "")
        return int(digits) if digits.isdigit() else None
    if cleaned in EN_UNITS:
        return EN_UNITS[cleaned]
    parts = [p for p in _SPACES.split(cleaned) if p]
    total = 0
    for index, part in enumerate(parts):
        word = part[1:] if index > 0 and part.startswith("و") and part[1:] in AR_TENS else part
        if word in EN_TENS:
            total += EN_TENS[word]
        elif word in EN_UNITS:
            total += EN_UNITS[word]
        elif word in AR_TENS:
            total += AR_TENS[word]
        elif word in AR_UNITS:
            total += AR_UNITS[word]
        elif word.startswith("عشر") and index > 0:
            total += 10
        else:
            return None
    return total or None
