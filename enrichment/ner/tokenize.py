"""Tokeniser for raw article text in Arabic and English that keeps character offsets.

It follows the CoNLL-2003/ANERcorp conventions the tagger was trained on: punctuation is split off,
English clitics ('s, n't, 're ...) are separate tokens, dotted abbreviations ("U.S.", "a.m.", "Inc.")
and hyphenated or apostrophe words ("one-day", "O'Brien") stay whole, and Arabic words keep their
diacritics, tatweel and attached clitics. Every token is text[start:end] of the input.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# Letters/digits plus Arabic combining marks (harakat, Quranic marks) and zero-width joiners,
# which `\w` alone would treat as word breaks.
_W = r"[\w\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u200C\u200D]"
_ABBREVIATIONS = (
    "Mr|Mrs|Ms|Dr|St|Inc|Corp|Co|Ltd|Jr|Sr|vs|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|Prof|Mt|No|Jan|Feb|Aug|Sept"
    "|Sep|Oct|Nov|Dec|Bros|Adm|Maj|Cmdr|Rev|Ave|Blvd|etc|approx|Pres|Dept|Univ"
)
_CLITICS = "(?:s|S|re|RE|m|M|ve|VE|ll|LL|d|D)"
_TOKEN_RE = re.compile(
    rf"""
      {_W}++(?![.'\u2019&\-]|[,:/]\d)            # fast path: a plain word not followed by . ' & - ,5
    | (?:[^\W\d_]\.){{2,}}(?![^\W\d_])            # U.S.  U.N.  a.m.  F.C.
    | (?:{_ABBREVIATIONS})\.(?!\w)               # Mr.  Inc.  vs.
    | [A-Z]\.(?=\s+[A-Z])                        # initials: "M. Smith"
    | \d+(?:[.,:/]\d+)+                          # 3.5  1,000  10:30  1/2
    | {_W}+?(?=n['\u2019]t\b)                    # "do" of "don't"
    | n['\u2019]t\b                              # n't
    | (?<=\w)['\u2019]{_CLITICS}\b                 # clitics 's 're 'm 've 'll 'd
    | {_W}+(?:[-&]{_W}+|['\u2019](?!{_CLITICS}\b){_W}+)*   # words: one-day, O'Brien, AT&T
    | \S                                         # any other single character
    """,
    re.VERBOSE,
)

ABBREVIATIONS = frozenset(_ABBREVIATIONS.split("|"))
TOKEN_RE = _TOKEN_RE  # what the tagger's compiled scanner (_token_scan.pyx) asks about the tokens it does not decide

# The same tokens, each with the whitespace before it: findall() on this is faster than finditer().
SPACED_TOKEN_RE = re.compile(r"(\s*)(" + _TOKEN_RE.pattern + ")", re.VERBOSE)


class Token(NamedTuple):
    """One token: its surface text and [start, end) character offsets into the source text."""

    text: str
    start: int
    end: int


def token_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the tokens of `text` (fast path used by the tagger)."""
    return [match.span() for match in _TOKEN_RE.finditer(text)]


def tokenize(text: str) -> list[Token]:
    """Tokens of `text` with offsets; never raises, and text[t.start:t.end] == t.text for each."""
    return [Token(match.group(), match.start(), match.end()) for match in _TOKEN_RE.finditer(text)]
