"""Date resolvers: turn one grammar match into a candidate (start, end, ISO value, granularity).

The patterns that find the matches are in enrichment/dates/grammar.py; each resolver checks what a
regex cannot (a real calendar day, a capitalised English month, a cue word before a bare year) and
resolves relative dates against the publication date.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from enrichment.dates import calendar_words as words
from enrichment.types import Granularity


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    value: str
    granularity: Granularity


@dataclass(frozen=True, slots=True)
class Context:
    """What resolution needs: the publication date (None: only absolute dates resolve)."""

    original: str
    published: date | None
    to_original: Callable[[int], int]


Resolver = Callable[[re.Match[str], Context], Candidate | None]


def alternation(keys: object) -> str:
    """A regex alternative of `keys`, longest first (so a longer key wins at the same position)."""
    return "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))  # type: ignore[call-overload]


_AR_MONTH_KEY_RE = re.compile(alternation(words.AR_MONTHS))
_EN_MONTH_KEY_RE = re.compile(alternation(words.EN_MONTHS))
_YEAR_CUES = frozenset(  # words before a bare year: "in 1999", "mid-1999"
    "in since by until till before after from during of the early late mid year between and through around circa "  # noqa: SIM905
    "throughout".split()
)
_MAX_FUTURE = timedelta(days=183)


def _make_day(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _year_for(month: int, day: int, ctx: Context) -> int | None:
    """A day and month without a year belong to the publication year, or the one before."""
    if ctx.published is None:
        return None
    year = ctx.published.year
    try:
        candidate = date(year, month, day)
    except ValueError:
        return None
    return year - 1 if candidate - ctx.published > _MAX_FUTURE else year


def _day_month(m: re.Match[str], ctx: Context, month: int, start: int) -> Candidate | None:
    day = int(m["d"])
    year = int(m["y"]) if m["y"] else _year_for(month, day, ctx)
    if year is None:
        return None
    value = _make_day(year, month, day)
    return Candidate(start, m.end(), value, "day") if value else None


def ar_day_month(m: re.Match[str], ctx: Context) -> Candidate | None:
    months = _AR_MONTH_KEY_RE.findall(m["mon"])
    month = words.AR_MONTHS[months[0]]
    return _day_month(m, ctx, month, m.start("wd") if m["wd"] else m.start("d"))


def ar_month_year(m: re.Match[str], ctx: Context) -> Candidate | None:
    months = _AR_MONTH_KEY_RE.findall(m["mon"])
    if len(months) == 1 and months[0] in words.AR_AMBIGUOUS_MONTHS:
        return None
    return Candidate(m.start("mon"), m.end(), f"{int(m['y']):04d}-{words.AR_MONTHS[months[0]]:02d}", "month")


def year_from(m: re.Match[str], start: int) -> Candidate | None:
    year = int(m["y"])
    return Candidate(start, m.end("y"), f"{year:04d}", "year") if 1800 <= year <= 2100 else None


def _weekday(wd: int, relation: str | None, published: date) -> str:
    delta = (published.weekday() - wd) % 7
    if relation == "last":
        delta = delta or 7
    elif relation == "next":
        return (published + timedelta(days=(wd - published.weekday()) % 7 or 7)).isoformat()
    return (published - timedelta(days=delta)).isoformat()


def ar_weekday(m: re.Match[str], ctx: Context) -> Candidate | None:
    if ctx.published is None:
        return None
    rel = m["rel"]
    relation = None if rel is None else ("last" if rel in words.AR_PAST else "next")
    start = m.start("tod") if m["tod"] else m.start("wd")
    return Candidate(start, m.end(), _weekday(words.AR_WEEKDAYS[m["wd"]], relation, ctx.published), "day")


def relative_day(m: re.Match[str], ctx: Context, table: dict[str, int]) -> Candidate | None:
    if ctx.published is None:
        return None
    start = m.start("tod") if m.groupdict().get("tod") else m.start("rel")
    value = (ctx.published + timedelta(days=table[m["rel"]])).isoformat()
    return Candidate(start, m.end(), value, "day")


def capitalised(ctx: Context, start: int) -> bool:
    index = ctx.to_original(start)
    return index < len(ctx.original) and ctx.original[index].isupper()


def _en_month_of(m: re.Match[str]) -> int:
    return words.EN_MONTHS[_EN_MONTH_KEY_RE.match(m["mon"])[0]]  # type: ignore[index]


def en_day_month(m: re.Match[str], ctx: Context) -> Candidate | None:
    if not capitalised(ctx, m.start("mon")):
        return None
    return _day_month(m, ctx, _en_month_of(m), m.start())


def en_month_year(m: re.Match[str], ctx: Context) -> Candidate | None:
    if not capitalised(ctx, m.start("mon")):
        return None
    return Candidate(m.start(), m.end(), f"{int(m['y']):04d}-{_en_month_of(m):02d}", "month")


def iso_day(m: re.Match[str], ctx: Context) -> Candidate | None:
    value = _make_day(int(m["y"]), int(m["m"]), int(m["d"]))
    return Candidate(m.start(), m.end(), value, "day") if value else None


def en_weekday(m: re.Match[str], ctx: Context) -> Candidate | None:
    if ctx.published is None or not capitalised(ctx, m.start("wd")):
        return None
    rel = m["rel"]
    relation = "last" if rel in ("last", "past") else ("next" if rel == "next" else None)
    return Candidate(m.start(), m.end(), _weekday(words.EN_WEEKDAYS[m["wd"]], relation, ctx.published), "day")


def en_year(m: re.Match[str], ctx: Context) -> Candidate | None:
    index = ctx.to_original(m.start())
    before = ctx.original[max(0, index - 12) : index].lower().replace("-", " ").split()
    if not before or before[-1] not in _YEAR_CUES:
        return None
    return year_from(m, m.start())
