# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False, cdivision=True
"""The tagger's index of word types as a Python object: `RowIndex`, over the C hash table of _row_index.pxd.

The tagger keeps two: (word, sentence-initial) -> table row, which `scan_tokens` (_token_scan.pyx) reads
slice by slice from C, and lower-cased word -> its id. The class is declared in _row_index.pxd beside the
table code, so the scanner reaches the table (and `row`) at C level.
"""

from libc.stdint cimport int64_t

import os

import numpy as np

from enrichment.ner._token_chars cimport PyUnicode_DATA, PyUnicode_GET_LENGTH, PyUnicode_KIND


cdef class RowIndex:
    """(word, sentence-initial) -> number, a C hash table (_row_index.pxd): the tagger's index of cached
    word types (-> table row), read by `scan_tokens`, and of lower-cased words (flag off -> their id)."""

    def __cinit__(self) -> None:
        table_init(&self.table, 1024, int.from_bytes(os.urandom(8), "little"))

    def __dealloc__(self) -> None:
        table_free(&self.table)

    def __len__(self) -> int:
        return self.table.count

    def set(self, str word, bint initial, int64_t row) -> None:
        table_set(&self.table, word, initial, row)

    def add(self, list types, int64_t first) -> None:
        """Rows first, first + 1, ... for the (word, initial) types, in order."""
        cdef Py_ssize_t index
        for index in range(len(types)):
            word, initial = <tuple>types[index]
            table_set(&self.table, word, initial, first + index)

    def update(self, dict rows, bint initial) -> None:
        """Adds every word -> row of `rows` with the flag `initial`."""
        for word, row in rows.items():
            table_set(&self.table, word, initial, row)

    def get(self, str word, bint initial) -> int:
        """The row of (word, initial), or -1."""
        return self.row(word, initial)

    def numbers(self, list words) -> object:
        """Each word's row (with the flag off), numbering new words count, count + 1, ... in order: an
        int64 array, as [index.setdefault(word, len(index)) for word in words] of a dict."""
        numbers = np.empty(len(words), dtype=np.int64)
        cdef int64_t[::1] out = numbers
        cdef Py_ssize_t position
        cdef int64_t number
        for position in range(len(words)):
            number = self.row(<str>words[position], False)
            if number < 0:
                number = self.table.count
                table_set(&self.table, <str>words[position], False, number)
            out[position] = number
        return numbers

    def rows(self, bint initial) -> dict:
        """word -> row of the types with this initial flag, in row order."""
        cdef Py_ssize_t slot
        cdef list found = []
        for slot in range(self.table.capacity):
            if self.table.slots[slot].check != 0 and (self.table.slots[slot].value & 1) == initial:
                found.append((self.table.slots[slot].value >> 1, <object>self.table.slots[slot].key))
        found.sort()
        return {word: row for row, word in found}

    def renumbered(self, list new_of) -> RowIndex:
        """A new index with each row r renumbered new_of[r], without the types whose new_of[r] < 0."""
        cdef RowIndex kept = RowIndex()
        cdef Py_ssize_t slot
        cdef int64_t row
        for slot in range(self.table.capacity):
            if self.table.slots[slot].check != 0:
                row = self.table.slots[slot].value >> 1
                if row >= len(new_of):
                    raise IndexError("RowIndex.renumbered: a row has no new number")
                row = new_of[row]
                if row >= 0:
                    table_set(&kept.table, <str>self.table.slots[slot].key, self.table.slots[slot].value & 1, row)
        return kept

    cdef int64_t row(self, str word, bint initial):
        cdef int kind = PyUnicode_KIND(word)
        cdef void* data = PyUnicode_DATA(word)
        cdef Py_ssize_t length = PyUnicode_GET_LENGTH(word)
        cdef Py_ssize_t slot = find_slot(
            &self.table, kind, data, 0, length, initial, slice_hash(self.table.seed, kind, data, 0, length, initial)
        )
        return self.table.slots[slot].value >> 1 if slot >= 0 else -1
