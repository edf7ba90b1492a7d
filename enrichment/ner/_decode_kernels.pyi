"""Type stub of the compiled decoding kernels (_decode_kernels.pyx)."""

import numpy as np
import numpy.typing as npt

def viterbi_segments(
    emissions: npt.NDArray[np.float32],
    padding: npt.NDArray[np.uint8],
    masked: npt.NDArray[np.float32],
    tags: npt.NDArray[np.int64],
) -> None: ...
def bio_spans(
    tags: npt.NDArray[np.int64], kinds: npt.NDArray[np.int64], inside: npt.NDArray[np.uint8], names: list[str]
) -> list[tuple[int, int, str]]: ...
def decoded_spans(
    emissions: npt.NDArray[np.float32],
    padding: npt.NDArray[np.uint8],
    masked: npt.NDArray[np.float32],
    positions: npt.NDArray[np.int64],
    kinds: npt.NDArray[np.int64],
    inside: npt.NDArray[np.uint8],
    names: list[str],
) -> list[tuple[int, int, str]]: ...
