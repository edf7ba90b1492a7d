"""Type stub of the compiled tokeniser and token layout (_token_scan.pyx)."""

import re
from collections.abc import Callable

import numpy as np
import numpy.typing as npt

def scan_tokens(
    text: str,
    token_match: Callable[[str, int], re.Match[str] | None],
    abbreviations: frozenset[str],
    rows: dict[str, int],
    initial_rows: dict[str, int],
    sentence_words: frozenset[str],
) -> tuple[
    list[str],
    npt.NDArray[np.int64],
    npt.NDArray[np.int64],
    npt.NDArray[np.int64],
    npt.NDArray[np.bool_],
    list[int],
    list[int],
]: ...
