"""Type stub of the gazetteer's compiled key trie (_key_trie.pyx)."""

Hits = tuple[list[tuple[int, int, int, int]], list[tuple[int, int, int]]]

class KeyTrie:
    def __init__(self, keys: list[tuple[str, int, bool, bool, int]], key_count: int) -> None: ...
    def hits(self, padded: str, spaces_only: bool = False) -> Hits: ...
