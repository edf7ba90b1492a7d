"""Type stub of the compiled document-level consistency rules (_consistency_kernels.pyx)."""

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

TokenSpan = tuple[int, int, str]

def repeat_spans(
    words: list[str],
    keys: npt.NDArray[np.int64],
    spans: list[TokenSpan],
    window: int,
    key_length: Callable[[str], int],
    min_single_key: int,
) -> list[TokenSpan]: ...
def surname_spans(words: list[str], keys: npt.NDArray[np.int64], spans: list[TokenSpan]) -> list[TokenSpan]: ...
def character_spans(
    spans: list[TokenSpan], starts: npt.NDArray[np.int64], ends: npt.NDArray[np.int64]
) -> list[tuple[int, int, str]]: ...
