"""Type stub of the compiled per-document kernels (_document_kernels.pyx)."""

import numpy as np
import numpy.typing as npt

def token_layout(
    pairs: list[tuple[str, str]],
    rows: dict[str, int],
    initial_rows: dict[str, int],
    sentence_end: npt.NDArray[np.uint8],
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
def document_scores(
    table: npt.NDArray[np.float32], rows: npt.NDArray[np.int64], initial: npt.NDArray[np.uint8]
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.int64], npt.NDArray[np.bool_]]: ...
def add_case_rows(
    scores: npt.NDArray[np.float32],
    positions: npt.NDArray[np.int64],
    rows: npt.NDArray[np.int64],
    cases: npt.NDArray[np.int64],
    lower_ids: npt.NDArray[np.int64],
    initial: npt.NDArray[np.uint8],
    document_rows: npt.NDArray[np.float32],
) -> None: ...
def viterbi_segments(
    emissions: npt.NDArray[np.float32],
    padding: npt.NDArray[np.uint8],
    masked: npt.NDArray[np.float32],
    tags: npt.NDArray[np.int64],
) -> None: ...
def bio_spans(
    tags: npt.NDArray[np.int64], kinds: npt.NDArray[np.int64], inside: npt.NDArray[np.uint8], names: list[str]
) -> list[tuple[int, int, str]]: ...
