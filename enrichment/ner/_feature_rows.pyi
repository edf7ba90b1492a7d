"""Type stub of the compiled new-type scoring kernel (_feature_rows.pyx)."""

import numpy as np
import numpy.typing as npt

def crc32(data: bytes, start: int = 0) -> int: ...
def sum_feature_rows(
    name_lists: list[list[list[str]]],
    prefixes: tuple[bytes, ...],
    mask: int,
    weight_rows: npt.NDArray[np.int32],
    weights: npt.NDArray[np.uint16],
    out: npt.NDArray[np.float32],
) -> None: ...
def sum_id_rows(
    ids: npt.NDArray[np.uint32],
    segment_ends: npt.NDArray[np.intp],
    offsets: int,
    weight_rows: npt.NDArray[np.int32],
    weights: npt.NDArray[np.uint16],
    out: npt.NDArray[np.float32],
) -> None: ...
