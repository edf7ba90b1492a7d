"""Type stub of the compiled word-type feature ids (_word_features.pyx)."""

import numpy as np
import numpy.typing as npt

def word_type_ids(
    types: list[tuple[str, bool]],
    arabic: bool,
    clusters: dict[str, tuple[int, ...]],
    gazetteer: dict[str, tuple[str, ...]],
    proclitics: tuple[str, ...],
    prefixes: tuple[bytes, ...],
    mask: int,
    pad: str,
) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.intp], list[str], npt.NDArray[np.int64]]: ...
