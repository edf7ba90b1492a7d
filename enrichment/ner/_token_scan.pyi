"""Type stub of the compiled tokeniser and token layout (_token_scan.pyx)."""

import re
from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from enrichment.ner._row_index import RowIndex

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
