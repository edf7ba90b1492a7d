"""Type stub of the compiled tokeniser and token layout (_token_scan.pyx)."""

import re
from collections.abc import Callable

import numpy as np
import numpy.typing as npt

class RowIndex:
    """(word, sentence-initial) -> table row, in C."""

    def __len__(self) -> int: ...
    def set(self, word: str, initial: bool, row: int) -> None: ...
    def add(self, types: list[tuple[str, bool]], first: int) -> None: ...
    def update(self, rows: dict[str, int], initial: bool) -> None: ...
    def get(self, word: str, initial: bool) -> int: ...
    def numbers(self, words: list[str]) -> npt.NDArray[np.int64]: ...
    def rows(self, initial: bool) -> dict[str, int]: ...
    def renumbered(self, new_of: list[int]) -> RowIndex: ...

def scan_tokens(
    text: str,
    token_match: Callable[[str, int], re.Match[str] | None],
    abbreviations: frozenset[str],
    index: RowIndex,
    sentence_words: frozenset[str],
    max_word: int,
    first_new_row: int,
) -> tuple[
    list[str],
    npt.NDArray[np.int64],
    npt.NDArray[np.int64],
    npt.NDArray[np.int64],
    npt.NDArray[np.bool_],
    list[tuple[str, bool]],
]: ...
