"""Type stub of the anchor scanners' compiled trie walk (_anchored_walk.pyx)."""

_Pairs = tuple[tuple[int, str], ...]

class AnchorTrie:
    def __init__(self, words: list[tuple[str, tuple[_Pairs, _Pairs, _Pairs, _Pairs]]]) -> None: ...
    def walk(
        self, text: str, results: list[list[tuple[str, int, int]]], start: int = 0, stop: int = -1
    ) -> list[list[tuple[str, int, int]]]: ...

def year_spans(text: str) -> list[tuple[int, int]]: ...
