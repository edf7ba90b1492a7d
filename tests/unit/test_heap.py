"""streams.heap: freed heap pages go back to the operating system after the engine loads."""

from __future__ import annotations

import ctypes.util
import platform

import pytest

from streams.heap import fix_mmap_threshold, return_freed_memory


def _resident_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        return int(next(line for line in status if line.startswith("VmRSS:")).split()[1])


_GLIBC_ONLY = pytest.mark.skipif(
    platform.system() != "Linux" or platform.libc_ver()[0] != "glibc" or ctypes.util.find_library("c") is None,
    reason="mallopt and malloc_trim are glibc's",
)


@_GLIBC_ONLY
def test_freed_heap_blocks_are_returned() -> None:
    blocks = [bytes(1000) + bytes([i % 256]) for i in range(60_000)]  # ~60 MB of small heap blocks
    keep = blocks[-1]  # the top of the heap stays in use: only a trim can return the pages below it
    del blocks
    before = _resident_kb()
    assert return_freed_memory()
    assert _resident_kb() < before - 20_000  # at least ~20 MB of the ~60 MB handed back
    assert keep


@_GLIBC_ONLY
def test_large_blocks_keep_their_own_mappings() -> None:
    assert fix_mmap_threshold()
    before = _resident_kb()
    block = bytearray(64 * 1024 * 1024)  # mapped, touched, then unmapped when freed
    block[::4096] = b"x" * len(block[::4096])
    assert _resident_kb() > before + 50_000
    del block
    assert _resident_kb() < before + 10_000


def test_it_never_raises_where_there_is_no_libc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None)
    assert return_freed_memory() is False
    assert fix_mmap_threshold() is False
