"""Type stub of the compiled per-document kernels (_document_kernels.pyx)."""

import numpy as np
import numpy.typing as npt

def document_emissions(
    table: npt.NDArray[np.float32],
    rows: npt.NDArray[np.int64],
    initial: npt.NDArray[np.uint8],
    seen: npt.NDArray[np.int32],
    cases: npt.NDArray[np.int64],
    lower_ids: npt.NDArray[np.int64],
    document_rows: npt.NDArray[np.float32],
    case_evidence: bool,
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.int64], npt.NDArray[np.bool_], npt.NDArray[np.int64]]: ...
