"""Type stub of the gazetteer's compiled scan of ASCII texts (_ascii_scan.pyx)."""

from typing import Any

from enrichment._key_trie import KeyTrie

class LatinScanner:
    def __init__(
        self,
        trie: KeyTrie,
        case_rules: list[int],
        tails: list[tuple[str, tuple[tuple[int, int], ...]]],
        cue_tails: list[tuple[str, bool]],
        match_type: type[Any],
        cue_type: type[Any],
        fold: bytes,
    ) -> None: ...
    def scan(self, text: str) -> tuple[list[Any], list[Any]]: ...
