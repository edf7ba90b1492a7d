"""Keep the memory that loading and running the engine frees from staying with the worker (glibc).

Loading the models decompresses large temporaries (the taggers' shipped warm caches, ~35 MB). By
default glibc raises its mmap threshold each time such a block is freed, so later large blocks come
from the heap and, once freed, stay in the process: a worker sat ~20-30 MB above what it uses. Fixing
the threshold before loading keeps large blocks in their own mappings (returned when freed), and
`malloc_trim` after loading hands back what the heap still holds. Without glibc both are no-ops.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from typing import Any

_M_MMAP_THRESHOLD = -3  # mallopt parameter (malloc.h)
MMAP_THRESHOLD_BYTES = 128 * 1024  # glibc's default starting threshold, no longer raised dynamically


def _glibc_function(name: str) -> Any:
    """The libc function `name`, or None where there is no such function (musl, macOS)."""
    library = ctypes.util.find_library("c")
    if library is None:
        return None
    try:
        return getattr(ctypes.CDLL(library), name)
    except (OSError, AttributeError):
        return None


def fix_mmap_threshold(threshold: int = MMAP_THRESHOLD_BYTES) -> bool:
    """mallopt(M_MMAP_THRESHOLD, threshold): blocks this large or larger get their own mapping, and freed
    blocks no longer raise the threshold. True if set."""
    mallopt = _glibc_function("mallopt")
    if mallopt is None:
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return bool(mallopt(_M_MMAP_THRESHOLD, threshold))


def return_freed_memory() -> bool:
    """glibc's malloc_trim(0): True if it ran and released memory."""
    trim = _glibc_function("malloc_trim")
    if trim is None:
        return False
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return bool(trim(0))
