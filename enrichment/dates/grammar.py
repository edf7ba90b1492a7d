"""The project's own date grammar: compiled regexes, each with the resolver of its matches.

Patterns run over the normalised text (lowercase, unified Arabic letters, ASCII
digits); spans are mapped back to the original text by the caller. Each rule
yields a candidate (start, end, ISO value, granularity; enrichment/dates/resolvers.py);
overlapping candidates are settled longest-first, so "الجمعة 26 فبراير/شباط 2021" beats "الجمعة".
"""

from __future__ import annotations

import re

from enrichment._anchored_walk import year_spans
from enrichment.anchored_rules import AnchorScanner, rule_matches, span_windows
from enrichment.dates import calendar_words as words
from enrichment.dates.resolvers import (
    Candidate,
    Context,
    Resolver,
    alternation,
    ar_day_month,
    ar_month_year,
    ar_weekday,
    capitalised,
    en_day_month,
    en_month_year,
    en_weekday,
    en_year,
    iso_day,
    relative_day,
    year_from,
)

_AR_MONTH = alternation(words.AR_MONTHS)
_AR_MONTHS = rf"(?:{_AR_MONTH})(?:\s*[/(\-]\s*(?:{_AR_MONTH})\s*\)?)?"
_AR_WD = alternation(words.AR_WEEKDAYS)
_AR_TOD = alternation(words.AR_TIME_OF_DAY)
_AR_REL = alternation((*words.AR_PAST, *words.AR_NEXT))
_EN_MONTH = alternation(words.EN_MONTHS)
_EN_WD = alternation(words.EN_WEEKDAYS)
_D = r"(?<!\d)(?P<d>[0-3]?\d)(?!\d)"
_Y = r"(?P<y>[12]\d{3})(?!\d)"
# _D opening a rule after (?<!\w), written to begin with a digit so that re's search skips to the next digit.
_D_FIRST = r"(?P<d>\d(?<!\w\d)(?:(?<=[0-3])\d)?)(?!\d)"

AR_RULES: tuple[tuple[re.Pattern[str], Resolver, str], ...] = (
    (
        re.compile(
            rf"(?:(?<!\w)[وفب]?(?P<wd>{_AR_WD})\s*[,،]?\s*)?{_D}\s*(?:من\s+)?(?P<mon>{_AR_MONTHS})"
            rf"(?:\s*[,،]?\s*(?:(?:من\s+)?(?:عام|سنه|العام)\s+)?{_Y})?"
        ),
        ar_day_month,
        "ar_month",
    ),
    (
        re.compile(rf"(?<!\w)(?P<mon>{_AR_MONTHS})\s*[,،]?\s*(?:(?:من\s+)?(?:عام|سنه)\s+)?{_Y}"),
        ar_month_year,
        "ar_month",
    ),
    (
        re.compile(rf"(?<!\w)[وفبل]?(?P<yw>عام|العام|سنه|السنه)\s+{_Y}"),
        lambda m, ctx: year_from(m, m.start("yw")),
        "ar_year",
    ),
    (
        re.compile(rf"(?<!\w)[وفب]?(?:(?P<tod>{_AR_TOD})\s+)?[وفب]?(?P<wd>{_AR_WD})(?:\s+(?P<rel>{_AR_REL}))?(?!\w)"),
        ar_weekday,
        "ar_weekday",
    ),
    (
        re.compile(rf"(?<!\w)[وفب]?(?:(?P<tod>{_AR_TOD})\s+)?(?P<rel>{alternation(words.AR_RELATIVE_DAYS)})(?!\w)"),
        lambda m, ctx: relative_day(m, ctx, words.AR_RELATIVE_DAYS),
        "ar_relative",
    ),
)

EN_RULES: tuple[tuple[re.Pattern[str], Resolver, str], ...] = (
    # The year rules test the character before the year after its first digits, so that re's search skips to
    # the next possible first digit in C (a pattern opening with a lookbehind tries every position).
    (re.compile(r"(?P<y>[12](?<!\d[12])\d{3})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)"), iso_day, "year4"),
    (
        re.compile(rf"{_D_FIRST}(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_EN_MONTH})\b\.?(?:,?\s+{_Y})?"),
        en_day_month,
        "en_month",
    ),
    (
        re.compile(rf"(?<!\w)(?P<mon>{_EN_MONTH})\b\.?\s+{_D}(?:st|nd|rd|th)?\b(?:,?\s+{_Y})?"),
        en_day_month,
        "en_month",
    ),
    (re.compile(rf"(?<!\w)(?P<mon>{_EN_MONTH})\b\.?,?\s+{_Y}"), en_month_year, "en_month"),
    (
        re.compile(
            rf"(?<!\w)(?:(?:early|late)\s+)?(?:on\s+)?(?:(?P<rel>last|next|this|past)\s+)?(?P<wd>{_EN_WD})"
            r"(?:\s+(?:morning|afternoon|evening|night))?(?!\w)"
        ),
        en_weekday,
        "en_weekday",
    ),
    (
        re.compile(rf"(?<!\w)(?P<rel>{alternation(words.EN_RELATIVE_DAYS)})(?!\w)"),
        lambda m, ctx: relative_day(m, ctx, words.EN_RELATIVE_DAYS),
        "en_relative",
    ),
    (re.compile(r"(?P<y>(?:1[89]|20)(?<![\w$£€.,]..)\d{2})(?![\w%]|[.,]\d)"), en_year, "year4"),
)
# Rules whose matches all begin where a hit of these kinds begins (a whole month or weekday word, a year of
# year_spans, "early"/"on"/"last" ...): tried only there (anchored_rules.matches_at), not searched through.
_LEADS = ("early", "late", "on", "last", "next", "this", "past")
_STARTS: dict[int, tuple[str, ...]] = {  # by index in EN_RULES
    0: ("year4",),
    2: ("en_month",),
    3: ("en_month",),
    4: ("en_weekday", "en_lead"),
    5: ("en_relative", "en_lead"),
    6: ("year4",),
}
if any(EN_RULES[index][2] not in kinds for index, kinds in _STARTS.items()):  # (EN_RULES reordered?)
    raise RuntimeError("dates.grammar: a rule's start kinds must include its own anchor kind")
# The rules as (pattern, resolver, anchor kind, start kinds or None): Arabic, English (no per-run lookup keyed
# by a Pattern, whose hash reads all its compiled code)
_RUNS = (
    tuple((pattern, resolve, kind, None) for pattern, resolve, kind in AR_RULES),
    tuple((pattern, resolve, kind, _STARTS.get(index)) for index, (pattern, resolve, kind) in enumerate(EN_RULES)),
)


_SCANNER = AnchorScanner(
    [
        *((k, "ar_month") for k in words.AR_MONTHS),
        *((k, "ar_weekday") for k in words.AR_WEEKDAYS),
        *((k, "ar_relative") for k in words.AR_RELATIVE_DAYS),
        *((k, "ar_year") for k in ("عام", "سنه")),
        *((k, "en_month") for k in words.EN_MONTHS),
        *((k, "en_weekday") for k in words.EN_WEEKDAYS),
        *((k.split()[-1], "en_relative") for k in words.EN_RELATIVE_DAYS),
        *((k, "en_lead") for k in _LEADS),
    ],
    shared=True,
)
# Rules that resolve nothing without a publication date (weekdays, "yesterday"), and English rules whose
# month or weekday must be capitalised in the original: their month/weekday group is always a whole word,
# hence one of the anchor hits, so when no hit qualifies the rules are skipped (same output, less work).
_DATED_KINDS = ("ar_weekday", "ar_relative", "en_weekday", "en_relative")
_CAPITALISED_KINDS = ("en_month", "en_weekday")
_BEFORE = 40  # room for "فجر الجمعة" / "early on last" before an anchor
_AFTER = 48  # room for "/شباط 2021" after a month name


def find_candidates(normalized: str, ctx: Context, arabic: bool, english: bool) -> list[Candidate]:
    """All non-overlapping date candidates, longest first where they compete."""
    hits: dict[str, list[tuple[int, int]]] = {}
    for kind, start, end in _SCANNER.spans(normalized):
        hits.setdefault(kind, []).append((start, end))
    if ctx.published is None:
        for kind in _DATED_KINDS:
            hits.pop(kind, None)
    for kind in _CAPITALISED_KINDS:
        kind_hits = hits.get(kind)
        if kind_hits and not any(capitalised(ctx, start) for start, _ in kind_hits):
            del hits[kind]
    if english:  # only English rules are anchored on bare four-digit years (r"[12]\d\d\d", compiled)
        hits["year4"] = year_spans(normalized)
    found: dict[tuple[int, int], Candidate] = {}
    windows: dict[str, list[tuple[int, int]]] = {}  # per kind: several rules share a kind's windows
    rules = (_RUNS[0] if arabic else ()) + (_RUNS[1] if english else ())
    for pattern, resolve, kind, start_kinds in rules:
        kind_hits = hits.get(kind)
        if not kind_hits:
            continue
        spans = windows.get(kind)
        if spans is None:
            spans = windows[kind] = span_windows(kind_hits, _BEFORE, _AFTER, len(normalized))
        for m in rule_matches(pattern, normalized, spans, hits, start_kinds):
            candidate = resolve(m, ctx)
            if candidate is not None and candidate.end > candidate.start:
                found.setdefault((candidate.start, candidate.end), candidate)
    chosen: list[Candidate] = []
    for candidate in sorted(found.values(), key=lambda c: (c.start - c.end, c.start)):
        if all(candidate.end <= c.start or candidate.start >= c.end for c in chosen):
            chosen.append(candidate)
    chosen.sort(key=lambda c: c.start)
    return chosen
