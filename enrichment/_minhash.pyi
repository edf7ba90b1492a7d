"""Type stub of the compiled de-duplication signature (_minhash.pyx)."""

import numpy as np
import numpy.typing as npt

class MinHasher:
    def __init__(self, a: npt.ArrayLike, b: npt.ArrayLike, weights: npt.ArrayLike) -> None: ...
    def sign(self, casefolded: bytes) -> tuple[bytes, npt.NDArray[np.uint64] | None]: ...
