"""Type stub of the compiled loops over span candidates (_span_loops.pyx)."""

from collections.abc import Callable
from typing import Any

from enrichment.entity_spans import SpanCandidate

def candidate(
    start: int,
    end: int,
    kind: str,
    source: str,
    entry: int | None = None,
    weak: bool = False,
    ambiguous: bool = False,
) -> SpanCandidate: ...
def new_candidates(
    spans: list[tuple[int, int, str]], known: set[tuple[int, int, str]], source: str
) -> list[SpanCandidate]: ...
def merged_spans(
    kept: list[SpanCandidate],
    others: list[SpanCandidate],
    text: str,
    gazetteer: Any,
    replaces: Callable[[SpanCandidate, list[SpanCandidate], str, Any], bool],
    en_demonym: Callable[[str], object],
    ar_nisba: Callable[[str], object],
    compound_adjective: Callable[[str], object],
) -> list[SpanCandidate] | None: ...
def clustered(
    spans: list[SpanCandidate], entries: tuple[Any, ...], text: str, normalize: Callable[[str], str]
) -> tuple[dict[int, list[SpanCandidate]], dict[tuple[str, str], list[SpanCandidate]]]: ...
def kb_spans(
    matches: list[Any],
    entries: tuple[Any, ...],
    weak_ambiguous: tuple[tuple[bool, bool], ...],
    reading: Callable[[tuple[tuple[int, int], ...], Any, set[str], bool], tuple[int, int]],
    gazetteer: Any,
    countries: set[str],
    region_keys: set[str],
) -> list[SpanCandidate]: ...
