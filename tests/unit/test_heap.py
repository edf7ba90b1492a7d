"""streams.heap: freed heap pages go back to the operating system after the engine loads.

Each measurement runs in a fresh interpreter: in the test process, earlier tests leave free space in
the heap that a new block may be carved from, which would make what is measured depend on test order.
"""

from __future__ import annotations

import ctypes.util
import json
import platform
import subprocess
import sys
from pathlib import Path

import pytest

from streams.heap import fix_mmap_threshold, return_freed_memory

_REPO = Path(__file__).resolve().parents[2]

_GLIBC_ONLY = pytest.mark.skipif(
    platform.system() != "Linux" or platform.libc_ver()[0] != "glibc" or ctypes.util.find_library("c") is None,
    reason="mallopt and malloc_trim are glibc's",
)

_RESIDENT_KB = """
def resident_kb():
    with open("/proc/self/status", encoding="ascii") as status:
        return int(next(line for line in status if line.startswith("VmRSS:")).split()[1])
"""

# Freeing an 8 MB block raises glibc's default threshold to 8 MB, so the 1 MB blocks after it come from
# the heap; with the last one still in use, freeing the others cannot shrink the heap.
_LARGE_BLOCKS = """
import json, sys
from streams.heap import fix_mmap_threshold
fixed = sys.argv[1] == "fixed" and fix_mmap_threshold()
big = bytearray(8 << 20)
del big
before = resident_kb()
blocks = [bytearray(1 << 20) for _ in range(48)]
grown = resident_kb() - before
keep = blocks[-1]
del blocks
print(json.dumps({"fixed": fixed, "grown": grown, "kept": resident_kb() - before, "keep": len(keep)}))
"""

_SMALL_BLOCKS = """
import json
from streams.heap import return_freed_memory
blocks = [bytes(1000) + bytes([i % 256]) for i in range(60_000)]  # ~60 MB of small heap blocks
keep = blocks[-1]  # the top of the heap stays in use: only a trim can return the pages below it
del blocks
before = resident_kb()
trimmed = return_freed_memory()
print(json.dumps({"trimmed": trimmed, "returned": before - resident_kb(), "keep": len(keep)}))
"""


def _measure(script: str, *args: str) -> dict[str, int]:
    """Run `script` (which may call resident_kb()) in a fresh interpreter; what it printed as JSON."""
    done = subprocess.run(
        [sys.executable, "-c", _RESIDENT_KB + script, *args],
        cwd=_REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    result: dict[str, int] = json.loads(done.stdout)
    return result


@_GLIBC_ONLY
def test_freed_heap_blocks_are_returned() -> None:
    measured = _measure(_SMALL_BLOCKS)
    assert measured["trimmed"]
    assert measured["returned"] > 20_000  # at least ~20 MB of the ~60 MB handed back


@_GLIBC_ONLY
def test_large_blocks_keep_their_own_mappings() -> None:
    fixed = _measure(_LARGE_BLOCKS, "fixed")
    assert fixed["fixed"]
    assert fixed["grown"] > 40_000  # the 48 MB were touched
    assert fixed["kept"] < 10_000  # and handed back when freed


@_GLIBC_ONLY
def test_without_the_fix_freed_large_blocks_stay_resident() -> None:
    """The failure the fix prevents, so the test above can tell the two apart."""
    default = _measure(_LARGE_BLOCKS, "default")
    assert not default["fixed"]
    assert default["kept"] > 40_000


def test_it_never_raises_where_there_is_no_libc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None)
    assert return_freed_memory() is False
    assert fix_mmap_threshold() is False
